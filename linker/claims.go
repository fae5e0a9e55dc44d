package linker

// Claim extraction (this file and claims_*.go).
//
// Each sentence is read once, left to right. A cue is
//
//   - a verb of the hand-made table cues (say, tell, deny, believe, want ...),
//     or a verb of the lexicon learnt from PolNeAR's train split
//     (claims_lexicon_data.go) that lies inside an annotated cue often
//     enough, in its context ("appear to" is one, "appear on" is not);
//   - "according to"; a noun of claim ("his claim that S", "her promise to
//     S"); a colon after a name ("Sanders: S", "WALLACE: ..."); a dash that
//     signs a quotation (`"Q" ― Maria Lopez`).
//
// Quotations are found on the characters of each paragraph
// (claims_quotes.go), so that straight, curly and doubled-apostrophe marks
// are alike, a quotation may run over several sentences, and one left open
// at a paragraph's end and reopened in the next runs on (news style). No cue
// inside a quotation is read: it is the quoted speaker's.
//
// The source is the noun phrase before the cue (across auxiliaries,
// adverbs, a parenthesis "(D-Wis.)", an appositive "X, a ..., said", a
// relative pronoun "X, who said"), after it when inverted (`"Q," said X`),
// or the speaker of the clause a participle or a coordinated verb hangs on
// (", saying S", "announced ... and said S").
//
// The content is a quotation that closes right before the source (joined to
// one that opens right after the cue, or that continues in the next
// sentence: `"Q1," X said. "Q2."`; started at the beginning of its clause
// when the quotation is partial); else what follows the cue (past an
// addressee "told reporters", and past "in a statement on Monday" before
// "that" or a quotation), unless that is only an adjunct ("said in an
// interview", "said, adding"); else the clause before the source (`S, X
// said`). A verb of the learnt lexicon takes a noun-phrase object, cut at
// a comma or a subordinate clause. The content follows PolNeAR's
// convention: a quotation keeps its marks and a that-clause its "that".

