package nlp

import "github.com/claimgraph/claimgraph/nlp/ner"

// defaultRecognizer returns the embedded entity model.
func defaultRecognizer() (Recognizer, error) {
	m, err := ner.Default()
	if err != nil {
		return nil, err
	}
	return NERRecognizer(m), nil
}

// NERRecognizer returns a Recognizer that labels whole documents with a
// model of package ner (the default one is [ner.Default]).
func NERRecognizer(m *ner.Model) Recognizer { return nerRecognizer{m} }

type nerRecognizer struct{ m *ner.Model }

func (r nerRecognizer) Recognize(doc *Document) {
	labels := r.m.Recognize(NERInput(doc))
	for si := range doc.Sentences {
		toks := doc.Sentences[si].Tokens
		for ti := range toks {
			toks[ti].Label = labels[si][ti].String()
		}
	}
}

// NERInput converts doc to the input of package ner: every kept sentence,
// with prose's normalised token text and part-of-speech tags. The trainer
// uses it too, so that training sees exactly what recognition sees.
func NERInput(doc *Document) *ner.Document {
	n := 0
	for i := range doc.Sentences {
		n += len(doc.Sentences[i].Tokens)
	}
	all := make([]ner.Token, 0, n)
	out := &ner.Document{Text: doc.Text, Sentences: make([]ner.Sentence, len(doc.Sentences))}
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		start := len(all)
		for _, t := range s.Tokens {
			text := t.Norm
			if text == "" {
				text = t.Text
			}
			all = append(all, ner.Token{Text: text, Tag: t.Tag, Start: t.Start, End: t.End})
		}
		out.Sentences[i] = ner.Sentence{Headline: s.Headline, Tokens: all[start:len(all):len(all)]}
	}
	return out
}
