package linker

import (
	"sort"
	"strings"

	"github.com/claimgraph/claimgraph/nlp"
)

// oieSent is a parsed sentence: its tokens and dependency tree (heads
// 0-based, -1 for the root, Universal Dependencies labels).
type oieSent struct {
	toks  []nlp.Token
	head  []int
	label []string
	kids  [][]int // dependents of each token, in text order
}

func newOIESent(toks []nlp.Token, head []int, label []string) *oieSent {
	s := &oieSent{toks: toks, head: head, label: label, kids: make([][]int, len(toks))}
	// one backing array for all the dependents' lists
	count := make([]int, len(toks)+1)
	for _, h := range head {
		if h >= 0 {
			count[h+1]++
		}
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	all := make([]int, count[len(toks)])
	for h := range s.kids {
		s.kids[h] = all[count[h]:count[h]:count[h+1]]
	}
	for i, h := range head {
		if h >= 0 {
			s.kids[h] = append(s.kids[h], i)
		}
	}
	return s
}

// A tuple is one extraction: token indexes of the subject, the relation,
// the object and further arguments. relPre is a word the relation needs
// that the sentence does not have ("is" for an appositive).
type tuple struct {
	subj, rel, obj []int
	args           [][]int
	relPre         string
	conf           float64
	pred           int  // the predicate's head token
	hypo           bool // in a conditional clause ("if X deployed to Y")
}

// base label of a UD relation ("nsubj:pass" -> "nsubj").
func base(l string) string {
	if i := strings.IndexByte(l, ':'); i >= 0 {
		return l[:i]
	}
	return l
}

func (s *oieSent) lower(i int) string { return strings.ToLower(s.toks[i].Norm) }

func (s *oieSent) isVerb(i int) bool { return strings.HasPrefix(s.toks[i].Tag, "VB") }

// child returns the first dependent of h with a label (base match when
// the label has no subtype).
func (s *oieSent) child(h int, labels ...string) int {
	for _, c := range s.kids[h] {
		for _, l := range labels {
			if s.label[c] == l || (!strings.Contains(l, ":") && base(s.label[c]) == l) {
				return c
			}
		}
	}
	return -1
}

func (s *oieSent) hasChild(h int, labels ...string) bool { return s.child(h, labels...) >= 0 }

// subtree appends the tokens of the subtree of h, leaving out the subtrees
// of dependents of h for which skip is true.
func (s *oieSent) subtree(h int, skip func(c int) bool, out []int) []int {
	out = append(out, h)
	var stack []int
	for _, c := range s.kids[h] {
		if skip == nil || !skip(c) {
			stack = append(stack, c)
		}
	}
	for len(stack) > 0 && len(out) <= len(s.toks) { // a bound, should the tree have a cycle
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, c)
		stack = append(stack, s.kids[c]...)
	}
	return out
}

// phrase is the noun phrase (or clause) headed by h: its subtree less
// relative clauses, appositions, parentheticals, coordinated conjuncts
// (when split) and the dependents in drop, trimmed of punctuation and
// conjunctions at its edges.
func (s *oieSent) phrase(h int, splitConj bool, drop ...int) []int {
	skip := func(c int) bool {
		for _, d := range drop {
			if c == d {
				return true
			}
		}
		switch s.label[c] {
		case "appos":
			// "team Ammanford A.F.C." is one name; "Rutte, the
			// secretary general" an apposition
			return s.punctBetween(h, c)
		case "acl:relcl", "parataxis", "dislocated", "vocative", "reparandum":
			return true
		case "conj", "cc":
			return splitConj
		case "punct":
			return c > h && s.toks[c].Norm == ","
		}
		return false
	}
	toks := s.subtree(h, skip, nil)
	sort.Ints(toks)
	return s.trim(toks)
}

// punctBetween reports whether a comma, bracket or dash separates tokens
// a and b.
func (s *oieSent) punctBetween(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for i := a + 1; i < b; i++ {
		switch s.toks[i].Tag {
		case ",", ":", "-LRB-", "-RRB-", "HYPH":
			return true
		}
	}
	return false
}

