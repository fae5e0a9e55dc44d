package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

func TestExportCommand(t *testing.T) {
	db := exampleDB(t)
	out, stderr, err := run(t, "--db", db, "export", "--format", "nquads")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "exported") {
		t.Errorf("summary: %s", stderr)
	}
	// every line parses with cayley's N-Quads reader, IRIs in full
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		q, err := nquads.Parse(line)
		if err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if !strings.HasPrefix(q.Predicate.String(), "<http") {
			t.Errorf("compact predicate: %s", line)
		}
		n++
	}
	// the whole reference article: ~290 quads (17 entities, 15 claims)
	if n < 250 || !strings.Contains(stderr, fmt.Sprintf("exported %d quads", n)) {
		t.Errorf("%d quads; summary: %s", n, stderr)
	}
	f := filepath.Join(t.TempDir(), "a.jsonld")
	if _, _, err := run(t, "--db", db, "export", "--format", "jsonld", "--article", "c372c201ad60cb5f", "--out", f, "-q"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(f)
	var doc interface{}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Errorf("jsonld: %v", err)
	}
	out, _, err = run(t, "--db", db, "export", "--format", "graphml", "--entity", "Rutte", "--hops", "1")
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil || !strings.Contains(out, "<graphml") {
		t.Errorf("graphml: %v", err)
	}
	out, _, err = run(t, "--db", db, "export", "--format", "dot", "--entity", "person/mark-rutte", "--hops", "0")
	if err != nil || !strings.HasPrefix(out, "digraph claimgraph {") || !bytes.Contains([]byte(out), []byte("Mark Rutte")) {
		t.Errorf("dot: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"export", "--format", "xml"},
		{"export", "--hops", "2"},
		{"export", "--article", "nope"},
		{"export", "--entity", "Rutte", "--hops", "9"},
		{"export", "--entity", "Rutte", "--article", "c372c201ad60cb5f"},
	} {
		if _, _, err := run(t, append([]string{"--db", db}, args...)...); err == nil {
			t.Errorf("%v: want an error", args)
		}
	}
}
