// Package linker turns an [nlp.Document] into an [Article]: canonical
// entities, roles, attributed claims, subject–predicate–object relations and
// contested propositions, each with byte offsets into the article text.
//
// # Basics
//
//	art := linker.New().Link(doc)
//
// The linker never runs prose: it reads the tokens, tags and mentions of the
// document, so it can be tested on documents built by hand.
//
// # Entities and the linking rule
//
// Mentions become entities under a canonical name and a deterministic ID
// (type class + slug of the canonical name, see [EntityID]):
//
//   - Places and demonyms resolve through package gazetteer: "U.S.", "US",
//     "America" and "American" are one entity, United States; the demonym
//     "North Korean" is a NORP mention of the GPE North Korea.
//   - Organisations: an acronym joins its expansion when the article gives
//     both ("North Atlantic Treaty Organization ... NATO"); well-known
//     organisations resolve through the gazetteer.
//   - Persons: honorifics and titles are stripped from the name and kept as
//     roles ("NATO Secretary General Mark Rutte" -> Mark Rutte, role
//     Secretary General of NATO). Inside an article, a lone surname or first
//     name ("Rutte") joins the full name that contains it when exactly one
//     full name does; a name with a middle initial ("Lloyd J. Austin") joins
//     "Lloyd Austin" when both occur.
//   - Across articles, entities are merged only with evidence: the same
//     canonical full name and the same type give the same ID in every
//     article. A lone name that could not be expanded inside its article
//     ("Bush" alone) gets an ID scoped to that article, so a 1990 and a 2004
//     "Bush" are never merged by guesswork.
//
// # Claims
//
// A claim is found at a cue: a reporting verb of a hand-made table (say,
// tell, state, confirm, deny, dismiss, report, believe, want ...) or of a
// lexicon learnt from PolNeAR's train split (claims_lexicon_data.go, with
// the command that rebuilds it), "according to", a noun of claim ("his
// claim that S"), a colon after a name ("WALLACE: ..."), or a dash signing a
// quotation. Shapes: `X said (that) S`, `"Q," X said`, `"Q," said X`,
// `X said: "Q"`, quotations over several sentences and paragraphs,
// `According to X, S`, `S, X added`, `X dismissed reports that S as fake`,
// `X called the claims groundless`, `..., saying S`, coordinated verbs,
// passives with "by X". Quotations are found on the characters of each
// paragraph, and no cue inside a quotation is read (it is the quoted
// speaker's). The claimant is the noun phrase before the cue (across
// auxiliaries, adverbs, parentheses, appositives, "who"), after it when
// inverted, or the speaker of the clause a participle hangs on; pronouns
// resolve to the last person (he, she) or organisation (they, it) named
// before, "the minister"/"the ministry" to the person/organisation named
// before; an unnamed speaker ("a senior Iranian official") is kept as text
// and linked to the first entity of the phrase as its affiliation. Content
// follows PolNeAR's convention: a quotation keeps its marks, a that-clause
// its "that". The comment at the top of claims.go has the details.
//
// Stance: deny for denial cues (deny, dismiss, reject, refute) and for
// "call/describe X Y" when Y says X is untrue (groundless, fake, false);
// uncertain when the cue is negated ("did not confirm") or hedged (may,
// reportedly, allegedly, it is unclear whether); affirm otherwise. Kind:
// speech, belief ("believes") or intention ("wants", "plans to").
//
// # Relations
//
// Relations come from a dependency parse of each sentence (package parse):
// subject, predicate (verb with particles, folded complements, a moved
// preposition) and object, with time and place as extra arguments, for
// active and passive verbs, copulas, appositives ("X, the Y" -> X is the
// Y), possessives, relative clauses and coordination, each with a
// confidence. An argument is linked to an entity when its head or a
// modifier of its head is a mention; the graph stores the relations whose
// both sides are entities.
//
// # Contested propositions
//
// Each denial defines a proposition: the entities and event words of its
// content (near-synonyms such as sent/deployed and soldiers/troops folded
// together). Claims that share an entity and an event word with it join its
// group; a claim whose content contains another claim's cue only reports
// that claim and takes no side. Groups with both an affirming and a denying
// claimant are reported as contested.
//
// # Caveats
//
// The rules read part-of-speech tags, not a parse: long sentences with
// several clauses may attach a content span too widely. A Linker is safe for
// concurrent use.
package linker
