package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/dgraph-io/badger/v2/options"
)

// TestBadgerOptions checks the memory options of openBadger (see
// badgerOptions) and that NoSync and ReadOnly still reach badger.
func TestBadgerOptions(t *testing.T) {
	o := badgerOptions("dir", Config{})
	if !o.SyncWrites || o.ReadOnly {
		t.Fatalf("default Config: SyncWrites %v ReadOnly %v, want true false", o.SyncWrites, o.ReadOnly)
	}
	if o.TableLoadingMode != options.FileIO || o.ValueLogLoadingMode != options.FileIO {
		t.Errorf("loading modes %v, %v, want FileIO (no memory-mapped store files)", o.TableLoadingMode, o.ValueLogLoadingMode)
	}
	if o.MaxTableSize != badgerTableSize || o.NumMemtables != badgerMemtables || o.DetectConflicts {
		t.Errorf("MaxTableSize %d NumMemtables %d DetectConflicts %v", o.MaxTableSize, o.NumMemtables, o.DetectConflicts)
	}
	o = badgerOptions("dir", Config{NoSync: true, ReadOnly: true})
	if o.SyncWrites || !o.ReadOnly {
		t.Fatalf("NoSync+ReadOnly: SyncWrites %v ReadOnly %v, want false true", o.SyncWrites, o.ReadOnly)
	}
	if o.TableLoadingMode != options.MemoryMap || o.ValueLogLoadingMode != options.MemoryMap {
		t.Errorf("read-only loading modes %v, %v, want MemoryMap (fast point reads for queries)", o.TableLoadingMode, o.ValueLogLoadingMode)
	}
}

// articleQuads is an article shaped like ingest's: its node, a title,
// and claims about entities shared with other articles, each claim with a
// type, a value and the article it was found in (3 quads).
func articleQuads(a, claims int) []quad.Quad {
	art := quad.IRI(fmt.Sprintf("art/%d", a))
	qs := []quad.Quad{
		quad.Make(art, iri("rdf:type"), iri("cg:Article"), art),
		quad.Make(art, iri("cg:title"), quad.String(fmt.Sprintf("Headline %d", a)), art),
	}
	for j := 0; j < claims; j++ {
		c := quad.IRI(fmt.Sprintf("claim/%d/%d", a, j))
		ent := quad.IRI(fmt.Sprintf("entity/%d", (a*7+j)%500))
		qs = append(qs,
			quad.Make(c, iri(fmt.Sprintf("cg:p%d", j%10)), ent, art),
			quad.Make(c, iri("cg:value"), quad.String(fmt.Sprintf("value %d of article %d", j, a)), art),
			quad.Make(c, iri("cg:foundIn"), art, art))
	}
	return qs
}

// TestBadgerWriteReopenRead writes through the real store with
// openBadger's options and reads back after reopening, writable and
// read-only: SST tables and the value log are then read with pread
// (FileIO) instead of mmap. It also checks that a transaction of ingest's
// default size (8,000 quads) fits in one badger transaction, whose entry
// cap is derived from MaxTableSize (badgerTableSize).
func TestBadgerWriteReopenRead(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Backend: BackendBadger, Path: filepath.Join(t.TempDir(), "store")}
	s := mustOpen(t, cfg)

	// One transaction of 8,000 quads (82 articles of 98), about 40,000
	// badger entries: ingest's largest measured was 37,223.
	var batch []quad.Quad
	for a := 0; len(batch) < 8000; a++ {
		batch = append(batch, articleQuads(a, 32)...)
	}
	mustWrite(t, s, batch...)
	// A literal longer than badger's ValueThreshold (1 KiB) lives in the
	// value log, not in the LSM tree.
	long := quad.String(strings.Repeat("long text ", 400))
	mustWrite(t, s, quad.Make(iri("doc"), iri("cg:text"), long, iri("art/long")))
	want := int64(len(batch) + 1)
	if n := count(t, s); n != want {
		t.Fatalf("QuadCount = %d, want %d", n, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	check := func(s *Store) {
		t.Helper()
		if n := count(t, s); n != want {
			t.Fatalf("reopened: QuadCount = %d, want %d", n, want)
		}
		ok, err := s.Has(ctx, iri("claim/40/7"), iri("cg:p7"), iri(fmt.Sprintf("entity/%d", (40*7+7)%500)))
		if err != nil || !ok {
			t.Fatalf("reopened: Has = %v, %v", ok, err)
		}
		if got := queryJSON(t, s, `g.V("<art/81>").In("<cg:foundIn>").Out("<cg:value>").all()`); strings.Count(got, `"id"`) != 32 ||
			!strings.Contains(got, `"value 31 of article 81"`) {
			t.Fatalf("reopened: values of article 81: %s", got)
		}
		got := queryJSON(t, s, `g.V("<doc>").Out("<cg:text>").all()`)
		if !strings.Contains(got, string(long)) {
			t.Fatalf("reopened: long literal: %.100s...", got)
		}
	}

	s = mustOpen(t, cfg)
	check(s)
	more := articleQuads(1000, 5)
	mustWrite(t, s, more...)
	want += int64(len(more))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cfg.ReadOnly = true
	r := mustOpen(t, cfg)
	check(r)
}

// A kill in the middle of a commit can leave a torn transaction at the end
// of the value log. A writable open drops it and keeps every committed
// quad (an interrupted ingest's re-run must be able to open the store); a
// read-only open cannot repair and says how to.
func TestBadgerTornValueLog(t *testing.T) {
	cfg := Config{Backend: BackendBadger, Path: filepath.Join(t.TempDir(), "store")}
	s := mustOpen(t, cfg)
	batch := articleQuads(1, 40)
	mustWrite(t, s, batch...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	logs, _ := filepath.Glob(filepath.Join(cfg.Path, "*.vlog"))
	if len(logs) == 0 {
		t.Fatal("no value log file")
	}
	sort.Strings(logs)
	f, err := os.OpenFile(logs[len(logs)-1], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// the start of an entry whose body never came: a header claiming a
	// key and value longer than what follows
	if _, err := f.Write([]byte{0x00, 0x8c, 0x02, 0x90, 0x4e, 0x01, 'k', 'e', 'y'}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ro := cfg
	ro.ReadOnly = true
	if s, err := Open(context.Background(), ro); err == nil {
		s.Close()
		t.Error("read-only open of a store with a torn value log succeeded; want the repair message")
	} else if !strings.Contains(err.Error(), "re-running the ingest") {
		t.Errorf("read-only open: %v", err)
	}
	s = mustOpen(t, cfg)
	if n := count(t, s); n != int64(len(batch)) {
		t.Errorf("after the repair: %d quads, want %d", n, len(batch))
	}
	more := articleQuads(2, 5)
	mustWrite(t, s, more...)
	if n := count(t, s); n != int64(len(batch)+len(more)) {
		t.Errorf("after a write: %d quads, want %d", n, len(batch)+len(more))
	}
	s.Close()
}
