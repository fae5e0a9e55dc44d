package linker

import (
	"sort"
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/gazetteer"
	"github.com/claimgraph/claimgraph/nlp"
)

// This file holds the linking rules that look beyond one mention: acronyms
// given in parentheses, national bodies named with and without their
// country, and lone names of persons. resolveEntities (entities.go) calls
// them in order; each was added or changed by measurement on the linking
// test set (testdata/linking/README.md).

// acronymLetters returns the letters of an acronym token ("MITI", "U.N.",
// "AT&T" -> "ATT"), or "" when the token is not one: two to ten capital
// letters, optionally with dots between them or an ampersand.
func acronymLetters(tok string) string {
	var b strings.Builder
	for _, r := range tok {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r == '.' || r == '&':
		default:
			return ""
		}
	}
	if b.Len() < 2 || b.Len() > 10 {
		return ""
	}
	return b.String()
}

// expansionWords are the small words inside a name that give no letter to
// its acronym.
var expansionWords = set(`of the and for on in to at & de du des la le el y da`)

// isNameWord reports whether a token can be a content word of a name: it
// starts with a capital letter.
func isNameWord(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// expansionBefore finds, right before the token at end, the name whose
// initials spell acr ("Ministry of International Trade and Industry" before
// "(MITI)"), and returns the index of its first token, or -1. Small words
// may give their letter or not ("United Nations Conference on Trade and
// Development (UNCTAD)"); the name starts with a capitalised content word.
func expansionBefore(toks []nlp.Token, end int, acr string) int {
	// walk(k, n): the tokens after k up to end spell the last n letters of
	// acr; it moves right to left, over at most 16 tokens.
	var walk func(k, n int) int
	walk = func(k, n int) int {
		if n == len(acr) {
			w := toks[k+1].Text
			if expansionWords[strings.ToLower(w)] {
				return -1
			}
			return k + 1
		}
		if k < 0 || k < end-16 {
			return -1
		}
		w := toks[k].Text
		if w == "" {
			return -1
		}
		letter := acr[len(acr)-1-n]
		first := []rune(w)[0]
		if expansionWords[strings.ToLower(w)] {
			if r := walk(k-1, n); r >= 0 {
				return r
			}
			if unicode.ToUpper(first) == rune(letter) {
				return walk(k-1, n+1)
			}
			return -1
		}
		if !isNameWord(w) || first != rune(letter) {
			return -1
		}
		return walk(k-1, n+1)
	}
	return walk(end-1, 0)
}

// initialsOf returns the initials of the content words of toks, or "" when
// one of them is not a name word.
func initialsOf(toks []nlp.Token) string {
	var b strings.Builder
	for _, t := range toks {
		if expansionWords[strings.ToLower(t.Text)] {
			continue
		}
		if !isNameWord(t.Text) {
			return ""
		}
		b.WriteRune([]rune(t.Text)[0])
	}
	return b.String()
}

// acronymMentions returns the document's mentions with the names that an
// article spells out next to their acronym made whole. The recognizer often
// stops inside a long name ("Ministry of International Trade" of "Ministry
// of International Trade and Industry (MITI)", or "General Agreement" +
// "Trade and Tariffs"); when the capitalised words right before "(ACR)", or
// inside the parentheses after "ACR", have the acronym's letters as
// initials, they become one mention, and an acronym the recognizer missed
// gets a mention of the same type. The document is not changed.
func acronymMentions(doc *nlp.Document) []nlp.Mention {
	ms := append([]nlp.Mention(nil), doc.Mentions...)
	changed := false
	for si := range doc.Sentences {
		toks := doc.Sentences[si].Tokens
		for i := 0; i+2 < len(toks); i++ {
			if toks[i].Text != "(" || toks[i+2].Text != ")" {
				continue
			}
			// Expansion (ACR)
			if acr := acronymLetters(toks[i+1].Text); acr != "" {
				if k := expansionBefore(toks, i, acr); k >= 0 {
					if out, ok := placeAcronymPair(doc, ms, si, k, i, i+1); ok {
						ms, changed = out, true
					}
				}
			}
		}
		for j := 0; j+3 < len(toks); j++ {
			// ACR (Expansion)
			acr := acronymLetters(toks[j].Text)
			if acr == "" || toks[j+1].Text != "(" {
				continue
			}
			e := j + 2
			for e < len(toks) && e < j+18 && toks[e].Text != ")" {
				e++
			}
			if e >= len(toks) || toks[e].Text != ")" || e == j+2 || !isNameWord(toks[j+2].Text) || expansionWords[strings.ToLower(toks[j+2].Text)] {
				continue
			}
			if initialsOf(toks[j+2:e]) != acr {
				continue
			}
			if out, ok := placeAcronymPair(doc, ms, si, j+2, e, j); ok {
				ms, changed = out, true
			}
		}
	}
	if changed {
		sort.SliceStable(ms, func(a, b int) bool {
			if ms[a].Sentence != ms[b].Sentence {
				return ms[a].Sentence < ms[b].Sentence
			}
			return ms[a].TokStart < ms[b].TokStart
		})
	}
	return ms
}

// placeAcronymPair makes tokens [a, b) of sentence si one mention and gives
// the acronym token at acr a mention when it has none. It does nothing (ok
// false) when no mention of the recognizer touches the expansion (the words
// may not be a name at all) or when one crosses its edges.
func placeAcronymPair(doc *nlp.Document, ms []nlp.Mention, si, a, b, acr int) ([]nlp.Mention, bool) {
	toks := doc.Sentences[si].Tokens
	typ := ""
	mixed := false
	exact := false
	acrCovered := false
	touched := 0
	for _, m := range ms {
		if m.Sentence != si {
			continue
		}
		if m.TokStart <= acr && acr < m.TokEnd {
			if m.TokStart != acr || m.TokEnd != acr+1 {
				return ms, false
			}
			acrCovered = true
		}
		if m.TokEnd <= a || m.TokStart >= b {
			continue
		}
		if m.TokStart < a || m.TokEnd > b {
			return ms, false
		}
		touched++
		if m.TokStart == a && m.TokEnd == b {
			exact = true
		}
		switch {
		case typ == "":
			typ = m.Type
		case typ != m.Type:
			mixed = true
		}
	}
	if touched == 0 || (exact && acrCovered) {
		return ms, false
	}
	if mixed || typ == "PERSON" || typ == "NORP" {
		typ = "ORG"
	}
	mk := func(x, y int) nlp.Mention {
		m := nlp.Mention{Type: typ, Sentence: si, TokStart: x, TokEnd: y,
			Span: nlp.Span{Start: toks[x].Start, End: toks[y-1].End}}
		m.Text = doc.Text[m.Start:m.End]
		return m
	}
	out := ms[:0:0]
	for _, m := range ms {
		if m.Sentence == si && m.TokStart >= a && m.TokEnd <= b {
			continue
		}
		out = append(out, m)
	}
	out = append(out, mk(a, b))
	if !acrCovered {
		out = append(out, mk(acr, acr+1))
	}
	return out, true
}

// mergeAcronyms links acronym mentions to the name they stand for: the name
// right before "(ACR)" or inside the parentheses after "ACR", whatever its
// initials ("Trade and Industry Association (DIHT)"), and otherwise the one
// multi-word organisation of the article whose initials spell the acronym.
// The pair takes the gazetteer's name when the gazetteer knows either form,
// so an article that gives both and one that gives only the acronym agree.
func (l *Linker) mergeAcronyms(doc *nlp.Document, tab *entityTable) {
	expansions := map[string]string{} // acronym letters -> full name
	clash := map[string]bool{}
	for _, rm := range tab.mentions {
		if rm.typ != "ORG" || !strings.Contains(rm.name, " ") {
			continue
		}
		ac := initials(rm.name)
		if len(ac) < 2 {
			continue
		}
		if prev, ok := expansions[ac]; ok && !strings.EqualFold(prev, rm.name) {
			clash[ac] = true
		}
		expansions[ac] = rm.name
	}
	for ac := range clash {
		delete(expansions, ac)
	}
	// Names given next to the acronym in parentheses.
	next := map[[2]int]int{} // sentence, first token -> mention index
	prev := map[[2]int]int{} // sentence, end token -> mention index
	for i, rm := range tab.mentions {
		next[[2]int{rm.Sentence, rm.TokStart}] = i
		prev[[2]int{rm.Sentence, rm.TokEnd}] = i
	}
	paired := map[int]int{} // acronym mention -> name mention
	for i, rm := range tab.mentions {
		if rm.TokEnd-rm.TokStart != 1 {
			continue
		}
		toks := doc.Sentences[rm.Sentence].Tokens
		if acronymLetters(toks[rm.TokStart].Text) == "" {
			continue
		}
		if g, ok := gazetteer.Lookup(toks[rm.TokStart].Text); ok && g.Place.Type != "ORG" {
			continue // "Mazda Motor Manufacturing (USA)": a place, not the name
		}
		t := rm.TokStart
		if t >= 1 && t+1 < len(toks) && toks[t-1].Text == "(" && toks[t+1].Text == ")" {
			if j, ok := prev[[2]int{rm.Sentence, t - 1}]; ok && strings.Contains(tab.mentions[j].name, " ") && sharesInitials(toks[t].Text, tab.mentions[j].name) {
				paired[i] = j
				continue
			}
		}
		if t+2 < len(toks) && toks[t+1].Text == "(" {
			if j, ok := next[[2]int{rm.Sentence, t + 2}]; ok {
				e := tab.mentions[j].TokEnd
				if e < len(toks) && toks[e].Text == ")" && strings.Contains(tab.mentions[j].name, " ") && sharesInitials(toks[t].Text, tab.mentions[j].name) {
					paired[i] = j
				}
			}
		}
	}
	rename := map[string]string{} // lower-cased name -> canonical name
	pairs := make([]int, 0, len(paired))
	for i := range paired {
		pairs = append(pairs, i)
	}
	sort.Ints(pairs)
	for _, i := range pairs {
		a, e := &tab.mentions[i], &tab.mentions[paired[i]]
		if e.typ == "PERSON" || e.typ == "NORP" {
			continue
		}
		canon := e.name
		if g, ok := gazetteer.Lookup(a.name); ok && g.Place.Type == "ORG" && !g.Ambiguous {
			canon = g.Place.Name
		} else if a.gaz && a.typ == "ORG" {
			canon = a.name
		}
		rename[strings.ToLower(e.name)] = canon
		rename[strings.ToLower(a.name)] = canon
	}
	for i := range tab.mentions {
		rm := &tab.mentions[i]
		if c, ok := rename[strings.ToLower(rm.name)]; ok && rm.typ != "PERSON" && !rm.demonym {
			rm.name, rm.acronym = c, true
			continue
		}
		if rm.typ != "ORG" || strings.Contains(rm.name, " ") {
			continue
		}
		if full, ok := expansions[strings.ReplaceAll(rm.name, ".", "")]; ok {
			rm.name, rm.acronym = full, true
		}
	}
	// The mentions of one name take one type: the commonest among them
	// (organisation on a tie), so that "ICO" typed ORG and "International
	// Coffee Organization" typed MISC stay one entity.
	votes := map[string]map[string]int{}
	for _, rm := range tab.mentions {
		if rm.acronym {
			k := strings.ToLower(rm.name)
			if votes[k] == nil {
				votes[k] = map[string]int{}
			}
			votes[k][rm.typ]++
		}
	}
	for i := range tab.mentions {
		rm := &tab.mentions[i]
		v := votes[strings.ToLower(rm.name)]
		if v == nil || rm.typ == "PERSON" || rm.demonym {
			continue
		}
		best := "ORG"
		for t, n := range v {
			if t != "PERSON" && (n > v[best] || n == v[best] && t < best && best != "ORG") {
				best = t
			}
		}
		rm.typ = best
	}
}

// sharesInitials reports whether at least half of the letters of an
// acronym are initials of words of name: "DIHT" and "Trade and Industry
// Association" (a German acronym), not "H.K." and "China Development
// Finance Co" (a place in parentheses).
func sharesInitials(acr, name string) bool {
	letters := acronymLetters(acr)
	have := map[rune]bool{}
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			have[unicode.ToUpper(r)] = true
			break
		}
	}
	n := 0
	for _, r := range letters {
		if have[r] {
			n++
		}
	}
	return n*2 >= len(letters)
}

