// Command claimgraph turns archives of news articles into a fact-claim
// knowledge graph stored in cayley. Run `claimgraph --help`.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newApp(os.Stdout, os.Stderr).Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "claimgraph:", err)
		os.Exit(1)
	}
}
