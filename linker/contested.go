package linker

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// eventClasses folds near-synonymous event words of news onto one class, so
// that "sent soldiers" and "deployed troops" are seen as one proposition.
var eventClasses = map[string]string{
	"troop": "troop", "soldier": "troop", "force": "troop", "army": "troop", "military": "troop",
	"personnel": "troop", "fighter": "troop",
	"deploy": "deploy", "send": "deploy", "dispatch": "deploy", "station": "deploy",
	"movement": "deploy", "deployment": "deploy", "transfer": "deploy", "move": "deploy",
	"kill": "kill", "killing": "kill", "death": "kill", "dead": "kill", "die": "kill",
	"attack": "attack", "strike": "attack", "assault": "attack", "bomb": "attack", "shell": "attack",
	"invade": "invade", "invasion": "invade", "incursion": "invade",
	"sanction": "sanction", "sanctions": "sanction",
	"meet": "meet", "meeting": "meet", "talk": "meet", "summit": "meet",
	"sell": "sell", "sale": "sell", "supply": "sell", "deliver": "sell", "delivery": "sell",
	"win": "win", "victory": "win", "elect": "win", "election": "win",
	"resign": "resign", "resignation": "resign", "quit": "resign",
	"arrest": "arrest", "detain": "arrest", "detention": "arrest",
}

// propositionStop are content lemmas too common to identify a proposition.
var propositionStop = set(`be have do say tell state confirm report news reports claim war issue
thing way time year day week month people country government official statement rumor fake
groundless false lie call dismiss deny make take get go come give see know want help`)

