package nlp

import (
	"fmt"
	"strings"

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
		if c == '\n' || c == '\r' || c == '\t' {
			c = ' '
		}
		b.WriteByte(c)
		pos = append(pos, i)
		i++
	}
	pos = append(pos, len(s))
	return b.String(), pos
}

// tagger tokenizes and POS-tags sentences with prose.
type tagger struct {
	model *prose.Model
}

func newTagger() (t *tagger, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("nlp: loading prose model: %v", r)
		}
	}()
	// ModelFromData with no data sources returns prose's built-in tagger
	// and extractor, loaded once here and shared by every document.
	return &tagger{model: prose.ModelFromData("claimgraph")}, nil
}

// tag tokenizes the sentence text[s.Start:s.End] and returns its tokens
// anchored to text.
func (t *tagger) tag(text string, s Span) (toks []Token, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("nlp: prose panicked on sentence at byte %d: %v", s.Start, r)
		}
	}()
	orig := text[s.Start:s.End]
	norm, pos := normalize(orig)
	doc, err := prose.NewDocument(norm,
		prose.UsingModel(t.model),
		prose.WithSegmentation(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	ptoks := doc.Tokens()
	toks = make([]Token, 0, len(ptoks))
	cur := 0
	for _, pt := range ptoks {
		if pt.Text == "" {
			continue
		}
		i := strings.Index(norm[cur:], pt.Text)
		if i < 0 {
			// prose changed the token in a way we cannot find: skip it
			// rather than invent an offset.
			continue
		}
		b := cur + i
		e := b + len(pt.Text)
		cur = e
		st, en := pos[b]+s.Start, pos[e]+s.Start
		// A replacement that maps several result bytes to one source
		// position: extend the end to the full source sequence.
		if e > 0 && e < len(pos) && pos[e] == pos[e-1] {
			en = pos[e] + s.Start
		}
		toks = append(toks, Token{Text: text[st:en], Norm: pt.Text, Tag: pt.Tag, Span: Span{st, en}})
	}
	return toks, nil
}
