package ner_test

import (
	"os"
	"testing"

	"github.com/claimgraph/claimgraph/nlp/ner/internal/conll"
)

const devPath = "../../../shared/data/conll2003/dev.jsonl"

// TestDevF1 scores the default pipeline (the embedded model) on CoNLL-2003
// dev the way score_conll.py scores claimgraph extract: each document is one
// input text, tokens joined by spaces and sentences by newlines, mentions
// matched by exact byte span and type.
func TestDevF1(t *testing.T) {
	if _, err := os.Stat(devPath); err != nil {
		t.Skipf("CoNLL-2003 dev not available (%v); it lives in ../shared/data", err)
	}
	docs, err := conll.Read(devPath)
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline(t)
	c := conll.NewCounts()
	for _, d := range docs {
		nd, err := p.Process(d.Input())
		if err != nil {
			t.Fatal(err)
		}
		c.Add(d, nd.Mentions)
	}
	t.Logf("CoNLL-2003 dev, %d documents:\n%s", len(docs), c.Report())
	if _, _, f := c.PRF(""); f < 0.85 {
		t.Errorf("dev F1 %.4f, want at least 0.85", f)
	}
}
