package linker

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
// stance.
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

// denialWords turn "call/describe/label X Y" and "dismiss X as Y" into a
// denial of X.
var denialWords = set(`groundless baseless false fake untrue lie lies rumor rumors rumour rumours
nonsense absurd fabricated fabrication fabrications unfounded propaganda misinformation
disinformation hoax hoaxes ridiculous slander fiction fictitious speculation baseless
provocation provocative lies distortion wrong incorrect inaccurate bogus`)

// hedges make a claim uncertain.
var hedges = set(`may might could possibly perhaps reportedly allegedly apparently probably likely
unclear unconfirmed purportedly seemingly`)

// negations before a cue.
var negations = set(`not n't never no`)

// skipAfterCue are tokens between a cue and its content.
var skipAfterCue = set(`that , : also again repeatedly earlier later today yesterday tonight
monday tuesday wednesday thursday friday saturday sunday`)

// skipPhrasesAfterCue are multi-word phrases between a cue and its content.
var skipPhrasesAfterCue = [][]string{
	{"to", "reporters"}, {"to", "journalists"}, {"to", "the", "media"}, {"to", "the", "press"},
	{"in", "a", "statement"}, {"in", "an", "interview"}, {"on", "monday"}, {"on", "tuesday"},
	{"on", "wednesday"}, {"on", "thursday"}, {"on", "friday"}, {"on", "saturday"}, {"on", "sunday"},
	{"last", "week"}, {"this", "week"}, {"last", "month"}, {"in", "a", "press", "release"},
}

