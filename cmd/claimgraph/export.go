package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/explore"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "export the graph, an article or an entity's neighbourhood as N-Quads, JSON-LD, GraphML or DOT",
		Description: `IRIs are written in full (https://claimgraph.org/...). N-Quads and JSON-LD keep every quad
with its label (the article it was read from); GraphML (Gephi, yEd, Cytoscape) and DOT
(Graphviz) draw nodes with their literal properties as attributes and edges between them.
--entity E --hops N exports the entities within N hops of E, the claims between them and
their properties.

Examples:
   claimgraph export --format nquads > graph.nq
   claimgraph export --format jsonld --article c372c201ad60cb5f
   claimgraph export --format dot --entity Rutte --hops 1 | dot -Tsvg > rutte.svg
   claimgraph export --format graphml --entity "North Korea" --hops 2 --out nk.graphml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: strings.Join(explore.ExportFormats, ", ")},
			&cli.StringFlag{Name: "article", Usage: "only the quads of article `ID`"},
			&cli.StringFlag{Name: "entity", Usage: "the neighbourhood of entity `E` (ID, name or alias)"},
			&cli.IntFlag{Name: "hops", Value: 1, Usage: fmt.Sprintf("neighbourhood radius with --entity, 0..%d", explore.MaxHops)},
			&cli.StringFlag{Name: "out", Usage: "write to `FILE` instead of standard output"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no summary on standard error"},
			timeoutFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("export takes no arguments (use --article or --entity), got %q", c.Args().First())
			}
			if err := explore.CheckExportFormat(c.String("format")); err != nil {
				return err
			}
			scope := explore.ExportScope{Article: c.String("article"), Entity: c.String("entity")}
			if scope.Entity != "" {
				scope.Hops = c.Int("hops")
			} else if c.IsSet("hops") {
				return fmt.Errorf("--hops needs --entity")
			}
			w := c.App.Writer
			var f *os.File
			if out := c.String("out"); out != "" {
				var err error
				if f, err = os.Create(out); err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriter(w)
			return withExplorer(c, func(ctx context.Context, x *explore.Explorer) error {
				n, err := x.Export(ctx, bw, c.String("format"), scope)
				if err != nil {
					return err
				}
				if err := bw.Flush(); err != nil {
					return err
				}
				if f != nil {
					if err := f.Close(); err != nil {
						return err
					}
				}
				if !c.Bool("quiet") {
					fmt.Fprintf(c.App.ErrWriter, "claimgraph: exported %d quads as %s\n", n, c.String("format"))
				}
				return nil
			})
		},
	}
}
