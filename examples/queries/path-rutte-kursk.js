// How is Mark Rutte connected to Kursk? Claims by Rutte that are about Kursk,
// with the sentence's content and the article they come from.
g.V("<ent:person/mark-rutte>")
  .In("<cg:claimant>")
  .Tag("claim")
  .Save("<cg:content>", "content")
  .Save("<cg:article>", "article")
  .Out("<cg:about>")
  .Is("<ent:place/kursk>")
  .all()
