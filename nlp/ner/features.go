package ner

import (
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit keys: a template number mixed with the hashes of the
// token attributes it combines. Attribute hashes are FNV-1a over the bytes
// (deterministic across processes and machines); keys are finished with a
// 64-bit mixer so that the low bits index the feature table directly.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func key1(t, a uint64) uint64 { return mix(t*0x9E3779B97F4A7C15+a) | 1 }

func key2(t, a, b uint64) uint64 {
	return mix(mix(t*0x9E3779B97F4A7C15+a)+b*0xC2B2AE3D27D4EB4F) | 1
}

func key3(t, a, b, c uint64) uint64 {
	return mix(mix(mix(t*0x9E3779B97F4A7C15+a)+b*0xC2B2AE3D27D4EB4F)+c*0x165667B19E3779F9) | 1
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	return h * fnvPrime
}

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		return hashByte(h, byte(r))
	}
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	for i := 0; i < n; i++ {
		h = hashByte(h, buf[i])
	}
	return h
}

// Token flags.
const (
	fUpper   = 1 << iota // has an upper-case letter
	fLower               // has a lower-case letter
	fDigit               // has a digit
	fInitCap             // first rune is upper case
	fLetter              // has a letter
)

// tok holds the attribute hashes of one token.
type tok struct {
	word, lower, norm, shape, short, pos uint64
	pre, suf                             [4]uint64 // of the lower-case form; 0 when shorter
	flags                                uint8
	glue                                 uint8  // 1: no space before the token; 2: a line break before it
	lex                                  uint32 // lexicon entry of the lower-case form (lexicon.go)
	gaz                                  [3]uint8
	cased                                uint8 // how the word is written elsewhere in the document
	doc                                  uint8 // type evidence from the first pass elsewhere in the document
	p1                                   Label // first-pass label
	rare                                 bool  // training only: a capitalised word seen once, its identity features left out
}

// Special attribute values for positions outside the sentence.
var (
	hBOS = hashString("<s>")
	hEOS = hashString("</s>")
)

func shapeClass(r rune) byte {
	switch {
	case r >= 'A' && r <= 'Z':
		return 'X'
	case r >= 'a' && r <= 'z':
		return 'x'
	case r >= '0' && r <= '9':
		return 'd'
	case r < utf8.RuneSelf:
		return byte(r)
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return '*'
}

func lowerRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 32
		}
		return r
	}
	return unicode.ToLower(r)
}

// analyze fills the attribute hashes of a token from its text.
func analyze(t *tok, text, tag string) {
	word, lower, norm, shape, short := uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
	var flags uint8
	var last byte
	run := 0
	n := 0
	for i, r := range text {
		if r < utf8.RuneSelf {
			word = hashByte(word, byte(r))
		} else {
			word = hashRune(word, r)
		}
		lr := lowerRune(r)
		lower = hashRune(lower, lr)
		c := shapeClass(r)
		switch c {
		case 'X':
			flags |= fUpper | fLetter
			if i == 0 {
				flags |= fInitCap
			}
		case 'x':
			flags |= fLower | fLetter
		case 'd':
			flags |= fDigit
			lr = '0'
		}
		norm = hashRune(norm, lr)
		if c == last {
			run++
		} else {
			run = 1
			short = hashByte(short, c)
		}
		if run <= 4 {
			shape = hashByte(shape, c)
		}
		last = c
		if n < 4 {
			t.pre[n] = lower
		}
		n++
	}
	for k := n; k < 4; k++ {
		t.pre[k] = 0
	}
	// Suffixes: hash the last k runes of the lower-case form.
	for k := 1; k <= 4; k++ {
		if k > n {
			t.suf[k-1] = 0
			continue
		}
		j := len(text)
		for m := 0; m < k; m++ {
			_, sz := utf8.DecodeLastRuneInString(text[:j])
			j -= sz
		}
		h := uint64(fnvOffset)
		for _, r := range text[j:] {
			h = hashRune(h, lowerRune(r))
		}
		t.suf[k-1] = h
	}
	t.word, t.lower, t.norm, t.shape, t.short = word, lower, norm, shape, short
	if usePOS {
		t.pos = hashString(tag)
	}
	t.flags = flags
}

// usePOS switches the part-of-speech features on. They are off: prose's
// tagger sums its weights in map order and breaks ties by map order, so the
// same sentence can get different tags in different processes, and the
// labels (and a retrained model) would not be reproducible. Without them dev
// F1 is about the same, as word clusters and shapes carry that information.
const usePOS = false

