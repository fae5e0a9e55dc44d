package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Tests of `claimgraph ingest`: every format end to end, re-ingest,
// duplicates across files, bad records and exit status, progress output,
// and resuming after kill -9.

func writeTestFile(t testing.TB, dir, name string, b []byte) string {
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

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// openRO opens a store for checks. (Not read-only: a badger store left
// by a killed process must replay its log, as the next writer would.)
func openRO(t testing.TB, db string) *graph.Store {
	t.Helper()
	schema.Register()
	st, err := graph.Open(context.Background(), graph.Config{Path: db, MaxQueryLimit: 1 << 22})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// dump returns a summary of the store that two stores holding the same
// quads share (and that differs when an article, a claim, an entity
// mention or a source is missing or extra): the article IRIs with their
// hash and sources, the claims with their article, the entities with the
// articles mentioning them, all sorted; and the store's quad count. (A
// full scan with Gizmo, g.V().Out(null), is too slow on some stores.)
func dump(t testing.TB, db string) ([]string, int64) {
	t.Helper()
	st := openRO(t, db)
	n, err := st.QuadCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range []string{
		`g.V("<cg:Article>").In("<rdf:type>").Tag("s").Out("<cg:hash>").all()`,
		`g.V("<cg:Article>").In("<rdf:type>").Tag("s").Out("<cg:foundIn>").all()`,
		`g.V("<cg:Article>").In("<rdf:type>").Tag("s").Out("<cg:mentions>").all()`,
		`g.V("<cg:Claim>").In("<rdf:type>").Tag("s").Out("<cg:article>").all()`,
		`g.V("<cg:Article>").In("<rdf:type>").In("<cg:mentionedIn>").Tag("s").Out("<cg:name>").all()`,
	} {
		res, err := st.Query(context.Background(), "gizmo", q, 1<<22)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			m := r.(map[string]interface{})
			b, _ := json.Marshal([]interface{}{q[:20], m["s"], m["id"]})
			out = append(out, string(b))
		}
	}
	sort.Strings(out)
	st.Close()
	return out, n
}

func quadCount(t testing.TB, db string) int64 {
	t.Helper()
	st := openRO(t, db)
	n, err := st.QuadCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return n
}

func query(t testing.TB, db, q string) []map[string]interface{} {
	t.Helper()
	st := openRO(t, db)
	res, err := st.Query(context.Background(), "gizmo", q, 100000)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	var out []map[string]interface{}
	for _, r := range res {
		out = append(out, r.(map[string]interface{}))
	}
	return out
}

const testPage = `<!DOCTYPE html><html><head><title>Council approves harbour plan | City News</title>
<link rel="canonical" href="https://citynews.example/harbour-plan">
<meta property="article:published_time" content="2024-03-04T09:30:00Z"><meta name="author" content="Ana Lopes"></head>
<body><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">This site uses cookies. Accept?</div>
<article><h1>Council approves harbour plan</h1>
<p>The city council approved on Monday a plan to rebuild the old harbour, ending a dispute that had lasted almost a decade.</p>
<p>Mayor Ana Costa said the project would create two thousand jobs and bring new life to the waterfront district.</p>
<p>Critics argued that the cost was far higher than the council had admitted, and that residents had not been consulted.</p>
<p>Construction is expected to begin next spring, according to the council's planning department.</p></article>
<aside class="related"><h3>Related</h3><a href="/1">Storm hits coast</a></aside><footer>All rights reserved</footer></body></html>`

func warcOf(uri string, page []byte) []byte {
	httpBlock := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(page), page)
	return []byte(fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:11111111-1111-4111-8111-111111111111>\r\n"+
		"WARC-Date: 2024-03-04T10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"+
		"Content-Length: %d\r\n\r\n%s\r\n\r\n", uri, len(httpBlock), httpBlock))
}

