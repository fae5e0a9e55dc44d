package linker

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/nlp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// polnearGoldenArticles are the PolNeAR dev articles whose claims are kept
// in testdata/polnear_dev_claims.golden.json: one of each of five
// publishers, short ones.
var polnearGoldenArticles = []string{
	"breitbart_2016-09-12_stealth-over-health-hillary-clin",
	"huff-post_2016-09-20_hillary-clinton-speaks-directly-",
	"politico_2016-09-30_flight-attendants-union-endorses",
	"west-journal_2016-09-30_new-poll-shows-minor-post-debate",
	"wash-post_2016-10-05_international-monetary-fund-slas",
}

const polnearDev = "../../shared/data/polnear/dev.jsonl"
const polnearGolden = "testdata/polnear_dev_claims.golden.json"

// goldenClaim is a claim as kept in the golden file: what a reader checks.
type goldenClaim struct {
	Claimant string `json:"claimant"`
	Entity   string `json:"entity,omitempty"`
	Cue      string `json:"cue"`
	Lemma    string `json:"lemma"`
	Stance   string `json:"stance"`
	Kind     string `json:"kind"`
	Quote    bool   `json:"quote,omitempty"`
	Content  string `json:"content"`
}

type goldenArticle struct {
	ID        string        `json:"id"`
	Claims    []goldenClaim `json:"claims"`
	Contested [][]string    `json:"contested,omitempty"` // affirmed by, denied by
}

// TestPolnearGolden compares our claims on five PolNeAR dev articles (read
// from ../shared/data when present) with the golden file, so that a change
// of the rules shows up as a diff of claims. Rewrite it with
//
//	go test ./linker -run PolnearGolden -update
//
// and read the diff before keeping it.
func TestPolnearGolden(t *testing.T) {
	arts, err := readPolnear(polnearDev)
	if err != nil {
		t.Skipf("PolNeAR dev not available (%v): golden claims not checked", err)
	}
	p, err := nlp.New()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]polnearArticle{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	var got []goldenArticle
	for _, id := range polnearGoldenArticles {
		a, ok := byID[id]
		if !ok {
			t.Fatalf("article %s is not in %s", id, polnearDev)
		}
		doc, err := p.Process(nlp.Input{ID: a.ID, Text: a.Text})
		if err != nil {
			t.Fatal(err)
		}
		art := New().Link(doc)
		g := goldenArticle{ID: id, Claims: []goldenClaim{}}
		for _, c := range art.Claims {
			g.Claims = append(g.Claims, goldenClaim{Claimant: c.Claimant.Text, Entity: c.Claimant.Entity,
				Cue: c.Cue.Text, Lemma: c.Cue.Lemma, Stance: c.Stance, Kind: c.Kind, Quote: c.Quote, Content: c.Content.Text})
		}
		for _, ct := range art.Contested {
			g.Contested = append(g.Contested, []string{strings.Join(ct.AffirmedBy, "; "), strings.Join(ct.DeniedBy, "; ")})
		}
		got = append(got, g)
	}
	out, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, '\n')
	if *update {
		if err := os.WriteFile(polnearGolden, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(polnearGolden)
	if err != nil {
		t.Fatalf("%v (go test ./linker -run PolnearGolden -update)", err)
	}
	if !bytes.Equal(out, want) {
		var old []goldenArticle
		if err := json.Unmarshal(want, &old); err != nil {
			t.Fatal(err)
		}
		t.Errorf("claims differ from %s (go test ./linker -run PolnearGolden -update, then git diff):\n%s", polnearGolden, goldenDiff(old, got))
	}
}

// goldenDiff lists the claims only in a (-) or only in b (+).
func goldenDiff(a, b []goldenArticle) string {
	lines := func(as []goldenArticle) map[string]bool {
		m := map[string]bool{}
		for _, x := range as {
			for _, c := range x.Claims {
				m[fmt.Sprintf("%s: %s | %s | %s %s | %.80q", x.ID[:20], c.Claimant, c.Cue, c.Stance, c.Kind, c.Content)] = true
			}
			for _, c := range x.Contested {
				m[fmt.Sprintf("%s: contested %q", x.ID[:20], c)] = true
			}
		}
		return m
	}
	la, lb := lines(a), lines(b)
	var out strings.Builder
	for l := range la {
		if !lb[l] {
			out.WriteString("- " + l + "\n")
		}
	}
	for l := range lb {
		if !la[l] {
			out.WriteString("+ " + l + "\n")
		}
	}
	return out.String()
}
