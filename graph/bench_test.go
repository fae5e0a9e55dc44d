package graph

// Benchmarks that chose DefaultBackend; results and commands are in
// BENCHMARKS.md. Typical run:
//
//	go test -run '^$' -bench . -benchtime 1x -count 5 -timeout 2h ./graph/
//
// GRAPH_BENCH_ARTICLES changes the size of the data set (default 500
// articles, about 100,000 quads).

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

const (
	benchNS       = "http://claimgraph.test/ns#"
	benchEntities = 5000
	benchClaims   = 25 // claims per article; with metadata and names ≈ 200 quads
)

// benchArticles is the number of articles of the benchmark data set.
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("GRAPH_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 500
}

func ns(local string) quad.IRI { return quad.IRI(benchNS + local) }

func entity(i int) quad.IRI { return quad.IRI(fmt.Sprintf("http://claimgraph.test/entity/%d", i)) }

// benchData returns one batch of quads per article, shaped like claimgraph's
// data: every quad labelled with its article IRI, claims linking a
// claimant to the entity the claim is about, entities shared across
// articles with a Zipf distribution (entity 0 is the most frequent).
func benchData(articles int) [][]quad.Quad {
	rng := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(rng, 1.1, 1, benchEntities-1)
	out := make([][]quad.Quad, 0, articles)
	for a := 0; a < articles; a++ {
		art := quad.IRI(fmt.Sprintf("http://news.test/article/%d", a))
		add := func(qs []quad.Quad, s quad.Value, p quad.IRI, o quad.Value) []quad.Quad {
			return append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: art})
		}
		var qs []quad.Quad
		qs = add(qs, art, ns("type"), ns("Article"))
		qs = add(qs, art, ns("title"), quad.String(fmt.Sprintf("Headline of article %d", a)))
		qs = add(qs, art, ns("published"), quad.Time(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(a)*time.Hour)))
		qs = add(qs, art, ns("source"), quad.IRI(fmt.Sprintf("http://news.test/source/%d", a%20)))
		mentioned := map[int]bool{}
		for c := 0; c < benchClaims; c++ {
			claim := quad.IRI(fmt.Sprintf("http://claimgraph.test/claim/%d-%d", a, c))
			who, what := int(zipf.Uint64()), int(zipf.Uint64())
			mentioned[who], mentioned[what] = true, true
			qs = add(qs, claim, ns("type"), ns("Claim"))
			qs = add(qs, claim, ns("claimant"), entity(who))
			qs = add(qs, claim, ns("about"), entity(what))
			qs = add(qs, claim, ns("verb"), quad.String([]string{"said", "denied", "claimed", "reported"}[c%4]))
			qs = add(qs, claim, ns("text"), quad.String(fmt.Sprintf("Entity %d says something about entity %d (article %d, claim %d)", who, what, a, c)))
			qs = add(qs, claim, ns("inArticle"), art)
			qs = add(qs, claim, ns("confidence"), quad.Float(rng.Float64()))
		}
		for e := range mentioned {
			qs = add(qs, entity(e), ns("name"), quad.String(fmt.Sprintf("Entity %d", e)))
		}
		out = append(out, qs)
	}
	return out
}

var (
	benchDataOnce sync.Once
	benchDataSet  [][]quad.Quad
	benchQuads    int
)

func loadBenchData() ([][]quad.Quad, int) {
	benchDataOnce.Do(func() {
		benchDataSet = benchData(benchArticles())
		for _, a := range benchDataSet {
			benchQuads += len(a)
		}
	})
	return benchDataSet, benchQuads
}

// diskUsage returns the bytes allocated on disk (like du) and the apparent
// size of the files under dir.
func diskUsage(dir string) (allocated, apparent int64) {
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		apparent += info.Size()
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			allocated += st.Blocks * 512
		}
		return nil
	})
	return allocated, apparent
}

