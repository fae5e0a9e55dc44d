package explore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// EntityRef names an entity in results.
type EntityRef struct {
	ID   string `json:"id"` // "person/mark-rutte"
	Name string `json:"name"`
	Type string `json:"type,omitempty"` // PERSON, ORG, GPE, LOC, NORP, ...
}

// IRI is the entity's IRI as stored ("ent:person/mark-rutte").
func (e EntityRef) IRI() string { return string(schema.EntityIRI(e.ID)) }

// Entity is an entity with its aliases and counts.
type Entity struct {
	EntityRef
	Aliases []string `json:"aliases"`
	// Titles are the role titles the entity holds ("Secretary General").
	Titles []string `json:"titles,omitempty"`
	// Articles is the number of articles that mention the entity.
	Articles int `json:"articles"`
	// ClaimsBy and ClaimsAbout count its claims (as claimant, as subject).
	ClaimsBy    int `json:"claims_by"`
	ClaimsAbout int `json:"claims_about"`
}

// refs fetches names and types of entity IRIs (unknown IRIs are left
// out). Every fact about an entity is stored once per article that states
// it, so a hub's name is thousands of quads: read the first of each.
func (x *Explorer) refs(ctx context.Context, iris []string) (map[string]EntityRef, error) {
	out := map[string]EntityRef{}
	var miss []string
	x.mu.Lock()
	for _, iri := range iris {
		if r, ok := x.names[iri]; ok {
			out[iri] = r
		} else if _, dup := out[iri]; !dup {
			miss = append(miss, iri)
		}
	}
	x.mu.Unlock()
	miss = dedupe(miss)
	if len(miss) == 0 {
		return out, nil
	}
	got := map[string]*EntityRef{}
	err := x.out(ctx, miss, []quad.IRI{schema.Name, schema.Type}, 1, func(s string, p quad.IRI, o quad.Value) {
		r := got[s]
		if r == nil {
			r = &EntityRef{ID: EntityIDOf(s)}
			got[s] = r
		}
		if p == schema.Name {
			r.Name = literal(o)
		} else if c, ok := o.(quad.IRI); ok {
			r.Type = typeOfClass(string(c))
		}
	})
	if err != nil {
		return nil, err
	}
	x.mu.Lock()
	if x.names == nil || len(x.names) > maxCachedNames {
		x.names = map[string]EntityRef{}
	}
	for iri, r := range got {
		if r.Name == "" {
			continue // not an entity
		}
		out[iri] = *r
		x.names[iri] = *r
	}
	x.mu.Unlock()
	return out, nil
}

func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	var out []string
	for _, s := range xs {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// ref returns the EntityRef of iri from m, or one made of the IRI alone.
func ref(m map[string]EntityRef, iri string) EntityRef {
	if r, ok := m[iri]; ok {
		return r
	}
	return EntityRef{ID: EntityIDOf(iri)}
}

// Resolve finds the entity meant by s: an entity ID ("person/mark-rutte"),
// an entity IRI in any form, a name or an alias (exactly, then ignoring
// case). A name that fits several entities gives an *AmbiguousError
// (names win over aliases: "Rutte" is Mark Rutte when no entity is named
// "Rutte"); none gives ErrNotFound with suggestions.
func (x *Explorer) Resolve(ctx context.Context, s string) (EntityRef, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return EntityRef{}, fmt.Errorf("%w: empty entity", ErrBadArgument)
	}
	if len(s) > 1000 {
		return EntityRef{}, fmt.Errorf("%w: entity name is longer than 1000 bytes", ErrBadArgument)
	}
	// An ID or IRI.
	if id := EntityIDOf(s); id != "" || strings.Contains(s, "/") {
		if id == "" {
			id = s
		}
		iri := string(schema.EntityIRI(id))
		m, err := x.refs(ctx, []string{iri})
		if err != nil {
			return EntityRef{}, err
		}
		if r, ok := m[iri]; ok {
			return r, nil
		}
	}
	// Names and aliases, exactly.
	q := func(pred, val string) ([]string, error) {
		return x.subjectsOf(ctx, quad.String(val), quad.IRI(pred), 0)
	}
	// As written, then in the usual casings ("mark rutte" -> "Mark Rutte").
	for _, v := range dedupe([]string{s, titleCase(s), strings.ToUpper(s), strings.ToLower(s)}) {
		for _, pred := range []string{"cg:name", "cg:alias"} {
			iris, err := q(pred, v)
			if err != nil {
				return EntityRef{}, err
			}
			if r, err := x.pick(ctx, s, iris); r != nil || err != nil {
				return *r, err
			}
		}
	}
	// Ignoring case.
	cands, err := x.Search(ctx, SearchOptions{Query: s, Limit: 50})
	if err != nil {
		return EntityRef{}, err
	}
	var byName, byAlias []string
	for _, c := range cands {
		if strings.EqualFold(c.Name, s) {
			byName = append(byName, c.IRI())
			continue
		}
		for _, a := range c.Aliases {
			if strings.EqualFold(a, s) {
				byAlias = append(byAlias, c.IRI())
				break
			}
		}
	}
	for _, iris := range [][]string{byName, byAlias} {
		if r, err := x.pick(ctx, s, iris); r != nil || err != nil {
			return *r, err
		}
	}
	var sugg []string
	for i, c := range cands {
		if i == 5 {
			break
		}
		sugg = append(sugg, fmt.Sprintf("%s (%s)", c.ID, c.Name))
	}
	if len(sugg) > 0 {
		return EntityRef{}, fmt.Errorf("%w: no entity has the ID, name or alias %q; did you mean %s?", ErrNotFound, s, strings.Join(sugg, ", "))
	}
	return EntityRef{}, fmt.Errorf("%w: no entity has the ID, name or alias %q", ErrNotFound, s)
}

