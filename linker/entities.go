package linker

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/gazetteer"
	"github.com/claimgraph/claimgraph/nlp"
)

// A resolved mention: an nlp mention (possibly trimmed of titles) and the
// entity key it belongs to.
type rmention struct {
	nlp.Mention
	key     string // canonical key: type class + normalised canonical name
	name    string // canonical name
	typ     string // entity type
	scoped  bool   // the ID is scoped to the article (no cross-article evidence)
	demonym bool
	gaz     bool // name and type come from the gazetteer
	acronym bool // name set by an acronym and its expansion
}

// entityTable accumulates the entities of one article.
type entityTable struct {
	article  string
	mentions []rmention
	byKey    map[string]*Entity
	order    []string
}

func typeClass(t string) string {
	switch t {
	case "GPE", "LOC", "NORP":
		return "place"
	default:
		return strings.ToLower(t)
	}
}

// Slug makes a readable, IRI-safe identifier from a name: lower case,
// letters and digits kept, every other run of characters one "-"
// ("Secretary of Defense" -> "secretary-of-defense"). Entity IDs and the
// schema's predicate IRIs use it.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func shortHash(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// EntityID returns the deterministic ID of an entity with a canonical name
// and type. Entities whose identity is only known inside one article (a lone
// surname) are scoped to that article.
func EntityID(typ, name, scope string) string {
	id := typeClass(typ) + "/" + Slug(name)
	if scope != "" {
		id += "@" + shortHash(scope)
	}
	return id
}

