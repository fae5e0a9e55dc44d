package graph

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	"google.golang.org/protobuf/proto"
)

// TestBulkPrimitiveEncoding checks appendPrimitive against protobuf's own
// encoding of cayley's Primitive.
func TestBulkPrimitiveEncoding(t *testing.T) {
	for _, p := range []primitive{
		{id: 1, value: []byte("x"), ts: time.Now().UnixNano()},
		{id: 300, s: 1, p: 2, o: 3, ts: 1},
		{id: 1 << 40, s: 1 << 33, p: 2, o: 3, l: 99999, ts: time.Now().UnixNano()},
		{id: 7, value: []byte(strings.Repeat("long value ", 40))},
	} {
		got := appendPrimitive(nil, p)
		want, err := proto.Marshal(&cproto.Primitive{ID: p.id, Subject: p.s, Predicate: p.p, Object: p.o, Label: p.l, Timestamp: p.ts, Value: p.value})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%+v: got %x, want %x", p, got, want)
		}
	}
	if cleanID('/') || cleanID('\\'<<8) || !cleanID(0x30) || !cleanID(1<<40) {
		t.Error("cleanID")
	}
}

// bulkBatches are batches of quads of every value type, with labels and
// without, values holding '/' and '\', duplicates inside a batch and
// across batches, and enough IDs (~30,000) that some hold the bytes flat
// keys escape in each of their two low bytes.
func bulkBatches() [][]quad.Quad {
	var out [][]quad.Quad
	for b := 0; b < 40; b++ {
		var qs []quad.Quad
		for a := b * 12; a < (b+1)*12; a++ {
			qs = append(qs, articleQuads(a, 20)...)
			art := quad.IRI(fmt.Sprintf("art/%d", a))
			qs = append(qs,
				quad.Make(art, iri("cg:date"), quad.Time(time.Date(1987, 3, 1+a%28, 0, 0, 0, 0, time.UTC)), art),
				quad.Make(art, iri("cg:n"), quad.Int(a%17), art),
				quad.Make(art, iri("cg:x"), quad.Float(float64(a)/3), art),
				quad.Make(art, iri("cg:ok"), quad.Bool(a%2 == 0), art),
				quad.Make(art, iri("cg:path"), quad.String(fmt.Sprintf(`a/b\c %d`, a%5)), art),
				quad.Make(art, iri("cg:lang"), quad.LangString{Value: "Haus", Lang: "de"}, art),
				quad.Make(art, iri("cg:typed"), quad.TypedString{Value: "12", Type: "xsd:int"}, art),
				quad.Make(quad.BNode(fmt.Sprintf("b%d", a%3)), iri("cg:blank"), art, nil),
				// the same entity description from many articles (default graph)
				quad.Make(quad.IRI(fmt.Sprintf("entity/%d", a%50)), iri("cg:name"), quad.String(fmt.Sprintf("Entity %d", a%50)), nil),
				quad.Make(quad.IRI(fmt.Sprintf("entity/%d", a%50)), iri("cg:name"), quad.String(fmt.Sprintf("Entity %d", a%50)), nil),
			)
		}
		out = append(out, qs)
	}
	return out
}

