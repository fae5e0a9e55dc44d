package linker

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// addClaim turns a spec into a Claim of the article and returns its index,
// or -1 when the content is empty or the claim is not an attribution.
//
// The content follows PolNeAR's convention: a quotation keeps its marks,
// and a that-clause keeps its "that".
func (c *claimCtx) addClaim(sc *sentCtx, sp claimSpec) int {
	s := sc.s
	doc := c.doc
	if sp.cueEnd == 0 {
		sp.cueEnd = sp.cueTok + 1
	}
	start, end := trimEdges(doc.Text, sp.start, sp.end, sp.quoted)
	if end <= start {
		return -1
	}
	// A content that is only the cue's own words or punctuation.
	if end-start < 2 {
		return -1
	}
	content := doc.Text[start:end]
	if !sp.quoted {
		// `stated that "Q"`: the content is a quotation after all.
		qs := start
		if strings.HasPrefix(content, "that ") {
			qs += len("that ")
		}
		if q := c.quoteAt(qs, qs+1); q >= 0 && c.quotes[q].markStart == qs && c.quotes[q].markEnd == end {
			sp.quoted = true
		}
	}
	cue := Cue{Lemma: sp.lemma, Start: s.Tokens[sp.cueTok].Start, End: s.Tokens[sp.cueEnd-1].End}
	if sp.cueStop > 0 {
		cue.Start, cue.End = sp.cueStart, sp.cueStop
	}
	cue.Text = doc.Text[cue.Start:cue.End]
	if cue.Start < end && start < cue.End && !(sp.quoted && start < cue.Start) {
		return -1
	}

	// Stance.
	stance := sp.info.stance
	denial, dismissal, claimObject, hedgedContent := false, false, false, false
	eachWord(content, func(k int, w []byte) bool {
		if denialWords[string(w)] {
			denial = true
		}
		if dismissalWords[string(w)] {
			dismissal = true
		}
		if k <= 3 && claimNouns[string(w)] {
			claimObject = true
		}
		if k <= 6 && hedges[string(w)] {
			hedgedContent = true
		}
		return true
	})
	if dismissal && claimObject {
		denial = true
	}
	switch sp.lemma {
	case "call", "describe", "label", "brand":
		if sp.cueEnd == sp.cueTok+1 && !denial && !dismissal && !sp.quoted && !strings.ContainsAny(content, "\"\u201c\u201d") && !predicative(content) {
			return -1 // "called him", "called the meeting": not an attribution of this kind
		}
		if denial {
			stance = Deny
		}
	case "dismiss", "reject":
		stance = Deny
	}
	if sp.negated {
		stance = Uncertain // "did not confirm", "did not deny"
	}
	if stance == Affirm {
		if sp.hedged {
			stance = Uncertain
		}
		if hedgedContent {
			stance = Uncertain
		}
	}
	// About: entities in the content, else in the rest of the sentence.
	about := c.entitiesIn(start, end, sp.claimant)
	if len(about) == 0 {
		about = c.entitiesIn(s.Start, s.End, sp.claimant)
	}
	cl := Claim{
		ID:       "claim/" + shortHash(doc.ID, strconv.Itoa(cue.Start), strconv.Itoa(start), strconv.Itoa(end)),
		Claimant: sp.claimant,
		Cue:      cue,
		Stance:   stance,
		Kind:     sp.info.kind,
		Content:  Text{Text: content, Start: start, End: end},
		Quote:    sp.quoted,
		About:    about,
		Sentence: sc.si,
	}
	c.art.Claims = append(c.art.Claims, cl)
	return len(c.art.Claims) - 1
}

// eachWord calls f with the position and the lower-cased ASCII form of each
// word of text (runs of letters, digits, apostrophes and hyphens), without
// allocating, until f returns false. Words longer than 32 bytes are cut.
func eachWord(text string, f func(k int, w []byte) bool) {
	var buf [32]byte
	n, k := 0, 0
	flush := func() bool {
		if n == 0 {
			return true
		}
		w := buf[:min(n, len(buf))]
		n = 0
		k++
		return f(k-1, w)
	}
	for i := 0; i < len(text); i++ {
		b := text[i]
		if b == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 {
			// U+2000–U+203F: dashes, curly quotes, ellipsis end a word;
			// the apostrophe ’ is kept as '.
			i += 2
			if text[i] == 0x99 {
				b = '\''
			} else {
				if !flush() {
					return
				}
				continue
			}
		}
		switch {
		case b >= 'A' && b <= 'Z':
			b += 'a' - 'A'
		case b >= 'a' && b <= 'z', b >= '0' && b <= '9', b == '\'', b == '-', b >= 0x80:
		default:
			if !flush() {
				return
			}
			continue
		}
		if n < len(buf) {
			buf[n] = b
		}
		n++
	}
	flush()
}

// predicative reports whether the object of "call"/"describe" goes on to
// say what its first noun phrase is: "her vote a mistake", "it as a
// failure".
func predicative(content string) bool {
	w := strings.Fields(strings.ToLower(content))
	for i := 1; i < len(w); i++ {
		if w[i] == "a" || w[i] == "an" || w[i] == "as" {
			return true
		}
	}
	return false
}

// entitiesIn returns the IDs of entities mentioned in [start, end), except
// the claimant's own mention.
func (c *claimCtx) entitiesIn(start, end int, claimant Ref) []string {
	var out []string
	sents := c.doc.Sentences
	for si := sort.Search(len(sents), func(i int) bool { return sents[i].End > start }); si < len(sents) && sents[si].Start < end; si++ {
		for _, m := range c.bySent[si] {
			if m.Start >= start && m.End <= end && !(m.Start >= claimant.Start && m.End <= claimant.End) {
				if id := c.tab.id(m); id != "" && !contains(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// trimEdges shrinks [start, end) past spaces and, unless the content is a
// quotation (which keeps its marks and inner punctuation), commas and colons.
func trimEdges(text string, start, end int, quoted bool) (int, int) {
	cut := func(r rune) bool {
		switch r {
		case ' ', '\n', '\t', '\r', '\u00a0':
			return true
		case ',', ':', ';':
			return !quoted
		}
		return false
	}
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !cut(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !cut(r) {
			break
		}
		end -= n
	}
	return start, end
}
