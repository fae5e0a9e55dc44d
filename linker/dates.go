package linker

// Dates: the article date as archives write it, and the date expressions of
// a text resolved against it ("yesterday", "on Monday", "last month", "in
// March", "March 3, 2024", "two weeks ago").
//
// ResolveDates reuses the byte tokeniser of quantity.go: no regular
// expression, and no allocation but the result.
//
// Rules (article date A, weekday W):
//
//   - today, tonight, this morning/afternoon/evening -> A; yesterday, last
//     night -> A-1; tomorrow -> A+1; the day before yesterday -> A-2; the
//     day after tomorrow -> A+2 (precision day).
//   - A bare weekday ("on Monday", "Monday's vote") is the most recent such
//     day on or before A: A itself when A is a Monday, otherwise 1 to 6
//     days before. When the clause before it announces the future ("will",
//     "'ll", "shall", "won't", "due", "scheduled", "expected", "plan(s)",
//     "planned", "planning", "upcoming", "coming", "ahead", "set to/for",
//     within the 8 tokens before it in the same sentence), it is the first
//     such day on or after A instead. "last Monday" is the most recent
//     Monday strictly before A (7 days before when A is a Monday), "next
//     Monday" the first strictly after A, "this Monday" the Monday of A's
//     week (weeks start on Monday). A weekday followed by an explicit date
//     ("Tuesday, March 3") is resolved by the date.
//   - Weeks have precision "week" and the date of their Monday: "this
//     week", "earlier/later this week" -> the Monday of A's week; "last
//     week" the Monday before it; "next week" the Monday after; "two weeks
//     ago" the Monday of the week of A-14.
//   - Months (precision month, "2024-11"): "this month", "earlier/later
//     this month", "last month", "next month", "early/late last month"; "N
//     months ago". Years (precision year, "2024"): "this year", "last
//     year", "next year" (with early/late/earlier/later), "N years ago", "a
//     decade ago".
//   - "N days ago" -> A-N (day).
//   - Month names: "in March" (a bare month needs a preposition or modifier
//     before it: in, since, by, until, from, during, before, after,
//     through, early, late, mid, last, next, this, ... so "Theresa May" is
//     not a month) -> the March of A's year; if that is more than 6 months
//     after A it is the previous year's (a February article's "sales in
//     December" is last December), and with a future cue a month before A's
//     is next year's. Between 1 and 6 months after A the article year is
//     kept. "last March" is the most recent March strictly before A's
//     month, "next March" the first after it. The same rule gives the year
//     of a day without one ("March 3", "3 March", "Feb. 26", "the 3rd of
//     March"), comparing days: more than 183 days after A -> previous year,
//     and with a future cue a day before A is next year's. A day range
//     ("May 5-20") gives its first day.
//   - Explicit dates are absolute: "March 3, 2024", "3 March 2024",
//     "2024-03-03" (day), "March 2024" (month), and a year after in, since,
//     by, until, till, through, throughout, during, before, after, from,
//     fiscal, calendar, early, late, mid, "the end/start/beginning/middle
//     of", or after "and", "or", "to" following such a year ("between 2020
//     and 2024") (year). "mid-1987" and "mid-March" are understood. A year
//     alone ("1987 net profit") is not a date.
//   - Text is the expression without its preposition ("on Monday" ->
//     "Monday", "in March" -> "March") but with its modifiers ("late last
//     year", "early March", "two days ago"), and without a possessive "'s".
//   - When the article date is zero, only absolute dates are resolved.
//
// Not handled: weekends, seasons, quarters, "the previous day", dates
// relative to another event ("a year earlier", "two days later"), ranges
// as ranges, clock times, numeric day/month dates other than ISO
// ("3/4/2024" is ambiguous). Tense is only guessed from the cue words
// above: "Can he win in November?" in a March article gives last
// November.

import (
	"strings"
	"time"
)

