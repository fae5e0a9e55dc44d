package parse

import (
	"math"
	"sort"
	"strings"
	"sync"
)

// A Tree is the dependency parse of one sentence of n tokens: Head[i] is the
// index of the head of token i (-1 for the root of the sentence) and
// Label[i] its Universal Dependencies relation ("nsubj", "obl",
// "acl:relcl", ...; "root" for the root).
type Tree struct {
	Head  []int
	Label []string
}

// A Parser is a greedy arc-hybrid dependency parser: an averaged
// perceptron picks each transition (shift, left arc, right arc) and a
// second one labels each arc as it is made. It is safe for concurrent use.
type Parser struct {
	trans  []int8 // transition weights (codes, see lut): (1<<transBits) buckets × nTrans
	lab    []int8 // label weights: (1<<labelBits) buckets × len(labels)
	labels []string
	tags   map[string]uint64
	root   int // index of "root" in labels
	cands  map[uint32][]uint8
	vocab  map[string]uint64 // words known by their form, with their hash; nil: all
	// vocabSet holds the hashes of vocab (open addressing, 0 = empty)
	vocabSet []uint64
	all      []uint8 // every label but root
	// dense index of cands: (dependent tag, head tag, left) -> 1 + index
	// into candList, 0 when unseen
	ntags    int
	candIdx  []uint16
	candList [][]uint8
}

// The three transitions of the arc-hybrid system.
const (
	shift = iota
	left  // pop s0, its head is b0
	right // pop s0, its head is s1
	nTrans
)

const (
	transBits = 19
	labelBits = 15
	transMask = 1<<transBits - 1
	labelMask = 1<<labelBits - 1
)

// Parse returns the dependency tree of a tokenized, tagged sentence: words
// as written (prose's normalised form) and their Penn Treebank tags.
func (p *Parser) Parse(words, tags []string) *Tree {
	st := newState(words, tags, p)
	feats := make([]uint64, 0, 80)
	var score [nTrans]int32
	nl := len(p.labels)
	lscore := make([]int32, nl)
	for !st.terminal() {
		feats = st.transFeatures(feats[:0])
		score = [nTrans]int32{}
		for _, h := range feats {
			row := p.trans[(h&transMask)*nTrans:]
			score[0] += lut[uint8(row[0])]
			score[1] += lut[uint8(row[1])]
			score[2] += lut[uint8(row[2])]
		}
		best, bs := -1, int32(0)
		for c := 0; c < nTrans; c++ {
			if st.valid(c) && (best < 0 || score[c] > bs) {
				best, bs = c, score[c]
			}
		}
		h, d := st.arcOf(best)
		lbl := -1
		if best != shift {
			if h == 0 {
				lbl = p.root
			} else {
				cands := p.candidates(st, h, d)
				lbl = int(cands[0])
				if len(cands) > 1 {
					feats = labelFeatures(st, h, d, feats[:0])
					lscore = lscore[:len(cands)]
					for i := range lscore {
						lscore[i] = 0
					}
					for _, f := range feats {
						row := p.lab[int(f&labelMask)*nl : int(f&labelMask)*nl+nl]
						for i, c := range cands {
							lscore[i] += lut[uint8(row[c])]
						}
					}
					bi := 0
					for i := 1; i < len(cands); i++ {
						if lscore[i] > lscore[bi] {
							bi = i
						}
					}
					lbl = int(cands[bi])
				}
			}
		}
		st.apply(best, lbl)
	}
	n := len(words)
	t := &Tree{Head: make([]int, n), Label: make([]string, n)}
	for i := 1; i <= n; i++ {
		t.Head[i-1] = st.head[i] - 1
		if st.label[i] >= 0 {
			t.Label[i-1] = p.labels[st.label[i]]
		}
	}
	statePool.Put(st)
	return t
}

// statePool recycles parser states (and their arrays) between sentences.
var statePool sync.Pool

// Weights are stored as one-byte codes on a logarithmic scale (mu-law):
// lut gives the value of each code, in units of 1/32000 of the table's
// largest weight.
const mu = 255.0

