// Who denied what? Every claim with stance "deny", with its claimant and cue.
// A claimant is an entity (cg:claimant) or, when it names none, its words
// (cg:claimantText); SaveOpt keeps the claims that have only one of them.
g.V("deny")
  .In("<cg:stance>")
  .SaveOpt("<cg:claimant>", "claimant")
  .SaveOpt("<cg:claimantText>", "claimant_text")
  .Save("<cg:cue>", "cue")
  .Save("<cg:content>", "content")
  .all()