// trim removes punctuation, coordinating conjunctions and dangling
// commas at the edges of a phrase, and cuts it at the first comma that
// follows the head's own span when a clause intervenes.
func (s *oieSent) trim(toks []int) []int {
	edge := func(i int) bool {
		t := s.toks[i]
		switch t.Tag {
		case ",", ".", ":", "CC", "``", "''", "-LRB-", "-RRB-", "(", ")", "HYPH", "NFP":
			return true
		}
		return t.Norm == "-" || t.Norm == "--" || t.Norm == ";"
	}
	for len(toks) > 0 && edge(toks[0]) && !isOpenQuote(s, toks) {
		toks = toks[1:]
	}
	for len(toks) > 0 && edge(toks[len(toks)-1]) && !isClosedQuote(s, toks) {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return toks
	}
	// a quoted phrase keeps its quotes: `` My Classical Way ''
	f, l := toks[0], toks[len(toks)-1]
	before := f > 0 && s.toks[f-1].Tag == "``"
	after := l+1 < len(s.toks) && s.toks[l+1].Tag == "''"
	switch {
	case before && after:
		toks = append(append([]int{f - 1}, toks...), l+1)
	case before && s.toks[l].Tag == "''":
		toks = append([]int{f - 1}, toks...)
	case after && s.toks[f].Tag == "``":
		toks = append(toks, l+1)
	}
	return toks
}

// isOpenQuote reports whether the phrase starts with a quote it closes.
func isOpenQuote(s *oieSent, toks []int) bool {
	f := s.toks[toks[0]]
	if f.Tag != "``" && f.Norm != `"` {
		return false
	}
	for _, i := range toks[1:] {
		if t := s.toks[i]; t.Tag == "''" || t.Norm == `"` {
			return true
		}
	}
	return false
}

// isClosedQuote reports whether the phrase ends with a quote it opened.
func isClosedQuote(s *oieSent, toks []int) bool {
	l := s.toks[toks[len(toks)-1]]
	if l.Tag != "''" && l.Norm != `"` {
		return false
	}
	for _, i := range toks[:len(toks)-1] {
		if t := s.toks[i]; t.Tag == "``" || t.Norm == `"` {
			return true
		}
	}
	return false
}

// relativizer reports whether a token is a relative pronoun.
func (s *oieSent) relativizer(i int) bool {
	switch s.toks[i].Tag {
	case "WDT", "WP", "WP$", "WRB":
		return true
	}
	return s.lower(i) == "that" && s.head[i] >= 0 && s.label[s.head[i]] == "acl:relcl"
}

// verbGroup returns the tokens of the relation of a verbal or copular
// predicate p: auxiliaries, copula, negation, adverbs inside the group,
// particles and p itself when p is a verb.
func (s *oieSent) verbGroup(p int, cop int) []int {
	var g []int
	first := p
	if cop >= 0 {
		first = cop
	}
	for _, c := range s.kids[p] {
		switch s.label[c] {
		case "aux", "aux:pass", "cop":
			g = append(g, c)
			if c < first {
				first = c
			}
		case "compound:prt":
			g = append(g, c)
		}
	}
	last := p
	if cop >= 0 {
		last = cop
	}
	for _, c := range s.kids[p] {
		if s.label[c] == "advmod" && c > first && c < last {
			g = append(g, c)
		} else if s.label[c] == "advmod" && (s.lower(c) == "not" || s.lower(c) == "n't" || s.lower(c) == "never") && c >= first-1 && c <= last+1 {
			g = append(g, c)
		}
	}
	if cop < 0 {
		g = append(g, p)
	}
	sort.Ints(g)
	return g
}

