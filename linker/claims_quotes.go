package linker

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/nlp"
)

// A quotation found in the text. Quotations are found on the characters of
// each paragraph, not on tokens, so that every way of writing the marks
// (straight, curly, doubled apostrophes, backquotes) and every way the
// tokenizer splits them is handled alike. A quotation left open at the end
// of its paragraph ends there (news continues a quotation into the next
// paragraph by opening it again).
type quotation struct {
	markStart int  // byte offset of the opening mark
	open      int  // first byte after the opening mark
	close     int  // byte offset of the closing mark (the paragraph's end when unclosed)
	markEnd   int  // first byte after the closing mark
	closed    bool // a closing mark was found
}

// quoteMark reports whether a quotation mark starts at byte b of text, its
// length, and whether it can only open (1), only close (2) or either (0).
func quoteMark(text string, b int) (n int, kind int) {
	switch {
	case text[b] == '"':
		return 1, 0
	case text[b] == '\'' && b+1 < len(text) && text[b+1] == '\'':
		return 2, 0
	case text[b] == '`' && b+1 < len(text) && text[b+1] == '`':
		return 2, 1
	}
	r, size := utf8.DecodeRuneInString(text[b:])
	switch r {
	case '\u201c', '\u201e', '\u00ab': // “ „ «
		return size, 1
	case '\u201d', '\u00bb': // ” »
		return size, 2
	}
	return 0, 0
}

// spaceOrEdge reports whether the rune before (dir<0) or after (dir>0) the
// byte range [a, b) is a space, an opening bracket, or the paragraph's edge.
func spaceOrEdge(text string, a, b, lo, hi int, dir int) bool {
	if dir < 0 {
		if a <= lo {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(text[lo:a])
		return unicode.IsSpace(r) || r == '(' || r == '[' || r == '\u2014' || r == '\u2013' || r == '-'
	}
	if b >= hi {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[b:hi])
	return unicode.IsSpace(r) || unicode.IsPunct(r)
}

// findQuotations returns the quotations of the kept paragraphs of doc, in
// text order.
func findQuotations(doc *nlp.Document) []quotation {
	var out []quotation
	text := doc.Text
	for si := 0; si < len(doc.Sentences); {
		// The paragraph: a run of sentences with the same index.
		sj := si
		for sj+1 < len(doc.Sentences) && doc.Sentences[sj+1].Paragraph == doc.Sentences[si].Paragraph {
			sj++
		}
		lo, hi := doc.Sentences[si].Start, doc.Sentences[sj].End
		si = sj + 1
		cur := -1 // index in out of the open quotation
		for b := lo; b < hi; {
			n, kind := quoteMark(text, b)
			if n == 0 {
				b++
				continue
			}
			before := spaceOrEdge(text, b, b+n, lo, hi, -1)
			after := spaceOrEdge(text, b, b+n, lo, hi, 1)
			opening := false
			switch kind {
			case 1:
				opening = true
			case 2:
				// A closing mark written where an opening one belongs.
				opening = cur < 0 && before && !after
			default:
				switch {
				case cur < 0:
					opening = !(after && !before)
				case before && !after:
					// Looks like an opening mark while one is open: the
					// earlier one was never closed; end it here.
					opening = true
				}
			}
			if opening {
				if cur >= 0 {
					out[cur].close, out[cur].markEnd = b, b
				}
				out = append(out, quotation{markStart: b, open: b + n, close: hi, markEnd: hi})
				cur = len(out) - 1
			} else if cur >= 0 {
				out[cur].close, out[cur].markEnd, out[cur].closed = b, b+n, true
				cur = -1
			}
			b += n
		}
	}
	return out
}

// quoteFlags marks the tokens of a sentence that are inside a quotation or
// are quotation marks, in in and mark (as long as the sentence).
func quoteFlags(s *nlp.Sentence, qs []quotation, in, mark []bool) {
	clear(in)
	clear(mark)
	q := sort.Search(len(qs), func(i int) bool { return qs[i].markEnd > s.Start })
	if q >= len(qs) || qs[q].markStart >= s.End {
		return // no quotation in the sentence
	}
	for i, t := range s.Tokens {
		for q < len(qs) && qs[q].markEnd <= t.Start {
			q++
		}
		if q >= len(qs) {
			break
		}
		for k := q; k < len(qs) && qs[k].markStart < t.End; k++ {
			qq := qs[k]
			if t.End <= qq.markStart || t.Start >= qq.markEnd {
				continue
			}
			if t.Start < qq.close && t.End > qq.open {
				in[i] = true
			} else {
				in[i], mark[i] = true, true
			}
		}
	}
}
