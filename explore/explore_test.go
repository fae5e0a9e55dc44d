package explore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

const article = "c372c201ad60cb5f" // examples/articles/nato-north-korea.txt

var (
	storeOnce sync.Once
	shared    *graph.Store
	sharedErr error
)

// exampleStore returns a store of the example articles, written once for
// all tests of the package (read-only use).
func exampleStore(t testing.TB) *graph.Store {
	t.Helper()
	storeOnce.Do(func() { shared, sharedErr = buildStore(filepath.Join(tempDir, "db")) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

var tempDir string

func buildStore(path string) (*graph.Store, error) {
	schema.Register()
	st, err := graph.Open(context.Background(), graph.Config{Path: path, MaxQueryLimit: explore.StoreQueryLimit, NoSync: true})
	if err != nil {
		return nil, err
	}
	files, err := ingest.Walk([]string{"../examples/articles"})
	if err != nil {
		return nil, err
	}
	var arts []ingest.Article
	for _, f := range files {
		if err := ingest.ReadFile(f, func(a ingest.Article) error { arts = append(arts, a); return nil }, nil); err != nil {
			return nil, err
		}
	}
	x, err := ingest.NewExtractor()
	if err != nil {
		return nil, err
	}
	if _, err := server.WriteArticles(context.Background(), st, x, arts); err != nil {
		return nil, err
	}
	// The linker's claims, to check what is read back against what was
	// extracted (the cue's and claimant's words are not stored as such).
	extracted = map[string]linker.Claim{}
	for _, a := range arts {
		la, err := x.Extract(a)
		if err != nil {
			return nil, err
		}
		for _, c := range la.Claims {
			extracted[explore.ClaimIDOf(string(schema.ClaimIRI(c.ID)))] = c
		}
	}
	return st, nil
}

// extracted are the linker's claims of the example articles, by claim ID.
var extracted map[string]linker.Claim

func TestMain(m *testing.M) {
	dir, err := mkTemp()
	if err != nil {
		panic(err)
	}
	tempDir = dir
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	rmTemp(dir)
	exit(code)
}

func TestResolve(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	for _, c := range []struct{ in, want string }{
		{"person/mark-rutte", "person/mark-rutte"},
		{"ent:person/mark-rutte", "person/mark-rutte"},
		{"<https://claimgraph.org/entity/person/mark-rutte>", "person/mark-rutte"},
		{"Mark Rutte", "person/mark-rutte"},
		{"Rutte", "person/mark-rutte"},      // alias
		{"mark rutte", "person/mark-rutte"}, // case
		{"NORTH KOREAN", "place/north-korea"},
		{"U.S.", "place/united-states"},
	} {
		e, err := x.Resolve(ctx, c.in)
		if err != nil || e.ID != c.want {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", c.in, e, err, c.want)
		}
	}
	_, err := x.Resolve(ctx, "Atlantis")
	if !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
	_, err = x.Resolve(ctx, "Kors")
	if !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := x.Resolve(ctx, " "); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("empty: %v", err)
	}
}

func TestEntityAndSearch(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	e, err := x.Entity(ctx, "Rutte")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Mark Rutte" || e.Type != "PERSON" || e.Articles != 1 || e.ClaimsBy < 5 || len(e.Aliases) == 0 || e.Aliases[0] != "Rutte" || len(e.Titles) == 0 {
		t.Errorf("entity: %+v", e)
	}
	res, err := x.Search(ctx, explore.SearchOptions{Query: "korea"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) < 2 || res[0].ID != "place/north-korea" || res[0].Match != "name-substring" {
		t.Errorf("search korea: %+v", res)
	}
	res, _ = x.Search(ctx, explore.SearchOptions{Query: "nato"})
	if len(res) == 0 || res[0].ID != "org/nato" || res[0].Match != "name" {
		t.Errorf("search nato: %+v", res)
	}
	res, _ = x.Search(ctx, explore.SearchOptions{Type: "PERSON", Limit: 100})
	for _, r := range res {
		if r.Type != "PERSON" {
			t.Errorf("type filter: %+v", r)
		}
	}
	if len(res) < 3 {
		t.Errorf("persons: %+v", res)
	}
	if _, err := x.Search(ctx, explore.SearchOptions{Type: "ALIEN"}); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("bad type: %v", err)
	}
}

func TestClaims(t *testing.T) {
	st := exampleStore(t)
	x := explore.New(st)
	ctx := context.Background()
	a, err := x.Article(ctx, article)
	if err != nil {
		t.Fatal(err)
	}
	text := a.Text
	all, err := x.Claims(ctx, explore.ClaimFilter{})
	if err != nil || len(all) < 10 {
		t.Fatalf("all claims: %d %v", len(all), err)
	}
	for _, c := range all {
		// spans point at the text of their parts
		if got := text[c.ContentSpan.Start:c.ContentSpan.End]; got != c.Content {
			t.Errorf("claim %s content span reads %q, want %q", c.ID, got, c.Content)
		}
		// The cue's and claimant's words, read from the spans of the
		// stored text, are the linker's.
		lc, ok := extracted[c.ID]
		if !ok {
			t.Errorf("claim %s was not extracted", c.ID)
		} else if c.CueText != lc.Cue.Text || c.ClaimantText != lc.Claimant.Text || c.CueText == "" || c.ClaimantText == "" {
			t.Errorf("claim %s: cue %q, claimant %q; the linker's: %q, %q", c.ID, c.CueText, c.ClaimantText, lc.Cue.Text, lc.Claimant.Text)
		}
		if c.Article != article || c.Stance == "" || c.Kind == "" {
			t.Errorf("claim %+v", c)
		}
	}
	by, _ := x.Claims(ctx, explore.ClaimFilter{By: "Rutte"})
	about, _ := x.Claims(ctx, explore.ClaimFilter{About: "Kursk"})
	denials, _ := x.Claims(ctx, explore.ClaimFilter{Stance: "deny"})
	both, _ := x.Claims(ctx, explore.ClaimFilter{By: "Rutte", About: "Kursk", Stance: "affirm"})
	none, _ := x.Claims(ctx, explore.ClaimFilter{By: "Rutte", Stance: "deny"})
	two, _ := x.Claims(ctx, explore.ClaimFilter{Limit: 2})
	if len(by) < 5 || len(about) != 1 || len(both) != 1 || len(none) != 0 || len(two) != 2 {
		t.Errorf("by %d about %d both %d none %d two %d", len(by), len(about), len(both), len(none), len(two))
	}
	for _, c := range by {
		if c.Claimant == nil || c.Claimant.ID != "person/mark-rutte" {
			t.Errorf("by Rutte: %+v", c)
		}
	}
	if len(denials) < 2 {
		t.Errorf("denials: %+v", denials)
	}
	for _, c := range denials {
		if c.Stance != "deny" {
			t.Errorf("denial with stance %s", c.Stance)
		}
	}
	if _, err := x.Claims(ctx, explore.ClaimFilter{Stance: "maybe"}); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("bad stance: %v", err)
	}
	if _, err := x.Claims(ctx, explore.ClaimFilter{Limit: explore.MaxLimit + 1}); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("huge limit: %v", err)
	}
	if _, err := x.Claims(ctx, explore.ClaimFilter{Article: "nope"}); !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
}

