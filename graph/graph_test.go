package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// embedded are the embedded backends every storage test runs against.
var embedded = []string{BackendBolt, BackendBBolt, BackendLevelDB, BackendBadger}

// allBackends adds the in-memory store.
var allBackends = append(append([]string{}, embedded...), BackendMemstore)

func iri(s string) quad.IRI { return quad.IRI(s) }

// custom is a quad.Value of a type cayley cannot store.
type custom struct{ s string }

func (c custom) String() string      { return c.s }
func (c custom) Native() interface{} { return c.s }

func q(s, p, o, label string) quad.Quad {
	return quad.Make(iri(s), iri(p), iri(o), iri(label))
}

// raceEnabled is set when the race detector (and with it checkptr) is on.
var raceEnabled bool

// skipUnsafe skips backends that cannot run under the race detector:
// github.com/boltdb/bolt v1.3.1 dies with "fatal error: checkptr: converted
// pointer straddles multiple allocations" (fixed in its fork bbolt).
func skipUnsafe(t testing.TB, backend string) {
	t.Helper()
	if backend == "" {
		backend = DefaultBackend
	}
	if raceEnabled && backend == BackendBolt {
		t.Skip("boltdb/bolt v1.3.1 fails Go's checkptr under -race")
	}
}

func configFor(t testing.TB, backend string) Config {
	skipUnsafe(t, backend)
	cfg := Config{Backend: backend, LockTimeout: 100 * time.Millisecond}
	if backend != BackendMemstore {
		cfg.Path = filepath.Join(t.TempDir(), "store")
	}
	return cfg
}

