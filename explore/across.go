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
// Two claims of different articles contest one proposition when their
// contents share two entities with one event word, or one entity that is
// not a place with two event words (their proposition keys,
// linker.PropositionKey, tell: inside an article the linker also accepts a
// shared place, which across articles joins too much: "the U.S." and
// "acquire" are in a thousand unrelated claims); one affirms and the other
// denies, their claimants differ, and their contents share at least
// minSharedWords content words. Each denial anchors its own group, contested:across-<its
// claim>, holding it and every affirmation that contests it; the group's
// quads are labelled schema.ContestedGraph.
//
// Cost: one index read per distinct key of the batch and one per claim of
// another article that shares two keys with a new one; claims without keys
// (most of them) cost nothing.
func ContestedAcross(ctx context.Context, st *graph.Store, arts []*linker.Article) ([]quad.Quad, error) {
	var keys []quad.Value
	seenKey := map[string]bool{}
	for _, a := range arts {
		for i := range a.Claims {
			for _, k := range a.Claims[i].Keys {
				if !seenKey[k] {
					seenKey[k] = true
					keys = append(keys, schema.KeyIRI(k))
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	// Stored claims by key.
	stored := map[string][]string{}
	err := st.ReadQuads(ctx, graph.QuadFilter{Subjects: keys, Predicates: []quad.Value{schema.KeyOf}}, func(q quad.Quad) error {
		if c, ok := q.Object.(quad.IRI); ok {
			k := strings.TrimPrefix(literal(q.Subject), "key:")
			stored[k] = append(stored[k], string(c))
		}
		return nil
	})
	if err != nil {
		return nil, err
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
				for _, c := range stored[k] {
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
	// Match in batch order; earlier claims of the batch join the index.
	pending := map[string][]*side{}
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
			me := &side{iri: string(schema.ClaimIRI(c.ID)), article: art, stance: c.Stance, content: c.Content.Text,
				party: claimParty(c)}
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
				for _, s := range stored[k] {
					count(info[s], ki)
				}
				for _, x := range pending[k] {
					count(x, ki)
				}
			}
			var words map[string]bool
			for _, x := range order {
				if !sameProposition(c, shared[x]) {
					continue
				}
				if words == nil {
					words = contentWords(c.Content.Text)
				}
				if !similar(words, x.content) {
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

// sameProposition applies the rule across articles to the keys (indexes
// into c.Keys) that c shares with a claim of another article: two entities
// with one event word, or one entity that is not a place with two.
func sameProposition(c *linker.Claim, keys []int) bool {
	if len(c.KeyPairs) != len(c.Keys) {
		return len(keys) >= 3 // pairs unknown: be strict
	}
	ents := map[string]map[string]bool{} // entity -> its shared events
	for _, k := range keys {
		p := c.KeyPairs[k]
		if ents[p[0]] == nil {
			ents[p[0]] = map[string]bool{}
		}
		ents[p[0]][p[1]] = true
	}
	if len(ents) >= 2 {
		// two entities with a common event word
		seen := map[string]int{}
		for _, evs := range ents {
			for v := range evs {
				if seen[v]++; seen[v] == 2 {
					return true
				}
			}
		}
	}
	for e, evs := range ents {
		if len(evs) >= 2 && !strings.HasPrefix(e, "place/") {
			return true
		}
	}
	return false
}

// Two contents are one proposition across articles when they share at
// least minSharedWords content words (not stop words or names, longer than
// two letters), and that many make at least minSharedShare of the shorter
// one's: shared entities and event words alone grouped unrelated claims (a
// sample of 10 groups on the first 5,000 Reuters-21578 stories had 3
// right).
const (
	minSharedWords = 4
	minSharedShare = 0.5
)

// similar reports whether content s shares enough words with words.
func similar(words map[string]bool, s string) bool {
	other := contentWords(s)
	n := 0
	for w := range other {
		if words[w] {
			n++
		}
	}
	short := min(len(words), len(other))
	return n >= minSharedWords && float64(n) >= minSharedShare*float64(short)
}

// acrossStop are words too common to tie two contents together.
var acrossStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and that this these those with from for was were has have had
		not but are its his her their they them will would could should may might can did does been being
		about after before into over under than then there here which who whom what when where while also
		said says say mln billion dlrs pct per cent year years month week day today last first other more
		most such some any all one two three four five six seven eight nine ten new our your you him she`) {
		acrossStop[w] = true
	}
}

// contentWords returns the set of content words of s, lower case.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	eachContentWord(s, func(w string) { out[w] = true })
	return out
}

func eachContentWord(s string, fn func(string)) {
	start := -1
	flush := func(end int) {
		// Capitalised words are names (or their parts), which the
		// proposition keys already compare: what is said about them
		// must match too.
		if start >= 0 && end-start > 2 && !(s[start] >= 'A' && s[start] <= 'Z') {
			w := strings.ToLower(s[start:end])
			if !acrossStop[w] {
				fn(w)
			}
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
}
