// Package gazetteer is the place-name knowledge used by the claimgraph news
// entity linker.
//
// It maps surface forms found in English news text to one canonical place:
// name variants of countries ("U.S.", "USA", "America" -> United States),
// demonyms and adjectival forms ("North Korean", "Russians" -> the country),
// capitals and other major cities, first-level subdivisions (US states,
// Canadian provinces, ...), named areas (continents, world regions, seas,
// rivers, disputed territories) and organisations that are easily mistaken
// for places (NATO, the Kremlin, the Pentagon).
//
// # Data
//
// Country codes, formal names and capitals come from the Go module
// github.com/biter777/countries; everything else is in three hand-written,
// documented tab-separated files embedded with go:embed:
//
//   - data/countries.tsv: one row per ISO 3166-1 country or territory with
//     its common news name, aliases, demonyms, status and capital override;
//   - data/places.tsv: cities, subdivisions and areas;
//   - data/orgs.tsv: organisations.
//
// Each file's header explains its columns and how to extend it.
//
// # Types
//
// Every place has an OntoNotes-style entity type: "GPE" for countries,
// territories, cities and states/provinces; "LOC" for continents, world
// regions, seas, rivers and other areas without a government (including
// the Gaza Strip, West Bank, Crimea and Donbas, as the linker expects);
// "ORG" for organisations.
//
// # Matching
//
// Lookup tries, in order: the exact surface form; a normalised form (curly
// quotes and dashes made ASCII, dots and commas removed so "U.S." == "US",
// hyphens treated as spaces, diacritics folded, a trailing possessive "'s"
// or "'" dropped); the normalised form without a leading "the "; and finally
// a case-insensitive match. The case-insensitive step never matches an
// all-capitals acronym ("us" is not "US", "who" is not "WHO") nor a form
// marked ambiguous ("turkey" is not Turkey).
//
// # Ambiguity
//
// Forms that are also common words, personal names or other places are
// marked ambiguous in the data and reported through Match.Ambiguous so the
// linker can require supporting context. Decisions:
//
//   - "Georgia" prefers the country over the US state; "Georgian" likewise.
//     Both are ambiguous. In general a country beats a city, a city beats a
//     region (state/province), a region beats an area, an area beats an
//     organisation; within one kind, the capital of a sovereign state and
//     then the earlier data row wins.
//   - "Washington" and "New York" prefer the city over the state (ambiguous).
//   - "Congo" and "Congolese" prefer the Democratic Republic of the Congo
//     over the Republic of the Congo (ambiguous).
//   - "Dominican" prefers the Dominican Republic over Dominica (ambiguous).
//   - "Virgin Islands" prefers the U.S. Virgin Islands (ambiguous).
//   - "Jordan", "Chad", "Turkey", "Guinea", "Niger", "Jersey", "Macedonia",
//     "Indian", "Finn", "Pole", "Kiwi", "Gulf", "Amazon" and several city
//     names ("Nice", "Phoenix", "Victoria", "Kingston", "Male", "Tripoli")
//     are ambiguous, and so are AP state abbreviations that are words
//     ("Ill.", "Pa.", "Mass.").
//   - "Korean" and "Korea" are not mapped at all: they do not tell North
//     from South.
//   - "America" is the United States; "Americas" is the LOC area.
//   - City-states whose capital has the country's name (Singapore, Monaco,
//     Luxembourg, Djibouti, San Marino, Vatican City, Gibraltar, Hong Kong,
//     Macau) resolve to the country; no separate city entry is made.
//   - Places in disputed or occupied land carry the country of their
//     UN-recognised borders: Crimea and Donbas are UA, the Golan Heights SY;
//     "Gaza" is the Gaza Strip (LOC, PS), "Gaza City" the city. Jerusalem
//     is the module's capital of Israel; East Jerusalem is a city of PS.
//   - The Soviet Union (SU), Czechoslovakia (CS), East Germany (DD),
//     Yugoslavia (YU) and the Netherlands Antilles (AN) are historical GPEs
//     of their own.
//
// # Concurrency and cost
//
// The data is parsed once, lazily, on the first call (sync.Once); it takes
// a few milliseconds. After that all state is read-only and every function
// is safe for concurrent use. Returned values are copies.
package gazetteer
