// Package graph is claimgraph's storage layer: it stores news fact-claim
// graphs as quads in a cayley quad store, every quad labelled with the IRI
// of the article it was extracted from (its provenance), and runs cayley
// queries on them. It is the only claimgraph package that imports cayley's
// store, query and server packages; other packages use the value types of
// github.com/cayleygraph/quad.
//
// # Basics
//
// Open a store with a Config. Embedded backends ("bolt", "bbolt", "leveldb",
// "badger") live in the directory Config.Path, which Open creates and
// initializes on first use; "postgres" takes a connection string in Path
// and "memstore" keeps everything in memory. With an empty Config.Backend,
// Open uses the backend of the store it finds at Path, or DefaultBackend
// for a new store (chosen by measurement, see BENCHMARKS.md).
//
//	st, err := graph.Open(ctx, graph.Config{Path: "data/graph"})
//	if err != nil {
//		return err // names the path; errors.Is(err, graph.ErrLocked) if in use
//	}
//	defer st.Close()
//
// Write one article per WriteBatch: the batch is one transaction, so an
// article is stored completely or not at all. Writing quads that are
// already stored is not an error, so an interrupted ingest can simply be
// run again; Has tells whether an article was ingested before:
//
//	done, err := st.Has(ctx, articleIRI, rdfType, newsArticle)
//	...
//	err = st.WriteBatch(ctx, quads) // each quad.Label is the article IRI
//
// A store that is empty can instead be bulk loaded (badger only): OpenBulk,
// Bulk.Write per batch, Bulk.Finish, then BulkDone once what the caller
// adds right after the load is written. Bulk writes cayley's kv layout
// itself, straight into badger's sorted tables (no read-modify-write per
// batch, no memtable, no compaction: half the ingest time on
// Reuters-21578), by sorting on disk, so its memory does not grow with the
// load; a load that never finished leaves a store that Open refuses
// (ErrBulkIncomplete) and OpenBulk loads again.
//
// Query runs Gizmo (cayley's JavaScript query language) and returns what
// cayley's HTTP API v2 returns, decoded from JSON:
//
//	res, err := st.Query(ctx, "gizmo", `g.V("<cg:alice>").In("<cg:claimant>").all()`, 0)
//	// res: []interface{}{map[string]interface{}{"id": "<https://...claim/1>"}, ...}
//
// The limit is 100 results by default and capped at Config.MaxQueryLimit;
// bound the run time with a ctx deadline (a runaway script is interrupted
// and returns an error wrapping context.DeadlineExceeded).
//
// RegisterNamespaces registers IRI prefixes process-wide in cayley's
// vocabulary registry (used by g.IRI after g.addDefaultNamespaces() in
// Gizmo, and by exports). IRIs are stored exactly as written: claimgraph
// stores compact IRIs ("cg:claimant"), which Gizmo queries match as
// "<cg:claimant>". A bare "cg:claimant" in Gizmo is a string literal.
//
// Handle and GuardHTTP exist to mount cayley's HTTP server on an open
// store; use them only for that.
//
// # Caveats
//
// Most of these are properties of cayley (v0.7.7-0.20240706181042-81dcd7d73e45)
// that this package works around; keep them in mind before using Handle or
// cayley directly.
//
//   - Failed writes. cayley's kv stores cache IRI → node ID mappings made
//     inside a write transaction even when it rolls back, and the next
//     transaction hands the same IDs to other nodes: quads are silently
//     attached to the wrong nodes, on disk. After any failed WriteBatch on an
//     embedded store, WriteBatch returns ErrNeedsReopen until the store is
//     closed and opened again (the data on disk is consistent). WriteBatch
//     rejects, before the transaction, quads cayley would fail on (missing
//     subject/predicate/object, value types other than quad's own).
//   - Writes and queries on bolt/bbolt. A bolt commit that grows the file
//     waits for all read transactions to end, while a running query keeps
//     read transactions open and opens new ones, which wait for the writer:
//     a deadlock. memstore has no locking (and no rollback). For these backends
//     WriteBatch therefore excludes queries (and vice versa); a long query
//     delays writes. Code using Handle must go through GuardHTTP and must not
//     write.
//   - Lock timeouts. cayley opens bolt and bbolt without a lock timeout, so
//     a second opener of a store (another process, or another Open in this
//     process) blocks forever. Open opens the embedded backends itself, with
//     Config.LockTimeout for bolt/bbolt (leveldb and badger fail at once),
//     and reports ErrLocked. It also applies Config.NoSync, which cayley's
//     registry ignores for leveldb and badger (leveldb then never fsyncs).
//   - Gizmo panics. Gizmo runs scripts in a goroutine of its own, and
//     some builtins panic on bad arguments (g.V().Out("<p>", 1), a numeric
//     tag; g.V().Out({})): the whole process dies and no caller can recover.
//     Query therefore parses every Gizmo script first and rejects literal
//     arguments of the wrong kind in those builtins (guard.go). A wrong value
//     passed through a variable is not caught and can still crash the
//     process; cayley would have to recover in its VM goroutine to fix that.
//     Panics elsewhere in cayley are recovered by every Store method and
//     returned as errors.
//   - Gizmo results. As in API v2, a script whose last expression has a
//     value (say a final .toArray()) adds a null result; end scripts with
//     .all(), g.emit(...) or a statement. Numbers come back as json.Number.
//   - Memory. Each writable embedded store allocates about 150 MB of bloom
//     filters and scans all quads into them at Open (see BENCHMARKS.md for
//     the cost). Read-only stores skip them ("no_bloom"); set
//     Options{"no_bloom": true} to skip them on writable stores too, at the
//     cost of an index lookup per written quad.
//   - Pipelined commits (Config.PipelinedCommits, badger): WriteBatch
//     returns before badger has applied the transaction, so the next one
//     overlaps that work; readers still see every returned write (badger
//     makes them wait), and Store.Behind gives the writer a view that does
//     not wait and may miss its last write. A failure to apply surfaces at
//     the next WriteBatch or at Close (ErrEarlierCommit), the writes from
//     the failed one on being lost: for batch jobs that a re-run completes,
//     not for acknowledging each write to a client.
//   - badger (the default) keeps every write in its value log; nothing in
//     cayley runs value-log GC, and at these sizes it would reclaim nothing
//     (the head file is never collected), so the store grows faster on
//     disk than bbolt's (BENCHMARKS.md). Its memory use is also higher.
//   - Registration. cayley's kv package copies hidalgo's backends into its
//     registry during its own init and misses those initialized later; with
//     Go's package initialization order "badger" is missed, so backends.go
//     registers it.
//   - boltdb/bolt v1.3.1 is unmaintained and dies under the race detector
//     ("fatal error: checkptr: converted pointer straddles multiple
//     allocations"); prefer bbolt, which reads and writes the same files.
//     Tests skip bolt under -race.
//   - Duplicates. Writing a quad that is already stored leaves the store's
//     contents unchanged, but cayley still runs a write transaction and
//     increments the reference counts of the quad's nodes (so such nodes
//     would survive the deletion of all their quads). Rewriting a stored
//     article costs as much as writing a new one, or more; check Has first.
//   - Empty kv stores. cayley's kv Stats fails with "kv: no bucket" before
//     the first write; QuadCount reports 0.
//   - Logging. cayley's SQL backend logs connection strings, passwords
//     included; this package installs a cayley logger (clog) that removes
//     them and otherwise logs like cayley's default.
//   - Namespaces are process-wide (package voc): a prefix must end in ":"
//     there (RegisterNamespaces adds it), and prefixes whose IRIs overlap
//     make short forms ambiguous.
package graph
