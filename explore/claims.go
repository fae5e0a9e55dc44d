package explore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Span is a byte range [Start, End) of an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Claim is an attributed claim, with the byte spans of its parts in its
// article's text.
type Claim struct {
	ID      string `json:"id"`      // claim ID (claim:<ID>)
	Article string `json:"article"` // article ID
	// Claimant is the entity the claimant was linked to, if any.
	Claimant *EntityRef `json:"claimant,omitempty"`
	// ClaimantText and CueText are the claimant's and the cue's words:
	// their spans of the article's text (the store keeps cg:claimantText
	// only for claimants that are not entities).
	ClaimantText string      `json:"claimant_text"`
	ClaimantSpan Span        `json:"claimant_span"`
	Cue          string      `json:"cue"` // lemma ("say")
	CueText      string      `json:"cue_text"`
	CueSpan      Span        `json:"cue_span"`
	Stance       string      `json:"stance"` // affirm, deny, uncertain
	Kind         string      `json:"kind"`   // speech, belief, intention
	Content      string      `json:"content"`
	ContentSpan  Span        `json:"content_span"`
	Quote        bool        `json:"quote"`
	Sentence     int         `json:"sentence"`
	Date         string      `json:"date,omitempty"`
	About        []EntityRef `json:"about"`
}

// Stances are the stances a claim can have.
var Stances = []string{"affirm", "deny", "uncertain"}

// ClaimFilter selects claims. About and By are entities as Resolve takes
// them; empty fields select everything.
type ClaimFilter struct {
	About   string // claims about this entity (cg:about)
	By      string // claims made by this entity (cg:claimant)
	Stance  string // affirm, deny or uncertain
	Article string // claims of this article (an article ID)
	Limit   int    // 0 means DefaultLimit
}

// CheckStance validates a stance ("" is allowed: any).
func CheckStance(s string) error {
	if s == "" {
		return nil
	}
	for _, st := range Stances {
		if s == st {
			return nil
		}
	}
	return fmt.Errorf("%w: unknown stance %q (want %s)", ErrBadArgument, s, strings.Join(Stances, ", "))
}

// Claims returns the claims that match f (at most f.Limit), sorted by
// date, article, then position.
func (x *Explorer) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	limit, err := checkLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	if err := CheckStance(f.Stance); err != nil {
		return nil, err
	}
	// Candidates: the claims linked to each given node, intersected.
	var cands []string
	have := false
	// With one entity or article and no stance, the first limit claims
	// found are the answer: stop reading there.
	n := 0
	for _, s := range []string{f.By, f.About, f.Article} {
		if s != "" {
			n++
		}
	}
	max := 0
	if n == 1 && f.Stance == "" && f.Article == "" {
		max = limit
	}
	restrict := func(obj quad.Value, pred quad.IRI) error {
		subs, err := x.subjectsOf(ctx, obj, pred, max)
		if err != nil {
			return err
		}
		if !have {
			cands, have = subs, true
			return nil
		}
		in := map[string]bool{}
		for _, s := range subs {
			in[s] = true
		}
		var keep []string
		for _, c := range cands {
			if in[c] {
				keep = append(keep, c)
			}
		}
		cands = keep
		return nil
	}
	if f.By != "" {
		e, err := x.Resolve(ctx, f.By)
		if err != nil {
			return nil, err
		}
		if err := restrict(quad.IRI(e.IRI()), schema.Claimant); err != nil {
			return nil, err
		}
	}
	if f.About != "" {
		e, err := x.Resolve(ctx, f.About)
		if err != nil {
			return nil, err
		}
		if err := restrict(quad.IRI(e.IRI()), schema.About); err != nil {
			return nil, err
		}
	}
	if f.Article != "" {
		a, err := x.articleIRI(ctx, f.Article)
		if err != nil {
			return nil, err
		}
		if err := restrict(quad.IRI(a), schema.InArticle); err != nil {
			return nil, err
		}
		var keep []string
		for _, c := range cands {
			if strings.HasPrefix(c, "claim:") {
				keep = append(keep, c)
			}
		}
		cands = keep
	}
	if f.Stance == "deny" || f.Stance == "uncertain" {
		// rare stances: the claims that have it, from the object index
		max = 0
		if err := restrict(quad.String(f.Stance), schema.Stance); err != nil {
			return nil, err
		}
	}
	if !have {
		// no filter but the stance: the claims (with that stance), in
		// index order, as many as needed
		obj, pred := quad.Value(schema.Claim), schema.Type
		if f.Stance != "" {
			obj, pred = quad.String(f.Stance), schema.Stance
		}
		var err error
		if cands, err = x.subjectsOf(ctx, obj, pred, limit); err != nil {
			return nil, err
		}
	}
	cands = dedupe(cands)
	out := []Claim{}
	for len(cands) > 0 && len(out) < limit {
		n := limit - len(out)
		if f.Stance == "affirm" && n < 64 {
			n = 64 // most claims affirm; fetch a few more and filter
		}
		if n > len(cands) {
			n = len(cands)
		}
		batch := cands[:n]
		cands = cands[n:]
		cs, err := x.claims(ctx, batch)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if (f.Stance == "" || c.Stance == f.Stance) && len(out) < limit {
				out = append(out, c)
			}
		}
	}
	sortClaims(out)
	return out, nil
}

