package linker

import (
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// sentenceClaims finds the claims of one sentence.
func (c *claimCtx) sentenceClaims(sc *sentCtx) {
	s := sc.s
	in := sc.in
	c.dashClaims(sc)
	for i := 0; i < len(s.Tokens); i++ {
		t := s.Tokens[i]
		w := sc.lower(i)
		if in[i] {
			if w == ":" && i < 8 && sc.mark[0] {
				// `"WALLACE: ...`: a transcript turn in quotation marks.
				c.keep(sc, c.colonClaim(sc, i))
			}
			continue
		}
		switch {
		case w == "according" && i+1 < len(s.Tokens) && sc.lower(i+1) == "to":
			c.keep(sc, c.according(sc, i))
			continue
		case w == ":":
			c.keep(sc, c.colonClaim(sc, i))
			continue
		}
		if !isVerbTag(t.Tag) && t.Tag != "NNS" && t.Tag != "NN" && t.Tag != "NNP" {
			continue
		}
		if t.Tag == "NN" || t.Tag == "NNS" {
			if idx := c.nominalClaim(sc, i); idx >= 0 {
				c.keep(sc, idx)
				continue
			}
		}
		lemma := sc.lemma(i)
		toks := s.Tokens
		// A verb in the third person is often tagged as a plural noun
		// ("NATO Confirms ...", "..., an analysis shows.").
		if !isVerbTag(t.Tag) {
			if i == 0 || !strings.HasSuffix(w, "s") || !mistaggedVerb(sc, i, lemma) {
				continue
			}
			toks = retagged(s.Tokens, i)
		}
		info, ok := cueFor(toks, i, lemma)
		if !ok {
			continue
		}
		// A passive or adjectival participle ("was reported", "is expected")
		// has no speaker on its left, nor has a participle that modifies a
		// noun ("a treaty favored by the parties"); only "has said" has.
		if t.Tag == "VBN" && sc.passive(i) {
			c.keep(sc, c.passiveClaim(sc, i, lemma, info))
			continue
		}
		if _, core := cues[lemma]; t.Tag == "VBN" && !core && !sc.perfect(i) {
			continue
		}
		if lemma == "say" && i > 0 && (sc.lower(i-1) == "let" || (sc.lower(i-1) == "'s" && i > 1 && sc.lower(i-2) == "let")) {
			continue // "let's say"
		}
		c.keep(sc, c.verbClaim(sc, i, lemma, info))
	}
}

// passive reports whether the participle at token i follows a form of "be"
// or "get" (across adverbs): "was first reported".
func (sc *sentCtx) passive(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if l := sc.lemma(k); l == "be" || l == "get" {
			return true
		}
		if sc.s.Tokens[k].Tag != "RB" {
			return false
		}
	}
	return false
}

// passiveClaim handles `S was endorsed by X`: the agent after "by" is the
// source and the subject the content.
func (c *claimCtx) passiveClaim(sc *sentCtx, i int, lemma string, info cueInfo) int {
	s := sc.s
	n := len(s.Tokens)
	if i+2 >= n || sc.lower(i+1) != "by" || sc.in[i+1] {
		return -1
	}
	b, ok := sc.npRight(i + 2)
	if !ok || s.Tokens[i+2].Tag == "VBG" {
		return -1
	}
	b = sc.extendNPRight(b)
	j := i - 1
	for j >= 0 && !sc.in[j] && (sc.lemma(j) == "be" || sc.lemma(j) == "have" || sc.lemma(j) == "get" || s.Tokens[j].Tag == "RB" || s.Tokens[j].Tag == "MD") {
		j--
	}
	a, ok := sc.npLeft(j)
	if !ok {
		return -1
	}
	spec := claimSpec{claimant: c.claimant(sc, i+2, b), cueTok: i, cueEnd: i + 2, lemma: lemma, info: info,
		start: s.Tokens[sc.extendNPLeft(a)].Start, end: s.Tokens[j].End}
	return c.addClaim(sc, spec)
}

// mistaggedVerb reports whether the cue word at token i, tagged as a noun,
// is a verb in the third person: after a noun, in a headline ("NATO
// Confirms ...", "New Poll Shows ...") or before "that" or the end of the
// sentence ("..., an analysis shows.").
func mistaggedVerb(sc *sentCtx, i int, lemma string) bool {
	s := sc.s
	if _, ok := cueVerbs[lemma]; !ok {
		if _, ok := cues[lemma]; !ok {
			return false
		}
	}
	prev := s.Tokens[i-1]
	if !(prev.Tag == "NN" || prev.Tag == "NNS" || prev.Tag == "NNP" || prev.Tag == "NNPS") || sc.in[i-1] {
		return false
	}
	if s.Headline {
		return isCapitalized(s.Tokens[i].Text) || s.Tokens[i].Text == strings.ToLower(s.Tokens[i].Text)
	}
	if i+1 < len(s.Tokens) {
		nx := sc.lower(i + 1)
		return nx == "." || nx == "that"
	}
	return true
}