// formatsDir writes one article in every format (the same stories as
// cmd/claimgraph's golden tests use nowhere else).
func formatsDir(t testing.TB) string {
	dir := t.TempDir()
	writeTestFile(t, dir, "a.txt", []byte("Minister denies troop report\n\nThe defence minister, John Smith, denied on Friday that troops had been sent to the border.\n"))
	writeTestFile(t, dir, "b.md", []byte("# Strike ends\n\nUnion leader Maria Rossi said the strike at the port had ended after talks.\n"))
	writeTestFile(t, dir, "c.html", []byte(testPage))
	writeTestFile(t, dir, "d.jsonl", []byte(`{"id": "j1", "title": "Bank raises rates", "text": "The central bank raised interest rates on Tuesday, its governor said.", "date": "2024-02-01", "source": "Wire"}`+"\n"))
	writeTestFile(t, dir, "e.csv", []byte("id,title,text\nc1,Talks collapse,\"Negotiators said the talks had collapsed, officials in Geneva confirmed.\"\n"))
	writeTestFile(t, dir, "f.sgm", []byte(`<REUTERS TOPICS="YES" NEWID="42"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT>&#2;
<TITLE>COCOA PRICES RISE</TITLE><BODY>Cocoa prices rose sharply on Thursday, traders in London said, citing &lt;Acme> reports.
 Reuter
&#3;</BODY></TEXT></REUTERS>
`))
	writeTestFile(t, dir, "g.warc.gz", gz(t, warcOf("https://news.example/minister-resigns", []byte(strings.ReplaceAll(testPage, "harbour", "airport")))))
	writeTestFile(t, dir, "h.jsonl.gz", gz(t, []byte(`{"id": "z1", "text": "Police said the fire had been started deliberately."}`+"\n")))
	return dir
}

func TestIngestFormats(t *testing.T) {
	dir := formatsDir(t)
	db := filepath.Join(t.TempDir(), "cg.db")
	out, stderr, err := run(t, "--db", db, "ingest", dir)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "ingested 8 articles (0 already stored), ") || !strings.Contains(out, " quads in ") {
		t.Errorf("summary: %s%s", out, stderr)
	}
	_, n1 := dump(t, db)
	arts := query(t, db, `g.V("<cg:Article>").In("<rdf:type>").SaveOpt("<cg:title>", "title").SaveOpt("<cg:date>", "date").all()`)
	var got []string
	for _, a := range arts {
		got = append(got, fmt.Sprintf("%v|%v", a["title"], a["date"]))
	}
	sort.Strings(got)
	want := []string{"# Strike ends|<nil>", "<nil>|<nil>", "Bank raises rates|2024-02-01", "COCOA PRICES RISE|1987-02-26T15:01:01.79",
		"Council approves airport plan|2024-03-04T09:30:00Z", "Council approves harbour plan|2024-03-04T09:30:00Z",
		"Minister denies troop report|<nil>", "Talks collapse|<nil>"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// HTML metadata on the article node
	html := query(t, db, `g.V("https://citynews.example/harbour-plan").In("<cg:url>").Save("<cg:author>", "author").Save("<cg:text>", "text").all()`)
	if len(html) != 1 || html[0]["author"] != "Ana Lopes" || strings.Contains(fmt.Sprint(html[0]["text"]), "cookies") {
		t.Errorf("HTML article: %v", html)
	}
	// again: nothing added
	out, stderr, err = run(t, "--db", db, "ingest", dir)
	if err != nil || !strings.HasPrefix(out, "ingested 0 articles (8 already stored), 0 entities, 0 claims, 0 relations, 0 quads") {
		t.Errorf("re-ingest: %v %s%s", err, out, stderr)
	}
	if _, n2 := dump(t, db); n2 != n1 {
		t.Errorf("re-ingest changed the quad count: %d -> %d", n1, n2)
	}
}

func TestIngestDuplicatesAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	story := "Officials said the bridge over the river had collapsed on Monday, the mayor confirmed."
	a := writeTestFile(t, dir, "a.txt", []byte("Bridge collapses\n\n"+story+"\n"))
	b := writeTestFile(t, dir, "b.jsonl", []byte(fmt.Sprintf(`{"id": "wire-7", "url": "https://wire.example/7", "text": %q}`+"\n",
		"BRIDGE COLLAPSES\n"+strings.ReplaceAll(story, " ", "  "))))
	c := writeTestFile(t, dir, "copy/c.txt", []byte("Bridge collapses\n\n"+story+"\n"))
	db := filepath.Join(t.TempDir(), "cg.db")
	out, stderr, err := run(t, "--db", db, "ingest", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "ingested 1 articles (0 already stored)") || !strings.Contains(out, "2 duplicates") {
		t.Errorf("summary: %s", out)
	}
	res := query(t, db, `g.V("<cg:Article>").In("<rdf:type>").Out("<cg:foundIn>").all()`)
	var srcs []string
	for _, r := range res {
		srcs = append(srcs, fmt.Sprint(r["id"]))
	}
	sort.Strings(srcs)
	want := []string{mustAbs(t, b) + "#1", mustAbs(t, a), mustAbs(t, c), "https://wire.example/7"}
	sort.Strings(want)
	if strings.Join(srcs, "\n") != strings.Join(want, "\n") {
		t.Errorf("sources:\n%s\nwant\n%s", strings.Join(srcs, "\n"), strings.Join(want, "\n"))
	}
	_, n1 := dump(t, db)
	out, _, err = run(t, "--db", db, "ingest", dir)
	if _, n2 := dump(t, db); err != nil || n2 != n1 || !strings.HasPrefix(out, "ingested 0 articles (3 already stored)") {
		t.Errorf("re-ingest: %v %s, quads %d -> %d", err, out, n1, n2)
	}
}