func TestContested(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	gs, err := x.Contested(ctx, explore.ContestedFilter{})
	if err != nil || len(gs) == 0 {
		t.Fatalf("%v %v", gs, err)
	}
	g := gs[0]
	if g.Proposition == "" || g.Article != article || len(g.Affirm) == 0 || len(g.Deny) == 0 || len(g.AffirmedBy) == 0 || len(g.DeniedBy) == 0 {
		t.Errorf("group: %+v", g)
	}
	names := map[string]bool{}
	for _, p := range g.DeniedBy {
		if p.Entity != nil {
			names[p.Entity.Name] = true
		}
	}
	if !names["Kremlin"] {
		t.Errorf("denied by: %+v", g.DeniedBy)
	}
	for _, c := range g.Deny {
		if c.Stance != "deny" {
			t.Errorf("deny side holds %s", c.Stance)
		}
	}
	about, _ := x.Contested(ctx, explore.ContestedFilter{About: "Kremlin"})
	other, _ := x.Contested(ctx, explore.ContestedFilter{About: "Brussels"})
	inArt, _ := x.Contested(ctx, explore.ContestedFilter{Article: article})
	if len(about) != len(gs) || len(other) != 0 || len(inArt) != len(gs) {
		t.Errorf("about Kremlin %d, Brussels %d, article %d of %d", len(about), len(other), len(inArt), len(gs))
	}
}