// ParseArticleDate reads an article date in the formats archives use:
// "2024-11-05", RFC 3339 ("2024-11-05T10:00:00Z", with or without zone and
// fraction), "1987-02-26T15:01:01.79", "26-FEB-1987 15:01:01.79" (Reuters-21578),
// "Nov 5, 2024", "Nov. 5, 2024", "November 5, 2024", "5 November 2024",
// "5 Nov 2024", "2024/11/05", "2024.11.05", "20241105", RFC 1123 and 822
// ("Tue, 05 Nov 2024 10:00:00 GMT"), RFC 850, ANSI C and Unix date. The
// time is in the zone the string gives (UTC when none); only its calendar
// date matters to ResolveDates.
func ParseArticleDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 {
		return time.Time{}, false
	}
	layouts := dtLayoutsAlpha
	if s[0] >= '0' && s[0] <= '9' {
		layouts = dtLayoutsDigit
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// A weekday before a date: "Tuesday, November 5, 2024".
	if c := strings.IndexByte(s, ','); c > 0 && c < 10 && s[0] > '9' {
		return ParseArticleDate(s[c+1:])
	}
	return time.Time{}, false
}

var dtLayoutsDigit = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2-Jan-2006 15:04:05",
	"2-Jan-2006",
	"2 January 2006",
	"2 Jan 2006",
	"2 Jan. 2006",
	"2 January 2006 15:04",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2006/01/02",
	"2006/1/2",
	"2006/01/02 15:04:05",
	"2006.01.02",
	"20060102",
	"2006-1-2",
}

var dtLayoutsAlpha = []string{
	"Jan 2, 2006",
	"January 2, 2006",
	"Jan. 2, 2006",
	"Jan 2 2006",
	"January 2 2006",
	"Jan 2, 2006 15:04:05",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	time.RFC1123,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006",
	"Mon, 02 Jan 2006",
	time.RFC822,
	time.RFC822Z,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	"Monday, January 2, 2006",
	"Mon Jan 2 2006",
}

