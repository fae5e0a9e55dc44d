package explore_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// BenchmarkReuters measures the latency of the researcher's queries on a
// large store and reports the 50th and 99th percentiles (p50-ms, p99-ms).
// It runs only on request, on a store given by $CLAIMGRAPH_BENCH_DB (all
// Reuters-21578 stories take a few minutes to ingest):
//
//	claimgraph --db /tmp/reuters.db ingest --nosync ../shared/data/reuters21578/reuters21578.jsonl
//	CLAIMGRAPH_BENCH_DB=/tmp/reuters.db go test -run '^$' -bench Reuters -benchtime 1x -timeout 60m ./explore/
//
// The inputs are drawn at random (fixed seed) from the store: entities
// that claims are about, and pairs of them for paths. "warm" runs every
// query on one Explorer, as the server does (entity names and
// neighbourhoods are cached); "cold" uses a fresh Explorer per query, as
// a CLI command does (the store's own caches stay warm). $CLAIMGRAPH_BENCH_N
// sets the number of queries per case (default 200).
func BenchmarkReuters(b *testing.B) {
	db := os.Getenv("CLAIMGRAPH_BENCH_DB")
	if db == "" {
		b.Skip("set CLAIMGRAPH_BENCH_DB to a store of all Reuters-21578 stories (see the doc comment)")
	}
	n := 200
	if v := os.Getenv("CLAIMGRAPH_BENCH_N"); v != "" {
		fmt.Sscan(v, &n)
	}
	schema.Register()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Path: db, ReadOnly: true, MaxQueryLimit: explore.StoreQueryLimit})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ents := sampleEntities(b, st, n)
	rng := rand.New(rand.NewSource(2))
	pairs := make([][2]string, n)
	for i := range pairs {
		pairs[i] = [2]string{ents[rng.Intn(len(ents))], ents[rng.Intn(len(ents))]}
	}
	cases := []struct {
		name string
		run  func(x *explore.Explorer, i int) error
	}{
		{"claims-about", func(x *explore.Explorer, i int) error {
			_, err := x.Claims(ctx, explore.ClaimFilter{About: ents[i%len(ents)], Limit: 100})
			return err
		}},
		{"contested", func(x *explore.Explorer, i int) error {
			_, err := x.Contested(ctx, explore.ContestedFilter{Limit: 100})
			return err
		}},
		{"contested-about", func(x *explore.Explorer, i int) error {
			_, err := x.Contested(ctx, explore.ContestedFilter{About: ents[i%len(ents)], Limit: 100})
			return err
		}},
		{"path-3-hops", func(x *explore.Explorer, i int) error {
			_, err := x.Path(ctx, pairs[i][0], pairs[i][1], 3)
			if err != nil && strings.Contains(err.Error(), "no path") {
				return nil
			}
			return err
		}},
	}
	for _, mode := range []string{"warm", "cold"} {
		for _, c := range cases {
			b.Run(mode+"/"+c.name, func(b *testing.B) {
				for it := 0; it < b.N; it++ {
					shared := explore.New(st)
					var lat []time.Duration
					for i := 0; i < n; i++ {
						x := shared
						if mode == "cold" {
							x = explore.New(st)
						}
						start := time.Now()
						if err := c.run(x, i); err != nil {
							b.Fatalf("query %d: %v", i, err)
						}
						lat = append(lat, time.Since(start))
					}
					sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
					pct := func(p float64) float64 {
						k := int(p*float64(len(lat))+0.5) - 1
						if k < 0 {
							k = 0
						}
						return float64(lat[k].Microseconds()) / 1000
					}
					b.ReportMetric(pct(0.50), "p50-ms")
					b.ReportMetric(pct(0.99), "p99-ms")
					b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
				}
			})
		}
	}
}

// sampleEntities draws up to n distinct entities that claims are about.
func sampleEntities(b *testing.B, st *graph.Store, n int) []string {
	b.Helper()
	ctx := context.Background()
	res, err := st.Query(ctx, "gizmo", `g.V("<cg:Claim>").In("<rdf:type>").Out("<cg:about>").Unique().all()`, 1<<20)
	if err != nil {
		b.Fatal(err)
	}
	var all []string
	for _, r := range res {
		if m, ok := r.(map[string]interface{}); ok {
			if id := explore.EntityIDOf(fmt.Sprint(m["id"])); id != "" {
				all = append(all, id)
			}
		}
	}
	sort.Strings(all)
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	if len(all) > n {
		all = all[:n]
	}
	if len(all) == 0 {
		b.Fatal("no entities with claims in the store")
	}
	b.Logf("%d entities sampled", len(all))
	return all
}
