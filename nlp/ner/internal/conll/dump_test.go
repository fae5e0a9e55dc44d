package conll

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/claimgraph/claimgraph/nlp"
)

// TestWriteExtractOutput writes the dev mentions in the shape of claimgraph
// extract's JSONL output to $NER_OUT, for checking against score_conll.py.
func TestWriteExtractOutput(t *testing.T) {
	out := os.Getenv("NER_OUT")
	if out == "" {
		t.Skip("set NER_OUT to write extract-style output for score_conll.py")
	}
	docs, err := Read("../../../../../shared/data/conll2003/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.New()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	c := NewCounts()
	for _, d := range docs {
		nd, err := p.Process(d.Input())
		if err != nil {
			t.Fatal(err)
		}
		c.Add(d, nd.Mentions)
		type m struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Type  string `json:"type"`
		}
		ms := []m{}
		for _, x := range nd.Mentions {
			ms = append(ms, m{x.Start, x.End, x.Type})
		}
		if err := enc.Encode(map[string]any{"id": d.ID, "mentions": ms}); err != nil {
			t.Fatal(err)
		}
	}
	t.Log("\n" + c.Report())
}
