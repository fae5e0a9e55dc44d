package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/ingest"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "run the NLP stage and the linker on articles and print entities, claims and relations as JSON (no store)",
		ArgsUsage: "[FILE | -]",
		Description: `json: one article (plain text, first non-empty line the headline) in, one JSON object out.
jsonl: each input line is {"id": ..., "text": ..., "title"?: ..., "date"?: ...}; each output
line is the extract object for that line, with its id, in input order.
Offsets are byte offsets [start, end) into the input text exactly as given.

Examples:
   claimgraph extract examples/articles/nato-north-korea.txt
   claimgraph extract --format jsonl < articles.jsonl > out.jsonl`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "json", Usage: "`json` (one article) or jsonl (one article per line)"},
			&cli.IntFlag{Name: "workers", Value: 0, Usage: "extraction workers (0 = number of cores)"},
		},
		Action: func(c *cli.Context) error {
			path := "-"
			if c.NArg() > 1 {
				return fmt.Errorf("extract takes one FILE or - (got %d arguments)", c.NArg())
			}
			if c.NArg() == 1 {
				path = c.Args().First()
			}
			var in io.Reader = os.Stdin
			name := "<stdin>"
			if path != "-" {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				defer f.Close()
				in, name = f, path
			}
			x, err := ingest.NewExtractor()
			if err != nil {
				return err
			}
			out := bufio.NewWriterSize(c.App.Writer, 1<<16)
			defer out.Flush()
			switch c.String("format") {
			case "json":
				b, err := io.ReadAll(in)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				a, err := ingest.TextArticle(name, b)
				if err != nil {
					return err
				}
				res, err := x.Extract(a)
				if err != nil {
					return err
				}
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(res)
			case "jsonl":
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				var failed atomic.Int64
				err := ingest.Run(context.Background(), c.Int("workers"),
					func(emit func(ingest.Article) error) error {
						return ingest.ReadJSONL(in, name, emit, func(err error) {
							failed.Add(1)
							fmt.Fprintln(c.App.ErrWriter, "claimgraph:", err)
						})
					},
					x.Extract,
					func(r ingest.Result) error {
						if r.Err != nil {
							failed.Add(1)
							fmt.Fprintln(c.App.ErrWriter, "claimgraph:", r.Err)
							return enc.Encode(map[string]any{"id": r.Article.ID, "error": r.Err.Error(),
								"entities": []any{}, "claims": []any{}, "relations": []any{}})
						}
						return enc.Encode(r.Linked)
					})
				if err != nil {
					return err
				}
				if n := failed.Load(); n > 0 {
					return fmt.Errorf("%s: %d record(s) failed", name, n)
				}
				return nil
			default:
				return fmt.Errorf("unknown --format %q (want json or jsonl)", c.String("format"))
			}
		},
	}
}
