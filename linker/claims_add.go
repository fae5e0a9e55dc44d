package linker

import (
	"strconv"
	"strings"
)

// addClaim turns a spec into a Claim of the article and returns its index,
// or -1 when the content is empty.
func (c *claimCtx) addClaim(si int, sc *sentCtx, sp claimSpec) int {
	s := sc.s
	doc := c.doc
	n := len(s.Tokens)
	if sp.cueEnd == 0 {
		sp.cueEnd = sp.cueTok + 1
	}
	// Content span in bytes.
	var start, end int
	lastSent := si
	if sp.quoted && sp.contentTo == 0 {
		// Up to the closing mark, possibly in a later sentence of the
		// same paragraph.
		k := sp.contentFrom
		for k < n && !isQuoteMark(s.Tokens[k]) {
			k++
		}
		if sp.contentFrom >= n {
			return -1
		}
		start = s.Tokens[sp.contentFrom].Start
		if k < n {
			if k == sp.contentFrom {
				return -1
			}
			end = s.Tokens[k-1].End
		} else {
			end = s.Tokens[n-1].End
			for ns := si + 1; ns < len(doc.Sentences) && doc.Sentences[ns].Paragraph == s.Paragraph; ns++ {
				t := doc.Sentences[ns].Tokens
				closed := false
				for q := range t {
					if isQuoteMark(t[q]) {
						closed = true
						if q > 0 {
							end = t[q-1].End
						}
						break
					}
				}
				lastSent = ns
				if closed {
					break
				}
				end = t[len(t)-1].End
			}
		}
	} else {
		if sp.contentTo <= sp.contentFrom || sp.contentFrom >= n {
			return -1
		}
		start, end = s.Tokens[sp.contentFrom].Start, s.Tokens[sp.contentTo-1].End
		if sp.contentStartByte > 0 {
			start = sp.contentStartByte
		}
	}
	// Trim quotation marks and punctuation at the edges.
	start, end = trimEdges(doc.Text, start, end)
	if end <= start {
		return -1
	}
	content := doc.Text[start:end]
	cueTok := s.Tokens[sp.cueTok]
	cue := Cue{Lemma: sp.lemma, Start: cueTok.Start, End: s.Tokens[sp.cueEnd-1].End}
	cue.Text = doc.Text[cue.Start:cue.End]

	// Stance.
	stance := sp.info.stance
	words := strings.Fields(strings.ToLower(strings.NewReplacer("\u201c", " ", "\u201d", " ", `"`, " ", ",", " ", ".", " ").Replace(content)))
	denial := false
	for _, w := range words {
		if denialWords[w] {
			denial = true
		}
	}
	switch sp.lemma {
	case "call", "describe", "label", "brand":
		if !denial && !sp.quoted && !strings.ContainsAny(content, "\"\u201c\u201d") {
			return -1 // "called him", "called for": not an attribution of this kind
		}
		if denial {
			stance = Deny
		}
	case "dismiss", "reject":
		stance = Deny
	}
	if sp.negated {
		if stance == Deny {
			stance = Uncertain // "did not deny"
		} else {
			stance = Uncertain // "did not confirm"
			if sp.lemma == "say" || sp.lemma == "state" || sp.lemma == "claim" {
				stance = Uncertain
			}
		}
	}
	if stance == Affirm {
		if sp.hedged {
			stance = Uncertain
		}
		for k, w := range words {
			if k > 6 {
				break
			}
			if hedges[w] {
				stance = Uncertain
			}
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
		Sentence: si,
	}
	_ = lastSent
	c.art.Claims = append(c.art.Claims, cl)
	return len(c.art.Claims) - 1
}

// entitiesIn returns the IDs of entities mentioned in [start, end), except
// the claimant's own mention.
func (c *claimCtx) entitiesIn(start, end int, claimant Ref) []string {
	var out []string
	seen := map[string]bool{}
	for i := range c.tab.mentions {
		m := &c.tab.mentions[i]
		if m.Start >= start && m.End <= end && !(m.Start >= claimant.Start && m.End <= claimant.End) {
			id := c.tab.id(m)
			if id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// trimEdges shrinks [start, end) past spaces, quotation marks and commas.
func trimEdges(text string, start, end int) (int, int) {
	cut := func(r string) bool {
		return r == " " || r == "\n" || r == "\t" || r == `"` || r == "," || r == ":" || r == "\u201c" || r == "\u201d" || r == "'"
	}
	for start < end {
		r, n := firstRune(text[start:end])
		if !cut(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := lastRune(text[start:end])
		if !cut(r) {
			break
		}
		end -= n
	}
	return start, end
}

func firstRune(s string) (string, int) {
	for i, r := range s {
		_ = i
		return string(r), len(string(r))
	}
	return "", 0
}

func lastRune(s string) (string, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			return s[i:], len(s) - i
		}
	}
	return "", 0
}
