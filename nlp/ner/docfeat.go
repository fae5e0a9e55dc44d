package ner

// docAnalysis holds the analysed tokens of a whole document.
type docAnalysis struct {
	sents []sentence
	words map[uint64]*wordStats // by lower-case hash, capitalised tokens only
}

// wordStats counts how a word is written and labelled across a document.
type wordStats struct {
	cased [3]int32 // capitalised, lower case, all capitals (in mixed-case sentences, not sentence-initial)
	types [5]int32 // first-pass type of its capitalised occurrences: O, PER, ORG, LOC, MISC
}

func (m *Model) analyze(doc *Document) *docAnalysis {
	return analyzeDoc(doc, &m.lex, &m.gaz, m.gazMax)
}

// analyzeDoc computes the token attributes and the pass-1 features that
// need the whole document.
func analyzeDoc(doc *Document, lex, gaz *table, gazMax int) *docAnalysis {
	n := 0
	for i := range doc.Sentences {
		n += len(doc.Sentences[i].Tokens)
	}
	all := make([]tok, n)
	ad := &docAnalysis{sents: make([]sentence, len(doc.Sentences)), words: make(map[uint64]*wordStats, n/2)}
	text := doc.Text
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		toks := all[:len(s.Tokens):len(s.Tokens)]
		all = all[len(s.Tokens):]
		var flags uint8 = sCaps
		letters := 0
		for i := range s.Tokens {
			t := &toks[i]
			st := &s.Tokens[i]
			analyze(t, st.Text, st.Tag)
			if t.flags&fLower != 0 {
				flags &^= sCaps
			}
			if t.flags&fLetter != 0 {
				letters++
			}
			if i > 0 {
				pe := s.Tokens[i-1].End
				if pe == st.Start {
					t.glue = 1
				} else if pe >= 0 && pe < st.Start && st.Start <= len(text) && hasNewline(text[pe:st.Start]) {
					t.glue = 2
				}
			}
			if lex.keys != nil {
				if v := lex.get(t.lower); v >= 0 {
					t.lex = uint32(v)
				}
			}
		}
		if letters == 0 {
			flags &^= sCaps
		}
		if s.Headline {
			flags |= sHeadline
		}
		ad.sents[si] = sentence{toks: toks, flags: flags}
		if gaz.keys != nil {
			matchGazetteer(toks, gaz, gazMax)
		}
	}
	// How each word is written elsewhere in the document.
	for si := range ad.sents {
		s := &ad.sents[si]
		for i := range s.toks {
			t := &s.toks[i]
			if t.flags&fLetter == 0 {
				continue
			}
			w := ad.words[t.lower]
			if w == nil {
				w = &wordStats{}
				ad.words[t.lower] = w
			}
			if c := casing(s, i); c >= 0 {
				w.cased[c]++
			}
		}
	}
	for si := range ad.sents {
		s := &ad.sents[si]
		for i := range s.toks {
			t := &s.toks[i]
			if t.flags&fLetter == 0 {
				continue
			}
			w := ad.words[t.lower]
			c := w.cased
			if k := casing(s, i); k >= 0 {
				c[k]--
			}
			var v uint8
			for k := range c {
				if c[k] > 0 {
					v |= 1 << k
				}
			}
			t.cased = v
		}
	}
	return ad
}

func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// casing classifies token i of s for the document's word statistics: 0
// capitalised, 1 lower case, 2 all capitals; -1 when it says nothing (a
// sentence-initial token, an all-capitals sentence).
func casing(s *sentence, i int) int {
	if s.flags&sCaps != 0 || i == 0 {
		return -1
	}
	t := &s.toks[i]
	switch {
	case t.flags&fLower == 0 && t.flags&fUpper != 0:
		return 2
	case t.flags&fInitCap != 0:
		return 0
	case t.flags&fUpper == 0 && t.flags&fLower != 0:
		return 1
	}
	return -1
}

// labelType maps a label to 0 (O) or 1..4 (PER, ORG, LOC, MISC).
func labelType(l Label) int { return (int(l) + 1) / 2 }

// docFeatures records the first-pass labels and, for every capitalised
// token, the types the first pass gave the same word elsewhere in the
// document.
func (ad *docAnalysis) docFeatures(labels [][]Label) {
	for _, w := range ad.words {
		w.types = [5]int32{}
	}
	for si := range ad.sents {
		s := &ad.sents[si]
		for i := range s.toks {
			t := &s.toks[i]
			t.p1 = labels[si][i]
			if t.flags&fUpper != 0 {
				ad.words[t.lower].types[labelType(t.p1)]++
			}
		}
	}
	for si := range ad.sents {
		s := &ad.sents[si]
		for i := range s.toks {
			t := &s.toks[i]
			t.doc = 0
			if t.flags&fUpper == 0 {
				continue
			}
			c := ad.words[t.lower].types
			c[labelType(t.p1)]--
			best, arg := int32(0), -1
			var any uint8
			for k, v := range c {
				if v > best {
					best, arg = v, k
				}
				if k > 0 && v > 0 {
					any |= 1 << (k - 1)
				}
			}
			if arg >= 0 {
				t.doc = uint8(arg+1) | any<<3
			}
		}
	}
}

// Gazetteer codes: bits 0-3 the type mask, bits 4-5 the position in the
// match (0 single token, 1 first, 2 inside, 3 last), bit 7 set.

// gazKey hashes a sequence of lower-case token hashes.
func gazKey(h, lower uint64) uint64 { return mix(h^lower) | 1 }

// matchGazetteer sets the gazetteer codes of the tokens of one sentence:
// every entry that starts at a token with a capital letter or digit.
func matchGazetteer(toks []tok, gaz *table, gazMax int) {
	for i := range toks {
		if toks[i].flags&(fUpper|fDigit) == 0 {
			continue
		}
		h := uint64(0x51ed2701)
		for j := i; j < len(toks) && j-i < gazMax; j++ {
			h = gazKey(h, toks[j].lower)
			v := gaz.get(h)
			if v <= 0 {
				continue
			}
			n := j - i + 1
			for k := i; k <= j; k++ {
				pos := 2
				switch {
				case n == 1:
					pos = 0
				case k == i:
					pos = 1
				case k == j:
					pos = 3
				}
				addGaz(&toks[k], uint8(v&15)|uint8(pos)<<4|0x80)
			}
		}
	}
}

func addGaz(t *tok, code uint8) {
	for k := range t.gaz {
		if t.gaz[k] == code {
			return
		}
		if t.gaz[k] == 0 {
			t.gaz[k] = code
			return
		}
	}
}
