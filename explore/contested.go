package explore

import (
	"context"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Party is one side's member in a contested group: an entity, or the
// claimant's text when it was not linked to an entity.
type Party struct {
	Entity *EntityRef `json:"entity,omitempty"`
	Text   string     `json:"text,omitempty"`
}

// Contested is a contested proposition: claims about the same thing with
// opposite stances, with both sides.
type Contested struct {
	ID          string `json:"id"`
	Proposition string `json:"proposition"`
	// Article is the article of a group found inside one article; empty
	// for a group across articles (ContestedAcross), whose claims' articles
	// are in Articles.
	Article    string   `json:"article"`
	Articles   []string `json:"articles"`
	AffirmedBy []Party  `json:"affirmed_by"`
	DeniedBy   []Party  `json:"denied_by"`
	// Affirm, Deny and Uncertain are the group's claims by stance.
	Affirm    []Claim `json:"affirm"`
	Deny      []Claim `json:"deny"`
	Uncertain []Claim `json:"uncertain,omitempty"`
}

// ContestedFilter selects contested groups.
type ContestedFilter struct {
	// About: groups with a claim about this entity, or made by it.
	About string
	// Article: groups of this article.
	Article string
	Limit   int // 0 means DefaultLimit
}

// Contested returns contested propositions with both sides. Answers are
// cached by filter until Invalidate; do not modify them.
func (x *Explorer) Contested(ctx context.Context, f ContestedFilter) ([]Contested, error) {
	limit, err := checkLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	f.Limit = limit
	x.mu.Lock()
	cached, ok := x.contestedCache[f]
	x.mu.Unlock()
	if ok {
		return cached, nil
	}
	out, err := x.contestedUncached(ctx, f, limit)
	if err != nil {
		return nil, err
	}
	x.mu.Lock()
	if x.contestedCache == nil || len(x.contestedCache) > 10000 {
		x.contestedCache = map[ContestedFilter][]Contested{}
	}
	x.contestedCache[f] = out
	x.mu.Unlock()
	return out, nil
}

func (x *Explorer) contestedUncached(ctx context.Context, f ContestedFilter, limit int) ([]Contested, error) {
	var iris []string
	switch {
	case f.Article != "":
		a, err := x.articleIRI(ctx, f.Article)
		if err != nil {
			return nil, err
		}
		subs, err := x.subjectsOf(ctx, quad.IRI(a), schema.InArticle, 0)
		if err != nil {
			return nil, err
		}
		for _, s := range subs {
			if strings.HasPrefix(s, "contested:") {
				iris = append(iris, s)
			}
		}
	default:
		var err error
		if iris, err = x.subjectsOf(ctx, schema.Contested, schema.Type, 0); err != nil {
			return nil, err
		}
	}
	if f.About != "" {
		// groups with a claim by or about the entity: contested groups are
		// few next to claims, so their claims are read and matched
		e, err := x.Resolve(ctx, f.About)
		if err != nil {
			return nil, err
		}
		mine := map[string]bool{}
		for _, p := range []quad.IRI{schema.About, schema.Claimant} {
			cs, err := x.subjectsOf(ctx, quad.IRI(e.IRI()), p, 0)
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				mine[c] = true
			}
		}
		keep := map[string]bool{}
		err = x.out(ctx, iris, []quad.IRI{schema.HasClaim}, 0, func(g string, _ quad.IRI, c quad.Value) {
			if mine[literal(c)] {
				keep[g] = true
			}
		})
		if err != nil {
			return nil, err
		}
		var sel []string
		for _, g := range iris {
			if keep[g] {
				sel = append(sel, g)
			}
		}
		iris = sel
	}
	iris = dedupe(iris)
	sort.Strings(iris)
	if len(iris) > limit {
		iris = iris[:limit]
	}
	return x.contested(ctx, iris)
}

