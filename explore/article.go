package explore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Mention is an entity mention in an article's text.
type Mention struct {
	Span
	Text   string    `json:"text"`
	Entity EntityRef `json:"entity"`
}

// Relation is a subject–predicate–object relation between two entities
// read in an article. Spans are not stored (see the package Caveats);
// Span, SubjectSpan and ObjectSpan are filled by callers that recover
// them (the server re-extracts the text), nil otherwise.
//
// Subject and Object are entities when the relation's ends were linked to
// one; otherwise their ID is empty and their Name is the text.
type Relation struct {
	Subject       EntityRef `json:"subject"`
	Predicate     string    `json:"predicate"` // "rel:send-to"
	Object        EntityRef `json:"object"`
	Span          *Span     `json:"span,omitempty"` // the predicate
	SubjectSpan   *Span     `json:"subject_span,omitempty"`
	ObjectSpan    *Span     `json:"object_span,omitempty"`
	SubjectText   string    `json:"subject_text,omitempty"`
	PredicateText string    `json:"predicate_text,omitempty"`
	ObjectText    string    `json:"object_text,omitempty"`
	Args          []string  `json:"args,omitempty"` // further arguments' texts (time, place, ...)
	Sentence      int       `json:"sentence"`
	Confidence    float64   `json:"confidence"`
}

// Role is a title an entity holds, read in an article.
type Role struct {
	Person    EntityRef  `json:"person"`
	Predicate string     `json:"predicate"` // "role:secretary-general"
	Of        *EntityRef `json:"of,omitempty"`
}

// ArticleSummary is an article in listings.
type ArticleSummary struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
}

// Article is an article with its text and the spans of every entity
// mention and claim, its relations, roles and contested groups.
type Article struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Date      string      `json:"date,omitempty"`
	URL       string      `json:"url,omitempty"`
	Author    string      `json:"author,omitempty"`
	Source    string      `json:"source,omitempty"` // publisher (cg:source)
	FoundIn   []string    `json:"found_in"`         // where copies were found (cg:foundIn)
	Text      string      `json:"text"`
	Entities  []EntityRef `json:"entities"`
	Mentions  []Mention   `json:"mentions"`
	Claims    []Claim     `json:"claims"`
	Relations []Relation  `json:"relations"`
	Roles     []Role      `json:"roles"`
	Contested []Contested `json:"contested"`
}

// articleIRI returns the IRI of a stored article given by ID or IRI.
func (x *Explorer) articleIRI(ctx context.Context, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("%w: empty article ID", ErrBadArgument)
	}
	id := ArticleIDOf(s)
	if id == "" {
		id = s
	}
	iri := string(schema.ArticleIRI(id))
	ok, err := x.st.Has(ctx, schema.ArticleIRI(id), schema.Type, schema.Article)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%w: no article %q", ErrNotFound, id)
	}
	return iri, nil
}

