package ingest

import (
	"bytes"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// HTMLArticle makes an article of an HTML page: its main text (navigation,
// advertisements, related links, cookie banners and other boilerplate
// dropped by go-readability, a port of Mozilla's Readability used by
// Firefox's reader view), headline, date, author, site name and canonical
// URL. contentType (the HTTP header, may be empty) and the page's bytes
// give its character set; pageURL (may be empty) is where the page was
// fetched from. The text starts with the headline on a line of its own.
func HTMLArticle(name string, b []byte, contentType, pageURL string) (a Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: HTML extraction failed: %v", name, r)
		}
	}()
	fail := func(format string, args ...any) (Article, error) {
		return Article{}, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return fail("empty HTML file")
	}
	if bytes.IndexByte(b[:min(len(b), 4096)], 0) >= 0 {
		return fail("binary file, not HTML (contains NUL bytes)")
	}
	if enc, encName, _ := charset.DetermineEncoding(b[:min(len(b), 4096)], contentType); encName != "utf-8" && enc != nil {
		if d, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(b))); err == nil {
			b = d
		}
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return fail("bad HTML: %v", err)
	}
	meta := htmlMeta(doc)
	var base *nurl.URL
	if pageURL != "" {
		base, _ = nurl.Parse(pageURL)
	}
	preclean(doc)
	ra, err := readability.FromDocument(doc, base)
	if err != nil && ra.Node == nil {
		return fail("no article text found: %v", err)
	}
	var body string
	if ra.Node != nil && plainWords(ra.Node, 3) {
		body = strings.TrimSpace(render.InnerText(ra.Node))
	}
	if body == "" {
		return fail("no article text found")
	}
	// The headline: readability takes <title>, which often carries the
	// site's name ("Headline | Site"); the page's <h1> or og:title is the
	// headline itself when <title> contains it.
	a.Title = collapse(ra.Title())
	for _, c := range []string{meta["h1"], meta["og:title"]} {
		if c != "" && (a.Title == "" || strings.Contains(a.Title, c)) {
			a.Title = c
			break
		}
	}
	if a.Title == "" {
		a.Title = meta["title"]
	}
	a.Author = collapse(ra.Byline())
	if a.Author == "" {
		a.Author = meta["author"]
	}
	// A byline left at the top of the text ("By Lois Lane") is not news.
	if first := collapse(firstLine(body)); len(first) < 80 && strings.HasPrefix(strings.ToLower(first), "by ") {
		if a.Author == "" {
			a.Author = strings.TrimSpace(first[3:])
		}
		body = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(body), strings.TrimSpace(firstLine(body))))
	}
	if body == "" {
		return fail("no article text found")
	}
	a.Source = collapse(ra.SiteName())
	if t, err := ra.PublishedTime(); err == nil && !t.IsZero() {
		a.Date = formatDate(t)
	} else if meta["date"] != "" {
		a.Date = meta["date"]
	}
	a.URL = pageURL
	for _, u := range []string{meta["canonical"], meta["og:url"]} {
		if u == "" {
			continue
		}
		if ref, err := nurl.Parse(u); err == nil && (ref.IsAbs() || base != nil) {
			if base != nil {
				ref = base.ResolveReference(ref)
			}
			a.URL = ref.String()
			break
		}
	}
	text := body
	if a.Title != "" && !strings.HasPrefix(collapse(firstLine(body)), a.Title) {
		text = a.Title + "\n\n" + body
	}
	text = strings.ToValidUTF8(text, "\uFFFD") + "\n"
	a.Text = text
	a.File = name
	if a.URL != "" {
		a.ID = URLID(a.URL)
	} else {
		a.ID = DefaultID(text)
	}
	return a, nil
}

// formatDate writes a date as RFC 3339, or as YYYY-MM-DD when it has no time
// of day.
func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// htmlMeta reads the metadata readability does not return: the canonical
// URL (<link rel="canonical">, og:url), and fallbacks for the title, date
// and author.
func htmlMeta(doc *html.Node) map[string]string {
	m := map[string]string{}
	set := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" && m[k] == "" {
			m[k] = v
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := func(k string) string {
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, k) {
						return a.Val
					}
				}
				return ""
			}
			switch n.Data {
			case "link":
				for _, rel := range strings.Fields(strings.ToLower(attr("rel"))) {
					if rel == "canonical" {
						set("canonical", attr("href"))
					}
				}
			case "meta":
				key := strings.ToLower(attr("property"))
				if key == "" {
					key = strings.ToLower(attr("name"))
				}
				if key == "" {
					key = strings.ToLower(attr("itemprop"))
				}
				v := attr("content")
				switch key {
				case "og:url":
					set("og:url", v)
				case "og:title", "twitter:title":
					set("og:title", v)
				case "article:published_time", "datepublished", "date", "pubdate", "dc.date", "dc.date.issued", "publish-date":
					set("date", v)
				case "author", "article:author", "dc.creator":
					set("author", v)
				}
			case "time":
				if d := attr("datetime"); d != "" {
					set("time", d)
				}
			case "title":
				if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					set("title", collapse(n.FirstChild.Data))
				}
			case "h1":
				set("h1", collapse(textOf(n)))
			case "script", "style":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m["date"] == "" {
		m["date"] = m["time"]
	}
	return m
}

// textOf returns the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// plainWords reports whether n holds at least min words outside links:
// a page whose "main text" is a menu is no article.
func plainWords(n *html.Node, min int) bool {
	count := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch {
		case n.Type == html.ElementNode && (n.Data == "a" || n.Data == "nav" || n.Data == "script" || n.Data == "style"):
			return false
		case n.Type == html.TextNode:
			count += len(strings.Fields(n.Data))
			if count >= min {
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

// clutter matches the class, id or role of page furniture that readability
// may keep on short pages: cookie and consent banners, newsletter and
// subscription boxes, advertisements, share bars, related links, "most
// read" and trending lists and other widgets (a "most read" box beside
// short Reuters stories leaked into 4 of 300 pages of
// TestHTMLExtractionOnCorpora before it was listed here).
var clutter = regexp.MustCompile(`(?i)cookie|consent|gdpr|newsletter|subscri|paywall|advert|(^|[-_ ])ads?([-_ ]|$)|sponsor|promo|related|share|social|popup|modal|banner|breadcrumb|(^|[-_ ])nav|menu|sidebar|footer|comment|most[-_ ]?(read|popular|viewed)|trending|recommend|widget`)

// preclean removes page furniture before readability runs: navigation,
// asides, footers, forms, and elements whose class, id or role says
// clutter (unless they hold the story: an <article>, <main> or <h1>).
func preclean(doc *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "aside", "footer", "form", "noscript", "iframe", "script", "style", "template":
				if !holdsStory(n) {
					drop = append(drop, n)
					return
				}
			case "html", "body", "article", "main":
			default:
				for _, a := range n.Attr {
					if (a.Key == "class" || a.Key == "id" || a.Key == "role") && clutter.MatchString(a.Val) && !holdsStory(n) {
						drop = append(drop, n)
						return
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// holdsStory reports whether n contains an <article>, <main> or <h1>.
func holdsStory(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "article" || c.Data == "main" || c.Data == "h1") || holdsStory(c) {
			return true
		}
	}
	return false
}
