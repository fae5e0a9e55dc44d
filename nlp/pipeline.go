package nlp

import (
	"fmt"
	"strings"

	"github.com/claimgraph/claimgraph/parse"
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
	parse         bool
}

// defaultOptions: the embedded entity model, advertisements dropped,
// sentences parsed.
var defaultOptions = options{dropAds: true, parse: true}

// WithoutParser leaves Sentence.Deps nil: no dependency parse (for callers
// that only need tokens, tags and entities).
func WithoutParser() Option { return func(o *options) { o.parse = false } }

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
	parser *parse.Parser
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
	pl := &Pipeline{tagger: t, opts: o}
	if o.parse {
		if pl.parser, err = parse.Default(); err != nil {
			return nil, err
		}
	}
	return pl, nil
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
	if p.parser != nil {
		parseSentences(p.parser, doc)
	}
	return doc, nil
}

// Sentences the parser reads: shorter ones have no structure worth a
// tree, longer ones are lists or tables more often than prose.
const (
	minParseTokens = 3
	maxParseTokens = 120
)

// parseSentences sets the dependency tree of every sentence of doc.
func parseSentences(p *parse.Parser, doc *Document) {
	var words, tags []string
	var toks []Token
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if len(s.Tokens) < minParseTokens || len(s.Tokens) > maxParseTokens {
			continue
		}
		toks = AppendParseTokens(toks[:0], s.Tokens)
		words, tags = words[:0], tags[:0]
		for _, t := range toks {
			words = append(words, t.Norm)
			tags = append(tags, t.Tag)
		}
		s.Deps = p.Parse(words, tags)
	}
}

// AppendParseTokens appends to out the tokens the parser reads for a
// sentence: its tokens, with a pair of apostrophes that prose split ("'",
// "'") read as one closing quote "”". Sentence.Deps indexes these tokens.
func AppendParseTokens(out, toks []Token) []Token {
	for i, t := range toks {
		if t.Text == "'" && i > 0 && toks[i-1].Text == "'" && toks[i-1].End == t.Start && len(out) > 0 {
			out[len(out)-1].Text, out[len(out)-1].Norm = "''", "''"
			out[len(out)-1].End = t.End
			continue
		}
		out = append(out, t)
	}
	return out
}
