package ner

import (
	"math"
	"math/rand/v2"
	"slices"
)

// An Example is one training document with its gold labels, one slice per
// sentence.
type Example struct {
	Doc  *Document
	Gold [][]Label
}

// TrainOptions configures [Train]. The zero value trains 10 epochs with
// seed 0, five folds, no lexicon and two passes.
type TrainOptions struct {
	Epochs int    // passes over the data for each model; 0 means 10
	Seed   uint64 // seed of the per-epoch shuffle
	// Folds is the number of folds for the jackknifed gazetteer features
	// and first-pass labels of the training documents; 0 means 5.
	Folds int
	// Lexicon, when not nil, supplies word statistics from unlabelled text.
	Lexicon *LexiconBuilder
	// RareDropout leaves out the identity features of half of the
	// capitalised words seen only once, so that the model learns what
	// unknown names look like.
	RareDropout bool
	// OnePass trains the first-pass model only.
	OnePass bool
	// Progress, when not nil, is called after every epoch with the stage
	// ("pass1", "pass2") and a model usable for recognition.
	Progress func(stage string, epoch int, m *Model)
}

const maxGazetteer = 6

// trainSent is one sentence prepared for training: the feature rows of each
// token and its gold labels.
type trainSent struct {
	offs []int32 // token i's rows are rows[offs[i]:offs[i+1]]
	rows []int32
	gold []Label
}

// featureIndex numbers feature keys in order of first sight.
type featureIndex struct {
	index map[uint64]int32
	keys  []uint64
}

func (x *featureIndex) sentence(s *sentence, pass int, gold []Label, buf []uint64) trainSent {
	ts := trainSent{offs: make([]int32, 0, len(s.toks)+1), gold: gold}
	for i := range s.toks {
		ts.offs = append(ts.offs, int32(len(ts.rows)))
		buf = s.features(i, pass, buf[:0])
		for _, f := range buf {
			r, ok := x.index[f]
			if !ok {
				r = int32(len(x.keys))
				x.index[f] = r
				x.keys = append(x.keys, f)
			}
			ts.rows = append(ts.rows, r)
		}
	}
	ts.offs = append(ts.offs, int32(len(ts.rows)))
	return ts
}

// perceptron is an averaged structured perceptron with integer updates
// (exact and deterministic).
type perceptron struct {
	w  []int32 // rows * NumLabels
	u  []int64 // timestamped sums for averaging
	tw [NumLabels + 1][NumLabels]int32
	tu [NumLabels + 1][NumLabels]int64
	c  int64
}

func newPerceptron(rows int) *perceptron {
	return &perceptron{w: make([]int32, rows*NumLabels), u: make([]int64, rows*NumLabels)}
}

func (p *perceptron) transition(prev, cur Label) float32 { return float32(p.tw[prev][cur]) }

func (p *perceptron) update(rows []int32, l Label, d int32) {
	for _, r := range rows {
		i := int(r)*NumLabels + int(l)
		p.w[i] += d
		p.u[i] += p.c * int64(d)
	}
}

func (p *perceptron) updateTrans(a, b Label, d int32) {
	p.tw[a][b] += d
	p.tu[a][b] += p.c * int64(d)
}

// dense is a model over feature rows (used inside training).
type dense struct {
	w     []float32
	trans [NumLabels + 1][NumLabels]float32
}

func (d *dense) transition(prev, cur Label) float32 { return d.trans[prev][cur] }

func emitRows[T int32 | float32](w []T, rows []int32, out *[NumLabels]float32) {
	var acc [NumLabels]T
	for _, r := range rows {
		x := w[int(r)*NumLabels : int(r)*NumLabels+NumLabels]
		for l := range acc {
			acc[l] += x[l]
		}
	}
	for l := range acc {
		out[l] = float32(acc[l])
	}
}

func decodeRows[T int32 | float32](sc scorer, w []T, ts *trainSent, out []Label, ws *workspace) {
	n := len(ts.gold)
	ws.grow(n)
	for i := 0; i < n; i++ {
		emitRows(w, ts.rows[ts.offs[i]:ts.offs[i+1]], &ws.em[i])
	}
	viterbi(sc, ws.em, out, ws.back)
}