// skipLead advances k past the words and phrases that sit between a cue
// and its content.
func skipLead(s *nlp.Sentence, k int, in []bool) int {
	for k < len(s.Tokens) && !in[k] {
		if skipAfterCue[lower(s.Tokens[k])] {
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
				if lower(s.Tokens[k+x]) != w {
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
had been has been would will could may might might`)

// roleNouns are heads of noun phrases that name an unnamed speaker.
var roleNouns = set(`official officials spokesman spokeswoman spokesperson representative source
sources diplomat diplomats minister ministry officer officers analyst analysts expert experts
aide aides adviser advisers advisor advisors lawmaker lawmakers senator ambassador envoy
person people witness witnesses resident residents leader leaders statement government agency
police military army commander report reports media newspaper agency authorities authority
spokespeople member members staff employee employees executive executives department office
team group investigators prosecutors prosecutor judge court company firm bank`)

type quoteSpan struct{ start, end int } // byte offsets, inner text (without the marks)

// isQuoteMark reports whether a token is a double quotation mark.
func isQuoteMark(t nlp.Token) bool { return t.Norm == `"` || t.Norm == "``" || t.Norm == "''" }

// claimCtx is the state of claim extraction across one document.
type claimCtx struct {
	doc        *nlp.Document
	tab        *entityTable
	art        *Article
	lastPerson *rmention // last person mentioned, for pronouns
	lastGroup  *rmention // last organisation or place claimant
	prevClaims []int     // claims of the current and previous sentence
}

// sentence extraction state.
type sentCtx struct {
	s       *nlp.Sentence
	inQuote []bool
	quotes  []quoteSpan // quote spans in token index terms: [start tok, end tok)
}

func (c *claimCtx) quotesOf(s *nlp.Sentence, open bool) ([]bool, [][2]int, bool) {
	in := make([]bool, len(s.Tokens))
	var spans [][2]int
	start := -1
	if open {
		start = 0
	}
	for i, t := range s.Tokens {
		if isQuoteMark(t) {
			if start >= 0 {
				spans = append(spans, [2]int{start, i})
				start = -1
			} else {
				start = i + 1
			}
			in[i] = true
			continue
		}
		in[i] = start >= 0
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(s.Tokens)})
		return in, spans, true
	}
	return in, spans, false
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
	c := &claimCtx{doc: doc, tab: tab, art: art}
	open := false
	para := -1
	quoteStart := 0 // byte offset where the currently open quote began
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if s.Paragraph != para {
			open, para = false, s.Paragraph
		}
		wasOpen := open
		in, spans, still := c.quotesOf(s, open)
		if !wasOpen {
			for _, sp := range spans {
				_ = sp
			}
		}
		sc := &sentCtx{s: s, inQuote: in}
		for _, sp := range spans {
			sc.quotes = append(sc.quotes, quoteSpan{sp[0], sp[1]})
		}
		if !wasOpen && still && len(spans) > 0 {
			quoteStart = s.Tokens[spans[len(spans)-1][0]-1].Start
		}
		c.sentenceClaims(si, sc, wasOpen, quoteStart)
		open = still
		// Track the last person and group mentioned, for pronouns.
		for i := range tab.mentions {
			m := &tab.mentions[i]
			if m.Sentence != si || m.key == "" {
				continue
			}
			if m.typ == "PERSON" {
				c.lastPerson = m
			}
		}
	}
}

// mentionsIn returns the resolved mentions inside token range [a, b) of sentence si.
func (c *claimCtx) mentionsIn(si, a, b int) []*rmention {
	var out []*rmention
	for i := range c.tab.mentions {
		m := &c.tab.mentions[i]
		if m.Sentence == si && m.TokStart < b && a < m.TokEnd && m.key != "" {
			out = append(out, m)
		}
	}
	return out
}

// lastPersonBefore returns the last person mention before token tok of
// sentence si (in that sentence or earlier).
func (c *claimCtx) lastPersonBefore(si, tok int) *rmention {
	var best *rmention
	for i := range c.tab.mentions {
		m := &c.tab.mentions[i]
		if m.typ != "PERSON" || m.key == "" {
			continue
		}
		if m.Sentence < si || (m.Sentence == si && m.TokEnd <= tok) {
			best = m
		}
	}
	return best
}

func (c *claimCtx) lastGroupBefore(si, tok int) *rmention {
	var best *rmention
	for i := range c.tab.mentions {
		m := &c.tab.mentions[i]
		if (m.typ != "ORG" && m.typ != "GPE") || m.key == "" {
			continue
		}
		if m.Sentence < si || (m.Sentence == si && m.TokEnd <= tok) {
			best = m
		}
	}
	return best
}

// npLeft returns the noun phrase that ends at token j: [start, j+1).
func npLeft(s *nlp.Sentence, j int, in []bool) (int, bool) {
	if j < 0 || in[j] {
		return 0, false
	}
	t := s.Tokens[j]
	if !isNounTag(t.Tag) && t.Tag != "NNP" {
		return 0, false
	}
	if t.Tag == "PRP" {
		return j, true
	}
	k := j
	for k > 0 && !in[k-1] {
		prev := s.Tokens[k-1]
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
func npRight(s *nlp.Sentence, j int, in []bool) (int, bool) {
	if j >= len(s.Tokens) || in[j] {
		return 0, false
	}
	k := j
	for k < len(s.Tokens) && npTags[s.Tokens[k].Tag] && !in[k] {
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

// clauseEnd returns where the content clause that starts at k ends.
func clauseEnd(s *nlp.Sentence, k int, in []bool) int {
	end := len(s.Tokens)
	for j := k; j < len(s.Tokens); j++ {
		if in[j] {
			continue
		}
		w := lower(s.Tokens[j])
		if w == ";" {
			return j
		}
		if w == "," && j+1 < len(s.Tokens) {
			nx := lower(s.Tokens[j+1])
			if nx == "while" || nx == "but" || nx == "whereas" || nx == "although" || nx == "according" {
				return j
			}
			if s.Tokens[j+1].Tag == "VBG" {
				if _, ok := cues[Lemma(nx)]; ok {
					return j
				}
			}
		}
	}
	// Drop final punctuation.
	for end > k && (s.Tokens[end-1].Tag == "." || lower(s.Tokens[end-1]) == "." || lower(s.Tokens[end-1]) == "!" || lower(s.Tokens[end-1]) == "?") {
		end--
	}
	return end
}