import (
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// A cueInfo describes a reporting word.
type cueInfo struct {
	kind   string // Speech, Belief, Intention
	stance string // the stance it gives when not negated
	object bool   // may take a plain noun-phrase object as its content ("confirmed the move")
}

// cues maps the lemma of a reporting verb to its attribution kind and base
// stance. These are the verbs whose every use with a speaker is an
// attribution; the wider lexicon learnt from PolNeAR's train split
// (claims_lexicon.go) adds verbs that are attributions only in some uses
// ("support", "show", "call for").
var cues = map[string]cueInfo{
	"say": {Speech, Affirm, false}, "tell": {Speech, Affirm, false}, "state": {Speech, Affirm, false},
	"confirm": {Speech, Affirm, true}, "report": {Speech, Affirm, false}, "add": {Speech, Affirm, false},
	"announce": {Speech, Affirm, true}, "claim": {Speech, Affirm, false}, "insist": {Speech, Affirm, false},
	"warn": {Speech, Affirm, false}, "argue": {Speech, Affirm, false}, "assert": {Speech, Affirm, false},
	"note": {Speech, Affirm, false}, "explain": {Speech, Affirm, false}, "suggest": {Speech, Affirm, false},
	"acknowledge": {Speech, Affirm, true}, "admit": {Speech, Affirm, true}, "allege": {Speech, Affirm, false},
	"declare": {Speech, Affirm, false}, "write": {Speech, Affirm, false}, "predict": {Speech, Affirm, false},
	"stress": {Speech, Affirm, false}, "emphasize": {Speech, Affirm, false}, "emphasise": {Speech, Affirm, false},
	"maintain": {Speech, Affirm, false}, "reiterate": {Speech, Affirm, false}, "contend": {Speech, Affirm, false},
	"concede": {Speech, Affirm, false}, "disclose": {Speech, Affirm, true}, "reveal": {Speech, Affirm, true},
	"estimate": {Speech, Affirm, false}, "indicate": {Speech, Affirm, false}, "accuse": {Speech, Affirm, true},
	"recall": {Speech, Affirm, false}, "testify": {Speech, Affirm, false}, "tweet": {Speech, Affirm, false},
	"respond": {Speech, Affirm, false}, "reply": {Speech, Affirm, false}, "ask": {Speech, Affirm, false},
	"promise": {Intention, Affirm, false}, "vow": {Intention, Affirm, false}, "pledge": {Intention, Affirm, true},
	"threaten": {Intention, Affirm, false}, "want": {Intention, Affirm, false}, "plan": {Intention, Affirm, false},
	"intend": {Intention, Affirm, false}, "urge": {Intention, Affirm, false}, "demand": {Intention, Affirm, true},
	"believe": {Belief, Affirm, false}, "think": {Belief, Affirm, false}, "expect": {Belief, Affirm, false},
	"fear": {Belief, Affirm, false}, "hope": {Belief, Affirm, false}, "suspect": {Belief, Affirm, false},
	"feel": {Belief, Affirm, false}, "doubt": {Belief, Uncertain, false}, "worry": {Belief, Affirm, false},
	"deny": {Speech, Deny, true}, "dismiss": {Speech, Deny, true}, "reject": {Speech, Deny, true},
	"refute": {Speech, Deny, true}, "dispute": {Speech, Deny, true}, "rebut": {Speech, Deny, true},
	"contradict": {Speech, Deny, true}, "call": {Speech, Affirm, true}, "describe": {Speech, Affirm, true},
	"label": {Speech, Affirm, true}, "brand": {Speech, Affirm, true},
}

// beliefLemmas and intentionLemmas give the kind of the verbs of the
// learnt lexicon that are not in cues; every other verb is speech (or, for
// "show", "find", a report, which PolNeAR counts with speech).
var beliefLemmas = set(`know see view consider seem appear assume understand realize realise
recognize recognise trust regard guess imagine suppose wonder conclude remember notice learn
agree disagree accept favor favour oppose support prefer like love hate blame question
sense reckon figure presume`)

var intentionLemmas = set(`aim seek try attempt decide refuse offer order propose push vote
wish mean strive endeavor endeavour resolve commit pursue`)

// kindOf returns the attribution kind of a cue lemma.
func kindOf(lemma string) string {
	if ci, ok := cues[lemma]; ok {
		return ci.kind
	}
	switch {
	case beliefLemmas[lemma]:
		return Belief
	case intentionLemmas[lemma]:
		return Intention
	}
	return Speech
}

// denialWords turn "call/describe/label X Y" and "dismiss X as Y" into a
// denial of X: they say that X is not true.
var denialWords = set(`groundless baseless false fake untrue lie lies rumor rumors rumour rumours
fabricated fabrication fabrications unfounded misinformation disinformation hoax hoaxes
fiction fictitious incorrect inaccurate bogus unsubstantiated`)

// dismissalWords deny X only when X is a claim ("called the reports
// absurd"); of anything else they are a judgement ("called the plan
// absurd").
var dismissalWords = set(`nonsense absurd ridiculous propaganda slander speculation distortion
wrong misleading`)

// hedges make a claim uncertain.
var hedges = set(`may might could possibly perhaps reportedly allegedly apparently probably likely
unclear unconfirmed purportedly seemingly`)

// negations before a cue.
var negations = set(`not n't never no`)

// skipAfterCue are tokens between a cue and its content.
var skipAfterCue = set(`, : also again repeatedly earlier later today yesterday tonight
monday tuesday wednesday thursday friday saturday sunday recently previously publicly privately
then now once separately night morning afternoon evening flatly firmly bluntly simply directly frankly openly
-- — – ―`)

// skipPhrasesAfterCue are multi-word phrases between a cue and its content.
var skipPhrasesAfterCue = [][]string{
	{"to", "reporters"}, {"to", "journalists"}, {"to", "the", "media"}, {"to", "the", "press"},
	{"in", "a", "statement"}, {"in", "an", "interview"}, {"on", "monday"}, {"on", "tuesday"},
	{"on", "wednesday"}, {"on", "thursday"}, {"on", "friday"}, {"on", "saturday"}, {"on", "sunday"},
	{"last", "week"}, {"this", "week"}, {"last", "month"}, {"in", "a", "press", "release"},
	{"last", "year"}, {"this", "year"}, {"this", "month"}, {"on", "twitter"}, {"on", "facebook"},
}

// skipLead advances k past the words and phrases that sit between a cue
// and its content.
func (sc *sentCtx) skipLead(k int) int {
	s, in := sc.s, sc.in
	for k < len(s.Tokens) && !in[k] {
		if k+1 < len(s.Tokens) && s.Tokens[k+1].Tag == "POS" {
			break // "condemned Friday's test"
		}
		if skipAfterCue[sc.lower(k)] {
			k++
			continue
		}
		matched := false
		for _, ph := range skipPhrasesAfterCue {
			if k+len(ph) > len(s.Tokens) {
				continue
			}
			ok := true
			for x, w := range ph {
				if sc.lower(k+x) != w {
					ok = false
					break
				}
			}
			if ok {
				k += len(ph)
				matched = true
				break
			}
		}
		if !matched {
			break
		}
	}
	return k
}

// sourceAux are tokens between a source and its cue ("has also said").
var sourceAux = set(`has have had did does do was is were are also later earlier again further
previously repeatedly already reportedly allegedly publicly privately not n't never once then
had been has been would will could may might might 's 've 'd 'll 're 'm wo ca shall should can must
recently often still even just long first initially separately now flatly firmly openly
always quickly immediately frequently`)

// roleNouns are heads of noun phrases that name an unnamed speaker.
var roleNouns = set(`official officials spokesman spokeswoman spokesperson representative source
sources diplomat diplomats minister ministry officer officers analyst analysts expert experts
aide aides adviser advisers advisor advisors lawmaker lawmakers senator ambassador envoy
person people witness witnesses resident residents leader leaders statement government agency
police military army commander report reports media newspaper agency authorities authority
spokespeople member members staff employee employees executive executives department office
team group investigators prosecutors prosecutor judge court company firm bank campaign
director president chairman chairwoman secretary governor mayor candidate nominee economist
professor strategist pollster operative counsel lawyer attorney`)

// claimCtx is the state of claim extraction across one document.
type claimCtx struct {
	doc    *nlp.Document
	tab    *entityTable
	art    *Article
	quotes []quotation
	bySent [][]*rmention // the resolved mentions of each sentence, in order
}

// sentCtx is the state of claim extraction in one sentence.
type sentCtx struct {
	si     int
	s      *nlp.Sentence
	in     []bool   // inside a quotation, or a quotation mark
	mark   []bool   // a quotation mark
	claims []int    // claims found in the sentence so far
	low    []string // lower-cased forms of the tokens, once asked for
	lem    []string // lemmas of the tokens, once asked for
}

// lower returns the lower-cased form of token k.
func (sc *sentCtx) lower(k int) string {
	if sc.low[k] == "" {
		sc.low[k] = lower(sc.s.Tokens[k])
	}
	return sc.low[k]
}

// lemma returns the lemma of token k.
func (sc *sentCtx) lemma(k int) string {
	if sc.lem[k] == "" {
		sc.lem[k] = Lemma(sc.s.Tokens[k].Norm)
	}
	return sc.lem[k]
}

func isVerbTag(tag string) bool { return strings.HasPrefix(tag, "VB") }

func isNounTag(tag string) bool {
	return tag == "NN" || tag == "NNS" || tag == "NNP" || tag == "NNPS" || tag == "PRP" || tag == "CD"
}

// npTags may appear inside a noun phrase.
var npTags = set(`DT JJ JJR JJS NN NNS NNP NNPS CD PRP$ POS HYPH VBN VBG FW`)

func lower(t nlp.Token) string { return strings.ToLower(t.Norm) }

// extractClaims finds attributed claims in every sentence.
func (l *Linker) extractClaims(doc *nlp.Document, tab *entityTable, art *Article) {
	c := &claimCtx{doc: doc, tab: tab, art: art, quotes: findQuotations(doc), bySent: make([][]*rmention, len(doc.Sentences))}
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.key != "" && m.Sentence >= 0 && m.Sentence < len(doc.Sentences) {
			c.bySent[m.Sentence] = append(c.bySent[m.Sentence], m)
		}
	}
	sc := &sentCtx{} // reused from sentence to sentence
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		n := len(s.Tokens)
		if cap(sc.in) < n {
			sc.in, sc.mark, sc.low, sc.lem = make([]bool, n), make([]bool, n), make([]string, n), make([]string, n)
		}
		sc.si, sc.s, sc.claims = si, s, sc.claims[:0]
		sc.in, sc.mark, sc.low, sc.lem = sc.in[:n], sc.mark[:n], sc.low[:n], sc.lem[:n]
		quoteFlags(s, c.quotes, sc.in, sc.mark)
		clear(sc.low)
		clear(sc.lem)
		c.sentenceClaims(sc)
	}
	claimTimes(doc, art)
}

