package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// EntityRow is one line of `claimgraph entities`.
type EntityRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Mentions int      `json:"mentions"`
	Articles int      `json:"articles"`
	Aliases  []string `json:"aliases"`
}

func entitiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "entities",
		Usage: "list the store's entities with mention counts, article counts and aliases (to check merge decisions)",
		Description: `Entities are sorted by mention count, most mentioned first.

Examples:
   claimgraph entities --top 20
   claimgraph entities --type PERSON --search rutte
   claimgraph entities --output json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "type", Usage: "only entities of this `TYPE` (PERSON, ORG, GPE, LOC, NORP, MISC)"},
			&cli.IntFlag{Name: "top", Value: 50, Usage: "at most `N` entities (0 = all)"},
			&cli.StringFlag{Name: "search", Usage: "only entities whose name or an alias contains `S` (case-insensitive)"},
			&cli.StringFlag{Name: "output", Value: "table", Usage: "table, json or csv"},
		},
		Action: func(c *cli.Context) error {
			typ := strings.ToUpper(c.String("type"))
			if typ != "" && !contains(schema.EntityTypes, typ) {
				return fmt.Errorf("unknown --type %q (want one of %s)", typ, strings.Join(schema.EntityTypes, ", "))
			}
			st, err := openStoreLimit(c, true, 1<<30)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			rows, err := listEntities(ctx, st, typ, c.String("search"))
			if err != nil {
				return err
			}
			if n := c.Int("top"); n > 0 && len(rows) > n {
				rows = rows[:n]
			}
			return printEntities(c, rows)
		},
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// iriString is the text of an IRI value ("ent:org/nato"), or "".
func iriString(v quad.Value) string {
	iri, _ := v.(quad.IRI)
	return string(iri)
}

// listEntities reads entities, their aliases, article counts and mention
// counts (from the articles' cg:mentions literals) from the store. It reads
// quads through the store's indexes (ReadQuads), not Gizmo: on a store of
// all Reuters-21578 stories Gizmo's Save of every entity's name took 8-13 s
// per entity class, 62-79 s for the listing.
func listEntities(ctx context.Context, st *graph.Store, typ, search string) ([]EntityRow, error) {
	types := schema.EntityTypes
	if typ != "" {
		types = []string{typ}
	}
	typeOf := map[quad.Value]string{}
	var classes []quad.Value
	for _, t := range types {
		c := schema.EntityClass(t)
		if _, dup := typeOf[c]; !dup {
			typeOf[c] = t
			classes = append(classes, c)
		}
	}
	byID := map[string]*EntityRow{}
	var ents []quad.Value
	err := st.ReadQuads(ctx, graph.QuadFilter{Objects: classes, Predicates: []quad.Value{schema.Type}}, func(q quad.Quad) error {
		id := iriString(q.Subject)
		if _, dup := byID[id]; !dup && id != "" {
			byID[id] = &EntityRow{ID: id, Type: typeOf[q.Object]}
			ents = append(ents, q.Subject)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		return nil, nil
	}
	// Names, aliases and articles (cg:mentionedIn, one quad per article).
	preds := []quad.Value{schema.Name, schema.Alias, schema.MentionedIn}
	err = st.ReadQuads(ctx, graph.QuadFilter{Subjects: ents, Predicates: preds}, func(q quad.Quad) error {
		row := byID[iriString(q.Subject)]
		if row == nil {
			return nil
		}
		switch q.Predicate {
		case schema.Name:
			if row.Name == "" {
				row.Name = quad.ToString(q.Object)
			}
		case schema.Alias:
			row.Aliases = append(row.Aliases, quad.ToString(q.Object))
		case schema.MentionedIn:
			row.Articles++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	bySuffix := map[string]*EntityRow{}
	for id, row := range byID {
		sort.Strings(row.Aliases)
		bySuffix[entitySuffix(id)] = row
	}
	// Mentions: each article's cg:mentions literal, a line "entity
	// start-end ..." per entity it names (schema.FormatMentions).
	var arts []quad.Value
	err = st.ReadQuads(ctx, graph.QuadFilter{Objects: []quad.Value{schema.Article}, Predicates: []quad.Value{schema.Type}}, func(q quad.Quad) error {
		arts = append(arts, q.Subject)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(arts) > 0 {
		err = st.ReadQuads(ctx, graph.QuadFilter{Subjects: arts, Predicates: []quad.Value{schema.Mentions}}, func(q quad.Quad) error {
			ems, err := schema.ParseMentions(quad.ToString(q.Object))
			if err != nil {
				return fmt.Errorf("%s: %w", iriString(q.Subject), err)
			}
			for _, em := range ems {
				if row := bySuffix[em.Entity]; row != nil {
					row.Mentions += len(em.Spans)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var rows []EntityRow
	s := strings.ToLower(search)
	for _, row := range byID {
		if s != "" {
			hit := strings.Contains(strings.ToLower(row.Name), s)
			for _, a := range row.Aliases {
				hit = hit || strings.Contains(strings.ToLower(a), s)
			}
			if !hit {
				continue
			}
		}
		rows = append(rows, *row)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Mentions != rows[j].Mentions {
			return rows[i].Mentions > rows[j].Mentions
		}
		return rows[i].ID < rows[j].ID
	})
	return rows, nil
}

func printEntities(c *cli.Context, rows []EntityRow) error {
	w := c.App.Writer
	switch c.String("output") {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []EntityRow{}
		}
		return enc.Encode(rows)
	case "csv":
		fmt.Fprintln(w, "id,name,type,mentions,articles,aliases")
		for _, r := range rows {
			fmt.Fprintf(w, "%s,%s,%s,%d,%d,%s\n", csvField(r.ID), csvField(r.Name), r.Type, r.Mentions, r.Articles, csvField(strings.Join(r.Aliases, "|")))
		}
		return nil
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tTYPE\tMENTIONS\tARTICLES\tALIASES\tID")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", r.Name, r.Type, r.Mentions, r.Articles, strings.Join(r.Aliases, "; "), r.ID)
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown --output %q (want table, json or csv)", c.String("output"))
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// entitySuffix returns the entity ID inside an entity IRI, in full
// (https://claimgraph.org/entity/place/x) or compact (ent:place/x) form.
func entitySuffix(iri string) string {
	if i := strings.Index(iri, "/entity/"); i >= 0 {
		return iri[i+len("/entity/"):]
	}
	return strings.TrimPrefix(iri, "ent:")
}