// A DateRef is a date expression in a text resolved against the article
// date: Date is "2024-11-04" for precision "day" and "week" (the Monday of
// the week), "2024-11" for "month", "2024" for "year". Start and End are
// byte offsets [Start, End) of Text in the article (base added). The rules
// are listed at the top of dates.go.
type DateRef struct {
	Text      string `json:"text"`
	Date      string `json:"date"`
	Precision string `json:"precision"` // "day", "week", "month", "year"
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Precisions of a DateRef.
const (
	PrecisionDay   = "day"
	PrecisionWeek  = "week"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// ResolveDates returns the date expressions of text resolved against the
// article date, in order. text is a substring of the article starting at
// byte base; base is added to the offsets. With a zero article date only
// absolute dates are returned.
func ResolveDates(text string, base int, article time.Time) []DateRef {
	var r dtResolver
	sc := &r.sc
	sc.text = text
	bp := qtTokPool.Get().(*[]qtTok)
	sc.toks = qtTokenize(text, (*bp)[:0])
	if !article.IsZero() {
		y, m, d := article.Date()
		r.known = true
		r.art = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		r.ay, r.am = y, int(m)
		r.awd = int(r.art.Weekday())
	}
	var out []DateRef
	r.lastYear = -1
	for i := 0; i < len(sc.toks); {
		if !r.maybeDate(i) {
			i++
			continue
		}
		ref, next, ok := r.at(i)
		if ok {
			ref.Start += base
			ref.End += base
			out = append(out, ref)
			i = next
			continue
		}
		i++
	}
	qtPutToks(bp, sc.toks)
	return out
}

type dtResolver struct {
	sc       qtScan
	known    bool
	art      time.Time // article date, midnight UTC
	ay, am   int
	awd      int // weekday of art, Sunday = 0
	lastYear int // token after the last year resolved, for "2020 and 2024"
}

var dtStartWords = qtSet(`today tonight yesterday tomorrow this last next early late mid earlier later`)

var dtMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var dtWeekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// Words before a bare month or a year that make it a date.
var dtMonthPreps = qtSet(`in since by until till from through throughout during before after of to
	and or between early late mid last next this on around about`)

var dtYearPreps = qtSet(`in since by until till through throughout during before after from fiscal
	calendar early late mid`)

var dtOfHeads = qtSet(`end start beginning middle half quarter spring summer autumn fall winter part rest`)

var dtFutureCues = qtSet(`will shall due scheduled expected plans plan planned planning upcoming coming ahead
	won't`)

// maybeDate is a cheap test that a date expression may start at token i.
func (r *dtResolver) maybeDate(i int) bool {
	sc := &r.sc
	t := sc.toks[i]
	if t.kind == qkNum {
		return true
	}
	if t.kind != qkWord || t.e-t.s > 12 {
		return false
	}
	k := r.base(i)
	if len(k) > 4 && string(k[:4]) == "mid-" {
		return true
	}
	switch dtTriggers[string(k)] {
	case dtTrigName:
		return t.upper
	case dtTrigWord:
		return true
	case dtTrigArticle: // "the day before yesterday", "a week ago"
		return sc.is(i+1, "day") || sc.is(i+2, "ago")
	}
	return false
}

// Kinds of words that may start a date expression.
const (
	dtTrigName    = 1 + iota // a month or weekday, when capitalised
	dtTrigWord               // today, last, early, a number word...
	dtTrigArticle            // the, a, an
)

var dtTriggers = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range qtSmall {
		m[w] = dtTrigWord
	}
	for w := range dtStartWords {
		m[w] = dtTrigWord
	}
	m["the"], m["a"], m["an"] = dtTrigArticle, dtTrigArticle, dtTrigArticle
	for w := range dtMonths {
		m[w] = dtTrigName
	}
	for w := range dtWeekdays {
		m[w] = dtTrigName
	}
	return m
}()

// base returns token i lower-cased without a possessive "'s".
func (r *dtResolver) base(i int) []byte {
	k := r.sc.key(i)
	n := len(k)
	if n > 2 && k[n-2] == '\'' && k[n-1] == 's' {
		return k[:n-2]
	}
	if n > 4 && k[n-1] == 's' && k[n-4] == 0xe2 && k[n-3] == 0x80 && k[n-2] == 0x99 {
		return k[:n-4]
	}
	return k
}

// isBase reports whether token i is word w, possibly possessive.
func (r *dtResolver) isBase(i int, w string) bool {
	if i < 0 || i >= len(r.sc.toks) || r.sc.toks[i].kind != qkWord {
		return false
	}
	return string(r.base(i)) == w
}

// end returns the byte end of token i without a possessive.
func (r *dtResolver) end(i int) int {
	sc := &r.sc
	t := sc.toks[i]
	s := sc.text[t.s:t.e]
	if t.kind == qkWord {
		if strings.HasSuffix(s, "'s") {
			return int(t.e) - 2
		}
		if strings.HasSuffix(s, "’s") {
			return int(t.e) - 4
		}
	}
	return int(t.e)
}

func (r *dtResolver) ref(a, b int, date, prec string) DateRef {
	s := int(r.sc.toks[a].s)
	e := r.end(b - 1)
	return DateRef{Text: r.sc.text[s:e], Date: date, Precision: prec, Start: s, End: e}
}

// month returns the month of a capitalised month token at i (and the token
// after it, skipping the dot of "Feb."), or 0.
func (r *dtResolver) month(i int) (int, int) {
	sc := &r.sc
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != qkWord || !sc.toks[i].upper {
		return 0, i
	}
	k := r.base(i)
	m, ok := dtMonths[string(k)]
	if !ok {
		return 0, i
	}
	if len(k) <= 4 && string(k) != "june" && string(k) != "july" && string(k) != "may" && sc.punct(i+1, ".") && sc.adjacent(i, i+1) {
		return m, i + 2
	}
	return m, i + 1
}

// weekday returns the weekday of a capitalised weekday token at i, or -1.
func (r *dtResolver) weekday(i int) int {
	sc := &r.sc
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != qkWord || !sc.toks[i].upper {
		return -1
	}
	if w, ok := dtWeekdays[string(r.base(i))]; ok {
		return w
	}
	return -1
}

// day reads a day of the month at token i: "3", "3rd", "03", and the first
// day of a range "8-10".
func (r *dtResolver) day(i int) int {
	sc := &r.sc
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != qkNum || sc.toks[i].shape != qnPlain && sc.toks[i].shape != qnRange {
		return 0
	}
	t := sc.toks[i]
	num := sc.text[t.s:t.ne]
	if t.shape == qnRange {
		d := strings.IndexByte(num, '-')
		if d < 0 || len(num)-d-1 > 2 {
			return 0
		}
		num = num[:d]
	}
	if len(num) > 2 {
		return 0
	}
	if t.e > t.ne {
		switch strings.ToLower(sc.text[t.ne:t.e]) {
		case "st", "nd", "rd", "th":
		default:
			return 0
		}
	}
	d := 0
	for k := 0; k < len(num); k++ {
		if !qtIsDigit(num[k]) {
			return 0
		}
		d = d*10 + int(num[k]-'0')
	}
	if d < 1 || d > 31 {
		return 0
	}
	return d
}

// year reads a year at token i: a plain four-digit number from 1500 to 2199.
func (r *dtResolver) year(i int) int {
	sc := &r.sc
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != qkNum || sc.toks[i].shape != qnPlain {
		return 0
	}
	t := sc.toks[i]
	if t.e != t.ne || t.ne-t.s != 4 {
		return 0
	}
	return dtYearOf(sc.text[t.s:t.ne])
}

func dtYearOf(s string) int {
	if len(s) != 4 {
		return 0
	}
	y := 0
	for k := 0; k < 4; k++ {
		if !qtIsDigit(s[k]) {
			return 0
		}
		y = y*10 + int(s[k]-'0')
	}
	if y < 1500 || y >= 2200 {
		return 0
	}
	return y
}

// future reports a future cue in the sentence before token i.
func (r *dtResolver) future(i int) bool {
	sc := &r.sc
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		t := sc.toks[k]
		if t.kind == qkPunct {
			switch sc.tokText(k) {
			case ".", ";", "!", "?", ":":
				return false
			}
			continue
		}
		if t.kind != qkWord {
			continue
		}
		w := sc.key(k)
		if w == nil {
			continue
		}
		if dtFutureCues[string(w)] {
			return true
		}
		if n := len(w); n > 3 && (string(w[n-3:]) == "'ll" || n > 5 && string(w[n-5:]) == "’ll") {
			return true
		}
		if string(w) == "set" && (sc.is(k+1, "to") || sc.is(k+1, "for")) {
			return true
		}
	}
	return false
}

