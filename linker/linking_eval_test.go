package linker

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimgraph/claimgraph/nlp"
)

// The linking evaluation: 30 real articles annotated by hand with the
// real-world entity of every named mention (testdata/linking/gold.json, made
// as testdata/linking/README.md tells), run through the real pipeline
// (nlp.New + Linker.Link), and scored as a clustering of mentions: pairwise
// merge precision and recall over mention pairs inside articles and across
// articles, and B-cubed inside articles and over the whole store.
//
//	go test ./linker -run TestLinkingEval -v                  # the scores
//	LINKING_ERRORS=1 go test ./linker -run TestLinkingEval -v # and every wrong merge and split

const linkingGold = "testdata/linking/gold.json"

var linkingCorpora = map[string]string{
	"reuters21578": "../../shared/data/reuters21578/reuters21578.jsonl",
	"polnear":      "../../shared/data/polnear/dev.jsonl",
}

type linkGoldFile struct {
	Note     string            `json:"note"`
	Articles []linkGoldArticle `json:"articles"`
}

type linkGoldArticle struct {
	ID     string `json:"id"`
	Corpus string `json:"corpus"`
	// Skip lists names inside names that are not annotated (the "Louvre" of
	// "Louvre accord"): their occurrences are masked.
	Skip     []string         `json:"skip,omitempty"`
	Entities []linkGoldEntity `json:"entities"`
}

// A linkGoldEntity is one real-world entity of one article: its key (the
// same key in every article it occurs in), type and surface forms. Every
// whole-word occurrence of a form is a mention of it (white space in a form
// matches any white space; longer forms are matched first); "Clinton#1,3"
// takes only the first and third remaining occurrences of "Clinton", for
// forms shared by two entities of one article.
type linkGoldEntity struct {
	Key   string   `json:"key"`
	Type  string   `json:"type"`
	Forms []string `json:"forms"`
}

type linkGoldMention struct {
	key        string
	start, end int
}

type linkArticleText struct {
	ID, Title, Date, Text string
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// findForm returns the byte spans of the whole-word occurrences of form in
// text; white space in form matches any run of white space.
func findForm(text, form string) [][2]int {
	parts := strings.Fields(form)
	if len(parts) == 0 {
		return nil
	}
	var out [][2]int
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], parts[0])
		if i < 0 {
			break
		}
		i += from
		from = i + 1
		j := i + len(parts[0])
		ok := true
		for _, p := range parts[1:] {
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' || text[k] == '\r') {
				k++
			}
			if k == j || !strings.HasPrefix(text[k:], p) {
				ok = false
				break
			}
			j = k + len(p)
		}
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(r) && isWordRune([]rune(parts[0])[0]) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && isWordRune(r) {
			last, _ := utf8.DecodeLastRuneInString(form)
			if isWordRune(last) {
				continue
			}
		}
		out = append(out, [2]int{i, j})
	}
	return out
}