// claimTimes sets the time, quantities and dates of the claims.
func claimTimes(doc *nlp.Document, art *Article) {
	if len(art.Claims) == 0 {
		return
	}
	adate, known := ParseArticleDate(art.Date)
	for i := range art.Claims {
		c := &art.Claims[i]
		c.Quantities = FindQuantities(c.Content.Text, c.Content.Start)
		c.Dates = ResolveDates(c.Content.Text, c.Content.Start, adate)
		c.Time = ""
		if c.Sentence >= 0 && c.Sentence < len(doc.Sentences) {
			// "Rutte said on Monday that ...": a day outside the content.
			s := doc.Sentences[c.Sentence]
			for _, d := range ResolveDates(doc.Text[s.Start:s.End], s.Start, adate) {
				if d.Precision == PrecisionDay && (d.End <= c.Content.Start || d.Start >= c.Content.End) {
					c.Time = d.Date
					break
				}
			}
		}
		if c.Time == "" && known {
			c.Time = adate.Format("2006-01-02")
		}
	}
}

// mentionsIn returns the resolved mentions inside token range [a, b) of sentence si.
func (c *claimCtx) mentionsIn(si, a, b int) []*rmention {
	var out []*rmention
	for _, m := range c.bySent[si] {
		if m.TokStart < b && a < m.TokEnd {
			out = append(out, m)
		}
	}
	return out
}

