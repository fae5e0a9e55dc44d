package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContestedAcrossArticles ingests two articles, one affirming and one
// denying the same proposition, in two runs, and checks that `contested`
// lists the group across them with both sides — and that a claim merely
// sharing the entities does not join it, and a re-run adds nothing.
func TestContestedAcrossArticles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "NATO says North Korean troops deployed to Kursk\n\n"+
		"NATO Secretary General Mark Rutte said on Monday that North Korean troops had been deployed to the Kursk region to fight alongside Russian forces.\n\n"+
		"Rutte said NATO allies would meet on Tuesday.\n")
	b := write("b.txt", "Moscow rejects NATO account\n\n"+
		"The Kremlin denied that North Korean troops had been deployed to the Kursk region to fight alongside Russian forces.\n\n"+
		"The Kremlin said Russia wants good relations with North Korea.\n")
	// The group is found whatever the order and the batching: the second
	// article in a second run (a store that was not empty), in one run with
	// a transaction per article in both orders (the denial's keys known to
	// the writer, or the affirmations read from the store), and in one
	// transaction.
	var db string
	for _, mode := range []struct {
		name string
		runs [][]string
	}{
		{"two runs", [][]string{{a}, {b}}},
		{"one run, affirmation first", [][]string{{"--batch-articles", "1", a, b}}},
		{"one run, denial first", [][]string{{"--batch-articles", "1", b, a}}},
		{"one transaction", [][]string{{a, b}}},
	} {
		db = filepath.Join(t.TempDir(), "cg.db")
		for _, args := range mode.runs {
			if _, stderr, err := run(t, append([]string{"--db", db, "ingest", "-q"}, args...)...); err != nil {
				t.Fatalf("%s: ingest %v: %v\n%s", mode.name, args, err, stderr)
			}
		}
		checkAcross(t, mode.name, db)
	}
	before := statsJSON(t, db).Quads
	if _, stderr, err := run(t, "--db", db, "ingest", "-q", a, b); err != nil {
		t.Fatalf("re-ingest: %v\n%s", err, stderr)
	}
	if after := statsJSON(t, db).Quads; after != before {
		t.Errorf("re-ingest changed the store: %d -> %d quads", before, after)
	}
}

func checkAcross(t *testing.T, mode, db string) {
	t.Helper()
	groups := func() []map[string]interface{} {
		out, stderr, err := run(t, "--db", db, "contested", "--output", "json")
		if err != nil {
			t.Fatalf("%s: contested: %v\n%s", mode, err, stderr)
		}
		var gs []map[string]interface{}
		if err := json.Unmarshal([]byte(out), &gs); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return gs
	}
	var across []map[string]interface{}
	for _, g := range groups() {
		if g["article"] == "" {
			across = append(across, g)
		}
	}
	if len(across) != 1 {
		t.Fatalf("%s: %d groups across articles, want 1: %v", mode, len(across), across)
	}
	g := across[0]
	js, _ := json.Marshal(g)
	for _, want := range []string{`"person/mark-rutte"`, `"org/kremlin"`, `North Korean troops had been deployed to the Kursk region`} {
		if !strings.Contains(strings.ToLower(string(js)), strings.ToLower(want)) {
			t.Errorf("%s: group lacks %s: %s", mode, want, js)
		}
	}
	if arts, _ := g["articles"].([]interface{}); len(arts) != 2 {
		t.Errorf("%s: articles: %v", mode, g["articles"])
	}
	if n := len(g["affirm"].([]interface{})) + len(g["deny"].([]interface{})); n != 2 {
		t.Errorf("%s: %d claims in the group, want 2 (the meeting and the relations claims do not belong): %s", mode, n, js)
	}
}
