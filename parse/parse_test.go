package parse

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

func devSentences(tb testing.TB) []Sentence {
	f, err := os.Open("../../shared/data/ud-ewt/en_ewt-ud-dev.conllu")
	if err != nil {
		tb.Skip("no ../shared/data: ", err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkParse parses the UD English Web Treebank dev sentences with the
// embedded model (treebank tags) and reports tokens/s.
func BenchmarkParse(b *testing.B) {
	dev := devSentences(b)
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tokens := 0
	for _, s := range dev {
		tokens += len(s.Words)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range dev {
			p.Parse(s.Words, s.Tags)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// tiny is a hand-made treebank: enough for the trainer to learn it.
var tiny = []Sentence{
	{Words: []string{"Rutte", "addressed", "the", "ambassadors", "."}, Tags: []string{"NNP", "VBD", "DT", "NNS", "."},
		Head: []int{1, -1, 3, 1, 1}, Label: []string{"nsubj", "root", "det", "obj", "punct"}},
	{Words: []string{"Troops", "were", "sent", "to", "Russia", "."}, Tags: []string{"NNS", "VBD", "VBN", "IN", "NNP", "."},
		Head: []int{2, 2, -1, 4, 2, 2}, Label: []string{"nsubj:pass", "aux:pass", "root", "case", "obl", "punct"}},
	{Words: []string{"Kursk", "is", "a", "region", "."}, Tags: []string{"NNP", "VBZ", "DT", "NN", "."},
		Head: []int{3, 3, 3, -1, 3}, Label: []string{"nsubj", "cop", "det", "root", "punct"}},
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	train := func() ([]byte, *Parser) {
		p := Train(tiny, TrainOptions{Epochs: 10})
		var b bytes.Buffer
		if err := p.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes(), p
	}
	a, p := train()
	b, _ := train()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same data wrote different models")
	}
	uas, las := p.Evaluate(tiny)
	if uas != 1 || las != 1 {
		t.Errorf("on its own training data: UAS %.2f LAS %.2f, want 1", uas, las)
	}
	q, err := Read(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range tiny {
		want, got := p.Parse(s.Words, s.Tags), q.Parse(s.Words, s.Tags)
		if fmt.Sprint(want) != fmt.Sprint(got) {
			t.Errorf("read model parses %q as %v, written one as %v", s.Words, got, want)
		}
	}
	if _, err := Read(bytes.NewReader(a[:len(a)/2])); err == nil {
		t.Error("a truncated model was read without error")
	}
	if _, err := Read(strings.NewReader("not a model")); err == nil {
		t.Error("garbage was read without error")
	}
}

func TestReadCoNLLU(t *testing.T) {
	in := "# text = Go now.\n1-2\tGonow\t_\t_\t_\t_\t_\t_\t_\t_\n1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
	ss, err := ReadCoNLLU(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Sentence{Words: []string{"Go", "now", "."}, Tags: []string{"VB", "RB", "."}, Head: []int{-1, 0, 0}, Label: []string{"root", "advmod", "punct"}}
	if len(ss) != 1 || fmt.Sprint(ss[0]) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", ss, want)
	}
	if _, err := ReadCoNLLU(strings.NewReader("1\tGo\n")); err == nil {
		t.Error("a short line was read without error")
	}
}

// TestDefault parses a sentence with the embedded model: a tree (one root,
// every head in range, no cycle), with quotes and brackets retagged.
func TestDefault(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"North", "Korean", "troops", "were", "sent", "to", "Russia", "(", "Kursk", ")", "``", "quickly", "''", "."}
	tags := []string{"JJ", "JJ", "NNS", "VBD", "VBN", "TO", "NNP", "(", "NNP", ")", "``", "RB", "''", "."}
	tr := p.Parse(words, tags)
	roots := 0
	for i, h := range tr.Head {
		if h == -1 {
			roots++
			continue
		}
		if h < 0 || h >= len(words) || h == i {
			t.Fatalf("token %d: head %d", i, h)
		}
		seen := map[int]bool{}
		for k := i; k >= 0; k = tr.Head[k] {
			if seen[k] {
				t.Fatalf("cycle through token %d", i)
			}
			seen[k] = true
		}
	}
	if roots != 1 {
		t.Errorf("%d roots, want 1", roots)
	}
	if tr.Head[2] != 4 || tr.Label[2] != "nsubj:pass" || tr.Label[3] != "aux:pass" || tr.Head[6] != 4 {
		t.Errorf("troops were sent to Russia: heads %v labels %v", tr.Head, tr.Label)
	}
	if got := Tags(words, tags); got[7] != "-LRB-" || got[10] != "``" || got[12] != "''" {
		t.Errorf("Tags = %v", got)
	}
}

// TestDevAccuracy checks the embedded model on the UD English Web Treebank
// dev split (skipped without ../shared/data), with the treebank's tags.
func TestDevAccuracy(t *testing.T) {
	dev := devSentences(t)
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	uas, las := p.Evaluate(dev)
	t.Logf("dev (treebank tags): UAS %.4f LAS %.4f", uas, las)
	if uas < 0.80 || las < 0.76 {
		t.Errorf("dev UAS %.4f LAS %.4f: below 0.80 / 0.76", uas, las)
	}
}
