package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestContestedCommand(t *testing.T) {
	db := exampleDB(t)
	out, stderr, err := run(t, "--db", db, "contested")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"affirmed by:", "denied by:", "Kremlin", "dismissed", "affirmed  affirm"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "--db", db, "contested", "--about", "Kremlin", "--output", "json")
	if err != nil {
		t.Fatal(err)
	}
	var gs []struct {
		Proposition string
		Affirm      []json.RawMessage
		Deny        []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &gs); err != nil || len(gs) != 1 || len(gs[0].Affirm) == 0 || len(gs[0].Deny) == 0 {
		t.Errorf("json: %v\n%s", err, out)
	}
	out, _, err = run(t, "--db", db, "contested", "--output", "csv")
	if err != nil || !strings.HasPrefix(out, "proposition,side,stance,claimant,cue,content,article,id\n") {
		t.Errorf("csv: %v\n%s", err, out)
	}
	out, _, _ = run(t, "--db", db, "contested", "--about", "Brussels")
	if strings.Contains(out, "affirmed by") {
		t.Errorf("about Brussels: %s", out)
	}
	if _, _, err := run(t, "--db", db, "contested", "--about", "Atlantis"); err == nil {
		t.Error("unknown entity: want an error")
	}
}
