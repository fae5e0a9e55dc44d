package gazetteer

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/biter777/countries"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      string // canonical name
		typ       string
		kind      Kind
		country   string
		demonym   bool
		ambiguous bool
	}{
		{"US dotted", "U.S.", "United States", TypeGPE, KindCountry, "US", false, false},
		{"US bare", "US", "United States", TypeGPE, KindCountry, "US", false, false},
		{"USA", "USA", "United States", TypeGPE, KindCountry, "US", false, false},
		{"USA dotted", "U.S.A.", "United States", TypeGPE, KindCountry, "US", false, false},
		{"United States", "United States", "United States", TypeGPE, KindCountry, "US", false, false},
		{"the United States", "the United States", "United States", TypeGPE, KindCountry, "US", false, false},
		{"America", "America", "United States", TypeGPE, KindCountry, "US", false, false},
		{"American", "American", "United States", TypeGPE, KindCountry, "US", true, false},
		{"Americans", "Americans", "United States", TypeGPE, KindCountry, "US", true, false},
		{"North Korean", "North Korean", "North Korea", TypeGPE, KindCountry, "KP", true, false},
		{"DPRK", "DPRK", "North Korea", TypeGPE, KindCountry, "KP", false, false},
		{"South Koreans", "South Koreans", "South Korea", TypeGPE, KindCountry, "KR", true, false},
		{"Russians", "Russians", "Russia", TypeGPE, KindCountry, "RU", true, false},
		{"Russian Federation", "Russian Federation", "Russia", TypeGPE, KindCountry, "RU", false, false},
		{"Brussels", "Brussels", "Brussels", TypeGPE, KindCity, "BE", false, false},
		{"Kursk", "Kursk", "Kursk", TypeGPE, KindCity, "RU", false, false},
		{"Kursk region", "Kursk region", "Kursk region", TypeGPE, KindRegion, "RU", false, false},
		{"Indo-Pacific", "Indo-Pacific", "Indo-Pacific", TypeLOC, KindArea, "", false, false},
		{"Indo Pacific spaced", "Indo Pacific", "Indo-Pacific", TypeLOC, KindArea, "", false, false},
		{"Euro-Atlantic", "Euro-Atlantic", "Euro-Atlantic", TypeLOC, KindArea, "", false, false},
		{"NATO", "NATO", "NATO", TypeORG, KindOrg, "", false, false},
		{"Nato", "Nato", "NATO", TypeORG, KindOrg, "", false, false},
		{"UN dotted", "U.N.", "United Nations", TypeORG, KindOrg, "", false, false},
		{"EU", "EU", "European Union", TypeORG, KindOrg, "", false, false},
		{"the Kremlin", "the Kremlin", "Kremlin", TypeORG, KindOrg, "RU", false, false},
		{"Kremlin", "Kremlin", "Kremlin", TypeORG, KindOrg, "RU", false, false},
		{"the Pentagon", "the Pentagon", "Pentagon", TypeORG, KindOrg, "US", false, false},
		{"Britain", "Britain", "United Kingdom", TypeGPE, KindCountry, "GB", false, false},
		{"UK", "UK", "United Kingdom", TypeGPE, KindCountry, "GB", false, false},
		{"U.K.", "U.K.", "United Kingdom", TypeGPE, KindCountry, "GB", false, false},
		{"Britons", "Britons", "United Kingdom", TypeGPE, KindCountry, "GB", true, false},
		{"Holland", "Holland", "Netherlands", TypeGPE, KindCountry, "NL", false, false},
		{"Ivory Coast", "Ivory Coast", "Ivory Coast", TypeGPE, KindCountry, "CI", false, false},
		{"Cote d'Ivoire curly accented", "Côte d’Ivoire", "Ivory Coast", TypeGPE, KindCountry, "CI", false, false},
		{"Soviet Union", "Soviet Union", "Soviet Union", TypeGPE, KindCountry, "SU", false, false},
		{"USSR", "USSR", "Soviet Union", TypeGPE, KindCountry, "SU", false, false},
		{"Soviets", "Soviets", "Soviet Union", TypeGPE, KindCountry, "SU", true, false},
		{"Iran formal", "Islamic Republic of Iran", "Iran", TypeGPE, KindCountry, "IR", false, false},
		{"Syria module name", "Syrian Arab Republic", "Syria", TypeGPE, KindCountry, "SY", false, false},
		{"Czechia", "Czechia", "Czech Republic", TypeGPE, KindCountry, "CZ", false, false},
		{"Turkiye", "Türkiye", "Turkey", TypeGPE, KindCountry, "TR", false, false},
		{"possessive", "Russia's", "Russia", TypeGPE, KindCountry, "RU", false, false},
		{"possessive curly", "America’s", "United States", TypeGPE, KindCountry, "US", false, false},
		{"possessive acronym", "U.S.'s", "United States", TypeGPE, KindCountry, "US", false, false},
		{"plural possessive", "Russians'", "Russia", TypeGPE, KindCountry, "RU", true, false},
		{"headline caps", "NORTH KOREA", "North Korea", TypeGPE, KindCountry, "KP", false, false},
		{"the Netherlands", "the Netherlands", "Netherlands", TypeGPE, KindCountry, "NL", false, false},
		{"Kiev", "Kiev", "Kyiv", TypeGPE, KindCity, "UA", false, false},
		{"Washington DC", "Washington, D.C.", "Washington", TypeGPE, KindCity, "US", false, false},
		{"Washington", "Washington", "Washington", TypeGPE, KindCity, "US", false, true},
		{"New York", "New York", "New York", TypeGPE, KindCity, "US", false, true},
		{"Texas", "Texas", "Texas", TypeGPE, KindRegion, "US", false, false},
		{"Ontario", "Ontario", "Ontario", TypeGPE, KindRegion, "CA", false, false},
		{"Middle East", "Middle East", "Middle East", TypeLOC, KindArea, "", false, false},
		{"Persian Gulf", "Persian Gulf", "Persian Gulf", TypeLOC, KindArea, "", false, false},
		{"Gaza Strip", "Gaza Strip", "Gaza Strip", TypeLOC, KindArea, "PS", false, false},
		{"Crimea", "Crimea", "Crimea", TypeLOC, KindArea, "UA", false, false},
		{"Donbass", "Donbass", "Donbas", TypeLOC, KindArea, "UA", false, false},
		{"Antarctica", "Antarctica", "Antarctica", TypeLOC, KindArea, "AQ", false, false},
		{"Frankfurt", "Frankfurt", "Frankfurt", TypeGPE, KindCity, "DE", false, false},
		{"Zurich accented", "Zürich", "Zurich", TypeGPE, KindCity, "CH", false, false},
		{"city-state", "Singapore", "Singapore", TypeGPE, KindCountry, "SG", false, false},
		// Ambiguity decisions.
		{"Georgia prefers country", "Georgia", "Georgia", TypeGPE, KindCountry, "GE", false, true},
		{"Georgian", "Georgian", "Georgia", TypeGPE, KindCountry, "GE", true, true},
		{"Jordan", "Jordan", "Jordan", TypeGPE, KindCountry, "JO", false, true},
		{"Chad", "Chad", "Chad", TypeGPE, KindCountry, "TD", false, true},
		{"Turkey", "Turkey", "Turkey", TypeGPE, KindCountry, "TR", false, true},
		{"Guinea", "Guinea", "Guinea", TypeGPE, KindCountry, "GN", false, true},
		{"China", "China", "China", TypeGPE, KindCountry, "CN", false, false},
		{"Congo prefers DRC", "Congo", "Democratic Republic of the Congo", TypeGPE, KindCountry, "CD", false, true},
		{"Congolese", "Congolese", "Democratic Republic of the Congo", TypeGPE, KindCountry, "CD", true, true},
		{"Dominican", "Dominican", "Dominican Republic", TypeGPE, KindCountry, "DO", true, true},
		{"Gaza", "Gaza", "Gaza Strip", TypeLOC, KindArea, "PS", false, false},
		{"AP abbreviation", "Calif.", "California", TypeGPE, KindRegion, "US", false, false},
		{"AP abbreviation that is a word", "Ill.", "Illinois", TypeGPE, KindRegion, "US", false, true},
		{"Virgin Islands", "Virgin Islands", "U.S. Virgin Islands", TypeGPE, KindCountry, "VI", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := Lookup(tc.in)
			if !ok {
				t.Fatalf("Lookup(%q) not found", tc.in)
			}
			p := m.Place
			if p.Name != tc.want || p.Type != tc.typ || p.Kind != tc.kind || p.Country != tc.country {
				t.Errorf("Lookup(%q) = %s %s %s %q, want %s %s %s %q",
					tc.in, p.Name, p.Type, p.Kind, p.Country, tc.want, tc.typ, tc.kind, tc.country)
			}
			if m.Demonym != tc.demonym {
				t.Errorf("Lookup(%q).Demonym = %v, want %v", tc.in, m.Demonym, tc.demonym)
			}
			if m.Ambiguous != tc.ambiguous {
				t.Errorf("Lookup(%q).Ambiguous = %v, want %v", tc.in, m.Ambiguous, tc.ambiguous)
			}
		})
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, in := range []string{
		"", "   ", "Narnia", "Xyzzy City",
		"Korean", "Korea", // do not tell North from South
		"us", "who", "Who", // lower-case words are not acronyms
		"chad", "turkey", "jordan", // ambiguous forms are never matched case-insensitively
		"the", "The",
	} {
		if m, ok := Lookup(in); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", in, m)
		}
	}
}

