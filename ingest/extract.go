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
func (x *Extractor) Extract(a Article) (res *linker.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: article %q: internal error: %v", a.Where(), a.ID, r)
		}
	}()
	doc, err := x.nlp.Process(nlp.Input{ID: a.ID, Title: a.Title, Date: a.Date, Text: a.Text})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.Where(), err)
	}
	return x.linker.Link(doc), nil
}
