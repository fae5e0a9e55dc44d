package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/schema"
)

const examples = "../examples/articles"

var (
	xOnce sync.Once
	xt    *ingest.Extractor
	xErr  error
)

// extractor loads the NLP pipeline once for all tests.
func extractor(t testing.TB) *ingest.Extractor {
	t.Helper()
	xOnce.Do(func() { xt, xErr = ingest.NewExtractor() })
	if xErr != nil {
		t.Fatal(xErr)
	}
	return xt
}

// exampleStore opens a fresh embedded store holding the example articles.
func exampleStore(t testing.TB) *graph.Store {
	t.Helper()
	schema.Register()
	st, err := graph.Open(context.Background(), graph.Config{Path: filepath.Join(t.TempDir(), "db"), MaxQueryLimit: explore.StoreQueryLimit, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	files, err := ingest.Walk([]string{examples})
	if err != nil {
		t.Fatal(err)
	}
	var arts []ingest.Article
	for _, f := range files {
		if err := ingest.ReadFile(f, func(a ingest.Article) error { arts = append(arts, a); return nil }, func(err error) { t.Error(err) }); err != nil {
			t.Fatal(err)
		}
	}
	res, err := WriteArticles(context.Background(), st, extractor(t), arts)
	if err != nil || res.Ingested != len(arts) || len(arts) == 0 {
		t.Fatalf("writing the examples: %+v, %v", res, err)
	}
	return st
}

func newTestServer(t *testing.T, st *graph.Store, cfg Config) *httptest.Server {
	t.Helper()
	cfg.NewExtractor = func() (*ingest.Extractor, error) { return extractor(t), nil }
	s, err := New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

type answer struct {
	code int
	body []byte
	ct   string
}

func get(t *testing.T, ts *httptest.Server, path string) answer {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, b, resp.Header.Get("Content-Type")}
}

func post(t *testing.T, ts *httptest.Server, path, body string, hdr map[string]string) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, b, resp.Header.Get("Content-Type")}
}

func decode(t *testing.T, a answer, v interface{}) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("not JSON (%v): %s", err, a.body)
	}
}