// retagged returns the tokens with token i tagged as a verb in the third
// person (for cueFor).
func retagged(toks []nlp.Token, i int) []nlp.Token {
	out := append([]nlp.Token(nil), toks...)
	out[i].Tag = "VBZ"
	return out
}

// keep records a claim index of the sentence.
func (c *claimCtx) keep(sc *sentCtx, idx int) {
	if idx >= 0 {
		sc.claims = append(sc.claims, idx)
	}
}

// cueFor returns what is known of the cue word at token i: from the
// hand-made table, or from the lexicon learnt on PolNeAR's train split when
// the word is a verb that lies inside an annotated cue often enough, in its
// context when the context was seen often enough ("appear to" but not
// "appear on").
func cueFor(toks []nlp.Token, i int, lemma string) (cueInfo, bool) {
	if info, ok := cues[lemma]; ok {
		return info, true
	}
	t := toks[i]
	if !isVerbTag(t.Tag) || stopCueVerbs[lemma] {
		return cueInfo{}, false
	}
	v, ok := cueVerbs[lemma]
	if !ok || v.all.cue < lexVerbMinCue {
		return cueInfo{}, false
	}
	e := v.all
	if ce, ok := v.ctx[lexContext(toks, i)]; ok && ce.total >= lexContextMinTotal {
		e = ce
	}
	if e.ratio() < lexVerbMinRatio {
		return cueInfo{}, false
	}
	return cueInfo{kindOf(lemma), Affirm, true}, true
}

// stopCueVerbs are verbs of the learnt lexicon that are parts of longer
// cues, never cues by themselves (auxiliaries, light verbs).
var stopCueVerbs = set(`be have do make take get go come give put let keep become`)

// mentionEndsAt reports whether an entity mention ends right before token i.
func (c *claimCtx) mentionEndsAt(si, i int) bool {
	for _, m := range c.mentionsIn(si, 0, i) {
		if m.TokEnd == i {
			return true
		}
	}
	return false
}

// isDash reports whether a token is a dash used as punctuation.
func isDash(w string) bool { return w == "―" || w == "—" || w == "–" || w == "--" }

// addressee verbs take the person spoken to before their content ("told
// reporters that").
var addresseeVerbs = set(`tell ask remind assure warn inform urge advise convince notify persuade
promise show email text caution reassure`)

// particles that belong to a cue ("called for", "pointed to").
var cueParticles = set(`for to about on out at against of with into up`)

