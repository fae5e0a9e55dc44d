package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A line is one line of the input text, without its newline.
type line struct {
	Span
	text   string
	indent bool // starts with whitespace
}

func splitLines(text string) []line {
	var out []line
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		t := text[start:end]
		t = strings.TrimSuffix(t, "\r")
		out = append(out, line{Span: Span{start, start + len(t)}, text: t,
			indent: len(t) > 0 && (t[0] == ' ' || t[0] == '\t')})
		start = end + 1
	}
	return out
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// wrapped reports whether the text looks hard-wrapped at a fixed width
// (Reuters and e-mail style), in which case a single newline does not end a
// sentence.
func wrapped(lines []line) bool {
	n, band, max := 0, 0, 0
	for _, l := range lines {
		w := utf8.RuneCountInString(strings.TrimSpace(l.text))
		if w == 0 {
			continue
		}
		n++
		if w > max {
			max = w
		}
		if w >= 45 && w <= 90 {
			band++
		}
	}
	return n >= 3 && max <= 100 && band*2 > n
}

// A block is a run of lines that belong to one paragraph.
type block struct {
	lines []line
}

func (b block) span() Span {
	return Span{b.lines[0].Start, b.lines[len(b.lines)-1].End}
}

// paragraphs splits text into paragraphs: blank lines always separate them;
// in hard-wrapped text an indented line starts a new one; in text that is not
// wrapped every line is its own paragraph (one line, one paragraph is how
// web and JSON news bodies arrive).
func paragraphs(text string) []block {
	lines := splitLines(text)
	wrap := wrapped(lines)
	var out []block
	var cur []line
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{lines: cur})
			cur = nil
		}
	}
	for _, l := range lines {
		if isBlank(l.text) {
			flush()
			continue
		}
		if len(cur) > 0 && (!wrap || l.indent) {
			flush()
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// trimSpan shrinks a span to exclude surrounding white space.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// abbreviations that do not end a sentence when followed by a period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "st": true, "jr": true, "sr": true, "rev": true, "hon": true,
	"pres": true, "supt": true, "insp": true, "amb": true, "atty": true, "messrs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "bros": true, "plc": true, "llc": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": true, "approx": true, "est": true,
	"dept": true, "univ": true, "assn": true, "ave": true, "blvd": true, "ft": true, "mt": true,
	"fig": true, "vol": true, "pp": true, "cf": true, "al": true, "e.g": true, "i.e": true,
}

// sentenceStarters are words that, after an acronym with a final period
// ("U.S."), show that a new sentence begins.
var sentenceStarters = map[string]bool{
	"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"But": true, "In": true, "A": true, "An": true, "This": true, "That": true, "These": true,
	"Those": true, "There": true, "His": true, "Her": true, "Their": true, "Its": true,
	"However": true, "Meanwhile": true, "And": true, "On": true, "At": true, "For": true,
}

// splitSentences splits one paragraph into sentence spans. Line breaks are
// sentence ends unless the paragraph is hard-wrapped.
func splitSentences(text string, b block, wrap bool) []Span {
	var out []Span
	para := b.span()
	start := para.Start
	emit := func(end int) {
		s := trimSpan(text, Span{start, end})
		if s.Len() > 0 {
			out = append(out, s)
		}
		start = end
	}
	// Hard line breaks.
	var breaks []int
	if !wrap {
		for _, l := range b.lines[:len(b.lines)-1] {
			breaks = append(breaks, l.End)
		}
	}
	bi := 0
	i := para.Start
	for i < para.End {
		if bi < len(breaks) && i >= breaks[bi] {
			emit(breaks[bi])
			bi++
			continue
		}
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		// Run of terminal punctuation, then closing quotes and brackets.
		j := i + 1
		for j < para.End && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		for j < para.End {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == '"' || r == '\'' || r == ')' || r == ']' || r == '\u201d' || r == '\u2019' {
				j += n
				continue
			}
			break
		}
		if j >= para.End {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) {
			i = j
			continue
		}
		// Next non-space character.
		k := j
		for k < para.End {
			r, n := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r) {
				break
			}
			k += n
		}
		if k >= para.End {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '\u201c' || next == '\'' || next == '\u2018' || next == '(' || next == '[') {
			i = j
			continue
		}
		if c == '.' && !periodEnds(text, para.Start, i, k, para.End) {
			i = j
			continue
		}
		emit(j)
		i = j
	}
	emit(para.End)
	return out
}

// periodEnds decides whether the period at dot ends a sentence; next is the
// offset of the following word.
func periodEnds(text string, from, dot, next, end int) bool {
	// The word before the period.
	w := dot
	for w > from {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '\u201c' {
			break
		}
		w -= n
	}
	word := text[w:dot]
	if word == "" {
		return true
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// A single capital letter: an initial ("Lloyd J. Austin").
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(rune(word[0])) {
		return false
	}
	// Acronyms with inner periods ("U.S.", "U.N."): a sentence end only when
	// a typical sentence opener follows.
	if strings.Contains(word, ".") {
		nw := next
		for nw < end && text[nw] != ' ' && text[nw] != '\n' {
			nw++
		}
		return sentenceStarters[text[next:nw]]
	}
	return true
}