// orgCore splits an organisation's name into a leading country name and
// the name of the body: "U.S. Senate" -> "U.S.", "Senate"; "Treasury
// Department" -> "", "Treasury"; "Department of State" -> "", "State".
func orgCore(name string) (country, core string) {
	words := strings.Fields(name)
	for n := min(3, len(words)-1); n >= 1; n-- {
		head := strings.Join(words[:n], " ")
		if g, ok := gazetteer.Lookup(head); ok && !g.Demonym && !g.Ambiguous && g.Place.Kind == gazetteer.KindCountry {
			country, words = head, words[n:]
			break
		}
	}
	if len(words) >= 2 && (words[len(words)-1] == "Department" || words[len(words)-1] == "Dept.") {
		words = words[:len(words)-1]
	} else if len(words) >= 3 && words[0] == "Department" && words[1] == "of" {
		words = words[2:]
	}
	return country, strings.Join(words, " ")
}

// linkOrgVariants joins the names of one national body inside an article:
// "U.S. Senate" and "Senate", "U.S. Treasury", "Treasury Department" and
// "Treasury". The canonical name is the first name given with the country
// ("U.S. Treasury"), so only bodies named with the same country meet across
// articles; without one it is the bare name ("Treasury"), as in an article
// that only says "Treasury". Nothing is joined when the article names the
// body of two countries.
func linkOrgVariants(tab *entityTable) {
	type member struct {
		i       int
		country string
	}
	// A demonym or country right before a body's name qualifies it too
	// ("Philippine" + "Senate"), though it is a mention of its own.
	before := map[[2]int]string{}
	for _, rm := range tab.mentions {
		if rm.gaz && (rm.demonym || rm.typ == "GPE") {
			before[[2]int{rm.Sentence, rm.TokEnd}] = rm.name
		}
	}
	groups := map[string][]member{}
	qualified := map[string]map[string]bool{} // core -> countries
	var order []string
	for i, rm := range tab.mentions {
		if rm.typ != "ORG" || rm.gaz || rm.acronym {
			continue
		}
		country, core := orgCore(rm.name)
		k := strings.ToLower(core)
		q := ""
		if country != "" {
			if g, ok := gazetteer.Lookup(country); ok {
				q = g.Place.Name
			}
		} else {
			q = before[[2]int{rm.Sentence, rm.TokStart}]
		}
		if q != "" {
			if qualified[k] == nil {
				qualified[k] = map[string]bool{}
			}
			qualified[k][q] = true
		}
		if core == "" || !isNameWord(core) {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], member{i, country})
	}
	for _, k := range order {
		g := groups[k]
		names := map[string]bool{}
		for _, m := range g {
			names[strings.ToLower(tab.mentions[m.i].name)] = true
		}
		if len(names) < 2 || len(qualified[k]) > 1 {
			continue
		}
		_, canon := orgCore(tab.mentions[g[0].i].name)
		for _, m := range g {
			if m.country != "" {
				canon = tab.mentions[m.i].name
				break
			}
		}
		for _, m := range g {
			tab.mentions[m.i].name = canon
		}
	}
}

