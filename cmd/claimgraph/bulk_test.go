package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
)

// reutersRecords returns the <REUTERS> records of the Reuters-21578 files
// by NEWID, or skips the test when the corpus is not beside the repository.
func reutersRecords(t *testing.T, files ...string) map[string][]byte {
	t.Helper()
	dir := "../../../shared/data/reuters21578/sgml"
	rec := regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>.*?</REUTERS>`)
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if os.IsNotExist(err) {
			t.Skipf("%s: the Reuters-21578 corpus is not there", dir)
		} else if err != nil {
			t.Fatal(err)
		}
		for _, m := range rec.FindAllSubmatch(b, -1) {
			out[string(m[1])] = m[0]
		}
	}
	return out
}

// dumpAll is every quad of the store at db, sorted.
func dumpAll(t *testing.T, db string) []string {
	t.Helper()
	st := openRO(t, db)
	defer st.Close()
	var out []string
	if err := st.ReadQuads(context.Background(), graph.QuadFilter{}, func(q quad.Quad) error {
		out = append(out, q.String())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestIngestBulkEqualsTransactions ingests real Reuters-21578 stories
// three ways: through cayley's transactions (--no-bulk), bulk loaded, and
// bulk loaded with a load so small that it ends after its first batch
// and the rest goes through transactions. The stores must hold the same
// quads, including a contested proposition across articles (an
// affirmation in story 2973, first, and a denial in story 353) that the
// bulk load finds only when it ends, and that the third run forms between
// an article of the load and one written after it.
func TestIngestBulkEqualsTransactions(t *testing.T) {
	recs := reutersRecords(t, "reut2-000.sgm", "reut2-002.sgm")
	var sgm strings.Builder
	sgm.Write(recs["2973"])
	for i := 1; i <= 360; i++ {
		sgm.WriteByte('\n')
		sgm.Write(recs[fmt.Sprint(i)])
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "reut2-sample.sgm")
	if err := os.WriteFile(file, []byte(sgm.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var dumps [][]string
	for i, bulk := range []*graph.BulkOptions{nil, {}, {MaxDisk: 100 << 10}} {
		db := filepath.Join(dir, fmt.Sprintf("store%d", i))
		cfg := ingest.Config{Workers: 2, BatchArticles: 64, BatchSize: ingest.DefaultBatchSize}
		res, err := runIngest(context.Background(), []string{file}, graph.Config{Path: db}, cfg, bulk, os.Stderr, progress{quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := res.Stats.Articles.Load(); n < 350 {
			t.Fatalf("run %d: %d articles", i, n)
		}
		if graph.BulkIncomplete(db) {
			t.Fatalf("run %d: the bulk load is not marked done", i)
		}
		dumps = append(dumps, dumpAll(t, db))
	}
	across := 0
	for _, q := range dumps[0] {
		if strings.Contains(q, "contested/across-") || strings.Contains(q, "contested:across-") {
			across++
		}
	}
	if across == 0 {
		t.Fatal("no contested proposition across articles: the test does not test it")
	}
	for i, name := range []string{"", "bulk loaded", "bulk load ended after its first batch"} {
		if i == 0 {
			continue
		}
		if !slices.Equal(dumps[0], dumps[i]) {
			var only []string
			for _, q := range dumps[i] {
				if _, found := slices.BinarySearch(dumps[0], q); !found && len(only) < 5 {
					only = append(only, q)
				}
			}
			t.Errorf("%s: %d quads, through transactions %d; only in the first: %q", name, len(dumps[i]), len(dumps[0]), only)
		}
	}
	t.Logf("%d quads, %d of contested propositions across articles", len(dumps[0]), across)
}

// gcPercent returns the current GC percentage.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestBulkGCPercent: with no GOGC and no --gc-percent, an ingest collects
// at bulkGCPercent during a bulk load and at defaultGCPercent otherwise.
func TestBulkGCPercent(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set")
	}
	defer debug.SetGCPercent(gcPercent())
	defer func() { autoGC = false }()
	if err := setGoMemory("off", 0); err != nil {
		t.Fatal(err)
	}
	if p := gcPercent(); p != defaultGCPercent {
		t.Fatalf("after setGoMemory: GC percent %d, want %d", p, defaultGCPercent)
	}
	ctx := context.Background()
	g, err := openGraphStore(ctx, graph.Config{Path: t.TempDir()}, &graph.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g.bulk == nil || gcPercent() != bulkGCPercent {
		t.Fatalf("bulk load %v, GC percent %d, want %d", g.bulk != nil, gcPercent(), bulkGCPercent)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	if p := gcPercent(); p != defaultGCPercent {
		t.Fatalf("after the load: GC percent %d, want %d", p, defaultGCPercent)
	}
	// --gc-percent given: left alone.
	autoGC = false
	if err := setGoMemory("off", 70); err != nil {
		t.Fatal(err)
	}
	g, err = openGraphStore(ctx, graph.Config{Path: t.TempDir()}, &graph.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if p := gcPercent(); p != 70 {
		t.Fatalf("--gc-percent 70: GC percent %d during the load", p)
	}
}