func dtDate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// dtValid reports whether y-m-d is a real date.
func dtValid(y, m, d int) bool {
	t := dtDate(y, m, d)
	return t.Day() == d && int(t.Month()) == m
}

func dtPut(b []byte, v, width int) []byte {
	var tmp [8]byte
	n := len(tmp)
	for v > 0 || n > len(tmp)-width {
		n--
		tmp[n] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[n:]...)
}

func dtFormatDay(t time.Time) string {
	y, m, d := t.Date()
	var b [10]byte
	s := dtPut(b[:0], y, 4)
	s = append(s, '-')
	s = dtPut(s, int(m), 2)
	s = append(s, '-')
	s = dtPut(s, d, 2)
	return string(s)
}

func dtFormatMonth(y, m int) string {
	// normalise m outside 1..12
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	var b [7]byte
	s := dtPut(b[:0], y, 4)
	s = append(s, '-')
	s = dtPut(s, m, 2)
	return string(s)
}

func dtFormatYear(y int) string {
	var b [4]byte
	return string(dtPut(b[:0], y, 4))
}

// monday returns the Monday of the week of t.
func dtMonday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// yearFor picks the year of month m (day d, 0 for a whole month) without a
// year, relative to the article date.
func (r *dtResolver) yearFor(m, d int, fut bool) int {
	y := r.ay
	if d == 0 {
		switch {
		case fut && m < r.am:
			return y + 1
		case !fut && m-r.am > 6:
			return y - 1
		}
		return y
	}
	t := dtDate(y, m, d)
	switch {
	case fut && t.Before(r.art):
		return y + 1
	case !fut && t.Sub(r.art) > 183*24*time.Hour:
		return y - 1
	}
	return y
}