func TestPath(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	p, err := x.Path(ctx, "Rutte", "Kursk", 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.Hops != 1 || p.Steps[0].Predicate != explore.ClaimPredicate || !p.Steps[0].Forward || p.Steps[0].Claim == nil || !strings.Contains(p.Steps[0].Claim.Content, "Kursk") {
		t.Errorf("Rutte-Kursk: %+v", p)
	}
	p, err = x.Path(ctx, "person/mark-rutte", "org/kremlin", 3)
	if err != nil || p.Hops != 2 {
		t.Fatalf("Rutte-Kremlin: %+v %v", p, err)
	}
	// the steps chain from one end to the other
	if p.Steps[0].From.ID != "person/mark-rutte" || p.Steps[len(p.Steps)-1].To.ID != "org/kremlin" || p.Steps[0].To.ID != p.Steps[1].From.ID {
		t.Errorf("chain: %+v", p.Steps)
	}
	// a role edge, backwards
	p, err = x.Path(ctx, "NATO", "Rutte", 1)
	if err != nil || p.Hops != 1 || p.Steps[0].Forward || !strings.HasPrefix(p.Steps[0].Predicate, "r") {
		t.Errorf("NATO-Rutte: %+v %v", p, err)
	}
	// same path twice: same answer
	p1, _ := x.Path(ctx, "Kursk", "Kremlin", 4)
	p2, _ := explore.New(exampleStore(t)).Path(ctx, "Kursk", "Kremlin", 4)
	b1, _ := json.Marshal(p1)
	b2, _ := json.Marshal(p2)
	if !bytes.Equal(b1, b2) {
		t.Errorf("not deterministic:\n%s\n%s", b1, b2)
	}
	if p, err := x.Path(ctx, "Rutte", "Rutte", 2); err != nil || p.Hops != 0 {
		t.Errorf("self: %+v %v", p, err)
	}
	if _, err := x.Path(ctx, "Rutte", "Kursk", 0); err != nil {
		t.Errorf("default hops: %v", err)
	}
	if _, err := x.Path(ctx, "Rutte", "Kursk", 99); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("hops 99: %v", err)
	}
	if _, err := x.Path(ctx, "Euro-Atlantic", "Reuters", 1); !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("no path: %v", err)
	}
}

func TestArticle(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	a, err := x.Article(ctx, article)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Title, "NATO confirms") || !strings.HasPrefix(a.Text, a.Title) || len(a.Claims) < 10 || len(a.Mentions) < 20 || len(a.Relations) == 0 || len(a.Roles) == 0 || len(a.Contested) == 0 {
		t.Fatalf("article: title %q, %d claims, %d mentions, %d relations, %d roles, %d contested", a.Title, len(a.Claims), len(a.Mentions), len(a.Relations), len(a.Roles), len(a.Contested))
	}
	for _, m := range a.Mentions {
		if m.Text == "" || a.Text[m.Start:m.End] != m.Text || m.Entity.Name == "" {
			t.Errorf("mention %+v", m)
		}
	}
	if _, err := x.Article(ctx, "nope"); !errors.Is(err, explore.ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
	list, err := x.Articles(ctx, "", 0)
	if err != nil || len(list) != 1 || list[0].ID != article {
		t.Errorf("articles: %+v %v", list, err)
	}
}

