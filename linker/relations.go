package linker

import (
	"hash/fnv"
	"strconv"
	"strings"
	"sync"

	"github.com/claimgraph/claimgraph/nlp"
	"github.com/claimgraph/claimgraph/parse"
)

var (
	parserOnce sync.Once
	parser     *parse.Parser
	parserErr  error
)

// sentenceParser returns the shared dependency parser (the model embedded
// in package parse), or nil when it cannot be loaded.
func sentenceParser() *parse.Parser {
	parserOnce.Do(func() { parser, parserErr = parse.Default() })
	return parser
}

// extractRelations finds the relations of every kept sentence. Each
// sentence is parsed into a dependency tree (package parse) and read as
// open-domain tuples (relations_oie.go): a subject noun phrase, a relation
// (the verb group with auxiliaries, negation, particles, and the
// preposition of its first argument when it has no direct object:
// "apologized to"), an object and further arguments (time, place, other
// prepositional phrases), with copulas ("is in"), appositions ("X, the Y"
// -> X is the Y), possessives ("X's Y" -> X has Y), passives, relative
// clauses, open clausal complements ("helped to raise") and coordination
// (one tuple per conjunct). A phrase is linked to an entity when its head,
// a modifier of its head or an of-phrase of a plural or title ("the
// ambassadors of NATO") is a mention of one. Reporting verbs that gave a
// claim are left to the claim; tuples in a conditional clause keep their
// text but link no entity. The confidence ranks tuples by how they were
// found and by length (long phrases are more often wrong).
func (l *Linker) extractRelations(doc *nlp.Document, tab *entityTable, art *Article) {
	var toks []nlp.Token
	var words, tags []string
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if len(s.Tokens) < 3 || len(s.Tokens) > 120 {
			continue
		}
		// The parser reads '' as one token (nlp.AppendParseTokens).
		toks = nlp.AppendParseTokens(toks[:0], s.Tokens)
		words, tags = words[:0], tags[:0]
		for _, t := range toks {
			words = append(words, t.Norm)
			tags = append(tags, t.Tag)
		}
		tree := s.Deps
		if tree == nil {
			// A document made without the parser: parse here.
			p := sentenceParser()
			if p == nil {
				return
			}
			tree = p.Parse(words, tags)
		}
		tags = parse.Tags(words, tags)
		for i := range toks {
			toks[i].Tag = tags[i]
		}
		os := newOIESent(toks, tree.Head, tree.Label)
		tuples := os.extract(claimCues(art, si))
		if len(tuples) == 0 {
			continue
		}
		ments := sentenceMentions(tab, si, s.Tokens, toks)
		for _, tp := range tuples {
			if len(tp.obj) == 0 {
				continue
			}
			rel := Relation{
				Subject:    os.ref(doc, tab, ments, tp.subj, false),
				Predicate:  os.cue(doc, tp),
				Object:     os.ref(doc, tab, ments, tp.obj, tp.relPre != ""),
				Sentence:   si,
				Confidence: roundConf(tp.conf),
			}
			for _, a := range tp.args {
				rel.Args = append(rel.Args, os.ref(doc, tab, ments, a, false))
			}
			if tp.hypo {
				// "if North Korean soldiers deployed to Ukraine": kept
				// as text, never as an edge between entities.
				rel.Subject.Entity, rel.Object.Entity = "", ""
			}
			rel.ID = relationID(doc.ID, si, rel)
			art.Relations = append(art.Relations, rel)
			if v, ok := os.entityVariant(doc, rel, tp); ok {
				v.ID = relationID(doc.ID, si, v)
				art.Relations = append(art.Relations, v)
			}
		}
	}
}

// relationID is a deterministic ID of a relation: a 64-bit FNV-1a hash of
// the article, sentence, predicate offset and the texts of subject,
// predicate and object (sha1 costs a twentieth of relation extraction).
func relationID(article string, si int, r Relation) string {
	h := fnv.New64a()
	for _, p := range []string{article, strconv.Itoa(si), strconv.Itoa(r.Predicate.Start), r.Subject.Text, r.Predicate.Text, r.Object.Text} {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "rel/" + strconv.FormatUint(h.Sum64(), 16)
}

func roundConf(c float64) float64 {
	if c < 0.05 {
		c = 0.05
	}
	if c > 0.99 {
		c = 0.99
	}
	return float64(int(c*1000+0.5)) / 1000
}

// sentenceMentions maps each of the parsed tokens of sentence si (toks,
// which may merge tokens of the sentence) to the resolved mention covering
// it.
func sentenceMentions(tab *entityTable, si int, stoks, toks []nlp.Token) []*rmention {
	var out []*rmention
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.Sentence != si || m.key == "" {
			continue
		}
		if out == nil {
			out = make([]*rmention, len(toks))
		}
		for k := range toks {
			if toks[k].Start >= m.Start && toks[k].End <= m.End {
				out[k] = m
			}
		}
	}
	return out
}

// claimCues returns the start offsets of the claim cues of sentence si.
func claimCues(art *Article, si int) map[int]bool {
	var out map[int]bool
	for _, c := range art.Claims {
		if c.Sentence == si {
			if out == nil {
				out = map[int]bool{}
			}
			out[c.Cue.Start] = true
		}
	}
	return out
}

// spanText joins the text of the tokens (sorted indexes): runs of
// adjacent tokens as in the source, runs apart joined by a space.
func (s *oieSent) spanText(doc *nlp.Document, toks []int) (string, int, int) {
	if len(toks) == 0 {
		return "", 0, 0
	}
	var b strings.Builder
	runStart := toks[0]
	for k := 1; k <= len(toks); k++ {
		if k < len(toks) && toks[k] == toks[k-1]+1 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(doc.Text[s.toks[runStart].Start:s.toks[toks[k-1]].End])
		if k < len(toks) {
			runStart = toks[k]
		}
	}
	return b.String(), s.toks[toks[0]].Start, s.toks[toks[len(toks)-1]].End
}

