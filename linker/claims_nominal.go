package linker

// Nominal cues: "his claim that S", "Trump's promise to S", "the assertion
// by the ministry that S", "her statement: "Q"".

// claimNounsKind gives the kind of the nouns that report a claim, beyond
// those the learnt lexicon knows; a noun of neither is speech. Nouns of
// plans ("his plan to", "the proposal to") are left out: they name a
// policy more often than they attribute one.
var claimNounsKind = map[string]string{
	"claim": Speech, "assertion": Speech, "allegation": Speech, "statement": Speech,
	"announcement": Speech, "warning": Speech, "suggestion": Speech, "argument": Speech,
	"insistence": Speech, "admission": Speech, "accusation": Speech, "charge": Speech,
	"prediction": Speech, "estimate": Speech, "remark": Speech, "comment": Speech,
	"denial": Speech, "complaint": Speech, "contention": Speech, "acknowledgment": Speech,
	"acknowledgement": Speech, "report": Speech, "testimony": Speech, "message": Speech,
	"belief": Belief, "view": Belief, "concern": Belief, "fear": Belief, "doubt": Belief,
	"assumption": Belief, "conviction": Belief, "suspicion": Belief, "worry": Belief, "sense": Belief,
	"hope": Intention, "desire": Intention, "pledge": Intention, "promise": Intention,
	"vow": Intention, "intention": Intention, "demand": Intention, "wish": Intention,
}

// nominalMinRatio is the share of its occurrences in PolNeAR train that a
// noun of the learnt lexicon must have spent inside a cue to be a nominal
// cue of its own.
const nominalMinRatio = 0.25

// nominalCue returns the kind of the noun at token i when it can report a
// claim.
func nominalCue(sc *sentCtx, i int) (string, bool) {
	lemma := sc.lemma(i)
	if k, ok := claimNounsKind[lemma]; ok {
		return k, true
	}
	if e, ok := cueLexicon[lemma+"/N"]; ok && e.cue >= lexVerbMinCue && e.ratio() >= nominalMinRatio {
		return kindOf(lemma), true
	}
	return "", false
}

// nominalClaim builds the claim of the noun cue at token i: its holder
// before it (a possessive) or after it ("by X"), its content a that-clause,
// an infinitive or a quotation after a colon.
func (c *claimCtx) nominalClaim(sc *sentCtx, i int) int {
	s := sc.s
	n := len(s.Tokens)
	kind, ok := nominalCue(sc, i)
	if !ok {
		return -1
	}
	// The holder: "his (repeated) claim", "Trump's claim", "the claim by X".
	j := i - 1
	for j >= 0 && !sc.in[j] && (s.Tokens[j].Tag == "JJ" || s.Tokens[j].Tag == "RB" || s.Tokens[j].Tag == "VBN") {
		j--
	}
	srcA, srcB := -1, -1
	k := i + 1
	switch {
	case j >= 0 && !sc.in[j] && s.Tokens[j].Tag == "PRP$":
		srcA, srcB = j, j+1
	case j >= 1 && !sc.in[j] && s.Tokens[j].Tag == "POS":
		if a, ok := sc.npLeft(j - 1); ok {
			srcA, srcB = a, j
		}
	case k+1 < n && sc.lower(k) == "by":
		if b, ok := sc.npRight(k + 1); ok {
			srcA, srcB, k = k+1, b, b
		}
	}
	if srcA < 0 || k >= n || sc.in[k] && !sc.mark[k] {
		return -1
	}
	spec := claimSpec{claimant: c.claimant(sc, srcA, srcB), cueTok: i, cueEnd: i + 1, lemma: sc.lemma(i),
		info: cueInfo{kind, Affirm, false}}
	if spec.lemma == "denial" {
		spec.info.stance = Deny
	}
	switch w := sc.lower(k); {
	case w == "that" && s.Tokens[k].Tag == "IN":
		end := sc.clauseEnd(k)
		if end <= k+1 {
			return -1
		}
		spec.start, spec.end = s.Tokens[k].Start, s.Tokens[end-1].End
	case w == "to" && kind == Intention && k+1 < n && s.Tokens[k+1].Tag == "VB":
		end := sc.clauseEnd(k)
		spec.start, spec.end = s.Tokens[k].Start, s.Tokens[end-1].End
	case w == ":" && k+1 < n && sc.mark[k+1]:
		q := c.quoteAt(s.Tokens[k+1].Start, s.Tokens[k+1].End)
		if q < 0 {
			return -1
		}
		spec.start, spec.end, spec.quoted = c.quotes[q].markStart, c.quotes[q].markEnd, true
	default:
		return -1
	}
	return c.addClaim(sc, spec)
}
