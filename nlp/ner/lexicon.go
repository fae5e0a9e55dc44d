package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lexicon holds, for each lower-case word form, what unlabelled news
// text says about it: how it is usually written (bits 0-2), how frequent it
// is (bits 3-5) and its distributional word cluster (bits 8 and up).
const (
	lexCaseMask     = 0xff
	lexClusterShift = 8
)

// Case classes (bits 0-2).
const (
	caseUnseen    = 0
	caseLower     = 1 // nearly always lower case
	caseMostLower = 2
	caseMixed     = 3
	caseMostCap   = 4
	caseCap       = 5 // nearly always capitalised
	caseAcronym   = 6 // mostly written in capitals
)

// A LexiconBuilder collects word statistics from unlabelled text.
type LexiconBuilder struct {
	counts map[uint64]*[3]int32 // capitalised, lower case, all capitals
	ids    map[uint64]int32     // word ids for clustering
	keys   []uint64             // by id
	freq   []int32              // by id
	stream []int32              // word ids, noWord between sentences
}

// NewLexiconBuilder returns an empty builder.
func NewLexiconBuilder() *LexiconBuilder {
	return &LexiconBuilder{counts: map[uint64]*[3]int32{}, ids: map[uint64]int32{}}
}

func (b *LexiconBuilder) addWord(lower uint64) {
	id, ok := b.ids[lower]
	if !ok {
		id = int32(len(b.keys))
		b.ids[lower] = id
		b.keys = append(b.keys, lower)
		b.freq = append(b.freq, 0)
	}
	b.freq[id]++
	b.stream = append(b.stream, id)
}

// AddSentence counts the tokens of one sentence; the first token and
// sentences without lower-case letters are skipped (their case says
// nothing).
func (b *LexiconBuilder) AddSentence(tokens []string) {
	for _, t := range tokens {
		b.addWord(lowerHash(t))
	}
	b.stream = append(b.stream, noWord)
	lower := false
	for _, t := range tokens {
		if strings.IndexFunc(t, unicode.IsLower) >= 0 {
			lower = true
			break
		}
	}
	if !lower {
		return
	}
	for i, t := range tokens {
		if i == 0 {
			continue
		}
		var x tok
		analyze(&x, t, "")
		k := -1
		switch {
		case x.flags&fLetter == 0:
		case x.flags&fLower == 0:
			if utf8.RuneCountInString(t) > 1 {
				k = 2
			}
		case x.flags&fInitCap != 0:
			k = 0
		case x.flags&fUpper == 0:
			k = 1
		}
		if k < 0 {
			continue
		}
		c := b.counts[x.lower]
		if c == nil {
			c = new([3]int32)
			b.counts[x.lower] = c
		}
		c[k]++
	}
}

// AddText splits raw text into sentences and tokens (roughly: at white
// space, punctuation split off) and counts them.
func (b *LexiconBuilder) AddText(text string) {
	var sent []string
	flush := func() {
		if len(sent) > 0 {
			b.AddSentence(sent)
		}
		sent = sent[:0]
	}
	for _, para := range strings.Split(text, "\n\n") {
		for _, f := range strings.Fields(para) {
			core := strings.TrimLeftFunc(f, isPunct)
			end := strings.TrimRightFunc(core, isPunct)
			if end != "" {
				sent = append(sent, end)
			}
			tail := core[len(end):]
			if strings.ContainsAny(tail, ".!?") && !(len(end) <= 3 && strings.Contains(tail, ".") && !strings.ContainsAny(tail, "!?")) {
				flush()
			}
		}
		flush()
	}
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// entry packs the facts about one word.
func lexEntry(c [3]int32, cluster uint32) uint32 {
	total := c[0] + c[1] + c[2]
	var cls uint32
	switch {
	case total < 2:
		cls = caseUnseen
	case c[2]*2 > total:
		cls = caseAcronym
	default:
		r := float64(c[0]+c[2]) / float64(total)
		switch {
		case r < 0.05:
			cls = caseLower
		case r < 0.3:
			cls = caseMostLower
		case r < 0.7:
			cls = caseMixed
		case r < 0.95:
			cls = caseMostCap
		default:
			cls = caseCap
		}
	}
	freq := uint32(0)
	if total > 0 {
		freq = uint32(min(7, (bits.Len32(uint32(total))+1)/2))
	}
	return cls | freq<<3 | cluster<<lexClusterShift
}

// build returns the lexicon table (keys and values for the model).
func (b *LexiconBuilder) build() (keys []uint64, vals []int32) {
	for k := range b.counts {
		keys = append(keys, k)
	}
	sortKeys(keys)
	cl := clusters(b.stream, b.freq, b.keys)
	for k := range cl {
		if b.counts[k] == nil {
			keys = append(keys, k)
		}
	}
	sortKeys(keys)
	for _, k := range keys {
		var c [3]int32
		if b.counts[k] != nil {
			c = *b.counts[k]
		}
		vals = append(vals, int32(lexEntry(c, cl[k])))
	}
	return keys, vals
}

// lowerHash is the hash of the lower-case form of a token, as analyze
// computes it.
func lowerHash(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = hashRune(h, lowerRune(r))
	}
	return h
}
