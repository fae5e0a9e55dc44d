package ingest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContentHashUnchanged(t *testing.T) {
	// The hash (and the IDs derived from it) of stored articles must not
	// change: compare with the original definition.
	old := func(text string) string {
		h := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
		return hex.EncodeToString(h[:])
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("aAbBzZ 09\t\n\r\u00a0\u2003ÉéİıßΣσς日本\x00\x85")
	cases := []string{"", " ", "Hello  World\n", "\n\nA\tb ", "ÉCOLE école", "İstanbul", "ΣΑΣ", "a\xffb \xfe", "x\u0085y"}
	for i := 0; i < 500; i++ {
		var b strings.Builder
		for j := rng.Intn(40); j > 0; j-- {
			b.WriteRune(alphabet[rng.Intn(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, want := ContentHash(c), old(c); got != want {
			t.Fatalf("ContentHash(%q) = %s, want %s", c, got, want)
		}
	}
	if ContentHash("Officials  said\nit") != ContentHash("officials said it ") {
		t.Error("white space and case must not change the hash")
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"": FormatAuto, "auto": FormatAuto, "JSONL": FormatJSONL, "ndjson": FormatJSONL,
		"csv": FormatCSV, "html": FormatHTML, "sgml": FormatSGML, "warc": FormatWARC, "txt": FormatText} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("ParseFormat(xml): %v", err)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.md", "c.html", "d.jsonl", "e.csv", "f.sgm", "g.warc.gz", "h.tar.gz",
		"i.zip", "j.jsonl.zst", "sub/k.htm", "notes.pdf", "image.png", "x.gz", ".hidden.txt", ".git/l.txt"} {
		writeFile(t, dir, n, []byte("x"))
	}
	files, err := Walk([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, strings.TrimPrefix(f, dir+string(filepath.Separator)))
	}
	want := "a.txt b.md c.html d.jsonl e.csv f.sgm g.warc.gz h.tar.gz i.zip j.jsonl.zst sub/k.htm"
	if strings.Join(got, " ") != want {
		t.Errorf("Walk = %v\nwant %s", got, want)
	}
	// a file named explicitly is taken whatever its name
	files, _ = Walk([]string{filepath.Join(dir, "notes.pdf"), "-"})
	if len(files) != 2 {
		t.Errorf("explicit files: %v", files)
	}
	if _, err := Walk([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("Walk of a missing path: want an error")
	}
}

func TestReadText(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte("\n  Minister denies report  \n\nThe minister denied it.\n"))
	writeFile(t, dir, "b.md", []byte("# Harbour plan approved\n\nThe council approved the plan.\n"))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 2 {
		t.Fatalf("articles %d, bad %v", len(arts), bad)
	}
	a := arts[0]
	if a.Title != "Minister denies report" || a.ID != DefaultID(a.Text) || a.Record != 0 || !strings.HasSuffix(a.File, "a.txt") {
		t.Errorf("text article: %+v", a)
	}
	if !filepath.IsAbs(a.Location) || !strings.HasSuffix(a.Location, "a.txt") {
		t.Errorf("location %q must be the absolute path", a.Location)
	}
	if arts[1].Title != "# Harbour plan approved" {
		t.Errorf("markdown title %q", arts[1].Title)
	}
}

func TestReadHTML(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "page.html", newsPage("Minister denies report on troop movements",
		"https://news.example.com/2024/05/minister-denies", storyMinister))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 1 {
		t.Fatalf("articles %d, bad %v", len(arts), bad)
	}
	a := arts[0]
	if a.Title != "Minister denies report on troop movements" {
		t.Errorf("title %q", a.Title)
	}
	if a.Date != "2024-05-03T10:00:00Z" || a.Author != "Lois Lane" || a.Source != "Daily Planet" {
		t.Errorf("metadata: date %q author %q source %q", a.Date, a.Author, a.Source)
	}
	if a.URL != "https://news.example.com/2024/05/minister-denies" || a.ID != URLID(a.URL) {
		t.Errorf("url %q id %q", a.URL, a.ID)
	}
	if !strings.HasPrefix(a.Text, a.Title+"\n") {
		t.Errorf("the text must start with the headline:\n%s", a.Text)
	}
	for _, want := range []string{"denied on Friday", "Mary Jones said", "satellite images"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("main text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, junk := range []string{"cookies", "cheap watches", "Related stories", "Storm hits", "All rights reserved", "Weather", "tracking"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("boilerplate %q kept:\n%s", junk, a.Text)
		}
	}
	if strings.Count(a.Text, "\n\n") < 3 {
		t.Errorf("paragraphs must stay apart:\n%s", a.Text)
	}
}

func TestReadHTMLCharset(t *testing.T) {
	dir := t.TempDir()
	page := strings.Replace(string(newsPage("Caf\xe9 owners protest", "https://x.example/cafe", storyHarbour)),
		`<meta charset="utf-8">`, `<meta charset="iso-8859-1">`, 1)
	writeFile(t, dir, "latin1.htm", []byte(page))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 1 || arts[0].Title != "Café owners protest" {
		t.Fatalf("articles %+v, bad %v", arts, bad)
	}
}

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.jsonl", []byte(`{"id": "n1", "title": "One", "text": "First story text.", "date": "2024-01-02", "url": "https://e.x/1", "source": "Wire", "author": "A. Writer"}
{"id": 2, "headline": "Two", "body": "Second story text."}

{"content": "Third story text.", "link": "https://e.x/3", "byline": ["Ann", "Bob"]}
{"id": "n4", "title": "Brief only", "text": ""}
`))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 4 {
		t.Fatalf("articles %d, bad %v", len(arts), bad)
	}
	a := arts[0]
	if a.ID != "n1" || a.Title != "One" || a.Date != "2024-01-02" || a.URL != "https://e.x/1" || a.Source != "Wire" ||
		a.Author != "A. Writer" || a.Record != 1 || !strings.HasSuffix(a.Location, "a.jsonl#1") {
		t.Errorf("record 1: %+v", a)
	}
	if arts[1].ID != "2" || arts[1].Title != "Two" || arts[1].Text != "Second story text." {
		t.Errorf("record 2: %+v", arts[1])
	}
	if arts[2].ID != URLID("https://e.x/3") || arts[2].Author != "Ann, Bob" || arts[2].Record != 4 {
		t.Errorf("record 4 (id from the URL): %+v", arts[2])
	}
	if arts[3].Text != "Brief only" {
		t.Errorf("a brief's text is its headline: %+v", arts[3])
	}
	// other field names
	writeFile(t, dir, "b.ndjson", []byte(`{"story": "Custom text.", "key": "k1", "hed": "Custom", "when": "2020"}`+"\n"))
	arts, bad = collect(t, ReadOptions{Fields: Fields{Text: []string{"story"}, ID: []string{"key"}, Title: []string{"hed"},
		Date: []string{"when"}}}, filepath.Join(dir, "b.ndjson"))
	if len(bad) > 0 || len(arts) != 1 || arts[0].ID != "k1" || arts[0].Title != "Custom" || arts[0].Date != "2020" {
		t.Errorf("--text-field etc.: %+v %v", arts, bad)
	}
	// a JSON array
	writeFile(t, dir, "c.json", []byte(`[{"id": "x", "text": "Array one."}, {"id": "y", "text": "Array two."}]`))
	arts, bad = collect(t, ReadOptions{}, filepath.Join(dir, "c.json"))
	if len(bad) > 0 || len(arts) != 2 || arts[1].ID != "y" || arts[1].Record != 2 {
		t.Errorf("JSON array: %+v %v", arts, bad)
	}
}

func TestReadCSV(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.csv", []byte("\ufeffID,Title,Text,Date,URL\n"+
		"c1,First,\"A story, with a comma\nand a second line.\",2024-02-03,https://e.x/c1\n"+
		"c2,Second,Plain story.,,\n"))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 2 {
		t.Fatalf("articles %d, bad %v", len(arts), bad)
	}
	if a := arts[0]; a.ID != "c1" || a.Title != "First" || a.Text != "A story, with a comma\nand a second line." ||
		a.Date != "2024-02-03" || a.URL != "https://e.x/c1" || a.Record != 1 {
		t.Errorf("row 1: %+v", a)
	}
	if a := arts[1]; a.ID != "c2" || a.Record != 2 || a.URL != "" {
		t.Errorf("row 2: %+v", a)
	}
	writeFile(t, dir, "b.csv", []byte("headline,story\nH,Story text.\n"))
	arts, bad = collect(t, ReadOptions{Fields: Fields{Text: []string{"story"}}}, filepath.Join(dir, "b.csv"))
	if len(bad) > 0 || len(arts) != 1 || arts[0].Title != "H" {
		t.Errorf("--text-field story: %+v %v", arts, bad)
	}
}

func TestReadSGML(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "reut2-000.sgm", sgmlFixture())
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 2 {
		t.Fatalf("articles %d, bad %v", len(arts), bad)
	}
	a := arts[0]
	if a.ID != "reuters21578-7" || a.Title != "BAHIA COCOA REVIEW" || a.Date != "1987-02-26T15:01:01.79" ||
		a.Author != "Janie Gabbett" || a.Source != "Reuters" || a.Record != 1 {
		t.Errorf("record 1: %+v", a)
	}
	if !strings.Contains(a.Text, "a unit of <Smith Corp>.") || !strings.Contains(a.Text, "São Paulo") {
		t.Errorf("entities and Latin-1 must be decoded: %q", a.Text)
	}
	if strings.ContainsAny(a.Text, "\x02\x03\x05") || !strings.HasSuffix(a.Text, " Reuter\n") {
		t.Errorf("control characters must go: %q", a.Text)
	}
	b := arts[1]
	if b.ID != "reuters21578-8" || b.Text != b.Title || b.Title != "ASSETS OF MONEY MARKET FUNDS ROSE 720.4 MLN DLRS" ||
		b.Date != "1987-03-03T00:43:42.82" || b.Record != 2 {
		t.Errorf("brief: %+v", b)
	}
}

// TestReadSGMLReal reads reut2-000.sgm of the corpus (when present) and
// checks it against reuters21578.jsonl, the same stories converted by
// others: same IDs, same text, same headline.
func TestReadSGMLReal(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "reuters21578")
	sgm := filepath.Join(dir, "sgml", "reut2-000.sgm")
	if _, err := os.Stat(sgm); err != nil {
		t.Skipf("Reuters-21578 not found at %s (the corpus lives in ../shared/data)", sgm)
	}
	arts, bad := collect(t, ReadOptions{}, sgm)
	if len(bad) > 0 || len(arts) != 1000 {
		t.Fatalf("reut2-000.sgm: %d articles (want 1000), bad %v", len(arts), bad)
	}
	f, err := os.Open(filepath.Join(dir, "reuters21578.jsonl"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	want := map[string]struct{ Title, Text, Type string }{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(want) < 1000 {
		var r struct {
			ID, Title, Text string
			Type            string `json:"text_type"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		want[r.ID] = struct{ Title, Text, Type string }{r.Title, r.Text, r.Type}
	}
	same := 0
	for _, a := range arts {
		w, ok := want[a.ID]
		if !ok {
			t.Fatalf("%s: id %s is not in reuters21578.jsonl", a.Where(), a.ID)
		}
		if w.Type == "NORM" {
			if a.Text == w.Text {
				same++
			}
			if a.Title != collapse(w.Title) {
				t.Errorf("%s: title %q, want %q", a.Where(), a.Title, w.Title)
			}
		}
		if strings.ContainsAny(a.Text, "\x01\x02\x03\x05\x1f\x7f") || strings.Contains(a.Text, "&lt;") {
			t.Errorf("%s: undecoded text %q", a.Where(), a.Text[:min(80, len(a.Text))])
		}
	}
	if same < 900 {
		t.Errorf("only %d of the stories have the text of reuters21578.jsonl", same)
	}
}

func TestReadWARC(t *testing.T) {
	dir := t.TempDir()
	p1 := newsPage("Minister denies report", "https://news.example.com/minister", storyMinister)
	p2 := newsPage("Harbour plan approved", "", storyHarbour)
	writeFile(t, dir, "crawl.warc", warcFile(t, false, p1, p2))
	writeFile(t, dir, "crawl2.warc.gz", warcFile(t, true, p2))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 || len(arts) != 3 {
		t.Fatalf("articles %+v, bad %v", titles(arts), bad)
	}
	a := arts[0]
	if a.Title != "Minister denies report" || a.URL != "https://news.example.com/minister" || a.Record != 3 ||
		!strings.Contains(a.Text, "denied on Friday") || strings.Contains(a.Text, "cookies") {
		t.Errorf("page 1: %+v", a)
	}
	if b := arts[1]; b.URL != "https://news.example.com/page2" || b.Record != 4 {
		t.Errorf("page 2 (no canonical link: the target URI): %+v", b)
	}
	if c := arts[2]; c.Title != "Harbour plan approved" || !strings.HasSuffix(c.File, "crawl2.warc.gz") || c.Record != 3 {
		t.Errorf("warc.gz page: %+v", c)
	}
}

func TestReadContainers(t *testing.T) {
	dir := t.TempDir()
	jsonl := []byte(`{"id": "j1", "text": "Story in a jsonl file."}` + "\n" + `{"id": "j2", "text": "Another story."}` + "\n")
	inner := tarBytes(t,
		member{"docs/", nil},
		member{"docs/one.txt", []byte("Tar one\n\nText one.\n")},
		member{"docs/two.html", newsPage("Tar two", "https://e.x/two", storyHarbour)},
		member{"docs/feed.jsonl.gz", gzipBytes(t, jsonl)},
		member{"docs/nested.zip", zipBytes(t, member{"deep/three.md", []byte("Zip in tar\n\nText three.\n")})},
		member{"docs/README", []byte("not an article: no known extension")},
		member{"docs/.hidden.txt", []byte("hidden")},
	)
	writeFile(t, dir, "a.tar", inner)
	writeFile(t, dir, "b.tar.gz", gzipBytes(t, tarBytes(t, member{"x.txt", []byte("Targz\n\nText.\n")})))
	writeFile(t, dir, "c.tgz", gzipBytes(t, tarBytes(t, member{"y.txt", []byte("Tgz\n\nText.\n")})))
	writeFile(t, dir, "d.zip", zipBytes(t, member{"z.txt", []byte("Zip\n\nText.\n")},
		member{"w.warc", warcFile(t, false, newsPage("Zipped page", "", storyMinister))}))
	writeFile(t, dir, "e.txt.gz", gzipBytes(t, []byte("Gzipped\n\nText.\n")))
	writeFile(t, dir, "f.jsonl.zst", zstdBytes(t, []byte(`{"id": "z1", "title": "Zstd", "text": "Zstd text."}`+"\n")))
	writeFile(t, dir, "g.tar.zst", zstdBytes(t, tarBytes(t, member{"q.csv", []byte("id,title,text\nq1,Csv in tar.zst,Text.\n")})))
	arts, bad := collect(t, ReadOptions{}, dir)
	if len(bad) > 0 {
		t.Fatalf("bad: %v", bad)
	}
	got := strings.Join(titles(arts), "|")
	want := "|" + "|Csv in tar.zst|Gzipped|Tar one|Tar two|Targz|Tgz|Zip|Zip in tar|Zipped page|Zstd"
	// the two JSON Lines records have no title
	if got != want {
		t.Errorf("titles:\n got %s\nwant %s", got, want)
	}
	for _, a := range arts {
		if a.Title == "Zip in tar" && (!strings.HasSuffix(a.File, "a.tar!docs/nested.zip!deep/three.md") ||
			!strings.Contains(a.Location, "a.tar!docs/nested.zip!deep/three.md")) {
			t.Errorf("nested member names: %q %q", a.File, a.Location)
		}
		if a.ID == "j2" && (!strings.HasSuffix(a.Location, "a.tar!docs/feed.jsonl.gz#2") || a.Record != 2) {
			t.Errorf("record in a gzipped member: %q", a.Location)
		}
	}
}

func TestReadStdinAndFormatOverride(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in", gzipBytes(t, []byte(`{"id": "s1", "text": "From standard input."}`+"\n")))
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	arts, bad := collect(t, ReadOptions{}, "-")
	if len(bad) > 0 || len(arts) != 1 || arts[0].ID != "s1" || arts[0].File != "<stdin>" {
		t.Fatalf("stdin: %+v %v", arts, bad)
	}
	// --format: a .txt file that holds JSON Lines
	p := writeFile(t, dir, "records.txt", []byte(`{"id": "o1", "text": "Overridden."}`+"\n"))
	arts, _ = collect(t, ReadOptions{Format: FormatJSONL}, p)
	if len(arts) != 1 || arts[0].ID != "o1" {
		t.Errorf("--format jsonl: %+v", arts)
	}
	// content sniffing for a name that says nothing
	p = writeFile(t, dir, "page", newsPage("Sniffed page", "", storyHarbour))
	arts, _ = collect(t, ReadOptions{}, p)
	if len(arts) != 1 || arts[0].Title != "Sniffed page" {
		t.Errorf("sniffed HTML: %+v", titles(arts))
	}
}

// TestBadInput: a bad record of every format is reported with the file and
// record number (and the reason), and the good records around it are read.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		data []byte
		good int
		want []string // substrings of the errors
	}{
		{"bad.jsonl", []byte("{\"id\": 1, \"text\": \"Good.\"}\nnot json\n{\"id\": 3}\n{\"id\": 4, \"text\": {\"x\": 1}}\n[1]\n{\"id\": 6, \"text\": \"\"}\n"),
			1, []string{"bad.jsonl: record 2: bad JSON", `bad.jsonl: record 3: no "text" field`, `bad.jsonl: record 4: field "text": not a string`,
				"bad.jsonl: record 5: bad JSON: not an object", "bad.jsonl: record 6: empty article"}},
		{"bad.csv", []byte("id,text\n1,Good.\n2,\"unterminated\n"), 1, []string{"bad.csv: record 2 (line 3): bad CSV"}},
		{"short.csv", []byte("id,text\n1,Good.\n2\n3,Good again.\n"), 2, []string{"short.csv: record 2 (line 3): 1 fields, the header has 2"}},
		{"notext.csv", []byte("id,story\n1,Good.\n"), 0, []string{`notext.csv: header: no "text" column`}},
		{"bad.sgm", []byte(`<REUTERS NEWID="1"><DATE>1-JAN-1987</DATE><TEXT><TITLE>OK</TITLE><BODY>Good.</BODY></TEXT></REUTERS>` + "\n" +
			`<REUTERS OLDID="2"><TEXT><BODY>No id.</BODY></TEXT></REUTERS>` + "\n" +
			`<REUTERS NEWID="3"><DATE>x</DATE></REUTERS>` + "\n" +
			`<REUTERS NEWID="4"><TEXT><BODY>Truncated`), 1,
			[]string{"bad.sgm: record 2: <REUTERS> element without a NEWID", "bad.sgm: record 3: no <TEXT>", "bad.sgm: record 4: unterminated"}},
		{"empty.txt", []byte(" \n\n"), 0, []string{"empty.txt: empty article"}},
		{"binary.txt", []byte("abc\x00def"), 0, []string{"binary.txt: binary file"}},
		{"latin1.txt", []byte("caf\xe9"), 0, []string{"latin1.txt: not UTF-8"}},
		{"empty.html", []byte("<html><body><nav><a href='/'>Home</a></nav></body></html>"), 0, []string{"empty.html: no article text found"}},
		{"bad.warc", append(warcFile(t, false, newsPage("Good page", "", storyMinister)), warcRecord("response", "https://x.example/cut",
			"application/http; msgtype=response", httpResponse(200, "text/html", newsPage("Cut", "", storyHarbour)), 77)[:400]...),
			1, []string{"bad.warc: record 6: truncated record"}},
		{"notwarc.warc", []byte("hello, this is not a web archive"), 0, []string{"notwarc.warc: "}},
		{"bad.gz", []byte("not gzip at all"), 0, []string{"bad.gz: not a gzip file"}},
		{"trunc.tar.gz", gzipBytes(t, tarBytes(t, member{"a.txt", []byte("Good\n\nText.\n")}))[:40], 0, []string{"trunc.tar.gz: "}},
		{"bad.zip", []byte("PK\x03\x04 broken zip"), 0, []string{"bad.zip: zip"}},
		{"blob.bin", []byte{0x00, 0x01, 0x02, 0xff, 0xfe}, 0, []string{"blob.bin: not an article file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, c.name, c.data)
			arts, bad := collect(t, ReadOptions{}, p)
			if len(arts) != c.good {
				t.Errorf("%d good articles, want %d (bad: %v)", len(arts), c.good, bad)
			}
			if len(bad) != len(c.want) {
				t.Errorf("%d errors, want %d:\n%s", len(bad), len(c.want), strings.Join(bad, "\n"))
			}
			for _, w := range c.want {
				found := false
				for _, b := range bad {
					if strings.Contains(b, filepath.Join(dir, w[:strings.Index(w, ":")])+w[strings.Index(w, ":"):]) {
						found = true
					}
				}
				if !found {
					t.Errorf("no error %q in:\n%s", w, strings.Join(bad, "\n"))
				}
			}
		})
	}
	// a missing file
	_, bad := collect(t, ReadOptions{}, dir) // walk: the directory exists
	_ = bad
	var errs []string
	ReadFile(filepath.Join(dir, "missing.txt"), func(Article) error { return nil }, func(err error) { errs = append(errs, err.Error()) })
	if len(errs) != 1 || !strings.Contains(errs[0], "missing.txt") {
		t.Errorf("missing file: %v", errs)
	}
	// records larger than --max-bytes
	p := writeFile(t, dir, "big.jsonl", []byte(`{"id": "1", "text": "`+strings.Repeat("x", 300)+`"}`+"\n"+`{"id": "2", "text": "small"}`+"\n"))
	arts, bad := collect(t, ReadOptions{MaxBytes: 200}, p)
	if len(arts) != 1 || len(bad) != 1 || !strings.Contains(bad[0], "big.jsonl: record 1: record larger than the limit") {
		t.Errorf("max bytes: %d articles, %v", len(arts), bad)
	}
}
