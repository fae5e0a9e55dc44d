package linker

// Quantities in claim content: "more than 600,000 Russians", "50 mln dlrs",
// "5.2 pct", "between 10 and 20 tonnes".
//
// The finder scans the bytes of the text once into small tokens (words,
// numbers, symbols, punctuation) and reads quantities off the tokens; it
// uses no regular expression and allocates nothing but its result for a
// text (token buffers are pooled). The tokeniser is shared with dates.go.
//
// Rules (see [Quantity] for the fields):
//
//   - Numbers: digits with thousands separators and decimals ("600,000",
//     "2,500.75"), Reuters' mixed fractions ("8-3/4" = 8.75), spelled-out
//     numbers ("three", "twenty-five", "two hundred and fifty", "a dozen",
//     "a million", "half a million"), followed by scale words or suffixes
//     ("1.5 billion", "12 mln", "3 bln", "5bn", "$5m", "5.2-billion", "2.5
//     trillion"). Values are exact for the usual cases ("5.93 mln" is
//     5930000, not 5929999.999).
//   - Qualifiers before the number are normalised to one of: "more than"
//     (more than, over, above, in excess of, upwards of, greater than,
//     higher than, exceeding), "at least" (at least, no less/fewer than,
//     not less/fewer than, a minimum of), "less than" (less than, fewer
//     than, under, below, lower than), "at most" (at most, no/not more
//     than, a maximum of), "up to" (up to, as many as, as much as, as high
//     as), "nearly" (nearly, almost, close to, just under, just shy of),
//     "about" (about, around, approximately, approx, roughly, some, an
//     estimated, estimated, an approximate, circa). After the number, "or
//     more" gives "at least", "or so" gives "about", "or less"/"or fewer"
//     give "at most", and a "-plus" suffix ("5,000-plus") gives "more
//     than". An intensifier before the qualifier ("well over", "just over")
//     is kept in Text and does not change the qualifier. Two more values
//     are set by the finder itself: "between" for ranges and "vague".
//   - Ranges ("between 10 and 20", "10 to 20", "10-20", "eight to 11 pct",
//     "two or three weeks"): Value is the low end, Max the high end,
//     Qualifier "between". "X to Y" is a range only when X is a bare number
//     (no unit of its own, not after "from") and Y > X, so "rose 80 pct to
//     54 mln stg" is two quantities; "X or Y" only for integers with X < Y
//     <= 2X+1; "X-Y" only when Y <= 10X (so "14-981" and "41-40" are not
//     ranges). A scale on the high end alone applies to both ends when the
//     low end is smaller ("between 2 and 3 billion" = 2e9..3e9).
//   - Proportions ("9 in 10", "one in five", "3 out of 4") are percentages:
//     Value 90, 20, 75, Unit "percent".
//   - Vague amounts ("dozens of", "hundreds of", "thousands of", "tens of
//     thousands of", "hundreds of thousands of", "millions of", "scores
//     of", "several hundred", "a few thousand") are kept with Qualifier
//     "vague" and Value the scale (a floor: hundreds -> 100, tens of
//     thousands -> 10000); never compare them as exact numbers.
//   - Unit: a currency (ISO code), a percentage, an attached unit
//     ("17.5-mile" -> "mile", "5km" -> "km", "five-year" -> "year") or
//     else the noun phrase after the number, kept whole as written, up to
//     four words, ending at its first plural head ("10,000 North Korean
//     troops" -> "North Korean troops", "600,000 Russians killed or
//     injured" -> "Russians"). Words ending in -ed, -ing or -ly enter the
//     phrase only before another noun-like word ("500 armed men" -> "armed
//     men", "1,000 people killed" -> "people"). The phrase stops at
//     function words, pronouns, common verbs, possessives, punctuation,
//     numbers, months, weekdays and today/yesterday/tomorrow; a phrase that
//     is a single capitalised singular word is a name, not a unit ("10
//     Mike"). "of" is skipped after vague amounts and "dozen" ("thousands
//     of people" -> "people"). A rate is appended as " per X": "35 dlrs (cash)
//     a share" -> "USD per share", "bpd" -> "barrels per day", but not "a
//     year earlier/ago". No unit gives Unit "".
//   - Currencies: "$", "US$", "C$", "A$", "HK$", "NZ$", "S$", "£", "€", "¥",
//     "₹", "₽", "₩" and the codes USD, EUR, GBP, JPY, CHF, CAD, AUD, CNY,
//     INR, RUB before the number; after it dlrs/dlr/dollars (USD;
//     "Canadian", "Can", "Australian", "Hong Kong", "New Zealand",
//     "Taiwan", "Singapore" dollars -> CAD, AUD, HKD, NZD, TWD, SGD),
//     stg/sterling (GBP), pounds (GBP only after a scale or before
//     "sterling", otherwise the unit "pounds", a weight), yen (JPY), euros
//     (EUR), marks/D-marks (DEM; the singular "mark" only after a scale, so
//     "the 600 mark" is not money), "Swiss"/"French"/"Belgian" francs (CHF,
//     FRF, BEF; bare "francs" stays "francs"), lire (ITL), guilders (NLG),
//     ecus (XEU), roubles (RUB), yuan (CNY), rand (ZAR), riyals (SAR) and a
//     few more; "won" (KRW) only after a scale. Cents and pence are
//     converted: "59 cts" -> Value 0.59, Unit "USD"; "432.7p" -> 4.327 GBP.
//   - Percentages: "5.2 pct", "5.2%", "5.2 percent", "5.2 per cent" ->
//     Unit "percent"; "percentage points"/"pct points" -> "percentage
//     points"; "basis points"/"bps" -> "basis points".
//
// Not quantities: years (a plain four-digit number from 1500 to 2199 unless
// a currency or percentage follows it, or a qualifier precedes it and a
// plural noun follows: "more than 2000 people"), seasons and codes
// ("1986/87", "1987-88", "555-1234", "COVID-19", "F-16", "Section 39A",
// "1.2.3"), numbers with a leading zero ("0914") or ten digits and more
// (identifiers), day numbers next to a month name ("March 3", "3 March",
// "Feb. 26", "July 1-10"), clock times ("10:30", "9 a.m.", "1500 GMT",
// "9am", "1500 hrs"), ordinals ("3rd", "third"), decades ("1980s"), phone
// numbers (after "+", or "(212) 555-1234"), numbered labels ("Article 5",
// "page 3", "No. 10", "#2", "Flight 17", and a plain integer right after a
// capitalised word inside a sentence, "Resolution 2231", unless a plural
// noun follows it), durations with "ago" ("three years ago": a date, see
// [ResolveDates]), "one" as a pronoun ("one of the", "no one", "one
// another", "the one", "one day", "at one point"), "zero" except in "zero
// percent", and spelled-out numbers with neither unit nor qualifier ("the
// two met") which carry no measurable content.
//
// Known limits: a name followed by a number and a plural noun ("Boeing 737
// jets") is read as a count; ages after a name ("Smith, 32,") are bare
// numbers; the unit of "30,000" in "the 30,000 Clinton's lawyers returned"
// (an ellipsis) is lost; "a third of" and other fractions are not read.

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// A Quantity is a number in a text with its qualifier and unit: "more than
// 600,000 Russians" -> {Text: "more than 600,000 Russians", Value: 600000,
// Qualifier: "more than", Unit: "Russians"}. Start and End are byte offsets
// [Start, End) of Text in the article (the base passed to FindQuantities
// added). Max is the high end of a range (Qualifier "between"), 0
// otherwise. The qualifiers, units and what is not a quantity are listed at
// the top of quantity.go.
type Quantity struct {
	Text      string  `json:"text"`
	Value     float64 `json:"value"`
	Max       float64 `json:"max,omitempty"`
	Qualifier string  `json:"qualifier,omitempty"`
	Unit      string  `json:"unit,omitempty"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// FindQuantities returns the quantities of text in order. text is a
// substring of the article starting at byte base; base is added to the
// offsets.
func FindQuantities(text string, base int) []Quantity {
	var sc qtScan
	sc.text = text
	bp := qtTokPool.Get().(*[]qtTok)
	sc.toks = qtTokenize(text, (*bp)[:0])
	var out []Quantity
	floor := 0
	for i := 0; i < len(sc.toks); {
		if !sc.maybeNumber(i) {
			i++
			continue
		}
		q, next, ok := sc.quantityAt(i, floor)
		if ok {
			q.Start += base
			q.End += base
			if out == nil {
				out = make([]Quantity, 0, 2)
			}
			out = append(out, q)
			floor = next
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	qtPutToks(bp, sc.toks)
	return out
}

// Token buffers are pooled: the results never point into them.
var qtTokPool = sync.Pool{New: func() any { b := make([]qtTok, 0, 256); return &b }}

func qtPutToks(bp *[]qtTok, toks []qtTok) {
	if cap(toks) <= 1<<14 {
		*bp = toks[:0]
		qtTokPool.Put(bp)
	}
}

// ---------------------------------------------------------------------------
// Tokens (shared with dates.go)

// Token kinds.
const (
	qkWord = iota + 1
	qkNum
	qkSym
	qkPunct
)

// Shapes of number tokens.
const (
	qnPlain = iota // 600,000  1.5  5bn  17.5-mile
	qnFrac         // 8-3/4
	qnRange        // 10-20
	qnCode         // 1986/87  2024-11-05  1.2.3
	qnTime         // 10:30  15:01:01.79
)

// A qtTok is a token: [s, e) in the text. For a number, [s, ne) is the
// numeric part and [ne, e) an attached suffix ("bn", "-mile", "th").
type qtTok struct {
	s, e  int32
	ne    int32
	kind  uint8
	shape uint8
	upper bool // a word starting with an upper-case letter
	digit bool // a word containing a digit ("F-16", "G20")
}

func qtIsLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func qtIsDigit(c byte) bool  { return c >= '0' && c <= '9' }

// qtTokenize appends the tokens of text to toks.
func qtTokenize(text string, toks []qtTok) []qtTok {
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case qtIsDigit(c):
			var t qtTok
			t, i = qtScanNumber(text, i)
			toks = append(toks, t)
		case qtIsLetter(c):
			j, digit := qtScanWord(text, i)
			toks = append(toks, qtTok{s: int32(i), e: int32(j), kind: qkWord, upper: c <= 'Z', digit: digit})
			i = j
		case c < utf8.RuneSelf:
			k := uint8(qkPunct)
			if c == '$' || c == '%' {
				k = qkSym
			}
			toks = append(toks, qtTok{s: int32(i), e: int32(i + 1), kind: k})
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == '£' || r == '€' || r == '¥' || r == '₹' || r == '₽' || r == '₩':
				toks = append(toks, qtTok{s: int32(i), e: int32(i + size), kind: qkSym})
				i += size
			case unicode.IsLetter(r):
				j, digit := qtScanWord(text, i)
				toks = append(toks, qtTok{s: int32(i), e: int32(j), kind: qkWord, upper: unicode.IsUpper(r), digit: digit})
				i = j
			case unicode.IsSpace(r):
				i += size
			default:
				toks = append(toks, qtTok{s: int32(i), e: int32(i + size), kind: qkPunct})
				i += size
			}
		}
	}
	return toks
}

// qtScanWord returns the end of the word starting at i: letters and digits,
// with inner hyphens and apostrophes ("twenty-five", "year's", "F-16") and
// the dots of one-letter abbreviations ("U.S.", "a.m.").
func qtScanWord(text string, i int) (int, bool) {
	n := len(text)
	j := i
	seg := 0 // letters since the last dot or hyphen
	dots := false
	digit := false
	for j < n {
		c := text[j]
		switch {
		case qtIsLetter(c):
			j++
			seg++
		case qtIsDigit(c):
			j++
			seg++
			digit = true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
				j += size
				seg++
				continue
			}
			if r == '’' && j+size < n && qtIsLetter(text[j+size]) {
				j += size
				seg = 0
				continue
			}
			return j, digit
		case (c == '-' || c == '\'') && j+1 < n && (qtIsLetter(text[j+1]) || c == '-' && qtIsDigit(text[j+1])):
			j++
			seg = 0
		case c == '.' && seg == 1:
			if j+1 < n && qtIsLetter(text[j+1]) && (j+2 >= n || !qtIsLetter(text[j+2])) {
				j++
				seg = 0
				dots = true
				continue
			}
			if dots {
				return j + 1, digit
			}
			return j, digit
		default:
			return j, digit
		}
	}
	return j, digit
}

// qtScanNumber scans the number token starting at the digit at i.
func qtScanNumber(text string, i int) (qtTok, int) {
	n := len(text)
	t := qtTok{s: int32(i), kind: qkNum}
	j := qtDigits(text, i)
	for j+3 < n && text[j] == ',' && qtIsDigit(text[j+1]) && qtIsDigit(text[j+2]) && qtIsDigit(text[j+3]) && (j+4 == n || !qtIsDigit(text[j+4])) {
		j += 4
	}
	if j+1 < n && text[j] == '.' && qtIsDigit(text[j+1]) {
		j = qtDigits(text, j+1)
		if j+1 < n && text[j] == '.' && qtIsDigit(text[j+1]) { // 1.2.3
			for j+1 < n && (text[j] == '.' || qtIsDigit(text[j])) && (qtIsDigit(text[j]) || qtIsDigit(text[j+1])) {
				j++
			}
			t.shape = qnCode
		}
	}
	switch {
	case j+1 < n && text[j] == ':' && qtIsDigit(text[j+1]):
		for j+1 < n && (text[j] == ':' || text[j] == '.') && qtIsDigit(text[j+1]) {
			j = qtDigits(text, j+1)
		}
		t.shape = qnTime
	case j+1 < n && text[j] == '/' && qtIsDigit(text[j+1]):
		for j+1 < n && (text[j] == '/' || text[j] == '-' || text[j] == ',' || text[j] == '.') && qtIsDigit(text[j+1]) {
			j = qtDigits(text, j+1)
		}
		t.shape = qnCode
	case j+1 < n && text[j] == '-' && qtIsDigit(text[j+1]):
		k := qtDigits(text, j+1)
		for k+3 < n && text[k] == ',' && qtIsDigit(text[k+1]) && qtIsDigit(text[k+2]) && qtIsDigit(text[k+3]) && (k+4 == n || !qtIsDigit(text[k+4])) {
			k += 4
		}
		switch {
		case k+1 < n && text[k] == '/' && qtIsDigit(text[k+1]):
			k = qtDigits(text, k+1)
			t.shape = qnFrac
		case k+1 < n && (text[k] == '-' || text[k] == '/') && qtIsDigit(text[k+1]):
			for k+1 < n && (text[k] == '-' || text[k] == '/') && qtIsDigit(text[k+1]) {
				k = qtDigits(text, k+1)
			}
			t.shape = qnCode
		case k+1 < n && text[k] == '.' && qtIsDigit(text[k+1]):
			k = qtDigits(text, k+1)
			t.shape = qnRange
		default:
			t.shape = qnRange
		}
		j = k
	}
	t.ne = int32(j)
	// Attached suffix: "5bn", "3rd", "1980s", "17.5-mile", "45-year-old".
	if j < n && (qtIsLetter(text[j]) || text[j] == '-' && j+1 < n && qtIsLetter(text[j+1])) {
		if text[j] == '-' {
			j++
		}
		for j < n && qtIsLetter(text[j]) {
			j++
			if j+1 < n && text[j] == '-' && qtIsLetter(text[j+1]) {
				j++
			}
		}
	}
	t.e = int32(j)
	return t, j
}

func qtDigits(text string, i int) int {
	for i < len(text) && qtIsDigit(text[i]) {
		i++
	}
	return i
}

// qtScan holds the tokens of one text.
type qtScan struct {
	text string
	toks []qtTok
	buf  [32]byte
}

// key returns token i in lower case (ASCII folding only), in a buffer
// reused by the next call; nil when the token is too long for any lexicon.
func (sc *qtScan) key(i int) []byte {
	if i < 0 || i >= len(sc.toks) {
		return nil
	}
	t := sc.toks[i]
	n := int(t.e - t.s)
	if n > len(sc.buf) {
		return nil
	}
	b := sc.buf[:n]
	for k := range b {
		c := sc.text[int(t.s)+k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	return b
}

// is reports whether token i is the lower-case word w, ignoring case.
func (sc *qtScan) is(i int, w string) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	t := sc.toks[i]
	if int(t.e-t.s) != len(w) {
		return false
	}
	s := sc.text[t.s:t.e]
	for k := 0; k < len(w); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}

func (sc *qtScan) word(i int) bool {
	return i >= 0 && i < len(sc.toks) && sc.toks[i].kind == qkWord
}

func (sc *qtScan) punct(i int, p string) bool {
	return i >= 0 && i < len(sc.toks) && sc.toks[i].kind == qkPunct && sc.text[sc.toks[i].s:sc.toks[i].e] == p
}

func (sc *qtScan) tokText(i int) string { return sc.text[sc.toks[i].s:sc.toks[i].e] }

// adjacent reports whether token j starts where token i ends.
func (sc *qtScan) adjacent(i, j int) bool {
	return i >= 0 && j < len(sc.toks) && sc.toks[i].e == sc.toks[j].s
}

// sentenceInitial reports whether token i starts a sentence of the text.
func (sc *qtScan) sentenceInitial(i int) bool {
	if i == 0 {
		return true
	}
	p := sc.toks[i-1]
	if p.kind != qkPunct {
		return false
	}
	switch sc.text[p.s:p.e] {
	case ".", "!", "?", ":", ";", "\"", "“", "‘", "'", "(", "[", "-", "—", "–":
		return true
	}
	return false
}

func qtSet(words string) map[string]bool {
	m := map[string]bool{}
	w := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' || words[i] == '\n' || words[i] == '\t' {
			if i > w {
				m[words[w:i]] = true
			}
			w = i + 1
		}
	}
	return m
}

var qtPow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// qtParseDigits reads "600,000", "2,500.75", "1.5" as mantissa and
// decimal places.
func qtParseDigits(s string) (mant uint64, dec int, ok bool) {
	seenDot := false
	nd := 0
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case qtIsDigit(c):
			if nd >= 18 {
				return 0, 0, false
			}
			mant = mant*10 + uint64(c-'0')
			nd++
			if seenDot {
				dec++
			}
		case c == ',' && !seenDot:
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return 0, 0, false
		}
	}
	return mant, dec, nd > 0
}

// qtValue returns mant / 10^dec * scale, exact for the usual cases
// ("5.93 mln" = 5930000 exactly).
func qtValue(mant uint64, dec int, scale float64) float64 {
	p := qtPow10[dec]
	if scale >= p {
		return float64(mant) * (scale / p)
	}
	return float64(mant) * scale / p
}

// ---------------------------------------------------------------------------
// Lexicons

var qtSmall = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var qtScales = map[string]float64{
	"hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6,
	"billion": 1e9, "bln": 1e9, "bn": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12,
	"dozen": 12, "lakh": 1e5, "crore": 1e7,
}

// Attached scale suffixes ("5bn", "$5m", "5.2-billion"); "m" and "b" are
// decided by context.
var qtScaleSuffix = map[string]float64{
	"bn": 1e9, "bln": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3,
	"tn": 1e12, "trn": 1e12, "trln": 1e12, "thousand": 1e3, "million": 1e6,
	"billion": 1e9, "trillion": 1e12,
}

var qtVagueWords = map[string]float64{
	"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
	"billions": 1e9, "trillions": 1e12, "tens": 10,
}

// First letters of the words that may start a number.
const qtStartLetters = 1<<('a'-'a') | 1<<('b'-'a') | 1<<('d'-'a') | 1<<('e'-'a') | 1<<('f'-'a') |
	1<<('h'-'a') | 1<<('m'-'a') | 1<<('n'-'a') | 1<<('o'-'a') | 1<<('s'-'a') | 1<<('t'-'a') | 1<<('z'-'a')

// Words that may start a number.
var qtStartWords = func() map[string]bool {
	m := qtSet("a an half several few tens dozens scores hundreds thousands millions billions trillions")
	for w := range qtSmall {
		m[w] = true
	}
	return m
}()

type qtQual struct {
	words []string // in text order
	norm  string
}

// Qualifiers before a number, longest first.
var qtQualifiers = func() []qtQual {
	src := []struct{ norm, phrases string }{
		{"more than", "in excess of|upwards of|upward of|more than|greater than|higher than|over|above|exceeding"},
		{"at least", "no less than|no fewer than|not less than|not fewer than|a minimum of|at least"},
		{"less than", "less than|fewer than|lower than|under|below"},
		{"at most", "no more than|not more than|a maximum of|at most"},
		{"up to", "as many as|as much as|as high as|up to"},
		{"nearly", "just shy of|just under|close to|nearly|almost"},
		{"about", "an estimated|an approximate|approximately|approx|around|about|roughly|some|estimated|circa"},
	}
	var out []qtQual
	for _, s := range src {
		start := 0
		for k := 0; k <= len(s.phrases); k++ {
			if k == len(s.phrases) || s.phrases[k] == '|' {
				p := s.phrases[start:k]
				var ws []string
				w := 0
				for x := 0; x <= len(p); x++ {
					if x == len(p) || p[x] == ' ' {
						ws = append(ws, p[w:x])
						w = x + 1
					}
				}
				out = append(out, qtQual{ws, s.norm})
				start = k + 1
			}
		}
	}
	// longest first, stable
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && len(out[b].words) > len(out[b-1].words); b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}()

// Last words of the qualifiers.
var qtQualLast = func() map[string]bool {
	m := map[string]bool{}
	for _, q := range qtQualifiers {
		m[q.words[len(q.words)-1]] = true
	}
	return m
}()

var qtIntensifiers = qtSet("well just slightly far significantly much substantially considerably")

// Currency classes after a number: class, default unit.
type qtCur struct {
	class string // dollar, cent, pound, pence, franc, mark, peso, rupee, crown, or "" (fixed)
	unit  string
}

var qtCurrencyWords = map[string]qtCur{
	"dlrs": {"dollar", "USD"}, "dlr": {"dollar", "USD"}, "dollars": {"dollar", "USD"}, "dollar": {"dollar", "USD"},
	"cts": {"cent", "USD"}, "ct": {"cent", "USD"}, "cents": {"cent", "USD"}, "cent": {"cent", "USD"},
	"stg": {"", "GBP"}, "sterling": {"", "GBP"}, "pounds": {"pound", "pounds"}, "pound": {"pound", "pound"},
	"pence": {"pence", "GBP"}, "yen": {"", "JPY"}, "euros": {"", "EUR"}, "euro": {"", "EUR"},
	"marks": {"mark", "DEM"}, "mark": {"mark", "DEM"}, "d-marks": {"", "DEM"}, "deutschemarks": {"", "DEM"}, "dm": {"", "DEM"},
	"francs": {"franc", "francs"}, "franc": {"franc", "francs"}, "lire": {"", "ITL"},
	"guilders": {"", "NLG"}, "guilder": {"", "NLG"}, "ecus": {"", "XEU"}, "ecu": {"", "XEU"},
	"roubles": {"", "RUB"}, "rubles": {"", "RUB"}, "rouble": {"", "RUB"}, "ruble": {"", "RUB"},
	"yuan": {"", "CNY"}, "renminbi": {"", "CNY"}, "rupees": {"rupee", "rupees"},
	"pesos": {"peso", "pesos"}, "hryvnias": {"", "UAH"}, "hryvnia": {"", "UAH"},
	"shekels": {"", "ILS"}, "zlotys": {"", "PLN"}, "zloty": {"", "PLN"}, "rand": {"", "ZAR"},
	"crowns": {"crown", "crowns"}, "kronor": {"", "SEK"}, "kroner": {"crown", "kroner"},
	"won": {"won", "KRW"}, "riyals": {"", "SAR"}, "dirhams": {"", "AED"},
}

// Nationality + class -> code ("Canadian dlrs" -> CAD).
var qtCurrencyNat = map[string]string{
	"canadian dollar": "CAD", "australian dollar": "AUD", "u.s. dollar": "USD", "us dollar": "USD",
	"american dollar": "USD", "hong kong dollar": "HKD", "hk dollar": "HKD", "new zealand dollar": "NZD",
	"n.z. dollar": "NZD", "nz dollar": "NZD", "taiwan dollar": "TWD", "taiwanese dollar": "TWD",
	"singapore dollar": "SGD", "canadian cent": "CAD", "australian cent": "AUD", "u.s. cent": "USD",
	"swiss franc": "CHF", "french franc": "FRF", "belgian franc": "BEF", "luxembourg franc": "LUF",
	"german mark": "DEM", "deutsche mark": "DEM", "west german mark": "DEM", "finnish mark": "FIM",
	"mexican peso": "MXN", "argentine peso": "ARS", "philippine peso": "PHP", "chilean peso": "CLP",
	"colombian peso": "COP", "indian rupee": "INR", "pakistani rupee": "PKR", "swedish crown": "SEK",
	"norwegian crown": "NOK", "danish crown": "DKK", "norwegian kroner": "NOK", "danish kroner": "DKK",
	"swedish kroner": "SEK", "czech crown": "CZK", "british pound": "GBP", "can dollar": "CAD",
}

// Words that start a nationality before a currency word (first word).
var qtNatFirst = qtSet(`canadian australian u.s. us american hong hk new n.z. nz taiwan taiwanese singapore swiss french belgian luxembourg german deutsche west finnish mexican argentine philippine chilean colombian indian pakistani swedish norwegian danish czech
	can japanese british chinese russian italian dutch european south korean ukrainian`)

var qtCurrencySymbols = map[string]string{"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW"}

// Prefixes glued to "$": "US$", "C$", "HK$".
var qtDollarPrefix = map[string]string{
	"us": "USD", "u.s.": "USD", "c": "CAD", "can": "CAD", "ca": "CAD", "cdn": "CAD", "a": "AUD",
	"au": "AUD", "aus": "AUD", "nz": "NZD", "hk": "HKD", "s": "SGD", "sg": "SGD", "nt": "TWD",
	"r": "BRL", "mx": "MXN",
}

var qtCurrencyCodes = qtSet("USD EUR GBP JPY CHF CAD AUD CNY INR RUB")

// Rates: "per share", "a day".
var qtPer = qtSet(`day week month year share head capita tonne ton barrel ounce gallon litre liter
	hour kilo kilogram kg pound lb bushel unit person annum mile kilometre kilometer km minute
	second acre hectare seat vehicle car household`)

// Heads of units that are not plural in -s.
var qtUnitHeads = qtSet(`point km kg mm cm mi lb lbs oz mw gw kw kwh mwh gwh twh ha mph kph bpd ft sq
	people men women children police personnel staff cattle sheep fish deer aircraft feet teeth
	mice geese livestock militia clergy folk offspring`)

// Singular nouns in -s (not plural heads).
var qtNotPlural = qtSet(`was has does this his its hers ours yours theirs thus plus minus always
	perhaps whereas across gas news series species means bus virus status census chaos alias canvas
	atlas bias lens corps analysis crisis basis thesis diagnosis axis nexus campus bonus versus
	various previous serious famous numerous anonymous enormous us yes`)

// Words that end a noun phrase.
var qtNPStop = qtSet(`the a an of in on at to for from with by and or but nor as than that which
	who whom whose where when while if because after before since until till during into onto over
	under about against between through across within without among amongst per via vs versus is are
	was were be been being am has have had do does did will would shall should can could may might
	must not no said says say told also already still just only more most less least each every this
	these those their its his her our your my it they he she we you i them him us me last next ago
	earlier later yet so then there here now very too such some any all both either neither other
	another own same what how why whether plus minus up down out off away back even ever again
	including compared according around near like unlike except amid despite toward towards upon
	met went came took gave made got left fled lost won saw held kept ran fell rose sold bought paid
	sent spent built began became remain remains stay stays live die dies fight fights face faces
	need needs want wants work works take takes make makes come comes go goes get gets see sees know
	think thinks believe believes tell tells show shows include includes stand stands sit grew grow
	grows rise rises fall falls drop drops reach reaches cost costs total totals worth apiece each
	respectively altogether annually daily weekly monthly yearly overall instead else alone alike
	percent pct cent mln bln billion million trillion thousand hundred dozen today yesterday tomorrow
	tonight`)

// Words before a number that make it a label ("Article 5").
var qtLabels = qtSet(`article articles section sections paragraph chapter clause resolution rule amendment
	page item line number no nos flight route highway interstate room phase stage round episode
	volume vol grade level category model version type class gate platform district ward precinct
	box exhibit annex appendix figure fig table row column code channel tier step title part
	schedule division ch art sec para pp p`)

// Words after a number that make it a time.
var qtTimeWords = qtSet("am pm a.m. p.m. gmt utc est edt cet cest bst pst pdt cst cdt o'clock")

var qtMonthWords = qtSet(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec`)