// epoch makes one pass over the sentences in a seeded random order.
func (p *perceptron) epoch(sents []trainSent, order []int, seed, ep uint64, ws *workspace) {
	rng := rand.New(rand.NewPCG(seed, ep))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var pred []Label
	for _, k := range order {
		ts := &sents[k]
		n := len(ts.gold)
		pred = slices.Grow(pred[:0], n)[:n]
		decodeRows(p, p.w, ts, pred, ws)
		prevG, prevP := Label(NumLabels), Label(NumLabels)
		for i := 0; i < n; i++ {
			g, q := ts.gold[i], pred[i]
			if g != q {
				rows := ts.rows[ts.offs[i]:ts.offs[i+1]]
				p.update(rows, g, 1)
				p.update(rows, q, -1)
			}
			if g != q || prevG != prevP {
				p.updateTrans(prevG, g, 1)
				p.updateTrans(prevP, q, -1)
			}
			prevG, prevP = g, q
		}
		p.c++
	}
}

// average returns the averaged weights.
func (p *perceptron) average() *dense {
	c := float64(max(p.c, 1))
	d := &dense{w: make([]float32, len(p.w))}
	for i := range p.w {
		d.w[i] = float32(float64(p.w[i]) - float64(p.u[i])/c)
	}
	for a := range p.tw {
		for b := range p.tw[a] {
			d.trans[a][b] = float32(float64(p.tw[a][b]) - float64(p.tu[a][b])/c)
		}
	}
	return d
}

// linear returns the averaged model over feature keys, quantised, without
// all-zero rows.
func (d *dense) linear(keys []uint64) linear {
	var maxAbs float64
	for _, w := range d.w {
		maxAbs = max(maxAbs, math.Abs(float64(w)))
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(maxAbs / 32767)
	}
	var ks []uint64
	var qs []int16
	var q [NumLabels]int16
	for r, k := range keys {
		nz := false
		for l := 0; l < NumLabels; l++ {
			q[l] = int16(math.Round(float64(d.w[r*NumLabels+l]) / float64(scale)))
			nz = nz || q[l] != 0
		}
		if nz {
			ks = append(ks, k)
			qs = append(qs, q[:]...)
		}
	}
	return newLinear(ks, qs, scale, d.trans)
}

// gazetteerOf collects the gold entities of the documents as sequences of
// lower-case token hashes.
func gazetteerOf(docs []*docAnalysis, gold [][][]Label, use func(int) bool) map[uint64]int32 {
	g := map[uint64]int32{}
	for d, ad := range docs {
		if !use(d) {
			continue
		}
		for si := range ad.sents {
			toks, labs := ad.sents[si].toks, gold[d][si]
			for i := 0; i < len(toks); {
				if labs[i] == O {
					i++
					continue
				}
				j := i + 1
				for j < len(toks) && labs[j].Inside() && labelType(labs[j]) == labelType(labs[i]) {
					j++
				}
				if j-i <= maxGazetteer {
					h := uint64(0x51ed2701)
					for k := i; k < j; k++ {
						h = gazKey(h, toks[k].lower)
					}
					g[h] |= 1 << (labelType(labs[i]) - 1)
				}
				i = j
			}
		}
	}
	return g
}