// honorificPerson reports whether a mention starts with a personal
// honorific followed by a capitalised word ("Mr. Obama", "Dr. Mariano"):
// it names a person whatever type the recognizer gave it.
func honorificPerson(toks []nlp.Token, from, to int) bool {
	if to-from < 2 {
		return false
	}
	switch strings.ToLower(toks[from].Text) {
	case "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "prof.", "prof":
		return isNameWord(toks[from+1].Text)
	}
	return false
}

// administrationPerson reports whether a mention that is not typed PERSON
// is the person of "the Obama administration": one or two proper nouns,
// followed by the word "administration", unknown to the gazetteer.
func administrationPerson(toks []nlp.Token, from, to int, name string) bool {
	if to >= len(toks) || toks[to].Text != "administration" || to-from > 2 {
		return false
	}
	for k := from; k < to; k++ {
		if toks[k].Tag != "NNP" || !isNameWord(toks[k].Text) {
			return false
		}
	}
	_, known := gazetteer.Lookup(name)
	return !known
}

// personTitle returns the title words right before a person mention
// ("treasury secretary" for "Treasury Secretary Baker"), lower-cased, or "".
func personTitle(doc *nlp.Document, m *rmention) string {
	toks := doc.Sentences[m.Sentence].Tokens
	k := m.TokStart
	for k > 0 {
		w := toks[k-1].Text
		if honorifics[strings.ToLower(w)] {
			break
		}
		if isTitleToken(w) && isCapitalized(w) || strings.ToLower(w) == "of" && k > 1 && isTitleToken(toks[k-2].Text) {
			k--
			continue
		}
		break
	}
	if k == m.TokStart {
		return ""
	}
	words := make([]string, 0, m.TokStart-k)
	for _, t := range toks[k:m.TokStart] {
		words = append(words, strings.ToLower(t.Text))
	}
	return strings.Join(words, " ")
}

