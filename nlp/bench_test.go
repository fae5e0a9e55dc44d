package nlp_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/nlp"
)

// benchArticles returns the example articles and, when ../shared/data is
// present, the first 1,000 Reuters-21578 stories.
func benchArticles(b *testing.B) map[string][]nlp.Input {
	sets := map[string][]nlp.Input{}
	files, _ := filepath.Glob("../examples/articles/*.txt")
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sets["examples"] = append(sets["examples"], nlp.Input{ID: f, Text: string(t)})
	}
	if f, err := os.Open("../../shared/data/reuters21578/reuters21578.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() && len(sets["reuters1000"]) < 1000 {
			var r struct{ ID, Title, Text string }
			if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
				sets["reuters1000"] = append(sets["reuters1000"], nlp.Input{ID: r.ID, Text: r.Title + "\n" + r.Text})
			}
		}
	}
	return sets
}

// BenchmarkExtract measures the whole extraction (sentences, tokens, tags,
// entities, dependency parse, linking, claims, relations) against prose
// alone (one NewDocument per article with a shared model, prose's default
// pipeline) on the same articles, in the same run, reporting tokens/s for
// each. Tokens are counted as claimgraph's tokens of the article.
//
//   - claimgraph: everything (nlp.Pipeline.Process, linker.Link).
//
//   - nlp-stage: the NLP stage as the issues define it — sentences, tokens,
//     tags, entities, dependency parse and entity linking
//     (Process + linker.LinkEntities) — without claims and relations. The
//     sub-benchmark also times the whole linker on the same documents
//     (alternating with entity linking alone, so that caches and load
//     changes hit both alike) and reports claims+relations-%: the time
//     claims, relations and contested propositions add, in percent of the
//     NLP stage's.
//
//   - nlp-only: nlp.Pipeline.Process without the parser and the linker.
//
//     go test -run '^$' -bench Extract -benchtime 3x ./nlp/
func BenchmarkExtract(b *testing.B) {
	p, err := nlp.New()
	if err != nil {
		b.Fatal(err)
	}
	bare, err := nlp.New(nlp.WithoutParser())
	if err != nil {
		b.Fatal(err)
	}
	l := linker.New()
	model := prose.ModelFromData("bench")
	for name, arts := range benchArticles(b) {
		tokens := 0
		for _, a := range arts {
			d, err := p.Process(a)
			if err != nil {
				b.Fatal(err)
			}
			tokens += d.TokenCount()
		}
		b.Run(name+"/claimgraph", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					d, err := p.Process(a)
					if err != nil {
						b.Fatal(err)
					}
					l.Link(d)
				}
			}
			b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
		b.Run(name+"/nlp-stage", func(b *testing.B) {
			var stage, extra time.Duration
			for i := 0; i < b.N; i++ {
				for k, a := range arts {
					t0 := time.Now()
					d, err := p.Process(a)
					if err != nil {
						b.Fatal(err)
					}
					stage += time.Since(t0)
					// Entity linking alone and the whole linker on the
					// same document, in alternating order.
					var ent, whole time.Duration
					for j := 0; j < 2; j++ {
						t := time.Now()
						if (j+k)%2 == 0 {
							l.LinkEntities(d)
							ent = time.Since(t)
						} else {
							l.Link(d)
							whole = time.Since(t)
						}
					}
					stage += ent
					extra += whole - ent
				}
			}
			b.ReportMetric(float64(tokens*b.N)/stage.Seconds(), "tokens/s")
			b.ReportMetric(100*extra.Seconds()/stage.Seconds(), "claims+relations-%")
		})
		b.Run(name+"/nlp-only", func(b *testing.B) {
			// Sentences, tokens, tags and entities: no parser, no linker.
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					if _, err := bare.Process(a); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
		b.Run(name+"/prose-alone", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					if _, err := prose.NewDocument(a.Text, prose.UsingModel(model)); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
