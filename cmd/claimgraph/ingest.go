package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read articles (files or directories) into the graph store",
		ArgsUsage: "PATH...",
		Description: `Reads plain-text articles (.txt, .md: the first non-empty line is the headline) and
JSON Lines files (.jsonl: {"id","text","title"?,"date"?,"url"?,"source"?,"author"?} per line),
walking directories recursively, and stores their entities, claims and relations.
Each article is stored in one transaction, whole or not at all; an article already in the
store is skipped, so ingesting the same files again adds nothing.

Example:
   claimgraph --db claimgraph.db ingest examples/articles`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "workers", Value: 0, Usage: "extraction workers (0 = number of cores)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("ingest needs at least one file or directory (see --help)")
			}
			files, err := ingest.Walk(c.Args().Slice())
			if err != nil {
				return err
			}
			st, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			x, err := ingest.NewExtractor()
			if err != nil {
				return err
			}
			ctx := context.Background()
			start := time.Now()
			var articles, skipped, entities, claims, relations, quads int
			var failed atomic.Int64
			report := func(err error) {
				failed.Add(1)
				fmt.Fprintln(c.App.ErrWriter, "claimgraph:", err)
			}
			err = ingest.Run(ctx, c.Int("workers"),
				func(emit func(ingest.Article) error) error {
					for _, f := range files {
						if err := ingest.ReadFile(f, emit, report); err != nil {
							report(err)
						}
					}
					return nil
				},
				func(a ingest.Article) (*linker.Article, error) {
					done, err := st.Has(ctx, schema.ArticleIRI(a.ID), schema.Type, schema.Article)
					if err != nil || done {
						return nil, err
					}
					return x.Extract(a)
				},
				func(r ingest.Result) error {
					if r.Err != nil {
						report(r.Err)
						return nil
					}
					if r.Linked == nil {
						skipped++
						return nil
					}
					qs := schema.Quads(r.Linked, metaOf(r.Article))
					if err := st.WriteBatch(ctx, qs); err != nil {
						return fmt.Errorf("%s: storing article %q: %w", r.Article.Where(), r.Article.ID, err)
					}
					articles++
					entities += len(r.Linked.Entities)
					claims += len(r.Linked.Claims)
					relations += len(r.Linked.Relations)
					quads += len(qs)
					return nil
				})
			fmt.Fprintf(c.App.Writer, "ingested %d articles (%d already stored), %d entities, %d claims, %d relations, %d quads in %.2fs\n",
				articles, skipped, entities, claims, relations, quads, time.Since(start).Seconds())
			if err != nil {
				return err
			}
			if n := failed.Load(); n > 0 {
				return fmt.Errorf("%d article(s) or file(s) failed (see above)", n)
			}
			return nil
		},
	}
}

func metaOf(a ingest.Article) schema.Meta {
	return schema.Meta{Title: a.Title, Date: a.Date, URL: a.URL, Source: a.Source, Author: a.Author,
		Hash: ingest.ContentHash(a.Text), Text: a.Text}
}

var _ = quad.IRI("")
