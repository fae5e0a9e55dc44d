package linker

import (
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// lexMinCue is the least number of times an entry must have been seen
// inside a cue in the train split to be written to cueLexiconData.
const lexMinCue = 3

// lexClass is the coarse word class of a token in the cue lexicon.
func lexClass(tag string) string {
	switch {
	case strings.HasPrefix(tag, "VB") || tag == "MD":
		return "V"
	case tag == "NN" || tag == "NNS":
		return "N"
	case strings.HasPrefix(tag, "JJ"):
		return "J"
	case strings.HasPrefix(tag, "RB"):
		return "R"
	case tag == "IN" || tag == "TO" || tag == "RP":
		return "P"
	}
	return "X"
}

// lexKey is the cue-lexicon key of a token: lemma/class, or "" for a
// token that is never a cue word (names, numbers).
func lexKey(t nlp.Token) string {
	if t.Tag == "NNP" || t.Tag == "NNPS" || t.Tag == "CD" {
		return ""
	}
	return Lemma(t.Norm) + "/" + lexClass(t.Tag)
}

// lexContext is the class of what follows a verb (after adverbs): "that",
// a quotation mark ("Q"), "to", a preposition or particle (itself), "NP",
// a verb ("V"), a wh-word ("WH"), punctuation ("P"), the end of the
// sentence ("END") or anything else ("X"). The lexicon counts verbs in
// each context, so that "appear to" and "appear on", or "call for" and
// "call the meeting", are told apart.
func lexContext(toks []nlp.Token, i int) string {
	k := i + 1
	for k < len(toks) && strings.HasPrefix(toks[k].Tag, "RB") {
		k++
	}
	if k >= len(toks) {
		return "END"
	}
	t := toks[k]
	w := strings.ToLower(t.Norm)
	switch {
	case w == "that":
		return "that"
	case t.Norm == `"` || t.Norm == "``" || t.Norm == "''" || strings.HasPrefix(t.Text, "\u201c") || strings.HasPrefix(t.Text, "\"") || strings.HasPrefix(t.Text, "''"):
		return "Q"
	case t.Tag == "TO":
		return "to"
	case t.Tag == "IN" || t.Tag == "RP":
		if lexPreps[w] {
			return w
		}
		return "IN"
	case t.Tag == "WP" || t.Tag == "WRB" || t.Tag == "WDT" || w == "whether" || w == "if":
		return "WH"
	case strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD":
		return "V"
	case npTags[t.Tag] || t.Tag == "PRP":
		return "NP"
	case t.Tag == "." || t.Tag == "," || t.Tag == ":" || w == "," || w == "." || w == ":":
		return "P"
	}
	return "X"
}

// lexPreps are the prepositions and particles kept as contexts of their own.
var lexPreps = set(`for on about out at against of with in into up as by from over after`)

// lexEntry is what the train split says of one lemma/class.
type lexEntry struct {
	cue, total int
}

// ratio is the share of the entry's occurrences that lie inside a cue.
func (e lexEntry) ratio() float64 { return float64(e.cue) / float64(e.total) }

// cueLexicon maps lemma/class (and lemma/V/context) to its train counts.
var cueLexicon = parseCueLexicon(cueLexiconData)

// A verbEntry is what the lexicon says of a verb: in all, and by context.
type verbEntry struct {
	all lexEntry
	ctx map[string]lexEntry
}

// cueVerbs indexes the verbs of cueLexicon by lemma, for look-ups that
// build no strings.
var cueVerbs = func() map[string]*verbEntry {
	m := map[string]*verbEntry{}
	for k, e := range cueLexicon {
		lemma, rest, _ := strings.Cut(k, "/")
		class, ctx, hasCtx := strings.Cut(rest, "/")
		if class != "V" {
			continue
		}
		v := m[lemma]
		if v == nil {
			v = &verbEntry{ctx: map[string]lexEntry{}}
			m[lemma] = v
		}
		if hasCtx {
			v.ctx[ctx] = e
		} else {
			v.all = e
		}
	}
	return m
}()

func parseCueLexicon(data string) map[string]lexEntry {
	m := map[string]lexEntry{}
	for _, line := range strings.Split(data, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		c, _ := strconv.Atoi(f[2])
		n, _ := strconv.Atoi(f[3])
		if n > 0 {
			m[f[0]+"/"+strings.Replace(f[1], "+", "/", 1)] = lexEntry{c, n}
		}
	}
	return m
}

// A verb of the learnt lexicon is a cue when it was seen inside a cue at
// least lexVerbMinCue times and at least lexVerbMinRatio of its
// occurrences were inside one (tuned on PolNeAR dev).
// The ratio is that of the verb in its context (lexContext) when that
// context was seen at least lexContextMinTotal times.
const (
	lexVerbMinCue      = 5
	lexVerbMinRatio    = 0.3
	lexContextMinTotal = 5
)
