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

// Step is one hop of a Path.
type Step struct {
	From EntityRef `json:"from"`
	To   EntityRef `json:"to"`
	// Predicate is the edge: a role or relation predicate ("role:secretary-general",
	// "rel:send-to"), or "cg:claim" for a claim made by one entity about the other.
	Predicate string `json:"predicate"`
	// Forward reports whether the underlying quad (for a claim: claimant
	// to subject) points From → To.
	Forward bool `json:"forward"`
	// Claim is the claim of a "cg:claim" step.
	Claim *Claim `json:"claim,omitempty"`
}

// Path is a shortest path between two entities.
type Path struct {
	From  EntityRef `json:"from"`
	To    EntityRef `json:"to"`
	Hops  int       `json:"hops"`
	Steps []Step    `json:"steps"`
}

// DefaultHops is Path's hop bound when maxHops is 0.
const DefaultHops = 3

// ClaimPredicate names claim edges in Path steps.
const ClaimPredicate = "cg:claim"

// parent is how BFS reached a node.
type parent struct {
	prev    string // IRI of the node it was reached from ("" for the start)
	pred    string
	forward bool // the quad points prev → node
	claim   string
	depth   int
}

// Path finds a shortest path of at most maxHops (0: DefaultHops; at most
// MaxHops) edges between two entities (as Resolve takes them) in the
// entity graph: roles and relations between entities, in either
// direction, and claims (claimant ↔ subject). It searches from both ends
// at once, one Gizmo query per level. No path within maxHops is
// ErrNotFound. Among paths of equal length the result is deterministic.
func (x *Explorer) Path(ctx context.Context, from, to string, maxHops int) (*Path, error) {
	if maxHops == 0 {
		maxHops = DefaultHops
	}
	if maxHops < 1 || maxHops > MaxHops {
		return nil, fmt.Errorf("%w: max hops %d is out of range (1..%d)", ErrBadArgument, maxHops, MaxHops)
	}
	a, err := x.Resolve(ctx, from)
	if err != nil {
		return nil, err
	}
	b, err := x.Resolve(ctx, to)
	if err != nil {
		return nil, err
	}
	p := &Path{From: a, To: b, Steps: []Step{}}
	ai, bi := a.IRI(), b.IRI()
	if ai == bi {
		return p, nil
	}
	seen := [2]map[string]parent{{ai: {}}, {bi: {}}}
	front := [2][]string{{ai}, {bi}}
	depth := [2]int{}
	for depth[0]+depth[1] < maxHops {
		if len(front[0]) == 0 || len(front[1]) == 0 {
			break // one side has nowhere left to go
		}
		// Expand the side that costs less to read: a frontier holding a
		// country named in thousands of claims costs seconds cold, a few
		// small entities milliseconds. Either choice finds a shortest path.
		c0, err := x.expandCost(ctx, front[0])
		if err != nil {
			return nil, err
		}
		c1, err := x.expandCost(ctx, front[1])
		if err != nil {
			return nil, err
		}
		side := 0
		if c1 < c0 || (c1 == c0 && len(front[1]) < len(front[0])) {
			side = 1
		}
		edges, err := x.neighbours(ctx, front[side])
		if err != nil {
			return nil, err
		}
		depth[side]++
		var next []string
		var meet []string
		for _, e := range edges {
			if _, ok := seen[side][e.to]; ok {
				continue
			}
			seen[side][e.to] = parent{prev: e.from, pred: e.pred, forward: e.forward, claim: e.claim, depth: depth[side]}
			next = append(next, e.to)
			if _, ok := seen[1-side][e.to]; ok {
				meet = append(meet, e.to)
			}
		}
		if len(meet) > 0 {
			best, bestLen := "", 0
			for _, m := range meet {
				l := seen[0][m].depth + seen[1][m].depth
				if best == "" || l < bestLen || (l == bestLen && m < best) {
					best, bestLen = m, l
				}
			}
			return x.buildPath(ctx, p, seen, best)
		}
		sort.Strings(next)
		front[side] = next
	}
	return nil, fmt.Errorf("%w: no path between %s and %s within %d hops", ErrNotFound, a.ID, b.ID, maxHops)
}

// edge is one row of neighbours.
type edge struct {
	from, to, pred, claim string
	forward               bool
}

