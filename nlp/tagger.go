package nlp

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
)

// posModel is prose's averaged-perceptron part-of-speech tagger (a port of
// TextBlob's tagger), re-implemented over prose's own trained model files:
// the same features, tag dictionary and special cases as prose's
// perceptronTagger.tag, so the tags are prose's, except that it is
//
//   - deterministic: prose sums the weights of a token's features by
//     iterating Go maps and picks the best class by iterating a map, so
//     float rounding and exact ties make a token's tag vary between
//     processes. Here every weight (prose rounds the averaged weights to
//     three decimals) is held as an integer number of thousandths, so a
//     score is an exact sum whatever the order, and an exact tie goes to the
//     class that sorts first by name.
//   - fast (about ten times): prose's feature strings are parsed once into
//     ids by template (a token's features are then a few lookups of its
//     words and previous tags), a feature's weights are a short slice of
//     (class, weight) pairs, and tagging a sentence allocates nothing per
//     ASCII token.
//
// A loaded posModel is read-only and safe for concurrent use.
type posModel struct {
	classes []string          // class names, sorted; a class is an index into it
	tagDict map[string]string // prose's tag dictionary: word → tag
	off     []int32           // weights of feature f are w[off[f]:off[f+1]]
	w       []classWeight     // sorted by class within a feature

	// Feature ids by template; -1 where the model has no such feature.
	bias    int32
	pref1   [256]int32               // "i pref1" by the word's first byte
	strs    map[string]int32         // word or suffix argument → string id
	strFeat [][posStrTemplates]int32 // by string id, the features of posStrTemplates
	tags    map[string]int32         // previous tag → tag id
	tagFeat [2][]int32               // "i-1 tag", "i-2 tag" by tag id
	tagPair []int32                  // "i tag+i-2 tag" by p1 id × len(tags) + p2 id
	tagWord map[uint64]int32         // "i-1 tag+i word" by p1 id << 32 | word id
}

// The templates of prose's featurize whose one argument is a word or a
// suffix, in the order of posModel.strFeat.
var posStrTemplateNames = [...]string{"i word", "i-1 word", "i-2 word", "i+1 word", "i+2 word", "i suffix", "i-1 suffix", "i+1 suffix"}

const (
	posIWord = iota
	posIm1Word
	posIm2Word
	posIp1Word
	posIp2Word
	posISuffix
	posIm1Suffix
	posIp1Suffix
	posStrTemplates
)

// classWeight is one weight of a feature, in thousandths.
type classWeight struct {
	w int32
	c uint8
}

// posModelFiles are prose's embedded tagger files (see prose's data.go).
const (
	posClassesFile = "model/AveragedPerceptron/classes.gob"
	posTagsFile    = "model/AveragedPerceptron/tags.gob"
	posWeightsFile = "model/AveragedPerceptron/weights.gob"
)

var (
	posOnce   sync.Once
	posShared *posModel
	posErr    error
)

// loadPOSModel decodes prose's tagger model once per process.
func loadPOSModel() (*posModel, error) {
	posOnce.Do(func() { posShared, posErr = decodePOSModel() })
	return posShared, posErr
}