// An entity named in several articles is described (type, name) once, in
// the default graph, whether its articles come in one transaction or in
// several and whether the writer remembers it or cayley finds it stored;
// an article's export still carries the descriptions of its entities.
func TestIngestEntityDescribedOnce(t *testing.T) {
	dir := t.TempDir()
	for i, s := range []string{
		"Chancellor Olaf Scholz said on Monday that Germany would send more air defence systems.",
		"Olaf Scholz said the budget would be balanced next year, officials in Berlin confirmed.",
		"The opposition said Olaf Scholz had misled parliament about the budget.",
	} {
		writeTestFile(t, dir, fmt.Sprintf("%d.txt", i), []byte(fmt.Sprintf("Story %d\n\n%s\n", i, s)))
	}
	count := func(db string) (named, labelled int) {
		out, stderr, err := run(t, "--db", db, "export", "--quiet")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "/entity/person/olaf-scholz>") && strings.Contains(l, "#name>") {
				named++
				if strings.Count(l, "<") > 3 {
					labelled++
				}
			}
		}
		return named, labelled
	}
	for _, batch := range []string{"1", "100"} {
		db := filepath.Join(t.TempDir(), "cg.db")
		out, stderr, err := run(t, "--db", db, "ingest", "--quiet", "--batch-articles", batch, dir)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if want := fmt.Sprintf(" %d quads in ", quadCount(t, db)); !strings.Contains(out, want) {
			t.Errorf("batches of %s: summary %q does not count the quads stored (%s)", batch, out, want)
		}
		if named, labelled := count(db); named != 1 || labelled != 0 {
			t.Errorf("batches of %s: %d name quads of Olaf Scholz (%d labelled), want 1 in the default graph", batch, named, labelled)
		}
		// a second run (a new writer, which remembers nothing) adds nothing
		n1 := quadCount(t, db)
		writeTestFile(t, dir, "3.txt", []byte("Story 3\n\nOlaf Scholz said the talks in Paris had gone well.\n"))
		if _, stderr, err := run(t, "--db", db, "ingest", "--quiet", dir); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if named, _ := count(db); named != 1 || quadCount(t, db) <= n1 {
			t.Errorf("batches of %s, second run: %d name quads, quads %d -> %d", batch, named, n1, quadCount(t, db))
		}
		os.Remove(filepath.Join(dir, "3.txt"))
		res := query(t, db, `g.V("<cg:Article>").In("<rdf:type>").all()`)
		art := strings.TrimSuffix(strings.TrimPrefix(fmt.Sprint(res[0]["id"]), "<art:"), ">")
		out, stderr, err = run(t, "--db", db, "export", "--quiet", "--article", art)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if !strings.Contains(out, `/entity/person/olaf-scholz> <https://claimgraph.org/ns#name> "Olaf Scholz" .`) {
			t.Errorf("export --article %s lacks the entity's name:\n%s", art, out)
		}
	}
}

