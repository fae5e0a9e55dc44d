package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`g.V().all()`, true},
		{`g.V("<a>")`, true},
		{`g.V("<a>").`, false},
		{`g.V("<a>")` + "\n" + `  .In("<b>"`, false},
		{`g.V("(").all()`, true},
		{`g.V(") // (").all()`, true},
		{`g.V() // comment (`, true},
		{`/* open`, false},
		{`var f = function (p) {`, false},
		{"g.V(\"<a>\") \\", false},
	} {
		if got := complete(c.src); got != c.want {
			t.Errorf("complete(%q) = %v", c.src, got)
		}
	}
}

func TestFinal(t *testing.T) {
	for src, want := range map[string]bool{
		`g.V("<a>")`:                  false,
		`g.V("<a>").Out("<b>").all()`: true,
		`g.emit(g.V().Count())`:       true,
		`g.V().ToArray()`:             true,
		`var x = 1`:                   false,
	} {
		if got := final(src); got != want {
			t.Errorf("final(%q) = %v", src, got)
		}
	}
}

func TestReplBatch(t *testing.T) {
	db := exampleDB(t)
	in := `:limit 2
g.V("<ent:org/nato>")
  .In("<cg:claimant>")
  .Out("<cg:content>")
  .all()

g.V("<cg:Claim>").In("<rdf:type>").all()

g.V(
:nope
`
	var out, errb bytes.Buffer
	app := newApp(&out, &errb)
	app.Reader = strings.NewReader(in)
	if err := app.Run([]string{"claimgraph", "--db", db, "repl", "--history", "-"}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	s := out.String()
	for _, want := range []string{`{"id":"North Korean troops deployed`, "-- 1 result(s)", "-- 2 result(s) (the limit", "error: "} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}