// wordsWithin reports whether the words of short occur in long, in order
// and next to each other.
func wordsWithin(short, long []string) bool {
	for i := 0; i+len(short) <= len(long); i++ {
		ok := true
		for j := range short {
			if long[i+j] != short[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// headlineLike reports whether a sentence is a headline or written in
// title case (most of its words capitalised), where the recognizer reads
// capitalised verbs as parts of names.
func headlineLike(doc *nlp.Document, s *nlp.Sentence) bool {
	if s.Headline {
		return true
	}
	if s.Index == 0 && doc.Title != "" {
		// The first line, when it is the title (perhaps with a full stop).
		line := strings.TrimRight(strings.TrimSpace(doc.Text[s.Start:s.End]), ".")
		if line == strings.TrimRight(strings.TrimSpace(doc.Title), ".") {
			return true
		}
	}
	words, caps := 0, 0
	for _, t := range s.Tokens {
		if !unicode.IsLetter([]rune(t.Text)[0]) || expansionWords[strings.ToLower(t.Text)] {
			continue
		}
		words++
		if isNameWord(t.Text) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*8
}

// trimHeadlineName cuts the words that a title-case headline glued to a
// name: "Clinton Hid ..." or "Hillary Clinton Speaks ..." read as one
// person, when the article names the person ("Clinton", "Hillary Clinton")
// outside headlines and the words after it are no part of any name.
func trimHeadlineName(doc *nlp.Document, tab *entityTable) {
	known := map[string]bool{} // full names, their surnames, lone names
	parts := map[string]bool{}
	for _, m := range tab.mentions {
		if m.typ != "PERSON" || headlineLike(doc, &doc.Sentences[m.Sentence]) {
			continue
		}
		f := strings.Fields(m.name)
		for _, w := range f {
			parts[w] = true
		}
		known[m.name] = true
		known[f[len(f)-1]] = true
	}
	for i := range tab.mentions {
		m := &tab.mentions[i]
		if m.typ != "PERSON" || m.TokEnd-m.TokStart < 2 || !headlineLike(doc, &doc.Sentences[m.Sentence]) {
			continue
		}
		f := strings.Fields(m.name)
		if len(f) != m.TokEnd-m.TokStart || known[m.name] {
			continue
		}
		for n := len(f) - 1; n >= 1; n-- {
			if !known[strings.Join(f[:n], " ")] {
				continue
			}
			rest := false
			for _, w := range f[n:] {
				rest = rest || parts[w]
			}
			if rest {
				break
			}
			toks := doc.Sentences[m.Sentence].Tokens
			m.TokEnd = m.TokStart + n
			m.Span = nlp.Span{Start: toks[m.TokStart].Start, End: toks[m.TokEnd-1].End}
			m.Text = doc.Text[m.Start:m.End]
			m.name = strings.Join(f[:n], " ")
			break
		}
	}
}

// isInitial reports whether a word is an initial ("J.", "H").
func isInitial(w string) bool {
	r := []rune(strings.TrimSuffix(w, "."))
	return len(r) == 1 && unicode.IsUpper(r[0])
}

// foldFullNames joins the forms of one full name inside an article:
//
//   - a longer form whose extra words are initials or a demonym ("Lloyd J.
//     Austin", "H. Ross Perot", "Texan H. Ross Perot") takes the shorter
//     form the article also uses ("Lloyd Austin", "Ross Perot");
//   - a surname of several words ("La Roche", "de Hora") that ends a longer
//     full name of the article ("David F. La Roche") takes that name.
func foldFullNames(persons []*rmention) {
	present := map[string]bool{}
	for _, p := range persons {
		if len(strings.Fields(p.name)) >= 2 {
			present[p.name] = true
		}
	}
	minor := func(w string) bool {
		if isInitial(w) {
			return true
		}
		g, ok := gazetteer.Lookup(w)
		return ok && g.Demonym
	}
	// shorter returns the form of long without minor words that the
	// article uses, or "".
	shorter := func(long []string) string {
		best := ""
		for q := range present {
			qw := strings.Fields(q)
			if len(qw) >= len(long) {
				continue
			}
			// qw must be long with some minor words left out.
			j := 0
			ok := true
			for _, w := range long {
				if j < len(qw) && w == qw[j] {
					j++
				} else if !minor(w) {
					ok = false
					break
				}
			}
			if ok && j == len(qw) && (best == "" || len(qw) > len(strings.Fields(best)) || len(qw) == len(strings.Fields(best)) && q < best) {
				best = q
			}
		}
		return best
	}
	for _, p := range persons {
		if f := strings.Fields(p.name); len(f) >= 3 {
			if s := shorter(f); s != "" {
				p.name = s
			}
		}
	}
	present = map[string]bool{}
	for _, p := range persons {
		if len(strings.Fields(p.name)) >= 2 {
			present[p.name] = true
		}
	}
	for _, p := range persons {
		f := strings.Fields(p.name)
		if len(f) < 2 {
			continue
		}
		var longer []string
		for q := range present {
			qw := strings.Fields(q)
			if len(qw) <= len(f) || !strings.HasSuffix(" "+q, " "+p.name) {
				continue
			}
			// The words before the surname hold a first name, not only
			// initials (those were folded above).
			for _, w := range qw[:len(qw)-len(f)] {
				if !minor(w) {
					longer = append(longer, q)
					break
				}
			}
		}
		if len(longer) == 1 {
			p.name = longer[0]
		}
	}
}

// linkPersons gives every person mention its canonical full name.
//
//   - Forms of one full name are joined first (foldFullNames).
//   - A lone name ("Austin", "Hillary") takes the one full name of the
//     article it is the surname or first name of, unless the lone name was
//     used twice outside headlines before that full name came up (news
//     introduce a person by full name first; "Mr. Obama" used all along is
//     not the "Michelle Obama" named once, later). When several
//     share it ("Bill Clinton", "Hillary Clinton"), a title before it picks
//     the one named with the same title ("Treasury Secretary Baker");
//     otherwise it takes the full name the article introduces first (the
//     person the story is about), unless the name is also a word of an
//     organisation's name ("Hilton", "Hilton Hotels Corp"): then it stays
//     a lone name.
//   - A lone name that could not be expanded is scoped to the article (see
//     EntityID): no evidence links it to the same name elsewhere.
func linkPersons(doc *nlp.Document, tab *entityTable) {
	trimHeadlineName(doc, tab)
	var persons []*rmention
	for i := range tab.mentions {
		if tab.mentions[i].typ == "PERSON" {
			persons = append(persons, &tab.mentions[i])
		}
	}
	foldFullNames(persons)
	// Full names by their first and last names, where each is first named,
	// and the titles it is named with.
	byPart := map[string][]string{}
	first := map[string]int{}
	titles := map[string]map[string]bool{}
	for _, p := range persons {
		parts := strings.Fields(p.name)
		if len(parts) < 2 {
			continue
		}
		if at, ok := first[p.name]; !ok || p.Start < at {
			first[p.name] = p.Start
		}
		if t := personTitle(doc, p); t != "" {
			if titles[p.name] == nil {
				titles[p.name] = map[string]bool{}
			}
			titles[p.name][t] = true
		}
		for _, part := range []string{parts[len(parts)-1], parts[0]} {
			if !contains(byPart[part], p.name) {
				byPart[part] = append(byPart[part], p.name)
			}
		}
	}
	// Words of organisation names: a lone surname may be the company.
	orgWords := map[string]bool{}
	for _, m := range tab.mentions {
		if m.typ == "ORG" {
			for _, w := range strings.Fields(m.name) {
				orgWords[w] = true
			}
		}
	}
	// A full name introduced only after its lone name was already used
	// twice outside headlines names someone else ("Mr. Obama" all along,
	// "Michelle Obama" once, later): news introduce a person by full name
	// before using the lone name.
	var loneAt = map[string][]int{}
	for _, p := range persons {
		if !strings.Contains(p.name, " ") && !headlineLike(doc, &doc.Sentences[p.Sentence]) {
			loneAt[p.name] = append(loneAt[p.name], p.Start)
		}
	}
	for part, c := range byPart {
		var kept []string
		for _, f := range c {
			before := 0
			for _, at := range loneAt[part] {
				if at < first[f] {
					before++
				}
			}
			if before < 2 {
				kept = append(kept, f)
			}
		}
		byPart[part] = kept
	}
	for _, p := range persons {
		parts := strings.Fields(p.name)
		if len(parts) != 1 {
			continue
		}
		c := byPart[parts[0]]
		switch {
		case len(c) == 1:
			p.name = c[0]
		case len(c) > 1:
			if t := personTitle(doc, p); t != "" {
				var with []string
				for _, f := range c {
					if titles[f][t] {
						with = append(with, f)
					}
				}
				if len(with) == 1 {
					p.name = with[0]
					continue
				}
			}
			if orgWords[parts[0]] {
				p.scoped = true
				continue
			}
			best := c[0]
			for _, f := range c[1:] {
				if first[f] < first[best] {
					best = f
				}
			}
			p.name = best
		default:
			p.scoped = true
		}
	}
}

// unifyNameTypes gives the mentions of one name in an article one type
// class when the recognizer typed them differently ("Ground Zero" once a
// person, once an organisation): the class most of them have, an
// organisation before a person before a place on a tie (the gazetteer's
// places are not in question). Names the gazetteer resolved keep their
// type.
func unifyNameTypes(tab *entityTable) {
	classes := map[string]map[string]int{}
	typOf := map[string]string{}
	gaz := map[string]bool{}
	for _, m := range tab.mentions {
		if m.name == "" {
			continue
		}
		k := strings.ToLower(m.name)
		if classes[k] == nil {
			classes[k] = map[string]int{}
		}
		c := typeClass(m.typ)
		classes[k][c]++
		if _, ok := typOf[k+"|"+c]; !ok {
			typOf[k+"|"+c] = m.typ
		}
		if m.gaz {
			gaz[k] = true
		}
	}
	for i := range tab.mentions {
		m := &tab.mentions[i]
		k := strings.ToLower(m.name)
		cs := classes[k]
		if len(cs) < 2 || gaz[k] {
			continue
		}
		best := ""
		for _, c := range []string{"org", "person", "place", "misc", "fac"} {
			if cs[c] > cs[best] {
				best = c
			}
		}
		for c, n := range cs {
			if n > cs[best] {
				best = c
			}
		}
		if best != "" && typeClass(m.typ) != best {
			m.typ = typOf[k+"|"+best]
		}
	}
	// A person known by one name only is scoped to the article.
	for i := range tab.mentions {
		m := &tab.mentions[i]
		m.scoped = m.typ == "PERSON" && !strings.Contains(m.name, " ")
	}
}
