// Contested propositions with both sides: for every contested group, each of
// its claims with the claimant's name and stance.
g.V("<cg:Contested>")
  .In("<rdf:type>")
  .Save("<cg:proposition>", "proposition")
  .Out("<cg:claim>")
  .Save("<cg:stance>", "stance")
  .Save("<cg:content>", "content")
  .Out("<cg:claimant>")
  .Save("<cg:name>", "claimant")
  .all()