// at reads the date expression starting at token i.
func (r *dtResolver) at(i int) (DateRef, int, bool) {
	sc := &r.sc
	toks := sc.toks
	k := r.base(i)

	// "mid-March", "mid-1987"
	if len(k) > 4 && string(k[:4]) == "mid-" {
		rest := sc.text[int(toks[i].s)+4 : toks[i].e]
		if y := dtYearOf(rest); y != 0 {
			return r.ref(i, i+1, dtFormatYear(y), PrecisionYear), i + 1, true
		}
		if m, ok := dtMonths[strings.ToLower(rest)]; ok && len(rest) > 2 && rest[0] >= 'A' && rest[0] <= 'Z' {
			if e, ref, ok := r.monthYear(i, i+1, m); ok {
				return ref, e, true
			}
			if !r.known {
				return DateRef{}, i + 1, false
			}
			return r.ref(i, i+1, dtFormatMonth(r.yearFor(m, 0, r.future(i)), m), PrecisionMonth), i + 1, true
		}
		return DateRef{}, i + 1, false
	}

	// modifiers
	j := i
	mod := ""
	switch string(k) {
	case "early", "late", "mid", "earlier", "later":
		mod = string(k) // small; rare
		j++
		if mod == "mid" && sc.punct(j, "-") && sc.adjacent(i, j) {
			j++
		}
	}
	if ref, e, ok := r.core(i, j, mod != ""); ok {
		return ref, e, true
	}
	return DateRef{}, i + 1, false
}