// contested fetches the contested groups with these IRIs.
func (x *Explorer) contested(ctx context.Context, iris []string) ([]Contested, error) {
	out := []Contested{}
	if len(iris) == 0 {
		return out, nil
	}
	iris = dedupe(iris)
	subs := make([]quad.Value, len(iris))
	for i, g := range iris {
		subs[i] = quad.IRI(g)
	}
	var rows []row
	err := x.st.ReadQuads(ctx, graph.QuadFilter{Subjects: subs}, func(q quad.Quad) error {
		var v interface{} = literal(q.Object)
		if o, ok := q.Object.(quad.IRI); ok {
			v = "<" + string(o) + ">"
		}
		rows = append(rows, row{"g": "<" + literal(q.Subject) + ">", "p": "<" + literal(q.Predicate) + ">", "v": v})
		return nil
	})
	if err != nil {
		return nil, err
	}
	byIRI := map[string]*Contested{}
	var order []string
	var claimIRIs, ents []string
	claimsOf := map[string][]string{}
	type party struct {
		group string
		deny  bool
		v     interface{}
	}
	var parties []party
	for _, r := range rows {
		g, _ := iriOf(r["g"])
		c := byIRI[g]
		if c == nil {
			c = &Contested{ID: ContestedIDOf(g), AffirmedBy: []Party{}, DeniedBy: []Party{}, Affirm: []Claim{}, Deny: []Claim{}}
			byIRI[g] = c
			order = append(order, g)
		}
		p, _ := iriOf(r["p"])
		switch p {
		case "cg:proposition":
			// across articles, one per affirmation: the shortest states it
			if p := text(r["v"]); c.Proposition == "" || len(p) < len(c.Proposition) || (len(p) == len(c.Proposition) && p < c.Proposition) {
				c.Proposition = p
			}
		case "cg:article":
			a, _ := iriOf(r["v"])
			c.Article = ArticleIDOf(a)
		case "cg:claim":
			ci, _ := iriOf(r["v"])
			claimIRIs = append(claimIRIs, ci)
			claimsOf[g] = append(claimsOf[g], ci)
		case "cg:affirmedBy", "cg:deniedBy":
			parties = append(parties, party{g, p == "cg:deniedBy", r["v"]})
			if e, ok := iriOf(r["v"]); ok {
				ents = append(ents, e)
			}
		}
	}
	m, err := x.refs(ctx, ents)
	if err != nil {
		return nil, err
	}
	for _, p := range parties {
		var pt Party
		if e, ok := iriOf(p.v); ok {
			r := ref(m, e)
			pt.Entity = &r
		} else {
			pt.Text = text(p.v)
		}
		c := byIRI[p.group]
		if p.deny {
			c.DeniedBy = append(c.DeniedBy, pt)
		} else {
			c.AffirmedBy = append(c.AffirmedBy, pt)
		}
	}
	claims, err := x.claims(ctx, claimIRIs)
	if err != nil {
		return nil, err
	}
	byClaim := map[string]Claim{}
	for _, c := range claims {
		byClaim[c.ID] = c
	}
	for _, g := range order {
		c := byIRI[g]
		var cs []Claim
		for _, ci := range dedupe(claimsOf[g]) {
			if cl, ok := byClaim[ClaimIDOf(ci)]; ok {
				cs = append(cs, cl)
			}
		}
		sortClaims(cs)
		c.Articles = []string{}
		for _, cl := range cs {
			if !containsString(c.Articles, cl.Article) {
				c.Articles = append(c.Articles, cl.Article)
			}
		}
		sort.Strings(c.Articles)
		for _, cl := range cs {
			switch cl.Stance {
			case "affirm":
				c.Affirm = append(c.Affirm, cl)
			case "deny":
				c.Deny = append(c.Deny, cl)
			default:
				c.Uncertain = append(c.Uncertain, cl)
			}
		}
		sortParties(c.AffirmedBy)
		sortParties(c.DeniedBy)
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Article != out[j].Article {
			return out[i].Article < out[j].Article
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func sortParties(ps []Party) {
	key := func(p Party) string {
		if p.Entity != nil {
			return "0" + p.Entity.ID
		}
		return "1" + p.Text
	}
	sort.Slice(ps, func(i, j int) bool { return key(ps[i]) < key(ps[j]) })
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
