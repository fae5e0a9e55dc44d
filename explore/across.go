package explore

import (
	"context"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
)

// ContestedAcross returns the quads of the contested propositions that the
// claims of arts — a batch about to be written, in order — form with the
// claims of other articles: those already in st and those earlier in arts.
// Writers add them to the batch's transaction (cmd/claimgraph ingest,
// server ingest), so a store holds them exactly when it holds the claims.
//
// Two claims of different articles contest one proposition when they share
// two or more proposition keys and linker.ContestsAcross accepts them (the
// rule lives with the rule inside an article), one affirms and the other
// denies, and their claimants differ. Each denial anchors its own group,
// contested:across-<its claim>, holding it and every affirmation that
// contests it; the group's
// quads are labelled schema.ContestedGraph.
//
// Cost: one index read per distinct key of the batch, of the claims of the
// opposite stance only (denials are few, so a new affirmation reads little),
// and one per claim of another article that shares two keys with a new one;
// claims without keys (most of them) cost nothing.
func ContestedAcross(ctx context.Context, st *graph.Store, arts []*linker.Article) ([]quad.Quad, error) {
	return ContestedAcrossKnown(ctx, st, arts, nil, nil)
}

// ContestedAcrossKnown is ContestedAcross for a writer that knows every
// proposition key under which st holds a denial (one that has written all
// of st's denials itself, e.g. into a store that was empty when it began):
// denied reports them, and the keys of new affirmations are looked up in st
// only when denied says so. Denials are few, so a batch's affirmations then
// cost almost no reads: on all Reuters-21578 stories the lookups were 7.0
// of the 69 s in which the ingest writer was busy 66.5 s (a key is looked up
// by resolving its IRI to a node, mostly a miss, then by an index seek).
// denied == nil looks up every key.
//
// recent are articles the writer stored last that st may not show yet
// (graph.Store.Behind: the reads do not wait for the last write to be
// applied): arts are matched against their claims from memory. A pair
// found both ways yields the same quads twice, which the store keeps once.
func ContestedAcrossKnown(ctx context.Context, st *graph.Store, arts, recent []*linker.Article, denied func(key string) bool) ([]quad.Quad, error) {
	// The keys of the batch's affirmations are looked up among the stored
	// denials and the other way round: claims of one stance never contest
	// each other.
	var affirmKeys, denyKeys []quad.Value
	seenKey := map[string]bool{}
	for _, a := range arts {
		for i := range a.Claims {
			c := &a.Claims[i]
			for _, k := range c.Keys {
				if sk := c.Stance + " " + k; !seenKey[sk] {
					seenKey[sk] = true
					switch c.Stance {
					case linker.Affirm:
						if denied != nil && !denied(k) {
							continue
						}
						affirmKeys = append(affirmKeys, schema.KeyIRI(k))
					case linker.Deny:
						denyKeys = append(denyKeys, schema.KeyIRI(k))
					}
				}
			}
		}
	}
	if len(affirmKeys)+len(denyKeys) == 0 {
		return nil, nil
	}
	// Stored claims by the stance of the claims they can contest and key:
	// stored[linker.Affirm][k] are the stored denials under key k.
	stored := map[string]map[string][]string{linker.Affirm: {}, linker.Deny: {}}
	for _, look := range []struct {
		stance string
		keys   []quad.Value
		pred   quad.IRI
	}{{linker.Affirm, affirmKeys, schema.DeniedIn}, {linker.Deny, denyKeys, schema.AffirmedIn}} {
		if len(look.keys) == 0 {
			continue
		}
		m := stored[look.stance]
		err := st.ReadQuads(ctx, graph.QuadFilter{Subjects: look.keys, Predicates: []quad.Value{look.pred}}, func(q quad.Quad) error {
			if c, ok := q.Object.(quad.IRI); ok {
				k := strings.TrimPrefix(literal(q.Subject), "key:")
				m[k] = append(m[k], string(c))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Stored claims that share two keys with a new one: read their side.
	type side struct {
		iri, article, stance, content string
		party                         quad.Value
	}
	need := map[string]bool{}
	for _, a := range arts {
		for i := range a.Claims {
			n := map[string]int{}
			for _, k := range a.Claims[i].Keys {
				for _, c := range stored[a.Claims[i].Stance][k] {
					if n[c]++; n[c] == 2 {
						need[c] = true
					}
				}
			}
		}
	}
	info := map[string]*side{}
	if len(need) > 0 {
		subs := make([]quad.Value, 0, len(need))
		for c := range need {
			subs = append(subs, quad.IRI(c))
		}
		preds := []quad.Value{schema.Stance, schema.Claimant, schema.ClaimantText, schema.InArticle, schema.Content}
		err := st.ReadQuads(ctx, graph.QuadFilter{Subjects: subs, Predicates: preds, Each: 1}, func(q quad.Quad) error {
			s := string(q.Subject.(quad.IRI))
			x := info[s]
			if x == nil {
				x = &side{iri: s}
				info[s] = x
			}
			switch q.Predicate {
			case schema.Stance:
				x.stance = literal(q.Object)
			case schema.Claimant:
				x.party = q.Object
			case schema.ClaimantText:
				if x.party == nil || isLiteral(x.party) {
					x.party = quad.String(literal(q.Object))
				}
			case schema.InArticle:
				x.article = literal(q.Object)
			case schema.Content:
				x.content = literal(q.Object)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Match in batch order; earlier claims of the batch join the index,
	// after those of the recent articles.
	pending := map[string][]*side{}
	newSide := func(c *linker.Claim, art string) *side {
		return &side{iri: string(schema.ClaimIRI(c.ID)), article: art, stance: c.Stance, content: c.Content.Text,
			party: claimParty(c)}
	}
	for _, a := range recent {
		art := string(schema.ArticleIRI(a.ID))
		for i := range a.Claims {
			c := &a.Claims[i]
			if len(c.Keys) == 0 {
				continue
			}
			me := newSide(c, art)
			for _, k := range c.Keys {
				pending[k] = append(pending[k], me)
			}
		}
	}
	var out []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: schema.ContestedGraph})
	}
	for _, a := range arts {
		art := string(schema.ArticleIRI(a.ID))
		var mine []*side
		for i := range a.Claims {
			c := &a.Claims[i]
			if len(c.Keys) == 0 {
				continue
			}
			me := newSide(c, art)
			shared := map[*side][]int{}
			var order []*side
			count := func(x *side, ki int) {
				if x == nil || x.article == art {
					return
				}
				if shared[x] = append(shared[x], ki); len(shared[x]) == 2 {
					order = append(order, x)
				}
			}
			for ki, k := range c.Keys {
				for _, s := range stored[c.Stance][k] {
					count(info[s], ki)
				}
				for _, x := range pending[k] {
					if x.stance != c.Stance {
						count(x, ki)
					}
				}
			}
			for _, x := range order {
				if !linker.ContestsAcross(c, shared[x], x.content) {
					continue
				}
				var d, f *side // the denial, the affirmation
				switch {
				case me.stance == linker.Deny && x.stance == linker.Affirm:
					d, f = me, x
				case me.stance == linker.Affirm && x.stance == linker.Deny:
					d, f = x, me
				default:
					continue
				}
				if d.party == nil || f.party == nil || d.party == f.party {
					continue
				}
				g := schema.ContestedIRI("across-" + strings.TrimPrefix(d.iri, "claim:"))
				add(g, schema.Type, schema.Contested)
				add(g, schema.Proposition, quad.String(f.content))
				add(g, schema.HasClaim, quad.IRI(d.iri))
				add(g, schema.HasClaim, quad.IRI(f.iri))
				add(g, schema.AffirmedBy, f.party)
				add(g, schema.DeniedBy, d.party)
			}
			mine = append(mine, me)
		}
		// The article's claims join the index after the whole article:
		// claims of one article never contest each other here.
		j := 0
		for i := range a.Claims {
			if len(a.Claims[i].Keys) == 0 {
				continue
			}
			for _, k := range a.Claims[i].Keys {
				pending[k] = append(pending[k], mine[j])
			}
			j++
		}
	}
	return out, nil
}

// claimParty is the claimant of a claim as stored: its entity, or its text.
func claimParty(c *linker.Claim) quad.Value {
	if c.Claimant.Entity != "" {
		return schema.EntityIRI(c.Claimant.Entity)
	}
	if c.Claimant.Text == "" {
		return nil
	}
	return quad.String(c.Claimant.Text)
}

func isLiteral(v quad.Value) bool {
	_, ok := v.(quad.String)
	return ok
}
