package ingest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// Fixtures for the reader tests: small files of every format, built in
// t.TempDir() by the tests themselves.

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zstdBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type member struct {
	name string
	data []byte
}

func tarBytes(t testing.TB, files ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, f := range files {
		if strings.HasSuffix(f.name, "/") {
			w.WriteHeader(&tar.Header{Name: f.name, Typeflag: tar.TypeDir, Mode: 0o755})
			continue
		}
		if err := w.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipBytes(t testing.TB, files ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		fw, err := w.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// warcRecord is one WARC/1.1 record.
func warcRecord(typ, uri, contentType string, block []byte, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", typ, n)
	fmt.Fprintf(&b, "WARC-Date: 2024-05-03T12:00:00Z\r\n")
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status int, contentType string, body []byte) []byte {
	return []byte(fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s",
		status, contentType, len(body), body))
}

// warcFile is a web archive: warcinfo, a request, two HTML pages, an image
// and a redirect. gz compresses each record on its own (as .warc.gz does).
func warcFile(t testing.TB, gz bool, pages ...[]byte) []byte {
	t.Helper()
	recs := [][]byte{
		warcRecord("warcinfo", "", "application/warc-fields", []byte("software: claimgraph test\r\n"), 1),
		warcRecord("request", "https://news.example.com/a", "application/http; msgtype=request",
			[]byte("GET /a HTTP/1.1\r\nHost: news.example.com\r\n\r\n"), 2),
	}
	for i, p := range pages {
		recs = append(recs, warcRecord("response", fmt.Sprintf("https://news.example.com/page%d", i+1),
			"application/http; msgtype=response", httpResponse(200, "text/html; charset=utf-8", p), 10+i))
	}
	recs = append(recs,
		warcRecord("response", "https://news.example.com/logo.png", "application/http; msgtype=response",
			httpResponse(200, "image/png", []byte("\x89PNG....")), 50),
		warcRecord("response", "https://news.example.com/old", "application/http; msgtype=response",
			httpResponse(301, "text/html", []byte("<html>moved</html>")), 51),
	)
	var out bytes.Buffer
	for _, r := range recs {
		if gz {
			out.Write(gzipBytes(t, r))
		} else {
			out.Write(r)
		}
	}
	return out.Bytes()
}

// newsPage is a news page with the usual clutter around the story.
func newsPage(headline, canonical, story string) []byte {
	paras := ""
	for _, p := range strings.Split(story, "\n") {
		paras += "<p>" + p + "</p>\n"
	}
	return []byte(`<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>` + headline + ` | Daily Planet</title>
<link rel="canonical" href="` + canonical + `">
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-05-03T10:00:00Z">
<meta name="author" content="Lois Lane">
<script>var tracking = "cookie-tracker";</script>
</head><body>
<div id="cookie-banner" class="cookie-consent-banner"><p>We use cookies to improve your experience. <a href="/privacy">Accept all cookies</a></p></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad advertisement sponsored"><a href="https://ads.example.com">Buy cheap watches now! Limited offer!</a></div>
<main><article>
<h1>` + headline + `</h1>
<p class="byline">By Lois Lane</p>
` + paras + `
</article></main>
<aside class="related-stories sidebar"><h3>Related stories</h3><ul>
<li><a href="/x1">Storm hits the coast</a></li><li><a href="/x2">Markets fall again</a></li><li><a href="/x3">Ten recipes for summer</a></li></ul></aside>
<footer class="site-footer"><p>Copyright 2024 Daily Planet. All rights reserved.</p><a href="/terms">Terms</a></footer>
</body></html>`)
}

const storyMinister = `The defence minister, John Smith, denied on Friday that troops had been sent to the northern border, calling the newspaper's report completely false and irresponsible.
Opposition leader Mary Jones said the government was hiding the truth from voters and demanded a full inquiry into the deployment, which she said had been planned for months.
Officials at the ministry declined to comment further. The report, published on Thursday, cited three unnamed sources who said that two battalions had moved north during the night.
Analysts said the denial was unlikely to end the controversy, since satellite images published by a research group appeared to show new military vehicles near the border town.`

const storyHarbour = `The city council approved on Monday a plan to rebuild the old harbour, ending a dispute that had lasted almost a decade.
Mayor Ana Costa said the project would create two thousand jobs and bring new life to the waterfront district, which has been largely empty since the shipyard closed.
Critics argued that the cost, estimated at four hundred million euros, was far higher than the council had admitted, and that local residents had not been consulted.
Construction is expected to begin next spring and to last five years, according to the council's planning department, which will publish the details next week.`

// sgmlFixture is two Reuters-21578 records (a story and a brief) with the
// corpus's oddities: control-character entities, &lt;, a Latin-1 byte.
func sgmlFixture() []byte {
	return []byte("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n" +
		`<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="7">` + "\n" +
		"<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>cocoa</D></TOPICS>\n<UNKNOWN> \n&#5;&#5;&#5;C T\n</UNKNOWN>\n" +
		"<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n<AUTHOR>    by Janie Gabbett, Reuters</AUTHOR>\n" +
		"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in\nthe Bahia cocoa zone, said Comissaria Smith, a unit of &lt;Smith Corp>.\n" +
		"    Prices rose to 340 cruzados in S\xe3o Paulo.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n" +
		`<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5573" NEWID="8">` + "\n" +
		"<DATE>  3-MAR-1987 00:43:42.82</DATE>\n<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>ASSETS OF MONEY MARKET FUNDS ROSE 720.4 MLN DLRS\n</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>\n</REUTERS>\n")
}

// collect reads paths with ReadFileOptions and returns the articles and the
// bad-record errors.
func collect(t testing.TB, opts ReadOptions, paths ...string) ([]Article, []string) {
	t.Helper()
	var arts []Article
	var bad []string
	files, err := Walk(paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		err := ReadFileOptions(t.Context(), f, opts, func(a Article) error {
			arts = append(arts, a)
			return nil
		}, func(err error) { bad = append(bad, err.Error()) })
		if err != nil {
			t.Fatal(err)
		}
	}
	return arts, bad
}

func titles(arts []Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	sort.Strings(out)
	return out
}
