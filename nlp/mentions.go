package nlp

import "strings"

// mentions turns the IOB2 token labels into typed mentions.
func mentions(doc *Document) []Mention {
	var out []Mention
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		start, typ := -1, ""
		close := func(end int) {
			if start >= 0 {
				m := Mention{Type: typ, Sentence: si, TokStart: start, TokEnd: end,
					Span: Span{s.Tokens[start].Start, s.Tokens[end-1].End}}
				m.Text = doc.Text[m.Start:m.End]
				out = append(out, m)
			}
			start, typ = -1, ""
		}
		for i, t := range s.Tokens {
			l := t.Label
			switch {
			case strings.HasPrefix(l, "B-"):
				close(i)
				start, typ = i, l[2:]
			case strings.HasPrefix(l, "I-"):
				if start < 0 || typ != l[2:] {
					close(i)
					start, typ = i, l[2:]
				}
			default:
				close(i)
			}
		}
		close(len(s.Tokens))
	}
	return out
}
