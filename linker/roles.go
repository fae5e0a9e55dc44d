package linker

import (
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// findRoles finds titles held by persons: "[ORG|GPE|NORP] Title Name"
// ("NATO Secretary General Mark Rutte", "Russian President Vladimir Putin")
// and "Name, [ORG] Title," ("Mark Rutte, NATO Secretary General,").
func (l *Linker) findRoles(doc *nlp.Document, tab *entityTable, art *Article) {
	seen := map[string]bool{}
	add := func(p *rmention, title string, of *rmention, start, end int) {
		title = normName(title)
		if title == "" {
			return
		}
		r := Role{Person: tab.id(p), Title: title, Of: tab.id(of), Start: start, End: end}
		if r.Person == "" {
			return
		}
		k := r.Person + "|" + strings.ToLower(r.Title) + "|" + r.Of
		if seen[k] {
			return
		}
		seen[k] = true
		art.Roles = append(art.Roles, r)
	}
	for i := range tab.mentions {
		p := &tab.mentions[i]
		if p.typ != "PERSON" {
			continue
		}
		s := &doc.Sentences[p.Sentence]
		// Title words right before the name.
		k := p.TokStart
		for k > 0 && (isTitleToken(s.Tokens[k-1].Text) && isCapitalized(s.Tokens[k-1].Text) || (lower(s.Tokens[k-1]) == "of" && k > 1 && isTitleToken(s.Tokens[k-2].Text))) {
			if honorifics[strings.ToLower(s.Tokens[k-1].Text)] {
				break
			}
			// A title word inside an organisation's name ("Treasury" of
			// "U.S. Treasury Secretary") belongs to the organisation.
			if m := tab.mentionCovering(p.Sentence, k-1); m != nil && m != p {
				break
			}
			k--
		}
		if k < p.TokStart {
			title := doc.Text[s.Tokens[k].Start:s.Tokens[p.TokStart-1].End]
			of := tab.mentionEndingAt(p.Sentence, k)
			start := s.Tokens[k].Start
			if of != nil {
				start = of.Start
			}
			add(p, title, of, start, p.End)
		}
		// Appositive after the name.
		j := p.TokEnd
		if j < len(s.Tokens) && lower(s.Tokens[j]) == "," {
			a := j + 1
			of := tab.mentionStartingAt(p.Sentence, a)
			if of != nil && of.typ != "PERSON" {
				a = of.TokEnd
			}
			b := a
			for b < len(s.Tokens) && (isTitleToken(s.Tokens[b].Text) || (lower(s.Tokens[b]) == "of" && b > a)) {
				b++
			}
			// The title must end the appositive: in "Poehl, French Finance
			// Minister Edouard Balladur" it is Balladur's.
			if next := tab.mentionStartingAt(p.Sentence, b); next != nil && next.typ == "PERSON" {
				b = a
			}
			if b > a && b < len(s.Tokens) && (lower(s.Tokens[b]) == "," || of != nil) {
				title := doc.Text[s.Tokens[a].Start:s.Tokens[b-1].End]
				if of == nil && b+1 < len(s.Tokens) && lower(s.Tokens[b-1]) == "of" {
					of = tab.mentionStartingAt(p.Sentence, b)
				}
				add(p, title, of, p.Start, s.Tokens[b-1].End)
			}
		}
	}
}

func (tab *entityTable) mentionEndingAt(si, tok int) *rmention {
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.Sentence == si && m.TokEnd == tok && m.typ != "PERSON" {
			return m
		}
	}
	return nil
}

func (tab *entityTable) mentionStartingAt(si, tok int) *rmention {
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.Sentence == si && m.TokStart == tok {
			return m
		}
	}
	return nil
}

// mentionCovering returns the mention that is not a person's and covers
// token tok of sentence si, if any.
func (tab *entityTable) mentionCovering(si, tok int) *rmention {
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.Sentence == si && m.TokStart <= tok && tok < m.TokEnd && m.typ != "PERSON" {
			return m
		}
	}
	return nil
}