func mustOpen(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustWrite(t testing.TB, s *Store, quads ...quad.Quad) {
	t.Helper()
	if err := s.WriteBatch(context.Background(), quads); err != nil {
		t.Fatalf("WriteBatch: %v", err)
	}
}

func count(t testing.TB, s *Store) int64 {
	t.Helper()
	n, err := s.QuadCount(context.Background())
	if err != nil {
		t.Fatalf("QuadCount: %v", err)
	}
	return n
}

func TestOpenInitAndReopen(t *testing.T) {
	for _, backend := range embedded {
		t.Run(backend, func(t *testing.T) {
			cfg := configFor(t, backend)
			ctx := context.Background()
			s, err := Open(ctx, cfg) // fresh, not yet existing directory
			if err != nil {
				t.Fatalf("open fresh: %v", err)
			}
			if n := count(t, s); n != 0 {
				t.Fatalf("fresh store has %d quads", n)
			}
			mustWrite(t, s, q("a", "p", "b", "art1"), q("b", "p", "c", "art1"))
			if err := s.Close(); err != nil {
				t.Fatalf("close: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Fatalf("second close: %v", err)
			}
			s = mustOpen(t, cfg) // existing store
			if n := count(t, s); n != 2 {
				t.Fatalf("reopened store has %d quads, want 2", n)
			}
			ok, err := s.Has(ctx, iri("a"), iri("p"), iri("b"))
			if err != nil || !ok {
				t.Fatalf("Has after reopen = %v, %v", ok, err)
			}
		})
	}
	t.Run("default backend", func(t *testing.T) {
		skipUnsafe(t, DefaultBackend)
		s := mustOpen(t, Config{Path: t.TempDir()})
		if s.Backend() != DefaultBackend {
			t.Fatalf("Backend() = %q, want %q", s.Backend(), DefaultBackend)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		cfg  Config
		want error  // errors.Is target, if any
		msg  string // substring of the message
	}{
		{name: "unknown backend", cfg: Config{Backend: "nope", Path: t.TempDir()}, msg: `unknown backend "nope"`},
		{name: "embedded without path", cfg: Config{Backend: BackendBolt}, msg: "needs Config.Path"},
		{name: "memstore with path", cfg: Config{Backend: BackendMemstore, Path: t.TempDir()}, msg: "takes no path"},
		{name: "read-only missing dir", cfg: Config{Backend: BackendBolt, Path: filepath.Join(t.TempDir(), "x"), ReadOnly: true}, want: ErrNotExist},
		{name: "read-only empty dir", cfg: Config{Backend: BackendBolt, Path: t.TempDir(), ReadOnly: true}, want: ErrNotExist},
		{name: "read-only missing leveldb", cfg: Config{Backend: BackendLevelDB, Path: t.TempDir(), ReadOnly: true}, msg: "leveldb store"},
		{name: "canceled context", ctx: canceled, cfg: Config{Backend: BackendMemstore}, want: context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.ctx
			if c == nil {
				c = ctx
			}
			s, err := Open(c, tc.cfg)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q is not %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
}

func TestWriteBatchIdempotent(t *testing.T) {
	// Each case uses its own IRIs, so one store per backend serves all.
	batch := func(c string) []quad.Quad {
		return []quad.Quad{
			q(c+"claim1", "claimant", c+"alice", c+"art1"),
			q(c+"claim1", "about", c+"bob", c+"art1"),
			q(c+"claim1", "type", "Claim", c+"art1"),
		}
	}
	tests := []struct {
		name    string
		batches func(b []quad.Quad) [][]quad.Quad
		want    int64
	}{
		{name: "same batch twice", batches: func(b []quad.Quad) [][]quad.Quad { return [][]quad.Quad{b, b} }, want: 3},
		{name: "duplicate within batch", batches: func(b []quad.Quad) [][]quad.Quad { return [][]quad.Quad{append(b, b[0], b[1])} }, want: 3},
		{name: "overlapping batches", batches: func(b []quad.Quad) [][]quad.Quad { return [][]quad.Quad{b[:2], b[1:]} }, want: 3},
		{name: "same triple other label", batches: func(b []quad.Quad) [][]quad.Quad {
			o := b[0]
			o.Label = iri("other-article")
			return [][]quad.Quad{b, {o}}
		}, want: 4},
		{name: "empty batch", batches: func([]quad.Quad) [][]quad.Quad { return [][]quad.Quad{nil, {}} }, want: 0},
	}
	for _, backend := range allBackends {
		t.Run(backend, func(t *testing.T) {
			s := mustOpen(t, configFor(t, backend))
			for i, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					before := count(t, s)
					batches := tc.batches(batch(fmt.Sprintf("c%d-", i)))
					for _, b := range batches {
						mustWrite(t, s, b...)
					}
					if n := count(t, s) - before; n != tc.want {
						t.Fatalf("QuadCount grew by %d, want %d", n, tc.want)
					}
					for _, b := range batches { // re-writing everything changes nothing
						mustWrite(t, s, b...)
					}
					if n := count(t, s) - before; n != tc.want {
						t.Fatalf("after rewrite QuadCount grew by %d, want %d", n, tc.want)
					}
				})
			}
		})
	}
}

func TestWriteBatchInvalid(t *testing.T) {
	tests := []struct {
		name string
		q    quad.Quad
		msg  string
	}{
		{name: "no object", q: quad.Quad{Subject: iri("a"), Predicate: iri("p")}, msg: "lacks a subject"},
		{name: "no subject", q: quad.Quad{Predicate: iri("p"), Object: iri("b")}, msg: "lacks a subject"},
		{name: "foreign value type", q: quad.Quad{Subject: iri("a"), Predicate: iri("p"), Object: custom{"x"}}, msg: "unsupported value type"},
	}
	s := mustOpen(t, configFor(t, DefaultBackend))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A valid quad first: the whole batch must be rejected.
			err := s.WriteBatch(context.Background(), []quad.Quad{q("x", "p", "y", "l"), tc.q})
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("WriteBatch error = %v, want %q", err, tc.msg)
			}
			if n := count(t, s); n != 0 {
				t.Fatalf("QuadCount = %d after rejected batch", n)
			}
		})
	}
	// Rejected batches do not poison the store.
	mustWrite(t, s, q("x", "p", "y", "l"))
}

