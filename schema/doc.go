// Package schema is claimgraph's graph vocabulary, in one place: the
// namespaces, the classes and predicates, the IRIs of articles, entities,
// claims, relations and roles, and the encoding of a linked article as
// quads ([Quads]).
//
// # Namespaces
//
// IRIs are stored in compact form, so Gizmo queries use them as written:
//
//	cg:         https://claimgraph.org/ns#          classes and predicates
//	art:        https://claimgraph.org/article/     articles (art:<id>)
//	ent:        https://claimgraph.org/entity/      entities (ent:<type>/<slug>)
//	claim:      https://claimgraph.org/claim/       claims
//	contested:  https://claimgraph.org/contested/   contested propositions
//	rel:        https://claimgraph.org/relation/    relation predicates (rel:deploy-troops-to)
//	role:       https://claimgraph.org/role/        role predicates (role:secretary-general)
//	rdf:        http://www.w3.org/1999/02/22-rdf-syntax-ns#
//
// The prefixes are not written into the store as cayley namespace quads on
// purpose: Gizmo's g.IRI("cg:x") would then expand to the full IRI, which is
// not what is stored. Register them with [Register] where expansion is
// wanted (exports).
//
// Entity types map to classes: PERSON cg:Person, ORG cg:Organization, GPE
// cg:GPE, LOC cg:Location, NORP cg:NORP, other cg:Misc. Entity IDs put
// persons under ent:person/, organisations under ent:org/ and places (GPE,
// LOC, NORP) under ent:place/.
//
// # Quad layout
//
// Every quad's label is the article it was read from (provenance), so the
// same fact read in two articles is two quads, and `g.V().Out(p, "<art:X>")`
// style filters and exports by article work. The exceptions: an entity's
// description (rdf:type, cg:name, cg:alias) is in the default graph, once
// however many articles name it (per-article copies were 8% of the quads
// of all Reuters-21578 stories and made each new article rewrite ever
// longer index entries of the entities named most), and the groups of claims
// contested across articles are labelled cg:contestedAcross. An example, from the sentence
// "NATO Secretary General Mark Rutte said North Korean troops were sent to
// Russia" in article art:a1:
//
//	<art:a1> ──rdf:type──▶ <cg:Article>
//	   ▲  ├──cg:title──▶ "NATO confirms ..."      ├──cg:text──▶ "..."
//	   │  └──cg:mentions──▶ "org/nato 0-4 120-124\nperson/mark-rutte 11-21 ..."  (one literal: a line per entity, its mentions' spans)
//	   │
//	   │ cg:mentionedIn                cg:mentionedIn
//	<ent:person/mark-rutte> ──role:secretary-general──▶ <ent:org/nato>
//	   ▲   ├──rdf:type──▶ <cg:Person>     ├──cg:name──▶ "Mark Rutte"
//	   │   ├──cg:alias──▶ "Rutte"         └──cg:roleTitle──▶ "Secretary General"
//	   │ cg:claimant
//	<claim:3f2a…> ──rdf:type──▶ <cg:Claim>
//	   ├──cg:cue──▶ "say"  (the lemma; the cue's words are its span of cg:text)
//	   ├──cg:stance──▶ "affirm"  ├──cg:kind──▶ "speech"    (├──cg:quote──▶ true: direct quotes only)
//	   ├──cg:content──▶ "North Korean troops were sent to Russia"
//	   ├──cg:spans──▶ "1 44-84 39-43 6-39"  (sentence, content, cue, claimant: FormatSpans)
//	   │   (cg:claimantText──▶ "officials": only for a claimant that is no entity;
//	   │    an entity's words, "NATO Secretary General Mark Rutte", are its span of cg:text)
//	   ├──cg:article──▶ <art:a1>
//	   └──cg:about──▶ <ent:place/north-korea>, <ent:place/russia>
//
//	   ├──cg:quantity──▶ {"text":"more than 600,000 Russians","value":600000,...}  (JSON, one per number)
//	   ├──cg:dateRef──▶ "2024-09"  (dates the content names, resolved)   cg:date: the claim's day
//	   ◀──cg:affirmedIn / cg:deniedIn── <key:k8f3…>  (its proposition keys, by its stance: how claims of other articles that it contests are found)
//
//	<ent:place/north-korea> ──rel:send-to──▶ <ent:place/russia>   (relations between two entities)
//	<art:a1> ──cg:relations──▶ [{"s":1,"c":0.8,"p":"send to","ps":[..],"ss":[..],"se":"place/north-korea",...}]
//	         (every relation of the article with its spans, in one JSON literal: FormatRelations)
//
//	<contested:9c1e…> ──rdf:type──▶ <cg:Contested>
//	   ├──cg:proposition──▶ "North Korean troops were sent to Russia"
//	   ├──cg:claim──▶ <claim:…> (every claim of the group)
//	   ├──cg:affirmedBy──▶ <ent:org/nato>   └──cg:deniedBy──▶ <ent:org/kremlin>
//
// Contested propositions across articles (found by the ingest writer,
// explore.ContestedAcross) are groups contested:across-<denial claim>,
// with the same predicates but no cg:article, labelled cg:contestedAcross.
// An article's copies found elsewhere are cg:foundIn literals on it
// (cg:source is its publisher).
//
// # Determinism
//
// IDs are hashes or slugs of canonical names, article IDs and offsets, never
// random: the same article gives the same quads, so re-ingesting adds
// nothing, and the order in which workers finish never changes the graph.
package schema
