package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query against the store and print the results as JSON",
		ArgsUsage: "[QUERY | -]",
		Description: `The query is Gizmo (cayley's JavaScript path language); - or no argument reads it
from standard input. IRIs are written in short form, e.g. "<ent:org/nato>", "<cg:claimant>";
see schema/doc.go for the vocabulary and examples/queries for more.

Examples:
   claimgraph query 'g.V("<ent:place/north-korea>").In("<cg:about>").Out("<cg:stance>").all()'
   claimgraph query - < examples/queries/claims-about-north-korea.js`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most `N` results"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after this long"},
		},
		Action: func(c *cli.Context) error {
			var q string
			switch {
			case c.NArg() > 1:
				return fmt.Errorf("query takes one QUERY argument (quote it), got %d", c.NArg())
			case c.NArg() == 0 || c.Args().First() == "-":
				b, err := io.ReadAll(os.Stdin)
				if err != nil {
					return err
				}
				q = string(b)
			default:
				q = c.Args().First()
				if strings.HasSuffix(q, ".js") {
					if b, err := os.ReadFile(q); err == nil {
						q = string(b)
					}
				}
			}
			if strings.TrimSpace(q) == "" {
				return fmt.Errorf("empty query")
			}
			st, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx, cancel := context.WithTimeout(context.Background(), c.Duration("timeout"))
			defer cancel()
			res, err := st.Query(ctx, "gizmo", q, c.Int("limit"))
			if err != nil {
				return fmt.Errorf("query: %w", err)
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(res)
		},
	}
}
