package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

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

func str(v interface{}) string {
	s, _ := v.(string)
	return strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
}

// listEntities reads entities, their aliases, article counts and mention
// counts (from the articles' cg:mentions literals) from the store.
func listEntities(ctx context.Context, st *graph.Store, typ, search string) ([]EntityRow, error) {
	types := schema.EntityTypes
	if typ != "" {
		types = []string{typ}
	}
	byID := map[string]*EntityRow{}
	for _, t := range types {
		q := fmt.Sprintf(`g.V("<%s>").In("<rdf:type>").Save("<cg:name>", "name").all()`, string(schema.EntityClass(t)))
		res, err := st.Query(ctx, "gizmo", q, graph.DefaultMaxQueryLimit)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			m, ok := r.(map[string]interface{})
			if !ok {
				continue
			}
			id := str(m["id"])
			if _, dup := byID[id]; !dup {
				byID[id] = &EntityRow{ID: id, Name: str(m["name"]), Type: t}
			}
		}
	}
	// Aliases and article counts: one query each over all entities.
	const all = 1 << 30
	for _, t := range types {
		base := fmt.Sprintf(`g.V("<%s>").In("<rdf:type>").Tag("e")`, string(schema.EntityClass(t)))
		res, err := st.Query(ctx, "gizmo", base+`.Out("<cg:alias>").all()`, all)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			if m, ok := r.(map[string]interface{}); ok {
				if row := byID[str(m["e"])]; row != nil {
					row.Aliases = append(row.Aliases, str(m["id"]))
				}
			}
		}
		res, err = st.Query(ctx, "gizmo", base+`.Out("<cg:mentionedIn>").all()`, all)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			if m, ok := r.(map[string]interface{}); ok {
				if row := byID[str(m["e"])]; row != nil {
					row.Articles++
				}
			}
		}
	}
	bySuffix := map[string]*EntityRow{}
	for id, row := range byID {
		sort.Strings(row.Aliases)
		bySuffix[entitySuffix(id)] = row
	}
	// Mentions: each article's cg:mentions literal, a line "entity
	// start-end ..." per entity it names (schema.FormatMentions).
	res, err := st.Query(ctx, "gizmo", `g.V("<cg:Article>").In("<rdf:type>").Out("<cg:mentions>").all()`, all)
	if err != nil {
		return nil, err
	}
	for _, r := range res {
		m, ok := r.(map[string]interface{})
		if !ok {
			continue
		}
		ems, err := schema.ParseMentions(str(m["id"]))
		if err != nil {
			return nil, err
		}
		for _, em := range ems {
			if row := bySuffix[em.Entity]; row != nil {
				row.Mentions += len(em.Spans)
			}
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
