package parse

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"strconv"
	"strings"
)

// A Sentence is one sentence of a treebank: words, Penn tags, heads (0-based,
// -1 for the root) and relations.
type Sentence struct {
	Words []string
	Tags  []string
	Head  []int
	Label []string
}

// ReadCoNLLU reads the basic trees of a CoNLL-U file (multiword-token
// ranges and empty nodes are skipped). The Penn tag is the XPOS column.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			if len(cur.Words) > 0 {
				out = append(out, cur)
			}
			cur = Sentence{}
			continue
		}
		if strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("conllu line %d: %d fields, want 10", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		h, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, fmt.Errorf("conllu line %d: head %q: %w", line, f[6], err)
		}
		cur.Words = append(cur.Words, f[1])
		cur.Tags = append(cur.Tags, f[4])
		cur.Head = append(cur.Head, h-1)
		cur.Label = append(cur.Label, f[7])
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out, sc.Err()
}

// TrainOptions control [Train]. Zero values mean: 12 epochs, seed 1,
// exploration probability 0.9 from the second epoch on.
type TrainOptions struct {
	Epochs  int
	Seed    int64
	Explore float64
	// Vocab is the number of most frequent word forms whose identity is
	// a feature (others are known by suffix and tag); 0 means 4000.
	Vocab int
	// Log, when set, is called after each epoch with the epoch number and
	// the parser averaged so far (to report a dev score).
	Log func(epoch int, p *Parser)
}

// trainer holds the weights being learnt and their running sums for the
// average.
type trainer struct {
	tw, tu []float32
	lw, lu []float32
	c      float32
	nl     int
}

// Train learns a parser from a treebank with a dynamic oracle (the
// arc-hybrid oracle of Goldberg and Nivre, 2013) and averaged perceptrons.
// The result depends only on the data and the options.
func Train(data []Sentence, o TrainOptions) *Parser {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	labelSet, tagSet := map[string]bool{"root": true}, map[string]bool{}
	for _, s := range data {
		for i := range s.Words {
			labelSet[s.Label[i]] = true
			tagSet[s.Tags[i]] = true
		}
	}
	p := &Parser{labels: sortedKeys(labelSet)}
	p.setTags(sortedKeys(tagSet))
	lid := map[string]int{}
	for i, l := range p.labels {
		lid[l] = i
		if l == "root" {
			p.root = i
		}
	}
	if o.Vocab == 0 {
		o.Vocab = 4000
	}
	p.setVocab(data, o.Vocab)
	p.setCands(data, lid)
	nl := len(p.labels)
	tr := &trainer{
		tw: make([]float32, (1<<transBits)*nTrans), tu: make([]float32, (1<<transBits)*nTrans),
		lw: make([]float32, (1<<labelBits)*nl), lu: make([]float32, (1<<labelBits)*nl), nl: nl,
	}
	rng := rand.New(rand.NewSource(o.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	feats := make([]uint64, 0, 80)
	for ep := 1; ep <= o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &data[si]
			n := len(s.Words)
			gh := make([]int, n+1)
			gl := make([]int, n+1)
			gh[0], gl[0] = -1, -1
			for i := 0; i < n; i++ {
				gh[i+1] = s.Head[i] + 1
				gl[i+1] = lid[s.Label[i]]
			}
			st := newState(s.Words, s.Tags, p)
			for !st.terminal() {
				tr.c++
				feats = st.transFeatures(feats[:0])
				var score [nTrans]float32
				for _, h := range feats {
					row := tr.tw[(h&transMask)*nTrans:]
					score[0] += row[0]
					score[1] += row[1]
					score[2] += row[2]
				}
				pred, gold := -1, -1
				var costs [nTrans]int
				minCost := math.MaxInt
				for c := 0; c < nTrans; c++ {
					if !st.valid(c) {
						continue
					}
					costs[c] = st.cost(c, gh)
					if costs[c] < minCost {
						minCost = costs[c]
					}
					if pred < 0 || score[c] > score[pred] {
						pred = c
					}
				}
				for c := 0; c < nTrans; c++ {
					if st.valid(c) && costs[c] == minCost && (gold < 0 || score[c] > score[gold]) {
						gold = c
					}
				}
				if costs[pred] != minCost {
					for _, h := range feats {
						i := (h & transMask) * nTrans
						tr.tw[i+uint64(gold)]++
						tr.tu[i+uint64(gold)] += tr.c
						tr.tw[i+uint64(pred)]--
						tr.tu[i+uint64(pred)] -= tr.c
					}
				}
				next := gold
				if ep > 1 && rng.Float64() < o.Explore {
					next = pred
				}
				h, d := st.arcOf(next)
				lbl := -1
				if next != shift {
					if h == 0 {
						lbl = p.root
					} else {
						cands := p.candidates(st, h, d)
						if len(cands) == 1 {
							lbl = int(cands[0])
						} else {
							feats = labelFeatures(st, h, d, feats[:0])
							lbl = tr.label(feats, cands, gl[d], h == gh[d])
						}
					}
				}
				st.apply(next, lbl)
			}
		}
		if o.Log != nil {
			o.Log(ep, tr.average(p))
		}
	}
	return tr.average(p)
}