// core reads the expression at token j; the text starts at token i (a
// modifier when i < j).
func (r *dtResolver) core(i, j int, modified bool) (DateRef, int, bool) {
	sc := &r.sc
	toks := sc.toks
	if j >= len(toks) {
		return DateRef{}, 0, false
	}
	t := toks[j]
	switch t.kind {
	case qkNum:
		return r.numeric(i, j, modified)
	case qkWord:
	default:
		return DateRef{}, 0, false
	}
	k := r.base(j)
	switch string(k) {
	case "today", "tonight":
		if !r.known {
			return DateRef{}, 0, false
		}
		// "USA Today"
		if t.upper && j > 0 && sc.word(j-1) && toks[j-1].upper && !sc.sentenceInitial(j-1) {
			return DateRef{}, 0, false
		}
		return r.ref(i, j+1, dtFormatDay(r.art), PrecisionDay), j + 1, true
	case "yesterday":
		if !r.known {
			return DateRef{}, 0, false
		}
		return r.ref(i, j+1, dtFormatDay(r.art.AddDate(0, 0, -1)), PrecisionDay), j + 1, true
	case "tomorrow":
		if !r.known {
			return DateRef{}, 0, false
		}
		return r.ref(i, j+1, dtFormatDay(r.art.AddDate(0, 0, 1)), PrecisionDay), j + 1, true
	case "the":
		// "the day before yesterday", "the day after tomorrow", "the end of 2024"
		if !r.known || modified {
			break
		}
		if sc.is(j+1, "day") && sc.is(j+2, "before") && r.isBase(j+3, "yesterday") {
			return r.ref(j, j+4, dtFormatDay(r.art.AddDate(0, 0, -2)), PrecisionDay), j + 4, true
		}
		if sc.is(j+1, "day") && sc.is(j+2, "after") && r.isBase(j+3, "tomorrow") {
			return r.ref(j, j+4, dtFormatDay(r.art.AddDate(0, 0, 2)), PrecisionDay), j + 4, true
		}
		return DateRef{}, 0, false
	case "this", "last", "next":
		return r.relative(i, j, string(k))
	case "a", "an":
		return r.ago(i, j, 1, j+1)
	}
	if m, e := r.month(j); m != 0 {
		return r.monthExpr(i, j, m, e, modified)
	}
	if wd := r.weekday(j); wd >= 0 {
		// "Tuesday, March 3": the explicit date decides
		e := j + 1
		if sc.punct(e, ",") {
			e++
		}
		if m, me := r.month(e); m != 0 {
			if ref, end, ok := r.monthExpr(i, e, m, me, true); ok && ref.Precision == PrecisionDay {
				ref = r.ref(i, end, ref.Date, ref.Precision)
				return ref, end, true
			}
		}
		if !r.known || modified {
			return DateRef{}, 0, false
		}
		var d int
		if r.future(j) {
			d = (wd - r.awd + 7) % 7
		} else {
			d = -((r.awd - wd + 7) % 7)
		}
		return r.ref(i, j+1, dtFormatDay(r.art.AddDate(0, 0, d)), PrecisionDay), j + 1, true
	}
	if _, ok := qtSmall[string(k)]; ok && !modified {
		n, ok := sc.number(j)
		if ok && n.word && !n.vague && n.unit == "" {
			return r.ago(i, j, int(n.val), n.last+1)
		}
	}
	return DateRef{}, 0, false
}

// relative reads "this/last/next" + week, month, year, weekday, month name,
// night/morning.
func (r *dtResolver) relative(i, j int, which string) (DateRef, int, bool) {
	sc := &r.sc
	if !r.known {
		return DateRef{}, 0, false
	}
	n := j + 1
	if n >= len(sc.toks) || sc.toks[n].kind != qkWord {
		return DateRef{}, 0, false
	}
	delta := 0
	switch which {
	case "last":
		delta = -1
	case "next":
		delta = 1
	}
	k := r.base(n)
	switch string(k) {
	case "week":
		return r.ref(i, n+1, dtFormatDay(dtMonday(r.art).AddDate(0, 0, 7*delta)), PrecisionWeek), n + 1, true
	case "month":
		return r.ref(i, n+1, dtFormatMonth(r.ay, r.am+delta), PrecisionMonth), n + 1, true
	case "year":
		return r.ref(i, n+1, dtFormatYear(r.ay+delta), PrecisionYear), n + 1, true
	case "morning", "afternoon", "evening":
		if which == "this" && i == j {
			return r.ref(i, n+1, dtFormatDay(r.art), PrecisionDay), n + 1, true
		}
	case "night":
		if which == "last" && i == j {
			return r.ref(i, n+1, dtFormatDay(r.art.AddDate(0, 0, -1)), PrecisionDay), n + 1, true
		}
	}
	if wd := r.weekday(n); wd >= 0 && i == j {
		var d int
		switch which {
		case "last":
			d = -((r.awd - wd + 7) % 7)
			if d == 0 {
				d = -7
			}
		case "next":
			d = (wd - r.awd + 7) % 7
			if d == 0 {
				d = 7
			}
		default:
			d = (wd+6)%7 - (r.awd+6)%7
		}
		return r.ref(i, n+1, dtFormatDay(r.art.AddDate(0, 0, d)), PrecisionDay), n + 1, true
	}
	if m, e := r.month(n); m != 0 {
		y := r.ay
		switch which {
		case "last":
			if m >= r.am {
				y--
			}
		case "next":
			if m <= r.am {
				y++
			}
		}
		return r.ref(i, e, dtFormatMonth(y, m), PrecisionMonth), e, true
	}
	return DateRef{}, 0, false
}