// TestFailedWriteNeedsReopen shows cayley's kv node-cache trap: after a
// transaction fails half-way, the store refuses further writes until it is
// reopened, and the reopened store has consistent data.
func TestFailedWriteNeedsReopen(t *testing.T) {
	cfg := configFor(t, DefaultBackend)
	s := mustOpen(t, cfg)
	mustWrite(t, s, q("a", "p", "b", "art1"))

	// Bypass WriteBatch's validation: cayley panics on the foreign value
	// type after having cached node IDs for "x" and "y".
	s.mu.Lock()
	err := s.apply([]quad.Quad{q("x", "p", "y", "art2"), {Subject: iri("x"), Predicate: iri("p"), Object: custom{"boom"}}})
	s.mu.Unlock()
	if err == nil {
		t.Fatal("apply with a foreign value type succeeded")
	}
	err = s.WriteBatch(context.Background(), []quad.Quad{q("z", "p", "w", "art3")})
	if !errors.Is(err, ErrNeedsReopen) {
		t.Fatalf("WriteBatch after failure = %v, want ErrNeedsReopen", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, cfg)
	mustWrite(t, s, q("z", "p", "w", "art3"), q("x", "p", "z2", "art4"))
	got := queryJSON(t, s, `g.V("<x>").Out("<p>").all(); g.V("<z>").Out("<p>").all()`)
	if want := `[{"id":"<z2>"},{"id":"<w>"}]`; got != want {
		t.Fatalf("after reopen: %s, want %s", got, want)
	}
}

func TestHas(t *testing.T) {
	for _, backend := range allBackends {
		t.Run(backend, func(t *testing.T) {
			s := mustOpen(t, configFor(t, backend))
			mustWrite(t, s,
				q("a", "p", "b", "art1"),
				quad.Make(iri("a"), iri("name"), quad.String("Alice"), iri("art1")),
				quad.Make(iri("a"), iri("q"), iri("c"), nil))
			tests := []struct {
				name    string
				s, p, o quad.Value
				want    bool
			}{
				{"present", iri("a"), iri("p"), iri("b"), true},
				{"present literal", iri("a"), iri("name"), quad.String("Alice"), true},
				{"present without label", iri("a"), iri("q"), iri("c"), true},
				{"literal is not IRI", iri("a"), iri("name"), iri("Alice"), false},
				{"wrong object", iri("a"), iri("p"), iri("c"), false},
				{"unknown node", iri("zz"), iri("p"), iri("b"), false},
				{"reversed", iri("b"), iri("p"), iri("a"), false},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					got, err := s.Has(context.Background(), tc.s, tc.p, tc.o)
					if err != nil || got != tc.want {
						t.Fatalf("Has = %v, %v; want %v", got, err, tc.want)
					}
				})
			}
		})
	}
}

// queryJSON runs a gizmo query and returns its result as compact JSON.
func queryJSON(t testing.TB, s *Store, qu string) string {
	t.Helper()
	res, err := s.Query(context.Background(), "", qu, 0)
	if err != nil {
		t.Fatalf("Query(%s): %v", qu, err)
	}
	return toJSON(t, res)
}

// toJSON encodes v compactly, without HTML escaping (as API v2 does).
func toJSON(t testing.TB, v interface{}) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

// claimData is a small claim graph: two articles, shared entities.
func claimData() []quad.Quad {
	const ex = "http://example.org/"
	e := func(s string) quad.IRI { return iri(ex + s) }
	mk := func(s, p string, o quad.Value, art string) quad.Quad {
		return quad.Make(e(s), e(p), o, e(art))
	}
	return []quad.Quad{
		mk("claim1", "claimant", e("alice"), "art1"),
		mk("claim1", "about", e("bob"), "art1"),
		mk("claim2", "claimant", e("alice"), "art2"),
		mk("claim2", "about", e("carol"), "art2"),
		mk("bob", "name", quad.String("Bob"), "art1"),
		mk("carol", "name", quad.String("Carol"), "art2"),
		mk("alice", "age", quad.Int(42), "art1"),
	}
}