// ingest writes the data set, perBatch articles per WriteBatch.
func ingest(tb testing.TB, s *Store, data [][]quad.Quad, perBatch int) {
	ctx := context.Background()
	var batch []quad.Quad
	for i, a := range data {
		batch = append(batch, a...)
		if (i+1)%perBatch == 0 || i == len(data)-1 {
			if err := s.WriteBatch(ctx, batch); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

var benchBackends = []string{BackendBolt, BackendBBolt, BackendLevelDB, BackendBadger}

// BenchmarkIngest measures write throughput: the whole data set into a
// fresh store, one WriteBatch per article or per 20 articles, with and
// without fsync on commit.
func BenchmarkIngest(b *testing.B) {
	data, total := loadBenchData()
	for _, backend := range benchBackends {
		for _, noSync := range []bool{false, true} {
			for _, perBatch := range []int{1, 20} {
				name := fmt.Sprintf("%s/sync=%v/articles=%d", backend, !noSync, perBatch)
				b.Run(name, func(b *testing.B) {
					benchIngest(b, Config{Backend: backend, NoSync: noSync}, data, total, perBatch)
				})
			}
		}
	}
	// cayley's kv bloom filters (~150 MB of RAM per open store) only
	// speed up duplicate checks; see what turning them off costs.
	b.Run("bbolt/sync=true/articles=1/no_bloom", func(b *testing.B) {
		benchIngest(b, Config{Backend: BackendBBolt, Options: map[string]interface{}{"no_bloom": true}}, data, total, 1)
	})
}

func benchIngest(b *testing.B, cfg Config, data [][]quad.Quad, total, perBatch int) {
	var elapsed time.Duration
	var allocated, apparent int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cfg.Path = filepath.Join(b.TempDir(), "store")
		s, err := Open(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		ingest(b, s, data, perBatch)
		elapsed += time.Since(start)
		b.StopTimer()
		if n, err := s.QuadCount(context.Background()); err != nil || n != int64(total) {
			b.Fatalf("QuadCount = %d, %v; want %d", n, err, total)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		allocated, apparent = diskUsage(cfg.Path)
		os.RemoveAll(cfg.Path)
		b.StartTimer()
	}
	b.ReportMetric(float64(total)*float64(b.N)/elapsed.Seconds(), "quads/s")
	b.ReportMetric(float64(allocated)/(1<<20), "MB-disk")
	b.ReportMetric(float64(apparent)/(1<<20), "MB-files")
}

// benchStores caches one loaded store per backend for the query
// benchmarks; TestMain closes them.
var (
	benchStoresMu sync.Mutex
	benchStores   = map[string]*Store{}
	benchDirs     []string
)

func loadedStore(b *testing.B, backend string) *Store {
	benchStoresMu.Lock()
	defer benchStoresMu.Unlock()
	if s := benchStores[backend]; s != nil {
		return s
	}
	dir, err := os.MkdirTemp("", "graph-bench-"+backend)
	if err != nil {
		b.Fatal(err)
	}
	benchDirs = append(benchDirs, dir)
	data, _ := loadBenchData()
	s, err := Open(context.Background(), Config{Backend: backend, Path: filepath.Join(dir, "store"), NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	ingest(b, s, data, 20)
	// reopen: queries run on a store as a later process would see it
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	s, err = Open(context.Background(), Config{Backend: backend, Path: filepath.Join(dir, "store")})
	if err != nil {
		b.Fatal(err)
	}
	benchStores[backend] = s
	return s
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores {
		s.Close()
	}
	for _, dir := range benchDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// The 3-hop query: names of the entities that claims by a frequent
// claimant are about.
const bench3Hop = `g.V("<http://claimgraph.test/entity/5>").In("<` + benchNS + `claimant>").Out("<` + benchNS + `about>").Out("<` + benchNS + `name>").all()`

// BenchmarkQuery3Hop measures the latency of the 3-hop Gizmo query on the
// loaded store, with the default limit (100 results) and with all results.
func BenchmarkQuery3Hop(b *testing.B) {
	for _, backend := range benchBackends {
		for _, limit := range []int{DefaultQueryLimit, DefaultMaxQueryLimit} {
			b.Run(fmt.Sprintf("%s/limit=%d", backend, limit), func(b *testing.B) {
				s := loadedStore(b, backend)
				ctx := context.Background()
				var n int
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					res, err := s.Query(ctx, "gizmo", bench3Hop, limit)
					if err != nil {
						b.Fatal(err)
					}
					n = len(res)
				}
				b.StopTimer()
				b.ReportMetric(float64(n), "results")
			})
		}
	}
}

// BenchmarkHas measures the "already ingested?" check.
func BenchmarkHas(b *testing.B) {
	art := quad.IRI("http://news.test/article/7")
	for _, backend := range benchBackends {
		b.Run(backend, func(b *testing.B) {
			s := loadedStore(b, backend)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ok, err := s.Has(ctx, art, ns("type"), ns("Article"))
				if err != nil || !ok {
					b.Fatalf("Has = %v, %v", ok, err)
				}
			}
		})
	}
}

// BenchmarkRewrite measures writing an article that is already stored
// (all duplicates).
func BenchmarkRewrite(b *testing.B) {
	data, _ := loadBenchData()
	for _, backend := range benchBackends {
		b.Run(backend, func(b *testing.B) {
			s := loadedStore(b, backend)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.WriteBatch(ctx, data[i%len(data)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen measures Open+Close of the loaded store: writable (cayley
// scans all quads into its bloom filter) and read-only (no bloom filter).
func BenchmarkOpen(b *testing.B) {
	for _, backend := range benchBackends {
		for _, ro := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/readonly=%v", backend, ro), func(b *testing.B) {
				s := loadedStore(b, backend)
				path := s.path
				benchStoresMu.Lock()
				defer benchStoresMu.Unlock()
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				delete(benchStores, backend)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					s, err := Open(context.Background(), Config{Backend: backend, Path: path, ReadOnly: ro})
					if err != nil {
						b.Fatal(err)
					}
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				s, err := Open(context.Background(), Config{Backend: backend, Path: path})
				if err != nil {
					b.Fatal(err)
				}
				benchStores[backend] = s
			})
		}
	}
}
