package linker

import (
	"github.com/claimgraph/claimgraph/nlp"
)

// A Linker turns an nlp.Document into an Article. It holds no per-article
// state and is safe for concurrent use.
type Linker struct{}

// New returns a Linker.
func New() *Linker { return &Linker{} }

// Link resolves the document's mentions to entities and extracts roles,
// claims, relations and contested propositions.
func (l *Linker) Link(doc *nlp.Document) *Article {
	art, tab := l.linkEntities(doc)
	l.extractClaims(doc, tab, art)
	l.extractRelations(doc, tab, art)
	l.findContested(doc, tab, art)
	return art
}

// LinkEntities does only the first part of Link: entities and roles, no
// claims, relations or contested propositions. With package nlp it makes
// the NLP stage whose speed the claim and relation extraction is measured
// against (BenchmarkExtract).
func (l *Linker) LinkEntities(doc *nlp.Document) *Article {
	art, _ := l.linkEntities(doc)
	return art
}

func (l *Linker) linkEntities(doc *nlp.Document) (*Article, *entityTable) {
	art := &Article{ID: doc.ID, Title: doc.Title, Date: doc.Date,
		Entities: []Entity{}, Claims: []Claim{}, Relations: []Relation{}, Contested: []Contested{},
		Sentences: len(doc.Sentences), Tokens: doc.TokenCount()}
	for _, p := range doc.Paragraphs {
		if p.Dropped {
			art.Dropped = append(art.Dropped, Dropped{Reason: p.Reason, Start: p.Start, End: p.End})
		}
	}
	tab := l.resolveEntities(doc, art)
	l.findRoles(doc, tab, art)
	return art, tab
}
