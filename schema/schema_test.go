package schema

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/linker"
)

func sample() *linker.Article {
	return &linker.Article{
		ID: "a1",
		Entities: []linker.Entity{
			{ID: "person/mark-rutte", Name: "Mark Rutte", Type: "PERSON", Aliases: []string{"Mark Rutte", "Rutte"},
				Mentions: []linker.Mention{{Text: "Mark Rutte", Start: 0, End: 10}, {Text: "Rutte", Start: 40, End: 45}}},
			{ID: "org/nato", Name: "NATO", Type: "ORG", Aliases: []string{"NATO"},
				Mentions: []linker.Mention{{Text: "NATO", Start: 20, End: 24}}},
			{ID: "place/russia", Name: "Russia", Type: "GPE", Aliases: []string{"Russia"}},
		},
		Claims: []linker.Claim{{
			ID: "claim/abc", Claimant: linker.Ref{Entity: "person/mark-rutte", Text: "Rutte", Start: 40, End: 45},
			Cue: linker.Cue{Lemma: "say", Text: "said", Start: 46, End: 50}, Stance: linker.Affirm, Kind: linker.Speech,
			Content: linker.Text{Text: "Russia is losing", Start: 51, End: 67}, About: []string{"place/russia"},
		}, {
			ID: "claim/q", Claimant: linker.Ref{Text: "Ukraine", Start: 70, End: 77}, Cue: linker.Cue{Lemma: "say", Text: "says", Start: 78, End: 82},
			Stance: linker.Affirm, Kind: linker.Speech, Time: "2024-10-27",
			Content:    linker.Text{Text: "more than 600,000 Russians were killed last month", Start: 83, End: 132},
			Quantities: []linker.Quantity{{Text: "more than 600,000 Russians", Value: 600000, Qualifier: "more than", Unit: "Russians", Start: 83, End: 109}},
			Dates:      []linker.DateRef{{Text: "last month", Date: "2024-09", Precision: "month", Start: 122, End: 132}},
		}},
		Relations: []linker.Relation{{
			Subject: linker.Ref{Entity: "person/mark-rutte"}, Predicate: linker.Cue{Lemma: "address"},
			Object: linker.Ref{Entity: "org/nato"},
		}},
		Roles:     []linker.Role{{Person: "person/mark-rutte", Title: "Secretary General", Of: "org/nato"}},
		Contested: []linker.Contested{{ID: "contested/x", Claims: []string{"claim/abc"}, AffirmedBy: []string{"person/mark-rutte"}, DeniedBy: []string{"a senior official"}}},
	}
}

func has(qs []quad.Quad, s, p, o string) bool {
	for _, q := range qs {
		if q.Subject.String() == s && q.Predicate.String() == p && q.Object.String() == o {
			return true
		}
	}
	return false
}

func TestQuads(t *testing.T) {
	qs := Quads(sample(), Meta{Title: "T", Date: "2024-10-28"})
	for _, q := range qs {
		_, entity := q.Subject.(quad.IRI)
		entity = entity && strings.HasPrefix(string(q.Subject.(quad.IRI)), "ent:")
		description := entity && (q.Predicate == Type || q.Predicate == Name || q.Predicate == Alias)
		switch {
		case description && q.Label != nil:
			t.Errorf("entity description %v is labelled: it belongs in the default graph", q)
		case !description && q.Label != quad.IRI("art:a1"):
			t.Errorf("quad %v is not labelled with its article", q)
		}
	}
	cases := []struct{ name, s, p, o string }{
		{"article type", "<art:a1>", "<rdf:type>", "<cg:Article>"},
		{"article title", "<art:a1>", "<cg:title>", `"T"`},
		{"entity class", "<ent:person/mark-rutte>", "<rdf:type>", "<cg:Person>"},
		{"entity alias", "<ent:person/mark-rutte>", "<cg:alias>", `"Rutte"`},
		{"mentions literal, a line per entity", "<art:a1>", "<cg:mentions>", `"person/mark-rutte 0-10 40-45\norg/nato 20-24"`},
		{"claim spans", "<claim:abc>", "<cg:spans>", `"0 51-67 46-50 40-45"`},
		{"claimant", "<claim:abc>", "<cg:claimant>", "<ent:person/mark-rutte>"},
		{"stance", "<claim:abc>", "<cg:stance>", `"affirm"`},
		{"about", "<claim:abc>", "<cg:about>", "<ent:place/russia>"},
		{"claim date", "<claim:abc>", "<cg:date>", `"2024-10-28"`},
		{"claim time from the sentence", "<claim:q>", "<cg:date>", `"2024-10-27"`},
		{"content date", "<claim:q>", "<cg:dateRef>", `"2024-09"`},
		{"unnamed claimant", "<claim:q>", "<cg:claimantText>", `"Ukraine"`},
		{"relation edge", "<ent:person/mark-rutte>", "<rel:address>", "<ent:org/nato>"},
		{"role edge", "<ent:person/mark-rutte>", "<role:secretary-general>", "<ent:org/nato>"},
		{"contested affirmed", "<contested:x>", "<cg:affirmedBy>", "<ent:person/mark-rutte>"},
		{"contested denied by unnamed", "<contested:x>", "<cg:deniedBy>", `"a senior official"`},
	}
	var quantity string
	for _, q := range qs {
		if q.Predicate == QuantityP {
			quantity = string(q.Object.(quad.String))
		}
	}
	if quantity != `{"text":"more than 600,000 Russians","value":600000,"qualifier":"more than","unit":"Russians","start":83,"end":109}` {
		t.Errorf("cg:quantity literal: %s", quantity)
	}
	for _, tc := range cases {
		if !has(qs, tc.s, tc.p, tc.o) {
			t.Errorf("%s: missing %s %s %s", tc.name, tc.s, tc.p, tc.o)
		}
	}
	// What the spans and the text give is not stored twice: no cue words,
	// no claimant words for a claimant that is an entity, one mentions
	// literal for the article.
	mentions := 0
	for _, q := range qs {
		switch {
		case q.Predicate == quad.IRI("cg:cueText"):
			t.Errorf("cue words stored: %v", q)
		case q.Predicate == ClaimantText && q.Subject == ClaimIRI("claim/abc"):
			t.Errorf("claimant words stored for a claimant that is an entity: %v", q)
		case q.Predicate == Mentions:
			mentions++
		}
	}
	if mentions != 1 {
		t.Errorf("%d cg:mentions literals, want 1 for the article", mentions)
	}
}