// An article with more quads than a transaction holds is written in
// several (here: --batch-quads 20), and the store is the same as when it is
// written in one. A crash between them (simulated: the store holds every
// quad of the article but its rdf:type and cg:hash) is completed by a
// re-run under the same ID, to the same store.
func TestIngestArticleOverSeveralTransactions(t *testing.T) {
	dir := t.TempDir()
	f := writeTestFile(t, dir, "long.txt", []byte("Minister denies troop report\n\n"+
		"The defence minister, John Smith, denied on Friday that troops had been sent to the border. "+
		"Opposition leader Maria Rossi said the government had misled parliament about the deployment. "+
		"NATO officials in Brussels said they had seen no sign of troops near the border.\n"))
	ingestInto := func(db string, args ...string) string {
		out, stderr, err := run(t, append([]string{"--db", db, "ingest", "-q"}, append(args, f)...)...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		return out
	}
	ref := filepath.Join(t.TempDir(), "ref.db")
	ingestInto(ref)
	refDump, refN := dump(t, ref)
	if refN <= 40 {
		t.Fatalf("the article has %d quads: too few to need several transactions of 20", refN)
	}
	split := filepath.Join(t.TempDir(), "split.db")
	ingestInto(split, "--batch-quads", "20")
	if d, n := dump(t, split); n != refN || strings.Join(d, "\n") != strings.Join(refDump, "\n") {
		t.Errorf("written in transactions of 20: %d quads, want %d; dump:\n%s\nwant\n%s", n, refN, strings.Join(d, "\n"), strings.Join(refDump, "\n"))
	}

	// The state a crash before the last transaction leaves.
	st := openRO(t, ref)
	var partial []quad.Quad
	err := st.ReadQuads(context.Background(), graph.QuadFilter{}, func(q quad.Quad) error {
		if q.Predicate != schema.Hash && !(q.Predicate == schema.Type && q.Object == schema.Article) {
			partial = append(partial, q)
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	cst := openRO(t, crashed)
	if err := cst.WriteBatch(context.Background(), partial); err != nil {
		t.Fatal(err)
	}
	cst.Close()
	if n := quadCount(t, crashed); n != refN-2 {
		t.Fatalf("crashed store: %d quads, want %d", n, refN-2)
	}
	if out := ingestInto(crashed, "--batch-quads", "20"); !strings.HasPrefix(out, "ingested 1 articles (0 already stored)") {
		t.Errorf("re-run after the crash: %s", out)
	}
	if d, n := dump(t, crashed); n != refN || strings.Join(d, "\n") != strings.Join(refDump, "\n") {
		t.Errorf("after the re-run: %d quads, want %d; dump:\n%s\nwant\n%s", n, refN, strings.Join(d, "\n"), strings.Join(refDump, "\n"))
	}
}

func mustAbs(t testing.TB, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestIngestBadRecords(t *testing.T) {
	dir := t.TempDir()
	p := writeTestFile(t, dir, "mixed.jsonl", []byte(`{"id": "1", "text": "Officials said the first bridge had collapsed."}
not json
{"id": "3", "text": "Officials said the second bridge had collapsed."}
{"id": "4"}
{"id": "5", "text": "Officials said the third bridge had collapsed."}
`))
	csv := writeTestFile(t, dir, "rows.csv", []byte("id,text\nr1,Police said the fire was deliberate.\nr2\n"))
	db := filepath.Join(t.TempDir(), "cg.db")
	out, stderr, err := run(t, "--db", db, "ingest", dir)
	if err == nil || !strings.Contains(err.Error(), "3 record(s)") {
		t.Errorf("want an error counting 3 failed records, got %v", err)
	}
	for _, w := range []string{p + ": record 2: bad JSON", p + `: record 4: no "text" field`, csv + ": record 2 (line 3): 1 fields"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if !strings.HasPrefix(out, "ingested 4 articles (0 already stored)") || !strings.Contains(out, "3 failed") {
		t.Errorf("summary: %s", out)
	}
	// --strict stops at the first bad record, keeping what came before
	db2 := filepath.Join(t.TempDir(), "cg.db")
	out, _, err = run(t, "--db", db2, "ingest", "--strict", p)
	if err == nil || !strings.Contains(err.Error(), "record 2") || !strings.HasPrefix(out, "ingested 1 articles") {
		t.Errorf("strict: %v %s", err, out)
	}
	// an unknown format, a missing file
	if _, _, err := run(t, "--db", db2, "ingest", "--format", "xml", p); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("--format xml: %v", err)
	}
	if _, _, err := run(t, "--db", db2, "ingest", filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
}

func TestIngestFieldFlagsAndStdin(t *testing.T) {
	dir := t.TempDir()
	p := writeTestFile(t, dir, "feed.txt", []byte(`{"key": "k1", "story": "The minister said the budget would be cut.", "hed": "Budget cut", "when": "2023-05-06"}`+"\n"))
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	db := filepath.Join(t.TempDir(), "cg.db")
	out, stderr, err := run(t, "--db", db, "ingest", "--format", "jsonl", "--text-field", "story", "--id-field", "key",
		"--title-field", "hed", "--date-field", "when", "-")
	if err != nil || !strings.HasPrefix(out, "ingested 1 articles") {
		t.Fatalf("%v %s %s", err, out, stderr)
	}
	res := query(t, db, `g.V("<art:k1>").Save("<cg:title>", "title").Save("<cg:date>", "date").all()`)
	if len(res) != 1 || res[0]["title"] != "Budget cut" || res[0]["date"] != "2023-05-06" {
		t.Errorf("article k1: %v", res)
	}
}

func TestIngestProgress(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, `{"id": "p%d", "text": "Officials in town %d said the bridge had collapsed on Monday."}`+"\n", i, i)
	}
	p := writeTestFile(t, dir, "many.jsonl", []byte(b.String()))
	db := filepath.Join(t.TempDir(), "cg.db")
	_, stderr, err := run(t, "--db", db, "ingest", "--progress-every", "1ms", "--batch-articles", "2", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "articles/s") || !strings.Contains(stderr, "% of input") {
		t.Errorf("no progress lines on a non-terminal:\n%s", stderr)
	}
	db = filepath.Join(t.TempDir(), "cg.db")
	_, stderr, err = run(t, "--db", db, "ingest", "--quiet", "--progress-every", "1ms", p)
	if err != nil || stderr != "" {
		t.Errorf("--quiet: %v %q", err, stderr)
	}
}

// buildClaimgraph builds the claimgraph binary (once per test run).
func buildClaimgraph(t *testing.T) string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build claimgraph with")
		}
	}
	bin := filepath.Join(t.TempDir(), "claimgraph")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killArchive writes an archive for the kill -9 test: a few hundred short
// articles in JSON Lines, text and CSV files, with texts repeated across
// files.
func killArchive(t *testing.T) string {
	dir := t.TempDir()
	people := []string{"Mark Rutte", "Maria Rossi", "John Smith", "Ana Costa", "Li Wei", "Olaf Berg"}
	orgs := []string{"NATO", "the United Nations", "the European Union", "Reuters", "the central bank"}
	places := []string{"Russia", "Ukraine", "North Korea", "France", "Brazil", "Japan", "Kenya"}
	story := func(i int) string {
		p, o, pl := people[i%len(people)], orgs[i%len(orgs)], places[i%len(places)]
		return fmt.Sprintf("%s said on day %d that %s had sent troops to %s. %s denied the report, calling it false. "+
			"Officials in %s said %d people were evacuated, according to %s.", p, i, pl, places[(i+1)%len(places)], o, pl, i*3, o)
	}
	var jl strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&jl, `{"id": "k%d", "title": "Report %d", "text": %q}`+"\n", i, i, story(i))
	}
	writeTestFile(t, dir, "a.jsonl", []byte(jl.String()))
	for i := 200; i < 300; i++ {
		writeTestFile(t, dir, fmt.Sprintf("texts/%03d.txt", i), []byte(fmt.Sprintf("Report %d\n\n%s\n", i, story(i))))
	}
	var cv strings.Builder
	cv.WriteString("id,title,text\n")
	for i := 300; i < 380; i++ {
		fmt.Fprintf(&cv, "c%d,Report %d,\"%s\"\n", i, i, story(i))
	}
	for i := 0; i < 20; i++ { // copies of earlier texts
		fmt.Fprintf(&cv, "dup%d,Copy %d,\"%s\"\n", i, i, story(i*9))
	}
	writeTestFile(t, dir, "b.csv", []byte(cv.String()))
	return dir
}

