package gazetteer

import (
	"strconv"
	"strings"
	"sync"
)

// Kind is the coarse class of a Place.
type Kind int

// Kinds of places.
const (
	// KindUnknown is the zero Kind; no Place has it.
	KindUnknown Kind = iota
	// KindCountry is a country, territory or historical state (GPE), or
	// Antarctica (LOC), i.e. anything with an ISO 3166-1 style code.
	KindCountry
	// KindCity is a city or town (GPE), capitals included.
	KindCity
	// KindRegion is a first-level subdivision such as a US state, a Canadian
	// province, a UK nation or an oblast (GPE).
	KindRegion
	// KindArea is a geographic or political area without a government of its
	// own: continent, world region, sea, strait, river, mountain range,
	// disputed or occupied territory (LOC).
	KindArea
	// KindOrg is an organisation or a seat of government used by metonymy
	// (ORG).
	KindOrg
	// kindCount is the number of kinds; keep kindNames in sync.
	kindCount
)

var kindNames = [kindCount]string{"Unknown", "Country", "City", "Region", "Area", "Org"}

// String returns the name of the kind ("Country", "City", ...).
func (k Kind) String() string {
	if k < 0 || k >= kindCount {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Entity types used in Place.Type (OntoNotes labels).
const (
	// TypeGPE marks geo-political entities: countries, cities, states.
	TypeGPE = "GPE"
	// TypeLOC marks locations without a government: continents, seas, areas.
	TypeLOC = "LOC"
	// TypeORG marks organisations.
	TypeORG = "ORG"
)

// Place is one canonical entry of the gazetteer.
type Place struct {
	// Name is the canonical English news name ("United States", "Kyiv").
	Name string
	// Type is the entity type: TypeGPE, TypeLOC or TypeORG.
	Type string
	// Kind is the coarse class of the place.
	Kind Kind
	// Country is the ISO alpha-2 code of the country the place is (for
	// countries) or lies in / belongs to (for cities, regions, national
	// bodies such as the Kremlin); empty for areas spanning several countries
	// and for international organisations.
	Country string
	// Alpha2 and Alpha3 are the ISO 3166-1 codes; set for KindCountry only.
	Alpha2, Alpha3 string
	// Sovereign reports whether a KindCountry place is a sovereign state
	// (UN member, UN observer state, or partially recognised: Kosovo,
	// Taiwan). False for territories, historical states and everything else.
	Sovereign bool
}

// Match is the result of resolving a surface form.
type Match struct {
	// Place is the preferred reading of the surface form.
	Place Place
	// Demonym reports that the form matched a demonym or adjectival form,
	// e.g. "North Korean", "Russians", rather than a name of the place.
	Demonym bool
	// Ambiguous reports that the form needs context before linking: it is
	// marked ambiguous in the data ("Jordan", "Chad") or it names more than
	// one place ("Georgia", "Congo"). LookupAll lists every reading.
	Ambiguous bool
}

// Lookup resolves a surface form to its preferred place. It tries the exact
// form first, then a normalised form (dots in acronyms removed so "U.S." ==
// "US", a leading "the " dropped, a possessive "'s" dropped, curly quotes,
// dashes and diacritics folded), then a case-insensitive match that skips
// all-capitals acronyms and ambiguous forms. It reports false for unknown
// names.
func Lookup(name string) (Match, bool) {
	g := get()
	cs := g.find(name)
	if len(cs) == 0 {
		return Match{}, false
	}
	return g.match(cs, cs[0]), true
}

// LookupAll returns every reading of a surface form, preferred reading
// first, using the same matching steps as Lookup. It returns nil for
// unknown names.
func LookupAll(name string) []Match {
	g := get()
	cs := g.find(name)
	if len(cs) == 0 {
		return nil
	}
	out := make([]Match, len(cs))
	for i, c := range cs {
		out[i] = g.match(cs, c)
	}
	return out
}

// Country returns the canonical country for an ISO 3166-1 alpha-2 or
// alpha-3 code, case-insensitively ("US", "usa", "GBR"). The exceptionally
// reserved code "UK" is accepted for the United Kingdom, and the historical
// codes SU, CS, DD, YU and AN are known.
func Country(code string) (Place, bool) {
	g := get()
	i, ok := g.codes[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// IsDemonym reports whether word is a demonym or adjectival form ("German",
// "Germans", "North Korean") and returns the place it refers to, normally a
// country; a few regions and areas have them too ("Texan", "European").
// It uses the same matching steps as Lookup; for forms such as "Congolese"
// use Lookup to learn whether the reading is ambiguous.
func IsDemonym(word string) (Place, bool) {
	g := get()
	for _, c := range g.find(word) {
		if c.demonym {
			return g.places[c.place], true
		}
	}
	return Place{}, false
}

// Names returns every surface form listed in the data (names, aliases,
// demonyms, module names and capitals, exactly as written) with the entity
// type of its preferred reading, for building a gazetteer feature for NER.
// The map is a fresh copy that the caller may modify.
func Names() map[string]string {
	g := get()
	out := make(map[string]string, len(g.names))
	for k, v := range g.names {
		out[k] = v
	}
	return out
}

// Countries returns every country-level place (sovereign states,
// territories, historical states and Antarctica) in data-file order.
func Countries() []Place {
	g := get()
	var out []Place
	for _, p := range g.places {
		if p.Alpha2 != "" {
			out = append(out, p)
		}
	}
	return out
}

// Stats describes the size of the loaded data.
type Stats struct {
	Countries int // country-level rows (states, territories, historical, Antarctica)
	Sovereign int // of which sovereign states
	Capitals  int // capital city entries (generated from the module or re-declared)
	Cities    int // all city entries, capitals included
	Regions   int // states, provinces and other subdivisions
	Areas     int // LOC areas (Antarctica excluded)
	Orgs      int // organisations
	Aliases   int // alias forms written in the data files
	Demonyms  int // demonym/adjectival forms written in the data files
	Forms     int // distinct surface forms returned by Names
}

// Statistics returns counts describing the loaded data.
func Statistics() Stats {
	return get().stats
}

var (
	once   sync.Once
	loaded *gazetteer
)

// get loads the embedded data once. The data is static and validated by the
// package tests, so a load error is a programming error and panics.
func get() *gazetteer {
	once.Do(func() {
		g, err := load()
		if err != nil {
			panic("gazetteer: " + err.Error())
		}
		loaded = g
	})
	return loaded
}