// titleCase upper-cases the first letter of each word and lower-cases
// the rest.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// pick returns the only entity of iris, an AmbiguousError for several,
// or nil for none.
func (x *Explorer) pick(ctx context.Context, s string, iris []string) (*EntityRef, error) {
	iris = dedupe(iris)
	switch len(iris) {
	case 0:
		return nil, nil
	case 1:
		m, err := x.refs(ctx, iris)
		if err != nil {
			return &EntityRef{}, err
		}
		r := ref(m, iris[0])
		return &r, nil
	}
	m, err := x.refs(ctx, iris)
	if err != nil {
		return &EntityRef{}, err
	}
	amb := &AmbiguousError{Query: s}
	sort.Strings(iris)
	for _, iri := range iris {
		amb.Candidates = append(amb.Candidates, ref(m, iri))
	}
	return &EntityRef{}, amb
}

// Entity returns an entity (resolved as by Resolve) with its aliases,
// titles and counts.
func (x *Explorer) Entity(ctx context.Context, s string) (Entity, error) {
	r, err := x.Resolve(ctx, s)
	if err != nil {
		return Entity{}, err
	}
	e := Entity{EntityRef: r, Aliases: []string{}}
	iri := r.IRI()
	seen := map[string]bool{}
	arts := map[quad.Value]bool{}
	err = x.out(ctx, []string{iri}, []quad.IRI{schema.Alias, schema.HasTitle, schema.MentionedIn}, 0, func(_ string, p quad.IRI, o quad.Value) {
		v := literal(o)
		switch {
		case p == schema.MentionedIn:
			arts[o] = true
		case seen[string(p)+v]:
		case p == schema.Alias:
			seen[string(p)+v] = true
			e.Aliases = append(e.Aliases, v)
		default:
			seen[string(p)+v] = true
			e.Titles = append(e.Titles, v)
		}
	})
	if err != nil {
		return Entity{}, err
	}
	sort.Strings(e.Aliases)
	sort.Strings(e.Titles)
	e.Articles = len(arts)
	by, err := x.subjectsOf(ctx, quad.IRI(iri), schema.Claimant, 0)
	if err != nil {
		return Entity{}, err
	}
	about, err := x.subjectsOf(ctx, quad.IRI(iri), schema.About, 0)
	if err != nil {
		return Entity{}, err
	}
	e.ClaimsBy, e.ClaimsAbout = len(by), len(about)
	return e, nil
}

// SearchOptions select entities in Search.
type SearchOptions struct {
	// Query is matched, ignoring case, as a substring of names and
	// aliases; "" matches every entity.
	Query string
	// Type is an entity type (PERSON, ORG, GPE, LOC, NORP, ...); "" is any.
	Type string
	// Limit bounds the results; 0 means DefaultLimit.
	Limit int
}

// SearchResult is an entity found by Search.
type SearchResult struct {
	EntityRef
	Aliases []string `json:"aliases"`
	// Match is what matched: "name", "alias" (exactly, ignoring case),
	// "name-prefix", "name-substring", "alias-substring".
	Match string `json:"match,omitempty"`
}

