package linker

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/nlp"
)

// BenchmarkClaimsShare measures, on the first 1,000 Reuters-21578 stories
// and on PolNeAR dev (each skipped when ../shared/data is absent), the time
// of the NLP stage (nlp.Pipeline.Process) and of claim extraction with
// contested propositions, and reports the claims as a share of the NLP
// stage: a ratio that a busy machine disturbs far less than tokens/s do.
//
//	go test -run '^$' -bench ClaimsShare -benchtime 1x ./linker/
func BenchmarkClaimsShare(b *testing.B) {
	for _, set := range []struct{ name, path string }{
		{"reuters1000", "../../shared/data/reuters21578/reuters21578.jsonl"},
		{"polnear-dev", "../../shared/data/polnear/dev.jsonl"},
	} {
		b.Run(set.name, func(b *testing.B) {
			ins := benchInputs(b, set.path, 1000)
			p, err := nlp.New()
			if err != nil {
				b.Fatal(err)
			}
			l := New()
			var nlpT, claimT time.Duration
			claims := 0
			for i := 0; i < b.N; i++ {
				for _, in := range ins {
					t0 := time.Now()
					doc, err := p.Process(in)
					if err != nil {
						b.Fatal(err)
					}
					nlpT += time.Since(t0)
					art := &Article{}
					tab := l.resolveEntities(doc, art)
					l.findRoles(doc, tab, art)
					// Claims take little time: repeat them to measure it.
					const reps = 5
					t1 := time.Now()
					for r := 0; r < reps; r++ {
						art.Claims, art.Contested = nil, nil
						l.extractClaims(doc, tab, art)
						l.findContested(doc, tab, art)
					}
					claimT += time.Since(t1) / reps
					claims += len(art.Claims)
				}
			}
			b.ReportMetric(100*claimT.Seconds()/nlpT.Seconds(), "claims%ofNLP")
			b.ReportMetric(float64(claims)/float64(b.N*len(ins)), "claims/article")
		})
	}
}

// benchInputs reads up to max articles of a JSONL file ({"id", "title"?,
// "text"}), or skips the benchmark when the file is absent.
func benchInputs(b *testing.B, path string, max int) []nlp.Input {
	f, err := os.Open(path)
	if err != nil {
		b.Skip("no ../shared/data: ", err)
	}
	defer f.Close()
	var ins []nlp.Input
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() && len(ins) < max {
		var r struct{ ID, Title, Text string }
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			text := r.Text
			if r.Title != "" && !startsWith(text, r.Title) {
				text = r.Title + "\n" + text
			}
			ins = append(ins, nlp.Input{ID: r.ID, Text: text})
		}
	}
	return ins
}

func startsWith(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
