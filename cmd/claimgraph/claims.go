package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/explore"
)

// Shared by claims, contested, path: the --output flag and an explorer
// over the store.

func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "table", Usage: "table, json or csv"}
}

func timeoutFlag() cli.Flag {
	return &cli.DurationFlag{Name: "timeout", Value: 2 * time.Minute, Usage: "stop after this long"}
}

func checkOutput(c *cli.Context) error {
	switch o := c.String("output"); o {
	case "table", "json", "csv":
		return nil
	default:
		return fmt.Errorf("unknown --output %q (want table, json or csv)", o)
	}
}

// withExplorer opens the store read-only and runs fn with an Explorer and
// a context bounded by --timeout.
func withExplorer(c *cli.Context, fn func(ctx context.Context, x *explore.Explorer) error) error {
	st, err := openStoreLimit(c, true, explore.StoreQueryLimit)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	return fn(ctx, explore.New(st))
}

func writeJSONOut(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeRows prints a header and rows as a table (cells cut to width) or
// CSV.
func writeRows(c *cli.Context, header []string, rows [][]string, width int) error {
	w := c.App.Writer
	if c.String("output") == "csv" {
		cw := csv.NewWriter(w)
		cw.Write(header)
		cw.WriteAll(rows)
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, s := range r {
			s = strings.Join(strings.Fields(s), " ")
			if width > 0 && utf8.RuneCountInString(s) > width {
				s = string([]rune(s)[:width-1]) + "…"
			}
			cells[i] = s
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func claimantName(cl explore.Claim) string {
	if cl.Claimant != nil && cl.Claimant.Name != "" {
		return cl.Claimant.Name
	}
	return cl.ClaimantText
}

func aboutNames(cl explore.Claim) string {
	var names []string
	for _, e := range cl.About {
		names = append(names, e.Name)
	}
	return strings.Join(names, "; ")
}

func claimsCommand() *cli.Command {
	return &cli.Command{
		Name:  "claims",
		Usage: "list claims, by claimant, subject and stance",
		Description: `Entities are given by ID ("person/mark-rutte") or by name or alias ("Rutte").
Without filters, lists claims in store order (up to --limit).

Examples:
   claimgraph claims --about "North Korea"
   claimgraph claims --by person/mark-rutte --stance affirm
   claimgraph claims --stance deny --output csv > denials.csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "about", Usage: "claims about entity `E`"},
			&cli.StringFlag{Name: "by", Usage: "claims made by entity `E`"},
			&cli.StringFlag{Name: "stance", Usage: "affirm, deny or uncertain"},
			&cli.StringFlag{Name: "article", Usage: "claims of article `ID`"},
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most `N` claims"},
			outputFlag(),
			timeoutFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("claims takes no arguments (use --about, --by, --stance), got %q", c.Args().First())
			}
			if err := explore.CheckStance(c.String("stance")); err != nil {
				return err
			}
			if err := checkOutput(c); err != nil {
				return err
			}
			if n := c.Int("limit"); n < 1 || n > explore.MaxLimit {
				return fmt.Errorf("--limit %d is out of range (1..%d)", n, explore.MaxLimit)
			}
			return withExplorer(c, func(ctx context.Context, x *explore.Explorer) error {
				cs, err := x.Claims(ctx, explore.ClaimFilter{About: c.String("about"), By: c.String("by"),
					Stance: c.String("stance"), Article: c.String("article"), Limit: c.Int("limit")})
				if err != nil {
					return err
				}
				if c.String("output") == "json" {
					return writeJSONOut(c.App.Writer, cs)
				}
				header := []string{"stance", "claimant", "cue", "content", "about", "article", "date", "id"}
				var rows [][]string
				for _, cl := range cs {
					rows = append(rows, []string{cl.Stance, claimantName(cl), cl.CueText, cl.Content, aboutNames(cl), cl.Article, cl.Date, cl.ID})
				}
				if c.String("output") == "csv" {
					header = append(header, "claimant_entity", "content_start", "content_end", "quote")
					for i, cl := range cs {
						ent := ""
						if cl.Claimant != nil {
							ent = cl.Claimant.ID
						}
						rows[i] = append(rows[i], ent, strconv.Itoa(cl.ContentSpan.Start), strconv.Itoa(cl.ContentSpan.End), strconv.FormatBool(cl.Quote))
					}
				}
				return writeRows(c, header, rows, 60)
			})
		},
	}
}
