package graph

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/internal/testpg"
)

func TestPostgres(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Backend: BackendPostgres, Path: testpg.URL(t)}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	data := claimData()
	mustWrite(t, s, data...)
	n1 := count(t, s)
	if n1 != int64(len(data)) {
		t.Fatalf("QuadCount = %d, want %d", n1, len(data))
	}
	// Idempotent: the same batch again adds nothing.
	mustWrite(t, s, data...)
	if n2 := count(t, s); n2 != n1 {
		t.Fatalf("re-write changed the count: %d -> %d", n1, n2)
	}
	got := queryJSON(t, s, `g.V("<http://example.org/alice>").In("<http://example.org/claimant>").Out("<http://example.org/about>").Out("<http://example.org/name>").all()`)
	if got != `[{"id":"Bob"},{"id":"Carol"}]` {
		t.Fatalf("3-hop on postgres: %s", got)
	}
	ok, err := s.Has(ctx, quad.IRI("http://example.org/claim1"), quad.IRI("http://example.org/about"), quad.IRI("http://example.org/bob"))
	if err != nil || !ok {
		t.Fatalf("Has = %v, %v", ok, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A second process (here: a second Open) can use the same database:
	// PostgreSQL is the shared, multi-machine backend.
	a, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("second concurrent open: %v", err)
	}
	defer b.Close()
	mustWrite(t, b, q("x", "p", "y", "art9"))
	if got := queryJSON(t, a, `g.V("<x>").Out("<p>").all()`); got != `[{"id":"<y>"}]` {
		t.Fatalf("write by one client, read by another: %s", got)
	}
}
