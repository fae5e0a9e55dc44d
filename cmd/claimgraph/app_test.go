package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/internal/testpg"
)

var update = flag.Bool("update", false, "rewrite golden files and expected query results")

// run runs the CLI in-process with arguments and returns its output.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := newApp(&out, &errb).Run(append([]string{"claimgraph"}, args...))
	return out.String(), errb.String(), err
}

const reference = "../../examples/articles/nato-north-korea.txt"

// TestExtractGolden compares the extract object of the reference article
// with testdata/nato-north-korea.extract.json; -update rewrites it, so a
// change in extraction shows up as a readable diff.
func TestExtractGolden(t *testing.T) {
	out, stderr, err := run(t, "extract", reference)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	golden := filepath.Join("testdata", "nato-north-korea.extract.json")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/claimgraph -run Golden -update)", err)
	}
	if out != string(want) {
		t.Errorf("extract output differs from %s (go test ./cmd/claimgraph -run Golden -update, then git diff)", golden)
	}
	// Offsets are byte offsets into the input as given.
	text, _ := os.ReadFile(reference)
	var doc struct {
		Entities []struct {
			Mentions []struct {
				Text       string
				Start, End int
			}
		}
		Claims []struct {
			Content struct {
				Text       string
				Start, End int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if string(text[m.Start:m.End]) != m.Text {
				t.Errorf("mention %q at [%d,%d) reads %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
	for _, c := range doc.Claims {
		if string(text[c.Content.Start:c.Content.End]) != c.Content.Text {
			t.Errorf("claim content %q does not match its offsets", c.Content.Text)
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	in := `{"id": "b", "text": "Officials said the bridge had collapsed."}
{"id": "a", "text": "Acme Corp denied that it had cut jobs.", "title": "Acme"}
`
	f := filepath.Join(t.TempDir(), "in.jsonl")
	os.WriteFile(f, []byte(in), 0o644)
	out, stderr, err := run(t, "extract", "--format", "jsonl", f)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"id":"b"`) || !strings.HasPrefix(lines[1], `{"id":"a"`) {
		t.Fatalf("want ids b, a in input order, got:\n%s", out)
	}
	if !strings.Contains(lines[1], `"stance":"deny"`) {
		t.Errorf("want a denial in line 2: %s", lines[1])
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\": 1, \"text\": \"Fine text, officials said.\"}\nnot json\n{\"id\": 3}\n"), 0o644)
	out, stderr, err := run(t, "extract", "--format", "jsonl", bad)
	if err == nil {
		t.Fatal("want an error for bad records")
	}
	if !strings.Contains(stderr, bad+": record 2: bad JSON") || !strings.Contains(stderr, bad+": record 3: no \"text\"") {
		t.Errorf("errors must name the file and record:\n%s", stderr)
	}
	if !strings.HasPrefix(out, `{"id":"1"`) {
		t.Errorf("the good record must still be extracted:\n%s", out)
	}
	if _, _, err := run(t, "extract", filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: got %v", err)
	}
	if _, _, err := run(t, "extract", "--format", "xml", bad); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("bad format: got %v", err)
	}
}

func statsJSON(t *testing.T, db string) Stats {
	t.Helper()
	out, stderr, err := run(t, "--db", db, "stats", "--json")
	if err != nil {
		t.Fatalf("stats: %v\n%s", err, stderr)
	}
	var s Stats
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats output: %v\n%s", err, out)
	}
	return s
}

// TestIngestQuery ingests the examples into a fresh embedded store, checks
// that a second ingest adds nothing, and runs every example query against
// its expected result (examples/queries/*.expected.json; -update rewrites).
func TestIngestQuery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	out, stderr, err := run(t, "--db", db, "ingest", "../../examples/articles")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "ingested 1 articles (0 already stored)") {
		t.Errorf("summary: %s", out)
	}
	s1 := statsJSON(t, db)
	if s1.Articles != 1 || s1.Entities["PERSON"] < 3 || s1.Claims["deny"] < 2 || s1.Contested < 1 || s1.Quads == 0 {
		t.Errorf("stats after ingest: %+v", s1)
	}
	out, _, err = run(t, "--db", db, "ingest", "../../examples/articles")
	if err != nil || !strings.HasPrefix(out, "ingested 0 articles (1 already stored)") {
		t.Errorf("re-ingest: %v %s", err, out)
	}
	if s2 := statsJSON(t, db); s2.Quads != s1.Quads {
		t.Errorf("re-ingest changed the quad count: %d -> %d", s1.Quads, s2.Quads)
	}

	queries, _ := filepath.Glob("../../examples/queries/*.js")
	if len(queries) < 5 {
		t.Fatalf("want at least 5 example queries, found %d", len(queries))
	}
	for _, q := range queries {
		name := strings.TrimSuffix(filepath.Base(q), ".js")
		t.Run(name, func(t *testing.T) {
			out, stderr, err := run(t, "--db", db, "query", "--limit", "1000", q)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			got := canonical(t, out)
			if len(got) == 0 {
				t.Fatalf("no results")
			}
			exp := strings.TrimSuffix(q, ".js") + ".expected.json"
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				os.WriteFile(exp, append(b, '\n'), 0o644)
			}
			b, err := os.ReadFile(exp)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/claimgraph -run IngestQuery -update)", err)
			}
			var want []string
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("results differ from %s:\ngot:\n%s", exp, strings.Join(got, "\n"))
			}
		})
	}
}

// canonical turns query results into sorted JSON lines, so result order
// does not matter.
func canonical(t *testing.T, out string) []string {
	var res []map[string]interface{}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("query output is not a JSON array of objects: %v\n%s", err, out)
	}
	var lines []string
	seen := map[string]bool{}
	for _, r := range res {
		b, _ := json.Marshal(r)
		if !seen[string(b)] {
			seen[string(b)] = true
			lines = append(lines, string(b))
		}
	}
	sort.Strings(lines)
	return lines
}

func TestQueryErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	if _, _, err := run(t, "--db", db, "ingest", reference); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "--db", db, "query", `g.V(.all()`); err == nil {
		t.Error("malformed query: want an error")
	}
	if _, _, err := run(t, "--db", db, "query", "--timeout", "200ms", `while (true) {}`); err == nil {
		t.Error("endless query: want a timeout error")
	}
	if _, _, err := run(t, "--db", db, "ingest"); err == nil {
		t.Error("ingest with no paths: want an error")
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"ingest", "extract", "query", "stats"} {
		out, _, err := run(t, cmd, "--help")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Example") || !strings.Contains(out, "claimgraph") {
			t.Errorf("%s --help has no example:\n%s", cmd, out)
		}
	}
}

// TestIngestPostgres runs the main job on the PostgreSQL backend of a real
// server: ingest, re-ingest adds nothing, an example query answers.
func TestIngestPostgres(t *testing.T) {
	db := testpg.URL(t)
	out, stderr, err := run(t, "--backend", "postgres", "--db", db, "ingest", "../../examples/articles")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "ingested 1 articles") {
		t.Errorf("summary: %s", out)
	}
	st := func() Stats {
		out, stderr, err := run(t, "--backend", "postgres", "--db", db, "stats", "--json")
		if err != nil {
			t.Fatalf("stats: %v\n%s", err, stderr)
		}
		var s Stats
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s1 := st()
	if s1.Articles != 1 || s1.Quads == 0 || s1.Contested < 1 {
		t.Fatalf("stats: %+v", s1)
	}
	if _, _, err := run(t, "--backend", "postgres", "--db", db, "ingest", "../../examples/articles"); err != nil {
		t.Fatal(err)
	}
	if s2 := st(); s2.Quads != s1.Quads {
		t.Fatalf("re-ingest changed the quad count: %d -> %d", s1.Quads, s2.Quads)
	}
	out, _, err = run(t, "--backend", "postgres", "--db", db, "query", "../../examples/queries/denials.js")
	if err != nil || !strings.Contains(out, "ent:org/kremlin") || !strings.Contains(out, "dismiss") {
		t.Fatalf("query: %v\n%s", err, out)
	}
}

// TestMainJobBinary builds the claimgraph binary and runs the README's main
// job with it: ingest the examples into a fresh embedded store, then the
// contested query.
func TestMainJobBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "claimgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	out, err := exec.Command(bin, "--db", db, "ingest", "../../examples/articles").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "ingested 1 articles") {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "--db", db, "query", "../../examples/queries/contested.js").CombinedOutput()
	if err != nil {
		t.Fatalf("query: %v\n%s", err, out)
	}
	for _, want := range []string{`"stance": "deny"`, `"stance": "affirm"`, `"claimant": "Kremlin"`, `"claimant": "Mark Rutte"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("contested query output lacks %s:\n%s", want, out)
		}
	}
}
