package ner_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/claimgraph/claimgraph/nlp"
	"github.com/claimgraph/claimgraph/nlp/ner"
)

const reutersPath = "../../../shared/data/reuters21578/reuters21578.jsonl"

// reuters returns the first n Reuters-21578 stories, skipping the test when
// the shared data folder is absent.
func reuters(tb testing.TB, n int) []nlp.Input {
	tb.Helper()
	f, err := os.Open(reutersPath)
	if err != nil {
		tb.Skipf("Reuters-21578 not available (%v); it lives in ../shared/data", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []nlp.Input
	for sc.Scan() && len(out) < n {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		if r.Text == "" {
			continue
		}
		out = append(out, nlp.Input{ID: r.ID, Text: r.Title + "\n" + r.Text})
	}
	return out
}

// BenchmarkRecognize measures the recognizer alone on the first 1000
// Reuters-21578 stories (documents tokenized and tagged beforehand), and the
// pipeline with and without it on the same stories.
func BenchmarkRecognize(b *testing.B) {
	ins := reuters(b, 1000)
	plain, err := nlp.New(nlp.WithRecognizer(nil))
	if err != nil {
		b.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*ner.Document
	tokens := 0
	for _, in := range ins {
		d, err := plain.Process(in)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, nlp.NERInput(d))
		tokens += d.TokenCount()
	}
	b.Run("recognizer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				m.Recognize(d)
			}
		}
		report(b, tokens)
	})
	b.Run("pipeline-without", func(b *testing.B) {
		for b.Loop() {
			for _, in := range ins {
				if _, err := plain.Process(in); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, tokens)
	})
	full, err := nlp.New()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pipeline-with", func(b *testing.B) {
		for b.Loop() {
			for _, in := range ins {
				if _, err := full.Process(in); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, tokens)
	})
}

func report(b *testing.B, tokens int) {
	s := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(tokens)/s, "tokens/s")
	b.ReportMetric(s*1e6/float64(tokens), "µs/token")
	b.ReportMetric(0, "ns/op")
}
