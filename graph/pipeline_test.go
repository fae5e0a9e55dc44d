package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv/flat"
	"github.com/hidal-go/hidalgo/kv/options"
)

// gate holds pipelined commits "in flight" (not yet applied, as far as
// badgerKV knows) until the test releases them, so that the overlap paths
// run deterministically. Commit i waits for release(i) when hold(i) was
// called before it was sent.
type gate struct {
	mu    sync.Mutex
	n     int
	held  map[int]chan struct{}
	fails map[int]error
}

func newGate() *gate { return &gate{held: map[int]chan struct{}{}, fails: map[int]error{}} }

func (g *gate) hold(i int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.held[i] = make(chan struct{})
}

func (g *gate) release(i int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ch := g.held[i]; ch != nil {
		close(ch)
		delete(g.held, i)
	}
}

func (g *gate) releaseAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, ch := range g.held {
		close(ch)
		delete(g.held, i)
	}
}

func (g *gate) fail(i int, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fails[i] = err
}

// onCommit is badgerKV.onCommit.
func (g *gate) onCommit() func(error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	ch, fail := g.held[g.n], g.fails[g.n]
	g.n++
	return func(err error) error {
		if ch != nil {
			<-ch
		}
		if err == nil {
			err = fail
		}
		return err
	}
}

func pipelinedKV(t *testing.T) (*badgerKV, *gate) {
	t.Helper()
	db, err := openBadgerKV(badgerOptions(t.TempDir(), Config{}))
	if err != nil {
		t.Fatal(err)
	}
	db.pipelined = true
	g := newGate()
	db.onCommit = g.onCommit
	t.Cleanup(func() {
		g.releaseAll()
		db.Close()
	})
	return db, g
}

func put(t *testing.T, tx flat.Tx, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		if err := tx.Put(context.Background(), flat.Key(kv[i]), flat.Value(kv[i+1])); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t *testing.T, tx flat.Tx, k string) string {
	t.Helper()
	v, err := tx.Get(context.Background(), flat.Key(k))
	if errors.Is(err, flat.ErrNotFound) {
		return "<none>"
	} else if err != nil {
		t.Fatal(err)
	}
	return string(v)
}

func scan(t *testing.T, tx flat.Tx, prefix string) string {
	t.Helper()
	ctx := context.Background()
	it := tx.Scan(ctx, options.WithPrefixFlat(flat.Key(prefix)))
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		out = append(out, string(it.Key())+"="+string(it.Val()))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

// returnsWithin runs fn and reports whether it returned within d; it
// waits for fn in any case before the test ends.
func returnsWithin(t *testing.T, d time.Duration, fn func()) (func() bool, chan struct{}) {
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	return func() bool {
		select {
		case <-done:
			return true
		case <-time.After(d):
			return false
		}
	}, done
}

// TestPipelinedCommitOverlay: a write transaction begun while the last
// commit is in flight reads that commit's writes (and deletions) before
// its snapshot; its own commit waits until the flight is applied; a scan
// waits too and then sees everything; readers see all committed writes.
func TestPipelinedCommitOverlay(t *testing.T) {
	ctx := context.Background()
	db, g := pipelinedKV(t)

	g.hold(0)
	g.hold(1)
	tx0, _ := db.Tx(ctx, true)
	put(t, tx0, "k0", "zero", "k2", "two-old")
	if err := tx0.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	tx1, _ := db.Tx(ctx, true) // takes the flight of tx0, held by the gate
	if tx1.(*badgerTx).over == nil {
		t.Fatal("a write transaction begun during a flight does not read through it")
	}
	put(t, tx1, "k1", "one", "k2", "two")
	if err := tx1.Del(ctx, flat.Key("k0")); err != nil {
		t.Fatal(err)
	}
	g.release(0)
	if err := tx1.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	tx2, _ := db.Tx(ctx, true)
	if tx2.(*badgerTx).over == nil {
		t.Fatal("second flight not read through")
	}
	for k, want := range map[string]string{"k0": "<none>", "k1": "one", "k2": "two"} {
		if got := get(t, tx2, k); got != want {
			t.Errorf("in flight: %s = %s, want %s", k, got, want)
		}
	}
	put(t, tx2, "k3", "three", "k1", "one-new")
	if got := get(t, tx2, "k1"); got != "one-new" {
		t.Errorf("own write: k1 = %s", got)
	}
	var scanned string
	ok, _ := returnsWithin(t, 100*time.Millisecond, func() { scanned = scan(t, tx2, "k") })
	if ok() {
		t.Fatal("a scan did not wait for the flight")
	}
	g.release(1)
	if !ok() {
		t.Fatal("scan still waiting after the flight was applied")
	}
	if want := "k1=one-new k2=two k3=three"; scanned != want {
		t.Errorf("scan after catching up: %q, want %q", scanned, want)
	}
	if err := tx2.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	rd, _ := db.Tx(ctx, false)
	defer rd.Close()
	if got, want := scan(t, rd, "k"), "k1=one-new k2=two k3=three"; got != want {
		t.Errorf("reader: %q, want %q", got, want)
	}
}

// TestPipelinedCommitFailure: when a flight fails, the transaction that
// read through it is not committed, and the error names ErrEarlierCommit.
func TestPipelinedCommitFailure(t *testing.T) {
	ctx := context.Background()
	db, g := pipelinedKV(t)
	g.fail(0, errors.New("disk on fire"))
	g.hold(0)
	tx0, _ := db.Tx(ctx, true)
	put(t, tx0, "a", "1")
	if err := tx0.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	tx1, _ := db.Tx(ctx, true)
	put(t, tx1, "b", "2")
	g.release(0)
	err := tx1.Commit(ctx)
	if !errors.Is(err, ErrEarlierCommit) || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("commit after a failed flight: %v", err)
	}
	rd, _ := db.Tx(ctx, false)
	defer rd.Close()
	if got := get(t, rd, "b"); got != "<none>" {
		t.Errorf("the transaction after the failed one was stored: b = %s", got)
	}
	// a failure in the last flight is Close's error
	db2, g2 := pipelinedKV(t)
	g2.fail(0, errors.New("late failure"))
	tx, _ := db2.Tx(ctx, true)
	put(t, tx, "c", "3")
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db2.Close(); !errors.Is(err, ErrEarlierCommit) {
		t.Errorf("Close after a failed last flight: %v", err)
	}
}

