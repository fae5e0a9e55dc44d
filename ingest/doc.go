// Package ingest is claimgraph's driver: it reads articles from files,
// runs them through the NLP stage and the linker on a pool of workers, and
// hands the results, in input order, to a sink (the JSON writer of
// `claimgraph extract`, or the store writer of `claimgraph ingest`).
//
// # Basics
//
//	x, _ := ingest.NewExtractor()
//	res, err := x.Extract(ingest.Article{ID: "a1", Text: text})
//
// [Walk] lists the article files under paths; [ReadFile] reads one; [Run]
// runs one reader, N extraction workers and one sink under one context.
//
// # Caveats
//
// Article IDs are deterministic: the ID given by the input, or else a hash
// of the normalised text, so that the same article ingested twice is one
// article.
package ingest