// Search finds entities whose name or an alias contains the query,
// ignoring case. Exact matches come first, then names starting with the
// query, then other matches; shorter names first within each. The first
// search of an Explorer reads every entity's names and aliases (seconds on
// a large store); later ones use that index until Invalidate.
func (x *Explorer) Search(ctx context.Context, o SearchOptions) ([]SearchResult, error) {
	limit, err := checkLimit(o.Limit)
	if err != nil {
		return nil, err
	}
	typ := strings.ToUpper(strings.TrimSpace(o.Type))
	if typ != "" {
		known := false
		for _, et := range schema.EntityTypes {
			known = known || et == typ
		}
		if !known {
			return nil, fmt.Errorf("%w: unknown entity type %q (want one of %s)", ErrBadArgument, o.Type, strings.Join(schema.EntityTypes, ", "))
		}
	}
	if len(o.Query) > 1000 {
		return nil, fmt.Errorf("%w: search query is longer than 1000 bytes", ErrBadArgument)
	}
	idx, err := x.nameIndex(ctx)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(o.Query))
	type hit struct {
		e    *indexEntity
		rank int
	}
	var hits []hit
	for _, e := range idx.entities {
		if typ != "" && e.ref.Type != typ {
			continue
		}
		best := -1
		for i, v := range e.lower {
			isName := i == 0
			rk := -1
			switch {
			case q == "":
				rk = 5
			case v == q && isName:
				rk = 0
			case v == q:
				rk = 1
			case isName && strings.HasPrefix(v, q):
				rk = 2
			case !strings.Contains(v, q):
			case isName:
				rk = 3
			default:
				rk = 4
			}
			if rk >= 0 && (best < 0 || rk < best) {
				best = rk
			}
		}
		if best >= 0 {
			hits = append(hits, hit{e, best})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if len(a.e.ref.Name) != len(b.e.ref.Name) {
			return len(a.e.ref.Name) < len(b.e.ref.Name)
		}
		return a.e.ref.ID < b.e.ref.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	matchNames := []string{"name", "alias", "name-prefix", "name-substring", "alias-substring", ""}
	out := make([]SearchResult, 0, len(hits))
	for _, h := range hits {
		al := append([]string{}, h.e.aliases...)
		sort.Strings(al)
		out = append(out, SearchResult{EntityRef: h.e.ref, Aliases: al, Match: matchNames[h.rank]})
	}
	return out, nil
}

// indexEntity is an entity in the name index.
type indexEntity struct {
	ref     EntityRef
	aliases []string
	lower   []string // name, then aliases, lower-cased
}

// nameIndex holds every entity's name, type and aliases.
type nameIndex struct {
	entities []*indexEntity
}

// nameIndex returns the Explorer's name index, reading it on first use
// (in the background: a caller whose ctx ends first gets ErrNotReady, and
// the reading goes on for the next one).
func (x *Explorer) nameIndex(ctx context.Context) (*nameIndex, error) {
	x.mu.Lock()
	if x.index != nil {
		idx := x.index
		x.mu.Unlock()
		return idx, nil
	}
	b := x.building
	if b == nil {
		b = &indexBuild{done: make(chan struct{})}
		x.building = b
		gen := x.gen
		go func() {
			idx, err := x.readNameIndex(context.Background())
			x.mu.Lock()
			if err == nil && x.gen == gen {
				x.index = idx
			}
			x.building = nil
			x.mu.Unlock()
			b.idx, b.err = idx, err
			close(b.done)
		}()
	}
	x.mu.Unlock()
	select {
	case <-b.done:
		return b.idx, b.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: the entity name index is still being read (%v); it takes a while on a large store, try again shortly", ErrNotReady, ctx.Err())
	}
}

// indexBuild is a name index being read.
type indexBuild struct {
	done chan struct{}
	idx  *nameIndex
	err  error
}

// readNameIndex reads every entity's name, type and aliases.
func (x *Explorer) readNameIndex(ctx context.Context) (*nameIndex, error) {
	var idx *nameIndex
	// Entities by class (object+predicate index), then their names and
	// aliases (subject+predicate index).
	byIRI := map[string]*indexEntity{}
	idx = &nameIndex{}
	var classes []quad.Value
	seenClass := map[string]bool{}
	for _, t := range schema.EntityTypes {
		if c := schema.EntityClass(t); !seenClass[string(c)] {
			seenClass[string(c)] = true
			classes = append(classes, c)
		}
	}
	var ents []string
	err := x.st.ReadQuads(ctx, graph.QuadFilter{Objects: classes, Predicates: []quad.Value{schema.Type}}, func(q quad.Quad) error {
		s := literal(q.Subject)
		if byIRI[s] == nil {
			e := &indexEntity{ref: EntityRef{ID: EntityIDOf(s), Type: typeOfClass(literal(q.Object))}, lower: []string{""}}
			byIRI[s] = e
			idx.entities = append(idx.entities, e)
			ents = append(ents, s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	err = x.out(ctx, ents, []quad.IRI{schema.Name, schema.Alias}, 0, func(s string, p quad.IRI, o quad.Value) {
		e := byIRI[s]
		v := literal(o)
		if e == nil || seen[s+"\x00"+string(p)+"\x00"+v] {
			return
		}
		seen[s+"\x00"+string(p)+"\x00"+v] = true
		if p == schema.Name {
			if e.ref.Name == "" {
				e.ref.Name = v
				e.lower[0] = strings.ToLower(v)
			}
		} else {
			e.aliases = append(e.aliases, v)
			e.lower = append(e.lower, strings.ToLower(v))
		}
	})
	if err != nil {
		return nil, err
	}
	return idx, nil
}