func TestQueryGizmo(t *testing.T) {
	RegisterNamespaces(map[string]string{"ex": "http://example.org/"})
	RegisterNamespaces(map[string]string{"ex:": "http://example.org/"}) // idempotent, colon optional
	tests := []struct {
		name  string
		query string
		limit int
		want  string // JSON; if empty, only the number of results is checked
		n     int
	}{
		{name: "out", query: `g.V("<http://example.org/claim1>").Out("<http://example.org/about>").all()`,
			want: `[{"id":"<http://example.org/bob>"}]`},
		{name: "3-hop", query: `g.V("<http://example.org/alice>").In("<http://example.org/claimant>").Out("<http://example.org/about>").Out("<http://example.org/name>").all()`,
			want: `[{"id":"Bob"},{"id":"Carol"}]`},
		{name: "tags", query: `g.V("<http://example.org/alice>").In("<http://example.org/claimant>").Tag("claim").Out("<http://example.org/about>").Out("<http://example.org/name>").all()`,
			want: `[{"claim":"<http://example.org/claim1>","id":"Bob"},{"claim":"<http://example.org/claim2>","id":"Carol"}]`},
		{name: "emit", query: `g.emit({n: 1, s: "x", l: [true, null]}); g.emit("y")`,
			want: `[{"l":[true,null],"n":1,"s":"x"},"y"]`},
		{name: "emit from foreach", query: `g.V("<http://example.org/bob>", "<http://example.org/carol>").Out("<http://example.org/name>").ForEach(function(d) { g.emit(d.id + "!") })`,
			want: `["Bob!","Carol!"]`},
		{name: "int literal", query: `g.V("<http://example.org/alice>").Out("<http://example.org/age>").all()`, want: `[{"id":42}]`},
		{name: "compact IRIs are stored and matched as written", query: `g.V("<ex:short>").Out("<ex:p>").all()`,
			want: `[{"id":"<ex:o>"}]`},
		{name: "full IRI via g.IRI and default namespaces", query: `g.addDefaultNamespaces(); g.V(g.IRI("ex:claim1")).Out(g.IRI("ex:claimant")).all()`,
			want: `[{"id":"<http://example.org/alice>"}]`},
		{name: "bare prefixed name is a string literal", query: `g.V("ex:claim1").Out("<http://example.org/claimant>").all()`, want: `[]`},
		{name: "limit", query: `g.V().all()`, limit: 2, n: 2},
		{name: "completion value adds null", query: `g.V("<http://example.org/bob>").Out("<http://example.org/name>").toArray()`, want: `[null]`},
		{name: "toArray emitted", query: `g.emit(g.V("<http://example.org/bob>").Out("<http://example.org/name>").toArray())`, want: `[["Bob"]]`},
		{name: "no results", query: `g.V("<http://example.org/nobody>").Out("<http://example.org/about>").all()`, want: `[]`},
	}
	for _, backend := range allBackends {
		t.Run(backend, func(t *testing.T) {
			s := mustOpen(t, configFor(t, backend))
			mustWrite(t, s, claimData()...)
			mustWrite(t, s, quad.Make(iri("ex:short"), iri("ex:p"), iri("ex:o"), iri("ex:art")))
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					res, err := s.Query(context.Background(), "gizmo", tc.query, tc.limit)
					if err != nil {
						t.Fatalf("Query: %v", err)
					}
					if tc.want == "" {
						if len(res) != tc.n {
							t.Fatalf("%d results, want %d", len(res), tc.n)
						}
						return
					}
					if got := toJSON(t, res); got != tc.want {
						t.Fatalf("got  %s\nwant %s", got, tc.want)
					}
				})
			}
		})
	}
}

