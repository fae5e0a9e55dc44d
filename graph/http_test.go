package graph

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func memStore(t *testing.T, qs ...quad.Quad) *Store {
	t.Helper()
	st, err := Open(context.Background(), Config{Backend: BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.WriteBatch(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
	return st
}

func fixture() []quad.Quad {
	a1, a2 := quad.IRI("art:a1"), quad.IRI("art:a2")
	return []quad.Quad{
		{Subject: quad.IRI("ent:alice"), Predicate: quad.IRI("cg:name"), Object: quad.String("Alice"), Label: a1},
		{Subject: quad.IRI("ent:alice"), Predicate: quad.IRI("cg:name"), Object: quad.String("Alice"), Label: a2},
		{Subject: quad.IRI("ent:alice"), Predicate: quad.IRI("rel:know"), Object: quad.IRI("ent:bob"), Label: a1},
		{Subject: quad.IRI("ent:bob"), Predicate: quad.IRI("cg:name"), Object: quad.String("Bob"), Label: a1},
		{Subject: quad.IRI("claim:1"), Predicate: quad.IRI("cg:start"), Object: quad.Int(7), Label: a2},
		{Subject: quad.IRI("claim:1"), Predicate: quad.IRI("cg:about"), Object: quad.IRI("ent:bob"), Label: a2},
	}
}

func do(t *testing.T, h http.Handler, method, target, body string, hdr ...string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestAPIv2Handler(t *testing.T) {
	st := memStore(t, fixture()...)
	h := st.APIv2Handler(HTTPOptions{QueryLimit: 1, MaxQueryLimit: 50})
	cases := []struct {
		name, method, target, body string
		code                       int
		want                       string
	}{
		{"query", "POST", "/api/v2/query?lang=gizmo&limit=10", `g.V("<ent:alice>").Out("<rel:know>").Out("<cg:name>").all()`, 200, `{"result":[{"id":"Bob"}]}`},
		{"default lang and limit", "POST", "/api/v2/query", `g.V("<ent:alice>","<ent:bob>").all()`, 200, `{"result":[{"id":"<ent:alice>"}]}`},
		{"GET qu", "GET", "/api/v2/query?qu=" + strings.ReplaceAll(`g.V("<claim:1>").Out("<cg:start>").all()`, "\"", "%22"), "", 200, `"id":7`},
		{"ld+json", "POST", "/api/v2/query?limit=5", `g.V("<ent:alice>").Tag("source").Out("<rel:know>").Tag("target").all()`, 200, `"target":{"@id":"ent:bob"}`},
		{"limit too big", "POST", "/api/v2/query?limit=51", `g.V().all()`, 400, "out of range (1..50)"},
		{"limit bad", "POST", "/api/v2/query?limit=x", `g.V().all()`, 400, "not a number"},
		{"unknown lang", "POST", "/api/v2/query?lang=sql", `select`, 400, "unknown query language"},
		{"empty", "POST", "/api/v2/query", "  ", 400, "query is empty"},
		{"guarded", "POST", "/api/v2/query", `g.V().Out({}).all()`, 400, "an object"},
		{"syntax", "POST", "/api/v2/query", `g.V(`, 400, "syntax error"},
		{"method", "DELETE", "/api/v2/query", ``, 405, "not allowed"},
		{"read", "GET", "/api/v2/read?sub=%3Cent:alice%3E&pred=%3Crel:know%3E", "", 200, "<ent:alice> <rel:know> <ent:bob> <art:a1> ."},
		{"formats", "GET", "/api/v2/formats", "", 200, `"nquads"`},
		{"write", "POST", "/api/v2/write", `<a> <b> <c> .`, 403, "read-only"},
		{"unknown", "GET", "/api/v2/foo", "", 404, "no such API v2 endpoint"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := []string{}
			if c.name == "ld+json" {
				hdr = []string{"Accept", "application/ld+json"}
			}
			code, body := do(t, h, c.method, c.target, c.body, hdr...)
			if code != c.code || !strings.Contains(body, c.want) {
				t.Errorf("%s %s: got %d %s, want %d with %s", c.method, c.target, code, body, c.code, c.want)
			}
		})
	}
	st.Close()
	if code, _ := do(t, h, "POST", "/api/v2/query", `g.V().all()`); code != http.StatusServiceUnavailable {
		t.Errorf("after Close: %d", code)
	}
}

func TestAPIv2Timeout(t *testing.T) {
	st := memStore(t, fixture()...)
	h := st.APIv2Handler(HTTPOptions{QueryTimeout: 200 * 1e6})
	code, body := do(t, h, "POST", "/api/v2/query", `var i = 0; while (true) { i++; }`)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "timeout") {
		t.Errorf("runaway query: %d %s", code, body)
	}
}

func TestUIHandler(t *testing.T) {
	if _, err := UIHandler(UIOptions{}); err == nil {
		t.Error("want an error without MonacoBase and IconsCSS")
	}
	h, err := UIHandler(UIOptions{MonacoBase: "/vendor/monaco/min/vs/", IconsCSS: "/vendor/icons.css", DefaultQuery: `g.V("<cg:Claim>").all()`})
	if err != nil {
		t.Fatal(err)
	}
	code, index := do(t, h, "GET", "/", "")
	if code != 200 || !strings.Contains(index, `<div id="root">`) {
		t.Fatalf("index: %d", code)
	}
	// every script and stylesheet of the page: no address but our own
	var all strings.Builder
	for _, f := range strings.Split(index, `"`) {
		if strings.HasPrefix(f, "/static/") {
			code, body := do(t, h, "GET", f, "")
			if code != 200 {
				t.Errorf("%s: %d", f, code)
			}
			all.WriteString(body)
		}
	}
	s := all.String()
	for _, bad := range []string{"localhost:64210", "cdn.jsdelivr.net", "fonts.googleapis.com", `label:"GraphQL"`} {
		if strings.Contains(s, bad) {
			t.Errorf("bundle still holds %q", bad)
		}
	}
	for _, good := range []string{`"/vendor/monaco/min/vs/loader.js"`, `"/vendor/monaco/min/vs"`, `@import url(/vendor/icons.css)`, `text:"g.V(\"\u003ccg:Claim\u003e\").all()"`, `{label:"Gizmo",value:"gizmo"}`} {
		if !strings.Contains(s, good) && !strings.Contains(s, strings.ReplaceAll(good, `\u003c`, "<")) {
			t.Errorf("bundle lacks %s", good)
		}
	}
	if code, _ := do(t, h, "GET", "/gizmo.d.ts", ""); code != 200 {
		t.Errorf("gizmo.d.ts: %d", code)
	}
	if code, _ := do(t, h, "GET", "/nope.js", ""); code != 404 {
		t.Errorf("unknown file: %d", code)
	}
	if code, _ := do(t, h, "POST", "/", ""); code != 405 {
		t.Errorf("POST: %d", code)
	}
}

func TestReadQuads(t *testing.T) {
	st := memStore(t, fixture()...)
	read := func(f QuadFilter) []string {
		var out []string
		if err := st.ReadQuads(context.Background(), f, func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }); err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return out
	}
	if got := read(QuadFilter{}); len(got) != 6 {
		t.Errorf("all: %v", got)
	}
	got := read(QuadFilter{Subjects: []quad.Value{quad.IRI("ent:alice")}, Labels: []quad.Value{quad.IRI("art:a1")}})
	want := []string{`<ent:alice> <cg:name> "Alice" <art:a1> .`, `<ent:alice> <rel:know> <ent:bob> <art:a1> .`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("subject+label: %v", got)
	}
	got = read(QuadFilter{Objects: []quad.Value{quad.IRI("ent:bob")}, Predicates: []quad.Value{quad.IRI("cg:about")}})
	if len(got) != 1 || !strings.HasPrefix(got[0], "<claim:1> <cg:about>") {
		t.Errorf("object+predicate: %v", got)
	}
	if got := read(QuadFilter{Predicates: []quad.Value{quad.IRI("cg:start")}}); len(got) != 1 || !strings.Contains(got[0], `"7"^^`) {
		t.Errorf("predicate (typed value): %v", got)
	}
	if got := read(QuadFilter{Subjects: []quad.Value{quad.IRI("ent:nobody")}}); len(got) != 0 {
		t.Errorf("unknown subject: %v", got)
	}
}