// TestExportRoundTrip exports the store as N-Quads with full IRIs, loads
// them with cayley's own N-Quads reader into a fresh cayley memstore and
// compares the two stores quad by quad.
func TestExportRoundTrip(t *testing.T) {
	st := exampleStore(t)
	x := explore.New(st)
	ctx := context.Background()
	var buf bytes.Buffer
	n, err := x.Export(ctx, &buf, "nquads", explore.ExportScope{})
	if err != nil || n == 0 {
		t.Fatalf("export: %d %v", n, err)
	}
	if bytes.Contains(buf.Bytes(), []byte("<cg:")) || bytes.Contains(buf.Bytes(), []byte("<ent:")) || !bytes.Contains(buf.Bytes(), []byte("<https://claimgraph.org/ns#claimant>")) {
		t.Errorf("IRIs not expanded:\n%.500s", buf.String())
	}
	// load with cayley's reader into a fresh memstore
	mem, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	rd := nquads.NewReader(bytes.NewReader(buf.Bytes()), false)
	var loaded []quad.Quad
	for {
		q, err := rd.ReadQuad()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatal(err)
			}
			break
		}
		loaded = append(loaded, q)
	}
	if len(loaded) != n {
		t.Errorf("read back %d quads of %d", len(loaded), n)
	}
	if err := mem.WriteBatch(ctx, loaded); err != nil {
		t.Fatal(err)
	}
	dump := func(s *graph.Store, expand bool) []string {
		var out []string
		err := s.ReadQuads(ctx, graph.QuadFilter{}, func(q quad.Quad) error {
			if expand {
				q = explore.ExpandQuad(q)
			}
			out = append(out, q.NQuad())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return out
	}
	orig, back := dump(st, true), dump(mem, false)
	if len(orig) != len(back) {
		t.Fatalf("store has %d quads, reloaded export %d", len(orig), len(back))
	}
	for i := range orig {
		if orig[i] != back[i] {
			t.Fatalf("quad %d differs:\n%s\n%s", i, orig[i], back[i])
		}
	}
}

func TestExportFormats(t *testing.T) {
	x := explore.New(exampleStore(t))
	ctx := context.Background()
	var nq bytes.Buffer
	n, err := x.Export(ctx, &nq, "nquads", explore.ExportScope{Article: article})
	if err != nil || n < 100 || !bytes.Contains(nq.Bytes(), []byte("<https://claimgraph.org/article/"+article+"> .")) {
		t.Fatalf("article nquads: %d %v", n, err)
	}
	var ld bytes.Buffer
	if _, err := x.Export(ctx, &ld, "jsonld", explore.ExportScope{Article: article}); err != nil {
		t.Fatal(err)
	}
	var doc interface{}
	if err := json.Unmarshal(ld.Bytes(), &doc); err != nil || !bytes.Contains(ld.Bytes(), []byte("https://claimgraph.org/ns#claimant")) {
		t.Errorf("jsonld: %v\n%.300s", err, ld.String())
	}
	var gml bytes.Buffer
	hops, err := x.Export(ctx, &gml, "graphml", explore.ExportScope{Entity: "Rutte", Hops: 1})
	if err != nil || hops == 0 {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&gml)
	nodes, edges := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("graphml is not XML: %v", err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "node":
				nodes++
			case "edge":
				edges++
			}
		}
	}
	if nodes < 5 || edges < 5 {
		t.Errorf("graphml: %d nodes, %d edges", nodes, edges)
	}
	var dot bytes.Buffer
	if _, err := x.Export(ctx, &dot, "dot", explore.ExportScope{Entity: "person/mark-rutte", Hops: 0}); err != nil {
		t.Fatal(err)
	}
	if s := dot.String(); !strings.HasPrefix(s, "digraph claimgraph {") || !strings.Contains(s, `label="Mark Rutte"`) || strings.Count(s, "{") != strings.Count(s, "}") {
		t.Errorf("dot:\n%s", s)
	}
	for _, c := range []explore.ExportScope{{Article: "nope"}, {Entity: "Atlantis"}, {Entity: "Rutte", Hops: 99}, {Article: article, Entity: "Rutte"}, {Hops: 2}} {
		if _, err := x.Export(ctx, &bytes.Buffer{}, "nquads", c); err == nil {
			t.Errorf("%+v: want an error", c)
		}
	}
	if _, err := x.Export(ctx, &bytes.Buffer{}, "xml", explore.ExportScope{}); !errors.Is(err, explore.ErrBadArgument) {
		t.Errorf("bad format: %v", err)
	}
}
