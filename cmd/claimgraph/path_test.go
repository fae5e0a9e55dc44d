package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPathCommand(t *testing.T) {
	db := exampleDB(t)
	out, stderr, err := run(t, "--db", db, "path", "Rutte", "Kremlin")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "Mark Rutte → Kremlin: 2 hop(s)") || !strings.Contains(out, "-[cg:claim]->") {
		t.Errorf("table:\n%s", out)
	}
	out, _, err = run(t, "--db", db, "path", "person/mark-rutte", "place/kursk", "--output", "json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Hops  int
		Steps []struct {
			Predicate string
			Claim     struct{ Content string }
		}
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Hops != 1 || !strings.Contains(p.Steps[0].Claim.Content, "Kursk") {
		t.Errorf("json: %v\n%s", err, out)
	}
	out, _, err = run(t, "--db", db, "path", "NATO", "Rutte", "--max-hops", "1", "--output", "csv")
	if err != nil || !strings.HasPrefix(out, "hop,from,edge,to,evidence\n1,NATO (org/nato),<-[") {
		t.Errorf("csv: %v\n%s", err, out)
	}
	_, _, err = run(t, "--db", db, "path", "Euro-Atlantic", "Reuters", "--max-hops", "1")
	if err == nil || !strings.Contains(err.Error(), "no path") {
		t.Errorf("no path: %v", err)
	}
	for _, args := range [][]string{
		{"path", "Rutte"},
		{"path", "Rutte", "Kursk", "--max-hops", "0"},
		{"path", "Rutte", "Kursk", "--max-hops", "7"},
		{"path", "Rutte", "Atlantis"},
	} {
		if _, _, err := run(t, append([]string{"--db", db}, args...)...); err == nil {
			t.Errorf("%v: want an error", args)
		}
	}
}