// ref makes the Ref of a phrase, linked to an entity when the phrase is
// about one (see phraseEntity), or only when its head is a mention of one
// (headOnly: for "X is Y" and "X has Y" read off appositions and
// possessives, where "NATO Secretary General" is not NATO).
func (s *oieSent) ref(doc *nlp.Document, tab *entityTable, ments []*rmention, toks []int, headOnly bool) Ref {
	text, st, en := s.spanText(doc, toks)
	r := Ref{Text: text, Start: st, End: en}
	if ments == nil || len(toks) == 0 {
		return r
	}
	// the entity of the phrase's head, or of a modifier of the head
	// ("North Korean troops"), or of an of-phrase ("the ambassadors of
	// NATO"); not of other phrases inside ("a relationship with Spain").
	h := s.phraseHead(toks)
	if h < 0 {
		return r
	}
	if headOnly {
		if ments[h] != nil {
			r.Entity = tab.id(ments[h])
		}
		return r
	}
	if m := s.phraseEntity(ments, toks, h, 0); m != nil {
		r.Entity = tab.id(m)
	}
	return r
}

// phraseEntity returns the mention at token h of a phrase, or at a
// modifier of h, or (one level down) in an of-phrase of h when h is a
// plural or a title.
func (s *oieSent) phraseEntity(ments []*rmention, toks []int, h, depth int) *rmention {
	if ments[h] != nil {
		return ments[h]
	}
	for _, c := range s.kids[h] {
		if ments[c] == nil || !inInts(toks, c) {
			continue
		}
		switch s.label[c] {
		case "compound", "amod", "flat", "nummod":
			return ments[c]
		}
	}
	// "the ambassadors of NATO", "the leader of the party"; not "the
	// addition of North Korean forces"
	if depth > 0 || s.toks[h].Tag != "NNS" && !isTitleToken(s.toks[h].Norm) {
		return nil
	}
	for _, c := range s.kids[h] {
		if s.label[c] == "nmod" && inInts(toks, c) {
			if k := s.child(c, "case"); k >= 0 && s.lower(k) == "of" {
				if m := s.phraseEntity(ments, toks, c, depth+1); m != nil {
					return m
				}
			}
		}
	}
	return nil
}

// cue makes the predicate of a tuple: its text (with an implied "is"
// for an appositive) and lemma (verbs in dictionary form, auxiliaries and
// adverbs left out, prepositions and particles kept).
func (s *oieSent) cue(doc *nlp.Document, tp tuple) Cue {
	text, st, en := s.spanText(doc, tp.rel)
	var lem []string
	if tp.relPre != "" {
		lem = append(lem, Lemma(tp.relPre))
		if text == "" {
			text = tp.relPre
			st, en = s.toks[tp.obj[0]].Start, s.toks[tp.obj[0]].Start
		} else {
			text = tp.relPre + " " + text
		}
	}
	for _, t := range tp.rel {
		w := s.lower(t)
		switch s.label[t] {
		case "aux", "aux:pass":
			continue
		case "cop":
			lem = append(lem, "be")
			continue
		case "advmod":
			if w != "not" && w != "n't" && w != "never" {
				continue
			}
			w = "not"
		}
		if s.isVerb(t) {
			w = Lemma(w)
		}
		lem = append(lem, w)
	}
	return Cue{Lemma: strings.Join(lem, " "), Text: text, Start: st, End: en}
}

// entityVariant reads a relation whose object is a plain noun phrase and
// whose prepositional argument is an entity the other way, for the graph:
// "North Korea deployed troops to Russia" gives, besides North Korea /
// deployed / troops / to Russia, North Korea / deployed troops to /
// Russia (lemma "deploy troops to"), at a lower confidence.
func (s *oieSent) entityVariant(doc *nlp.Document, rel Relation, tp tuple) (Relation, bool) {
	if rel.Subject.Entity == "" || rel.Object.Entity != "" || len(tp.obj) > 4 || len(tp.rel) == 0 || tp.relPre != "" {
		return Relation{}, false
	}
	last := tp.rel[len(tp.rel)-1]
	for k, a := range tp.args {
		ref := rel.Args[k]
		if ref.Entity == "" || len(a) < 2 || s.label[a[0]] != "case" || a[0] < tp.obj[0] {
			continue
		}
		if a[0] <= last {
			return Relation{}, false
		}
		h := s.phraseHead(tp.obj)
		if h < 0 || !strings.HasPrefix(s.toks[h].Tag, "NN") || strings.HasPrefix(s.toks[h].Tag, "NNP") {
			return Relation{}, false
		}
		predToks := append(append(append([]int{}, tp.rel...), tp.obj...), a[0])
		v := rel
		v.Predicate = s.cue(doc, tuple{rel: predToks})
		v.Predicate.Lemma = rel.Predicate.Lemma + " " + s.lower(h) + " " + s.lower(a[0])
		obj := s.ref2(doc, ref, a[1:])
		v.Object = obj
		v.Args = append(append([]Ref{}, rel.Args[:k]...), rel.Args[k+1:]...)
		v.Confidence = roundConf(rel.Confidence - 0.35)
		return v, true
	}
	return Relation{}, false
}

// ref2 is ref with the entity of an earlier Ref of the same phrase.
func (s *oieSent) ref2(doc *nlp.Document, was Ref, toks []int) Ref {
	text, st, en := s.spanText(doc, toks)
	return Ref{Entity: was.Entity, Text: text, Start: st, End: en}
}