var lut = func() (t [256]int32) {
	for c := -127; c <= 127; c++ {
		v := 32000 / mu * math.Expm1(math.Abs(float64(c))/127*math.Log1p(mu))
		if c < 0 {
			v = -v
		}
		t[uint8(int8(c))] = int32(math.Round(v))
	}
	return t
}()

// code returns the code of weight a (of a table whose largest weight is m).
func code(a, m float64) int8 {
	c := math.Round(127 * math.Log1p(mu*math.Abs(a)/m) / math.Log1p(mu))
	if a < 0 {
		c = -c
	}
	return int8(c)
}

// candKey is the key of the labels seen in training for an arc between
// tags (dependent, head) in a direction; head 0 means any head.
func candKey(dt, ht uint64, left bool) uint32 {
	k := uint32(dt)<<16 | uint32(ht)<<8
	if left {
		k |= 1
	}
	return k
}

// candidates returns the labels that the arc h -> d may take: those seen
// in training between the same tags in the same direction.
func (p *Parser) candidates(st *state, h, d int) []uint8 {
	dt, ht, dir := st.t[d], st.t[h], 0
	if d < h {
		dir = 1
	}
	nt := uint64(p.ntags)
	if dt < nt && ht < nt {
		if k := p.candIdx[(dt*nt+ht)*2+uint64(dir)]; k > 0 {
			return p.candList[k-1]
		}
		if k := p.candIdx[dt*nt*2+uint64(dir)]; k > 0 {
			return p.candList[k-1]
		}
	}
	return p.all
}

// indexCands builds the dense index of the candidate sets.
func (p *Parser) indexCands() {
	p.ntags = len(p.tags) + 3
	p.candIdx = make([]uint16, p.ntags*p.ntags*2)
	p.candList = p.candList[:0]
	keys := make([]uint32, 0, len(p.cands))
	for k := range p.cands {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		dt, ht, dir := int(k>>16), int(k>>8&0xff), int(k&1)
		if dt >= p.ntags || ht >= p.ntags {
			continue
		}
		p.candList = append(p.candList, p.cands[k])
		p.candIdx[(dt*p.ntags+ht)*2+dir] = uint16(len(p.candList))
	}
}

// state is a configuration of the arc-hybrid system. Token 0 is the root;
// the sentence's tokens are 1..n.
type state struct {
	n      int
	w, t   []uint64 // word hashes and tag ids (index 0: the root)
	sfx    []uint64 // suffix hashes
	stack  []int
	b      int // next buffer token; n+1 when the buffer is empty
	head   []int
	label  []int
	lc1    []int // leftmost child (0: none)
	lc2    []int // second leftmost
	rc1    []int // rightmost child
	rc2    []int
	nl, nr []int
	ints   []int    // backing array of the int slices above
	u      []uint64 // backing array of w, t, sfx
}

func newState(words, tags []string, p *Parser) *state {
	n := len(words)
	st, _ := statePool.Get().(*state)
	if st == nil {
		st = &state{}
	}
	if cap(st.ints) < 8*(n+1) {
		st.ints = make([]int, 8*(n+1), 8*(n+1)+64)
		st.u = make([]uint64, 3*(n+1), 3*(n+1)+24)
		st.stack = make([]int, 1, n+8)
	}
	ints := st.ints[:8*(n+1)]
	clear(ints)
	u := st.u[:3*(n+1)]
	*st = state{n: n, b: 1, ints: st.ints, u: st.u,
		w: u[0 : n+1], t: u[n+1 : 2*(n+1)], sfx: u[2*(n+1) : 3*(n+1)],
		stack: st.stack[:1],
		head:  ints[0 : n+1], label: ints[n+1 : 2*(n+1)],
		lc1: ints[2*(n+1) : 3*(n+1)], lc2: ints[3*(n+1) : 4*(n+1)],
		rc1: ints[4*(n+1) : 5*(n+1)], rc2: ints[5*(n+1) : 6*(n+1)],
		nl: ints[6*(n+1) : 7*(n+1)], nr: ints[7*(n+1) : 8*(n+1)],
	}
	st.stack[0] = 0
	st.w[0], st.t[0], st.sfx[0] = hashString("<root>"), 1, 1
	quotes := 0
	var buf [48]byte
	for i := range words {
		tag := punctTag(words, i, &quotes)
		var w []byte
		if tag == "``" || tag == "''" {
			w = append(buf[:0], '"')
		} else {
			w = appendWordForm(buf[:0], words[i])
		}
		if h := hashBytes(w); p.vocab == nil || p.known(h) {
			st.w[i+1] = h
		} else {
			st.w[i+1] = 1 // unknown: its suffix and tag speak for it
		}
		if len(w) > 3 {
			w = w[len(w)-3:]
		}
		st.sfx[i+1] = hashBytes(w)
		if tag == "" {
			tag = tags[i]
		}
		id, ok := p.tags[tag]
		if !ok {
			id = 2
		}
		st.t[i+1] = id
	}
	for i := range st.head {
		st.head[i] = -1
		st.label[i] = -1
	}
	return st
}

