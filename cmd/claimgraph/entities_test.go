package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
)

func entitiesJSON(t *testing.T, args ...string) map[string]EntityRow {
	t.Helper()
	out, stderr, err := run(t, append(args, "--top", "0", "--output", "json")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rows []EntityRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := map[string]EntityRow{}
	for _, r := range rows {
		if _, dup := m[r.ID]; dup {
			t.Errorf("entity %s listed twice", r.ID)
		}
		m[r.ID] = r
	}
	return m
}

func TestEntitiesCommand(t *testing.T) {
	db := exampleDB(t)
	all := entitiesJSON(t, "--db", db, "entities")
	rutte, ok := all["ent:person/mark-rutte"]
	if !ok || rutte.Name != "Mark Rutte" || rutte.Type != "PERSON" || rutte.Articles != 1 || rutte.Mentions < 3 ||
		!strings.Contains(strings.Join(rutte.Aliases, "|"), "Rutte") {
		t.Errorf("Mark Rutte: %+v", rutte)
	}
	persons := entitiesJSON(t, "--db", db, "entities", "--type", "PERSON")
	if len(persons) < 3 || len(persons) >= len(all) {
		t.Errorf("%d persons of %d entities", len(persons), len(all))
	}
	for _, r := range persons {
		if r.Type != "PERSON" {
			t.Errorf("--type PERSON listed %+v", r)
		}
	}
	if found := entitiesJSON(t, "--db", db, "entities", "--search", "rutte"); len(found) != 1 || found["ent:person/mark-rutte"].ID == "" {
		t.Errorf("--search rutte: %+v", found)
	}
	out, _, err := run(t, "--db", db, "entities", "--top", "2")
	if err != nil || len(strings.Split(strings.TrimSpace(out), "\n")) != 3 {
		t.Errorf("--top 2 (a header and 2 rows): %v\n%s", err, out)
	}
	if _, _, err := run(t, "--db", db, "entities", "--type", "ALIEN"); err == nil {
		t.Error("--type ALIEN: want an error")
	}
}

// The listing is complete and counts once: more entities of one type than
// a Gizmo query returns (graph.DefaultMaxQueryLimit; the listing once went
// through Gizmo and stopped there), an entity typed in two classes (a
// place read as GPE in one article and LOC in another) counted once with
// its articles and aliases once, and mentions summed from the articles'
// multi-line cg:mentions literals.
func TestEntitiesCompleteAndCountedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	db := filepath.Join(t.TempDir(), "db")
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Path: db, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	n := graph.DefaultMaxQueryLimit + 50
	var qs []quad.Quad
	a1, a2 := schema.ArticleIRI("a1"), schema.ArticleIRI("a2")
	for _, a := range []quad.IRI{a1, a2} {
		qs = append(qs, quad.Quad{Subject: a, Predicate: schema.Type, Object: schema.Article, Label: a})
	}
	for i := 0; i < n; i++ {
		e := schema.EntityIRI(fmt.Sprintf("person/p%05d", i))
		qs = append(qs, quad.Quad{Subject: e, Predicate: schema.Type, Object: schema.EntityClass("PERSON")},
			quad.Quad{Subject: e, Predicate: schema.Name, Object: quad.String(fmt.Sprintf("P %05d", i))},
			quad.Quad{Subject: e, Predicate: schema.MentionedIn, Object: a1, Label: a1})
	}
	nk := schema.EntityIRI("place/new-york")
	qs = append(qs, quad.Quad{Subject: nk, Predicate: schema.Type, Object: schema.EntityClass("GPE")},
		quad.Quad{Subject: nk, Predicate: schema.Type, Object: schema.EntityClass("LOC")},
		quad.Quad{Subject: nk, Predicate: schema.Name, Object: quad.String("New York")},
		quad.Quad{Subject: nk, Predicate: schema.Alias, Object: quad.String("NEW YORK")})
	for _, a := range []quad.IRI{a1, a2} {
		qs = append(qs, quad.Quad{Subject: nk, Predicate: schema.MentionedIn, Object: a, Label: a})
	}
	mentions := schema.FormatMentions("place/new-york", []linker.Mention{{Start: 0, End: 8}, {Start: 20, End: 28}}) + "\n" +
		schema.FormatMentions("person/p00007", []linker.Mention{{Start: 30, End: 37}})
	qs = append(qs, quad.Quad{Subject: a1, Predicate: schema.Mentions, Object: quad.String(mentions), Label: a1},
		quad.Quad{Subject: a2, Predicate: schema.Mentions, Object: quad.String(schema.FormatMentions("place/new-york", []linker.Mention{{Start: 4, End: 12}})), Label: a2})
	for len(qs) > 0 {
		k := min(len(qs), 5000)
		if err := st.WriteBatch(ctx, qs[:k]); err != nil {
			t.Fatal(err)
		}
		qs = qs[k:]
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	all := entitiesJSON(t, "--db", db, "entities")
	if len(all) != n+1 {
		t.Errorf("%d entities listed, want %d", len(all), n+1)
	}
	if p := all["ent:person/p10049"]; p.Name != "P 10049" || p.Articles != 1 {
		t.Errorf("the last person: %+v", p)
	}
	if p := all["ent:person/p00007"]; p.Mentions != 1 {
		t.Errorf("person/p00007: %+v, want 1 mention", p)
	}
	ny := all["ent:place/new-york"]
	if ny.Type != "GPE" || ny.Articles != 2 || ny.Mentions != 3 || strings.Join(ny.Aliases, "|") != "NEW YORK" {
		t.Errorf("New York: %+v, want GPE, 2 articles, 3 mentions, one alias", ny)
	}
	if locs := entitiesJSON(t, "--db", db, "entities", "--type", "LOC"); len(locs) != 1 || locs["ent:place/new-york"].Type != "LOC" {
		t.Errorf("--type LOC: %+v", locs)
	}
}
