package linker

import (
	"sort"
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
	if n < 2 {
		return
	}
	type sig struct {
		ents   map[string]bool
		events map[string]bool
	}
	sigs := make([]sig, n)
	for i, cl := range art.Claims {
		sg := sig{ents: map[string]bool{}, events: map[string]bool{}}
		for _, e := range cl.About {
			sg.ents[e] = true
		}
		for _, s := range doc.Sentences {
			if s.End <= cl.Content.Start || s.Start >= cl.Content.End {
				continue
			}
			for _, t := range s.Tokens {
				if t.Start < cl.Content.Start || t.End > cl.Content.End {
					continue
				}
				if !(strings.HasPrefix(t.Tag, "NN") && t.Tag != "NNP" && t.Tag != "NNPS") && !isVerbTag(t.Tag) && t.Tag != "JJ" {
					continue
				}
				lm := Lemma(t.Norm)
				if c, ok := eventClasses[lm]; ok {
					lm = c
				}
				if !propositionStop[lm] && len(lm) > 2 {
					sg.events[lm] = true
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
			for k := range sigs[p].ents {
				sigs[i].ents[k] = true
			}
			for k := range sigs[p].events {
				sigs[i].events[k] = true
			}
		}
	}
	// Reports of claims take no side.
	reporter := make([]bool, n)
	for i, a := range art.Claims {
		for j, b := range art.Claims {
			if i != j && b.Cue.Start >= a.Content.Start && b.Cue.End <= a.Content.End {
				reporter[i] = true
			}
		}
	}
	shares := func(a, b sig) bool {
		e := false
		for k := range a.ents {
			if b.ents[k] {
				e = true
				break
			}
		}
		if !e {
			return false
		}
		for k := range a.events {
			if b.events[k] {
				return true
			}
		}
		return false
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
		if d.Stance != Deny || reporter[i] {
			continue
		}
		for j := range art.Claims {
			if j == i || reporter[j] || art.Claims[j].Stance == Uncertain {
				continue
			}
			if shares(sigs[i], sigs[j]) {
				parent[find(j)] = find(i)
			}
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
	w := strings.Fields(strings.ToLower(content))
	for i := 0; i+1 < len(w) && i < 3; i++ {
		switch w[i] {
		case "these", "those", "the", "such", "this", "that", "their", "his", "her", "its":
			if claimNouns[strings.Trim(w[i+1], ".,;:\"“”")] {
				return true
			}
		}
	}
	return false
}