// quoteStraightener straightens curly quotes (built once: NewReplacer
// per call cost 0.65 s of CPU on all Reuters-21578).
var quoteStraightener = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`)

// normName collapses white space and straightens quotes.
func normName(s string) string {
	s = quoteStraightener.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// stripPossessive removes a final "'s" or "'".
func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "'S", "\u2019s"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// personName strips honorifics and leading title words from a person
// mention's tokens, returning the index of the first name token.
func personNameStart(toks []nlp.Token, from, to int) int {
	i := from
	for i < to-1 {
		w := toks[i].Text
		if honorifics[strings.ToLower(w)] || (isTitleToken(w) && isCapitalized(w)) || (strings.ToLower(w) == "of" && i > from) {
			i++
			continue
		}
		break
	}
	return i
}

func isCapitalized(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// resolveEntities turns the document's mentions into canonical entities.
func (l *Linker) resolveEntities(doc *nlp.Document, art *Article) *entityTable {
	tab := &entityTable{article: doc.ID, byKey: map[string]*Entity{}}
	var pieces []nlp.Mention
	for _, m := range acronymMentions(doc) {
		for _, p := range splitDemonym(doc, m) {
			pieces = append(pieces, splitTitled(doc, p)...)
		}
	}
	for _, m := range pieces {
		s := &doc.Sentences[m.Sentence]
		rm := rmention{Mention: m, typ: m.Type}
		// Trim "the" and possessives.
		if strings.EqualFold(s.Tokens[rm.TokStart].Text, "the") && rm.TokEnd-rm.TokStart > 1 {
			rm.TokStart++
		}
		if rm.TokEnd-rm.TokStart > 1 {
			last := s.Tokens[rm.TokEnd-1].Text
			if last == "'s" || last == "\u2019s" || last == "'" {
				rm.TokEnd--
			}
		}
		if rm.Type != "PERSON" && (honorificPerson(s.Tokens, rm.TokStart, rm.TokEnd) ||
			administrationPerson(s.Tokens, rm.TokStart, rm.TokEnd, doc.Text[s.Tokens[rm.TokStart].Start:s.Tokens[rm.TokEnd-1].End])) {
			rm.Type, rm.typ = "PERSON", "PERSON"
		}
		if rm.Type == "PERSON" {
			rm.TokStart = personNameStart(s.Tokens, rm.TokStart, rm.TokEnd)
		}
		rm.Span = nlp.Span{Start: s.Tokens[rm.TokStart].Start, End: s.Tokens[rm.TokEnd-1].End}
		rm.Text = doc.Text[rm.Start:rm.End]
		name := stripPossessive(normName(rm.Text))
		switch rm.Type {
		case "GPE", "LOC", "NORP", "ORG", "FAC":
			if g, ok := gazetteer.Lookup(name); ok {
				if rm.Type == "ORG" && g.Place.Type != "ORG" && !g.Demonym {
					// A country name tagged ORG (a team, a government): keep
					// the mention's type, link to the country.
				}
				rm.name, rm.typ, rm.demonym, rm.gaz = g.Place.Name, g.Place.Type, g.Demonym, true
				if g.Demonym && rm.Type != "NORP" {
					rm.Type = "NORP"
				}
			}
		case "PERSON", "MISC":
			// Organisations and places that the recognizer mistyped.
			if g, ok := gazetteer.Lookup(name); ok && (g.Place.Type == "ORG" || g.Place.Kind == gazetteer.KindCountry || g.Demonym) {
				rm.name, rm.typ, rm.demonym, rm.gaz = g.Place.Name, g.Place.Type, g.Demonym, true
				if g.Demonym {
					rm.Type = "NORP"
				} else {
					rm.Type = g.Place.Type
				}
			}
		}
		if rm.name == "" {
			rm.name = name
			if strings.HasPrefix(rm.name, "the ") || strings.HasPrefix(rm.name, "The ") {
				rm.name = rm.name[4:]
			}
		}
		tab.mentions = append(tab.mentions, rm)
	}
	l.mergeAcronyms(doc, tab)
	linkOrgVariants(tab)
	fixPersonTypes(tab)
	linkPersons(doc, tab)
	unifyNameTypes(tab)
	// Build entities.
	for i := range tab.mentions {
		rm := &tab.mentions[i]
		if rm.name == "" {
			continue
		}
		rm.key = typeClass(rm.typ) + "|" + strings.ToLower(rm.name)
		e, ok := tab.byKey[rm.key]
		if !ok {
			scope := ""
			if rm.scoped {
				scope = doc.ID
			}
			e = &Entity{ID: EntityID(rm.typ, rm.name, scope), Name: rm.name, Type: rm.typ}
			tab.byKey[rm.key] = e
			tab.order = append(tab.order, rm.key)
		}
		// A place entity takes the strongest type among its mentions.
		if e.Type == "NORP" && rm.typ != "NORP" {
			e.Type = rm.typ
		}
		mt := rm.Type
		e.Mentions = append(e.Mentions, Mention{Text: rm.Text, Start: rm.Start, End: rm.End, Type: mt})
		alias := stripPossessive(normName(rm.Text))
		if !contains(e.Aliases, alias) {
			e.Aliases = append(e.Aliases, alias)
		}
	}
	for _, k := range tab.order {
		e := tab.byKey[k]
		if !contains(e.Aliases, e.Name) {
			e.Aliases = append([]string{e.Name}, e.Aliases...)
		}
		sort.SliceStable(e.Mentions, func(a, b int) bool { return e.Mentions[a].Start < e.Mentions[b].Start })
		art.Entities = append(art.Entities, *e)
	}
	return tab
}

// initials returns the capital initials of a multi-word name, skipping
// function words ("North Atlantic Treaty Organization" -> "NATO").
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "&", "de", "du", "des", "la", "le":
			continue
		}
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// entityAt returns the entity whose mention covers the token range, if any.
func (tab *entityTable) entityAt(start, end int) *rmention {
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.Start < end && start < m.End {
			return m
		}
	}
	return nil
}

// id returns the entity ID of a resolved mention.
func (tab *entityTable) id(m *rmention) string {
	if m == nil {
		return ""
	}
	if e, ok := tab.byKey[m.key]; ok {
		return e.ID
	}
	return ""
}

// headTitles are the nouns that head a title ("Secretary" in "Secretary of
// Defense", "Minister" in "Foreign Minister").
var headTitles = set(`secretary secretary-general president minister chancellor premier spokesman
spokeswoman spokesperson ambassador chairman chairwoman chief director governor senator
representative leader king queen prince commander head ceo mayor envoy adviser advisor official
officer undersecretary prosecutor judge justice attorney`)

// companyWords end organisation names, never person names.
var companyWords = set(`corp corp. inc inc. co co. ltd ltd. plc group bank motors airlines holdings
company association council committee party union institute university agency`)

// splitTitled splits a mention that holds a title in front of or behind a
// name: "U.S. Secretary of Defense Lloyd Austin" -> "U.S." + "Lloyd Austin"
// (PERSON); "United Nations Representative" -> "United Nations". A mention
// that is nothing but a title ("Secretary General") is dropped.
func splitTitled(doc *nlp.Document, m nlp.Mention) []nlp.Mention {
	s := &doc.Sentences[m.Sentence]
	toks := s.Tokens
	a, b := m.TokStart, m.TokEnd
	i := a
	for ; i < b; i++ {
		if isTitleToken(toks[i].Text) && isCapitalized(toks[i].Text) {
			break
		}
	}
	if i == b {
		return []nlp.Mention{m}
	}
	j := i
	head := false
	for j < b && ((isTitleToken(toks[j].Text) && isCapitalized(toks[j].Text)) || (lower(toks[j]) == "of" && j > i)) {
		if headTitles[strings.ToLower(toks[j].Text)] {
			head = true
		}
		j++
	}
	for j > i && lower(toks[j-1]) == "of" {
		j--
	}
	if !head {
		return []nlp.Mention{m}
	}
	piece := func(x, y int, typ string) nlp.Mention {
		p := nlp.Mention{Type: typ, Sentence: m.Sentence, TokStart: x, TokEnd: y,
			Span: nlp.Span{Start: toks[x].Start, End: toks[y-1].End}}
		p.Text = doc.Text[p.Start:p.End]
		return p
	}
	prefixType := m.Type
	if prefixType == "PERSON" {
		prefixType = "ORG"
		if g, ok := gazetteer.Lookup(doc.Text[toks[a].Start:toks[max(a, i-1)].End]); ok && a < i {
			prefixType = g.Place.Type
			if g.Demonym {
				prefixType = "NORP"
			}
		}
	}
	var out []nlp.Mention
	nameLike := j < b
	for k := j; k < b; k++ {
		w := toks[k].Text
		if !isCapitalized(w) || companyWords[strings.ToLower(w)] {
			nameLike = false
		}
	}
	switch {
	case nameLike && (b-j >= 2 || m.Type == "PERSON"):
		if a < i {
			out = append(out, piece(a, i, prefixType))
		}
		out = append(out, piece(j, b, "PERSON"))
	case j == b && a < i && m.Type != "PERSON":
		out = append(out, piece(a, i, m.Type))
	case j == b && a == i:
		// Only a title: not an entity.
	default:
		out = append(out, m)
	}
	return out
}

// fixPersonTypes corrects a lone name the recognizer typed as a place or
// organisation when it is the surname or first name of a person named in the
// same article ("Putin's war" read as a place).
func fixPersonTypes(tab *entityTable) {
	parts := map[string]bool{}
	for _, m := range tab.mentions {
		if m.typ == "PERSON" {
			f := strings.Fields(m.name)
			if len(f) >= 2 {
				parts[f[0]] = true
				parts[f[len(f)-1]] = true
			}
		}
	}
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.typ == "PERSON" || strings.Contains(m.name, " ") || !parts[m.name] {
			continue
		}
		if g, ok := gazetteer.Lookup(m.name); ok && !g.Ambiguous {
			continue
		}
		m.typ, m.Type = "PERSON", "PERSON"
	}
}

// splitDemonym splits a mention that starts with a demonym followed by an
// organisation's name ("North Korean United Nations" -> "North Korean" +
// "United Nations"; "German Foreign Ministry" -> "German" + "Foreign
// Ministry"), when the whole is not itself a known name nor spelled out by
// an acronym that follows it.
func splitDemonym(doc *nlp.Document, m nlp.Mention) []nlp.Mention {
	if m.TokEnd-m.TokStart < 2 || m.Type == "PERSON" {
		return []nlp.Mention{m}
	}
	if _, ok := gazetteer.Lookup(m.Text); ok {
		return []nlp.Mention{m}
	}
	toks := doc.Sentences[m.Sentence].Tokens
	// "American Petroleum Institute (API)": the acronym says the demonym
	// belongs to the name.
	if e := m.TokEnd; e+2 < len(toks) && toks[e].Text == "(" && toks[e+2].Text == ")" {
		if acr := acronymLetters(toks[e+1].Text); acr != "" && initialsOf(toks[m.TokStart:e]) == acr {
			return []nlp.Mention{m}
		}
	}
	for k := m.TokStart + 1; k < m.TokEnd && k <= m.TokStart+3; k++ {
		head := doc.Text[toks[m.TokStart].Start:toks[k-1].End]
		g, ok := gazetteer.Lookup(head)
		if !ok || !g.Demonym || g.Ambiguous {
			continue
		}
		if !isCapitalized(toks[k].Text) {
			return []nlp.Mention{m}
		}
		a := nlp.Mention{Type: "NORP", Sentence: m.Sentence, TokStart: m.TokStart, TokEnd: k,
			Span: nlp.Span{Start: toks[m.TokStart].Start, End: toks[k-1].End}}
		a.Text = doc.Text[a.Start:a.End]
		b := nlp.Mention{Type: m.Type, Sentence: m.Sentence, TokStart: k, TokEnd: m.TokEnd,
			Span: nlp.Span{Start: toks[k].Start, End: toks[m.TokEnd-1].End}}
		b.Text = doc.Text[b.Start:b.End]
		if b.Type == "NORP" || b.Type == "MISC" {
			b.Type = "ORG"
		}
		return []nlp.Mention{a, b}
	}
	return []nlp.Mention{m}
}