// known reports whether a word hash is one of the vocabulary's (an
// open-addressing set of hashes, faster than a map of strings).
func (p *Parser) known(h uint64) bool {
	mask := uint64(len(p.vocabSet) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch p.vocabSet[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// indexVocab builds vocabSet from vocab.
func (p *Parser) indexVocab() {
	n := 16
	for n < 2*len(p.vocab) {
		n *= 2
	}
	p.vocabSet = make([]uint64, n)
	mask := uint64(n - 1)
	for _, h := range p.vocab {
		i := h & mask
		for p.vocabSet[i] != 0 && p.vocabSet[i] != h {
			i = (i + 1) & mask
		}
		p.vocabSet[i] = h
	}
}

// appendWordForm appends wordForm(w) to b.
func appendWordForm(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '1' && c <= '9':
			c = '0'
		case c >= 0x80:
			return append(b[:0], wordForm(w)...)
		}
		b = append(b, c)
	}
	return b
}

func hashBytes(s []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range s {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h | 1<<63
}

// Tags returns the tags the parser reads for a sentence: the given ones,
// with quotes and brackets retagged as the treebank tags them.
func Tags(words, tags []string) []string {
	out := make([]string, len(tags))
	quotes := 0
	for i := range words {
		if t := punctTag(words, i, &quotes); t != "" {
			out[i] = t
		} else {
			out[i] = tags[i]
		}
	}
	return out
}

// punctTag is the treebank tag of a quote or bracket, which prose tags
// unreliably (a straight quote as a noun, a bracket as "("), or "". quotes
// counts the straight quotes seen so far (odd: the next one closes).
func punctTag(words []string, i int, quotes *int) string {
	switch words[i] {
	case "``", "`", "\u201c", "\u2018":
		return "``"
	case "''", "\u201d":
		return "''"
	case `"`:
		*quotes++
		if *quotes%2 == 1 {
			return "``"
		}
		return "''"
	case "'":
		if (i+1 < len(words) && words[i+1] == "'") || (i > 0 && words[i-1] == "'") {
			return "''"
		}
	case "(", "[", "{", "-LRB-", "-LSB-":
		return "-LRB-"
	case ")", "]", "}", "-RRB-", "-RSB-":
		return "-RRB-"
	}
	return ""
}

// wordForm is the form a word is known by: lower case, digits as 0.
func wordForm(w string) string {
	hasUpper, hasDigit := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		} else if c >= '0' && c <= '9' {
			hasDigit = true
		}
	}
	if !hasUpper && !hasDigit {
		return w
	}
	b := []byte(strings.ToLower(w))
	if hasDigit {
		for i, c := range b {
			if c >= '1' && c <= '9' {
				b[i] = '0'
			}
		}
	}
	return string(b)
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h | 1<<63
}

func (st *state) terminal() bool { return st.b > st.n && len(st.stack) == 1 }

func (st *state) valid(c int) bool {
	switch c {
	case shift:
		return st.b <= st.n
	case left:
		return len(st.stack) > 1 && st.b <= st.n
	case right:
		// One root: a token is attached to the root only when the
		// buffer is empty.
		return len(st.stack) > 2 || (len(st.stack) == 2 && st.b > st.n)
	}
	return false
}

