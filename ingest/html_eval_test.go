package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHTMLExtractionOnCorpora measures HTMLArticle on real news texts
// rendered into web pages with page furniture around and inside them: the
// first 300 Reuters-21578 stories and the first 100 PolNeAR dev articles
// (from ../shared/data, skipped when absent), each page in one of four
// layouts (navigation, cookie banner, advertisements before, inside and
// after the story, a newsletter box, related links, comments, footer). It
// reports word-level recall and precision of the extracted text against
// the story and the share of pages where any furniture leaks into it, and
// fails below the floors (set under the figures measured when it was
// written: see the log).
func TestHTMLExtractionOnCorpora(t *testing.T) {
	data := filepath.Join("..", "..", "shared", "data")
	sources := []struct {
		name, path string
		n          int
	}{
		{"reuters21578", filepath.Join(data, "reuters21578", "reuters21578.jsonl"), 300},
		{"polnear-dev", filepath.Join(data, "polnear", "dev.jsonl"), 100},
	}
	for _, src := range sources {
		texts := corpusTexts(t, src.path, src.n)
		if len(texts) == 0 {
			t.Logf("%s: not found at %s, skipped", src.name, src.path)
			continue
		}
		var recall, precision float64
		leaks, failed := 0, 0
		for i, story := range texts {
			page := furnishedPage(i, fmt.Sprintf("Story %d of %s", i, src.name), story)
			a, err := HTMLArticle(fmt.Sprintf("%s-%d.html", src.name, i), page, "text/html", "")
			if err != nil {
				failed++
				continue
			}
			r, p := wordOverlap(story, a.Text)
			recall += r
			precision += p
			for _, m := range furnitureMarkers {
				if strings.Contains(a.Text, m) && !strings.Contains(story, m) {
					leaks++
					break
				}
			}
		}
		n := float64(len(texts))
		t.Logf("%s: %d pages, recall %.3f, precision %.3f, pages with furniture leaked %d (%.1f%%), failed %d",
			src.name, len(texts), recall/n, precision/n, leaks, 100*float64(leaks)/n, failed)
		if recall/n < 0.98 || precision/n < 0.98 || float64(leaks) > 0.02*n || failed > 0 {
			t.Errorf("%s: below the floors (recall 0.98, precision 0.98, leaks 2%%, no failure)", src.name)
		}
	}
}

// corpusTexts reads the "text" of the first n records of a JSON Lines file.
func corpusTexts(t *testing.T, path string, n int) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() && len(out) < n {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(strings.Fields(r.Text)) >= 40 { // briefs of a line are no page
			out = append(out, r.Text)
		}
	}
	return out
}

// furnitureMarkers are words of the page furniture (a leak when the
// extracted text has one that the story has not).
var furnitureMarkers = []string{"cookies", "Subscribe", "SPONSORED", "Advertisement", "Related stories",
	"Most read", "comments", "Copyright", "Sign up", "Privacy"}

// furnishedPage renders a story (paragraphs split at blank lines or
// indented lines) in one of four layouts.
func furnishedPage(i int, headline, story string) []byte {
	paras := regexp.MustCompile(`\n\s*\n|\n {2,}`).Split(story, -1)
	var body strings.Builder
	for j, p := range paras {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(p))
		if j == 1 && i%2 == 0 {
			body.WriteString(`<div class="ad-slot advertisement"><span>Advertisement</span><a href="https://ads.example.com/x">SPONSORED: Refinance your home today at record low rates</a></div>` + "\n")
		}
		if j == 2 && i%4 == 1 {
			body.WriteString(`<div class="newsletter-signup"><h4>Sign up for our morning briefing</h4><form><input type="email"><button>Subscribe</button></form></div>` + "\n")
		}
	}
	nav := `<header><nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/markets">Markets</a> <a href="/opinion">Opinion</a></nav></header>`
	cookie := `<div id="cookie-consent"><p>We use cookies to personalise content and ads. <a href="/privacy">Privacy policy</a> <button>Accept all cookies</button></p></div>`
	related := `<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Oil prices slip as supply worries ease</a></li><li><a href="/b">Central bank holds rates steady</a></li><li><a href="/c">Ten things to know before the open</a></li></ul></aside>`
	mostRead := `<div class="most-read widget"><h3>Most read</h3><ol><li><a href="/d">Stocks rally on trade hopes</a></li><li><a href="/e">Five charts that explain the week</a></li></ol></div>`
	comments := `<section id="comments"><h3>42 comments</h3><div class="comment">Great article, thanks!</div></section>`
	footer := `<footer><p>Copyright 2026 Example News Ltd. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>`
	banner := `<div class="ad leaderboard"><span>Advertisement</span> SPONSORED: Book your summer holiday now</div>`
	article := fmt.Sprintf("<article><h1>%s</h1><p class=\"byline\">By Staff Reporter</p>\n%s</article>", html.EscapeString(headline), body.String())
	var page string
	switch i % 4 {
	case 0:
		page = nav + cookie + banner + "<main>" + article + "</main>" + related + footer
	case 1:
		page = cookie + nav + `<div class="container"><div class="col-main">` + article + `</div><div class="col-side">` + mostRead + banner + `</div></div>` + comments + footer
	case 2:
		page = nav + `<div id="content">` + article + related + mostRead + `</div>` + comments + footer + cookie
	default:
		page = banner + nav + `<div class="story-body">` + article + `</div>` + `<div class="sidebar">` + related + `</div>` + footer
	}
	return []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(headline) +
		" | Example News</title></head><body>" + page + "</body></html>")
}

// wordOverlap returns the share of the story's words found in the
// extracted text (recall) and of the extracted text's words found in the
// story (precision), counting repeated words as often as they occur; the
// headline line is not counted.
func wordOverlap(story, got string) (recall, precision float64) {
	if i := strings.IndexByte(got, '\n'); i >= 0 {
		got = got[i+1:]
	}
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.Fields(s) {
			m[strings.ToLower(strings.Trim(w, `.,;:!?"'()`))]++
		}
		return m
	}
	a, b := count(story), count(got)
	common, na, nb := 0, 0, 0
	for w, n := range a {
		common += min(n, b[w])
		na += n
	}
	for _, n := range b {
		nb += n
	}
	if na == 0 || nb == 0 {
		return 0, 0
	}
	return float64(common) / float64(na), float64(common) / float64(nb)
}
