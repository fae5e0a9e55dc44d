package ingest

import (
	"fmt"

	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/nlp"
)

// An Extractor runs the NLP stage and the linker on articles. It is safe for
// concurrent use.
type Extractor struct {
	nlp    *nlp.Pipeline
	linker *linker.Linker
}

// NewExtractor loads the models once.
func NewExtractor(opts ...nlp.Option) (*Extractor, error) {
	p, err := nlp.New(opts...)
	if err != nil {
		return nil, err
	}
	return &Extractor{nlp: p, linker: linker.New()}, nil
}

// Extract reads one article.
func (x *Extractor) Extract(a Article) (*linker.Article, error) {
	res, _, err := x.ExtractCount(a)
	return res, err
}

// ExtractCount reads one article and also returns its number of tokens.
func (x *Extractor) ExtractCount(a Article) (res *linker.Article, tokens int, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, tokens, err = nil, 0, fmt.Errorf("%s: article %q: internal error: %v", a.Where(), a.ID, r)
		}
	}()
	doc, err := x.nlp.Process(nlp.Input{ID: a.ID, Title: a.Title, Date: a.Date, Text: a.Text})
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", a.Where(), err)
	}
	return x.linker.Link(doc), doc.TokenCount(), nil
}