// arcOf returns the arc (head, dependent) that transition c would make.
func (st *state) arcOf(c int) (h, d int) {
	k := len(st.stack)
	switch c {
	case left:
		return st.b, st.stack[k-1]
	case right:
		return st.stack[k-2], st.stack[k-1]
	}
	return -1, -1
}

func (st *state) apply(c, lbl int) {
	k := len(st.stack)
	switch c {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
	case left:
		st.addArc(st.b, st.stack[k-1], lbl)
		st.stack = st.stack[:k-1]
	case right:
		st.addArc(st.stack[k-2], st.stack[k-1], lbl)
		st.stack = st.stack[:k-1]
	}
}

func (st *state) addArc(h, d, lbl int) {
	st.head[d] = h
	st.label[d] = lbl
	if d < h {
		st.nl[h]++
		if st.lc1[h] == 0 || d < st.lc1[h] {
			st.lc2[h] = st.lc1[h]
			st.lc1[h] = d
		} else if st.lc2[h] == 0 || d < st.lc2[h] {
			st.lc2[h] = d
		}
	} else {
		st.nr[h]++
		if d > st.rc1[h] {
			st.rc2[h] = st.rc1[h]
			st.rc1[h] = d
		} else if d > st.rc2[h] {
			st.rc2[h] = d
		}
	}
}

// feature hashing

const (
	k1 = 0x9E3779B97F4A7C15
	k2 = 0xC2B2AE3D27D4EB4F
)

func f1(t, a uint64) uint64 {
	h := (t + 1) * k2
	h = (h ^ a) * k1
	return h ^ h>>31
}

func f2(t, a, b uint64) uint64 {
	h := (t + 1) * k2
	h = (h ^ a) * k1
	h = (h ^ h>>29 ^ b) * k1
	return h ^ h>>31
}

func f3(t, a, b, c uint64) uint64 {
	h := (t + 1) * k2
	h = (h ^ a) * k1
	h = (h ^ h>>29 ^ b) * k1
	h = (h ^ h>>29 ^ c) * k1
	return h ^ h>>31
}

func f4(t, a, b, c, d uint64) uint64 {
	h := (t + 1) * k2
	h = (h ^ a) * k1
	h = (h ^ h>>29 ^ b) * k1
	h = (h ^ h>>29 ^ c) * k1
	h = (h ^ h>>29 ^ d) * k1
	return h ^ h>>31
}