func TestQueryLimits(t *testing.T) {
	cfg := configFor(t, BackendMemstore)
	cfg.MaxQueryLimit = 150
	s := mustOpen(t, cfg)
	var batch []quad.Quad
	for i := 0; i < 200; i++ {
		batch = append(batch, q("hub", "p", fmt.Sprint("n", i), "art"))
	}
	mustWrite(t, s, batch...)
	tests := []struct {
		name  string
		limit int
		want  int
	}{
		{"default", 0, DefaultQueryLimit},
		{"explicit", 7, 7},
		{"capped", 1000, 150},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Query(context.Background(), "", `g.V("<hub>").Out("<p>").all()`, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != tc.want {
				t.Fatalf("%d results, want %d", len(res), tc.want)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	s := mustOpen(t, configFor(t, DefaultBackend))
	mustWrite(t, s, q("a", "p", "b", "art1"))
	tests := []struct {
		name  string
		lang  string
		query string
		limit int
		msg   string
	}{
		{name: "syntax error", query: `g.V("<a>").Out(`, msg: "syntax error"},
		{name: "undefined function", query: `g.V("<a>").Nope()`, msg: "TypeError"},
		{name: "exception", query: `throw new Error("boom")`, msg: "boom"},
		{name: "builtin panic on numeric tag", query: `g.V("<a>").Out("<p>", 1).all()`, msg: "argument 2 is a number"},
		{name: "builtin panic on object predicate", query: `g.V("<a>").Out({}).all()`, msg: "argument 1 is an object"},
		{name: "unknown language", lang: "sparql", query: `SELECT *`, msg: `unsupported query language "sparql"`},
		{name: "empty query", query: "  ", msg: "empty"},
		{name: "negative limit", query: `g.V().all()`, limit: -1, msg: "negative limit"},
		{name: "not JSON-encodable", query: `g.emit(function() {})`, msg: "JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Query(context.Background(), tc.lang, tc.query, tc.limit)
			if err == nil {
				t.Fatalf("no error, results %v", res)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
	// The store still answers.
	if got := queryJSON(t, s, `g.V("<a>").Out("<p>").all()`); got != `[{"id":"<b>"}]` {
		t.Fatalf("after errors: %s", got)
	}
}

func TestQueryTimeout(t *testing.T) {
	s := mustOpen(t, configFor(t, DefaultBackend))
	mustWrite(t, s, q("a", "p", "b", "art1"))
	tests := []struct {
		name  string
		query string
	}{
		{"busy loop", `while (true) {}`},
		{"loop emitting past the limit", `while (true) { g.emit(1) }`},
		{"loop in callback", `g.V("<a>").ForEach(function(d) { while (true) {} })`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := s.Query(ctx, "gizmo", tc.query, 5)
			if err == nil {
				t.Fatal("infinite query returned without error")
			}
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "deadline") {
				t.Fatalf("error = %v, want deadline exceeded", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("query stopped after %v", d)
			}
			if got := queryJSON(t, s, `g.V("<a>").Out("<p>").all()`); got != `[{"id":"<b>"}]` {
				t.Fatalf("after timeout: %s", got)
			}
		})
	}
}

func TestCloseStopsQueries(t *testing.T) {
	s, err := Open(context.Background(), configFor(t, BackendMemstore))
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		_, err := s.Query(context.Background(), "", `while (true) {}`, 0)
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("query error = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop the query")
	}
	// Every method fails after Close.
	ctx := context.Background()
	if err := s.WriteBatch(ctx, []quad.Quad{q("a", "p", "b", "l")}); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteBatch after Close: %v", err)
	}
	if _, err := s.Has(ctx, iri("a"), iri("p"), iri("b")); !errors.Is(err, ErrClosed) {
		t.Errorf("Has after Close: %v", err)
	}
	if _, err := s.QuadCount(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("QuadCount after Close: %v", err)
	}
	if _, err := s.Query(ctx, "", `g.V().all()`, 0); !errors.Is(err, ErrClosed) {
		t.Errorf("Query after Close: %v", err)
	}
}

func TestReadOnly(t *testing.T) {
	for _, backend := range embedded {
		t.Run(backend, func(t *testing.T) {
			cfg := configFor(t, backend)
			w := mustOpen(t, cfg)
			mustWrite(t, w, q("a", "p", "b", "art1"))
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			cfg.ReadOnly = true
			r := mustOpen(t, cfg)
			if !r.ReadOnly() {
				t.Fatal("ReadOnly() = false")
			}
			err := r.WriteBatch(context.Background(), []quad.Quad{q("x", "p", "y", "art2")})
			if !errors.Is(err, ErrReadOnly) {
				t.Fatalf("WriteBatch on read-only store: %v", err)
			}
			if got := queryJSON(t, r, `g.V("<a>").Out("<p>").all()`); got != `[{"id":"<b>"}]` {
				t.Fatalf("read-only query: %s", got)
			}
			if n := count(t, r); n != 1 {
				t.Fatalf("QuadCount = %d", n)
			}
			if backend == BackendBolt || backend == BackendBBolt {
				// bolt read-only opens share the lock.
				mustOpen(t, cfg)
			}
		})
	}
}

// TestLocked opens a store that is already open in this process: the
// second Open must fail quickly with ErrLocked and name the path.
func TestLocked(t *testing.T) {
	for _, backend := range embedded {
		t.Run(backend, func(t *testing.T) {
			cfg := configFor(t, backend)
			mustOpen(t, cfg)
			start := time.Now()
			s, err := Open(context.Background(), cfg)
			if err == nil {
				s.Close()
				t.Fatal("second Open succeeded")
			}
			if !errors.Is(err, ErrLocked) {
				t.Errorf("error %q is not ErrLocked", err)
			}
			if !strings.Contains(err.Error(), cfg.Path) {
				t.Errorf("error %q does not name the path", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("second Open took %v", d)
			}
		})
	}
}

// TestLockedOtherProcess runs this test binary again as a second process
// that opens a store held by this one (bbolt: file lock with timeout;
// badger: directory lock).
func TestLockedOtherProcess(t *testing.T) {
	if os.Getenv("GRAPH_TEST_CHILD_PATH") != "" {
		t.Skip("child")
	}
	for _, backend := range []string{BackendBBolt, BackendBadger} {
		t.Run(backend, func(t *testing.T) {
			cfg := configFor(t, backend)
			mustOpen(t, cfg)
			cmd := exec.Command(os.Args[0], "-test.run=^TestChildOpen$", "-test.v")
			cmd.Env = append(os.Environ(), "GRAPH_TEST_CHILD_PATH="+cfg.Path, "GRAPH_TEST_CHILD_BACKEND="+backend)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("child: %v\n%s", err, out.String())
			}
			if !strings.Contains(out.String(), "CHILD-LOCKED") {
				t.Fatalf("child output:\n%s", out.String())
			}
		})
	}
}

// TestChildOpen is the second process of TestLockedOtherProcess.
func TestChildOpen(t *testing.T) {
	path := os.Getenv("GRAPH_TEST_CHILD_PATH")
	if path == "" {
		t.Skip("only run as child of TestLockedOtherProcess")
	}
	s, err := Open(context.Background(), Config{Backend: os.Getenv("GRAPH_TEST_CHILD_BACKEND"), Path: path, LockTimeout: 200 * time.Millisecond})
	if err == nil {
		s.Close()
		t.Fatal("opened a store locked by the parent")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("unexpected error: %v", err)
	}
	fmt.Println("CHILD-LOCKED:", err)
}

func TestCorrupt(t *testing.T) {
	garbage := bytes.Repeat([]byte("not a database "), 1000)
	tests := []struct {
		name    string
		backend string
		file    string // garbage file inside the store directory
		want    error
	}{
		{name: "bolt garbage", backend: BackendBolt, file: "indexes.bolt", want: ErrCorrupt},
		{name: "bbolt garbage", backend: BackendBBolt, file: "indexes.bolt", want: ErrCorrupt},
		{name: "leveldb garbage manifest", backend: BackendLevelDB, file: "CURRENT", want: ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			skipUnsafe(t, tc.backend)
			dir := t.TempDir()
			if tc.backend == BackendLevelDB {
				// a real store, then break its CURRENT pointer
				s := mustOpen(t, Config{Backend: tc.backend, Path: dir})
				mustWrite(t, s, q("a", "p", "b", "l"))
				s.Close()
			}
			if err := os.WriteFile(filepath.Join(dir, tc.file), garbage, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), Config{Backend: tc.backend, Path: dir})
			if err == nil {
				s.Close()
				t.Fatal("opened a corrupt store")
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), dir) {
				t.Fatalf("error %q: want %v naming %s", err, tc.want, dir)
			}
		})
	}
}

