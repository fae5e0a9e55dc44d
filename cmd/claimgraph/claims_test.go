package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestClaimsCommand(t *testing.T) {
	db := exampleDB(t)
	out, stderr, err := run(t, "--db", db, "claims", "--about", "North Korea")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "stance") || len(lines) < 5 || !strings.Contains(out, "Mark Rutte") || !strings.Contains(out, "deny") {
		t.Errorf("table:\n%s", out)
	}
	out, _, err = run(t, "--db", db, "claims", "--by", "person/mark-rutte", "--stance", "affirm", "--output", "json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []struct {
		Stance   string
		Claimant struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &cs); err != nil || len(cs) < 5 {
		t.Fatalf("json: %v\n%s", err, out)
	}
	for _, c := range cs {
		if c.Stance != "affirm" || c.Claimant.ID != "person/mark-rutte" {
			t.Errorf("claim %+v", c)
		}
	}
	out, _, err = run(t, "--db", db, "claims", "--stance", "deny", "--output", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 3 || recs[0][0] != "stance" || recs[1][0] != "deny" {
		t.Errorf("csv: %v\n%s", err, out)
	}
	// an empty answer is a header only (table) or [] (json)
	out, _, err = run(t, "--db", db, "claims", "--by", "Kursk", "--output", "json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("empty json: %q %v", out, err)
	}
	for _, args := range [][]string{
		{"claims", "--stance", "maybe"},
		{"claims", "--about", "Atlantis"},
		{"claims", "--output", "xml"},
		{"claims", "--limit", "0"},
		{"claims", "extra"},
	} {
		if _, _, err := run(t, append([]string{"--db", db}, args...)...); err == nil {
			t.Errorf("%v: want an error", args)
		}
	}
}