// label predicts the label of an arc and, when the arc is right (goldOK),
// updates the label weights towards the gold label. It returns the gold
// label for right arcs (so the state keeps the truth) and the prediction
// otherwise.
func (tr *trainer) label(feats []uint64, cands []uint8, gold int, goldOK bool) int {
	nl := tr.nl
	score := make([]float32, len(cands))
	for _, f := range feats {
		row := tr.lw[int(f&labelMask)*nl : int(f&labelMask)*nl+nl]
		for i, c := range cands {
			score[i] += row[c]
		}
	}
	pred := -1
	for i := range cands {
		if pred < 0 || score[i] > score[pred] {
			pred = i
		}
	}
	pred = int(cands[pred])
	if !goldOK {
		return pred
	}
	if pred != gold {
		for _, f := range feats {
			i := int(f&labelMask) * nl
			tr.lw[i+gold]++
			tr.lu[i+gold] += tr.c
			tr.lw[i+pred]--
			tr.lu[i+pred] -= tr.c
		}
	}
	return gold
}

// average returns a Parser with the averaged weights, quantised to codes.
func (tr *trainer) average(p *Parser) *Parser {
	q := &Parser{labels: p.labels, tags: p.tags, root: p.root, cands: p.cands, all: p.all, vocab: p.vocab}
	q.indexCands()
	q.indexVocab()
	q.trans = quantize(tr.tw, tr.tu, tr.c)
	q.lab = quantize(tr.lw, tr.lu, tr.c)
	return q
}

func quantize(w, u []float32, c float32) []int8 {
	mx := 0.0
	for i := range w {
		mx = math.Max(mx, math.Abs(float64(w[i])-float64(u[i])/float64(c)))
	}
	out := make([]int8, len(w))
	if mx == 0 {
		return out
	}
	for i := range w {
		out[i] = code(float64(w[i])-float64(u[i])/float64(c), mx)
	}
	return out
}

// cost is the number of gold arcs that transition c makes unreachable.
func (st *state) cost(c int, gh []int) int {
	k := len(st.stack)
	s0 := st.stack[k-1]
	n := 0
	switch c {
	case shift:
		b := st.b
		for i, x := range st.stack {
			if gh[b] == x && i != k-1 {
				n++
			}
			if gh[x] == b {
				n++
			}
		}
	case left:
		s1 := -1
		if k > 1 {
			s1 = st.stack[k-2]
		}
		if gh[s0] != st.b && (gh[s0] == s1 || gh[s0] > st.b) {
			n++
		}
		for j := st.b; j <= st.n; j++ {
			if gh[j] == s0 {
				n++
			}
		}
	case right:
		if gh[s0] >= st.b {
			n++
		}
		for j := st.b; j <= st.n; j++ {
			if gh[j] == s0 {
				n++
			}
		}
	}
	return n
}

// Evaluate returns the unlabelled and labelled attachment scores of the
// parser on a treebank, punctuation included.
func (p *Parser) Evaluate(data []Sentence) (uas, las float64) {
	tot, uh, lh := 0, 0, 0
	for _, s := range data {
		t := p.Parse(s.Words, s.Tags)
		for i := range s.Words {
			tot++
			if t.Head[i] == s.Head[i] {
				uh++
				if t.Label[i] == s.Label[i] {
					lh++
				}
			}
		}
	}
	return float64(uh) / float64(tot), float64(lh) / float64(tot)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (p *Parser) setTags(tags []string) {
	p.tags = map[string]uint64{}
	for i, t := range tags {
		p.tags[t] = uint64(i + 3)
	}
}

// setCands records the labels seen between each pair of tags in each
// direction (and for each dependent tag with any head).
func (p *Parser) setCands(data []Sentence, lid map[string]int) {
	seen := map[uint32]map[uint8]bool{}
	add := func(k uint32, l int) {
		if seen[k] == nil {
			seen[k] = map[uint8]bool{}
		}
		seen[k][uint8(l)] = true
	}
	for _, s := range data {
		st := newState(s.Words, s.Tags, p)
		for i, h := range s.Head {
			if h < 0 {
				continue
			}
			d, hh := i+1, h+1
			add(candKey(st.t[d], st.t[hh], d < hh), lid[s.Label[i]])
			add(candKey(st.t[d], 0, d < hh), lid[s.Label[i]])
		}
	}
	p.cands = map[uint32][]uint8{}
	for k, m := range seen {
		var ls []uint8
		for l := range m {
			ls = append(ls, l)
		}
		sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
		p.cands[k] = ls
	}
	p.setAll()
	p.indexCands()
}

func (p *Parser) setAll() {
	p.all = p.all[:0]
	for i := range p.labels {
		if i != p.root {
			p.all = append(p.all, uint8(i))
		}
	}
}

// setVocab keeps the n most frequent word forms of the data (ties in
// alphabetical order).
func (p *Parser) setVocab(data []Sentence, n int) {
	count := map[string]int{}
	for _, s := range data {
		for _, w := range s.Words {
			count[wordForm(w)]++
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > n {
		words = words[:n]
	}
	p.vocab = make(map[string]uint64, len(words))
	for _, w := range words {
		p.vocab[w] = hashString(w)
	}
	p.indexVocab()
}