// TestAPI checks every endpoint of the JSON API and API v2 with good and
// bad parameters on a store of the example articles.
func TestAPI(t *testing.T) {
	st := exampleStore(t)
	ts := newTestServer(t, st, Config{QueryTimeout: 20 * time.Second, MaxQueryLimit: 500})
	const article = "c372c201ad60cb5f"

	ok := []struct {
		name, path string
		want       []string // substrings of the body
	}{
		{"health", "/health", []string{`"status": "ok"`, `"read_only": true`}},
		{"index", "/api/", []string{"/api/claims"}},
		{"search", "/api/entities?q=rutte", []string{`"person/mark-rutte"`, `"match": "alias"`}},
		{"search by type", "/api/entities?q=korea&type=GPE&limit=5", []string{`"place/north-korea"`, `"place/south-korea"`}},
		{"entity by ID", "/api/entities/person/mark-rutte", []string{`"name": "Mark Rutte"`, `"claims_by"`, `"claims_about"`, `"aliases"`}},
		{"entity by alias", "/api/entities/Rutte?limit=1", []string{`"id": "person/mark-rutte"`}},
		{"claims about", "/api/claims?about=Kursk", []string{`"claimant_text": "Mark Rutte"`, `"/articles/` + article + `#claim-`}},
		{"claims by, stance", "/api/claims?by=org/kremlin&stance=deny", []string{`"stance": "deny"`, `"cue_text": "dismissed"`}},
		{"claims of article", "/api/claims?article=" + article + "&limit=3", []string{`"count": 3`}},
		{"contested", "/api/contested", []string{`"affirmed_by"`, `"denied_by"`, `"Kremlin"`, `"deny": [`}},
		{"contested about", "/api/contested?about=North%20Korea", []string{`"proposition"`}},
		{"path", "/api/path?from=Rutte&to=Kursk", []string{`"hops": 1`, `"predicate": "cg:claim"`}},
		{"path two hops", "/api/path?from=person/mark-rutte&to=org/kremlin&max_hops=3", []string{`"hops": 2`}},
		{"articles", "/api/articles", []string{`"id": "` + article + `"`, `"html": "/articles/` + article + `"`}},
		{"articles of entity", "/api/articles?entity=NATO", []string{article}},
		{"article", "/api/articles/" + article, []string{`"text": "NATO confirms`, `"mentions"`, `"claimant_span"`, `"subject_span"`, `"predicate_text": "`}},
		{"formats", "/api/v2/formats", []string{`"nquads"`}},
		{"read", "/api/v2/read?label=" + url.QueryEscape("<art:"+article+">") + "&pred=" + url.QueryEscape("<cg:title>"), []string{`<cg:title> "NATO confirms`}},
	}
	for _, c := range ok {
		t.Run(c.name, func(t *testing.T) {
			a := get(t, ts, c.path)
			if a.code != http.StatusOK {
				t.Fatalf("%s: %d %s", c.path, a.code, a.body)
			}
			for _, w := range c.want {
				if !bytes.Contains(a.body, []byte(w)) {
					t.Errorf("%s: body lacks %s:\n%.2000s", c.path, w, a.body)
				}
			}
		})
	}

	bad := []struct {
		name, path string
		code       int
		want       string
	}{
		{"unknown entity", "/api/entities/person/nobody-at-all", 404, "no entity"},
		{"unknown entity in claims", "/api/claims?about=Atlantis", 404, "Atlantis"},
		{"bad stance", "/api/claims?stance=maybe", 400, "unknown stance"},
		{"huge limit", "/api/claims?limit=100000000", 400, "out of range"},
		{"negative limit", "/api/contested?limit=-1", 400, "out of range"},
		{"limit not a number", "/api/entities?q=x&limit=ten", 400, "not a number"},
		{"unknown parameter", "/api/claims?abuot=Kursk", 400, "unknown parameter"},
		{"bad type", "/api/entities?type=ALIEN", 400, "unknown entity type"},
		{"path without to", "/api/path?from=Rutte", 400, "needs from= and to="},
		{"path hops", "/api/path?from=Rutte&to=Kursk&max_hops=99", 400, "out of range"},
		{"path none", "/api/path?from=place/euro-atlantic&to=org/reuters&max_hops=1", 404, "no path"},
		{"unknown article", "/api/articles/nope", 404, "no article"},
		{"unknown endpoint", "/api/nothing", 404, "no such API endpoint"},
		{"v2 unknown endpoint", "/api/v2/nothing", 404, "no such API v2 endpoint"},
		{"v2 query empty", "/api/v2/query?lang=gizmo", 400, "query is empty"},
		{"v2 query bad lang", "/api/v2/query?lang=cobol&qu=x", 400, "unknown query language"},
		{"v2 query huge limit", "/api/v2/query?limit=1000000&qu=g.V().all()", 400, "out of range"},
		{"shape api", "/api/v1/shape/gizmo", 501, "not served"},
		{"ingest by GET", "/api/ingest", 405, "not allowed"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			a := get(t, ts, c.path)
			if a.code != c.code {
				t.Fatalf("%s: got %d, want %d: %s", c.path, a.code, c.code, a.body)
			}
			var e struct{ Error string }
			decode(t, a, &e)
			if !strings.Contains(e.Error, c.want) || !strings.HasPrefix(a.ct, "application/json") {
				t.Errorf("%s: error %q (%s) lacks %q", c.path, e.Error, a.ct, c.want)
			}
		})
	}

	t.Run("ambiguous", func(t *testing.T) {
		// two entities named alike: a name that fits both is a 409 with candidates
		ctx := context.Background()
		var qs []quad.Quad
		for _, id := range []quad.IRI{"ent:person/john-smith@1", "ent:person/john-smith@2"} {
			qs = append(qs, quad.Quad{Subject: id, Predicate: schema.Name, Object: quad.String("John Smith"), Label: quad.IRI("art:fixture")},
				quad.Quad{Subject: id, Predicate: schema.Type, Object: quad.IRI("cg:Person"), Label: quad.IRI("art:fixture")})
		}
		if err := st.WriteBatch(ctx, qs); err != nil {
			t.Fatal(err)
		}
		a := get(t, ts, "/api/claims?by="+url.QueryEscape("John Smith"))
		if a.code != http.StatusConflict || !bytes.Contains(a.body, []byte(`"candidates"`)) || !bytes.Contains(a.body, []byte("john-smith@2")) {
			t.Errorf("ambiguous name: %d %s", a.code, a.body)
		}
	})

	t.Run("gizmo query", func(t *testing.T) {
		a := post(t, ts, "/api/v2/query?lang=gizmo", `g.V("<ent:org/nato>").In("<cg:claimant>").Out("<cg:content>").all()`, nil)
		if a.code != 200 || !bytes.Contains(a.body, []byte("North Korean troops deployed")) {
			t.Fatalf("%d %s", a.code, a.body)
		}
		// lang defaults to gizmo; limit applies
		a = post(t, ts, "/api/v2/query?limit=2", `g.V("<cg:Claim>").In("<rdf:type>").all()`, nil)
		var res struct{ Result []interface{} }
		decode(t, a, &res)
		if a.code != 200 || len(res.Result) != 2 {
			t.Errorf("limit 2: %d %s", a.code, a.body)
		}
		// JSON-LD collation (the console's visualisation reads source/target @id)
		a = post(t, ts, "/api/v2/query?lang=gizmo", `g.V("<ent:person/mark-rutte>").Tag("source").Out("<role:secretary-general>").Tag("target").all()`, map[string]string{"Accept": "application/ld+json"})
		if a.code != 200 || !bytes.Contains(a.body, []byte(`"source":{"@id":"ent:person/mark-rutte"}`)) {
			t.Errorf("ld+json: %d %s", a.code, a.body)
		}
	})
	t.Run("gizmo errors", func(t *testing.T) {
		for _, c := range []struct{ q, want string }{
			{`g.V(`, "syntax error"},
			{`g.V("<ent:org/nato>").Out("<cg:name>", 1).all()`, "argument 2 is a number"}, // would crash the process unchecked
			{`g.V().Nope().all()`, "Nope"},
		} {
			a := post(t, ts, "/api/v2/query", c.q, nil)
			var e struct{ Error string }
			decode(t, a, &e)
			if a.code != 400 || !strings.Contains(e.Error, c.want) {
				t.Errorf("%s: %d %s", c.q, a.code, a.body)
			}
		}
		a := post(t, ts, "/api/v2/write", "<a> <b> <c> .", nil)
		if a.code != http.StatusForbidden {
			t.Errorf("write: %d %s", a.code, a.body)
		}
		a = post(t, ts, "/api/v2/query", strings.Repeat(" ", graph.MaxHTTPQueryBytes+1), nil)
		if a.code != http.StatusRequestEntityTooLarge {
			t.Errorf("huge query: %d %s", a.code, a.body)
		}
	})

	t.Run("article page", func(t *testing.T) {
		a := get(t, ts, "/articles/"+article)
		if a.code != 200 || !strings.HasPrefix(a.ct, "text/html") {
			t.Fatalf("%d %s", a.code, a.ct)
		}
		for _, w := range []string{`<span class="entity claimant" data-claims="`, `class="cue"`, `class="content"`, `id="claim-`, `stance-deny`, `/static/article.css`} {
			if !bytes.Contains(a.body, []byte(w)) {
				t.Errorf("page lacks %s", w)
			}
		}
		if a := get(t, ts, "/articles/nope"); a.code != 404 {
			t.Errorf("unknown article page: %d", a.code)
		}
		if a := get(t, ts, "/static/article.css"); a.code != 200 || !strings.HasPrefix(a.ct, "text/css") {
			t.Errorf("css: %d %s", a.code, a.ct)
		}
	})

	t.Run("console", func(t *testing.T) {
		a := get(t, ts, "/")
		if a.code != 200 || !bytes.Contains(a.body, []byte("<div id=\"root\">")) {
			t.Fatalf("index: %d", a.code)
		}
		for _, p := range []string{"/vendor/monaco-editor/min/vs/loader.js", "/vendor/monaco-editor/min/vs/editor/editor.main.js",
			"/vendor/material-icons/material-icons.css", "/vendor/material-icons/material-icons.woff2", "/gizmo.d.ts"} {
			if a := get(t, ts, p); a.code != 200 || len(a.body) == 0 {
				t.Errorf("%s: %d", p, a.code)
			}
		}
	})
}