// findContested groups claims about the same proposition made with opposite
// stances. Each denial defines a proposition (the entities and event words of
// its content); claims that share an entity and an event word with it join
// its group. A claim that merely reports another claim (its content holds
// that claim's cue) takes no side.
func (l *Linker) findContested(doc *nlp.Document, tab *entityTable, art *Article) {
	n := len(art.Claims)
	if n == 0 {
		return
	}
	type sig struct {
		ents   []string
		events []string
		// stated: the content states something that can be true or false
		// (a clause, a quotation, or reports and claims), not a mere
		// thing ("rejected a request").
		stated bool
	}
	sigs := make([]sig, n)
	for i, cl := range art.Claims {
		// The entities named in the content itself (About falls back to the
		// sentence's when the content names none: too loose here).
		sg := sig{stated: cl.Quote}
		for k := range tab.mentions {
			m := &tab.mentions[k]
			if m.Start >= cl.Content.Start && m.End <= cl.Content.End {
				if id := tab.id(m); id != "" && !contains(sg.ents, id) {
					sg.ents = append(sg.ents, id)
				}
			}
		}
		sents := doc.Sentences
		for x := sort.Search(len(sents), func(i int) bool { return sents[i].End > cl.Content.Start }); x < len(sents) && sents[x].Start < cl.Content.End; x++ {
			s := &sents[x]
			for _, t := range s.Tokens {
				if t.Start < cl.Content.Start || t.End > cl.Content.End {
					continue
				}
				if isFiniteVerb(t.Tag) || claimNouns[strings.ToLower(t.Norm)] || (t.Start == cl.Content.Start && strings.EqualFold(t.Norm, "that")) {
					sg.stated = true
				}
				if !(strings.HasPrefix(t.Tag, "NN") && t.Tag != "NNP" && t.Tag != "NNPS") && !isVerbTag(t.Tag) && t.Tag != "JJ" {
					continue
				}
				lm := Lemma(t.Norm)
				if c, ok := eventClasses[lm]; ok {
					lm = c
				}
				if !propositionStop[lm] && len(lm) > 2 && !contains(sg.events, lm) {
					sg.events = append(sg.events, lm)
				}
			}
		}
		sigs[i] = sg
	}
	// Anaphoric content ("these reports", "the claims") borrows the
	// proposition of the nearest earlier claim.
	for i, cl := range art.Claims {
		if i > 0 && anaphoric(cl.Content.Text) {
			p := i - 1
			for _, k := range sigs[p].ents {
				if !contains(sigs[i].ents, k) {
					sigs[i].ents = append(sigs[i].ents, k)
				}
			}
			for _, k := range sigs[p].events {
				if !contains(sigs[i].events, k) {
					sigs[i].events = append(sigs[i].events, k)
				}
			}
		}
	}
	// Reports of claims take no side, except a denial of a claim: "X
	// rejected Y's claim that S", "X dismissed reports that S" deny what Y
	// (or the reports) affirm.
	reporter := make([]bool, n)
	var rebuttals [][2]int
	for i, a := range art.Claims {
		for j, b := range art.Claims {
			if i != j && b.Cue.Start >= a.Content.Start && b.Cue.End <= a.Content.End {
				if a.Stance == Deny && b.Stance == Affirm && b.Content.End <= a.Content.End {
					rebuttals = append(rebuttals, [2]int{i, j})
					continue
				}
				reporter[i] = true
			}
		}
	}
	setPropositionKeys(art, reporter, func(i int) (ents, events []string, stated bool) {
		return sigs[i].ents, sigs[i].events, sigs[i].stated
	})
	if n < 2 {
		return
	}
	// Two claims are about one proposition when they share an entity and
	// two event words, or two entities and an event word.
	shares := func(a, b sig) bool {
		e, v := 0, 0
		for _, k := range a.ents {
			if contains(b.ents, k) {
				e++
			}
		}
		if e == 0 {
			return false
		}
		for _, k := range a.events {
			if contains(b.events, k) {
				v++
			}
		}
		return v >= 2 || (v >= 1 && e >= 2)
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, d := range art.Claims {
		if d.Stance != Deny || reporter[i] || !sigs[i].stated || d.Kind == Intention {
			continue
		}
		for j := range art.Claims {
			if j == i || reporter[j] || art.Claims[j].Stance == Uncertain || art.Claims[j].Kind == Intention {
				continue
			}
			if shares(sigs[i], sigs[j]) {
				parent[find(j)] = find(i)
			}
		}
	}
	for _, r := range rebuttals {
		if !reporter[r[0]] && !reporter[r[1]] && sigs[r[0]].stated && art.Claims[r[1]].Kind != Intention {
			parent[find(r[1])] = find(r[0])
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range art.Claims {
		if reporter[i] {
			continue
		}
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	for _, r := range roots {
		g := groups[r]
		var aff, den []string
		var ids []string
		prop := ""
		for _, i := range g {
			cl := art.Claims[i]
			who := cl.Claimant.Entity
			if who == "" {
				who = cl.Claimant.Text
			}
			ids = append(ids, cl.ID)
			switch cl.Stance {
			case Affirm:
				if !contains(aff, who) {
					aff = append(aff, who)
				}
				if prop == "" {
					prop = cl.Content.Text // the earliest affirmation states it
				}
			case Deny:
				if !contains(den, who) {
					den = append(den, who)
				}
			}
		}
		// A claimant on both sides takes neither.
		both := func(xs, ys []string) []string {
			var out []string
			for _, x := range xs {
				if !contains(ys, x) {
					out = append(out, x)
				}
			}
			return out
		}
		aff, den = both(aff, den), both(den, aff)
		if len(aff) == 0 || len(den) == 0 {
			continue
		}
		sort.Strings(ids)
		art.Contested = append(art.Contested, Contested{
			ID:          "contested/" + shortHash(append([]string{doc.ID}, ids...)...),
			Proposition: prop,
			Claims:      ids,
			AffirmedBy:  aff,
			DeniedBy:    den,
		})
	}
}

// claimNouns name a claim or report, as in "these reports".
var claimNouns = set(`report reports claim claims allegation allegations accusation accusations
rumor rumors rumour rumours story stories suggestion suggestions assertion assertions charge charges`)

// anaphoric reports whether a claim's content refers back to an earlier
// claim ("these reports", "the allegations") instead of stating one.
func anaphoric(content string) bool {
	found, det := false, false
	eachWord(content, func(k int, w []byte) bool {
		if det && claimNouns[string(w)] {
			found = true
			return false
		}
		switch string(w) {
		case "these", "those", "the", "such", "this", "that", "their", "his", "her", "its":
			det = true
		default:
			det = false
		}
		return k < 3
	})
	return found
}

// Proposition keys, for contested propositions across articles: the
// entity|event pairs of a claim's content, hashed. Two claims share an
// entity and two event words, or two entities and an event word — the
// test findContested applies inside an article — exactly when they share
// two or more pairs, so an index of the keys finds the claims of other
// articles a new claim may contest (the ingest writer keeps one in the
// graph, key:… cg:affirmedIn or cg:deniedIn claim:…).
const (
	maxKeyEntities = 4
	maxKeyEvents   = 6
	maxKeys        = 12
)

// setPropositionKeys sets Keys on the claims that can take a side in a
// contested proposition across articles: a denial that states something
// (not of an intention, not a report of another claim), or an affirmation
// (not of an intention, not a report of another claim).
func setPropositionKeys(art *Article, reporter []bool, sig func(int) ([]string, []string, bool)) {
	for i := range art.Claims {
		c := &art.Claims[i]
		c.Keys, c.KeyPairs = nil, nil
		ents, events, stated := sig(i)
		if reporter[i] || c.Kind == Intention || len(ents) == 0 || len(events) == 0 {
			continue
		}
		switch {
		case c.Stance == Deny && stated:
		case c.Stance == Affirm:
		default:
			continue
		}
		es := append([]string(nil), ents...)
		sort.Strings(es)
		vs := append([]string(nil), events...)
		sort.Strings(vs)
		if len(es) > maxKeyEntities {
			es = es[:maxKeyEntities]
		}
		if len(vs) > maxKeyEvents {
			vs = vs[:maxKeyEvents]
		}
	pairs:
		for _, e := range es {
			for _, v := range vs {
				if len(c.Keys) == maxKeys {
					break pairs
				}
				c.Keys = append(c.Keys, PropositionKey(e, v))
				c.KeyPairs = append(c.KeyPairs, [2]string{e, v})
			}
		}
	}
}

// PropositionKey is the key of an entity|event pair ("k" and 16 hex
// digits of a 64-bit FNV-1a hash).
func PropositionKey(entity, event string) string {
	h := fnv.New64a()
	h.Write([]byte(entity))
	h.Write([]byte{'|'})
	h.Write([]byte(event))
	return "k" + strconv.FormatUint(h.Sum64()|1<<63, 16)
}

// ContestsAcross reports whether claim c and a claim of another article,
// with content other, are about one proposition: keys are the indexes
// into c.Keys of the proposition keys the two share (two or more). The
// rule is stricter than inside an article, where the context of one story
// ties the claims together: their contents must share two entities with
// one event word, or one entity that is not a place with two (a shared
// place with "acquire" joins a thousand unrelated claims), and at least
// minSharedWords content words (not stop words or names, longer than two
// letters) making at least minSharedShare of the shorter content.
func ContestsAcross(c *Claim, keys []int, other string) bool {
	return sameProposition(c, keys) && similar(contentWords(c.Content.Text), other)
}

// sameProposition applies the rule across articles to the keys (indexes
// into c.Keys) that c shares with a claim of another article: two entities
// with one event word, or one entity that is not a place with two.
func sameProposition(c *Claim, keys []int) bool {
	if len(c.KeyPairs) != len(c.Keys) {
		return len(keys) >= 3 // pairs unknown: be strict
	}
	ents := map[string]map[string]bool{} // entity -> its shared events
	for _, k := range keys {
		p := c.KeyPairs[k]
		if ents[p[0]] == nil {
			ents[p[0]] = map[string]bool{}
		}
		ents[p[0]][p[1]] = true
	}
	if len(ents) >= 2 {
		// two entities with a common event word
		seen := map[string]int{}
		for _, evs := range ents {
			for v := range evs {
				if seen[v]++; seen[v] == 2 {
					return true
				}
			}
		}
	}
	for e, evs := range ents {
		if len(evs) >= 2 && !strings.HasPrefix(e, "place/") {
			return true
		}
	}
	return false
}

// Two contents are one proposition across articles when they share at
// least minSharedWords content words (not stop words or names, longer than
// two letters), and that many make at least minSharedShare of the shorter
// one's: shared entities and event words alone grouped unrelated claims (a
// sample of 10 groups on the first 5,000 Reuters-21578 stories had 3
// right).
const (
	minSharedWords = 4
	minSharedShare = 0.5
)

// similar reports whether content s shares enough words with words.
func similar(words map[string]bool, s string) bool {
	other := contentWords(s)
	n := 0
	for w := range other {
		if words[w] {
			n++
		}
	}
	short := min(len(words), len(other))
	return n >= minSharedWords && float64(n) >= minSharedShare*float64(short)
}

// acrossStop are words too common to tie two contents together.
var acrossStop = set(`the and that this these those with from for was were has have had
		not but are its his her their they them will would could should may might can did does been being
		about after before into over under than then there here which who whom what when where while also
		said says say mln billion dlrs pct per cent year years month week day today last first other more
		most such some any all one two three four five six seven eight nine ten new our your you him she`)

// contentWords returns the set of content words of s, lower case.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	eachContentWord(s, func(w string) { out[w] = true })
	return out
}

func eachContentWord(s string, fn func(string)) {
	start := -1
	flush := func(end int) {
		// Capitalised words are names (or their parts), which the
		// proposition keys already compare: what is said about them
		// must match too.
		if start >= 0 && end-start > 2 && !(s[start] >= 'A' && s[start] <= 'Z') {
			w := strings.ToLower(s[start:end])
			if !acrossStop[w] {
				fn(w)
			}
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
}
