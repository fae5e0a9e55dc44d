package nlp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

const reutersPath = "../../shared/data/reuters21578/reuters21578.jsonl"

// reutersSentences returns the normalised sentences (as the pipeline splits
// and normalises them) of the first n Reuters-21578 stories, or skips the
// test when the data is not there.
func reutersSentences(tb testing.TB, n int) []string {
	tb.Helper()
	f, err := os.Open(reutersPath)
	if err != nil {
		tb.Skipf("no Reuters data: %v", err)
	}
	defer f.Close()
	p, err := New(WithRecognizer(nil))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for stories := 0; stories < n && sc.Scan(); {
		var r struct{ ID, Title, Text string }
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Text == "" {
			continue
		}
		stories++
		d, err := p.Process(Input{ID: r.ID, Text: r.Title + "\n" + r.Text})
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range d.Sentences {
			norm, _ := normalize(d.Text[s.Start:s.End])
			out = append(out, norm)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func posTestModel(tb testing.TB) *posModel {
	tb.Helper()
	m, err := loadPOSModel()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// proseTagged returns prose's own tokens and tags of a normalised sentence.
func proseTagged(tb testing.TB, model *prose.Model, norm string) (words, tags []string) {
	doc, err := prose.NewDocument(norm, prose.UsingModel(model),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range doc.Tokens() {
		words = append(words, t.Text)
		tags = append(tags, t.Tag)
	}
	return words, tags
}

func mustProseTokens(tb testing.TB, s string) []string {
	w, err := proseTokens(s)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// conllSentences returns the CoNLL-2003 dev sentences, tokens joined by
// spaces and normalised, or skips the test when the data is not there.
func conllSentences(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(conllDevPath)
	if err != nil {
		tb.Skipf("no CoNLL data: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Tokens []string }
		if json.Unmarshal(sc.Bytes(), &r) != nil || len(r.Tokens) == 0 {
			continue
		}
		norm, _ := normalize(strings.Join(r.Tokens, " "))
		out = append(out, norm)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

const conllDevPath = "../../shared/data/conll2003/dev.jsonl"

// TestPOSAgreesWithProse compares posModel with prose's own tagger on the
// sentences of the first 1,000 Reuters stories and of the CoNLL-2003 dev
// set. Each disagreement is explained or the test fails: with the history
// prose chose (its tags for the two previous tokens) posModel has the same
// features, so prose's tag must be among the best-scoring classes; a
// disagreement is a "tie" when several classes share the best score (prose
// picks one at random, posModel the first by name) and a "cascade" when the
// tags differ only because an earlier tie changed the history.
//
// prose reports, for a repeated whitespace-separated chunk, the tags
// computed at its last repeat (see proseChunkSharing); posModel's tags are
// compared after the same sharing, and the tokens where that sharing
// changes the tag are counted.
func TestPOSAgreesWithProse(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	t.Run("reuters1000", func(t *testing.T) { posAgreement(t, reutersSentences(t, 1000)) })
	t.Run("conll-dev", func(t *testing.T) { posAgreement(t, conllSentences(t)) })
}

func posAgreement(t *testing.T, sents []string) {
	tg, err := newTagger()
	if err != nil {
		t.Fatal(err)
	}
	m := tg.pos
	model := prose.ModelFromData("agreement")
	var total, agree, perPosition, tieTokens, ties, cascades int
	for _, norm := range sents {
		words, ptags := proseTagged(t, model, norm)
		ours, starts, tags, err := tg.tagSentence(norm)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(words, ours) {
			t.Fatalf("prose's tokens differ with tagging off: %q", norm)
		}
		own := m.tag(words, nil) // each position's own tag
		src := chunkTagSources(norm, words, starts)
		for i := range words {
			total++
			if own[i] != tags[i] {
				perPosition++
			}
			p1, p2 := "-START-", "-START2-"
			if i > 0 {
				p1 = own[i-1]
			}
			if i > 1 {
				p2 = own[i-2]
			} else if i == 1 {
				p2 = "-START-"
			}
			if best, tied := m.scoreTies(words, i, p1, p2); tied {
				tieTokens++
				t.Logf("tied token %q best=%v ours=%s in %q", words[i], best, own[i], norm)
			}
			if tags[i] == ptags[i] {
				agree++
				continue
			}
			// Re-score the position prose reports with prose's history.
			j := i
			if src != nil {
				j = src[i]
			}
			p1, p2 = "-START-", "-START2-"
			if j > 0 {
				p1 = ptags[j-1]
			}
			if j > 1 {
				p2 = ptags[j-2]
			} else if j == 1 {
				p2 = "-START-"
			}
			best, tied := m.scoreTies(words, j, p1, p2)
			switch {
			case tied && slices.Contains(best, ptags[i]):
				ties++
				t.Logf("tie     %-8s prose=%-5s ours=%-5s best=%v in %q", words[j], ptags[i], tags[i], best, norm)
			case !tied && len(best) == 1 && best[0] == ptags[i]:
				cascades++
				t.Logf("cascade %-8s prose=%-5s ours=%-5s (previous tags differ) in %q", words[j], ptags[i], tags[i], norm)
			default:
				t.Errorf("unexplained %q: prose=%s ours=%s best=%v in %q", words[j], ptags[i], tags[i], best, norm)
			}
		}
	}
	pct := 100 * float64(agree) / float64(total)
	t.Logf("%d sentences, %d tokens: %.4f%% agree with prose (disagreements: %d ties, %d cascades); "+
		"%d tokens have tied best classes; "+
		"prose's chunk-cache sharing (reproduced) changes %d tokens (%.3f%%) from their own position's tag",
		len(sents), total, pct, ties, cascades, tieTokens, perPosition, 100*float64(perPosition)/float64(total))
	if pct < 99.9 {
		t.Errorf("agreement %.4f%% < 99.9%%", pct)
	}
}

// TestChunkTagSources checks the reproduction of prose's chunk cache: a
// repeated chunk reports the tags of its last cached repeat; the final
// chunk of a text not ending in a space is not cached (want nil: every
// token reports its own tag).
func TestChunkTagSources(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int
	}{
		{"as well as senior figures", []int{2, 1, 2, 3, 4}},
		{"as well as them, as well", []int{5, 1, 5, 3, 4, 5, 6}},
		{"as well as them, as well ", []int{5, 6, 5, 3, 4, 5, 6}},
		{"He said: \"Go\" and he said \"Go\"", nil},
		{"He said so , he said", nil},
		{"as well as", nil},
		// 91 chunks: the map path.
		{strings.Repeat("as well as ", 30) + "end", func() (src []int) {
			for i := range 90 { // "as" reports token 89, "well" 88
				src = append(src, map[bool]int{true: 88, false: 89}[i%3 == 1])
			}
			return append(src, 90)
		}()},
		{"He  said\u00a0so,\u00a0he said so,", []int{0, 5, 2, 3, 4, 5, 6, 7}},
	} {
		words := mustProseTokens(t, c.text)
		var starts []int
		cur := 0
		for _, w := range words {
			i := strings.Index(c.text[cur:], w)
			starts = append(starts, cur+i)
			cur += i + len(w)
		}
		identity := func(src []int) []int { // nil means every token is its own source
			if src == nil {
				for i := range words {
					src = append(src, i)
				}
			}
			return src
		}
		got := chunkTagSources(c.text, words, starts)
		if !slices.Equal(identity(got), identity(c.want)) {
			t.Errorf("%q %q: got %v, want %v", c.text, words, got, c.want)
		}
	}
}

// scoreTies returns the best-scoring classes of word i given the previous
// tags p1 and p2 (nil when word i is not scored by the model), and whether
// the score was a tie (more than one best class).
func (m *posModel) scoreTies(words []string, i int, p1, p2 string) (best []string, tied bool) {
	if _, ok := posSpecial(words[i]); ok {
		return nil, false
	}
	if tag, ok := m.tagDict[words[i]]; ok {
		return []string{tag}, false
	}
	var s posScores
	m.score(m.prepare(words), i, words[i], m.tagID(p1), m.tagID(p2), &s)
	top := int64(0)
	for c := range m.classes {
		if s.touched&(1<<c) != 0 && (best == nil || s.s[c] > top) {
			best, top = []string{m.classes[c]}, s.s[c]
		} else if s.touched&(1<<c) != 0 && s.s[c] == top {
			best = append(best, m.classes[c])
		}
	}
	return best, len(best) > 1
}

// proseFeaturize is prose v2.0.0's featurize (tag.go), feature strings
// and all, with prose's context: normalised words between start and end
// markers.
func proseFeaturize(i int, ctx []string, w, p1, p2 string) map[string]float64 {
	feats := make(map[string]float64)
	add := func(args ...string) { feats[strings.Join(args, " ")]++ }
	suf := min(len(w), 3)
	i = min(len(ctx)-2, i+2)
	iminus := min(len(ctx[i-1]), 3)
	iplus := min(len(ctx[i+1]), 3)
	add("bias")
	add("i suffix", w[len(w)-suf:])
	add("i pref1", string(rune(w[0])))
	add("i-1 tag", p1)
	add("i-2 tag", p2)
	add("i tag+i-2 tag", p1, p2)
	add("i word", ctx[i])
	add("i-1 tag+i word", p1, ctx[i])
	add("i-1 word", ctx[i-1])
	add("i-1 suffix", ctx[i-1][len(ctx[i-1])-iminus:])
	add("i-2 word", ctx[i-2])
	add("i+1 word", ctx[i+1])
	add("i+1 suffix", ctx[i+1][len(ctx[i+1])-iplus:])
	add("i+2 word", ctx[i+2])
	return feats
}

// TestPOSScoresMatchFeatureStrings checks posModel's interned features
// against prose's feature strings looked up in prose's weights: for every
// token of the sample (in the history posModel chose, and also after an
// arbitrary previous tag), the same classes are candidates with the same
// scores, to the thousandth.
func TestPOSScoresMatchFeatureStrings(t *testing.T) {
	var sents []string
	if testing.Short() {
		sents = []string{"NATO's chief said \"we are ready\", and Russia's 1987 well-known Café ÉLAN -LRB- *-1 army moved fast."}
	} else {
		sents = reutersSentences(t, 300)
	}
	var weights map[string]map[string]float64
	if err := decodeAsset(posWeightsFile, &weights); err != nil {
		t.Fatal(err)
	}
	m := posTestModel(t)
	checked := 0
	for _, norm := range sents {
		words := mustProseTokens(t, norm)
		tags := m.tag(words, nil)
		ctx := []string{"-START-", "-START2-"}
		for _, w := range words {
			ctx = append(ctx, posNormalize(w))
		}
		ctx = append(ctx, "-END-", "-END2-")
		ps := m.prepare(words)
		for i, w := range words {
			p1, p2 := "-START-", "-START2-"
			if i > 0 {
				p1 = tags[i-1]
			}
			if i > 1 {
				p2 = tags[i-2]
			} else if i == 1 {
				p2 = "-START-"
			}
			for _, h := range [][2]string{{p1, p2}, {"NNP", "-START-"}, {"-LRB-", "VBZ"}} {
				want := map[string]int64{}
				for f := range proseFeaturize(i, ctx, w, h[0], h[1]) {
					for c, v := range weights[f] {
						want[c] += int64(math.Round(v * 1000))
					}
				}
				var s posScores
				m.score(ps, i, w, m.tagID(h[0]), m.tagID(h[1]), &s)
				got := map[string]int64{}
				for c, name := range m.classes {
					if s.touched&(1<<c) != 0 {
						got[name] = s.s[c]
					}
				}
				if !maps.Equal(got, want) {
					t.Fatalf("word %d %q after %v in %q:\n got %v\nwant %v", i, w, h, norm, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d sentences: scores of %d (token, history) pairs match", len(sents), checked)
}

// TestPOSDeterministic tags the same sentences (tokenizer, posModel and
// prose's chunk sharing) with freshly decoded models (each built from maps
// iterated in a new random order) and from many goroutines, and requires
// identical tags every time.
func TestPOSDeterministic(t *testing.T) {
	var sents []string
	if testing.Short() {
		sents = []string{"NATO's chief said \"we are ready\", as well as ready as ever. Russia's army moved fast."}
	} else {
		sents = reutersSentences(t, 200)
	}
	hash := func(m *posModel) uint64 {
		tg := &tagger{pos: m}
		h := fnv.New64a()
		for _, s := range sents {
			_, _, tags, err := tg.tagSentence(s)
			if err != nil {
				t.Error(err)
			}
			fmt.Fprintln(h, strings.Join(tags, " "))
		}
		return h.Sum64()
	}
	want := hash(posTestModel(t))
	for run := 0; run < 3; run++ {
		m, err := decodePOSModel()
		if err != nil {
			t.Fatal(err)
		}
		if got := hash(m); got != want {
			t.Fatalf("decode %d: tag hash %x, want %x", run, got, want)
		}
	}
	var wg sync.WaitGroup
	got := make([]uint64, 8)
	for g := range got {
		wg.Go(func() { got[g] = hash(posTestModel(t)) })
	}
	wg.Wait()
	for g, h := range got {
		if h != want {
			t.Errorf("goroutine %d: tag hash %x, want %x", g, h, want)
		}
	}
	t.Logf("%d sentences: tag hash %x in every run", len(sents), want)
}

func TestPOSSpecialCases(t *testing.T) {
	m := posTestModel(t)
	words := []string{"See", "http://example.com/a", "or", "mail", "bob@example.com", ",", "@nato", "-", ":-)", "*", "-LRB-", "0", "1987", "well-known"}
	got := m.tag(words, nil)
	_, want := proseTagged(t, prose.ModelFromData("special"), strings.Join(words, " "))
	if !slices.Equal(got, want) {
		t.Errorf("tags\n got %v\nwant %v", got, want)
	}
	for w, n := range map[string]string{"1987": "!YEAR", "-123": "!YEAR", "well-known": "!HYPHEN", "-x-": "-x-", "3rd": "!DIGITS", "NATO": "nato", "": ""} {
		if got := posNormalize(w); got != n {
			t.Errorf("posNormalize(%q) = %q, want %q", w, got, n)
		}
	}
}

// BenchmarkPOSTag compares, per token and in the same run, prose's own
// tokenizer+tagger with the pipeline's (prose's tokenizer, posModel, and
// prose's chunk sharing: tagger.tagSentence), and the tokenizer and
// posModel alone. prose's tagger costs prose-tokenize+tag minus
// prose-tokenize.
//
//	go test -run '^$' -bench POSTag ./nlp/
func BenchmarkPOSTag(b *testing.B) {
	sents := reutersSentences(b, 200)
	m := posTestModel(b)
	model := prose.ModelFromData("bench")
	words := make([][]string, len(sents))
	tokens := 0
	for i, s := range sents {
		words[i] = mustProseTokens(b, s)
		tokens += len(words[i])
	}
	perToken := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(tokens*b.N), "ns/token")
	}
	b.Run("prose-tokenize+tag", func(b *testing.B) {
		for b.Loop() {
			for _, s := range sents {
				if _, err := prose.NewDocument(s, prose.UsingModel(model),
					prose.WithSegmentation(false), prose.WithExtraction(false)); err != nil {
					b.Fatal(err)
				}
			}
		}
		perToken(b)
	})
	b.Run("prose-tokenize", func(b *testing.B) {
		for b.Loop() {
			for _, s := range sents {
				mustProseTokens(b, s)
			}
		}
		perToken(b)
	})
	tg := &tagger{pos: m}
	b.Run("prose-tokenize+posModel", func(b *testing.B) {
		for b.Loop() {
			for _, s := range sents {
				if _, _, _, err := tg.tagSentence(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		perToken(b)
	})
	b.Run("posModel", func(b *testing.B) {
		var tags []string
		for b.Loop() {
			for _, w := range words {
				tags = m.tag(w, tags)
			}
		}
		perToken(b)
	})
}