// verbClaim builds the claim of the verb cue at token i, or returns -1.
func (c *claimCtx) verbClaim(sc *sentCtx, i int, lemma string, info cueInfo) int {
	s := sc.s
	in := sc.in
	n := len(s.Tokens)
	spec := claimSpec{cueTok: i, cueEnd: i + 1, lemma: lemma, info: info}
	if namingParticiple(s.Tokens, i, lemma) {
		return -1 // "a website called Real News Right Now": a name, not a claim
	}
	_, core := cues[lemma]
	// A particle that belongs to the cue: "called for", "pointed to".
	if !core || lemma == "call" {
		if i+1 < n && !in[i+1] && cueParticles[sc.lower(i+1)] && (s.Tokens[i+1].Tag == "RP" || s.Tokens[i+1].Tag == "IN" || s.Tokens[i+1].Tag == "TO") {
			// "decided to act": the infinitive is the content.
			infinitive := s.Tokens[i+1].Tag == "TO" && i+2 < n && s.Tokens[i+2].Tag == "VB"
			if e, ok := cueLexicon[sc.lower(i+1)+"/P"]; ok && e.cue > 0 && !infinitive {
				spec.cueEnd = i + 2
			}
		}
	}
	// The source: on the left across auxiliaries, adverbs and an
	// appositive; or the speaker of the clause a participle hangs on; or,
	// inverted, after the cue.
	j := i - 1
	for j >= 0 && !in[j] && ((sourceAux[sc.lower(j)] && !strings.HasPrefix(s.Tokens[j].Tag, "NNP")) || s.Tokens[j].Tag == "RB" || s.Tokens[j].Tag == "MD" || sc.lower(j) == ")") {
		if sc.lower(j) == ")" {
			// "Rep. Gwen Moore (D-Wis.) said": skip the parenthesis.
			o := j - 1
			for o >= 0 && j-o < 12 && !in[o] && sc.lower(o) != "(" {
				o--
			}
			if o <= 0 || sc.lower(o) != "(" {
				break
			}
			j = o - 1
			continue
		}
		w := sc.lower(j)
		if negations[w] {
			spec.negated = true
		}
		if hedges[w] {
			spec.hedged = true
		}
		j--
	}
	srcA, srcB := -1, -1
	inverted := false
	participle := s.Tokens[i].Tag == "VBG" && j >= 0 && !in[j] && sc.lower(j) == ","
	switch {
	case s.Tokens[i].Tag == "VBG" && !participle && !sc.progressive(j, i):
		// A gerund ("by saying", "after calling"): no speaker of its own.
		if j < 0 || s.Tokens[j].Tag != "IN" {
			return -1
		}
		if a, b := c.subjectOf(sc, j); a >= 0 {
			srcA, srcB = a, b
		}
	case participle:
		// ", saying ..." takes the speaker of the clause it hangs on.
		if m := c.mainClaim(sc); m >= 0 {
			spec.claimant = c.art.Claims[m].Claimant
			spec.hasClaimant = true
		} else if a, b := c.subjectOf(sc, j); a >= 0 {
			srcA, srcB = a, b
		}
	case j >= 0 && !in[j] && s.Tokens[j].Tag == "CC" && isVerbTag(s.Tokens[i].Tag) && s.Tokens[i].Tag != "VBG" && s.Tokens[i].Tag != "VBN":
		// "X announced ... and said S": the subject of the first verb.
		if m := c.mainClaim(sc); m >= 0 {
			spec.claimant = c.art.Claims[m].Claimant
			spec.hasClaimant = true
		} else if a, b := c.subjectOf(sc, j); a >= 0 {
			srcA, srcB = a, b
		}
	case j >= 0 && !in[j] && (s.Tokens[j].Tag == "WP" || (s.Tokens[j].Tag == "WDT" && sc.lower(j) != "what")):
		// "X, who said ...": the relative pronoun is the source.
		srcA, srcB = j, j+1
	case j >= 0 && !in[j] && sc.lower(j) == ",":
		if a, b, ok := c.appositive(sc, j); ok {
			srcA, srcB = a, b
		} else if a, ok := sc.npLeft(j - 1); ok && (c.mentionEndsAt(sc.si, j) || s.Tokens[j-1].Tag == "PRP") && a > 0 && sc.lower(a-1) == "," {
			// "A lawyer for the outlets, David Schulz, said": the name.
			srcA, srcB = a, j
		}
	default:
		if a, ok := sc.npLeft(j); ok {
			if isTimeWord(s.Tokens[j].Text) {
				// "Trump this week said": the time phrase is no speaker.
				if a2, ok := sc.npLeft(a - 1); ok && !isTimeWord(s.Tokens[a-1].Text) {
					srcA, srcB = sc.extendNPLeft(a2), a
				}
				break
			}
			srcA, srcB = sc.extendNPLeft(a), j+1
		}
	}
	if srcA < 0 && !spec.hasClaimant {
		// Inverted: `"Q," said X`, `S, says X`.
		if j < 0 || in[j] || sc.lower(j) == "," || isDash(sc.lower(j)) {
			if b, ok := sc.npRight(spec.cueEnd); ok && (j >= 0 && in[j] || c.speakerLike(sc, spec.cueEnd, b)) {
				srcA, srcB, inverted = spec.cueEnd, sc.extendNPRight(b), true
			}
		}
	}
	if srcA < 0 && !spec.hasClaimant {
		return -1
	}
	if !spec.hasClaimant {
		spec.claimant = c.claimant(sc, srcA, srcB)
	}
	// Content: a quotation that closes right before the source (`"Q," X
	// said`, `"Q," said X`), joined to one that opens right after the cue
	// (`"Q1," X said, "Q2."`); else what follows the cue, unless it is only
	// an adjunct ("said in an interview"); else the clause before (`S, X
	// said`).
	from := srcA
	if inverted || spec.hasClaimant || srcA < 0 {
		from = i
	}
	k := spec.cueEnd
	if inverted {
		k = srcB
	}
	if q := c.quoteBefore(sc, from); q >= 0 {
		after := spec
		if !inverted && c.contentAfter(sc, &after, k, lemma, core) && after.quoted {
			spec.end = after.end
		} else {
			spec.end = c.quotes[q].markEnd
			if q2 := c.continuation(sc, q); q2 >= 0 {
				spec.end = c.quotes[q2].markEnd
			}
		}
		spec.start, spec.quoted = c.clauseStartBefore(sc, c.quotes[c.openingParagraph(q)].markStart), true
		return c.addClaim(sc, spec)
	}
	if (!inverted || (k < len(s.Tokens) && sc.lower(k) == ":")) && c.contentAfter(sc, &spec, k, lemma, core) {
		return c.addClaim(sc, spec)
	}
	if c.contentBefore(sc, &spec, from) {
		return c.addClaim(sc, spec)
	}
	return -1
}

// timeWords head time phrases, which are never speakers.
var timeWords = set(`week weeks month months year years day days today yesterday tonight night
morning afternoon evening weekend monday tuesday wednesday thursday friday saturday sunday
time times hour hours minute minutes moment`)

