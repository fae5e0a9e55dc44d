// Who made claims about North Korea, with which cue and stance?
// Each result: the claimant's name, the cue lemma, the stance and the claim's content.
g.V("<ent:place/north-korea>")
  .In("<cg:about>")
  .Save("<cg:stance>", "stance")
  .Save("<cg:cue>", "cue")
  .Save("<cg:content>", "content")
  .Out("<cg:claimant>")
  .Save("<cg:name>", "claimant")
  .all()