var qtWeekdays = qtSet("monday tuesday wednesday thursday friday saturday sunday")

var qtTimeUnits = qtSet("second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries")

// "one" is a pronoun before these.
var qtOneStop = qtSet("day time way thing side hand point another other others more")

var qtDeterminers = qtSet("the no any every each this that which someone anyone everyone no-one")

var qtFractionWords = qtSet("half halves third thirds quarter quarters fifth fifths sixth sixths eighth eighths tenth tenths")

// ---------------------------------------------------------------------------
// Numbers

// A qtNum is a number read at some tokens.
type qtNum struct {
	first, last int // tokens [first, last]
	mant        uint64
	dec         int
	scale       float64 // 1 when none
	val         float64
	max         float64 // high end of "10-20"
	scaled      bool
	vague       bool
	word        bool   // spelled out
	plainInt    bool   // digits only, no separator, no suffix
	ndig        int    // digits of a plain integer
	suffix      string // attached suffix, lower case, without hyphen
	unit        string // attached unit ("mile")
	suffixM     bool   // attached "m"/"b": million/billion or metres?
	qual        string // from a "-plus" suffix
}

// maybeNumber is a cheap test that a number may start at token i.
func (sc *qtScan) maybeNumber(i int) bool {
	t := sc.toks[i]
	if t.kind == qkNum {
		return true
	}
	if t.kind != qkWord || t.e-t.s > 24 {
		return false
	}
	if qtStartLetters&(1<<(sc.text[t.s]|0x20-'a')) == 0 {
		return false
	}
	k := sc.key(i)
	if k == nil {
		return false
	}
	if qtStartWords[string(k)] {
		return true
	}
	// "twenty-five", "five-year"
	for x, c := range k {
		if c == '-' {
			_, ok := qtSmall[string(k[:x])]
			return ok
		}
	}
	return false
}