func TestPostgresNeedsServer(t *testing.T) {
	// No PostgreSQL here: check that the backend is wired and that the
	// error does not leak the password.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := Open(ctx, Config{Backend: BackendPostgres, Path: "postgres://user:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=1"})
	if err == nil {
		s.Close()
		t.Skip("a PostgreSQL server answered on port 1")
	}
	if strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "postgres store") {
		t.Fatalf("error: %v", err)
	}
	if got := describe(Config{Backend: BackendPostgres, Path: "host=db password='s e' user=x"}); strings.Contains(got, "s e") {
		t.Fatalf("describe leaks password: %s", got)
	}
}

// TestConcurrentUse mixes writes and queries. On bolt and bbolt this
// deadlocks inside bolt (commit waiting to remap the growing file while a
// query holds a read transaction and waits for another) unless writes are
// serialized with queries.
func TestConcurrentUse(t *testing.T) {
	for _, backend := range allBackends {
		t.Run(backend, func(t *testing.T) { testConcurrentUse(t, backend) })
	}
}

func testConcurrentUse(t *testing.T, backend string) {
	s := mustOpen(t, configFor(t, backend))
	ctx := context.Background()
	var wg sync.WaitGroup
	errc := make(chan error, 64)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				art := fmt.Sprintf("art%d-%d", w, i)
				if err := s.WriteBatch(ctx, []quad.Quad{q("claim-"+art, "claimant", "alice", art), q("claim-"+art, "about", "bob", art)}); err != nil {
					errc <- err
					return
				}
				if _, err := s.Query(ctx, "", `g.V("<alice>").In("<claimant>").Out("<about>").all()`, 0); err != nil {
					errc <- err
					return
				}
				if ok, err := s.Has(ctx, iri("claim-"+art), iri("claimant"), iri("alice")); err != nil || !ok {
					errc <- fmt.Errorf("Has = %v, %v", ok, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if n := count(t, s); n != 40 {
		t.Fatalf("QuadCount = %d, want 40", n)
	}
}

func TestCheckGizmo(t *testing.T) {
	cases := []struct {
		name, q string
		ok      bool
	}{
		{"plain path", `g.V("<a>").Out("<p>").all()`, true},
		{"tags as strings", `g.V("<a>").Out("<p>", "t").Tag("x").all()`, true},
		{"array of predicates", `g.V("<a>").Out(["<p>", "<q>"]).all()`, true},
		{"path as predicate", `g.V("<a>").Out(g.V("<p>")).all()`, true},
		{"null predicate", `g.V("<a>").Out(null).all()`, true},
		{"variables pass", `var p = "<p>"; g.V("<a>").Out(p).all()`, true},
		{"depth is a number", `g.V("<a>").FollowRecursive("<p>", 3).all()`, true},
		{"numeric tag", `g.V().Out("<p>", 1).all()`, false},
		{"object predicate", `g.V().Out({}).all()`, false},
		{"capitalised In with boolean", `g.V().In(true).all()`, false},
		{"numeric tag in array", `g.V().Tag(["a", 2]).all()`, false},
		{"nested inside a function", `function f(){ return g.V().Both(/x/) }; f().all()`, false},
		{"syntax error", `g.V(.all()`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := checkGizmo(tc.q)
			if (err == nil) != tc.ok {
				t.Fatalf("checkGizmo(%q) = %v, want ok=%v", tc.q, err, tc.ok)
			}
		})
	}
}

func TestGuardHTTP(t *testing.T) {
	s, err := Open(context.Background(), configFor(t, BackendMemstore))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, s, q("a", "p", "b", "art1"))
	h := s.GuardHTTP(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := s.Handle().QuadStore.Stats(r.Context(), true)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, st.Quads.Value)
	}))
	tests := []struct {
		name  string
		close bool
		code  int
		body  string
	}{
		{name: "open", code: http.StatusOK, body: "1"},
		{name: "closed", close: true, code: http.StatusServiceUnavailable, body: "store is closed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.close {
				s.Close()
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.body) {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tc.code, tc.body)
			}
		})
	}
}