// extract finds the tuples of a parsed sentence, leaving out the
// predicates at the tokens in skip (reporting verbs that gave a claim).
func (s *oieSent) extract(skip map[int]bool) []tuple {
	var out []tuple
	merged := make([]bool, len(s.toks)) // xcomps folded into their governor's relation
	for p := range s.toks {
		if merged[p] || skip[s.toks[p].Start] {
			continue
		}
		cop := s.child(p, "cop")
		verbal := s.isVerb(p) && cop < 0
		if !verbal && cop < 0 {
			continue
		}
		switch base(s.label[p]) {
		case "aux", "cop", "amod", "compound", "det", "case", "mark", "fixed", "flat", "goeswith", "nummod", "advmod", "discourse":
			continue
		}
		out = s.predicate(p, cop, merged, out)
	}
	for i := range s.toks {
		// "Britain 's relationship with Spain": Britain has a relationship.
		if s.label[i] == "nmod:poss" && s.head[i] > i && !s.pronoun(i) {
			h := s.head[i]
			var drop []int
			for _, c := range s.kids[h] {
				if c < h && (s.label[c] == "det" || c == i || base(s.label[c]) == "case" || s.label[c] == "mark") {
					drop = append(drop, c)
				}
			}
			own := s.subjPhrase(i)
			for len(own) > 0 && s.toks[own[len(own)-1]].Tag == "POS" {
				own = own[:len(own)-1]
			}
			obj := s.phrase(h, true, drop...)
			if len(own) > 0 && len(obj) > 0 {
				out = append(out, tuple{subj: own, obj: obj, relPre: "has", conf: 0.25, pred: i})
			}
		}
		if s.label[i] == "appos" && s.head[i] >= 0 && s.punctBetween(s.head[i], i) {
			h := s.head[i]
			subj := s.subjPhrase(h)
			obj := s.phrase(i, false)
			if len(subj) > 0 && len(obj) > 0 && !s.nameOnly(obj) {
				out = append(out, tuple{subj: subj, obj: obj, relPre: "is", conf: 0.55, pred: i})
			}
		}
	}
	return out
}

// pronoun reports whether token i is a pronoun (personal, possessive,
// relative).
func (s *oieSent) pronoun(i int) bool {
	switch s.toks[i].Tag {
	case "PRP", "PRP$", "WP", "WP$", "WDT":
		return true
	}
	return false
}

// nameOnly reports whether a phrase is a short proper name ("Utah" in
// "Murray, Utah"): not an appositive that says what its noun is.
func (s *oieSent) nameOnly(toks []int) bool {
	if len(toks) > 2 {
		return false
	}
	for _, t := range toks {
		if !strings.HasPrefix(s.toks[t].Tag, "NNP") {
			return false
		}
	}
	return true
}

// subjectOf finds the subject of predicate p: its own, a relative
// clause's antecedent, a conjoined or controlling predicate's subject.
// how says where it came from (0 own, 1 inherited).
func (s *oieSent) subjectOf(p int, depth int) (subj []int, how int) {
	if depth > 4 {
		return nil, 0
	}
	if c := s.child(p, "nsubj", "csubj"); c >= 0 {
		if s.relativizer(c) {
			return s.relAntecedent(p, c), 1
		}
		return s.subjPhrase(c), 0
	}
	if c := s.child(p, "expl"); c >= 0 {
		return s.phrase(c, false), 0
	}
	h := s.head[p]
	if h < 0 {
		return nil, 0
	}
	switch s.label[p] {
	case "conj":
		if s.isVerb(h) || s.hasChild(h, "cop") {
			sub, _ := s.subjectOf(h, depth+1)
			return sub, 1
		}
	case "xcomp", "advcl":
		if o := s.child(h, "obj"); o >= 0 && s.label[p] == "xcomp" {
			return s.phrase(o, false), 2
		}
		sub, _ := s.subjectOf(h, depth+1)
		return sub, 2
	case "acl:relcl":
		return s.antecedent(h), 1
	case "acl":
		return s.antecedent(h), 3
	}
	return nil, 0
}

// subjPhrase is the phrase of a subject head, without a leading
// preposition or subordinator the parser may have attached to it.
func (s *oieSent) subjPhrase(h int) []int {
	var drop []int
	for _, c := range s.kids[h] {
		if c < h && (base(s.label[c]) == "case" || s.label[c] == "mark" || s.label[c] == "cc") {
			drop = append(drop, c)
		}
	}
	return s.phrase(h, false, drop...)
}