// probe is what an entity's incoming quads tell (one index scan): the
// relations and roles pointing at it, and the claims made by it and about
// it. Turning claims into edges needs one lookup per claim.
type probe struct {
	in        []edge
	by, about []string // claim IRIs
}

// probes returns the probes of nodes, reading those not cached.
func (x *Explorer) probes(ctx context.Context, nodes []string) (map[string]*probe, error) {
	out := make(map[string]*probe, len(nodes))
	var miss []quad.Value
	x.mu.Lock()
	for _, n := range nodes {
		if p, ok := x.probe[n]; ok {
			out[n] = p
		} else if out[n] == nil {
			out[n] = &probe{}
			miss = append(miss, quad.IRI(n))
		}
	}
	x.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	preds := []string{"rel:", "role:", string(schema.Claimant), string(schema.About)}
	err := x.st.ReadQuads(ctx, graph.QuadFilter{Objects: miss, PredicatePrefixes: preds}, func(q quad.Quad) error {
		o := literal(q.Object)
		p := out[o]
		if p == nil {
			return nil
		}
		switch {
		case isEdgePredicate(q.Predicate) && isEntity(q.Subject):
			p.in = append(p.in, edge{from: o, to: literal(q.Subject), pred: literal(q.Predicate)})
		case q.Predicate == schema.Claimant:
			p.by = append(p.by, literal(q.Subject))
		case q.Predicate == schema.About:
			p.about = append(p.about, literal(q.Subject))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	x.mu.Lock()
	if x.probe == nil || x.adjN > maxCachedEdges {
		x.probe, x.adj, x.adjN = map[string]*probe{}, map[string][]edge{}, 0
	}
	for _, v := range miss {
		n := string(v.(quad.IRI))
		p := out[n]
		x.probe[n] = p
		x.adjN += len(p.in) + len(p.by) + len(p.about) + 1
	}
	x.mu.Unlock()
	return out, nil
}

// expandCost estimates the lookups that neighbours(nodes) needs: one per
// claim of each node whose edges are not cached yet.
func (x *Explorer) expandCost(ctx context.Context, nodes []string) (int, error) {
	var todo []string
	x.mu.Lock()
	for _, n := range nodes {
		if _, ok := x.adj[n]; !ok {
			todo = append(todo, n)
		}
	}
	x.mu.Unlock()
	ps, err := x.probes(ctx, todo)
	if err != nil {
		return 0, err
	}
	cost := 0
	for _, p := range ps {
		cost += 1 + len(p.by) + len(p.about)
	}
	return cost, nil
}

// neighbours returns the edges from the frontier nodes to entities, at
// most one per reached entity, in a deterministic order. Each node's
// edges are read once and cached (until Invalidate).
func (x *Explorer) neighbours(ctx context.Context, frontier []string) ([]edge, error) {
	var miss []string
	have := map[string][]edge{}
	x.mu.Lock()
	for _, n := range frontier {
		if es, ok := x.adj[n]; ok {
			have[n] = es
		} else {
			miss = append(miss, n)
		}
	}
	x.mu.Unlock()
	for len(miss) > 0 {
		n := len(miss)
		if n > 256 {
			n = 256
		}
		got, err := x.readEdges(ctx, miss[:n])
		if err != nil {
			return nil, err
		}
		miss = miss[n:]
		x.mu.Lock()
		if x.adj == nil {
			x.adj = map[string][]edge{}
		}
		for node, es := range got {
			have[node] = es
			x.adj[node] = es
			x.adjN += len(es) + 1
		}
		x.mu.Unlock()
	}
	var out []edge
	seen := map[string]bool{}
	for _, n := range frontier {
		for _, e := range have[n] {
			if !seen[e.to] {
				seen[e.to] = true
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// isEdgePredicate reports whether p links two entities in the entity
// graph (a relation or a role).
func isEdgePredicate(p quad.Value) bool {
	iri, ok := p.(quad.IRI)
	return ok && (strings.HasPrefix(string(iri), "rel:") || strings.HasPrefix(string(iri), "role:"))
}

// isEntity reports whether v is an entity IRI.
func isEntity(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), "ent:")
}

// readEdges reads the edges of nodes from the store: relation and role
// quads in both directions, and claims (claimant → each subject).
func (x *Explorer) readEdges(ctx context.Context, nodes []string) (map[string][]edge, error) {
	ps, err := x.probes(ctx, nodes)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]edge, len(nodes))
	vals := make([]quad.Value, len(nodes))
	var claimsBy, claimsAbout []string
	by := map[string][]string{}    // claim → its claimants among nodes
	about := map[string][]string{} // claim → its subjects among nodes
	for i, n := range nodes {
		vals[i] = quad.IRI(n)
		p := ps[n]
		out[n] = append([]edge{}, p.in...)
		for _, c := range p.by {
			if by[c] == nil {
				claimsBy = append(claimsBy, c)
			}
			by[c] = append(by[c], n)
		}
		for _, c := range p.about {
			if about[c] == nil {
				claimsAbout = append(claimsAbout, c)
			}
			about[c] = append(about[c], n)
		}
	}
	err = x.st.ReadQuads(ctx, graph.QuadFilter{Subjects: vals, PredicatePrefixes: []string{"rel:", "role:"}}, func(q quad.Quad) error {
		if isEdgePredicate(q.Predicate) && isEntity(q.Object) {
			s := literal(q.Subject)
			out[s] = append(out[s], edge{from: s, to: literal(q.Object), pred: literal(q.Predicate), forward: true})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = x.out(ctx, claimsBy, []quad.IRI{schema.About}, 0, func(c string, _ quad.IRI, o quad.Value) {
		for _, n := range by[c] {
			if isEntity(o) {
				out[n] = append(out[n], edge{from: n, to: literal(o), pred: ClaimPredicate, claim: c, forward: true})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = x.out(ctx, claimsAbout, []quad.IRI{schema.Claimant}, 0, func(c string, _ quad.IRI, o quad.Value) {
		for _, n := range about[c] {
			if isEntity(o) {
				out[n] = append(out[n], edge{from: n, to: literal(o), pred: ClaimPredicate, claim: c})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	// One edge per neighbour, chosen deterministically: relations and
	// roles before claims, then by predicate and claim.
	for n, es := range out {
		sort.Slice(es, func(i, j int) bool {
			a, b := es[i], es[j]
			if a.to != b.to {
				return a.to < b.to
			}
			if (a.claim == "") != (b.claim == "") {
				return a.claim == ""
			}
			if a.pred != b.pred {
				return a.pred < b.pred
			}
			if a.forward != b.forward {
				return a.forward
			}
			return a.claim < b.claim
		})
		var keep []edge
		for i, e := range es {
			if e.to == n || (i > 0 && es[i-1].to == e.to) {
				continue
			}
			keep = append(keep, e)
		}
		if keep == nil {
			keep = []edge{}
		}
		out[n] = keep
	}
	return out, nil
}

// buildPath joins the two BFS trees at meet.
func (x *Explorer) buildPath(ctx context.Context, p *Path, seen [2]map[string]parent, meet string) (*Path, error) {
	type hop struct {
		from, to, pred, claim string
		forward               bool
	}
	var hops []hop
	// From the start to meet: walk back the start side's tree.
	for n := meet; ; {
		par := seen[0][n]
		if par.prev == "" {
			break
		}
		hops = append([]hop{{par.prev, n, par.pred, par.claim, par.forward}}, hops...)
		n = par.prev
	}
	// From meet to the end: the end side's tree points towards the end.
	for n := meet; ; {
		par := seen[1][n]
		if par.prev == "" {
			break
		}
		hops = append(hops, hop{n, par.prev, par.pred, par.claim, !par.forward})
		n = par.prev
	}
	var iris, claims []string
	for _, h := range hops {
		iris = append(iris, h.from, h.to)
		if h.claim != "" {
			claims = append(claims, h.claim)
		}
	}
	m, err := x.refs(ctx, iris)
	if err != nil {
		return nil, err
	}
	cs, err := x.claims(ctx, claims)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Claim{}
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	for _, h := range hops {
		st := Step{From: ref(m, h.from), To: ref(m, h.to), Predicate: h.pred, Forward: h.forward}
		if h.claim != "" {
			st.Claim = byID[ClaimIDOf(h.claim)]
		}
		p.Steps = append(p.Steps, st)
	}
	p.Hops = len(p.Steps)
	return p, nil
}