// TestPipelinedStoreEqualsPlain writes the same batches (each reusing
// nodes of the ones before, so that cayley resolves node IDs written by a
// commit still in flight) through a pipelined and a plain badger store:
// the stores hold the same quads, reads after each WriteBatch see it, and
// the pipelined one did overlap.
func TestPipelinedStoreEqualsPlain(t *testing.T) {
	ctx := context.Background()
	dump := func(pipelined bool) ([]string, int) {
		var db *badgerKV
		badgerOpened = func(b *badgerKV) { db = b }
		st, err := Open(ctx, Config{Backend: BackendBadger, Path: t.TempDir(), PipelinedCommits: pipelined})
		badgerOpened = nil
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for a := 0; a < 120; a++ {
			if err := st.WriteBatch(ctx, articleQuads(a, 12)); err != nil {
				t.Fatal(err)
			}
			if a%10 == 9 {
				ok, err := st.Has(ctx, quad.IRI(fmt.Sprintf("art/%d", a)), iri("cg:title"), quad.String(fmt.Sprintf("Headline %d", a)))
				if err != nil || !ok {
					t.Fatalf("article %d not readable after WriteBatch: %v %v", a, ok, err)
				}
			}
		}
		var out []string
		if err := st.ReadQuads(ctx, QuadFilter{}, func(q quad.Quad) error {
			out = append(out, q.String())
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		db.mu.Lock()
		defer db.mu.Unlock()
		return out, db.overlaps
	}
	plain, _ := dump(false)
	piped, overlaps := dump(true)
	if len(plain) == 0 || strings.Join(plain, "\n") != strings.Join(piped, "\n") {
		t.Fatalf("stores differ: plain %d quads, pipelined %d", len(plain), len(piped))
	}
	if overlaps == 0 {
		t.Errorf("no WriteBatch began while the previous commit was in flight")
	}
	t.Logf("%d quads; %d of 120 batches began during the previous commit", len(plain), overlaps)
}

// TestBehindDoesNotWait: while the last WriteBatch is in flight, the
// store's readers see it, the writer's view Behind reads the snapshot
// before it (without waiting for the flight).
func TestBehindDoesNotWait(t *testing.T) {
	ctx := context.Background()
	g := newGate()
	badgerOpened = func(b *badgerKV) { b.onCommit = g.onCommit }
	st, err := Open(ctx, Config{Backend: BackendBadger, Path: t.TempDir(), PipelinedCommits: true})
	badgerOpened = nil
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		g.releaseAll()
		st.Close()
	}()
	title := func(a int) (quad.Value, quad.Value, quad.Value) {
		return quad.IRI(fmt.Sprintf("art/%d", a)), iri("cg:title"), quad.String(fmt.Sprintf("Headline %d", a))
	}
	if err := st.WriteBatch(ctx, articleQuads(0, 5)); err != nil {
		t.Fatal(err)
	}
	g.mu.Lock()
	n := g.n // the commits sent so far (cayley's set-up, article 0)
	g.mu.Unlock()
	g.hold(n)
	if err := st.WriteBatch(ctx, articleQuads(1, 5)); err != nil {
		t.Fatal(err)
	}
	rd, err := st.Behind()
	if err != nil || rd == st {
		t.Fatalf("Behind of a pipelined store: %v, %v", rd == st, err)
	}
	for a, want := range []bool{true, false} {
		s, p, o := title(a)
		if ok, err := rd.Has(ctx, s, p, o); err != nil || ok != want {
			t.Errorf("Behind, article %d in flight=%v: found %v (%v)", a, a == 1, ok, err)
		}
	}
	// The store's readers see it (badger makes them wait until it is
	// applied; the gate only delays the flight's end as badgerKV sees it).
	s, p, o := title(1)
	if ok, err := st.Has(ctx, s, p, o); err != nil || !ok {
		t.Errorf("the store's reader: article 1 found %v (%v)", ok, err)
	}
	g.release(n)
	// After the next write, Behind sees the one before.
	if err := st.WriteBatch(ctx, articleQuads(2, 5)); err != nil {
		t.Fatal(err)
	}
	if ok, err := rd.Has(ctx, s, p, o); err != nil || !ok {
		t.Errorf("Behind after the next write: article 1 found %v (%v)", ok, err)
	}
	if err := rd.WriteBatch(ctx, articleQuads(3, 1)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write through Behind: %v", err)
	}
}