// Feature templates. The numbers are part of the model format: append new
// ones, never renumber.
const (
	tBias uint64 = iota + 1
	tWord
	tLower
	tNorm
	tShape
	tShort
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tShortM1
	tShortP1
	tShortM2
	tShortP2
	tShort3
	tPos
	tPosM1
	tPosP1
	tPosM2
	tPosP2
	tPosM1Pos
	tPosPosP1
	tLowerM1Lower
	tLowerLowerP1
	tLowerM1Short
	tShortLowerP1
	tFirstShort
	tFirstLower
	tCapsLower
	tCapsShort
	tHeadShort
	tShapeM1Shape
	tShapeShapeP1
	tWordM1
	tWordP1
	tGlue
	tGlueNext
	tLex
	tLexShort
	tLexM1
	tLexP1
	tGaz
	tGazShort
	tCased
	tCasedShort
	tDocMaj
	tDocAny
	tDocMajShort
	tP1
	tP1M1
	tP1P1
	tCluster
	tP1Doc
	tCluster2
	tCluster3
	tClusterM1
	tClusterP1
)

// Passes of feature extraction.
const (
	pass1 = 1 // local and lexical features
	pass2 = 2 // plus document features from the first pass
)

// sentFlags are properties of a whole sentence.
const (
	sCaps     = 1 << iota // no token has a lower-case letter
	sHeadline             // the article's headline
)

// sentence holds the analysed tokens of one sentence.
type sentence struct {
	toks  []tok
	flags uint8
}

