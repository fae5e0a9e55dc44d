package ner

import (
	"cmp"
	"math"
	"slices"
)

// table maps feature keys to weight rows: open addressing with linear
// probing over a power-of-two array; key 0 marks an empty slot (every
// feature key has its low bit set).
type table struct {
	keys []uint64
	rows []int32
	mask uint64
}

// newTable builds a table; vals nil maps the i-th key to i.
func newTable(keys []uint64, vals []int32) table {
	size := 1
	for size < 2*len(keys) {
		size <<= 1
	}
	t := table{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1)}
	for r, k := range keys {
		i := (k >> 1) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		if vals != nil {
			t.rows[i] = vals[r]
		} else {
			t.rows[i] = int32(r)
		}
	}
	return t
}

// sorted returns the keys and values in ascending key order.
func (t *table) sorted() ([]uint64, []int32) {
	var keys []uint64
	for _, k := range t.keys {
		if k != 0 {
			keys = append(keys, k)
		}
	}
	sortKeys(keys)
	vals := make([]int32, len(keys))
	for i, k := range keys {
		vals[i] = t.get(k)
	}
	return keys, vals
}

func (t *table) get(k uint64) int32 {
	i := (k >> 1) & t.mask
	for {
		switch t.keys[i] {
		case k:
			return t.rows[i]
		case 0:
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// linear is one first-order sequence model: feature weights per label, kept
// inline with their key in an open-addressing table (one memory access per
// feature), quantised to int16 with one scale, and label transition weights.
type linear struct {
	slots []slot
	mask  uint64
	n     int                               // number of features
	scale float32                           // a weight is int16 × scale
	trans [NumLabels + 1][NumLabels]float32 // [previous label or start][label]
}

type slot struct {
	key uint64 // 0: empty
	w   [NumLabels]int16
}

// newLinear builds a model from features in any order; w holds NumLabels
// weights per key.
func newLinear(keys []uint64, w []int16, scale float32, trans [NumLabels + 1][NumLabels]float32) linear {
	size := 1
	for size*2 < len(keys)*3 {
		size <<= 1
	}
	l := linear{slots: make([]slot, size), mask: uint64(size - 1), n: len(keys), scale: scale, trans: trans}
	for r, k := range keys {
		i := (k >> 1) & l.mask
		for l.slots[i].key != 0 {
			i = (i + 1) & l.mask
		}
		l.slots[i].key = k
		copy(l.slots[i].w[:], w[r*NumLabels:(r+1)*NumLabels])
	}
	return l
}

// sorted returns the keys in ascending order with their weights.
func (l *linear) sorted() ([]uint64, []int16) {
	var idx []int
	for i := range l.slots {
		if l.slots[i].key != 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(l.slots[a].key, l.slots[b].key) })
	keys := make([]uint64, len(idx))
	w := make([]int16, 0, len(idx)*NumLabels)
	for j, i := range idx {
		keys[j] = l.slots[i].key
		w = append(w, l.slots[i].w[:]...)
	}
	return keys, w
}

// A Model is a trained entity recognizer. It is read-only after loading and
// safe for concurrent use.
type Model struct {
	lex    table // lower-case word hash -> packed lexical facts (see lexicon.go)
	gaz    table // hash of a lower-case token sequence -> entity type mask
	gazMax int   // longest gazetteer entry, in tokens
	first  linear
	second linear // uses document features from the first pass; empty: one pass
}

// scorer computes per-token label scores.
type scorer interface {
	transition(prev, cur Label) float32
}

func (m *linear) emit(feats []uint64, out *[NumLabels]float32) {
	var acc [NumLabels]int32
	if m.n > 0 {
		for _, f := range feats {
			i := (f >> 1) & m.mask
			for {
				sl := &m.slots[i]
				if sl.key == f {
					for l := range acc {
						acc[l] += int32(sl.w[l])
					}
					break
				}
				if sl.key == 0 {
					break
				}
				i = (i + 1) & m.mask
			}
		}
	}
	for l := range acc {
		out[l] = float32(acc[l]) * m.scale
	}
}

func (m *linear) transition(prev, cur Label) float32 { return m.trans[prev][cur] }

// viterbi finds the best label sequence for emission scores em under the
// transition scores of sc, never letting I-X follow anything but B-X or I-X.
func viterbi(sc scorer, em [][NumLabels]float32, out []Label, back [][NumLabels]uint8) {
	n := len(em)
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	var cur, next [NumLabels]float32
	for l := Label(0); l < NumLabels; l++ {
		if allowed(NumLabels, l) {
			cur[l] = em[0][l] + sc.transition(NumLabels, l)
		} else {
			cur[l] = neg
		}
	}
	for i := 1; i < n; i++ {
		for l := Label(0); l < NumLabels; l++ {
			best, arg := neg, uint8(0)
			for p := Label(0); p < NumLabels; p++ {
				if cur[p] == neg || !allowed(p, l) {
					continue
				}
				v := cur[p] + sc.transition(p, l)
				if v > best {
					best, arg = v, uint8(p)
				}
			}
			if best == neg {
				next[l] = neg
			} else {
				next[l] = best + em[i][l]
			}
			back[i][l] = arg
		}
		cur = next
	}
	best, arg := neg, Label(0)
	for l := Label(0); l < NumLabels; l++ {
		if cur[l] > best {
			best, arg = cur[l], l
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = Label(back[i][out[i]])
	}
}

// workspace holds per-call buffers.
type workspace struct {
	toks  []tok
	feats []uint64
	em    [][NumLabels]float32
	back  [][NumLabels]uint8
}

func (w *workspace) grow(n int) {
	if cap(w.em) < n {
		w.em = make([][NumLabels]float32, n)
		w.back = make([][NumLabels]uint8, n)
	}
	w.em, w.back = w.em[:n], w.back[:n]
}

// Recognize labels every token of every sentence of doc and returns the
// labels, one slice per sentence.
func (m *Model) Recognize(doc *Document) [][]Label {
	out := make([][]Label, len(doc.Sentences))
	total := 0
	for i := range doc.Sentences {
		total += len(doc.Sentences[i].Tokens)
	}
	all := make([]Label, total)
	for i := range doc.Sentences {
		n := len(doc.Sentences[i].Tokens)
		out[i], all = all[:n:n], all[n:]
	}
	ad := m.analyze(doc)
	var ws workspace
	for i := range ad.sents {
		m.first.label(&ad.sents[i], pass1, out[i], &ws)
	}
	if m.second.n == 0 {
		return out
	}
	ad.docFeatures(out)
	for i := range ad.sents {
		m.second.label(&ad.sents[i], pass2, out[i], &ws)
	}
	return out
}

func (m *linear) label(s *sentence, pass int, out []Label, ws *workspace) {
	n := len(s.toks)
	if n == 0 {
		return
	}
	ws.grow(n)
	for i := 0; i < n; i++ {
		ws.feats = s.features(i, pass, ws.feats[:0])
		m.emit(ws.feats, &ws.em[i])
	}
	viterbi(m, ws.em, out, ws.back)
}