// relAntecedent is what the relative pronoun rp, an argument of p, stands
// for: the noun the relative clause containing p modifies or, when the
// parse has no such clause, the noun phrase just before the pronoun.
func (s *oieSent) relAntecedent(p, rp int) []int {
	for q, n := p, 0; q >= 0 && n < 4; q, n = s.head[q], n+1 {
		if s.label[q] == "acl:relcl" && s.head[q] >= 0 {
			return s.antecedent(s.head[q])
		}
		if s.label[q] != "conj" {
			break
		}
	}
	t := rp - 1
	for t >= 0 && (s.toks[t].Tag == "," || s.label[t] == "case") {
		t--
	}
	if t < 0 || !strings.HasPrefix(s.toks[t].Tag, "NN") && s.toks[t].Tag != "PRP" && s.toks[t].Tag != "CD" {
		return nil
	}
	for n := 0; n < 4 && s.head[t] >= 0; n++ {
		h := s.head[t]
		switch base(s.label[t]) {
		case "compound", "flat", "amod", "det", "nummod", "nmod":
			if strings.HasPrefix(s.toks[h].Tag, "NN") || s.toks[h].Tag == "PRP" || s.toks[h].Tag == "CD" {
				t = h
				continue
			}
		}
		break
	}
	return s.subjPhrase(t)
}

// antecedent is the noun phrase a relative clause or participle modifies;
// when that noun is itself predicated of a subject by a copula ("X is a
// footballer who plays"), the subject.
func (s *oieSent) antecedent(n int) []int {
	if n < 0 {
		return nil
	}
	if s.hasChild(n, "cop") {
		if c := s.child(n, "nsubj"); c >= 0 && !s.relativizer(c) {
			return s.subjPhrase(c)
		}
	}
	return s.subjPhrase(n)
}