// features appends the feature keys of token i to out.
func (s *sentence) features(i int, pass int, out []uint64) []uint64 {
	toks := s.toks
	t := &toks[i]
	get := func(j int) *tok {
		if j < 0 || j >= len(toks) {
			return nil
		}
		return &toks[j]
	}
	lowerAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return x.lower
		}
		if j < 0 {
			return hBOS
		}
		return hEOS
	}
	shortAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return x.short
		}
		if j < 0 {
			return hBOS
		}
		return hEOS
	}
	shapeAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return x.shape
		}
		if j < 0 {
			return hBOS
		}
		return hEOS
	}
	posAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return x.pos
		}
		if j < 0 {
			return hBOS
		}
		return hEOS
	}
	wordAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return x.word
		}
		if j < 0 {
			return hBOS
		}
		return hEOS
	}
	caps := uint64(s.flags & sCaps)
	if pass == pass2 {
		return s.features2(i, caps, out)
	}
	if !t.rare {
		out = append(out, key1(tWord, t.word), key1(tLower, t.lower), key1(tNorm, t.norm))
	}
	out = append(out,
		key1(tBias, caps),
		key2(tShape, t.shape, caps),
		key2(tShort, t.short, caps),
	)
	for k := 0; k < 4; k++ {
		if t.pre[k] != 0 {
			out = append(out, key1(tPre1+uint64(k), t.pre[k]))
		}
		if t.suf[k] != 0 {
			out = append(out, key1(tSuf1+uint64(k), t.suf[k]))
		}
	}
	lm1, lp1 := lowerAt(i-1), lowerAt(i+1)
	sm1, sp1 := shortAt(i-1), shortAt(i+1)
	if usePOS {
		pm1, pp1 := posAt(i-1), posAt(i+1)
		out = append(out,
			key1(tPos, t.pos),
			key1(tPosM1, pm1),
			key1(tPosP1, pp1),
			key1(tPosM2, posAt(i-2)),
			key1(tPosP2, posAt(i+2)),
			key2(tPosM1Pos, pm1, t.pos),
			key2(tPosPosP1, t.pos, pp1),
		)
	}
	out = append(out,
		key1(tLowerM1, lm1),
		key1(tLowerP1, lp1),
		key1(tLowerM2, lowerAt(i-2)),
		key1(tLowerP2, lowerAt(i+2)),
		key2(tShortM1, sm1, caps),
		key2(tShortP1, sp1, caps),
		key2(tShortM2, shortAt(i-2), caps),
		key2(tShortP2, shortAt(i+2), caps),
		key3(tShort3, sm1, t.short, sp1),
		key2(tLowerM1Short, lm1, t.short),
		key2(tShortLowerP1, t.short, lp1),
		key2(tShapeM1Shape, shapeAt(i-1), t.shape),
		key2(tShapeShapeP1, t.shape, shapeAt(i+1)),
		key1(tWordM1, wordAt(i-1)),
		key1(tWordP1, wordAt(i+1)),
	)
	if !t.rare {
		out = append(out, key2(tLowerM1Lower, lm1, t.lower), key2(tLowerLowerP1, t.lower, lp1))
	}
	if i == 0 {
		out = append(out, key1(tFirstShort, t.short))
		if !t.rare {
			out = append(out, key1(tFirstLower, t.lower))
		}
	}
	if caps != 0 && !t.rare {
		out = append(out, key1(tCapsLower, t.lower))
		if usePOS {
			out = append(out, key1(tCapsShort, t.pos))
		}
	}
	if s.flags&sHeadline != 0 {
		out = append(out, key1(tHeadShort, t.short))
	}
	glueNext := uint64(0)
	if i+1 < len(toks) {
		glueNext = uint64(toks[i+1].glue)
	}
	out = append(out,
		key2(tGlue, uint64(t.glue), t.short),
		key2(tGlueNext, glueNext, t.short),
	)
	lexAt := func(j int) uint64 {
		if x := get(j); x != nil {
			return uint64(x.lex & lexCaseMask)
		}
		return 0xff
	}
	lc := uint64(t.lex & lexCaseMask)
	out = append(out,
		key2(tLex, lc, caps),
		key3(tLexShort, lc, t.short, uint64(t.flags&fInitCap)|uint64(boolInt(i == 0))<<1),
		key2(tLexM1, lexAt(i-1), lc),
		key2(tLexP1, lc, lexAt(i+1)),
	)
	if t.lex>>lexClusterShift != 0 {
		c := clusterIDs(t.lex)
		out = append(out, key1(tCluster, uint64(c[0])), key1(tCluster2, uint64(c[1])), key2(tCluster3, uint64(c[2]), caps))
	}
	cm1, cp1 := uint64(1<<20), uint64(1<<20)
	if i > 0 {
		cm1 = uint64(clusterIDs(toks[i-1].lex)[1])
	}
	if i+1 < len(toks) {
		cp1 = uint64(clusterIDs(toks[i+1].lex)[1])
	}
	out = append(out, key1(tClusterM1, cm1), key1(tClusterP1, cp1))
	for _, g := range t.gaz {
		if g == 0 {
			break
		}
		out = append(out, key1(tGaz, uint64(g)), key2(tGazShort, uint64(g), t.short))
	}
	out = append(out, key2(tCased, uint64(t.cased), caps), key2(tCasedShort, uint64(t.cased), t.short))
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// features2 appends the features of the second pass: the first-pass labels
// around the token, what the first pass said about the same word elsewhere in
// the document, and a few local features.
func (s *sentence) features2(i int, caps uint64, out []uint64) []uint64 {
	toks := s.toks
	t := &toks[i]
	d := uint64(t.doc)
	p1 := uint64(t.p1)
	p1m1, p1p1 := uint64(NumLabels), uint64(NumLabels)
	lm1, lp1 := hBOS, hEOS
	sm1, sp1 := hBOS, hEOS
	if i > 0 {
		p1m1 = uint64(toks[i-1].p1)
		lm1 = toks[i-1].lower
		sm1 = toks[i-1].short
	}
	if i+1 < len(toks) {
		p1p1 = uint64(toks[i+1].p1)
		lp1 = toks[i+1].lower
		sp1 = toks[i+1].short
	}
	out = append(out,
		key1(tBias, caps),
		key2(tShort, t.short, caps),
		key1(tLowerM1, lm1),
		key1(tLowerP1, lp1),
		key2(tLex, uint64(t.lex&lexCaseMask), caps),
		key2(tCased, uint64(t.cased), caps),
		key2(tDocMaj, d&7, caps),
		key1(tDocAny, d>>3),
		key2(tDocMajShort, d&7, t.short),
		key1(tP1, p1),
		key2(tP1M1, p1m1, p1),
		key2(tP1P1, p1, p1p1),
		key3(tP1Doc, p1, d&7, caps),
		key2(tShape, t.shape, caps),
		key1(tSuf3, t.suf[2]),
		key2(tShortM1, sm1, caps),
		key2(tShortP1, sp1, caps),
		key1(tCluster2, uint64(clusterIDs(t.lex)[1])),
	)
	for _, g := range t.gaz {
		if g == 0 {
			break
		}
		out = append(out, key1(tGaz, uint64(g)))
	}
	if !t.rare {
		out = append(out, key1(tWord, t.word), key1(tLower, t.lower),
			key2(tLowerM1Lower, lm1, t.lower), key2(tLowerLowerP1, t.lower, lp1))
	}
	return out
}