func TestLookupAll(t *testing.T) {
	ms := LookupAll("Georgia")
	if len(ms) != 2 || ms[0].Place.Country != "GE" || ms[1].Place.Kind != KindRegion || ms[1].Place.Country != "US" {
		t.Fatalf("LookupAll(Georgia) = %+v, want country GE then US state", ms)
	}
	for _, m := range ms {
		if !m.Ambiguous {
			t.Errorf("LookupAll(Georgia): %s not ambiguous", m.Place.Name)
		}
	}
	if ms := LookupAll("Narnia"); ms != nil {
		t.Errorf("LookupAll(Narnia) = %+v, want nil", ms)
	}
}

func TestCountry(t *testing.T) {
	tests := []struct{ code, want string }{
		{"US", "United States"}, {"usa", "United States"}, {"GBR", "United Kingdom"},
		{"UK", "United Kingdom"}, {"KP", "North Korea"}, {"KOR", "South Korea"},
		{"RU", "Russia"}, {"IR", "Iran"}, {"SY", "Syria"}, {"VN", "Vietnam"},
		{"TW", "Taiwan"}, {"CZ", "Czech Republic"}, {"SU", "Soviet Union"}, {"XK", "Kosovo"},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			p, ok := Country(tc.code)
			if !ok || p.Name != tc.want || p.Kind != KindCountry {
				t.Errorf("Country(%q) = %+v, %v; want %s", tc.code, p, ok, tc.want)
			}
		})
	}
	if p, ok := Country("XX"); ok {
		t.Errorf("Country(XX) = %+v, want not found", p)
	}
}