// subjectsOf returns the subjects of the quads (s, pred, obj), once each,
// in index order; at most max of them (0: all).
func (x *Explorer) subjectsOf(ctx context.Context, obj quad.Value, pred quad.IRI, max int) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	err := x.st.ReadQuads(ctx, graph.QuadFilter{Objects: []quad.Value{obj}, Predicates: []quad.Value{pred}}, func(q quad.Quad) error {
		if s, ok := q.Subject.(quad.IRI); ok && !seen[string(s)] {
			seen[string(s)] = true
			out = append(out, string(s))
			if max > 0 && len(out) >= max {
				return errEnough
			}
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		err = nil
	}
	return out, err
}

// errEnough stops a ReadQuads early.
var errEnough = errors.New("enough")

// claimPredicates are the predicates of a claim that Claim shows.
var claimPredicates = []quad.Value{schema.Type, schema.InArticle, schema.ClaimantText, schema.Cue,
	schema.Stance, schema.Kind, schema.Content, schema.Spans, schema.Quote, schema.Date, schema.Claimant, schema.About}

// claims fetches the claims with these IRIs (of nodes that are claims),
// sorted by date, article and position.
func (x *Explorer) claims(ctx context.Context, iris []string) ([]Claim, error) {
	return x.claimsWithTexts(ctx, iris, nil)
}

// claimsWithTexts is claims, given the texts of articles already read (by
// article ID), which are then not read again.
func (x *Explorer) claimsWithTexts(ctx context.Context, iris []string, texts map[string]string) ([]Claim, error) {
	out := []Claim{}
	if len(iris) == 0 {
		return out, nil
	}
	iris = dedupe(iris)
	subs := make([]quad.Value, len(iris))
	for i, s := range iris {
		subs[i] = quad.IRI(s)
	}
	byIRI := map[string]*Claim{}
	var ents []string
	claimant := map[string]string{}
	about := map[string][]string{}
	isClaim := map[string]bool{}
	// Only the predicates shown: a quantity or date literal not shown is a
	// value read for nothing.
	err := x.readParallel(ctx, graph.QuadFilter{Subjects: subs, Predicates: claimPredicates}, func(q quad.Quad) error {
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			return nil
		}
		iri := string(s)
		c := byIRI[iri]
		if c == nil {
			c = &Claim{ID: ClaimIDOf(iri), About: []EntityRef{}}
			byIRI[iri] = c
		}
		p, _ := q.Predicate.(quad.IRI)
		str := literal(q.Object)
		switch p {
		case schema.Type:
			isClaim[iri] = isClaim[iri] || q.Object == schema.Claim
		case schema.InArticle:
			c.Article = ArticleIDOf(str)
		case schema.ClaimantText:
			c.ClaimantText = str
		case schema.Cue:
			c.Cue = str
		case schema.Stance:
			c.Stance = str
		case schema.Kind:
			c.Kind = str
		case schema.Content:
			c.Content = str
		case schema.Spans:
			if sp, ok := schema.ParseSpans(str); ok {
				c.Sentence = sp.Sentence
				c.ContentSpan = Span{sp.Content[0], sp.Content[1]}
				c.CueSpan = Span{sp.Cue[0], sp.Cue[1]}
				c.ClaimantSpan = Span{sp.Claimant[0], sp.Claimant[1]}
			}
		case schema.Quote:
			c.Quote = boolean(quad.NativeOf(q.Object))
		case schema.Date:
			c.Date = str
		case schema.Claimant:
			claimant[iri] = str
			ents = append(ents, str)
		case schema.About:
			about[iri] = append(about[iri], str)
			ents = append(ents, str)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	m, err := x.refs(ctx, ents)
	if err != nil {
		return nil, err
	}
	for iri, c := range byIRI {
		if !isClaim[iri] {
			continue
		}
		if e, ok := claimant[iri]; ok {
			r := ref(m, e)
			c.Claimant = &r
		}
		as := dedupe(about[iri])
		sort.Strings(as)
		for _, e := range as {
			c.About = append(c.About, ref(m, e))
		}
		out = append(out, *c)
	}
	if err := x.spanTexts(ctx, out, texts); err != nil {
		return nil, err
	}
	sortClaims(out)
	return out, nil
}

// spanTexts sets the cue's and the claimant's words of claims from their
// spans of their articles' texts: those in known, the others read once
// per article.
func (x *Explorer) spanTexts(ctx context.Context, cs []Claim, known map[string]string) error {
	texts := map[string]string{}
	var arts []string
	for _, c := range cs {
		if t, ok := known[c.Article]; ok {
			texts[c.Article] = t
		} else if c.Article != "" {
			arts = append(arts, string(schema.ArticleIRI(c.Article)))
		}
	}
	err := x.out(ctx, dedupe(arts), []quad.IRI{schema.Text}, 1, func(s string, _ quad.IRI, o quad.Value) {
		texts[ArticleIDOf(s)] = literal(o)
	})
	if err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		text, ok := texts[c.Article]
		if !ok {
			continue
		}
		if c.CueText == "" {
			c.CueText = spanOf(text, c.CueSpan)
		}
		if c.ClaimantText == "" {
			c.ClaimantText = spanOf(text, c.ClaimantSpan)
		}
	}
	return nil
}

// spanOf is text[sp], or "" when sp is not a span of text.
func spanOf(text string, sp Span) string {
	if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text) {
		return ""
	}
	return text[sp.Start:sp.End]
}
func sortClaims(cs []Claim) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.ContentSpan.Start != b.ContentSpan.Start {
			return a.ContentSpan.Start < b.ContentSpan.Start
		}
		return a.ID < b.ID
	})
}