// dumpStore is every quad of st, as sorted N-Quads-like lines.
func dumpStore(t *testing.T, st *Store) []string {
	t.Helper()
	var out []string
	err := st.ReadQuads(context.Background(), QuadFilter{}, func(q quad.Quad) error {
		out = append(out, q.String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// queryAll runs Gizmo queries on st and returns their results.
func queryAll(t *testing.T, st *Store) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`g.emit(g.V().count())`,
		`g.V("<entity/7>").In("<cg:p7>").Out("<cg:value>").all()`,
		`g.emit(g.V("<cg:Article>").In("<rdf:type>").count())`,
		`g.V("<art/3>").OutPredicates().all()`,
		`g.emit(g.V().Has("<cg:path>", "a/b\\c 2").count())`,
		`g.V("<entity/3>").Out("<cg:name>").all()`,
		`g.V("<art/5>").Out("<cg:date>").all()`,
	} {
		res, err := st.Query(context.Background(), "gizmo", q, 100000)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var lines []string
		for _, r := range res {
			lines = append(lines, fmt.Sprint(r))
		}
		slices.Sort(lines)
		out = append(out, q+" => "+strings.Join(lines, "; "))
	}
	return out
}

func compareStores(t *testing.T, what string, a, b *Store) {
	t.Helper()
	da, db := dumpStore(t, a), dumpStore(t, b)
	if len(da) == 0 || !slices.Equal(da, db) {
		t.Fatalf("%s: quads differ: %d through cayley, %d bulk loaded", what, len(da), len(db))
	}
	na, _ := a.QuadCount(context.Background())
	nb, _ := b.QuadCount(context.Background())
	if na != nb || na != int64(len(da)) {
		t.Fatalf("%s: quad counts %d and %d, %d quads read", what, na, nb, len(da))
	}
	qa, qb := queryAll(t, a), queryAll(t, b)
	for i := range qa {
		if qa[i] != qb[i] {
			t.Errorf("%s: query results differ:\ncayley: %.300s\nbulk:   %.300s", what, qa[i], qb[i])
		}
	}
}

// refStore writes batches through cayley's transactions into a new store
// at path.
func refStore(t *testing.T, path string, batches [][]quad.Quad) *Store {
	t.Helper()
	ref, err := Open(context.Background(), Config{Backend: BackendBadger, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	for _, b := range batches {
		if err := ref.WriteBatch(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	return ref
}

// bulkWrite writes batches to a bulk load.
func bulkWrite(t *testing.T, bl *Bulk, batches [][]quad.Quad) {
	t.Helper()
	for _, b := range batches {
		if err := bl.Write(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBulkEqualsCayley loads the same batches through cayley's writes and
// through Bulk (index entries in several runs), compares the two stores
// (every quad, counts, Gizmo queries), then goes on writing to both
// through cayley, with new quads, quads the load stored and deletions,
// and compares again: the bulk store is one cayley reads and writes as
// its own.
func TestBulkEqualsCayley(t *testing.T) {
	ctx := context.Background()
	batches := bulkBatches()
	dir := t.TempDir()
	ref := refStore(t, filepath.Join(dir, "ref"), batches)
	cfg := Config{Backend: BackendBadger, Path: filepath.Join(dir, "bulk")}
	bl, err := OpenBulk(ctx, cfg, BulkOptions{RunRecords: 5000})
	if err != nil {
		t.Fatal(err)
	}
	bulkWrite(t, bl, batches)
	if len(bl.occ.runs) < 3 {
		t.Fatalf("%d runs: the test should merge several", len(bl.occ.runs))
	}
	st, err := bl.Finish(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if bl.last < 0x2f2f {
		t.Fatalf("only %d IDs given", bl.last)
	}
	if !BulkIncomplete(cfg.Path) {
		t.Fatal("marker removed before BulkDone")
	}
	if err := BulkDone(cfg.Path); err != nil {
		t.Fatal(err)
	}
	compareStores(t, "after the load", ref, st)

	// More writes through cayley: new articles, quads already stored,
	// and deletions (reference counts: a value no quad uses any more is
	// deleted).
	more := append(articleQuads(9000, 5), batches[3][:50]...)
	more = append(more, quad.Make(quad.IRI("entity/1"), iri("cg:name"), quad.String("Entity 1"), nil))
	for _, s := range []*Store{ref, st} {
		if err := s.WriteBatch(ctx, more); err != nil {
			t.Fatal(err)
		}
		tx := s.Handle().QuadWriter
		for _, q := range articleQuads(7, 20) {
			if err := tx.RemoveQuad(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	compareStores(t, "after more writes and deletions", ref, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened read-only, as queries open it.
	ro, err := Open(ctx, Config{Backend: BackendBadger, Path: cfg.Path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	compareStores(t, "reopened read-only", ref, ro)
}

// TestBulkInterrupted: a load stopped before Finish leaves the store
// refused by Open; OpenBulk loads it again from nothing. A store with
// quads is not bulk loaded.
func TestBulkInterrupted(t *testing.T) {
	ctx := context.Background()
	batches := bulkBatches()[:6]
	cfg := Config{Backend: BackendBadger, Path: t.TempDir()}
	bl, err := OpenBulk(ctx, cfg, BulkOptions{RunRecords: 2000})
	if err != nil {
		t.Fatal(err)
	}
	bulkWrite(t, bl, batches[:4])
	bl.Abort() // as a kill would leave it
	for _, ro := range []bool{false, true} {
		c := cfg
		c.ReadOnly = ro
		if _, err := Open(ctx, c); !errors.Is(err, ErrBulkIncomplete) {
			t.Fatalf("read-only %v: open after an interrupted load: %v, want ErrBulkIncomplete", ro, err)
		}
	}
	bl, err = OpenBulk(ctx, cfg, BulkOptions{RunRecords: 2000})
	if err != nil {
		t.Fatal(err)
	}
	bulkWrite(t, bl, batches)
	st, err := bl.Finish(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := BulkDone(cfg.Path); err != nil {
		t.Fatal(err)
	}
	ref := refStore(t, t.TempDir(), batches)
	compareStores(t, "reloaded", ref, st)
	st.Close()
	if _, err := OpenBulk(ctx, cfg, BulkOptions{}); !errors.Is(err, ErrNotFresh) {
		t.Fatalf("bulk load of a store with quads: %v, want ErrNotFresh", err)
	}
	st, err = Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	compareStores(t, "after the refused load", ref, st)
}

// TestBulkEmpty: a load that wrote nothing (every article failed) leaves
// an empty store that cayley opens and writes to.
func TestBulkEmpty(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Backend: BackendBadger, Path: t.TempDir()}
	bl, err := OpenBulk(ctx, cfg, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := bl.Finish(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := BulkDone(cfg.Path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.QuadCount(ctx); err != nil || n != 0 {
		t.Fatalf("empty load: %d quads, %v", n, err)
	}
	if err := st.WriteBatch(ctx, articleQuads(1, 3)); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.QuadCount(ctx); n != int64(len(articleQuads(1, 3))) {
		t.Fatalf("%d quads after a write of %d", n, len(articleQuads(1, 3)))
	}
}

// TestFlatOrder: ranked bytes compare as hidal-go's flat keys do once
// escaped, for every pair of bytes, and unrank undoes rank.
func TestFlatOrder(t *testing.T) {
	for a := 0; a < 256; a++ {
		if flatUnorder[flatOrder[a]] != byte(a) {
			t.Fatalf("byte %#x: rank %d unranks to %#x", a, flatOrder[a], flatUnorder[flatOrder[a]])
		}
		for b := 0; b < 256; b++ {
			ka := flat.KeyEscape(hkv.Key{[]byte{byte(a), 'x'}})
			kb := flat.KeyEscape(hkv.Key{[]byte{byte(b), 'x'}})
			want := bytes.Compare(ka, kb)
			if got := cmp.Compare(flatOrder[a], flatOrder[b]); got != want {
				t.Fatalf("bytes %#x, %#x: ranks compare %d, flat keys %d", a, b, got, want)
			}
		}
	}
}
