package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/explore"
)

func partyNames(ps []explore.Party) string {
	var names []string
	for _, p := range ps {
		if p.Entity != nil {
			names = append(names, p.Entity.Name)
		} else {
			names = append(names, p.Text)
		}
	}
	return strings.Join(names, "; ")
}

func contestedCommand() *cli.Command {
	return &cli.Command{
		Name:  "contested",
		Usage: "list contested propositions (claims about the same thing with opposite stances) with both sides",
		Description: `Each proposition is followed by its claims, one line each, with stance and claimant.

Examples:
   claimgraph contested
   claimgraph contested --about "North Korea" --output json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "about", Usage: "only propositions with a claim by or about entity `E`"},
			&cli.StringFlag{Name: "article", Usage: "only propositions of article `ID`"},
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most `N` propositions"},
			outputFlag(),
			timeoutFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("contested takes no arguments, got %q", c.Args().First())
			}
			if err := checkOutput(c); err != nil {
				return err
			}
			if n := c.Int("limit"); n < 1 || n > explore.MaxLimit {
				return fmt.Errorf("--limit %d is out of range (1..%d)", n, explore.MaxLimit)
			}
			return withExplorer(c, func(ctx context.Context, x *explore.Explorer) error {
				gs, err := x.Contested(ctx, explore.ContestedFilter{About: c.String("about"), Article: c.String("article"), Limit: c.Int("limit")})
				if err != nil {
					return err
				}
				if c.String("output") == "json" {
					return writeJSONOut(c.App.Writer, gs)
				}
				header := []string{"proposition", "side", "stance", "claimant", "cue", "content", "article", "id"}
				var rows [][]string
				for _, g := range gs {
					side := func(name string, cs []explore.Claim) {
						for _, cl := range cs {
							rows = append(rows, []string{g.Proposition, name, cl.Stance, claimantName(cl), cl.CueText, cl.Content, g.Article, g.ID})
						}
					}
					side("affirmed", g.Affirm)
					side("denied", g.Deny)
					side("uncertain", g.Uncertain)
				}
				if c.String("output") == "table" {
					// one block per proposition: the sides, then the claims
					for i, g := range gs {
						if i > 0 {
							fmt.Fprintln(c.App.Writer)
						}
						fmt.Fprintf(c.App.Writer, "%s  [%s, article %s]\n  affirmed by: %s\n  denied by:   %s\n", g.Proposition, g.ID, g.Article, partyNames(g.AffirmedBy), partyNames(g.DeniedBy))
					}
					if len(gs) > 0 {
						fmt.Fprintln(c.App.Writer)
					}
					for i := range rows {
						rows[i] = rows[i][1:7]
					}
					return writeRows(c, header[1:7], rows, 70)
				}
				return writeRows(c, header, rows, 0)
			})
		},
	}
}