// lastBefore returns the last mention of one of the types before token tok
// of sentence si (in that sentence or earlier).
func (c *claimCtx) lastBefore(si, tok int, types ...string) *rmention {
	for x := si; x >= 0; x-- {
		ms := c.bySent[x]
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if (x < si || m.TokEnd <= tok) && contains(types, m.typ) {
				return m
			}
		}
	}
	return nil
}

// npLeft returns the noun phrase that ends at token j: [start, j+1).
func (sc *sentCtx) npLeft(j int) (int, bool) {
	s, in := sc.s, sc.in
	if j < 0 || in[j] {
		return 0, false
	}
	t := s.Tokens[j]
	if !isNounTag(t.Tag) {
		return 0, false
	}
	if t.Tag == "PRP" {
		return j, true
	}
	k := j
	for k > 0 && !in[k-1] {
		prev := s.Tokens[k-1]
		if prev.Text == "." && k >= 2 && len(s.Tokens[k-2].Text) == 1 && isCapitalized(s.Tokens[k-2].Text) {
			k-- // "Donald J. Trump" split as "J" "."
			continue
		}
		if !npTags[prev.Tag] {
			// "Secretary of Defense Lloyd Austin": "of" inside a title.
			if lower(prev) == "of" && k >= 2 && isTitleToken(s.Tokens[k-2].Text) && isCapitalized(s.Tokens[k].Text) {
				k--
				continue
			}
			break
		}
		k--
		if prev.Tag == "DT" {
			break
		}
	}
	return k, true
}