// number reads the number at token i.
func (sc *qtScan) number(i int) (qtNum, bool) {
	t := sc.toks[i]
	if t.kind == qkNum {
		return sc.digitNumber(i)
	}
	if t.kind != qkWord {
		return qtNum{}, false
	}
	return sc.wordNumber(i)
}

func (sc *qtScan) digitNumber(i int) (qtNum, bool) {
	t := sc.toks[i]
	n := qtNum{first: i, last: i, scale: 1}
	num := sc.text[t.s:t.ne]
	switch t.shape {
	case qnTime, qnCode:
		return n, false
	case qnFrac: // 8-3/4
		if _, ok := qtFracValue(num); !ok {
			return n, false
		}
	case qnRange: // 10-20
		d := 0
		for d < len(num) && num[d] != '-' {
			d++
		}
		lo, ldec, ok1 := qtParseDigits(num[:d])
		hi, hdec, ok2 := qtParseDigits(num[d+1:])
		if !ok1 || !ok2 {
			return n, false
		}
		l, h := qtValue(lo, ldec, 1), qtValue(hi, hdec, 1)
		if h <= l || h > 10*l || d == 3 && len(num)-d-1 >= 4 || d == 4 && l >= 1500 && l < 2200 {
			return n, false // a score, a case number, a phone number, a season
		}
		n.mant, n.dec = lo, ldec
		n.val, n.max = l, h
	default:
		m, dec, ok := qtParseDigits(num)
		if !ok || len(num) > 1 && num[0] == '0' && num[1] != '.' {
			return n, false // "0914", "000"
		}
		n.mant, n.dec = m, dec
		n.val = qtValue(m, dec, 1)
		n.plainInt = true
		for k := 0; k < len(num); k++ {
			if !qtIsDigit(num[k]) {
				n.plainInt = false
			}
		}
		if n.plainInt {
			n.ndig = len(num)
		}
	}
	if t.e > t.ne {
		n.plainInt = false
		suf := sc.text[t.ne:t.e]
		hy := suf[0] == '-'
		if hy {
			suf = suf[1:]
		}
		var lb [24]byte
		if len(suf) > len(lb) {
			return n, false
		}
		l := lb[:len(suf)]
		for k := 0; k < len(suf); k++ {
			c := suf[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			l[k] = c
		}
		ls := string(l) // small; only for numbers with a suffix
		switch {
		case !hy && (ls == "st" || ls == "nd" || ls == "rd" || ls == "th" || ls == "s"):
			return n, false // ordinal, decade
		case qtTimeWords[ls] || ls == "h" || ls == "hr":
			return n, false
		case ls == "plus":
			n.qual = "more than"
		case ls == "p" && !hy:
			n.unit = "GBP"
			n.dec += 2 // pence
			if n.dec >= len(qtPow10) {
				return n, false
			}
		case qtScaleSuffix[ls] != 0:
			if ls == "m" || ls == "b" {
				n.suffixM = true
				n.suffix = ls
			} else {
				n.scale = qtScaleSuffix[ls]
				n.scaled = true
			}
		case len(suf) == 1 && !hy || len(suf) > 12 || qtMixedCase(suf):
			return n, false // "39A", "5G", glued words
		default:
			n.unit = suf
		}
	}
	n.last = sc.scaleWords(i+1, &n)
	switch t.shape {
	case qnFrac:
		v, _ := qtFracValue(num) // checked above
		n.val = v * n.scale
	case qnRange:
		n.val = qtValue(n.mant, n.dec, n.scale)
		n.max *= n.scale
	default:
		n.val = qtValue(n.mant, n.dec, n.scale)
	}
	return n, true
}

// qtFracValue reads a mixed fraction "8-3/4"; ok is false unless it is
// one (whole part, numerator below a non-zero denominator).
func qtFracValue(num string) (float64, bool) {
	d := 0
	for d < len(num) && num[d] != '-' {
		d++
	}
	s := d + 1
	for s < len(num) && num[s] != '/' {
		s++
	}
	if s >= len(num) {
		return 0, false
	}
	w, _, ok1 := qtParseDigits(num[:d])
	a, _, ok2 := qtParseDigits(num[d+1 : s])
	b, _, ok3 := qtParseDigits(num[s+1:])
	if !ok1 || !ok2 || !ok3 || b == 0 || a >= b {
		return 0, false
	}
	return float64(w) + float64(a)/float64(b), true
}

// qtMixedCase reports a lower-case letter followed by an upper-case one
// ("5ptsModerator").
func qtMixedCase(s string) bool {
	for k := 1; k < len(s); k++ {
		if s[k] >= 'A' && s[k] <= 'Z' && s[k-1] >= 'a' && s[k-1] <= 'z' {
			return true
		}
	}
	return false
}

// scaleWords reads scale words from token j ("million", "hundred
// thousand"), multiplying n.scale; it returns the last token of the number.
func (sc *qtScan) scaleWords(j int, n *qtNum) int {
	last := j - 1
	prev := 0.0
	for ; j < len(sc.toks) && sc.toks[j].kind == qkWord; j++ {
		k := sc.key(j)
		s, ok := qtScales[string(k)]
		if !ok || s <= prev || n.suffixM || (n.scaled && prev == 0) {
			break
		}
		n.scale *= s
		n.scaled = true
		prev = s
		last = j
	}
	return last
}

// wordNumber reads a spelled-out or vague number at word token i.
func (sc *qtScan) wordNumber(i int) (qtNum, bool) {
	n := qtNum{first: i, last: i, scale: 1, word: true}
	k := sc.key(i)
	if k == nil {
		return n, false
	}
	// vague: "dozens of", "tens of thousands of"
	if v, ok := qtVagueWords[string(k)]; ok {
		if !sc.is(i+1, "of") {
			return n, false
		}
		j := i + 2
		if vv, ok := qtVagueWords[string(sc.key(j))]; ok && vv > v && vv >= 1e3 && sc.is(j+1, "of") {
			v *= vv
			j += 2
		} else if v == 10 {
			return n, false // "tens of" alone
		}
		n.val, n.vague, n.last = v, true, j-1
		return n, true
	}
	w := ""
	for _, c := range [...]string{"several", "few", "a", "an", "half"} {
		if string(k) == c {
			w = c
		}
	}
	if w != "" {
		j := i + 1
		vague := w == "several" || w == "few"
		if w == "a" && sc.is(j, "few") {
			vague = true
			j++
		}
		if w == "half" {
			if !sc.is(j, "a") {
				return n, false
			}
			j++
		}
		s, ok := qtScales[string(sc.key(j))]
		if !ok || s < 12 || sc.toks[j].kind != qkWord {
			return n, false
		}
		n.mant = 1
		if w == "half" {
			n.mant, n.dec = 5, 1
		}
		n.last = sc.scaleWords(j, &n)
		n.val = qtValue(n.mant, n.dec, n.scale)
		n.vague = vague
		if n.scale == 12 && sc.is(n.last+1, "of") {
			n.last++
		}
		return n, true
	}
	// hyphenated: "twenty-five", "five-year", "two-thirds"
	for x, c := range k {
		if c != '-' {
			continue
		}
		v, ok := qtSmall[string(k[:x])]
		if !ok {
			return n, false
		}
		rest := k[x+1:]
		if u, ok := qtSmall[string(rest)]; ok && v >= 20 && int(v)%10 == 0 && u < 10 {
			n.last = sc.wordTail(i+1, &n, v+u, false)
			return n, true
		}
		if qtFractionWords[string(rest)] || len(rest) > 1 && rest[len(rest)-1] == 's' && qtFractionWords[string(rest[:len(rest)-1])] {
			return n, false
		}
		if len(rest) > 2 && rest[len(rest)-2] == 'l' && rest[len(rest)-1] == 'y' {
			return n, false // "six-monthly"
		}
		if v == 1 && !qtTimeUnits[string(rest)] {
			return n, false // "one-off", "one-sided"
		}
		n.mant, n.val = uint64(v), v
		n.unit = sc.text[int(sc.toks[i].s)+x+1 : sc.toks[i].e]
		return n, true
	}
	v, ok := qtSmall[string(k)]
	if !ok {
		return n, false
	}
	n.last = sc.wordTail(i+1, &n, v, v >= 20 && int(v)%10 == 0)
	return n, true
}

func qtTrimS(s string) string {
	if len(s) > 1 && s[len(s)-1] == 's' {
		return s[:len(s)-1]
	}
	return s
}

// wordTail continues a spelled-out number from token j after a first
// value v: "twenty five", "two hundred and fifty", "three million". tens
// says that v is a multiple of ten that a unit word may follow.
func (sc *qtScan) wordTail(j int, n *qtNum, v float64, tens bool) int {
	total, cur := 0.0, v
	last := j - 1
	canSmall := tens
	afterHundred := false
loop:
	for j < len(sc.toks) && sc.toks[j].kind == qkWord {
		k := sc.key(j)
		if u, ok := qtSmall[string(k)]; ok {
			if !canSmall || u == 0 {
				break
			}
			switch {
			case tens && u < 10:
				cur += u
				tens = false
			case int(cur)%100 == 0:
				cur += u
				tens = u >= 20 && int(u)%10 == 0
			default:
				break loop
			}
			canSmall = tens
			afterHundred = false
			last = j
			j++
			continue
		}
		if string(k) == "and" && (afterHundred || cur == 0 && total > 0) {
			if _, ok := qtSmall[string(sc.key(j+1))]; ok {
				canSmall, tens = true, true
				j++
				continue
			}
			break
		}
		s, ok := qtScales[string(k)]
		if !ok || cur == 0 {
			break
		}
		switch {
		case s == 100:
			if cur >= 100 {
				break loop
			}
			cur *= 100
			canSmall, tens, afterHundred = true, true, true
		case s == 12:
			cur *= 12
			canSmall, afterHundred = false, false
		default:
			total += cur * s
			cur = 0
			canSmall, tens, afterHundred = true, true, true
		}
		n.scaled = true
		last = j
		j++
	}
	n.val = total + cur
	n.mant = uint64(n.val)
	return last
}

// ---------------------------------------------------------------------------
// Quantities

// quantityAt reads the quantity whose number starts at token i; floor is
// the first token not used by the previous quantity. It returns the token
// after the quantity (or where to resume after a rejection).
func (sc *qtScan) quantityAt(i, floor int) (Quantity, int, bool) {
	n, ok := sc.number(i)
	if !ok {
		return Quantity{}, i + 1, false
	}
	toks := sc.toks
	start := i
	cur := ""
	qual := n.qual
	between := false
	betweenTok := -1
	if !n.vague {
		if sc.punct(i-1, "+") && sc.adjacent(i-1, i) {
			// phone number: skip its groups
			j := i + 1
			for j < len(toks) && toks[j].kind == qkNum {
				j++
			}
			return Quantity{}, j, false
		}
		if c, s := sc.currencyBefore(i, floor); c != "" {
			cur, start = c, s
		}
		if q, s := sc.qualifierBefore(start, floor); q != "" {
			qual, start = q, s
		} else if start-1 >= floor && sc.is(start-1, "between") {
			between, betweenTok = true, start-1
		}
	}
	if n.suffixM {
		if cur != "" || sc.pluralNounAt(n.last+1) {
			m := qtScaleSuffix[n.suffix]
			n.scale, n.scaled = m, true
			n.val = qtValue(n.mant, n.dec, m)
		} else if n.suffix == "m" {
			n.unit = sc.text[toks[i].ne:toks[i].e]
		} else {
			return Quantity{}, i + 1, false
		}
	}
	if !n.word && !sc.digitsAllowed(i, &n, cur != "", qual != "" || between) {
		return Quantity{}, i + 1, false
	}

	q := Quantity{Value: n.val, Max: n.max, Qualifier: qual}
	if n.max != 0 {
		q.Qualifier = "between"
	}
	end := n.last + 1 // token after the quantity so far
	unitDone := false

	// Ranges: "between 10 and 20", "10 to 20", "10 - 20".
	if n.max == 0 && !n.vague && n.unit == "" {
		j := end
		isAnd := sc.is(j, "and")
		isTo := !between && (sc.is(j, "to") || sc.punct(j, "-") || sc.punct(j, "–")) && !sc.is(start-1, "from")
		isOr := !between && sc.is(j, "or") && n.dec == 0
		if (between && isAnd) || isTo || isOr {
			k := j + 1
			if k < len(toks) && toks[k].kind == qkSym && cur != "" {
				k++
			}
			if k < len(toks) && sc.maybeNumber(k) {
				if m, ok := sc.number(k); ok && !m.vague && m.max == 0 && m.qual == "" && !(m.plainInt && m.ndig == 4 && m.val >= 1500 && m.val < 2200 && !m.scaled) && !m.suffixM {
					lo, hi := n.val, m.val
					if !n.scaled && m.scaled && n.mant != 0 {
						if l := qtValue(n.mant, n.dec, m.scale); l < hi {
							lo = l
						}
					}
					if between || hi > lo && (!isOr || m.dec == 0 && hi <= 2*lo+1) {
						q.Value, q.Max, q.Qualifier = lo, hi, "between"
						n.unit = m.unit
						end = m.last + 1
						n.last = m.last
						if between {
							start = betweenTok
						}
					}
				}
			}
		}
	}

	// proportions: "9 in 10", "one in five", "3 out of 4" -> percent
	if q.Max == 0 && !n.vague && n.unit == "" && cur == "" && !n.scaled && n.dec == 0 && n.val >= 1 {
		k := -1
		if sc.is(end, "in") {
			k = end + 1
		} else if sc.is(end, "out") && sc.is(end+1, "of") {
			k = end + 2
		}
		if k > 0 && k < len(toks) && sc.maybeNumber(k) {
			if m, ok := sc.number(k); ok && !m.vague && !m.scaled && m.unit == "" && m.max == 0 && m.dec == 0 && m.val > n.val && m.val <= 1000 && !(m.ndig == 4 && m.val >= 1500) {
				q.Value = n.val * 100 / m.val
				q.Unit = "percent"
				end = m.last + 1
				unitDone = true
			}
		}
	}
	if n.unit != "" {
		q.Unit = n.unit
		unitDone = true
	}
	if !unitDone && end < len(toks) && toks[end].kind == qkSym && sc.tokText(end) == "%" {
		q.Unit = "percent"
		end++
		unitDone = true
	}
	// postposed qualifier right after the number: "1,000 or more people"
	if pq, e := sc.postQualifier(end); pq != "" {
		if q.Qualifier == "" {
			q.Qualifier = pq
		}
		end = e
	}
	if !unitDone && (n.vague || n.scale == 12) && sc.is(end, "of") && cur == "" {
		end++
	}
	if cur != "" {
		q.Unit = cur
		unitDone = true
		// "$5 billion dollars": drop a repeated currency word
		if c, e, _ := sc.currencyAfter(end, n.scaled); c != "" {
			end = e
		}
	}
	if !unitDone {
		if u, e, ok := sc.percentAfter(end); ok {
			q.Unit, end, unitDone = u, e, true
		}
	}
	if !unitDone {
		if c, e, cents := sc.currencyAfter(end, n.scaled); c != "" {
			q.Unit, end, unitDone = c, e, true
			if cents {
				q.Value /= 100
				q.Max /= 100
			}
		}
	}
	if !unitDone {
		a, e := sc.nounPhrase(end)
		if e > a && toks[e-1].upper && !sc.pluralKey(sc.key(e-1)) {
			e = a // a name, not a unit: "10 Mike"
		}
		if e > a {
			if e < len(toks) && sc.is(e, "ago") && qtTimeUnits[string(sc.key(e-1))] {
				return Quantity{}, e + 1, false // "three years ago" is a date
			}
			q.Unit = sc.span(a, e)
			end = e
			unitDone = true
		}
	}
	// rates: "per share", "a day", "bpd"
	if q.Unit != "" {
		r := end
		if sc.is(r, "cash") {
			r++ // "35 dlrs cash per share"
		}
		if (sc.is(r, "per") || sc.is(r, "a") || sc.is(r, "an")) && r+1 < len(toks) && toks[r+1].kind == qkWord {
			w := sc.key(r + 1)
			ws := qtTrimS(string(w))
			if (qtPer[string(w)] || qtPer[ws]) && !sc.is(r+2, "earlier") && !sc.is(r+2, "ago") && !sc.is(r+2, "later") && !sc.is(r+2, "before") && !sc.is(r+2, "after") {
				q.Unit = q.Unit + " per " + ws
				end = r + 2
			}
		}
		if q.Unit == "bpd" {
			q.Unit = "barrels per day"
		}
		if pq, e := sc.postQualifier(end); pq != "" {
			if q.Qualifier == "" {
				q.Qualifier = pq
			}
			end = e
		}
	}
	if n.vague {
		q.Qualifier = "vague"
	}

	// spelled-out numbers need content
	if n.word && !n.vague {
		if q.Unit == "" && q.Qualifier == "" || n.val == 0 && q.Unit != "percent" {
			return Quantity{}, i + 1, false
		}
		if n.val == 1 && !n.scaled && n.unit == "" {
			// "one" as a pronoun
			if q.Unit == "" || sc.is(n.last+1, "of") || (i-1 >= floor && sc.word(i-1) && qtDeterminers[string(sc.key(i-1))]) {
				return Quantity{}, i + 1, false
			}
			if q.Qualifier == "" && qtOneStop[string(sc.key(n.last+1))] {
				return Quantity{}, i + 1, false
			}
		}
	}

	s := int(toks[start].s)
	e := int(toks[end-1].e)
	q.Text = sc.text[s:e]
	q.Start, q.End = s, e
	return q, end, true
}

// span returns the text of tokens [a, b), normalising the spacing between
// words when it is not a single space.
func (sc *qtScan) span(a, b int) string {
	s := sc.text[sc.toks[a].s:sc.toks[b-1].e]
	single := true
	for k := a + 1; k < b; k++ {
		if sc.toks[k].s-sc.toks[k-1].e != 1 || sc.text[sc.toks[k-1].e] != ' ' {
			single = false
		}
	}
	if single {
		return s
	}
	out := make([]byte, 0, len(s))
	for k := a; k < b; k++ {
		if k > a {
			out = append(out, ' ')
		}
		out = append(out, sc.tokText(k)...)
	}
	return string(out)
}

// digitsAllowed rejects digit numbers that are years, dates, times or
// labels.
func (sc *qtScan) digitsAllowed(i int, n *qtNum, currency, qualified bool) bool {
	toks := sc.toks
	after := n.last + 1
	if n.unit != "" && !n.scaled {
		// "17.5-mile": still a year or date? "2024-style" is rare; accept.
		return !sc.monthAt(i-1) || n.val > 31
	}
	// clock time: "10.30 am", "1500 GMT"
	if after < len(toks) && toks[after].kind == qkWord && !n.scaled {
		if k := sc.key(after); k != nil && qtTimeWords[string(k)] {
			return false
		}
		if n.ndig == 4 && int(n.val)%100 < 60 && n.val < 2400 && (sc.is(after, "hrs") || sc.is(after, "hours") || sc.is(after, "local") && sc.is(after+1, "time")) {
			return false // military time "1500 hrs"
		}
	}
	if n.scaled || currency {
		return true
	}
	pct := false
	if after < len(toks) {
		if toks[after].kind == qkSym && sc.tokText(after) == "%" {
			pct = true
		} else if _, _, ok := sc.percentAfter(after); ok {
			pct = true
		} else if c, _, _ := sc.currencyAfter(after, false); c != "" {
			pct = true
		}
	}
	if pct {
		return true
	}
	intVal := n.plainInt && n.dec == 0
	if intVal && n.ndig >= 10 {
		return false // an identifier
	}
	if n.max != 0 && n.val < 32 && (sc.monthAt(i-1) || sc.punct(i-1, ".") && sc.monthAt(i-2)) {
		return false // "July 1-10"
	}
	// dates: "March 3", "3 March", "Feb. 26", "January 1986"
	if intVal && (n.val >= 1 && n.val <= 31 || n.ndig == 4) {
		if sc.monthAt(i-1) || sc.punct(i-1, ".") && sc.monthAt(i-2) || sc.monthAt(after) || sc.is(after, "of") && sc.monthAt(after+1) {
			return false
		}
	}
	// years
	if intVal && n.ndig == 4 && n.val >= 1500 && n.val < 2200 {
		if !qualified || !sc.pluralNounAt(after) {
			return false
		}
	}
	if qualified {
		return true
	}
	// labels: "Article 5", "No. 10", "#3", "Boeing 737"
	if n.plainInt && i > 0 {
		p := i - 1
		if sc.punct(p, "#") {
			return false
		}
		if sc.punct(p, ".") && sc.word(p-1) && (sc.is(p-1, "no") || sc.is(p-1, "nos") || sc.is(p-1, "art") || sc.is(p-1, "sec")) {
			return false
		}
		if sc.word(p) {
			k := sc.key(p)
			if k != nil && qtLabels[string(k)] {
				return false
			}
			if toks[p].upper && !sc.sentenceInitial(p) && !toks[p].digit && !sc.pluralNounAt(after) {
				if k == nil || !qtWeekdays[string(k)] && !qtMonthWords[string(k)] && !qtCurrencyCodes[sc.tokText(p)] {
					return false
				}
			}
		}
		// "(212) 555-1234"
		if sc.punct(p, "(") && sc.punct(after, ")") && after+1 < len(toks) && toks[after+1].kind == qkNum {
			return false
		}
	}
	return true
}

// monthAt reports whether token i is a capitalised month name or
// abbreviation.
func (sc *qtScan) monthAt(i int) bool {
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != qkWord || !sc.toks[i].upper {
		return false
	}
	k := sc.key(i)
	return k != nil && qtMonthWords[string(k)]
}

// pluralNounAt reports whether token i is a plural noun (possibly after
// one or two modifiers): "people", "North Korean troops".
func (sc *qtScan) pluralNounAt(i int) bool {
	a, e := sc.nounPhrase(i)
	if e <= a {
		return false
	}
	k := sc.key(e - 1)
	return k != nil && sc.pluralKey(k)
}

func (sc *qtScan) pluralKey(k []byte) bool {
	if qtUnitHeads[string(k)] {
		return true
	}
	n := len(k)
	if n < 3 || k[n-1] != 's' || k[n-2] == 's' || k[n-2] == '\'' {
		return false
	}
	if k[n-2] == 'u' || k[n-2] == 'i' && n > 4 {
		return false
	}
	return !qtNotPlural[string(k)]
}

// nounPhrase returns the tokens [j, e) of the noun phrase starting at j,
// up to four words ending at its first plural head.
func (sc *qtScan) nounPhrase(j int) (int, int) {
	toks := sc.toks
	k := j
	for k < len(toks) && k-j < 4 {
		t := toks[k]
		if t.kind != qkWord || t.digit {
			break
		}
		w := sc.key(k)
		if w == nil || !sc.npWord(k, w) || qtPossessive(w) {
			break
		}
		if sc.pluralKey(w) {
			return j, k + 1
		}
		if qtModifierSuffix(w) {
			// only before another noun-like word
			if k+1 >= len(toks) || toks[k+1].kind != qkWord || toks[k+1].digit {
				break
			}
			nw := sc.key(k + 1)
			if nw == nil || !sc.npWord(k+1, nw) || qtModifierSuffix(nw) && !sc.pluralKey(nw) {
				break
			}
		}
		k++
	}
	return j, k
}

// npWord reports whether word token k (lower-cased w) may be in a noun
// phrase.
func (sc *qtScan) npWord(k int, w []byte) bool {
	if qtNPStop[string(w)] {
		return false
	}
	if _, ok := qtSmall[string(w)]; ok {
		return false
	}
	if _, ok := qtScales[string(w)]; ok {
		return false
	}
	if sc.toks[k].upper && (qtMonthWords[string(w)] || qtWeekdays[string(w)]) {
		return false
	}
	return true
}

// qtPossessive reports a word in 's or ’s.
func qtPossessive(w []byte) bool {
	n := len(w)
	return n > 2 && w[n-1] == 's' && (w[n-2] == '\'' || n > 4 && w[n-2] == 0x99 && w[n-3] == 0x80 && w[n-4] == 0xe2)
}

// qtModifierSuffix reports words in -ed, -ing, -ly, which are verbs or
// adverbs unless a noun follows.
func qtModifierSuffix(w []byte) bool {
	n := len(w)
	if n < 5 {
		return false
	}
	return w[n-2] == 'e' && w[n-1] == 'd' || w[n-3] == 'i' && w[n-2] == 'n' && w[n-1] == 'g' || w[n-2] == 'l' && w[n-1] == 'y'
}

// currencyBefore finds a currency symbol or code right before token i and
// returns its code and first token.
func (sc *qtScan) currencyBefore(i, floor int) (string, int) {
	p := i - 1
	if p < floor {
		return "", i
	}
	t := sc.toks[p]
	if t.kind == qkSym {
		code, ok := qtCurrencySymbols[sc.tokText(p)]
		if !ok {
			return "", i
		}
		if code == "USD" && p-1 >= floor && sc.word(p-1) && sc.adjacent(p-1, p) {
			if k := sc.key(p - 1); k != nil {
				if c, ok := qtDollarPrefix[string(k)]; ok {
					return c, p - 1
				}
			}
		}
		return code, p
	}
	if t.kind == qkWord && qtCurrencyCodes[sc.tokText(p)] {
		return sc.tokText(p), p
	}
	return "", i
}

// qualifierBefore finds a qualifier ending right before token i.
func (sc *qtScan) qualifierBefore(i, floor int) (string, int) {
	if i-1 < floor || !sc.word(i-1) {
		return "", i
	}
	if k := sc.key(i - 1); k == nil || !qtQualLast[string(k)] {
		return "", i
	}
	for _, q := range qtQualifiers {
		a := i - len(q.words)
		if a < floor {
			continue
		}
		ok := true
		for x, w := range q.words {
			if !sc.is(a+x, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if a-1 >= floor && sc.word(a-1) {
			if k := sc.key(a - 1); k != nil && qtIntensifiers[string(k)] {
				a--
			}
		}
		return q.norm, a
	}
	return "", i
}

// postQualifier reads "or more", "or so", "or less" at token j.
func (sc *qtScan) postQualifier(j int) (string, int) {
	if !sc.is(j, "or") {
		return "", j
	}
	switch {
	case sc.is(j+1, "more") || sc.is(j+1, "above") || sc.is(j+1, "over"):
		if sc.is(j+2, "than") {
			return "", j
		}
		return "at least", j + 2
	case sc.is(j+1, "so"):
		return "about", j + 2
	case sc.is(j+1, "less") || sc.is(j+1, "fewer") || sc.is(j+1, "under"):
		if sc.is(j+2, "than") {
			return "", j
		}
		return "at most", j + 2
	}
	return "", j
}

// percentAfter reads a percentage unit at token j.
func (sc *qtScan) percentAfter(j int) (string, int, bool) {
	if j >= len(sc.toks) {
		return "", j, false
	}
	t := sc.toks[j]
	if t.kind == qkSym && sc.tokText(j) == "%" {
		if sc.is(j+1, "points") || sc.is(j+1, "point") {
			return "percentage points", j + 2, true
		}
		return "percent", j + 1, true
	}
	if t.kind != qkWord {
		return "", j, false
	}
	switch {
	case sc.is(j, "pct") || sc.is(j, "percent") || sc.is(j, "per-cent") || sc.is(j, "pc"):
		if sc.is(j+1, "points") || sc.is(j+1, "point") {
			return "percentage points", j + 2, true
		}
		return "percent", j + 1, true
	case sc.is(j, "per") && sc.is(j+1, "cent"):
		if sc.is(j+2, "points") || sc.is(j+2, "point") {
			return "percentage points", j + 3, true
		}
		return "percent", j + 2, true
	case sc.is(j, "percentage") && (sc.is(j+1, "points") || sc.is(j+1, "point")):
		return "percentage points", j + 2, true
	case sc.is(j, "basis") && (sc.is(j+1, "points") || sc.is(j+1, "point")):
		return "basis points", j + 2, true
	case sc.is(j, "bps") || sc.is(j, "bp"):
		return "basis points", j + 1, true
	}
	return "", j, false
}

// currencyAfter reads a currency at token j, with an optional nationality
// ("Canadian dlrs"); cents reports a cent or penny unit.
func (sc *qtScan) currencyAfter(j int, scaled bool) (code string, end int, cents bool) {
	toks := sc.toks
	if j >= len(toks) || toks[j].kind != qkWord {
		return "", j, false
	}
	// nationality of one to three words
	var natBuf [40]byte
	nb := natBuf[:0]
	if k := sc.key(j); k != nil && qtNatFirst[string(k)] {
		for x := j; x < j+3 && x < len(toks) && toks[x].kind == qkWord; x++ {
			k := sc.key(x)
			if c, ok := qtCurrencyWords[string(k)]; ok && x > j {
				if c.class == "" {
					return c.unit, x + 1, false // "Japanese yen"
				}
				key := append(nb, ' ')
				key = append(key, c.class...)
				if code, ok := qtCurrencyNat[string(key)]; ok {
					return code, x + 1, c.class == "cent"
				}
				break
			}
			if x > j {
				nb = append(nb, ' ')
			}
			nb = append(nb, k...)
		}
	}
	k := sc.key(j)
	if k == nil {
		return "", j, false
	}
	c, ok := qtCurrencyWords[string(k)]
	if !ok {
		return "", j, false
	}
	switch c.class {
	case "cent":
		return "USD", j + 1, true
	case "pence":
		return "GBP", j + 1, true
	case "pound":
		if sc.is(j+1, "sterling") {
			return "GBP", j + 2, false
		}
		if scaled {
			return "GBP", j + 1, false
		}
		return "", j, false // weight: left to the noun phrase
	case "mark":
		if !scaled && !sc.is(j, "marks") {
			return "", j, false // "the 1,000 mark"
		}
	case "won":
		if !scaled {
			return "", j, false
		}
	}
	return c.unit, j + 1, false
}