func TestBackendDetection(t *testing.T) {
	tests := []struct {
		name     string
		created  string // backend that creates the store
		reopen   string // backend asked for on reopen
		wantErr  error
		wantBack string
	}{
		{name: "empty backend finds leveldb", created: BackendLevelDB, reopen: "", wantBack: BackendLevelDB},
		{name: "empty backend finds badger", created: BackendBadger, reopen: "", wantBack: BackendBadger},
		{name: "empty backend finds bbolt", created: BackendBBolt, reopen: "", wantBack: boltFamilyBackend()},
		{name: "bbolt reads a bolt store", created: BackendBolt, reopen: BackendBBolt, wantBack: BackendBBolt},
		{name: "bolt reads a bbolt store", created: BackendBBolt, reopen: BackendBolt, wantBack: BackendBolt},
		{name: "leveldb store opened as bbolt", created: BackendLevelDB, reopen: BackendBBolt, wantErr: ErrCorrupt},
		{name: "bbolt store opened as badger", created: BackendBBolt, reopen: BackendBadger, wantErr: ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			skipUnsafe(t, tc.created)
			skipUnsafe(t, tc.reopen)
			cfg := configFor(t, tc.created)
			s := mustOpen(t, cfg)
			mustWrite(t, s, q("a", "p", "b", "art1"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			cfg.Backend = tc.reopen
			s, err := Open(context.Background(), cfg)
			if tc.wantErr != nil {
				if err == nil {
					s.Close()
					t.Fatal("Open succeeded")
				}
				if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), "holds a") {
					t.Fatalf("error = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.Backend() != tc.wantBack {
				t.Errorf("Backend() = %q, want %q", s.Backend(), tc.wantBack)
			}
			if n := count(t, s); n != 1 {
				t.Errorf("QuadCount = %d, want 1", n)
			}
		})
	}
}