// isTimeWord reports whether a word heads a time phrase ("this week",
// "Monday"; not "The Times").
func isTimeWord(w string) bool {
	l := strings.ToLower(w)
	return timeWords[l] && (l == w || dayNames[l])
}

var dayNames = set(`monday tuesday wednesday thursday friday saturday sunday`)

var monthNames = set(`january february march april may june july august september october
november december jan. feb. aug. sept. oct. nov. dec.`)

// speakerLike reports whether the noun phrase [a, b) can be a speaker named
// after its cue (`S, said X`): a name, a pronoun, or a role ("a spokesman"),
// followed by the end of the clause.
func (c *claimCtx) speakerLike(sc *sentCtx, a, b int) bool {
	s := sc.s
	if b < len(s.Tokens) {
		w := sc.lower(b)
		if !(w == "," || w == "." || w == ":" || w == ";" || w == "(" || npPostMods[w] || sc.mark[b] || isDash(w)) {
			return false
		}
	}
	head := s.Tokens[b-1]
	if head.Tag == "PRP" {
		return personPronouns[head.Text] || groupPronouns[head.Text]
	}
	return c.mentionEndsAt(sc.si, b) || roleNouns[strings.ToLower(head.Text)] || isTitleToken(head.Text)
}

// mainClaim returns the first claim of the sentence that is not reported
// inside another one's content, or -1.
func (c *claimCtx) mainClaim(sc *sentCtx) int {
	for _, x := range sc.claims {
		a := c.art.Claims[x]
		inner := false
		for _, y := range sc.claims {
			b := c.art.Claims[y]
			if x != y && a.Cue.Start >= b.Content.Start && a.Cue.End <= b.Content.End {
				inner = true
				break
			}
		}
		if !inner {
			return x
		}
	}
	return -1
}

// perfect reports whether the participle at token i follows a form of
// "have" (across adverbs): "has long argued".
func (sc *sentCtx) perfect(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if sc.lemma(k) == "have" || sc.lower(k) == "'ve" {
			return true
		}
		if sc.s.Tokens[k].Tag != "RB" {
			return false
		}
	}
	return false
}

// progressive reports whether a form of "be" stands between token j and
// the cue i ("is demanding", "has been saying").
func (sc *sentCtx) progressive(j, i int) bool {
	for k := j + 1; k < i; k++ {
		if sc.lemma(k) == "be" || sc.lower(k) == "'s" || sc.lower(k) == "’s" || sc.lower(k) == "'re" {
			return true
		}
	}
	return false
}

// subjectOf finds the subject of the clause before token j (for
// participles): the first noun phrase of the sentence outside quotations.
func (c *claimCtx) subjectOf(sc *sentCtx, j int) (int, int) {
	s := sc.s
	for k := 0; k < j; k++ {
		if sc.in[k] {
			continue
		}
		if s.Tokens[k].Tag == "IN" || sc.lower(k) == "," {
			// Skip a fronted phrase: "In a statement, X ...".
			for k < j && sc.lower(k) != "," {
				k++
			}
			continue
		}
		if b, ok := sc.npRight(k); ok {
			return k, b
		}
		return -1, -1
	}
	return -1, -1
}

// npPostMods may join a noun phrase to a following one inside a source:
// "a spokesman for the ministry", "the head of the agency".
var npPostMods = set(`of for at with from in`)

// extendNPLeft extends the noun phrase that starts at a leftwards across
// post-modifiers: "a spokesman for [the ministry]".
func (sc *sentCtx) extendNPLeft(a int) int {
	s, in := sc.s, sc.in
	for n := 0; n < 3 && a >= 2 && !in[a-1] && npPostMods[sc.lower(a-1)]; n++ {
		b, ok := sc.npLeft(a - 2)
		if !ok || s.Tokens[a-2].Tag == "PRP" {
			break
		}
		a = b
	}
	return a
}

// extendNPRight extends a noun phrase ending at b rightwards across
// post-modifiers: "said [a spokesman] for the ministry".
func (sc *sentCtx) extendNPRight(b int) int {
	s, in := sc.s, sc.in
	for n := 0; n < 3 && b+1 < len(s.Tokens) && !in[b] && npPostMods[sc.lower(b)]; n++ {
		e, ok := sc.npRight(b + 1)
		if !ok {
			break
		}
		b = e
	}
	return b
}

// appositive finds the source of `X, an appositive, said`: j is the comma
// before the cue. It returns the source span, the noun phrase before the
// appositive's opening comma.
func (c *claimCtx) appositive(sc *sentCtx, j int) (int, int, bool) {
	s := sc.s
	in := sc.in
	if j < 1 || in[j-1] {
		return 0, 0, false // `"Q," said X`
	}
	var fallback [2]int
	found := false
	for k := j - 1; k >= 1 && k >= j-45; k-- {
		if in[k] {
			return 0, 0, false
		}
		w := sc.lower(k)
		if w == ";" || w == ":" {
			break
		}
		if w != "," {
			continue
		}
		a, ok := sc.npLeft(k - 1)
		if !ok {
			continue
		}
		ms := c.mentionsIn(sc.si, a, k)
		if (len(ms) > 0 && ms[len(ms)-1].TokEnd == k) || s.Tokens[k-1].Tag == "PRP" {
			return sc.extendNPLeft(a), k, true
		}
		if !found {
			fallback, found = [2]int{a, k}, true
		}
	}
	if found && fallback[0] == 0 {
		return fallback[0], fallback[1], true
	}
	return 0, 0, false
}