func distBucket(d int) uint64 {
	switch {
	case d < 0:
		return 0
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func (st *state) lab(i int) uint64 {
	if i <= 0 {
		return 0
	}
	return uint64(st.label[i] + 2)
}

// transFeatures appends the hashed features of the configuration.
func (st *state) transFeatures(out []uint64) []uint64 {
	k := len(st.stack)
	s0, s1, s2 := -1, -1, -1
	if k > 0 {
		s0 = st.stack[k-1]
	}
	if k > 1 {
		s1 = st.stack[k-2]
	}
	if k > 2 {
		s2 = st.stack[k-3]
	}
	b0, b1, b2 := -1, -1, -1
	if st.b <= st.n {
		b0 = st.b
	}
	if st.b+1 <= st.n {
		b1 = st.b + 1
	}
	if st.b+2 <= st.n {
		b2 = st.b + 2
	}
	W := func(i int) uint64 {
		if i < 0 {
			return 0
		}
		return st.w[i]
	}
	T := func(i int) uint64 {
		if i < 0 || i > st.n {
			return 0
		}
		return st.t[i]
	}
	child := func(arr []int, i int) int {
		if i < 0 || arr[i] == 0 {
			return -1
		}
		return arr[i]
	}
	L := func(i int) uint64 {
		if i < 0 {
			return 0
		}
		return st.lab(i)
	}
	s0w, s0t, s1w, s1t := W(s0), T(s0), W(s1), T(s1)
	b0w, b0t, b1w, b1t, b2t := W(b0), T(b0), W(b1), T(b1), T(b2)
	s2t := T(s2)
	s0l, s0l2, s0r, s0r2 := child(st.lc1, s0), child(st.lc2, s0), child(st.rc1, s0), child(st.rc2, s0)
	s1r := child(st.rc1, s1)
	b0l, b0l2 := child(st.lc1, b0), child(st.lc2, b0)
	d := -1
	if s0 >= 0 && b0 >= 0 {
		d = b0 - s0
	}
	d01 := -1
	if s0 >= 0 && s1 >= 0 {
		d01 = s0 - s1
	}
	dist, dist01 := distBucket(d), distBucket(d01)
	var vl0, vr0, vlb uint64
	if s0 >= 0 {
		vl0, vr0 = uint64(min(st.nl[s0], 5)), uint64(min(st.nr[s0], 5))
	}
	if b0 >= 0 {
		vlb = uint64(min(st.nl[b0], 5))
	}
	var s0sfx, b0sfx uint64
	if s0 >= 0 {
		s0sfx = st.sfx[s0]
	}
	if b0 >= 0 {
		b0sfx = st.sfx[b0]
	}
	out = append(out,
		f1(0, s0w), f1(1, s0t), f2(2, s0w, s0t),
		f1(3, b0w), f1(4, b0t), f2(5, b0w, b0t),
		f1(6, b1w), f1(7, b1t), f1(10, b2t),
		f1(11, s1w), f1(12, s1t), f1(14, s2t),
		f2(20, s0w, b0w), f2(21, s0t, b0t), f2(16, s0w, b0t), f2(17, s0t, b0w),
		f2(22, b0t, b1t), f3(23, b0t, b1t, b2t), f3(24, s0t, b0t, b1t), f3(25, s1t, s0t, b0t),
		f3(26, s0t, T(s0l), b0t), f3(27, s0t, T(s0r), b0t), f3(28, s0t, b0t, T(b0l)),
		f3(29, s1t, T(s1r), s0t), f2(31, s1t, s0t), f2(33, s1t, s0w), f2(34, s1w, s0t), f3(35, s2t, s1t, s0t),
		f2(36, s0w, dist), f3(41, s0t, b0t, dist), f3(42, s1t, s0t, dist01),
		f2(45, s0t, vr0), f2(47, s0t, vl0), f2(49, b0t, vlb),
		f3(66, s0t, L(s0l), L(s0l2)), f3(67, s0t, L(s0r), L(s0r2)), f3(68, b0t, L(b0l), L(b0l2)),
		f2(69, s1t, L(s1r)),
		f2(73, s0sfx, s0t), f2(74, b0sfx, b0t),
		f3(77, T(max(b0-1, -1)), b0t, s0t), f3(78, s0t, T(s0+1), b0t),
	)
	return out
}

// labelFeatures appends the hashed features for labelling the arc h -> d
// (d complete: all its dependents attached).
func labelFeatures(st *state, h, d int, out []uint64) []uint64 {
	dw, dt, hw, ht := st.w[d], st.t[d], st.w[h], st.t[h]
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	dist := distBucket(abs(h - d))
	// the nearest sibling already attached on the same side, closer to h
	sib := st.rc1[h]
	if d < h {
		// left children are attached nearest first: the leftmost so far
		// is the one made last, the nearest to d.
		sib = st.lc1[h]
	}
	var sibL uint64
	if sib > 0 {
		sibL = st.lab(sib)
	}
	dl1, dr1 := st.lc1[d], st.rc1[d]
	var dl1w, dl1l, dr1l uint64
	if dl1 > 0 {
		dl1w, dl1l = st.w[dl1], st.lab(dl1)
	}
	if dr1 > 0 {
		dr1l = st.lab(dr1)
	}
	var pt, nt uint64
	if d > 1 {
		pt = st.t[d-1]
	}
	if d < st.n {
		nt = st.t[d+1]
	}
	out = append(out,
		f2(102, dw, dt), f3(106, dt, ht, dir), f3(107, dw, ht, dir), f3(108, dt, hw, dir),
		f4(110, dt, ht, dir, dist), f3(111, dt, ht, sibL), f3(112, dt, dl1w, dir), f3(113, dt, dl1l, dr1l),
		f3(116, dt, pt, nt), f2(118, st.sfx[d], dt), f4(119, dt, ht, dir, uint64(min(st.nl[d], 3)*4+min(st.nr[d], 3))),
		f3(121, dt, pt, ht),
	)
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
