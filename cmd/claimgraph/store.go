package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// openStore opens the store named by the global flags.
func openStore(c *cli.Context, readOnly bool) (*graph.Store, error) {
	return openStoreLimit(c, readOnly, 0)
}

// openStoreLimit opens the store with a larger cap on query results, for
// commands that read whole listings.
func openStoreLimit(c *cli.Context, readOnly bool, maxLimit int) (*graph.Store, error) {
	schema.Register()
	return graph.Open(context.Background(), graph.Config{
		Backend:       c.String("backend"),
		Path:          c.String("db"),
		ReadOnly:      readOnly,
		MaxQueryLimit: maxLimit,
	})
}