// resolveGold finds the mentions of an annotated article in its text.
func resolveGold(text string, ga linkGoldArticle) ([]linkGoldMention, error) {
	type claim struct {
		key string
		sel []int // nil: every remaining occurrence
	}
	claims := map[string][]claim{}
	add := func(key, f string) error {
		name, sel := f, []int(nil)
		if k := strings.LastIndex(f, "#"); k > 0 {
			name = f[:k]
			for _, n := range strings.Split(f[k+1:], ",") {
				v, err := strconv.Atoi(n)
				if err != nil {
					return fmt.Errorf("%s: form %q: bad selector", ga.ID, f)
				}
				sel = append(sel, v)
			}
		}
		claims[name] = append(claims[name], claim{key: key, sel: sel})
		return nil
	}
	for _, s := range ga.Skip {
		if err := add("", s); err != nil {
			return nil, err
		}
	}
	for _, e := range ga.Entities {
		for _, f := range e.Forms {
			if err := add(e.Key, f); err != nil {
				return nil, err
			}
		}
	}
	names := make([]string, 0, len(claims))
	for n := range claims {
		names = append(names, n)
	}
	sort.Slice(names, func(a, b int) bool {
		if len(names[a]) != len(names[b]) {
			return len(names[a]) > len(names[b])
		}
		return names[a] < names[b]
	})
	var taken [][2]int
	free := func(sp [2]int) bool {
		for _, t := range taken {
			if sp[0] < t[1] && t[0] < sp[1] {
				return false
			}
		}
		return true
	}
	var out []linkGoldMention
	for _, n := range names {
		var occ [][2]int
		for _, sp := range findForm(text, n) {
			if free(sp) {
				occ = append(occ, sp)
			}
		}
		if len(occ) == 0 {
			return nil, fmt.Errorf("%s: form %q does not occur", ga.ID, n)
		}
		owner := make([]string, len(occ))
		set := make([]bool, len(occ))
		rest := ""
		nrest := 0
		for _, c := range claims[n] {
			if c.sel == nil {
				rest = c.key
				nrest++
				continue
			}
			for _, v := range c.sel {
				if v < 1 || v > len(occ) || set[v-1] {
					return nil, fmt.Errorf("%s: form %q: occurrence %d is missing or taken twice", ga.ID, n, v)
				}
				owner[v-1], set[v-1] = c.key, true
			}
		}
		if nrest > 1 {
			return nil, fmt.Errorf("%s: form %q belongs to %d entities without selectors", ga.ID, n, nrest)
		}
		for i, sp := range occ {
			if !set[i] {
				if nrest == 0 {
					continue // left to shorter forms
				}
				owner[i] = rest
			}
			taken = append(taken, sp)
			if owner[i] != "" {
				out = append(out, linkGoldMention{key: owner[i], start: sp[0], end: sp[1]})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out, nil
}

// readLinkingArticles reads the articles of the given IDs from a JSON Lines
// corpus, decoding only the lines that hold one of them.
func readLinkingArticles(path string, ids map[string]bool) (map[string]linkArticleText, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]linkArticleText{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() && len(out) < len(ids) {
		line := sc.Bytes()
		i := strings.Index(string(line[:min(len(line), 200)]), `"id": "`)
		if i < 0 {
			continue
		}
		rest := string(line[i+7 : min(len(line), i+200)])
		id := rest[:max(0, strings.IndexByte(rest, '"'))]
		if !ids[id] {
			continue
		}
		var a struct {
			ID, Title, Date, Text string
		}
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, err
		}
		out[a.ID] = linkArticleText(a)
	}
	return out, sc.Err()
}

// A scored mention: gold entity key, predicted entity ID, article index.
type linkScored struct {
	gold, pred, text string
	art              int
}

type prf struct{ p, r float64 }

func (x prf) f1() float64 {
	if x.p+x.r == 0 {
		return 0
	}
	return 2 * x.p * x.r / (x.p + x.r)
}

func (x prf) String() string { return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f", x.p, x.r, x.f1()) }

// pairwise scores the mention pairs inside articles (inside=true) or
// across articles: precision over the pairs given the same predicted
// entity, recall over the pairs of the same gold entity.
func pairwise(ms []linkScored, inside bool) (prf, [3]int) {
	var both, pred, gold int
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			if (ms[i].art == ms[j].art) != inside {
				continue
			}
			g, p := ms[i].gold == ms[j].gold, ms[i].pred == ms[j].pred
			if g {
				gold++
			}
			if p {
				pred++
			}
			if g && p {
				both++
			}
		}
	}
	return prf{ratio(both, pred), ratio(both, gold)}, [3]int{both, pred, gold}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// bcubed scores every mention by the overlap of its gold and predicted
// clusters, restricted to its article (inside=true) or over the store.
func bcubed(ms []linkScored, inside bool) prf {
	var sp, sr float64
	for i := range ms {
		var both, pred, gold int
		for j := range ms {
			if inside && ms[i].art != ms[j].art {
				continue
			}
			g, p := ms[i].gold == ms[j].gold, ms[i].pred == ms[j].pred
			if g {
				gold++
			}
			if p {
				pred++
			}
			if g && p {
				both++
			}
		}
		sp += float64(both) / float64(pred)
		sr += float64(both) / float64(gold)
	}
	n := float64(len(ms))
	return prf{sp / n, sr / n}
}

func TestLinkingEval(t *testing.T) {
	raw, err := os.ReadFile(linkingGold)
	if err != nil {
		t.Fatal(err)
	}
	var gf linkGoldFile
	if err := json.Unmarshal(raw, &gf); err != nil {
		t.Fatalf("%s: %v", linkingGold, err)
	}
	want := map[string]map[string]bool{}
	for _, ga := range gf.Articles {
		if want[ga.Corpus] == nil {
			want[ga.Corpus] = map[string]bool{}
		}
		want[ga.Corpus][ga.ID] = true
	}
	texts := map[string]linkArticleText{}
	for corpus, ids := range want {
		path, ok := linkingCorpora[corpus]
		if !ok {
			t.Fatalf("%s: unknown corpus %q", linkingGold, corpus)
		}
		got, err := readLinkingArticles(path, ids)
		if err != nil {
			t.Skipf("linking evaluation skipped: corpus %s not available (%v); it needs ../shared/data next to the repository", corpus, err)
		}
		for id := range ids {
			if _, ok := got[id]; !ok {
				t.Fatalf("article %s is not in %s", id, path)
			}
		}
		for id, a := range got {
			texts[id] = a
		}
	}
	p, err := nlp.New()
	if err != nil {
		t.Fatal(err)
	}
	l := New()
	t0 := time.Now()
	var (
		scored, strict []linkScored
		nGold, nExact  int
		keysByArt      = map[string]map[int]bool{}
		errs           strings.Builder
		showErrs       = os.Getenv("LINKING_ERRORS") != ""
	)
	for ai, ga := range gf.Articles {
		a := texts[ga.ID]
		gms, err := resolveGold(a.Text, ga)
		if err != nil {
			t.Fatal(err)
		}
		types := map[string]bool{}
		for _, e := range ga.Entities {
			if types[e.Key] {
				t.Fatalf("%s: entity %s listed twice", ga.ID, e.Key)
			}
			types[e.Key] = true
		}
		doc, err := p.Process(nlp.Input{ID: a.ID, Title: a.Title, Date: a.Date, Text: a.Text})
		if err != nil {
			t.Fatal(err)
		}
		art := l.Link(doc)
		type pm struct {
			id         string
			start, end int
		}
		var pms []pm
		for _, e := range art.Entities {
			for _, m := range e.Mentions {
				pms = append(pms, pm{e.ID, m.Start, m.End})
			}
		}
		// Match gold mentions to predicted ones: the same span, or else the
		// best overlap covering at least half of the union of both spans.
		type cand struct {
			g, p int
			j    float64
		}
		var cs []cand
		for gi, g := range gms {
			for pi, m := range pms {
				lo, hi := max(g.start, m.start), min(g.end, m.end)
				if lo >= hi {
					continue
				}
				u := max(g.end, m.end) - min(g.start, m.start)
				if j := float64(hi-lo) / float64(u); j >= 0.5 {
					cs = append(cs, cand{gi, pi, j})
				}
			}
		}
		sort.SliceStable(cs, func(x, y int) bool { return cs[x].j > cs[y].j })
		gUsed, pUsed := map[int]int{}, map[int]bool{}
		for _, c := range cs {
			if _, ok := gUsed[c.g]; ok || pUsed[c.p] {
				continue
			}
			gUsed[c.g], pUsed[c.p] = c.p, true
			if c.j == 1 {
				nExact++
			}
		}
		if show := os.Getenv("LINKING_SHOW"); show == "all" || show == ga.ID {
			t.Log(showGold(a.Text, ga.ID, gms, func(yield func(start, end int, id string, matched bool) bool) {
				for pi, m := range pms {
					if !yield(m.start, m.end, m.id, pUsed[pi]) {
						return
					}
				}
			}))
		}
		for gi, g := range gms {
			nGold++
			if keysByArt[g.key] == nil {
				keysByArt[g.key] = map[int]bool{}
			}
			keysByArt[g.key][ai] = true
			text := normName(a.Text[g.start:g.end])
			if pi, ok := gUsed[gi]; ok {
				s := linkScored{gold: g.key, pred: pms[pi].id, text: text, art: ai}
				scored = append(scored, s)
				strict = append(strict, s)
			} else {
				strict = append(strict, linkScored{gold: g.key, pred: fmt.Sprintf("unmatched#%d", nGold), text: text, art: ai})
				if showErrs {
					fmt.Fprintf(&errs, "  undetected %s: %q (%s)\n", ga.ID, text, g.key)
				}
			}
		}
	}
	elapsed := time.Since(t0)

	crossEnts, crossMentions := 0, 0
	for k, arts := range keysByArt {
		if len(arts) > 1 {
			crossEnts++
			for _, s := range strict {
				if s.gold == k {
					crossMentions++
				}
			}
		}
	}
	// Cross-article entities whose mentions all got one predicted ID.
	united := 0
	for k, arts := range keysByArt {
		if len(arts) < 2 {
			continue
		}
		ids := map[string]bool{}
		for _, s := range scored {
			if s.gold == k {
				ids[s.pred] = true
			}
		}
		if len(ids) == 1 {
			united++
		}
	}
	pin, cin := pairwise(scored, true)
	pout, cout := pairwise(scored, false)
	t.Logf("linking test set: %d articles, %d gold mentions of %d entities (%d article-entities); %d entities in more than one article (%d mentions)",
		len(gf.Articles), nGold, len(keysByArt), countArticleEntities(gf), crossEnts, crossMentions)
	t.Logf("mentions detected: %d of %d (%.3f; %d with the exact span); scores below are over the detected ones",
		len(scored), nGold, float64(len(scored))/float64(nGold), nExact)
	t.Logf("pairwise inside articles:  %s  (pairs: %d right of %d merged, %d gold)", pin, cin[0], cin[1], cin[2])
	t.Logf("pairwise across articles:  %s  (pairs: %d right of %d merged, %d gold)", pout, cout[0], cout[1], cout[2])
	t.Logf("B-cubed inside articles:   %s", bcubed(scored, true))
	t.Logf("B-cubed whole store:       %s", bcubed(scored, false))
	t.Logf("B-cubed whole store, undetected gold mentions as singletons: %s", bcubed(strict, false))
	for _, class := range []string{"person", "org", "place"} {
		var sub []linkScored
		for _, s := range scored {
			if strings.HasPrefix(s.gold, class+"/") {
				sub = append(sub, s)
			}
		}
		sin, _ := pairwise(sub, true)
		sout, _ := pairwise(sub, false)
		t.Logf("  %-6s %3d mentions: pairwise inside %s; across %s; B-cubed store %s", class, len(sub), sin, sout, bcubed(sub, false))
	}
	t.Logf("cross-article entities with one ID for all their mentions: %d of %d", united, crossEnts)
	t.Logf("pipeline time: %v", elapsed.Round(time.Millisecond))
	if showErrs {
		t.Log("errors:\n" + errs.String() + linkErrors(scored, gf))
	}
	// Floors: the scores measured when the rules were last changed, minus
	// a margin; a change that lowers them must be looked at.
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"pairwise precision inside", pin.p, 0.98},
		{"pairwise recall inside", pin.r, 0.95},
		{"pairwise precision across", pout.p, 0.98},
		{"pairwise recall across", pout.r, 0.92},
		{"B-cubed F1 over the store", bcubed(scored, false).f1(), 0.93},
		{"mentions detected", float64(len(scored)) / float64(nGold), 0.95},
	} {
		if c.got < c.floor {
			t.Errorf("%s = %.3f, below the floor %.2f", c.name, c.got, c.floor)
		}
	}
}

