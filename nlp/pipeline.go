package nlp

import (
	"fmt"
	"strings"
)

// A Recognizer finds named entities. It sets Token.Label (IOB2, with the
// CoNLL types PER, ORG, LOC, MISC) on the tokens of every sentence of doc.
// It must be safe for concurrent use.
type Recognizer interface {
	Recognize(doc *Document)
}

// An Option changes how [New] builds a Pipeline.
type Option func(*options)

type options struct {
	recognizer    Recognizer
	recognizerSet bool
	dropAds       bool
}

// defaultOptions: the embedded entity model, advertisements dropped.
var defaultOptions = options{dropAds: true}

// WithRecognizer replaces the entity recognizer; nil disables recognition
// (the pipeline then only splits, tokenizes and tags).
func WithRecognizer(r Recognizer) Option {
	return func(o *options) { o.recognizer, o.recognizerSet = r, true }
}

// KeepAds keeps advertisement and boilerplate paragraphs (they are still
// marked in Document.Paragraphs).
func KeepAds() Option { return func(o *options) { o.dropAds = false } }

// A Pipeline turns article text into a [Document]. It is safe for concurrent
// use.
type Pipeline struct {
	tagger *tagger
	opts   options
}

// New loads the models (once) and returns a Pipeline.
func New(opts ...Option) (*Pipeline, error) {
	o := defaultOptions
	for _, f := range opts {
		f(&o)
	}
	t, err := newTagger()
	if err != nil {
		return nil, err
	}
	if !o.recognizerSet {
		r, err := defaultRecognizer()
		if err != nil {
			return nil, err
		}
		o.recognizer = r
	}
	return &Pipeline{tagger: t, opts: o}, nil
}

// Process runs the whole stage on one article.
func (p *Pipeline) Process(in Input) (*Document, error) {
	doc := &Document{ID: in.ID, Title: in.Title, Date: in.Date, Text: in.Text}
	text := in.Text
	blocks := paragraphs(text)
	wrap := wrapped(splitLines(text))
	// The first non-empty line is the headline: its own paragraph, unless
	// the title was given apart and the text starts with the body (a
	// hard-wrapped first line is then only the start of a sentence).
	if len(blocks) > 0 && len(blocks[0].lines) > 1 &&
		(in.Title == "" || strings.TrimSpace(blocks[0].lines[0].text) == strings.TrimSpace(in.Title)) {
		first := blocks[0]
		blocks = append([]block{{lines: first.lines[:1]}, {lines: first.lines[1:]}}, blocks[1:]...)
	}
	marks := classifyParagraphs(text, blocks)
	for bi, b := range blocks {
		para := Paragraph{Span: trimSpan(text, b.span()), Dropped: marks[bi] != "", Reason: marks[bi]}
		doc.Paragraphs = append(doc.Paragraphs, para)
		if para.Dropped && p.opts.dropAds {
			continue
		}
		headline := bi == 0 && in.Title == ""
		if bi == 0 && in.Title != "" && strings.TrimSpace(text[para.Start:para.End]) == strings.TrimSpace(in.Title) {
			headline = true
		}
		var spans []Span
		if headline {
			spans = []Span{para.Span}
		} else {
			spans = splitSentences(text, b, wrap)
		}
		for _, s := range spans {
			toks, err := p.tagger.tag(text, s)
			if err != nil {
				return nil, fmt.Errorf("article %q: %w", in.ID, err)
			}
			if len(toks) == 0 {
				continue
			}
			doc.Sentences = append(doc.Sentences, Sentence{
				Index: len(doc.Sentences), Paragraph: bi, Headline: headline, Span: s, Tokens: toks,
			})
		}
	}
	if p.opts.recognizer != nil {
		p.opts.recognizer.Recognize(doc)
		gazetteerPass(doc)
		doc.Mentions = mentions(doc)
		refineTypes(doc)
	}
	return doc, nil
}