// ago reads "<n> days/weeks/months/years ago" with the unit at token u.
func (r *dtResolver) ago(i, j, n, u int) (DateRef, int, bool) {
	sc := &r.sc
	if !r.known || n <= 0 || !sc.is(u+1, "ago") {
		return DateRef{}, 0, false
	}
	k := sc.key(u)
	e := u + 2
	switch string(k) {
	case "day", "days":
		return r.ref(i, e, dtFormatDay(r.art.AddDate(0, 0, -n)), PrecisionDay), e, true
	case "week", "weeks":
		return r.ref(i, e, dtFormatDay(dtMonday(r.art.AddDate(0, 0, -7*n))), PrecisionWeek), e, true
	case "month", "months":
		return r.ref(i, e, dtFormatMonth(r.ay, r.am-n), PrecisionMonth), e, true
	case "year", "years":
		return r.ref(i, e, dtFormatYear(r.ay-n), PrecisionYear), e, true
	case "decade", "decades":
		return r.ref(i, e, dtFormatYear(r.ay-10*n), PrecisionYear), e, true
	}
	return DateRef{}, 0, false
}

// monthExpr reads an expression starting with month m at token j (e is the
// token after the month name): "March 3", "March 3, 2024", "March 2024",
// "in March".
func (r *dtResolver) monthExpr(i, j, m, e int, modified bool) (DateRef, int, bool) {
	sc := &r.sc
	// "March 3", "March 3rd", "March 3, 2024"
	if d := r.day(e); d != 0 && !r.notDay(e) {
		end := e + 1
		y := 0
		if sc.punct(end, ",") {
			if yy := r.year(end + 1); yy != 0 {
				y, end = yy, end+2
			}
		} else if yy := r.year(end); yy != 0 {
			y, end = yy, end+1
		}
		if y == 0 {
			if !r.known {
				return DateRef{}, 0, false
			}
			y = r.yearFor(m, d, r.future(i))
		}
		if !dtValid(y, m, d) {
			return DateRef{}, 0, false
		}
		if y != 0 {
			r.lastYear = end
		}
		return r.ref(i, end, dtFormatDay(dtDate(y, m, d)), PrecisionDay), end, true
	}
	if end, ref, ok := r.monthYear(i, e, m); ok {
		return ref, end, true
	}
	// a bare month needs a preposition or a modifier
	if !r.known {
		return DateRef{}, 0, false
	}
	if !modified {
		p := i - 1
		if p < 0 || sc.toks[p].kind != qkWord && !sc.punct(p, "-") && !sc.punct(p, "–") {
			return DateRef{}, 0, false
		}
		if sc.toks[p].kind == qkWord {
			pk := sc.key(p)
			if pk == nil || !dtMonthPreps[string(pk)] {
				return DateRef{}, 0, false
			}
		}
	}
	y := r.yearFor(m, 0, r.future(i))
	return r.ref(i, e, dtFormatMonth(y, m), PrecisionMonth), e, true
}

// monthYear reads "March 2024" / "March, 2024" with the year at token e.
func (r *dtResolver) monthYear(i, e, m int) (int, DateRef, bool) {
	sc := &r.sc
	ye := e
	if sc.punct(ye, ",") {
		ye++
	}
	if y := r.year(ye); y != 0 {
		r.lastYear = ye + 1
		return ye + 1, r.ref(i, ye+1, dtFormatMonth(y, m), PrecisionMonth), true
	}
	return 0, DateRef{}, false
}

// notDay reports a number after a month that is not its day: "March 3
// pct", "May 5,000".
func (r *dtResolver) notDay(e int) bool {
	sc := &r.sc
	t := sc.toks[e]
	if t.e != t.ne {
		return false // "3rd"
	}
	if _, _, ok := sc.percentAfter(e + 1); ok {
		return true
	}
	return sc.is(e+1, "pm") || sc.is(e+1, "am")
}

