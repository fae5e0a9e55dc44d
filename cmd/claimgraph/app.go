package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// defaultDB is the embedded store used when neither --db nor $CLAIMGRAPH_DB
// is given.
const defaultDB = "claimgraph.db"

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "claimgraph",
		Usage: "turn news articles into a fact-claim knowledge graph (who said what, about whom, with which stance)",
		Description: `claimgraph reads news articles, finds the people, organisations and places in them,
links them to canonical entities, extracts attributed claims and relations, and stores
them as quads in a cayley graph database, queried with Gizmo.

Example:
   claimgraph ingest examples/articles
   claimgraph query 'g.V("<ent:org/nato>").In("<cg:claimant>").Out("<cg:content>").all()'`,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "db",
				Value:   defaultDB,
				EnvVars: []string{"CLAIMGRAPH_DB"},
				Usage:   "embedded cayley store `PATH` (created on first use)",
			},
			&cli.StringFlag{
				Name:    "backend",
				Value:   "",
				EnvVars: []string{"CLAIMGRAPH_BACKEND"},
				Usage:   "store backend: bolt, bbolt, leveldb, badger, postgres (--db is then a connection string); empty = the default embedded backend",
			},
		},
		Commands: []*cli.Command{
			ingestCommand(),
			benchCommand(),
			extractCommand(),
			queryCommand(),
			statsCommand(),
			entitiesCommand(),
			serveCommand(),
			replCommand(),
			claimsCommand(),
			contestedCommand(),
			pathCommand(),
			exportCommand(),
		},
		ExitErrHandler: func(*cli.Context, error) {}, // main prints errors and exits
	}
	if os.Getenv("CLAIMGRAPH_NO_COLOR") != "" {
		cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}}
	}
	return app
}
