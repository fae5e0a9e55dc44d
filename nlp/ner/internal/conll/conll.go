// Package conll reads the CoNLL-2003 JSONL splits of the shared data folder,
// lays each document out exactly as the evaluation does (tokens joined by one
// space, sentences by "\n"), projects the gold labels onto the tokens of the
// nlp pipeline and scores predicted mentions like score_conll.py.
package conll

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
	"github.com/claimgraph/claimgraph/nlp/ner"
)

// A Sentence is one CoNLL sentence with its IOB2 tags.
type Sentence struct {
	Tokens []string
	Tags   []string
}

// A Doc is one CoNLL document laid out as evaluation input.
type Doc struct {
	ID    string // "u<k>", as score_conll.py prepare names it
	Sents []Sentence
	Text  string
	Spans [][]nlp.Span // byte span of every token, per sentence
}

// Read loads a split and groups its sentences into documents in order of
// first appearance, skipping empty sentences (score_conll.py units, per doc).
func Read(path string) ([]*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	byDoc := map[int]*Doc{}
	var order []*Doc
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r struct {
			Doc    int      `json:"doc"`
			Tokens []string `json:"tokens"`
			Tags   []string `json:"tags_iob2"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(r.Tokens) == 0 {
			continue
		}
		if len(r.Tags) != len(r.Tokens) {
			return nil, fmt.Errorf("%s: doc %d: %d tokens, %d tags", path, r.Doc, len(r.Tokens), len(r.Tags))
		}
		d := byDoc[r.Doc]
		if d == nil {
			d = &Doc{ID: fmt.Sprintf("u%d", len(order))}
			byDoc[r.Doc] = d
			order = append(order, d)
		}
		d.Sents = append(d.Sents, Sentence{Tokens: r.Tokens, Tags: r.Tags})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, d := range order {
		d.layout()
	}
	return order, nil
}

func (d *Doc) layout() {
	var b strings.Builder
	d.Spans = make([][]nlp.Span, len(d.Sents))
	for si, s := range d.Sents {
		if si > 0 {
			b.WriteByte('\n')
		}
		row := make([]nlp.Span, len(s.Tokens))
		for ti, t := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
			}
			row[ti] = nlp.Span{Start: b.Len(), End: b.Len() + len(t)}
			b.WriteString(t)
		}
		d.Spans[si] = row
	}
	d.Text = b.String()
}

// Input returns the pipeline input for the document.
func (d *Doc) Input() nlp.Input { return nlp.Input{ID: d.ID, Text: d.Text} }

// tokenAt returns the (sentence, token) of the CoNLL token that covers byte
// offset off, or -1s.
func (d *Doc) tokenAt(off int) (int, int) {
	// binary search over sentences, then tokens
	lo, hi := 0, len(d.Sents)
	for lo < hi {
		m := (lo + hi) / 2
		row := d.Spans[m]
		if row[len(row)-1].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(d.Sents) {
		return -1, -1
	}
	row := d.Spans[lo]
	a, z := 0, len(row)
	for a < z {
		m := (a + z) / 2
		if row[m].End <= off {
			a = m + 1
		} else {
			z = m
		}
	}
	if a == len(row) || row[a].Start > off {
		return -1, -1
	}
	return lo, a
}

// Project returns the gold IOB2 label of every token of the pipeline's
// document, sentence by sentence. A pipeline token that starts inside a CoNLL
// token (prose split it) continues that token's entity.
func (d *Doc) Project(nd *nlp.Document) [][]string {
	out := make([][]string, len(nd.Sentences))
	for si := range nd.Sentences {
		toks := nd.Sentences[si].Tokens
		labs := make([]string, len(toks))
		for ti, t := range toks {
			cs, ct := d.tokenAt(t.Start)
			if cs < 0 {
				labs[ti] = "O"
				continue
			}
			g := d.Sents[cs].Tags[ct]
			if t.Start != d.Spans[cs][ct].Start && g != "O" {
				g = "I-" + g[2:]
			}
			labs[ti] = g
		}
		// The first token of a pipeline sentence cannot continue an entity.
		if len(labs) > 0 && strings.HasPrefix(labs[0], "I-") {
			labs[0] = "B-" + labs[0][2:]
		}
		out[si] = labs
	}
	return out
}

// Types are the CoNLL entity types in report order.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

// Counts holds entity-level true positives, false positives and false
// negatives per type.
type Counts struct {
	TP, FP, FN map[string]int
}

// NewCounts returns empty counts.
func NewCounts() *Counts {
	return &Counts{TP: map[string]int{}, FP: map[string]int{}, FN: map[string]int{}}
}

type span struct {
	si, ti, tj int
	typ        string
	a, b       int // byte offsets for misaligned predictions
}

// Add scores the mentions of one document the way score_conll.py does: a
// predicted mention counts only when its byte span starts at a CoNLL token
// start and ends at a token end of the same sentence and the type matches.
func (c *Counts) Add(d *Doc, ms []nlp.Mention) {
	gold := map[span]bool{}
	for si, s := range d.Sents {
		tags := s.Tags
		for i := 0; i < len(tags); {
			if strings.HasPrefix(tags[i], "B-") {
				typ := tags[i][2:]
				j := i + 1
				for j < len(tags) && tags[j] == "I-"+typ {
					j++
				}
				gold[span{si: si, ti: i, tj: j, typ: typ}] = true
				i = j
			} else {
				i++
			}
		}
	}
	starts := map[int][2]int{}
	ends := map[int][2]int{}
	for si, row := range d.Spans {
		for ti, sp := range row {
			starts[sp.Start] = [2]int{si, ti}
			ends[sp.End] = [2]int{si, ti}
		}
	}
	pred := map[span]bool{}
	for _, m := range ms {
		typ := MapType(m.Type)
		if typ == "" {
			continue
		}
		s, ok1 := starts[m.Start]
		e, ok2 := ends[m.End]
		if ok1 && ok2 && s[0] == e[0] {
			pred[span{si: s[0], ti: s[1], tj: e[1] + 1, typ: typ}] = true
		} else {
			pred[span{si: -1, a: m.Start, b: m.End, typ: typ}] = true
		}
	}
	for p := range pred {
		if gold[p] {
			c.TP[p.typ]++
		} else {
			c.FP[p.typ]++
		}
	}
	for g := range gold {
		if !pred[g] {
			c.FN[g.typ]++
		}
	}
}

// MapType maps a mention type to its CoNLL type as score_conll.py does.
func MapType(t string) string {
	switch strings.ToUpper(t) {
	case "PERSON", "PER":
		return "PER"
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return "ORG"
	case "GPE", "LOC", "LOCATION", "FAC", "FACILITY", "GSP":
		return "LOC"
	case "NORP", "MISC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE":
		return "MISC"
	}
	return ""
}

// PRF returns precision, recall and F1 for one type, or overall when typ is "".
func (c *Counts) PRF(typ string) (p, r, f float64) {
	var tp, fp, fn int
	for _, t := range Types {
		if typ == "" || typ == t {
			tp += c.TP[t]
			fp += c.FP[t]
			fn += c.FN[t]
		}
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Report formats the scores like score_conll.py.
func (c *Counts) Report() string {
	var b strings.Builder
	for _, t := range Types {
		p, r, f := c.PRF(t)
		fmt.Fprintf(&b, "%-5s P=%.3f R=%.3f F1=%.3f  (tp %d fp %d fn %d)\n", t, p, r, f, c.TP[t], c.FP[t], c.FN[t])
	}
	p, r, f := c.PRF("")
	fmt.Fprintf(&b, "conll: F1=%.4f P=%.4f R=%.4f\n", f, p, r)
	return b.String()
}

// Examples runs the pipeline p (no recognizer) on every document and returns
// training examples with the gold labels projected onto its tokens.
func Examples(p *nlp.Pipeline, docs []*Doc) ([]ner.Example, error) {
	out := make([]ner.Example, 0, len(docs))
	for _, d := range docs {
		nd, err := p.Process(d.Input())
		if err != nil {
			return nil, err
		}
		gold := d.Project(nd)
		ex := ner.Example{Doc: nlp.NERInput(nd), Gold: make([][]ner.Label, len(gold))}
		for si, row := range gold {
			ls := make([]ner.Label, len(row))
			for ti, g := range row {
				ls[ti] = ner.ParseLabel(g)
			}
			ex.Gold[si] = ls
		}
		out = append(out, ex)
	}
	return out, nil
}

// Evaluate runs the whole nlp pipeline with model m on the documents, as
// claimgraph extract does, and scores the mentions.
func Evaluate(m *ner.Model, docs []*Doc) (*Counts, error) {
	p, err := nlp.New(nlp.WithRecognizer(nlp.NERRecognizer(m)), nlp.WithoutParser())
	if err != nil {
		return nil, err
	}
	c := NewCounts()
	for _, d := range docs {
		nd, err := p.Process(d.Input())
		if err != nil {
			return nil, err
		}
		c.Add(d, nd.Mentions)
	}
	return c, nil
}
