package linker

import (
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// sentenceClaims finds the claims of sentence si. wasOpen reports that a
// quotation opened in an earlier sentence of the paragraph (at byte
// quoteStart) is still open at the sentence's start.
func (c *claimCtx) sentenceClaims(si int, sc *sentCtx, wasOpen bool, quoteStart int) {
	s := sc.s
	in := sc.inQuote
	var sentClaims []int
	for i := 0; i < len(s.Tokens); i++ {
		if in[i] {
			continue
		}
		t := s.Tokens[i]
		w := lower(t)
		// "According to X, S" and "S, according to X".
		if w == "according" && i+1 < len(s.Tokens) && lower(s.Tokens[i+1]) == "to" {
			if idx := c.according(si, sc, i); idx >= 0 {
				sentClaims = append(sentClaims, idx)
			}
			continue
		}
		lemma := Lemma(t.Norm)
		info, ok := cues[lemma]
		if !ok {
			continue
		}
		verb := isVerbTag(t.Tag)
		// Headlines are often mis-tagged ("NATO confirms ..." as a plural
		// noun): accept a cue right after a name there.
		if !verb && s.Headline && i > 0 && (t.Tag == "NNS" || t.Tag == "NN" || t.Tag == "NNP") && strings.HasSuffix(w, "s") && c.mentionEndsAt(si, i) {
			verb = true
		}
		if !verb {
			continue
		}
		// A passive or adjectival participle ("was reported", "is expected")
		// has no speaker on its left.
		if t.Tag == "VBN" && i > 0 && Lemma(s.Tokens[i-1].Norm) == "be" {
			continue
		}
		if idx := c.cueClaim(si, sc, i, lemma, info, sentClaims, wasOpen, quoteStart); idx >= 0 {
			sentClaims = append(sentClaims, idx)
		}
	}
}

// mentionEndsAt reports whether an entity mention ends right before token i.
func (c *claimCtx) mentionEndsAt(si, i int) bool {
	for _, m := range c.mentionsIn(si, 0, i) {
		if m.TokEnd == i {
			return true
		}
	}
	return false
}

// cueClaim builds the claim of the cue at token i, or returns -1.
func (c *claimCtx) cueClaim(si int, sc *sentCtx, i int, lemma string, info cueInfo, prior []int, wasOpen bool, quoteStart int) int {
	s := sc.s
	in := sc.inQuote
	n := len(s.Tokens)
	// Source on the left, across auxiliaries, adverbs and an appositive.
	j := i - 1
	negated := false
	hedged := false
	for j >= 0 && !in[j] && (sourceAux[lower(s.Tokens[j])] || s.Tokens[j].Tag == "RB" || s.Tokens[j].Tag == "MD") {
		if negations[lower(s.Tokens[j])] {
			negated = true
		}
		if hedges[lower(s.Tokens[j])] {
			hedged = true
		}
		j--
	}
	srcA, srcB := -1, -1
	participle := s.Tokens[i].Tag == "VBG" && j >= 0 && lower(s.Tokens[j]) == ","
	if participle {
		// ", saying ..." takes the speaker of the clause it hangs on.
		if len(prior) > 0 {
			p := c.art.Claims[prior[len(prior)-1]]
			k := skipLead(s, i+1, in)
			spec := claimSpec{claimant: p.Claimant, cueTok: i, lemma: lemma, info: info,
				negated: negated, hedged: hedged, contentFrom: k, contentTo: clauseEnd(s, k, in)}
			if k < n && isQuoteMark(s.Tokens[k]) {
				spec.contentFrom, spec.contentTo, spec.quoted = k+1, 0, true
			}
			return c.addClaim(si, sc, spec)
		}
		srcA, srcB = c.subjectOf(si, sc, j)
	} else if j >= 0 && lower(s.Tokens[j]) == "," && !in[j] {
		// Appositive: "Mark Rutte, NATO Secretary General, said".
		k := j - 1
		for k >= 0 && lower(s.Tokens[k]) != "," && !isVerbTag(s.Tokens[k].Tag) && !in[k] {
			k--
		}
		if k >= 0 && lower(s.Tokens[k]) == "," {
			if a, ok := npLeft(s, k-1, in); ok {
				srcA, srcB = a, k
			}
		}
		if srcA < 0 {
			// "S, X said" is handled below as a trailing attribution.
		}
	} else if a, ok := npLeft(s, j, in); ok {
		srcA, srcB = a, j+1
	}
	inverted := false
	if srcA < 0 {
		// Inverted attribution: `"Q," said X.`
		if b, ok := npRight(s, i+1, in); ok && (j < 0 || in[j] || lower(s.Tokens[j]) == ",") {
			srcA, srcB, inverted = i+1, b, true
		}
	}
	if srcA < 0 {
		return -1
	}
	claimant := c.claimant(si, s, srcA, srcB)
	spec := claimSpec{claimant: claimant, cueTok: i, lemma: lemma, info: info, negated: negated, hedged: hedged}
	// Content after the cue.
	k := i + 1
	if inverted {
		k = srcB
	}
	if lemma == "tell" {
		// "told reporters", "told the BBC": skip the addressee.
		if b, ok := npRight(s, k, in); ok {
			k = b
		}
	}
	k = skipLead(s, k, in)
	if k < n && isQuoteMark(s.Tokens[k]) && !inverted {
		spec.contentFrom = k + 1
		spec.quoted = true
		return c.addClaim(si, sc, spec)
	}
	end := clauseEnd(s, k, in)
	if end > k && !inverted && !(end-k == 1 && in[k]) {
		spec.contentFrom, spec.contentTo = k, end
		return c.addClaim(si, sc, spec)
	}
	// Nothing after the cue: the content comes before it — a quotation
	// (`"Q," X said`) or a clause (`S, X said`).
	q := srcA - 1
	if i < srcA {
		q = i - 1
	}
	for q >= 0 && (lower(s.Tokens[q]) == "," || lower(s.Tokens[q]) == ":") && !in[q] {
		q--
	}
	if q >= 0 && isQuoteMark(s.Tokens[q]) {
		// Find the opening mark.
		o := q - 1
		for o >= 0 && !isQuoteMark(s.Tokens[o]) {
			o--
		}
		spec.quoted = true
		if o < 0 && wasOpen {
			spec.contentStartByte = quoteStart
			spec.contentFrom, spec.contentTo = 0, q
		} else {
			spec.contentFrom, spec.contentTo = o+1, q
		}
		return c.addClaim(si, sc, spec)
	}
	if q > 0 && srcA >= 2 && lower(s.Tokens[srcA-1]) == "," {
		spec.contentFrom, spec.contentTo = 0, srcA-1
		return c.addClaim(si, sc, spec)
	}
	return -1
}

// subjectOf finds the subject of the clause before token j (for
// participles): the first noun phrase of the sentence.
func (c *claimCtx) subjectOf(si int, sc *sentCtx, j int) (int, int) {
	s := sc.s
	for k := 0; k < j; k++ {
		if sc.inQuote[k] {
			continue
		}
		if b, ok := npRight(s, k, sc.inQuote); ok {
			return k, b
		}
	}
	return -1, -1
}

// according handles "according to X".
func (c *claimCtx) according(si int, sc *sentCtx, i int) int {
	s := sc.s
	in := sc.inQuote
	b, ok := npRight(s, i+2, in)
	if !ok {
		return -1
	}
	// "of" phrases: "according to a spokesman for the ministry".
	for b+1 < len(s.Tokens) && (lower(s.Tokens[b]) == "of" || lower(s.Tokens[b]) == "for" || lower(s.Tokens[b]) == "at") {
		b2, ok := npRight(s, b+1, in)
		if !ok {
			break
		}
		b = b2
	}
	spec := claimSpec{claimant: c.claimant(si, s, i+2, b), cueTok: i, cueEnd: i + 2, lemma: "according to",
		info: cueInfo{Speech, Affirm, false}}
	if i == 0 || (i > 0 && s.Tokens[i-1].Tag != "," && lower(s.Tokens[i-1]) != ",") {
		// Leading: "According to X, S."
		k := b
		for k < len(s.Tokens) && lower(s.Tokens[k]) == "," {
			k++
		}
		spec.contentFrom, spec.contentTo = k, clauseEnd(s, k, in)
	} else {
		spec.contentFrom, spec.contentTo = 0, i-1
	}
	if spec.contentTo <= spec.contentFrom {
		return -1
	}
	return c.addClaim(si, sc, spec)
}

// claimant resolves the source noun phrase [a, b) of sentence si.
func (c *claimCtx) claimant(si int, s *nlp.Sentence, a, b int) Ref {
	ref := Ref{Text: c.doc.Text[s.Tokens[a].Start:s.Tokens[b-1].End], Start: s.Tokens[a].Start, End: s.Tokens[b-1].End}
	if b-a == 1 && s.Tokens[a].Tag == "PRP" {
		w := s.Tokens[a].Text
		var m *rmention
		if personPronouns[w] {
			m = c.lastPersonBefore(si, a)
		} else if groupPronouns[w] {
			m = c.lastGroupBefore(si, a)
		}
		ref.Entity = c.tab.id(m)
		return ref
	}
	ms := c.mentionsIn(si, a, b)
	if len(ms) == 0 {
		return ref
	}
	head := strings.ToLower(s.Tokens[b-1].Text)
	headIsMention := ms[len(ms)-1].TokEnd == b
	var pick *rmention
	switch {
	case headIsMention:
		pick = ms[len(ms)-1]
		for _, m := range ms {
			if m.typ == "PERSON" {
				pick = m
			}
		}
	case roleNouns[head] || roleNouns[Lemma(head)] || isTitleToken(head):
		// An unnamed speaker: affiliated with the first entity named.
		pick = ms[0]
	default:
		pick = ms[len(ms)-1]
	}
	ref.Entity = c.tab.id(pick)
	return ref
}

// claimSpec is a claim under construction, in token terms.
type claimSpec struct {
	claimant         Ref
	cueTok, cueEnd   int
	lemma            string
	info             cueInfo
	negated, hedged  bool
	quoted           bool
	contentFrom      int // first content token
	contentTo        int // one past the last content token; 0 = up to the closing quote
	contentStartByte int // when >0: content starts in an earlier sentence at this byte
}