func countArticleEntities(gf linkGoldFile) int {
	n := 0
	for _, a := range gf.Articles {
		n += len(a.Entities)
	}
	return n
}

// linkErrors lists wrong merges (one predicted ID for several gold
// entities) and splits (several predicted IDs for one gold entity).
func linkErrors(ms []linkScored, gf linkGoldFile) string {
	var b strings.Builder
	type agg map[string]map[string][]string // outer -> inner -> texts
	add := func(m agg, o, i, text string) {
		if m[o] == nil {
			m[o] = map[string][]string{}
		}
		m[o][i] = append(m[o][i], text)
	}
	byGold, byPred := agg{}, agg{}
	for _, s := range ms {
		add(byGold, s.gold, s.pred+" ["+gf.Articles[s.art].ID+"]", s.text)
		add(byPred, s.pred, s.gold+" ["+gf.Articles[s.art].ID+"]", s.text)
	}
	dump := func(title string, m agg) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			inner := m[k]
			distinct := map[string]bool{}
			for i := range inner {
				distinct[strings.SplitN(i, " [", 2)[0]] = true
			}
			if len(distinct) < 2 {
				continue
			}
			fmt.Fprintf(&b, "%s %s:\n", title, k)
			is := make([]string, 0, len(inner))
			for i := range inner {
				is = append(is, i)
			}
			sort.Strings(is)
			for _, i := range is {
				fmt.Fprintf(&b, "    %s %q\n", i, inner[i])
			}
		}
	}
	dump("split", byGold)
	dump("merged", byPred)
	return b.String()
}

// showGold writes an article with its gold mentions in brackets and lists
// the predicted mentions that match no gold mention (LINKING_SHOW=ID or all).
func showGold(text, id string, gms []linkGoldMention, preds func(func(start, end int, id string, matched bool) bool)) string {
	var b strings.Builder
	fmt.Fprintf(&b, "===== %s\n", id)
	at := 0
	for _, g := range gms {
		b.WriteString(text[at:g.start])
		fmt.Fprintf(&b, "[%s|%s]", text[g.start:g.end], g.key)
		at = g.end
	}
	b.WriteString(text[at:])
	b.WriteString("\n-- predicted mentions without a gold mention:\n")
	preds(func(start, end int, pid string, matched bool) bool {
		if !matched {
			fmt.Fprintf(&b, "   %q %s\n", text[start:end], pid)
		}
		return true
	})
	return b.String()
}
