// Package ingest is claimgraph's driver: it reads articles from files and
// archives, runs them through the NLP stage and the linker on a pool of
// workers, and hands the results, in input order, to a sink (the JSON
// writer of `claimgraph extract`), or stores them ([Ingest], used by
// `claimgraph ingest` with the graph store).
//
// # Basics
//
//	x, _ := ingest.NewExtractor()
//	res, err := x.Extract(ingest.Article{ID: "a1", Text: text})
//
// [Walk] lists the article files under paths; [ReadFile] reads one, of any
// format; [Run] runs one reader, N extraction workers and one sink under one
// context; [Ingest] reads, extracts and stores, several whole articles per
// transaction, skipping what is stored already.
//
// # Formats
//
// Detected from the name and the first bytes (ReadOptions.Format forces
// one): plain text and Markdown (the first non-empty line is the
// headline); HTML (main text and metadata by go-readability, after
// removing page furniture); JSON Lines, JSON arrays and CSV with a header
// (field names in [Fields]); Reuters-21578 SGML; WARC (HTML responses, by
// github.com/nlnwa/gowarc). Containers are unpacked, nested: gzip, zstd
// (github.com/klauspost/compress), tar, zip. A bad record is reported with
// its file and record number, and reading goes on.
//
// # Identity
//
// Article IDs are deterministic: the ID given by the input, or else a hash
// of its URL, or else a hash of the normalised text ([ContentHash]). An
// article is stored once per ID and text: the same archive ingested twice
// adds nothing, a run stopped at any moment is finished by the next one,
// and a text found again (another file, another URL) is stored once with
// the places it was found ([Article.Sources]). An ID that two different
// texts carry is kept by the first; the others get the text's hash
// appended ("id~3f2a9c...").
//
// # Caveats
//
// [Ingest] keeps a few dozen bytes per distinct article in memory (to find
// repeated texts and IDs within a run): about 40 MB per million articles.
// Everything else is bounded: a few batches and a few articles per worker
// are in flight at a time, whatever the size of the archive.
package ingest
