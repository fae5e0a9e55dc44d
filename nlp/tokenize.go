package nlp

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// normalizer rewrites what prose's tokenizer rewrites, so that token texts
// can be found again in the normalised sentence. Every replacement is
// recorded so offsets map back to the original text.
var normReplacements = []struct{ from, to string }{
	{"\u201c", `"`}, {"\u201d", `"`}, {"\u2018", "'"}, {"\u2019", "'"}, {"&rsquo;", "'"},
}

// normalize returns s with prose's replacements applied and newlines made
// spaces, plus, for every byte of the result, the offset of the byte in s it
// came from (len(result)+1 entries; the last maps the end).
func normalize(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	pos := make([]int, 0, len(s)+1)
	blank := angleMarkup(s)
	for i := 0; i < len(s); {
		matched := false
		if s[i] == 0xE2 || s[i] == '&' {
			for _, r := range normReplacements {
				if strings.HasPrefix(s[i:], r.from) {
					b.WriteString(r.to)
					for range r.to {
						pos = append(pos, i)
					}
					i += len(r.from)
					matched = true
					break
				}
			}
		}
		if matched {
			continue
		}
		c := s[i]
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			c = ' '
		case blank != nil && blank[i]:
			c = ' '
		}
		b.WriteByte(c)
		pos = append(pos, i)
		i++
	}
	pos = append(pos, len(s))
	return b.String(), pos
}

// tagger tokenizes sentences with prose's tokenizer and tags them with
// prose's part-of-speech model run by [posModel] (deterministic and faster
// than prose's own tagger).
type tagger struct {
	pos *posModel
}

func newTagger() (*tagger, error) {
	m, err := loadPOSModel()
	if err != nil {
		return nil, err
	}
	return &tagger{pos: m}, nil
}

// proseTokens returns prose's tokens of the normalised sentence norm (prose
// with tagging, segmentation and extraction off: its tokenizer only).
func proseTokens(norm string) ([]string, error) {
	doc, err := prose.NewDocument(norm,
		prose.WithTagging(false),
		prose.WithSegmentation(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	ptoks := doc.Tokens()
	words := make([]string, len(ptoks))
	for i, pt := range ptoks {
		words[i] = pt.Text
	}
	return words, nil
}

// tagSentence tokenizes and tags the normalised sentence norm as prose
// does: its words, the byte offset of each in norm (-1 if not found), and
// their tags.
func (t *tagger) tagSentence(norm string) (words []string, starts []int, tags []string, err error) {
	words, err = proseTokens(norm)
	if err != nil {
		return nil, nil, nil, err
	}
	starts = make([]int, len(words))
	cur := 0
	for k, w := range words {
		i := -1
		if w != "" {
			i = strings.Index(norm[cur:], w)
		}
		if i < 0 {
			starts[k] = -1
			continue
		}
		starts[k] = cur + i
		cur += i + len(w)
	}
	// Every token is tagged (its context is prose's), even one not found.
	tags = t.pos.tag(words, nil)
	if src := chunkTagSources(norm, words, starts); src != nil {
		for k, j := range src {
			tags[k] = tags[j]
		}
	}
	return words, starts, tags, nil
}

// chunkTagSources reproduces a quirk of prose's tokenizer, so that tags are
// prose's: it caches the tokens of each whitespace-separated chunk of a
// document and hands the same *Token to every repeat of the chunk (except
// the final chunk of a text that does not end in a space, which it splits
// without the cache); tagging writes each position's tag through the
// pointer, so every repeat reports the tag computed at its last repeat
// ("as well as" is tagged IN RB IN, not RB RB IN). It returns, for each
// token, the token whose tag prose reports for it, or nil when that is
// always the token itself.
func chunkTagSources(norm string, words []string, starts []int) []int {
	type chunk struct {
		text        string
		first, next int // its tokens are first..next-1
	}
	var buf [64]chunk
	chunks := buf[:0]
	k := 0
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		e := i + size
		for e < len(norm) {
			r, size := utf8.DecodeRuneInString(norm[e:])
			if unicode.IsSpace(r) {
				break
			}
			e += size
		}
		c := chunk{text: norm[i:e], first: k}
		for k < len(words) && starts[k] >= 0 && starts[k] < e {
			k++
		}
		c.next = k
		chunks = append(chunks, c)
		i = e
	}
	if k != len(words) {
		return nil // a token was not found: leave the tags alone
	}
	if r, _ := utf8.DecodeLastRuneInString(norm); !unicode.IsSpace(r) && len(chunks) > 0 {
		chunks = chunks[:len(chunks)-1] // the final chunk is split without the cache
	}
	// last[i] is the index of the last repeat of chunk i.
	var lastBuf [64]int
	last := lastBuf[:0]
	if len(chunks) > len(lastBuf) {
		last = make([]int, len(chunks))
	}
	last = last[:len(chunks)]
	repeated := false
	if len(chunks) <= len(lastBuf) {
		for i := len(chunks) - 1; i >= 0; i-- {
			last[i] = i
			for j := len(chunks) - 1; j > i; j-- {
				if chunks[j].text == chunks[i].text {
					last[i], repeated = j, true
					break
				}
			}
		}
	} else {
		at := make(map[string]int, len(chunks))
		for i := len(chunks) - 1; i >= 0; i-- {
			j, ok := at[chunks[i].text]
			if !ok {
				j = i
				at[chunks[i].text] = i
			}
			last[i], repeated = j, repeated || ok
		}
	}
	if !repeated {
		return nil
	}
	src := make([]int, len(words))
	for i := range src {
		src[i] = i
	}
	for i, c := range chunks {
		l := chunks[last[i]]
		if l.next-l.first != c.next-c.first {
			return nil // cannot happen: the same chunk splits the same way
		}
		for t := c.first; t < c.next; t++ {
			src[t] = l.first + t - c.first
		}
	}
	return src
}

// tag tokenizes the sentence text[s.Start:s.End] and returns its tokens
// anchored to text.
func (t *tagger) tag(text string, s Span) (toks []Token, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("nlp: tokenizing the sentence at byte %d: %v", s.Start, r)
		}
	}()
	orig := text[s.Start:s.End]
	norm, pos := normalize(orig)
	words, starts, tags, err := t.tagSentence(norm)
	if err != nil {
		return nil, err
	}
	toks = make([]Token, 0, len(words))
	for k, w := range words {
		b := starts[k]
		if b < 0 {
			// prose changed the token in a way we cannot find: skip it
			// rather than invent an offset.
			continue
		}
		e := b + len(w)
		st, en := pos[b]+s.Start, pos[e]+s.Start
		// A replacement that maps several result bytes to one source
		// position: extend the end to the full source sequence.
		if e > 0 && e < len(pos) && pos[e] == pos[e-1] {
			en = pos[e] + s.Start
		}
		toks = append(toks, Token{Text: text[st:en], Norm: w, Tag: tags[k], Span: Span{st, en}})
	}
	return toks, nil
}