// adjunctStarts begin a phrase after a cue that is not its content ("said in
// an interview", "said as he left").
var adjunctStarts = set(`in at on during after before from of to as at while when with by
before since amid outside inside near following ahead last this next`)

// contentAfter sets the content of spec from the tokens at k onwards.
func (c *claimCtx) contentAfter(sc *sentCtx, spec *claimSpec, k int, lemma string, core bool) bool {
	info := spec.info
	s := sc.s
	in := sc.in
	n := len(s.Tokens)
	if addresseeVerbs[lemma] && k < n && !in[k] {
		if b, ok := sc.npRight(k); ok && sc.lower(k) != "that" {
			k = b
			// "told MSNBC's "Morning Joe" that": the programme's title.
			if k < n && sc.mark[k] {
				if q := c.quoteAt(s.Tokens[k].Start, s.Tokens[k].End); q >= 0 {
					m := k
					for m < n && s.Tokens[m].Start < c.quotes[q].markEnd {
						m++
					}
					if m < n && sc.lower(m) == "that" {
						k = m
					}
				}
			}
		}
	}
	k = sc.skipLead(k)
	// "said in a statement on Monday that S": a short phrase before "that"
	// or a quotation.
	if k < n && !in[k] && sc.lower(k) != "that" && (adjunctStarts[sc.lower(k)] || isTimeWord(s.Tokens[k].Text) || monthNames[sc.lower(k)]) && !(sc.lower(k) == "to" && info.kind != Speech) {
		found := false
		for m := k + 1; m < n && m <= k+12; m++ {
			w := sc.lower(m)
			if in[m] && !sc.mark[m] {
				break
			}
			if sc.mark[m] || w == "that" || w == ":" {
				if w == ":" || (w == "that" && s.Tokens[m].Tag == "IN") || sc.mark[m] {
					k, found = m, true
				}
				break
			}
			if isFiniteVerb(s.Tokens[m].Tag) || w == ";" {
				break
			}
		}
		// "said after the convention he would ...": a preposition and
		// its noun phrase, then a clause.
		if !found && s.Tokens[k].Tag == "IN" && core && info.kind == Speech {
			if b, ok := sc.npRight(k + 1); ok {
				if b2, ok := sc.npRight(b); ok && b2 < n && !in[b2] && (isFiniteVerb(s.Tokens[b2].Tag)) {
					k = b
				}
			}
		}
		k = sc.skipLead(k)
	}
	if k >= n {
		return false
	}
	if sc.mark[k] {
		q := c.quoteAt(s.Tokens[k].Start, s.Tokens[k].End)
		if q < 0 {
			return false
		}
		spec.start, spec.end, spec.quoted = c.quotes[q].markStart, c.quotes[q].markEnd, true
		// `claimed "Trump exaggerates" the level of ...`: a quoted phrase
		// inside the reported clause.
		m := k
		for m < n && s.Tokens[m].Start < c.quotes[q].markEnd {
			m++
		}
		if m < n && m > k && c.quotes[q].markEnd <= s.End && !sc.in[m] && isWordTag(s.Tokens[m].Tag) && s.Tokens[m].Tag != "CC" {
			if end := sc.clauseEnd(k); end > m {
				spec.end, spec.quoted = s.Tokens[end-1].End, false
			}
		}
		return true
	}
	w := sc.lower(k)
	infinitive := w == "to" && k+1 < n && s.Tokens[k+1].Tag == "VB"
	if w != "that" && !infinitive && ((adjunctStarts[w] && !(w == "to" && info.kind != Speech)) || w == "and" || w == "but" || w == "(" || (s.Tokens[k].Tag == "VBG" && k > 0 && sc.lower(k-1) == ",") || s.Tokens[k].Tag == "." || w == "if" && lemma == "say") {
		if core && lemma != "ask" {
			return false
		}
	}
	if w == "." || w == "!" || w == "?" || w == ")" {
		return false
	}
	end := sc.clauseEnd(k)
	if !core && w != "that" && w != "whether" && w != "if" && s.Tokens[k].Tag != "TO" {
		end = sc.objectEnd(k, end)
	}
	if !core && s.Tokens[k].Tag == "TO" && k+1 < n && s.Tokens[k+1].Tag == "VB" {
		spec.info.kind = Intention // "sought to", "requested to"
	}
	if end <= k {
		return false
	}
	spec.start, spec.end = s.Tokens[k].Start, s.Tokens[end-1].End
	return true
}

