// Who denied what? Every claim with stance "deny", with its claimant and cue.
g.V("deny")
  .In("<cg:stance>")
  .Save("<cg:claimantText>", "claimant_text")
  .Save("<cg:cue>", "cue")
  .Save("<cg:content>", "content")
  .Out("<cg:claimant>")
  .Save("<cg:name>", "claimant")
  .all()