// angleMarkup marks the bytes of Reuters-style markup in s, which the
// normalised text makes spaces (nil when s has none). Reuters marks company names "<Nippon Telegraph and
// Telephone Corp>" and tickers "Boeing Co <BA>", "<VOLV ST>"; prose keeps
// the brackets in the words' tokens, so a marked name became an entity of
// its own, and a ticker joined the name before it. Both brackets around a
// name become spaces; a ticker (upper-case letters, digits and dots, and
// an exchange after a space) becomes spaces whole, so that "Boeing Co
// <BA> said" reads as "Boeing Co said" (as a comma instead, it cut the
// subject from its verb: 66 claims of the first 3,687 stories lost, 36
// gained). Markup is "<" before an upper-case letter or a digit and the
// next ">" within 100 bytes with no "<", "=", '"' or "/" between (an HTML
// or XML tag left in a text, "<tweet id=...>", is not one).
func angleMarkup(s string) []bool {
	var m []bool
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return m
		}
		i += j
		if i+1 >= len(s) || !(s[i+1] >= 'A' && s[i+1] <= 'Z' || s[i+1] >= '0' && s[i+1] <= '9') {
			continue
		}
		ticker := true
		for k := i + 1; k < len(s) && k <= i+100; k++ {
			c := s[k]
			if c == '>' {
				if m == nil {
					m = make([]bool, len(s))
				}
				if ticker && k-i <= 12 {
					for x := i; x <= k; x++ {
						m[x] = true
					}
				} else {
					m[i], m[k] = true, true
				}
				break
			}
			if c == '<' || c == '=' || c == '"' || c == '/' {
				break
			}
			ticker = ticker && (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' ||
				c == ' ' && exchangeSuffix(s[k+1:]))
		}
	}
}

// exchangeSuffix reports whether s starts with one or two upper-case
// letters and ">" (the exchange of a ticker, "ST>").
func exchangeSuffix(s string) bool {
	n := 0
	for n < len(s) && n < 3 && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	return n >= 1 && n <= 2 && n < len(s) && s[n] == '>'
}