// TestQueryTimeout checks that a runaway Gizmo script is stopped by the
// server's query timeout and that the server keeps answering.
func TestQueryTimeout(t *testing.T) {
	st := exampleStore(t)
	ts := newTestServer(t, st, Config{QueryTimeout: 300 * time.Millisecond})
	start := time.Now()
	a := post(t, ts, "/api/v2/query", `while (true) {}`, nil)
	if a.code != http.StatusServiceUnavailable || !bytes.Contains(a.body, []byte("timeout")) {
		t.Errorf("runaway query: %d %s", a.code, a.body)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("runaway query took %s", d)
	}
	if a := get(t, ts, "/health"); a.code != 200 {
		t.Errorf("health after timeout: %d", a.code)
	}
}

// TestIngest sends articles to a server started with ingest allowed,
// through the client functions, and checks tokens and read-only mode.
func TestIngest(t *testing.T) {
	st := exampleStore(t)
	ro := newTestServer(t, st, Config{})
	if a := post(t, ro, "/api/ingest", `{"id":"x","text":"Officials said it rained."}`, map[string]string{"Authorization": "Bearer x"}); a.code != http.StatusForbidden {
		t.Errorf("read-only server: %d %s", a.code, a.body)
	}
	ts := newTestServer(t, st, Config{AllowIngest: true, Token: "s3cret"})
	ctx := context.Background()
	body := `{"id": "acme-1", "title": "Acme", "text": "Acme Corp denied that it had cut jobs in Ohio, the company said on Monday."}
not json
{"id": "acme-2", "text": "The mayor of Springfield said the bridge would reopen next week."}
`
	if _, err := PostArticles(ctx, ts.URL, "wrong", strings.NewReader(body)); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v", err)
	}
	res, err := PostArticles(ctx, ts.URL, "s3cret", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if res.Ingested != 2 || res.Failed != 1 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "record 2") || res.Quads == 0 {
		t.Errorf("first post: %+v", res)
	}
	// the new articles are queryable at once
	a := get(t, ts, "/api/claims?article=acme-1")
	if a.code != 200 || !bytes.Contains(a.body, []byte(`"stance": "deny"`)) {
		t.Errorf("claims of the new article: %d %.500s", a.code, a.body)
	}
	if a := get(t, ts, "/api/entities?q=acme"); !bytes.Contains(a.body, []byte("Acme")) {
		t.Errorf("search after ingest (index invalidated): %.500s", a.body)
	}
	// again: nothing new
	res, err = PostArticles(ctx, ts.URL, "s3cret", strings.NewReader(body))
	if err != nil || res.Ingested != 0 || res.Stored != 2 {
		t.Errorf("second post: %+v %v", res, err)
	}
	// files in any format, through the client
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	os.WriteFile(f, []byte("Rain in Springfield\n\nThe weather office said heavy rain would fall on Springfield."), 0o644)
	res, err = IngestFiles(ctx, ts.URL, "s3cret", []string{f}, ingest.ReadOptions{}, 10, nil)
	if err != nil || res.Ingested != 1 {
		t.Errorf("IngestFiles: %+v %v", res, err)
	}
	if a := post(t, ts, "/api/ingest", "", map[string]string{"Authorization": "Bearer s3cret"}); a.code != 400 {
		t.Errorf("empty body: %d %s", a.code, a.body)
	}
}

// An article of book length (more quads than one badger transaction holds)
// is stored through the server's ingest in several transactions, and a
// second post finds it stored.
func TestWriteArticlesBookLength(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	st, err := graph.Open(context.Background(), graph.Config{Path: filepath.Join(t.TempDir(), "db"), NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	for i := 0; i < 1700; i++ {
		fmt.Fprintf(&b, "Officials in district %d said on Monday that bridge number %d had collapsed after the storm. ", i, i)
	}
	arts := []ingest.Article{{ID: "book", Title: "A long report", Text: b.String()}}
	res, err := WriteArticles(context.Background(), st, extractor(t), arts)
	if err != nil || res.Ingested != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if res.Quads <= 12000 {
		t.Fatalf("%d quads: not more than one badger transaction holds", res.Quads)
	}
	n, err := st.QuadCount(context.Background())
	if err != nil || n != int64(res.Quads) {
		t.Errorf("store holds %d quads, the write reported %d (%v)", n, res.Quads, err)
	}
	res, err = WriteArticles(context.Background(), st, extractor(t), arts)
	if err != nil || res.Stored != 1 || res.Ingested != 0 {
		t.Errorf("second post: %+v %v", res, err)
	}
}