// npRight returns the noun phrase that starts at token j: [j, end).
func (sc *sentCtx) npRight(j int) (int, bool) {
	s, in := sc.s, sc.in
	if j >= len(s.Tokens) || in[j] {
		return 0, false
	}
	k := j
	for k < len(s.Tokens) && npTags[s.Tokens[k].Tag] && !in[k] {
		if k > j && s.Tokens[k].Tag == "DT" && isNounTag(s.Tokens[k-1].Tag) {
			break // "told reporters | the plan ..."
		}
		k++
	}
	if k == j && s.Tokens[j].Tag == "PRP" {
		return j + 1, true
	}
	if k == j || !isNounTag(s.Tokens[k-1].Tag) {
		return 0, false
	}
	return k, true
}

// trailingAttribution reports whether the tokens from k on are a speaker
// and a reporting verb that end the sentence ("..., sources said.", "...,
// said a spokesman.").
func (sc *sentCtx) trailingAttribution(k int) bool {
	s := sc.s
	n := len(s.Tokens)
	end := n
	for end > k && (s.Tokens[end-1].Tag == "." || sc.lower(end-1) == ".") {
		end--
	}
	if end-k < 2 || end-k > 8 {
		return false
	}
	if _, ok := cues[sc.lemma(k)]; ok && isVerbTag(s.Tokens[k].Tag) {
		return true // inverted
	}
	if _, ok := cues[sc.lemma(end-1)]; !ok || !isVerbTag(s.Tokens[end-1].Tag) {
		return false
	}
	for m := k; m < end-1; m++ {
		if !npTags[s.Tokens[m].Tag] && s.Tokens[m].Tag != "PRP" && !npPostMods[sc.lower(m)] {
			return false
		}
	}
	return true
}

// clauseEnd returns where the content clause that starts at k ends.
func (sc *sentCtx) clauseEnd(k int) int {
	s, in := sc.s, sc.in
	end := len(s.Tokens)
	for j := k; j < len(s.Tokens); j++ {
		if in[j] {
			continue
		}
		w := sc.lower(j)
		if w == ";" {
			end = j
			break
		}
		if (w == "and" || w == "but") && j > k {
			// "... and said S": a second attribution by the same speaker.
			m := j + 1
			for m < len(s.Tokens) && s.Tokens[m].Tag == "RB" {
				m++
			}
			if m < len(s.Tokens) && !in[m] && (s.Tokens[m].Tag == "VBD" || s.Tokens[m].Tag == "VBZ") {
				if _, ok := cueFor(s.Tokens, m, sc.lemma(m)); ok {
					end = j
					if sc.lower(j-1) == "," {
						end = j - 1
					}
					break
				}
			}
		}
		if w == "," && j+1 < len(s.Tokens) && sc.trailingAttribution(j+1) {
			end = j // "S, sources said."
			break
		}
		if w == "," && j+1 < len(s.Tokens) {
			nx := sc.lower(j + 1)
			if nx == "while" || nx == "but" || nx == "whereas" || nx == "although" || nx == "according" {
				end = j
				break
			}
			if s.Tokens[j+1].Tag == "VBG" {
				if _, ok := cueFor(s.Tokens, j+1, sc.lemma(j+1)); ok {
					end = j
					break
				}
			}
		}
	}
	// Drop final punctuation.
	for end > k {
		w := sc.lower(end - 1)
		if (w == "." || w == "!" || w == "?" || w == "," || w == ":" || w == "--" || w == "—") && !in[end-1] {
			end--
			continue
		}
		break
	}
	return end
}
