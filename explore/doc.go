// Package explore answers a researcher's questions over a claimgraph store:
// which entity a name means, what an entity claimed and what was claimed
// about it, which propositions are contested and by whom, how two entities
// are connected, what an article says and where (byte spans), and which
// quads make up an article or the neighbourhood of an entity (exports in
// N-Quads, JSON-LD, GraphML and DOT).
//
// It is shared by the CLI (claimgraph claims, contested, path, export) and
// the HTTP server (package server), so both give the same answers. All
// reads go through graph.Store.ReadQuads, which scans cayley's quad
// indexes (subject+predicate, object+predicate+subject) directly; it
// imports no cayley store or query package.
//
// Why not Gizmo: every fact is stored once per article that states it
// (the label is the article), so a country's cg:name is thousands of
// quads, and on the kv backends cayley plans multi-step Gizmo paths
// (In(rdf:type) from a class, Out with a list of predicates, Has on a
// hub, chained Saves) as scans of every quad of a predicate or as
// cross-products of those copies: seconds to minutes on the Reuters
// store, where the index scans here take milliseconds.
//
// # Basics
//
//	x := explore.New(st) // st: an open *graph.Store
//	e, err := x.Resolve(ctx, "Rutte") // an ID ("person/mark-rutte"), a name or an alias
//	claims, err := x.Claims(ctx, explore.ClaimFilter{About: e.ID, Stance: "deny", Limit: 50})
//	groups, err := x.Contested(ctx, explore.ContestedFilter{Limit: 20})
//	p, err := x.Path(ctx, "person/mark-rutte", "place/kursk", 3)
//	a, err := x.Article(ctx, "c372c201ad60cb5f")
//
// Entity IDs are written as in the extract object ("person/mark-rutte"),
// article IDs as given at ingest; IRIs in results are compact
// ("ent:person/mark-rutte"), as stored.
//
// # Errors
//
// Unknown entities and articles are ErrNotFound (wrapped, with the name
// asked for and suggestions); a name that fits several entities is an
// *AmbiguousError listing them; a bad argument (unknown stance, hop count
// out of range, unknown export format) is ErrBadArgument. The server maps
// these to 404, 409 and 400.
//
// # Caveats
//
//   - Claims, contested groups and searches return at most Limit items, in
//     the store's index order (then sorted for display): on a large store
//     a small limit shows some of the matches, not the "first" by date.
//   - Path treats the entity graph as undirected: an edge is a role or
//     relation quad between two entities (either direction), or a claim
//     (from its claimant to each entity it is about, and back). Each step
//     says which way the underlying quad points. Hubs (a country in
//     thousands of claims) make wide frontiers; MaxHops bounds the work.
//   - The Explorer caches entity names and types, the entity graph's edges
//     (Path) and the name index (Search); call Invalidate after writes.
//     The first Search reads every entity's names (seconds on a large
//     store).
//   - Relation spans are not stored (the schema keeps relations as
//     entity-to-entity quads), so Article returns relations without spans;
//     the server recovers them by re-extracting the stored text.
package explore