func mapTable(m map[uint64]int32) table {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortKeys(keys)
	vals := make([]int32, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return newTable(keys, vals)
}

// Train fits a model on the examples: the lexicon, a gazetteer of the
// training entities, a first-pass model and (unless OnePass) a second-pass
// model that also sees how the first pass labelled each word elsewhere in the
// document. The gazetteer features and first-pass labels of each training
// document come from the other folds only, as they would for unseen text.
func Train(examples []Example, opts TrainOptions) *Model {
	if opts.Epochs <= 0 {
		opts.Epochs = 10
	}
	if opts.Folds <= 1 {
		opts.Folds = 5
	}
	K := opts.Folds
	m := &Model{gazMax: maxGazetteer}
	if opts.Lexicon != nil {
		m.lex = newTable(opts.Lexicon.build())
	}
	docs := make([]*docAnalysis, len(examples))
	gold := make([][][]Label, len(examples))
	for d, ex := range examples {
		docs[d] = analyzeDoc(ex.Doc, &m.lex, &table{}, 0)
		gold[d] = ex.Gold
	}
	// Words seen once stand for the words the model will not know: half of
	// the capitalised ones (chosen by hash) lose their identity features.
	if opts.RareDropout {
		seen := map[uint64]int32{}
		for _, ad := range docs {
			for si := range ad.sents {
				for _, t := range ad.sents[si].toks {
					seen[t.lower]++
				}
			}
		}
		for _, ad := range docs {
			for si := range ad.sents {
				toks := ad.sents[si].toks
				for i := range toks {
					t := &toks[i]
					t.rare = seen[t.lower] == 1 && t.flags&fUpper != 0 && mix(t.lower)&1 == 0
				}
			}
		}
	}
	fold := func(d int) int { return d % K }
	m.gaz = mapTable(gazetteerOf(docs, gold, func(int) bool { return true }))
	for k := 0; k < K; k++ {
		g := mapTable(gazetteerOf(docs, gold, func(d int) bool { return fold(d) != k }))
		for d, ad := range docs {
			if fold(d) == k {
				for si := range ad.sents {
					matchGazetteer(ad.sents[si].toks, &g, maxGazetteer)
				}
			}
		}
	}

	// First pass.
	var ws workspace
	var buf []uint64
	x1 := &featureIndex{index: map[uint64]int32{}}
	var sents []trainSent
	var sentDoc []int
	docSents := make([][]int, len(docs))
	for d, ad := range docs {
		for si := range ad.sents {
			if len(ad.sents[si].toks) == 0 {
				continue
			}
			docSents[d] = append(docSents[d], len(sents))
			sents = append(sents, x1.sentence(&ad.sents[si], pass1, gold[d][si], buf))
			sentDoc = append(sentDoc, d)
		}
	}
	x1.index = nil
	train := func(sents []trainSent, rows int, stage string, progress func(ep int, d *dense)) *dense {
		p := newPerceptron(rows)
		order := make([]int, len(sents))
		for i := range order {
			order[i] = i
		}
		var avg *dense
		for ep := 1; ep <= opts.Epochs; ep++ {
			p.epoch(sents, order, opts.Seed, uint64(ep), &ws)
			if progress != nil || ep == opts.Epochs {
				avg = p.average()
			}
			if progress != nil {
				progress(ep, avg)
			}
		}
		return avg
	}
	var progress1 func(int, *dense)
	if opts.Progress != nil && opts.OnePass {
		progress1 = func(ep int, d *dense) {
			opts.Progress("pass1", ep, &Model{lex: m.lex, gaz: m.gaz, gazMax: m.gazMax, first: d.linear(x1.keys)})
		}
	}
	full := train(sents, len(x1.keys), "pass1", progress1)
	m.first = full.linear(x1.keys)
	if opts.OnePass {
		return m
	}

	// Jackknifed first-pass labels.
	labels := make([][][]Label, len(docs))
	for d, ad := range docs {
		labels[d] = make([][]Label, len(ad.sents))
		for si := range ad.sents {
			labels[d][si] = make([]Label, len(ad.sents[si].toks))
		}
	}
	for k := 0; k < K; k++ {
		var sub []trainSent
		for i := range sents {
			if fold(sentDoc[i]) != k {
				sub = append(sub, sents[i])
			}
		}
		mk := train(sub, len(x1.keys), "", nil)
		for d, ad := range docs {
			if fold(d) != k {
				continue
			}
			j := 0
			for si := range ad.sents {
				if len(ad.sents[si].toks) == 0 {
					continue
				}
				decodeRows(mk, mk.w, &sents[docSents[d][j]], labels[d][si], &ws)
				j++
			}
		}
	}
	sents = nil

	// Second pass.
	x2 := &featureIndex{index: map[uint64]int32{}}
	var sents2 []trainSent
	for d, ad := range docs {
		ad.docFeatures(labels[d])
		for si := range ad.sents {
			if len(ad.sents[si].toks) == 0 {
				continue
			}
			sents2 = append(sents2, x2.sentence(&ad.sents[si], pass2, gold[d][si], buf))
		}
	}
	x2.index = nil
	var progress2 func(int, *dense)
	if opts.Progress != nil {
		progress2 = func(ep int, d *dense) {
			opts.Progress("pass2", ep, &Model{lex: m.lex, gaz: m.gaz, gazMax: m.gazMax, first: m.first, second: d.linear(x2.keys)})
		}
	}
	second := train(sents2, len(x2.keys), "pass2", progress2)
	m.second = second.linear(x2.keys)
	return m
}