// Articles lists stored articles (at most limit), sorted by date and ID;
// with entity set, those that mention it.
func (x *Explorer) Articles(ctx context.Context, entity string, limit int) ([]ArticleSummary, error) {
	limit, err := checkLimit(limit)
	if err != nil {
		return nil, err
	}
	var iris []string
	if entity != "" {
		e, err := x.Resolve(ctx, entity)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		err = x.out(ctx, []string{e.IRI()}, []quad.IRI{schema.MentionedIn}, 0, func(_ string, _ quad.IRI, o quad.Value) {
			if a := literal(o); !seen[a] && len(iris) < limit {
				seen[a] = true
				iris = append(iris, a)
			}
		})
		if err != nil {
			return nil, err
		}
	} else if iris, err = x.subjectsOf(ctx, schema.Article, schema.Type, limit); err != nil {
		return nil, err
	}
	out := []ArticleSummary{}
	if len(iris) == 0 {
		return out, nil
	}
	byIRI := map[string]*ArticleSummary{}
	for _, iri := range iris {
		byIRI[iri] = &ArticleSummary{ID: ArticleIDOf(iri)}
	}
	err = x.out(ctx, iris, []quad.IRI{schema.Title, schema.Date}, 1, func(s string, p quad.IRI, o quad.Value) {
		if a := byIRI[s]; a != nil {
			if p == schema.Title {
				a.Title = literal(o)
			} else {
				a.Date = literal(o)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for _, iri := range iris {
		out = append(out, *byIRI[iri])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Article returns a stored article with its text and spans.
func (x *Explorer) Article(ctx context.Context, id string) (*Article, error) {
	iri, err := x.articleIRI(ctx, id)
	if err != nil {
		return nil, err
	}
	a := &Article{ID: ArticleIDOf(iri), FoundIn: []string{}, Entities: []EntityRef{}, Mentions: []Mention{},
		Relations: []Relation{}, Roles: []Role{}, Contested: []Contested{}}
	// The article's own properties, then what points at it.
	var rows []row
	err = x.st.ReadQuads(ctx, graph.QuadFilter{Subjects: []quad.Value{quad.IRI(iri)}}, func(q quad.Quad) error {
		rows = append(rows, row{"row": "prop", "p": "<" + literal(q.Predicate) + ">", "v": literal(q.Object)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = x.st.ReadQuads(ctx, graph.QuadFilter{Objects: []quad.Value{quad.IRI(iri)}}, func(q quad.Quad) error {
		s := "<" + literal(q.Subject) + ">"
		switch {
		case q.Predicate == schema.MentionedIn:
			rows = append(rows, row{"row": "entity", "e": s})
		case q.Predicate == schema.InArticle && strings.HasPrefix(literal(q.Subject), "claim:"):
			rows = append(rows, row{"row": "claim", "c": s})
		case q.Predicate == schema.InArticle && strings.HasPrefix(literal(q.Subject), "contested:"):
			rows = append(rows, row{"row": "contested", "c": s})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var ents, claims, groups []string
	type rawMention struct {
		start, end int
		id         string
	}
	var raw []rawMention
	var relLit string
	for _, r := range rows {
		switch r["row"] {
		case "prop":
			p, _ := iriOf(r["p"])
			v := text(r["v"])
			switch p {
			case "cg:title":
				a.Title = v
			case "cg:date":
				a.Date = v
			case "cg:url":
				a.URL = v
			case "cg:author":
				a.Author = v
			case "cg:source":
				a.Source = v
			case "cg:foundIn":
				a.FoundIn = append(a.FoundIn, v)
			case "cg:text":
				a.Text = v
			case "cg:relations":
				relLit = v
			case "cg:mentions":
				ems, err := schema.ParseMentions(v)
				if err != nil {
					return nil, fmt.Errorf("article %s: %w", a.ID, err)
				}
				for _, em := range ems {
					for _, sp := range em.Spans {
						raw = append(raw, rawMention{sp[0], sp[1], em.Entity})
					}
				}
			}
		case "entity":
			if e, ok := iriOf(r["e"]); ok {
				ents = append(ents, e)
			}
		case "claim":
			if c, ok := iriOf(r["c"]); ok {
				claims = append(claims, c)
			}
		case "contested":
			if c, ok := iriOf(r["c"]); ok {
				groups = append(groups, c)
			}
		}
	}
	sort.Strings(a.FoundIn)
	for _, m := range raw {
		ents = append(ents, string(schema.EntityIRI(m.id)))
	}
	var rels []schema.RelationSpan
	if relLit != "" {
		if rels, err = schema.ParseRelations(relLit); err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
		for _, r := range rels {
			for _, e := range []string{r.SubjectEnt, r.ObjectEnt} {
				if e != "" {
					ents = append(ents, string(schema.EntityIRI(e)))
				}
			}
		}
	}
	// Relations and roles: entity-to-entity quads labelled with the
	// article, between its entities.
	entList := dedupe(ents)
	type edge struct{ s, p, o string }
	var edges []edge
	if len(entList) > 0 {
		subs := make([]quad.Value, len(entList))
		for i, e := range entList {
			subs[i] = quad.IRI(e)
		}
		err := x.st.ReadQuads(ctx, graph.QuadFilter{Subjects: subs, Labels: []quad.Value{quad.IRI(iri)}, PredicatePrefixes: []string{"rel:", "role:"}}, func(q quad.Quad) error {
			if isEdgePredicate(q.Predicate) && isEntity(q.Object) {
				edges = append(edges, edge{string(q.Subject.(quad.IRI)), string(q.Predicate.(quad.IRI)), string(q.Object.(quad.IRI))})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	m, err := x.refs(ctx, entList)
	if err != nil {
		return nil, err
	}
	for _, e := range entList {
		if r, ok := m[e]; ok {
			a.Entities = append(a.Entities, r)
		}
	}
	sort.Slice(a.Entities, func(i, j int) bool { return a.Entities[i].ID < a.Entities[j].ID })
	for _, rm := range raw {
		mt := Mention{Span: Span{rm.start, rm.end}, Entity: ref(m, string(schema.EntityIRI(rm.id)))}
		if rm.start >= 0 && rm.start <= rm.end && rm.end <= len(a.Text) {
			mt.Text = a.Text[rm.start:rm.end]
		}
		a.Mentions = append(a.Mentions, mt)
	}
	sort.Slice(a.Mentions, func(i, j int) bool {
		if a.Mentions[i].Start != a.Mentions[j].Start {
			return a.Mentions[i].Start < a.Mentions[j].Start
		}
		return a.Mentions[i].End < a.Mentions[j].End
	})
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].s != edges[j].s {
			return edges[i].s < edges[j].s
		}
		if edges[i].p != edges[j].p {
			return edges[i].p < edges[j].p
		}
		return edges[i].o < edges[j].o
	})
	// Relations: from the cg:relations literal, with their spans; stores
	// written before it existed have only the edges between entities.
	span := func(sp [2]int) (*Span, string) {
		if sp[0] < 0 || sp[0] > sp[1] || sp[1] > len(a.Text) {
			return nil, ""
		}
		return &Span{sp[0], sp[1]}, a.Text[sp[0]:sp[1]]
	}
	end := func(ent string, text string) EntityRef {
		if ent != "" {
			return ref(m, string(schema.EntityIRI(ent)))
		}
		return EntityRef{Name: text}
	}
	for _, r := range rels {
		rel := Relation{Predicate: string(schema.RelationIRI(r.Lemma)), Sentence: r.Sentence, Confidence: r.Confidence}
		rel.Span, rel.PredicateText = span(r.Predicate)
		rel.SubjectSpan, rel.SubjectText = span(r.Subject)
		rel.ObjectSpan, rel.ObjectText = span(r.Object)
		rel.Subject, rel.Object = end(r.SubjectEnt, rel.SubjectText), end(r.ObjectEnt, rel.ObjectText)
		for _, x := range r.Args {
			if _, t := span(x); t != "" {
				rel.Args = append(rel.Args, t)
			}
		}
		a.Relations = append(a.Relations, rel)
	}
	for _, e := range edges {
		switch {
		case strings.HasPrefix(e.p, "rel:"):
			if relLit == "" {
				a.Relations = append(a.Relations, Relation{Subject: ref(m, e.s), Predicate: e.p, Object: ref(m, e.o)})
			}
		case strings.HasPrefix(e.p, "role:"):
			of := ref(m, e.o)
			a.Roles = append(a.Roles, Role{Person: ref(m, e.s), Predicate: e.p, Of: &of})
		}
	}
	if a.Claims, err = x.claimsWithTexts(ctx, claims, map[string]string{a.ID: a.Text}); err != nil {
		return nil, err
	}
	if a.Contested, err = x.contested(ctx, groups); err != nil {
		return nil, err
	}
	return a, nil
}