// TestIngestKill9Resume kills a real `claimgraph ingest` process with
// SIGKILL at several moments, runs it again until it finishes, and checks
// that the store holds exactly what an uninterrupted run stores: with the
// bulk load of a fresh store (a killed load leaves a store that Open
// refuses until a re-run has loaded it again), and with --no-bulk (each
// kill keeps the transactions committed before it).
func TestIngestKill9Resume(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildClaimgraph(t)
	dir := killArchive(t)
	for _, mode := range []string{"bulk", "no-bulk"} {
		t.Run(mode, func(t *testing.T) { testKill9Resume(t, bin, dir, mode == "bulk") })
	}
}

func testKill9Resume(t *testing.T, bin, dir string, bulk bool) {
	args := func(db string) []string {
		a := []string{"--db", db, "ingest", "--workers", "2", "--batch-articles", "3", "--progress-every", "10ms"}
		if !bulk {
			a = append(a, "--no-bulk")
		}
		return append(a, dir)
	}
	// the uninterrupted run (bulk loaded or not: the same quads)
	ref := filepath.Join(t.TempDir(), "ref.db")
	start := time.Now()
	out, err := exec.Command(bin, args(ref)...).Output()
	if err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	full := time.Since(start)
	if !strings.HasPrefix(string(out), "ingested 380 articles (0 already stored)") || !strings.Contains(string(out), "20 duplicates") {
		t.Fatalf("reference run: %s", out)
	}
	t0 := time.Now()
	refQuads, refCount := dump(t, ref)
	t.Logf("reference run %v, dump %v", full.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))

	db := filepath.Join(t.TempDir(), "killed.db")
	kills := 0
	// Kill when the run has stored about 15%, 45% and 75% of the archive
	// (watching its progress lines), or after a time.
	for _, frac := range []float64{0.15, 0.45, 0.75} {
		cmd := exec.Command(bin, args(db)...)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		killed := make(chan struct{})
		go func() {
			defer close(killed)
			sc := bufio.NewScanner(stderr)
			deadline := time.After(time.Duration(float64(full) * (frac + 0.3)))
			lines := make(chan string)
			go func() {
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			for {
				select {
				case l, ok := <-lines:
					if !ok {
						return
					}
					var n, fresh int
					if _, err := fmt.Sscanf(l, "claimgraph: %d articles (%d new)", &n, &fresh); err == nil && float64(n) >= frac*400 {
						cmd.Process.Signal(syscall.SIGKILL)
						for range lines {
						}
						return
					}
				case <-deadline:
					cmd.Process.Signal(syscall.SIGKILL)
					for range lines {
					}
					return
				}
			}
		}()
		<-killed
		err = cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signaled() {
			kills++
		}
		if bulk {
			// Killed in the middle of the load, or (once) after it.
			st, err := graph.Open(context.Background(), graph.Config{Path: db, ReadOnly: true})
			if err == nil {
				n, _ := st.QuadCount(context.Background())
				st.Close()
				t.Logf("killed near %.0f%%: the load had finished (%d quads)", 100*frac, n)
				continue
			}
			if !errors.Is(err, graph.ErrBulkIncomplete) {
				t.Fatalf("after a kill: %v, want graph.ErrBulkIncomplete", err)
			}
			t.Logf("killed near %.0f%%: bulk load incomplete, the store is refused", 100*frac)
			continue
		}
		n := quadCount(t, db)
		if n > refCount {
			t.Fatalf("after a kill the store has %d quads, more than the %d of a whole run", n, refCount)
		}
		t.Logf("killed near %.0f%%: %d of %d quads stored", 100*frac, n, refCount)
	}
	if kills == 0 {
		t.Fatal("no run was killed (all finished first)")
	}
	t0 = time.Now()
	out, err = exec.Command(bin, args(db)...).Output()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	t.Logf("final run %v: %s", time.Since(t0).Round(time.Millisecond), out)
	if !strings.HasPrefix(string(out), "ingested ") {
		t.Errorf("final run: %s", out)
	}
	if d := os.Getenv("CLAIMGRAPH_KEEP_KILLED_DB"); d != "" {
		exec.Command("cp", "-r", db, d).Run()
		exec.Command("cp", "-r", ref, d+".ref").Run()
	}
	t0 = time.Now()
	quads, count := dump(t, db)
	t.Logf("dump of the resumed store %v", time.Since(t0).Round(time.Millisecond))
	if count != refCount || len(quads) != len(refQuads) {
		t.Errorf("after %d kills and a final run: %d quads (%d distinct s,p,o), want %d (%d)", kills, count, len(quads), refCount, len(refQuads))
	}
	if strings.Join(quads, "\n") != strings.Join(refQuads, "\n") {
		t.Errorf("the resumed store differs from the uninterrupted run")
	}
	// and once more: nothing to do
	out, _ = exec.Command(bin, args(db)...).Output()
	if !strings.HasPrefix(string(out), "ingested 0 articles (400 already stored)") {
		t.Errorf("run after completion: %s", out)
	}
	t.Logf("%d kills; uninterrupted run %v, %d quads", kills, full.Round(time.Millisecond), refCount)
}
