package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
)

// Stats are the counts `claimgraph stats` prints.
type Stats struct {
	Articles  int64            `json:"articles"`
	Entities  map[string]int64 `json:"entities"`
	Claims    map[string]int64 `json:"claims"`
	Relations int64            `json:"relations"`
	Contested int64            `json:"contested"`
	Quads     int64            `json:"quads"`
}

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count articles, entities by type, claims by stance, relations and quads in the store",
		Description: `Example:
   claimgraph stats
   claimgraph stats --json`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			st, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			s, err := collectStats(ctx, st)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(s)
			}
			w := c.App.Writer
			fmt.Fprintf(w, "articles   %d\n", s.Articles)
			fmt.Fprintf(w, "entities  ")
			for _, t := range schema.EntityTypes {
				if n := s.Entities[t]; n > 0 {
					fmt.Fprintf(w, " %s %d", t, n)
				}
			}
			fmt.Fprintln(w)
			fmt.Fprintf(w, "claims     %s %d, %s %d, %s %d\n", linker.Affirm, s.Claims[linker.Affirm],
				linker.Deny, s.Claims[linker.Deny], linker.Uncertain, s.Claims[linker.Uncertain])
			fmt.Fprintf(w, "relations  %d\n", s.Relations)
			fmt.Fprintf(w, "contested  %d\n", s.Contested)
			fmt.Fprintf(w, "quads      %d\n", s.Quads)
			return nil
		},
	}
}

func count(ctx context.Context, st *graph.Store, q string) (int64, error) {
	res, err := st.Query(ctx, "gizmo", q, 1)
	if err != nil {
		return 0, fmt.Errorf("stats: %s: %w", q, err)
	}
	if len(res) == 0 {
		return 0, nil
	}
	switch v := res[0].(type) {
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	case float64:
		return int64(v), nil
	case json.Number:
		return v.Int64()
	}
	return 0, fmt.Errorf("stats: unexpected result %T %v", res[0], res[0])
}

func collectStats(ctx context.Context, st *graph.Store) (*Stats, error) {
	s := &Stats{Entities: map[string]int64{}, Claims: map[string]int64{}}
	var err error
	if s.Articles, err = count(ctx, st, `g.emit(g.V("<cg:Article>").In("<rdf:type>").count())`); err != nil {
		return nil, err
	}
	for _, t := range schema.EntityTypes {
		n, err := count(ctx, st, fmt.Sprintf(`g.emit(g.V("<%s>").In("<rdf:type>").count())`, string(schema.EntityClass(t))))
		if err != nil {
			return nil, err
		}
		if n > 0 {
			s.Entities[t] += n
		}
	}
	for _, stance := range []string{linker.Affirm, linker.Deny, linker.Uncertain} {
		n, err := count(ctx, st, fmt.Sprintf(`g.emit(g.V(%q).In("<cg:stance>").count())`, stance))
		if err != nil {
			return nil, err
		}
		s.Claims[stance] = n
	}
	if s.Relations, err = count(ctx, st, `var n = 0; g.V("<cg:Article>").In("<rdf:type>").Out("<cg:relationCount>").forEach(function(v){ n += v.id }); g.emit(n)`); err != nil {
		return nil, err
	}
	if s.Contested, err = count(ctx, st, `g.emit(g.V("<cg:Contested>").In("<rdf:type>").count())`); err != nil {
		return nil, err
	}
	if s.Quads, err = st.QuadCount(ctx); err != nil {
		return nil, err
	}
	return s, nil
}