func TestQuadsDeterministic(t *testing.T) {
	a := Quads(sample(), Meta{Title: "T"})
	b := Quads(sample(), Meta{Title: "T"})
	if len(a) != len(b) {
		t.Fatalf("%d vs %d quads", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("quad %d differs: %v vs %v", i, a[i], b[i])
		}
	}
	seen := map[quad.Quad]bool{}
	for _, q := range a {
		if seen[q] {
			t.Fatalf("duplicate quad %v", q)
		}
		seen[q] = true
	}
}

func TestIRIs(t *testing.T) {
	if got := RelationIRI("deploy troops to"); got != "rel:deploy-troops-to" {
		t.Errorf("RelationIRI = %s", got)
	}
	if got := ArticleIRI("a b<c>"); strings.ContainsAny(string(got), " <>") {
		t.Errorf("ArticleIRI not escaped: %s", got)
	}
	for _, typ := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"} {
		if !strings.HasPrefix(string(EntityClass(typ)), "cg:") {
			t.Errorf("EntityClass(%s) = %s", typ, EntityClass(typ))
		}
	}
}

func TestSpansRoundTrip(t *testing.T) {
	in := ClaimSpans{Sentence: 12, Content: [2]int{1043, 1131}, Cue: [2]int{1032, 1042}, Claimant: [2]int{1009, 1031}}
	v := FormatSpans(in)
	if v != "12 1043-1131 1032-1042 1009-1031" {
		t.Fatalf("FormatSpans = %q", v)
	}
	out, ok := ParseSpans(v)
	if !ok || out != in {
		t.Fatalf("ParseSpans(%q) = %+v, %v", v, out, ok)
	}
	for _, bad := range []string{"", "1 2-3 4-5", "x 1-2 3-4 5-6", "1 2-1 3-4 5-6", "1 2:3 3-4 5-6", "1 -1-2 3-4 5-6"} {
		if _, ok := ParseSpans(bad); ok {
			t.Errorf("ParseSpans(%q) accepted", bad)
		}
	}
	lit := FormatMentions("org/nato", []linker.Mention{{Start: 0, End: 4}, {Start: 120, End: 124}}) + "\n" +
		FormatMentions("place/russia", []linker.Mention{{Start: 7, End: 13}})
	ems, err := ParseMentions(lit)
	if err != nil || len(ems) != 2 || ems[0].Entity != "org/nato" || len(ems[0].Spans) != 2 ||
		ems[0].Spans[1] != [2]int{120, 124} || ems[1].Entity != "place/russia" || ems[1].Spans[0] != [2]int{7, 13} {
		t.Fatalf("ParseMentions(%q) = %v, %v", lit, ems, err)
	}
	for _, bad := range []string{"org/nato", "org/nato 0-4\nplace/russia", "org/nato 4-0", "org/nato x"} {
		if _, err := ParseMentions(bad); err == nil {
			t.Errorf("ParseMentions(%q) accepted", bad)
		}
	}
}

func TestTransactionsMarkersLast(t *testing.T) {
	a := ArticleIRI("a")
	qs := []quad.Quad{{Subject: a, Predicate: Type, Object: Article, Label: a},
		{Subject: a, Predicate: Hash, Object: quad.String("h"), Label: a}}
	for i := 0; i < 7; i++ {
		qs = append(qs, quad.Quad{Subject: a, Predicate: Title, Object: quad.Int(i), Label: a})
	}
	if txns := Transactions(qs, 20); len(txns) != 1 || len(txns[0]) != 9 {
		t.Errorf("9 quads, at most 20: %v", txns)
	}
	txns := Transactions(qs, 3)
	if len(txns) != 4 || len(txns[0]) != 3 || len(txns[2]) != 1 {
		t.Fatalf("9 quads, at most 3: %d transactions %v", len(txns), txns)
	}
	if last := txns[3]; len(last) != 2 || last[0].Predicate != Type || last[1].Predicate != Hash {
		t.Errorf("the last transaction is not the article's type and hash: %v", last)
	}
	for _, txn := range txns[:3] {
		for _, q := range txn {
			if q.Predicate == Hash || q.Object == Article {
				t.Errorf("marker %v before the last transaction", q)
			}
		}
	}
}
