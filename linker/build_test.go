package linker

import (
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/nlp"
)

// buildDoc makes an nlp.Document by hand, without running prose. Each
// sentence is a string of tokens "text/TAG" or "text/TAG/TYPE" where TYPE
// starts (B-) or continues (I-) an entity mention: "Mark/NNP/B-PERSON".
// Sentences are joined by a space; a sentence starting with "¶" starts a new
// paragraph.
func buildDoc(t *testing.T, id string, sentences ...string) *nlp.Document {
	t.Helper()
	doc := &nlp.Document{ID: id}
	var text strings.Builder
	para := 0
	for si, s := range sentences {
		if strings.HasPrefix(s, "¶") {
			para++
			s = strings.TrimSpace(strings.TrimPrefix(s, "¶"))
			text.WriteString("\n\n")
		} else if si > 0 {
			text.WriteByte(' ')
		}
		sent := nlp.Sentence{Index: si, Paragraph: para, Headline: si == 0 && strings.HasPrefix(id, "headline")}
		sent.Start = text.Len()
		var mention *nlp.Mention
		openQuote := false
		for ti, f := range strings.Fields(s) {
			parts := strings.Split(f, "/")
			if len(parts) < 2 {
				t.Fatalf("token %q: want text/TAG", f)
			}
			w := strings.ReplaceAll(parts[0], "_", " ")
			if ti > 0 && !attachLeft(w, parts[1]) && !openQuote {
				text.WriteByte(' ')
			}
			openQuote = w == `"` && parts[1] == "``"
			tok := nlp.Token{Text: w, Norm: normQuote(w), Tag: parts[1], Span: nlp.Span{Start: text.Len(), End: text.Len() + len(w)}}
			text.WriteString(w)
			label := "O"
			if len(parts) == 3 {
				label = parts[2]
			}
			tok.Label = label
			if mention != nil && !strings.HasPrefix(label, "I-") {
				doc.Mentions = append(doc.Mentions, *mention)
				mention = nil
			}
			if strings.HasPrefix(label, "B-") {
				mention = &nlp.Mention{Type: label[2:], Sentence: si, TokStart: ti, TokEnd: ti + 1, Span: tok.Span}
			} else if strings.HasPrefix(label, "I-") && mention != nil {
				mention.TokEnd = ti + 1
				mention.End = tok.End
			}
			sent.Tokens = append(sent.Tokens, tok)
		}
		if mention != nil {
			doc.Mentions = append(doc.Mentions, *mention)
		}
		sent.End = text.Len()
		doc.Sentences = append(doc.Sentences, sent)
	}
	doc.Text = text.String()
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		m.Text = doc.Text[m.Start:m.End]
	}
	return doc
}

func normQuote(w string) string {
	switch w {
	case "\u201c", "\u201d":
		return `"`
	case "\u2019":
		return "'"
	}
	return w
}

// attachLeft reports whether a token is written without a space before it.
func attachLeft(w, tag string) bool {
	switch w {
	case ".", ",", ":", ";", "!", "?", "'s":
		return true
	case `"`:
		return tag == "''"
	}
	return false
}
