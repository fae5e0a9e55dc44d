package nlp

import (
	"regexp"
	"strings"
	"unicode"
)

// adMarker matches a line that labels what is around it as paid content.
var adMarker = regexp.MustCompile(`(?i)^\W*(advertisement|advertising|sponsored( content| by| post)?|paid (for by|content|post)|promoted( content)?|ad choices|adchoices|partner content)\W*$|(?i)\bsponsored\W*$`)

// boilerplateLine matches navigation and housekeeping lines of news pages.
var boilerplateLine = regexp.MustCompile(`(?i)^\W*(click here|subscribe (to|now)|sign up (for|to)|read more\b|related( articles| stories| coverage)?:|follow us on|share (this|on)|all rights reserved|copyright ©|© \d{4}|we use cookies|accept (all )?cookies|this (site|website) uses cookies|advertise with us|download (our|the) app|newsletter\W*$|most read\b)`)

// callToAction matches imperative openings typical of ads and appeals.
var callToAction = regexp.MustCompile(`(?i)(^|[.!?]\s+)(don'?t let|don’t let|stand with|join (us|me|now)|click|donate|chip in|sign (up|the petition)|vote (for|today|now)|act now|call now|order now|buy now|shop now|subscribe|tell (them|congress))\b`)

// classifyParagraphs marks the blocks that are not part of the article: the
// returned slice holds a reason ("advertisement", "boilerplate") or "".
//
// A block is an advertisement when one of its lines is an ad marker
// ("Sponsored", "Advertisement", "Paid for by ..."); the block that follows a
// marked block is an advertisement too when it reads as an appeal to the
// reader (second person, imperatives, exclamations) rather than as news. A
// block is boilerplate when all of its lines are navigation or housekeeping.
func classifyParagraphs(text string, blocks []block) []string {
	marks := make([]string, len(blocks))
	for i, b := range blocks {
		nBoiler := 0
		for _, l := range b.lines {
			t := strings.TrimSpace(l.text)
			// (the length first: the pattern's unanchored
			// alternative scans a whole long line)
			if len(t) < 80 && adMarker.MatchString(t) {
				marks[i] = "advertisement"
			}
			if boilerplateLine.MatchString(t) {
				nBoiler++
			}
		}
		if marks[i] == "" && nBoiler == len(b.lines) {
			marks[i] = "boilerplate"
		}
	}
	// Spread an ad to its neighbours while they read as appeals or as
	// shouting banners.
	for i := range blocks {
		if marks[i] != "advertisement" {
			continue
		}
		for j := i + 1; j < len(blocks) && marks[j] == ""; j++ {
			if !appeal(text, blocks[j]) {
				break
			}
			marks[j] = "advertisement"
		}
		for j := i - 1; j > 0 && marks[j] == ""; j-- {
			if !appeal(text, blocks[j]) {
				break
			}
			marks[j] = "advertisement"
		}
	}
	return marks
}

// appeal reports whether a block addresses the reader like an ad: a shouted
// banner line, or prose (outside quotation marks) with second-person
// address, first-person singular narration, imperatives or exclamations.
func appeal(text string, b block) bool {
	s := b.span()
	t := strings.TrimSpace(text[s.Start:s.End])
	if banner(t) {
		return true
	}
	body := stripQuotes(t)
	words := strings.FieldsFunc(strings.ToLower(body), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
	if len(words) == 0 {
		return false
	}
	score := 0
	for _, w := range words {
		switch w {
		case "you", "your", "you're", "you’re", "yourself":
			score += 2
		case "i", "i'm", "i’m", "me", "my":
			score++
		}
	}
	score += 2 * strings.Count(body, "!")
	score += 3 * len(callToAction.FindAllStringIndex(body, -1))
	return score*100/len(words) >= 8 && score >= 6
}

// banner reports whether a line is an all-capitals slogan (several words, no
// lower-case letters).
func banner(t string) bool {
	letters, upper := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 12 && upper == letters && strings.Count(t, " ") >= 3
}

// stripQuotes removes quoted passages, so that quoted speech in a news story
// ("I will not resign," she said) does not read as an appeal.
func stripQuotes(t string) string {
	var b strings.Builder
	in := false
	for _, r := range t {
		switch r {
		case '"', '“', '”':
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}