// isWordTag reports whether a tag is that of a word, not punctuation.
func isWordTag(tag string) bool {
	return tag != "" && tag[0] >= 'A' && tag[0] <= 'Z'
}

// isFiniteVerb reports whether a tag is that of a finite verb or a modal.
func isFiniteVerb(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// objectBreaks end the noun-phrase object of a cue of the learnt lexicon
// ("condemned the launch as ...", "cited the figure, further ...").
var objectBreaks = set(`, ; -- — – ( as because since while when whereas although though after before
until unless which who whom whose where`)

// objectEnd returns where the object that starts at k (and runs at most to
// end) ends.
func (sc *sentCtx) objectEnd(k, end int) int {
	in := sc.in
	for j := k + 1; j < end; j++ {
		if !in[j] && objectBreaks[sc.lower(j)] {
			return j
		}
	}
	return end
}

// contentBefore sets the content of spec from what precedes token from (the
// source, or the cue when inverted): a quotation (`"Q," X said`) or a
// clause (`S, X said`).
func (c *claimCtx) contentBefore(sc *sentCtx, spec *claimSpec, from int) bool {
	s := sc.s
	if q := c.quoteBefore(sc, from); q >= 0 {
		spec.start, spec.end, spec.quoted = c.quotes[q].markStart, c.quotes[q].markEnd, true
		return true
	}
	q := from - 1
	if q < 1 || sc.in[q] || (sc.lower(q) != "," && !isDash(sc.lower(q))) {
		return false
	}
	a := 0
	for k := q - 1; k >= 0; k-- {
		if sc.in[k] {
			continue
		}
		if w := sc.lower(k); w == ";" || w == ":" {
			a = k + 1
			break
		}
	}
	if q-a < 2 {
		return false
	}
	spec.start, spec.end = s.Tokens[a].Start, s.Tokens[q-1].End
	return true
}

// quoteBefore returns the quotation that closes right before token from
// (across a comma or a dash), or -1.
func (c *claimCtx) quoteBefore(sc *sentCtx, from int) int {
	s := sc.s
	q := from - 1
	for q >= 0 && !sc.mark[q] && !sc.in[q] && (sc.lower(q) == "," || isDash(sc.lower(q))) {
		q--
	}
	if q < 0 || !sc.in[q] {
		return -1
	}
	x := c.quoteAt(s.Tokens[q].Start, s.Tokens[q].End)
	if x < 0 || !c.quotes[x].closed || c.quotes[x].markEnd > s.Tokens[q].End {
		return -1
	}
	return x
}

// openingParagraph returns the first quotation of a quotation that runs
// over several paragraphs and ends with quotation q: news leaves a quoted
// paragraph unclosed when the quotation goes on in the next one, which opens
// with a new mark.
func (c *claimCtx) openingParagraph(q int) int {
	for q > 0 {
		prev := c.quotes[q-1]
		if prev.closed || !c.paragraphStart(c.quotes[q].markStart) || prev.close > c.quotes[q].markStart {
			break
		}
		q--
	}
	return q
}

// paragraphStart reports whether byte b starts a sentence that starts a
// paragraph.
func (c *claimCtx) paragraphStart(b int) bool {
	sents := c.doc.Sentences
	i := sort.Search(len(sents), func(i int) bool { return sents[i].Start >= b })
	return i < len(sents) && sents[i].Start == b && (i == 0 || sents[i-1].Paragraph != sents[i].Paragraph)
}

// clauseStartBefore returns where the clause that holds byte b of the
// sentence starts: `The summit accomplished "too little," X said` has its
// content from "The summit". A quotation that opens the sentence or
// follows a colon starts there.
func (c *claimCtx) clauseStartBefore(sc *sentCtx, b int) int {
	s := sc.s
	if b <= s.Start {
		return b
	}
	a := -1
	for k, t := range s.Tokens {
		if t.Start >= b {
			break
		}
		if sc.in[k] {
			return b // another quotation before it
		}
		if w := lower(t); w == ";" || w == ":" || isDash(w) {
			a = -1
			continue
		}
		if a < 0 {
			a = k
		}
	}
	if a < 0 {
		return b
	}
	return s.Tokens[a].Start
}

// continuation returns the quotation that continues quotation q in the
// next sentence of the paragraph (`"Q1," X said. "Q2."`): it opens the
// next sentence, and nothing but punctuation follows it there. It returns
// -1 when there is none, or when the sentence goes on after the cue with
// words of its own.
func (c *claimCtx) continuation(sc *sentCtx, q int) int {
	if q+1 >= len(c.quotes) || sc.si+1 >= len(c.doc.Sentences) {
		return -1
	}
	for x := q + 1; x < len(c.quotes) && c.quotes[x].markStart < sc.s.End; x++ {
		return -1 // another quotation in this sentence
	}
	next := &c.doc.Sentences[sc.si+1]
	q2 := c.quotes[q+1]
	if next.Paragraph != sc.s.Paragraph || q2.markStart != next.Start || !q2.closed {
		return -1
	}
	// The sentence in which q2 closes must end with it.
	for ns := sc.si + 1; ns < len(c.doc.Sentences) && c.doc.Sentences[ns].Start < q2.markEnd; ns++ {
		t := c.doc.Sentences[ns].Tokens
		for _, tok := range t {
			if tok.Start >= q2.markEnd && !strings.ContainsAny(tok.Text, ".!?") {
				return -1
			}
		}
	}
	return q + 1
}

// quoteAt returns the quotation whose marks or text overlap bytes [a, b),
// or -1.
func (c *claimCtx) quoteAt(a, b int) int {
	for x, q := range c.quotes {
		if q.markStart < b && a < q.markEnd {
			return x
		}
		if q.markStart >= b {
			break
		}
	}
	return -1
}

// according handles "according to X".
func (c *claimCtx) according(sc *sentCtx, i int) int {
	s := sc.s
	b, ok := sc.npRight(i + 2)
	if !ok {
		return -1
	}
	b = sc.extendNPRight(b)
	spec := claimSpec{claimant: c.claimant(sc, i+2, b), cueTok: i, cueEnd: i + 2, lemma: "according to",
		info: cueInfo{Speech, Affirm, false}}
	if i == 0 || sc.lower(i-1) != "," {
		// Leading: "According to X, S."
		k := b
		for k < len(s.Tokens) && sc.lower(k) == "," {
			k++
		}
		if k < len(s.Tokens) && sc.mark[k] {
			if q := c.quoteAt(s.Tokens[k].Start, s.Tokens[k].End); q >= 0 {
				spec.start, spec.end, spec.quoted = c.quotes[q].markStart, c.quotes[q].markEnd, true
				return c.addClaim(sc, spec)
			}
		}
		end := sc.clauseEnd(k)
		if end <= k {
			return -1
		}
		spec.start, spec.end = s.Tokens[k].Start, s.Tokens[end-1].End
	} else {
		if !c.contentBefore(sc, &spec, i) {
			return -1
		}
	}
	return c.addClaim(sc, spec)
}

// colonClaim handles `X: S` with X a name at the start of a sentence (a
// headline "Sanders: ...", a transcript "WALLACE: ...", "Q: ...") or after
// a dash ("... - Mark Blumenthal: “...”").
func (c *claimCtx) colonClaim(sc *sentCtx, i int) int {
	s := sc.s
	if i+1 >= len(s.Tokens) {
		return -1
	}
	a := 0
	for a < i && sc.mark[a] {
		a++
	}
	for k := i - 1; k > a; k-- {
		if isDash(sc.lower(k)) || sc.lower(k) == "-" {
			a = k + 1
			break
		}
	}
	if a >= i || i-a > 6 {
		return -1
	}
	for k := a; k < i; k++ {
		t := s.Tokens[k]
		if (sc.in[k] && a == 0) || !(npTags[t.Tag] || t.Tag == "NNP") || (k == a && !isCapitalized(t.Text)) {
			return -1
		}
	}
	if _, ok := cues[sc.lemma(a)]; ok || colonStop[sc.lower(a)] {
		return -1 // "Said Ellis: ..." is the verb's; "UPDATE: ..." is no one's
	}
	ms := c.mentionsIn(sc.si, a, i)
	first := s.Tokens[a].Text
	allCaps := i-a == 1 && strings.ToUpper(first) == first && strings.ToLower(first) != first
	named := len(ms) > 0 && ms[len(ms)-1].TokEnd == i
	if !named && !allCaps && !s.Headline {
		return -1
	}
	spec := claimSpec{claimant: c.claimant(sc, a, i), cueTok: i, cueEnd: i + 1, lemma: ":", info: cueInfo{Speech, Affirm, false}}
	spec.start = s.Tokens[i+1].Start
	if sc.mark[i+1] {
		if q := c.quoteAt(s.Tokens[i+1].Start, s.Tokens[i+1].End); q >= 0 {
			spec.start, spec.end, spec.quoted = c.quotes[q].markStart, c.quotes[q].markEnd, true
			return c.addClaim(sc, spec)
		}
	}
	// To the end of the paragraph: a transcript turn runs on.
	end := s.End
	for ns := sc.si + 1; ns < len(c.doc.Sentences) && c.doc.Sentences[ns].Paragraph == s.Paragraph; ns++ {
		end = c.doc.Sentences[ns].End
	}
	spec.end = end
	return c.addClaim(sc, spec)
}

// colonStop are words before a colon that introduce no speaker.
var colonStop = set(`update updated clarification correction note editor editors read related
watch video photo photos source sources full text abstract see also breaking exclusive live
opinion analysis commentary editorial washington warning caption credit latest`)

// dashClaims handles `"Q" ― X`: a quotation that opens its sentence (or
// paragraph) signed with a dash and a name, however the tokenizer split
// the marks.
func (c *claimCtx) dashClaims(sc *sentCtx) {
	s := sc.s
	text := c.doc.Text
	first := sort.Search(len(c.quotes), func(i int) bool { return c.quotes[i].markEnd > s.Start })
	for q := first; q < len(c.quotes) && c.quotes[q].markEnd <= s.End; q++ {
		qq := c.quotes[q]
		if !qq.closed || (qq.markStart > s.Start && !c.paragraphStart(qq.markStart)) {
			continue
		}
		b := qq.markEnd
		for b < s.End && text[b] == ' ' {
			b++
		}
		d := dashAt(text[b:s.End])
		if d == 0 {
			continue
		}
		k := 0
		for k < len(s.Tokens) && s.Tokens[k].Start < b+d {
			k++
		}
		e, ok := sc.npRight(k)
		if !ok || k == 0 {
			continue
		}
		named := false
		for _, m := range c.mentionsIn(sc.si, k, e) {
			named = named || m.typ == "PERSON" || m.typ == "ORG"
		}
		if !named {
			continue
		}
		spec := claimSpec{claimant: c.claimant(sc, k, e), cueTok: k - 1, cueEnd: k, cueStart: b, cueStop: b + d,
			lemma: "—", info: cueInfo{Speech, Affirm, false}, start: qq.markStart, end: qq.markEnd, quoted: true}
		c.keep(sc, c.addClaim(sc, spec))
	}
}

// dashAt returns the length of the dash that starts s, or 0.
func dashAt(s string) int {
	for _, d := range []string{"―", "—", "–", "--"} {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

// claimant resolves the source noun phrase [a, b) of the sentence.
func (c *claimCtx) claimant(sc *sentCtx, a, b int) Ref {
	s := sc.s
	si := sc.si
	ref := Ref{Text: c.doc.Text[s.Tokens[a].Start:s.Tokens[b-1].End], Start: s.Tokens[a].Start, End: s.Tokens[b-1].End}
	if b-a == 1 {
		w := s.Tokens[a].Text
		var m *rmention
		switch {
		case personPronouns[w] || sc.lower(a) == "who":
			m = c.lastBefore(si, a, "PERSON")
			if sc.lower(a) == "who" {
				if x := c.lastBefore(si, a, "PERSON", "ORG", "GPE"); x != nil && x.Sentence == si {
					m = x
				}
			}
		case groupPronouns[w] || sc.lower(a) == "which":
			m = c.lastBefore(si, a, "ORG", "GPE")
		}
		if m != nil || s.Tokens[a].Tag == "PRP" || s.Tokens[a].Tag == "WP" || s.Tokens[a].Tag == "WDT" {
			ref.Entity = c.tab.id(m)
			return ref
		}
	}
	ms := c.mentionsIn(si, a, b)
	if len(ms) == 0 {
		// "the ministry", "the minister": the organisation or person named
		// before, when the head is a word of that kind.
		head := Lemma(s.Tokens[b-1].Text)
		if s.Tokens[a].Tag == "DT" && strings.ToLower(s.Tokens[a].Text) == "the" {
			switch {
			case orgHeads[head]:
				ref.Entity = c.tab.id(c.lastBefore(si, a, "ORG"))
			case isTitleToken(head) && !roleNouns[head+"s"]:
				ref.Entity = c.tab.id(c.lastBefore(si, a, "PERSON"))
			}
		}
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

// orgHeads name an organisation in a definite description ("the ministry").
var orgHeads = set(`ministry department agency company firm bank government administration
committee commission council party campaign office organization organisation group union
court board alliance army military police`)

// claimSpec is a claim under construction.
type claimSpec struct {
	claimant        Ref
	hasClaimant     bool
	cueTok, cueEnd  int // token range of the cue
	cueStart        int // when cueStop > 0: the cue's bytes, inside a token
	cueStop         int
	lemma           string
	info            cueInfo
	negated, hedged bool
	quoted          bool
	start, end      int // content, in bytes
}

// namingParticiple reports whether the cue at token i is a participle
// that names what the noun before it is called: "a website called Real
// News Right Now", "a group dubbed 'the Squad'".
func namingParticiple(toks []nlp.Token, i int, lemma string) bool {
	switch lemma {
	case "call", "dub", "name", "label", "brand", "title":
	default:
		return false
	}
	if toks[i].Tag != "VBN" || i == 0 || i+1 >= len(toks) {
		return false
	}
	prev, next := toks[i-1].Tag, toks[i+1]
	if prev != "NN" && prev != "NNS" {
		return false
	}
	return next.Tag == "NNP" || next.Tag == "NNPS" || next.Tag == "``" || next.Text == "\"" || next.Text == "“"
}