// numeric reads a date starting with a number: "3 March 2024", "the 3rd
// of March", "2024-03-03", a year after a preposition.
func (r *dtResolver) numeric(i, j int, modified bool) (DateRef, int, bool) {
	sc := &r.sc
	t := sc.toks[j]
	// ISO date
	if t.shape == qnCode && t.ne-t.s == 10 && t.e == t.ne {
		s := sc.text[t.s:t.ne]
		if s[4] == '-' && s[7] == '-' {
			y := dtYearOf(s[:4])
			m := int(s[5]-'0')*10 + int(s[6]-'0')
			d := int(s[8]-'0')*10 + int(s[9]-'0')
			if y != 0 && dtValid(y, m, d) && qtIsDigit(s[5]) && qtIsDigit(s[6]) && qtIsDigit(s[8]) && qtIsDigit(s[9]) {
				return r.ref(i, j+1, dtFormatDay(dtDate(y, m, d)), PrecisionDay), j + 1, true
			}
		}
		return DateRef{}, 0, false
	}
	// "3 March", "3rd of March", "3 March 2024"
	if d := r.day(j); d != 0 {
		e := j + 1
		if sc.is(e, "of") {
			e++
		}
		if m, me := r.month(e); m != 0 {
			y := 0
			end := me
			if sc.punct(end, ",") && r.year(end+1) != 0 {
				end++
			}
			if yy := r.year(end); yy != 0 {
				y, end = yy, end+1
			} else {
				end = me
			}
			if y == 0 {
				if !r.known {
					return DateRef{}, 0, false
				}
				y = r.yearFor(m, d, r.future(i))
			}
			if !dtValid(y, m, d) {
				return DateRef{}, 0, false
			}
			start := i
			if i == j && sc.is(j-1, "the") {
				start = j - 1
			}
			return r.ref(start, end, dtFormatDay(dtDate(y, m, d)), PrecisionDay), end, true
		}
	}
	// "two days ago" with digits
	if t.shape == qnPlain && t.e == t.ne && !modified {
		if n, ok := sc.digitNumberValue(j); ok && n > 0 && n < 1000 {
			if ref, e, ok := r.ago(i, j, n, j+1); ok {
				return ref, e, true
			}
		}
	}
	// years
	y := r.year(j)
	if y == 0 {
		return DateRef{}, 0, false
	}
	// not an amount: "2024 pct", "1987 dlrs"
	if _, _, ok := sc.percentAfter(j + 1); ok {
		return DateRef{}, 0, false
	}
	ok := modified || r.lastYear == j-1 && (sc.is(j-1, "and") || sc.is(j-1, "or") || sc.is(j-1, "to") || sc.punct(j-1, "-") || sc.punct(j-1, "–"))
	if !ok && j > 0 && sc.word(j-1) {
		pk := sc.key(j - 1)
		switch {
		case pk != nil && dtYearPreps[string(pk)]:
			ok = true
		case pk != nil && string(pk) == "between":
			ok = sc.is(j+1, "and") && r.year(j+2) != 0
		case pk != nil && string(pk) == "of" && j > 1 && sc.word(j-2):
			hk := sc.key(j - 2)
			ok = hk != nil && dtOfHeads[string(hk)]
		}
	}
	if !ok {
		return DateRef{}, 0, false
	}
	r.lastYear = j + 1
	return r.ref(i, j+1, dtFormatYear(y), PrecisionYear), j + 1, true
}

// digitNumberValue returns the integer value of a plain integer token.
func (sc *qtScan) digitNumberValue(j int) (int, bool) {
	t := sc.toks[j]
	s := sc.text[t.s:t.ne]
	if len(s) > 6 {
		return 0, false
	}
	v := 0
	for k := 0; k < len(s); k++ {
		if !qtIsDigit(s[k]) {
			return 0, false
		}
		v = v*10 + int(s[k]-'0')
	}
	return v, true
}