func decodeAsset(name string, v any) error {
	b, err := prose.Asset(name)
	if err != nil {
		return fmt.Errorf("nlp: prose model file %s: %w", name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("nlp: decoding prose model file %s: %w", name, err)
	}
	return nil
}

func decodePOSModel() (*posModel, error) {
	var (
		classes []string
		tagDict map[string]string
		weights map[string]map[string]float64
	)
	if err := decodeAsset(posClassesFile, &classes); err != nil {
		return nil, err
	}
	if err := decodeAsset(posTagsFile, &tagDict); err != nil {
		return nil, err
	}
	if err := decodeAsset(posWeightsFile, &weights); err != nil {
		return nil, err
	}
	// Every class that has a weight, even if classes.gob missed it, in
	// sorted order (the order that breaks ties).
	seen := map[string]bool{}
	for _, c := range classes {
		seen[c] = true
	}
	n := 0
	for _, ws := range weights {
		n += len(ws)
		for c := range ws {
			seen[c] = true
		}
	}
	classes = slices.Sorted(maps.Keys(seen))
	if len(classes) > posMaxClasses {
		return nil, fmt.Errorf("nlp: prose tagger has %d classes, more than %d", len(classes), posMaxClasses)
	}
	cls := make(map[string]uint8, len(classes))
	for i, c := range classes {
		cls[c] = uint8(i)
	}
	m := &posModel{
		classes: classes,
		tagDict: tagDict,
		off:     make([]int32, 1, len(weights)+1),
		w:       make([]classWeight, 0, n),
		strs:    map[string]int32{},
		tags:    map[string]int32{},
		tagWord: map[uint64]int32{},
		bias:    -1,
	}
	type tagged struct{ a, b, feat int32 }
	var (
		strFeats []struct{ tmpl, str, feat int32 }
		tagFeats [2][]tagged
		pairs    []tagged
		tagWords []tagged
	)
	intern := func(ids map[string]int32, s string) int32 {
		id, ok := ids[s]
		if !ok {
			id = int32(len(ids))
			ids[s] = id
		}
		return id
	}
	pref1 := map[string]int{}
	for b, s := range posPref1 {
		pref1[s] = b
	}
	for i := range m.pref1 {
		m.pref1[i] = -1
	}
	for f, ws := range weights {
		start := len(m.w)
		for c, v := range ws {
			milli := math.Round(v * 1000)
			if math.Abs(v*1000-milli) > 1e-6 || math.Abs(milli) > math.MaxInt32/64 {
				return nil, fmt.Errorf("nlp: prose tagger weight %v of %q/%s is not a small multiple of 0.001", v, f, c)
			}
			// A zero weight is kept: it still makes the class a candidate.
			m.w = append(m.w, classWeight{w: int32(milli), c: cls[c]})
		}
		slices.SortFunc(m.w[start:], func(a, b classWeight) int { return int(a.c) - int(b.c) })
		id := int32(len(m.off) - 1)
		m.off = append(m.off, int32(len(m.w)))

		// Which template and arguments spell f. No template name followed
		// by a space starts another, and no tag has a space (so a
		// two-argument feature splits at its first space as prose's
		// strings.Join(..., " ") would have joined it); a feature that
		// cannot be spelt at run time is left out.
		if f == "bias" {
			m.bias = id
			continue
		}
		switch {
		case strings.HasPrefix(f, "i pref1 "):
			if b, ok := pref1[f[len("i pref1 "):]]; ok {
				m.pref1[b] = id
			}
		case strings.HasPrefix(f, "i-1 tag "):
			tagFeats[0] = append(tagFeats[0], tagged{intern(m.tags, f[len("i-1 tag "):]), 0, id})
		case strings.HasPrefix(f, "i-2 tag "):
			tagFeats[1] = append(tagFeats[1], tagged{intern(m.tags, f[len("i-2 tag "):]), 0, id})
		case strings.HasPrefix(f, "i tag+i-2 tag "):
			if p1, p2, ok := strings.Cut(f[len("i tag+i-2 tag "):], " "); ok {
				pairs = append(pairs, tagged{intern(m.tags, p1), intern(m.tags, p2), id})
			}
		case strings.HasPrefix(f, "i-1 tag+i word "):
			if p1, w, ok := strings.Cut(f[len("i-1 tag+i word "):], " "); ok {
				tagWords = append(tagWords, tagged{intern(m.tags, p1), intern(m.strs, w), id})
			}
		default:
			for t, name := range posStrTemplateNames {
				if strings.HasPrefix(f, name+" ") {
					strFeats = append(strFeats, struct{ tmpl, str, feat int32 }{int32(t), intern(m.strs, f[len(name)+1:]), id})
					break
				}
			}
		}
	}
	m.strFeat = make([][posStrTemplates]int32, len(m.strs))
	for i := range m.strFeat {
		for t := range m.strFeat[i] {
			m.strFeat[i][t] = -1
		}
	}
	for _, sf := range strFeats {
		m.strFeat[sf.str][sf.tmpl] = sf.feat
	}
	nt := len(m.tags)
	for k := range m.tagFeat {
		m.tagFeat[k] = slices.Repeat([]int32{-1}, nt)
		for _, tf := range tagFeats[k] {
			m.tagFeat[k][tf.a] = tf.feat
		}
	}
	m.tagPair = slices.Repeat([]int32{-1}, nt*nt)
	for _, p := range pairs {
		m.tagPair[int(p.a)*nt+int(p.b)] = p.feat
	}
	for _, tw := range tagWords {
		m.tagWord[uint64(tw.a)<<32|uint64(tw.b)] = tw.feat
	}
	return m, nil
}

// Prose's special cases (tag.go, tokenize.go of prose v2.0.0).
var (
	posNone = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	posKeep = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// posEmoticons is prose's emoticon list; such a token is tagged SYM.
var posEmoticons = map[string]struct{}{
	"(-8":         {},
	"(-;":         {},
	"(-_-)":       {},
	"(._.)":       {},
	"(:":          {},
	"(=":          {},
	"(o:":         {},
	"(¬_¬)":       {},
	"(ಠ_ಠ)":       {},
	"(╯°□°）╯︵┻━┻": {},
	"-__-":        {},
	"8-)":         {},
	"8-D":         {},
	"8D":          {},
	":(":          {},
	":((":         {},
	":(((":        {},
	":()":         {},
	":)))":        {},
	":-)":         {},
	":-))":        {},
	":-)))":       {},
	":-*":         {},
	":-/":         {},
	":-X":         {},
	":-]":         {},
	":-o":         {},
	":-p":         {},
	":-x":         {},
	":-|":         {},
	":-}":         {},
	":0":          {},
	":3":          {},
	":P":          {},
	":]":          {},
	":`(":         {},
	":`)":         {},
	":`-(":        {},
	":o":          {},
	":o)":         {},
	"=(":          {},
	"=)":          {},
	"=D":          {},
	"=|":          {},
	"@_@":         {},
	"O.o":         {},
	"O_o":         {},
	"V_V":         {},
	"XDD":         {},
	"[-:":         {},
	"^___^":       {},
	"o_0":         {},
	"o_O":         {},
	"o_o":         {},
	"v_v":         {},
	"xD":          {},
	"xDD":         {},
	"¯\\(ツ)/¯":    {},
}

// posSpecial returns the tag prose gives word before consulting its model, if
// any. The regexps are only run when the word has the character every match
// needs ('.' for links, '@' for e-mails, '0' or '*' first for "none", '-'
// first for "keep"), which gives the same answers faster.
func posSpecial(word string) (string, bool) {
	if word == "-" {
		return "-", true
	}
	if _, ok := posEmoticons[word]; ok {
		return "SYM", true
	}
	if strings.HasPrefix(word, "@") ||
		(strings.IndexByte(word, '.') >= 0 && commonregex.LinkRegex.MatchString(word)) ||
		(strings.IndexByte(word, '@') >= 0 && commonregex.EmailRegex.MatchString(word)) {
		return "NN", true
	}
	if (word == "0" || strings.HasPrefix(word, "*")) && posNone.MatchString(word) {
		return "-NONE-", true
	}
	if len(word) == 5 && word[0] == '-' && posKeep.MatchString(word) {
		return word, true
	}
	return "", false
}

// posNormalize is prose's normalize: the form of a word used in the context
// features.
func posNormalize(word string) string { return string(posNormalizeTo(nil, word)) }

// posNormalizeTo appends posNormalize(word) to buf[:0], allocating nothing
// when word is ASCII.
func posNormalizeTo(buf []byte, word string) []byte {
	buf = buf[:0]
	switch {
	case word == "":
		return buf
	case word[0] != '-' && strings.IndexByte(word, '-') >= 0:
		return append(buf, "!HYPHEN"...)
	case len(word) == 4 && posIsInt(word):
		return append(buf, "!YEAR"...)
	case word[0] >= '0' && word[0] <= '9':
		return append(buf, "!DIGITS"...)
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 { // strings.ToLower's Unicode rules
			return append(buf[:0], strings.ToLower(word)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// posIsInt reports whether strconv.Atoi accepts s.
func posIsInt(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

const posMaxClasses = 64 // classes a posScores holds

// strID returns the id of the word or suffix s, or -1.
func (m *posModel) strID(s []byte) int32 {
	if id, ok := m.strs[string(s)]; ok {
		return id
	}
	return -1
}

// tagID returns the id of the tag t as a previous tag, or -1.
func (m *posModel) tagID(t string) int32 {
	if id, ok := m.tags[t]; ok {
		return id
	}
	return -1
}

// posSentence is a sentence prepared for scoring: for each position of
// prose's context (two start markers, the words, two end markers), the
// string ids of its normalised word and of that word's last three bytes.
type posSentence struct {
	word, suffix []int32
}

func (m *posModel) prepare(words []string) posSentence {
	n := len(words) + 4
	ids := make([]int32, 2*n)
	ps := posSentence{word: ids[:n], suffix: ids[n:]}
	buf := make([]byte, 0, 32)
	set := func(k int, norm []byte) {
		ps.word[k] = m.strID(norm)
		ps.suffix[k] = m.strID(norm[len(norm)-min(len(norm), 3):])
	}
	set(0, append(buf[:0], "-START-"...))
	set(1, append(buf[:0], "-START2-"...))
	for i, w := range words {
		buf = posNormalizeTo(buf, w)
		set(i+2, buf)
	}
	set(n-2, append(buf[:0], "-END-"...))
	set(n-1, append(buf[:0], "-END2-"...))
	return ps
}

// tag returns the tags of words, one per word, appended to dst[:0].
func (m *posModel) tag(words []string, dst []string) []string {
	dst = slices.Grow(dst[:0], len(words))
	ps := m.prepare(words)
	p1, p2 := "-START-", "-START2-"
	id1, id2 := m.tagID(p1), m.tagID(p2)
	for i, w := range words {
		tag, ok := posSpecial(w)
		if !ok && w == "" {
			tag, ok = "", true // prose never makes an empty token
		}
		if !ok {
			if tag, ok = m.tagDict[w]; !ok {
				var s posScores
				m.score(ps, i, w, id1, id2, &s)
				tag = s.best(m.classes)
			}
		}
		dst = append(dst, tag)
		p2, p1 = p1, tag
		id2, id1 = id1, m.tagID(tag)
	}
	return dst
}

// posScores are the scores of the classes for one token, in thousandths;
// only classes that some active feature has a weight for are candidates (as
// in prose).
type posScores struct {
	s       [posMaxClasses]int64
	touched uint64
}

// best returns the candidate class with the highest score, the first by
// name on a tie, or "" when there is no candidate (as prose does).
func (s *posScores) best(classes []string) string {
	best := -1
	for c := range classes {
		if s.touched&(1<<c) != 0 && (best < 0 || s.s[c] > s.s[best]) {
			best = c
		}
	}
	if best < 0 {
		return ""
	}
	return classes[best]
}

// add adds the weights of feature f (none if f < 0) to s.
func (m *posModel) add(s *posScores, f int32) {
	if f < 0 {
		return
	}
	for _, cw := range m.w[m.off[f]:m.off[f+1]] {
		s.s[cw.c] += int64(cw.w)
		s.touched |= 1 << cw.c
	}
}

// score sets s to the scores of word i (not empty) of the sentence ps,
// whose previous two tags have ids p1 and p2, from prose's features
// (featurize).
func (m *posModel) score(ps posSentence, i int, w string, p1, p2 int32, s *posScores) {
	j := i + 2 // position in the context
	feat := func(str int32, tmpl int) int32 {
		if str < 0 {
			return -1
		}
		return m.strFeat[str][tmpl]
	}
	sfx := int32(-1)
	if id, ok := m.strs[suffix3(w)]; ok {
		sfx = id
	}
	m.add(s, m.bias)
	m.add(s, feat(sfx, posISuffix))
	m.add(s, m.pref1[w[0]])
	if p1 >= 0 {
		m.add(s, m.tagFeat[0][p1])
	}
	if p2 >= 0 {
		m.add(s, m.tagFeat[1][p2])
	}
	if p1 >= 0 && p2 >= 0 {
		m.add(s, m.tagPair[int(p1)*len(m.tags)+int(p2)])
	}
	m.add(s, feat(ps.word[j], posIWord))
	if p1 >= 0 && ps.word[j] >= 0 {
		if f, ok := m.tagWord[uint64(p1)<<32|uint64(ps.word[j])]; ok {
			m.add(s, f)
		}
	}
	m.add(s, feat(ps.word[j-1], posIm1Word))
	m.add(s, feat(ps.suffix[j-1], posIm1Suffix))
	m.add(s, feat(ps.word[j-2], posIm2Word))
	m.add(s, feat(ps.word[j+1], posIp1Word))
	m.add(s, feat(ps.suffix[j+1], posIp1Suffix))
	m.add(s, feat(ps.word[j+2], posIp2Word))
}

// posPref1[b] is string(b) for a byte b as prose writes it: the byte read
// as a code point (so 0xC3 is "\u00c3", two bytes).
var posPref1 = func() (p [256]string) {
	for b := range p {
		p[b] = string(rune(b))
	}
	return p
}()

// suffix3 is the last three bytes of s (prose slices bytes, not runes).
func suffix3(s string) string { return s[len(s)-min(len(s), 3):] }