func TestIsDemonym(t *testing.T) {
	tests := []struct {
		word, want string // want "" = not a demonym
	}{
		{"German", "Germany"}, {"Germans", "Germany"}, {"North Korean", "North Korea"},
		{"American", "United States"}, {"French", "France"}, {"Dutch", "Netherlands"},
		{"Filipinos", "Philippines"}, {"Israelis", "Israel"}, {"Palestinians", "Palestine"},
		{"Texan", "Texas"}, {"European", "Europe"},
		{"Korean", ""}, {"Germany", ""}, {"NATO", ""}, {"Paris", ""},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			p, ok := IsDemonym(tc.word)
			if tc.want == "" {
				if ok {
					t.Errorf("IsDemonym(%q) = %s, want false", tc.word, p.Name)
				}
				return
			}
			if !ok || p.Name != tc.want {
				t.Errorf("IsDemonym(%q) = %q, %v; want %q", tc.word, p.Name, ok, tc.want)
			}
		})
	}
}

// TestModuleCountriesCovered checks that every country of the module has a
// row with a canonical name, and that every sovereign state has a demonym.
func TestModuleCountriesCovered(t *testing.T) {
	byCode := map[string]Place{}
	for _, p := range Countries() {
		byCode[p.Alpha2] = p
	}
	var missing []string
	sovereign := 0
	for _, c := range countries.All() {
		p, ok := byCode[c.Alpha2()]
		if !ok || p.Name == "" {
			missing = append(missing, c.Alpha2()+" "+c.String()+": no row")
			continue
		}
		if p.Alpha3 != c.Alpha3() {
			missing = append(missing, fmt.Sprintf("%s: alpha3 %s, module %s", c.Alpha2(), p.Alpha3, c.Alpha3()))
		}
		if !p.Sovereign {
			continue
		}
		sovereign++
		if !hasDemonym(p) {
			missing = append(missing, c.Alpha2()+" "+p.Name+": no demonym")
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d module countries lack data:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	// 193 UN members + 2 observer states + Kosovo + Taiwan.
	if sovereign != 197 {
		t.Errorf("%d sovereign states, want 197", sovereign)
	}
}

func hasDemonym(p Place) bool {
	g := get()
	for _, cs := range g.exact {
		for _, c := range cs {
			if c.demonym && g.places[c.place].Alpha2 == p.Alpha2 {
				return true
			}
		}
	}
	return false
}

// TestNoUnmarkedClashes checks that no surface form maps to two different
// places unless every reading of it is marked ambiguous.
func TestNoUnmarkedClashes(t *testing.T) {
	g := get()
	var bad []string
	for stage, m := range map[string]map[string][]cand{"normalised": g.norm, "case-folded": g.fold} {
		for key, cs := range m {
			places := map[int32]bool{}
			unmarked := false
			for _, c := range cs {
				places[c.place] = true
				unmarked = unmarked || !c.ambiguous
			}
			if len(places) > 1 && unmarked {
				var names []string
				for _, c := range cs {
					p := g.places[c.place]
					names = append(names, fmt.Sprintf("%s/%s/%s(ambiguous=%v)", p.Name, p.Kind, p.Country, c.ambiguous))
				}
				bad = append(bad, fmt.Sprintf("%s %q -> %s", stage, key, strings.Join(names, ", ")))
			}
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("%d forms map to several places without an ambiguity mark:\n%s", len(bad), strings.Join(bad, "\n"))
	}
}

// TestAgreesWithModuleByName cross-checks country names and aliases against
// the module's own name resolver: when it knows a form, it must agree.
func TestAgreesWithModuleByName(t *testing.T) {
	// Deliberate disagreements with the module.
	known := map[string]string{
		"Republic of Congo": "module maps it to the DRC; it is Congo-Brazzaville",
		"Congo Republic":    "same as Republic of Congo",
		"USSR":              "module maps it to Russia; we keep the Soviet Union",
		"U.S.S.R.":          "same as USSR",
	}
	g := get()
	var bad []string
	for form, cs := range g.exact {
		c := cs[0]
		p := g.places[c.place]
		if p.Alpha2 == "" || c.demonym || c.ambiguous || len(cs) > 1 || known[form] != "" {
			continue
		}
		got := countries.ByName(form)
		if got != countries.Unknown && got.IsValid() && got.Alpha2() != p.Alpha2 {
			bad = append(bad, fmt.Sprintf("%q: data %s, module %s", form, p.Alpha2, got.Alpha2()))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("forms resolved differently by countries.ByName:\n%s", strings.Join(bad, "\n"))
	}
}

// TestSubdivisions checks US states and Canadian provinces/territories
// against the module's ISO 3166-2 subdivisions.
func TestSubdivisions(t *testing.T) {
	for _, cc := range []countries.CountryCode{countries.US, countries.CA} {
		for _, s := range cc.Subdivisions() {
			st := s.SubdivisionType()
			if st != countries.SubdivisionTypeState && st != countries.SubdivisionTypeProvince && st != countries.SubdivisionTypeTerritory {
				continue
			}
			found := false
			for _, m := range LookupAll(s.String()) {
				if m.Place.Kind == KindRegion && m.Place.Country == cc.Alpha2() {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s (%s) not a region of %s", string(s), s, st, cc.Alpha2())
			}
		}
	}
}

// TestCapitals checks that every sovereign state's capital (the module's, or
// the countries.tsv override) resolves to a city of that state, or to the
// state itself for city-states.
func TestCapitals(t *testing.T) {
	module := map[string]countries.CountryCode{}
	for _, c := range countries.All() {
		module[c.Alpha2()] = c
	}
	rows, err := parseCountries(module)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		p, _ := Country(r.alpha2)
		cap := r.capital // the module's capital unless countries.tsv overrides it
		if !p.Sovereign || cap == "" {
			continue
		}
		found := false
		for _, m := range LookupAll(cap) {
			if m.Place.Country == p.Alpha2 && (m.Place.Kind == KindCity || m.Place.Kind == KindCountry) {
				found = true
			}
		}
		if !found {
			t.Errorf("capital %q of %s does not resolve to it", cap, p.Name)
		}
	}
}

func TestNames(t *testing.T) {
	n := Names()
	for form, want := range map[string]string{
		"NATO": TypeORG, "Brussels": TypeGPE, "Indo-Pacific": TypeLOC, "Russians": TypeGPE,
		"U.S.": TypeGPE, "Kremlin": TypeORG, "Texas": TypeGPE, "Mediterranean Sea": TypeLOC,
	} {
		if n[form] != want {
			t.Errorf("Names()[%q] = %q, want %q", form, n[form], want)
		}
	}
	n["NATO"] = "junk"
	if Names()["NATO"] != TypeORG {
		t.Error("Names() shares its map with the index")
	}
}

func TestStatistics(t *testing.T) {
	s := Statistics()
	t.Logf("%+v", s)
	if s.Countries < 250 || s.Sovereign != 197 || s.Cities < 400 || s.Regions < 63 || s.Orgs < 40 {
		t.Errorf("unexpected counts %+v", s)
	}
}

func TestLoadTime(t *testing.T) {
	start := time.Now()
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("load took %v", d)
	// Generous bound so the race detector and slow CI pass; the benchmark
	// measures the real cost.
	if d > 500*time.Millisecond {
		t.Errorf("load took %v", d)
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, q := range []string{"U.S.", "Russians", "Georgia", "NATO", "the Kremlin", "Narnia"} {
				Lookup(q)
				LookupAll(q)
				IsDemonym(q)
			}
			Country("FR")
			_ = Names()["NATO"]
		}()
	}
	wg.Wait()
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	qs := []string{"U.S.", "Russians", "the Kremlin", "Côte d’Ivoire", "NORTH KOREA", "Narnia"}
	get()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Lookup(qs[i%len(qs)])
	}
}
