package nlp

import (
	"strings"

	"github.com/claimgraph/claimgraph/gazetteer"
)

// refineTypes maps the recognizer's CoNLL types (PER, ORG, LOC, MISC) to
// claimgraph's types (PERSON, ORG, GPE, LOC, NORP, MISC) and corrects the
// recognizer where the gazetteer knows better:
//
//   - LOC becomes GPE for countries, cities and states, stays LOC for areas
//     (seas, regions, continents);
//   - MISC becomes NORP for demonyms ("North Korean", "Russians");
//   - a known organisation typed as a person or place becomes ORG
//     ("Kremlin", "NATO"), and a country typed as a person becomes GPE;
//   - an ORG the gazetteer knows as a country keeps ORG (sports teams and
//     governments are often named by their country).
func refineTypes(doc *Document) {
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		typ := m.Type
		switch typ {
		case "PER":
			typ = "PERSON"
		case "ORG", "LOC", "MISC":
		default:
			continue // already refined or a custom recognizer's type
		}
		name := strings.TrimSpace(m.Text)
		g, known := gazetteer.Lookup(name)
		if known && g.Ambiguous {
			known = false
		}
		switch {
		case known && g.Demonym:
			if typ != "PERSON" {
				typ = "NORP"
			}
		case known && g.Place.Type == gazetteer.TypeORG && typ != "ORG":
			typ = "ORG"
		case known && (typ == "LOC" || typ == "PERSON" || typ == "MISC") && g.Place.Type != gazetteer.TypeORG:
			if typ != "PERSON" || g.Place.Kind == gazetteer.KindCountry {
				typ = g.Place.Type // GPE or LOC
			}
		case typ == "LOC":
			typ = "LOC"
		}
		m.Type = typ
	}
}