// predicate adds the tuples of predicate p (with copula cop, or -1).
func (s *oieSent) predicate(p, cop int, merged []bool, out []tuple) []tuple {
	subj, how := s.subjectOf(p, 0)
	if len(subj) == 0 {
		return out
	}
	subjs := [][]int{subj}
	if h := s.phraseHead(subj); h >= 0 {
		if cj := s.nounConjuncts(h); len(cj) > 1 {
			// "He and his friends were said ...": one tuple per
			// conjunct, and the whole at a lower confidence.
			subjs = subjs[:0]
			for _, c := range cj {
				subjs = append(subjs, s.phrase(c, true))
			}
			subjs = append(subjs, subj)
		}
	}
	rel := s.verbGroup(p, cop)
	if s.label[p] == "conj" && how == 1 && cop < 0 && s.toks[p].Tag == "VBN" && !s.hasChild(p, "aux", "aux:pass") {
		// "was sold to X and renamed to Y": the second verb shares the
		// auxiliaries of the first.
		if h := s.head[p]; s.hasChild(h, "aux:pass") {
			for _, c := range s.kids[h] {
				if s.label[c] == "aux" || s.label[c] == "aux:pass" {
					rel = append(rel, c)
				}
			}
			sort.Ints(rel)
		}
	}
	conf := 0.9
	hypo := false
	for _, c := range s.kids[p] {
		if s.label[c] == "mark" {
			switch s.lower(c) {
			case "if", "unless", "whether", "lest":
				hypo = true
			}
		}
	}
	if how == 0 && subj[0] > 0 {
		switch s.lower(subj[0] - 1) {
		case "if", "unless", "whether", "lest":
			hypo = true
		}
	}
	if hypo {
		conf -= 0.3
	}
	switch how {
	case 1:
		conf -= 0.05
	case 2:
		conf -= 0.15
	case 3:
		conf -= 0.3
	}
	var objs [][]int // alternatives for the object (coordination)
	var args [][]int
	var first []int // the object when there is no direct object
	relTail := -1   // preposition moved into the relation
	pred := p
	if x := s.child(p, "xcomp"); cop >= 0 && x > p && s.isVerb(x) && strings.HasPrefix(s.toks[p].Tag, "JJ") && !s.hasChild(x, "nsubj") {
		// "were able to reinforce the hotel": the adjective and the verb
		// join the relation.
		merged[x] = true
		rel = append(rel, p)
		if m := s.child(x, "mark"); m >= 0 {
			rel = append(rel, m)
		}
		rel = append(rel, s.verbGroup(x, -1)...)
		sort.Ints(rel)
		pred, cop = x, -1
	}
	if cop >= 0 {
		// X is (in) Y: the predicate noun phrase is the object.
		drop := []int{}
		for _, c := range s.kids[p] {
			switch base(s.label[c]) {
			case "nsubj", "csubj", "cop", "aux", "expl", "mark", "advcl", "punct":
				drop = append(drop, c)
			case "advmod":
				if inInts(rel, c) {
					drop = append(drop, c)
				}
			case "case":
				if c < p && relTail < 0 {
					relTail = c
					drop = append(drop, c)
				}
			}
		}
		for _, conj := range s.nounConjuncts(p) {
			objs = append(objs, s.phrase(conj, true, drop...))
		}
		if len(objs) > 1 {
			objs[0] = s.phrase(p, true, drop...)
		}
	} else {
		// xcomp folded into the relation when there is no object:
		// "was considered to be", "helped to raise".
		x := s.child(p, "xcomp")
		if x >= 0 && !merged[x] && !s.hasChild(p, "obj") && x > p && cop < 0 {
			xcop := s.child(x, "cop")
			switch {
			case s.isVerb(x) && xcop < 0:
				merged[x] = true
				if m := s.child(x, "mark"); m >= 0 {
					rel = append(rel, m)
				}
				rel = append(rel, s.verbGroup(x, -1)...)
				pred = x
			case xcop >= 0:
				// "was considered to be the patron saint"
				merged[x] = true
				if m := s.child(x, "mark"); m >= 0 {
					rel = append(rel, m)
				}
				rel = append(rel, s.verbGroup(x, xcop)...)
				fallthrough
			default:
				// "remained silent", "was named president"
				merged[x] = true
				drop := []int{}
				for _, c := range s.kids[x] {
					switch base(s.label[c]) {
					case "cop", "aux", "mark", "nsubj", "punct":
						drop = append(drop, c)
					}
				}
				for _, cj := range s.nounConjuncts(x) {
					objs = append(objs, s.phrase(cj, true, drop...))
				}
			}
			sort.Ints(rel)
		}
		for _, c := range s.kids[pred] {
			switch s.label[c] {
			case "obj", "iobj":
				if s.relativizer(c) {
					if a := s.relAntecedent(pred, c); len(a) > 0 {
						objs = append(objs, a)
					}
					continue
				}
				if s.label[c] == "obj" {
					for _, cj := range s.nounConjuncts(c) {
						objs = append(objs, s.phrase(cj, true))
					}
				} else {
					args = append(args, s.phrase(c, false))
				}
			case "obl", "obl:tmod", "obl:npmod", "obl:agent", "obl:unmarked":
				args = append(args, s.phrase(c, false))
			case "ccomp":
				args = append(args, s.phrase(c, false))
			case "xcomp":
				if !merged[c] {
					args = append(args, s.phrase(c, false))
				}
			}
		}
		if pred != p {
			for _, c := range s.kids[p] {
				if base(s.label[c]) == "obl" {
					args = append(args, s.phrase(c, false))
				}
			}
		}
		// a conjoined verb shares the modifiers that open the sentence
		// ("In 1879, he was re-elected ... and died").
		if s.label[p] == "conj" && how == 1 {
			h := s.head[p]
			sub := s.child(h, "nsubj")
			for _, c := range s.kids[h] {
				if base(s.label[c]) == "obl" && c < h && (sub < 0 || c < sub) {
					args = append(args, s.phrase(c, false))
				}
			}
		}
		// an intransitive verb: its adverbs and adverbial clauses after it
		// ("died suddenly", "died after giving a speech").
		if len(objs) == 0 && len(args) == 0 {
			for _, c := range s.kids[pred] {
				if s.label[c] == "advmod" && !inInts(rel, c) && !s.relativizer(c) || c > pred && s.label[c] == "advcl" {
					args = append(args, s.phrase(c, false))
					conf -= 0.1
				}
			}
		}
		if len(objs) == 0 && s.label[p] == "acl:relcl" && s.head[p] >= 0 && how == 0 && !s.hasChild(p, "aux:pass") && !s.hasChild(pred, "ccomp", "xcomp") {
			// "the gimmicks she used": the noun is the object
			gap := true
			for _, c := range s.kids[pred] {
				if s.relativizer(c) {
					gap = false
				}
			}
			if gap {
				if a := s.phrase(s.head[p], true); len(a) > 0 && a[0] < p {
					objs = append(objs, a)
					conf -= 0.1
				}
			}
		}
		if len(objs) == 0 && len(args) > 0 {
			// the first argument after the verb becomes the object, its
			// preposition part of the relation ("apologized to X").
			k := -1
			for i, a := range args {
				if len(a) > 0 && a[0] > pred {
					k = i
					break
				}
			}
			if k < 0 {
				k = 0
			}
			first = args[k]
			args = append(args[:k:k], args[k+1:]...)
			if len(first) > 1 {
				t := first[0]
				if (s.label[t] == "case" || s.label[t] == "mark") && t > pred {
					relTail = t
					first = first[1:]
				}
			}
			objs = append(objs, first)
		}
	}
	sort.Slice(args, func(i, j int) bool { return args[i][0] < args[j][0] })
	if relTail >= 0 {
		rel = append(rel, relTail)
		sort.Ints(rel)
	}
	if len(objs) == 0 {
		if len(args) == 0 {
			return out
		}
		objs = append(objs, nil)
	}
	if len(objs) > 1 {
		conf -= 0.05
	}
	n := len(subj) + len(rel)
	for _, a := range args {
		n += len(a)
	}
	for si, sj := range subjs {
		for _, o := range objs {
			c := conf
			if len(subjs) > 1 {
				c -= 0.05
				if si == len(subjs)-1 {
					c -= 0.1
				}
			}
			// long tuples and long subjects are more often wrong
			l := n + len(o) - len(subj) + len(sj)
			c -= 0.012 * float64(max(0, l-10))
			c -= 0.025 * float64(max(0, len(sj)-4))
			if cop >= 0 {
				c -= 0.08
			}
			if len(o) == 0 {
				c -= 0.4
			}
			out = append(out, tuple{subj: sj, rel: rel, obj: o, args: args, conf: c, pred: p, hypo: hypo})
		}
	}
	return out
}

// phraseHead returns the token of a phrase whose head lies outside it.
func (s *oieSent) phraseHead(toks []int) int {
	for _, t := range toks {
		h := s.head[t]
		if h < 0 || !inInts(toks, h) {
			return t
		}
	}
	return -1
}

// nounConjuncts returns h and the nominals coordinated with it (not
// clauses: a conjunct with its own subject, copula or verb is a clause).
func (s *oieSent) nounConjuncts(h int) []int {
	out := []int{h}
	for k := 0; k < len(out) && len(out) < 12; k++ {
		for _, c := range s.kids[out[k]] {
			if s.label[c] == "conj" && !s.isVerb(c) && !s.hasChild(c, "nsubj", "cop") {
				out = append(out, c)
			}
		}
	}
	if len(out) > 2 {
		sort.Ints(out)
	}
	return out
}

// conjuncts returns h and the heads coordinated with it.
func (s *oieSent) conjuncts(h int) []int {
	out := []int{h}
	for _, c := range s.kids[h] {
		if s.label[c] == "conj" {
			out = append(out, c)
		}
	}
	return out
}

func inInts(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
