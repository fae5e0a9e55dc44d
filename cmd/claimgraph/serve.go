package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the store over HTTP: cayley's query console, cayley's API v2, claimgraph's JSON API and article pages",
		Description: `One process, one store. Open the printed address in a browser for the Gizmo query console
(it works offline: the editor and icons are served from the binary); /api/ lists the JSON API;
/articles/ID shows an article with its claims highlighted. Read-only unless --allow-ingest,
which prints a token for "claimgraph ingest --server URL --token TOKEN" (POST /api/ingest).

Examples:
   claimgraph serve
   claimgraph --db reuters.db serve --addr 127.0.0.1:8080 --query-timeout 10s
   claimgraph serve --allow-ingest`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:64210", Usage: "listen on `HOST:PORT` (port 0: any free port)"},
			&cli.DurationFlag{Name: "query-timeout", Value: server.DefaultQueryTimeout, Usage: "stop a query (Gizmo or API) after this long"},
			&cli.IntFlag{Name: "query-limit", Value: server.DefaultQueryLimit, Usage: "results of a Gizmo query without a limit parameter"},
			&cli.IntFlag{Name: "max-limit", Value: server.DefaultMaxQueryLimit, Usage: "largest limit parameter accepted"},
			&cli.BoolFlag{Name: "allow-ingest", Usage: "open the store writable and accept articles at POST /api/ingest (token required)"},
			&cli.StringFlag{Name: "token", EnvVars: []string{"CLAIMGRAPH_TOKEN"}, Usage: "ingest token (default: a random one, printed)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("serve takes no arguments, got %q", c.Args().First())
			}
			if c.Duration("query-timeout") <= 0 {
				return fmt.Errorf("--query-timeout must be positive")
			}
			if n := c.Int("query-limit"); n < 1 || n > c.Int("max-limit") {
				return fmt.Errorf("--query-limit %d is out of range (1..--max-limit)", n)
			}
			allow := c.Bool("allow-ingest")
			token := c.String("token")
			if allow && token == "" {
				b := make([]byte, 24)
				if _, err := rand.Read(b); err != nil {
					return err
				}
				token = hex.EncodeToString(b)
			}
			schema.Register()
			st, err := graph.Open(context.Background(), graph.Config{
				Backend:       c.String("backend"),
				Path:          c.String("db"),
				ReadOnly:      !allow,
				MaxQueryLimit: explore.StoreQueryLimit,
			})
			if err != nil {
				if errors.Is(err, graph.ErrNotExist) {
					return fmt.Errorf("%w (ingest articles first: claimgraph --db %s ingest FILES)", err, c.String("db"))
				}
				return err
			}
			defer st.Close()
			srv, err := server.New(st, server.Config{
				QueryTimeout:  c.Duration("query-timeout"),
				QueryLimit:    c.Int("query-limit"),
				MaxQueryLimit: c.Int("max-limit"),
				AllowIngest:   allow,
				Token:         token,
			})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", c.String("addr"))
			if err != nil {
				return err
			}
			url := "http://" + ln.Addr().String() + "/"
			mode := "read-only"
			if allow {
				mode = "ingest allowed"
			}
			fmt.Fprintf(c.App.Writer, "claimgraph: serving %s store %s at %s (%s)\n", st.Backend(), c.String("db"), url, mode)
			fmt.Fprintf(c.App.Writer, "claimgraph: query console %s, JSON API %sapi/, article pages %sarticles/ID\n", url, url, url)
			if allow {
				fmt.Fprintf(c.App.Writer, "claimgraph: ingest token %s (claimgraph ingest --server %s --token %s FILES)\n", token, url, token)
			}
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			hs := &http.Server{
				Handler:           srv,
				ReadHeaderTimeout: 10 * time.Second,
				BaseContext:       func(net.Listener) context.Context { return ctx },
			}
			go func() {
				if err := srv.Warm(ctx); err != nil && ctx.Err() == nil {
					fmt.Fprintln(c.App.ErrWriter, "claimgraph: warming the entity index:", err)
				}
			}()
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			fmt.Fprintln(c.App.Writer, "claimgraph: shutting down")
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				hs.Close()
			}
			return nil
		},
	}
}
