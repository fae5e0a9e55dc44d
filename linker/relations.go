package linker

import (
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// clauseBreak tokens end the span in which a subject and an object can be
// related.
var clauseBreak = set(`; which who whom whose while although whereas because but "`)

// auxiliaries are left out of predicates.
var auxiliaries = set(`be have do will would shall should can could may might must`)

// extractRelations finds subject–predicate–object triples between entity
// mentions of a sentence: the first mention, a verb group, an optional noun
// and preposition, and the next mention ("North Korea deployed troops to
// Russia" -> North Korea / deploy troops to / Russia).
func (l *Linker) extractRelations(doc *nlp.Document, tab *entityTable, art *Article) {
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		ms := make([]*rmention, 0, 8)
		for i := range tab.mentions {
			if tab.mentions[i].Sentence == si && tab.mentions[i].key != "" {
				ms = append(ms, &tab.mentions[i])
			}
		}
		for a := 0; a+1 < len(ms); a++ {
			subj, obj := ms[a], ms[a+1]
			if subj.key == obj.key {
				continue
			}
			pred, conf, ok := predicateBetween(s, subj, obj)
			if !ok {
				continue
			}
			rel := Relation{
				Subject:    Ref{Entity: tab.id(subj), Text: subj.Text, Start: subj.Start, End: subj.End},
				Predicate:  pred,
				Object:     Ref{Entity: tab.id(obj), Text: obj.Text, Start: obj.Start, End: obj.End},
				Sentence:   si,
				Confidence: conf,
			}
			pred.Text = doc.Text[pred.Start:pred.End]
			rel.Predicate.Text = pred.Text
			rel.ID = "rel/" + shortHash(doc.ID, rel.Subject.Entity, rel.Predicate.Lemma, rel.Object.Entity, strings.Repeat("x", si%7), rel.Predicate.Text)
			art.Relations = append(art.Relations, rel)
		}
	}
}

// predicateBetween returns the predicate linking two mentions when the
// tokens between them form a verb group (with an optional object noun and a
// preposition) and no clause boundary.
func predicateBetween(s *nlp.Sentence, subj, obj *rmention) (Cue, float64, bool) {
	a, b := subj.TokEnd, obj.TokStart
	if b-a < 1 || b-a > 8 {
		return Cue{}, 0, false
	}
	var lemmas []string
	verb := false
	first, last := -1, -1
	for k := a; k < b; k++ {
		t := s.Tokens[k]
		w := lower(t)
		if clauseBreak[w] || w == "," || w == "(" || w == ")" || t.Norm == `"` {
			return Cue{}, 0, false
		}
		switch {
		case isVerbTag(t.Tag):
			lm := Lemma(t.Norm)
			if auxiliaries[lm] && k+1 < b && (isVerbTag(s.Tokens[k+1].Tag) || s.Tokens[k+1].Tag == "RB") {
				continue
			}
			if ci, isCue := cues[lm]; isCue && (ci.kind != Speech || !ci.object || (k+1 < b && lower(s.Tokens[k+1]) == "that")) {
				return Cue{}, 0, false // reported speech, not a relation
			}
			verb = true
			lemmas = append(lemmas, lm)
		case t.Tag == "IN" || t.Tag == "TO" || t.Tag == "RP":
			if w == "that" {
				return Cue{}, 0, false
			}
			lemmas = append(lemmas, w)
		case t.Tag == "NN" || t.Tag == "NNS":
			if !verb {
				// "North Korean troops deployed": the noun after the
				// subject is the subject's head, not part of the predicate.
				if k == a {
					continue
				}
			}
			lemmas = append(lemmas, Lemma(t.Norm))
		case t.Tag == "RB" || t.Tag == "DT" || t.Tag == "JJ" || t.Tag == "PRP$" || t.Tag == "CD":
			continue
		default:
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
	}
	if !verb || first < 0 {
		return Cue{}, 0, false
	}
	conf := 0.9 - 0.05*float64(b-a-1)
	if conf < 0.3 {
		conf = 0.3
	}
	return Cue{Lemma: strings.Join(lemmas, " "), Start: s.Tokens[first].Start, End: s.Tokens[last].End}, conf, true
}
