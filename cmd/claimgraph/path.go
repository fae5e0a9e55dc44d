package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/explore"
)

func pathCommand() *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "find a shortest path between two entities (roles, relations, claims)",
		ArgsUsage: "A B",
		Description: `Entities are given by ID ("person/mark-rutte") or by name or alias. A hop is a role or a
relation between two entities (either direction), or a claim made by one about the other.

Examples:
   claimgraph path Rutte Kursk
   claimgraph path person/mark-rutte org/kremlin --max-hops 4 --output json`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "max-hops", Value: explore.DefaultHops, Usage: fmt.Sprintf("longest path searched, 1..%d", explore.MaxHops)},
			outputFlag(),
			timeoutFlag(),
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) > 2 {
				// flags after A B (the CLI library stops at the first argument)
				if err := setTrailingFlags(c, args[2:]); err != nil {
					return err
				}
				args = args[:2]
			}
			if len(args) != 2 {
				return fmt.Errorf("path takes two entities A and B, got %d argument(s)", len(args))
			}
			if n := c.Int("max-hops"); n < 1 || n > explore.MaxHops {
				return fmt.Errorf("--max-hops %d is out of range (1..%d)", n, explore.MaxHops)
			}
			if err := checkOutput(c); err != nil {
				return err
			}
			return withExplorer(c, func(ctx context.Context, x *explore.Explorer) error {
				p, err := x.Path(ctx, args[0], args[1], c.Int("max-hops"))
				if err != nil {
					return err
				}
				if c.String("output") == "json" {
					return writeJSONOut(c.App.Writer, p)
				}
				header := []string{"hop", "from", "edge", "to", "evidence"}
				var rows [][]string
				for i, s := range p.Steps {
					edge := s.Predicate
					if s.Forward {
						edge = "-[" + edge + "]->"
					} else {
						edge = "<-[" + edge + "]-"
					}
					ev := ""
					if s.Claim != nil {
						ev = fmt.Sprintf("%s %s: %s (article %s)", s.Claim.ClaimantText, s.Claim.CueText, s.Claim.Content, s.Claim.Article)
					}
					rows = append(rows, []string{strconv.Itoa(i + 1), s.From.Name + " (" + s.From.ID + ")", edge, s.To.Name + " (" + s.To.ID + ")", ev})
				}
				if c.String("output") == "table" {
					fmt.Fprintf(c.App.Writer, "%s → %s: %d hop(s)\n", p.From.Name, p.To.Name, p.Hops)
				}
				return writeRows(c, header, rows, 80)
			})
		},
	}
}

// setTrailingFlags applies flags written after the arguments
// ("path A B --max-hops 4").
func setTrailingFlags(c *cli.Context, rest []string) error {
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") {
			return fmt.Errorf("unexpected argument %q", a)
		}
		name, value, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok {
			if i+1 >= len(rest) {
				return fmt.Errorf("flag %s needs a value", a)
			}
			i++
			value = rest[i]
		}
		if err := c.Set(name, value); err != nil {
			return fmt.Errorf("flag %s: %v", a, err)
		}
	}
	return nil
}
