package gazetteer

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/biter777/countries"
)

//go:embed data/countries.tsv data/places.tsv data/orgs.tsv
var dataFS embed.FS

// cand is one reading of a surface form.
type cand struct {
	place     int32
	demonym   bool
	ambiguous bool
}

// gazetteer is the loaded, read-only index.
type gazetteer struct {
	places []Place
	rank   []int32 // preference rank per place; lower wins
	exact  map[string][]cand
	norm   map[string][]cand
	fold   map[string][]cand
	codes  map[string]int32
	names  map[string]string
	stats  Stats
}

// find returns the readings of a surface form, preferred first.
func (g *gazetteer) find(name string) []cand {
	if cs := g.exact[name]; len(cs) > 0 {
		return cs
	}
	n := normalize(name)
	if n == "" {
		return nil
	}
	if cs := g.norm[n]; len(cs) > 0 {
		return cs
	}
	s := stripThe(n)
	if s != n {
		if cs := g.norm[s]; len(cs) > 0 {
			return cs
		}
	}
	if cs := g.fold[strings.ToLower(n)]; len(cs) > 0 {
		return cs
	}
	if s != n {
		return g.fold[strings.ToLower(s)]
	}
	return nil
}

// match builds the Match for reading c among the readings cs.
func (g *gazetteer) match(cs []cand, c cand) Match {
	amb := c.ambiguous
	for _, o := range cs {
		if o.place != c.place {
			amb = true
		}
	}
	return Match{Place: g.places[c.place], Demonym: c.demonym, Ambiguous: amb}
}

// Country statuses (column 3 of countries.tsv).
const (
	statusMember     = "member"
	statusObserver   = "observer"
	statusPartial    = "partial"
	statusTerritory  = "territory"
	statusHistorical = "historical"
	statusArea       = "area"
)

func sovereignStatus(s string) bool {
	return s == statusMember || s == statusObserver || s == statusPartial
}

// countryRow is one parsed row of countries.tsv.
type countryRow struct {
	line                      int
	alpha2, alpha3, status    string
	name, moduleName, capital string
	aliases, demonyms         []string
	ambiguous                 []string
}

// placeRow is one parsed row of places.tsv.
type placeRow struct {
	line                     int
	name, typ, kind, country string
	aliases, demonyms        []string
	ambiguous                []string
	used                     bool // consumed as a re-declared capital
}

// orgRow is one parsed row of orgs.tsv.
type orgRow struct {
	line          int
	name, country string
	aliases       []string
	ambiguous     []string
}

// readTSV returns the non-comment rows of an embedded file, each padded to
// n columns, with their 1-based line numbers.
func readTSV(file string, n int) ([][]string, []int, error) {
	b, err := dataFS.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	var lines []int
	for i, ln := range strings.Split(string(b), "\n") {
		ln = strings.TrimRight(ln, "\r")
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		f := strings.Split(ln, "\t")
		if len(f) > n {
			return nil, nil, fmt.Errorf("%s:%d: %d columns, want at most %d", file, i+1, len(f), n)
		}
		for len(f) < n {
			f = append(f, "")
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		rows = append(rows, f)
		lines = append(lines, i+1)
	}
	return rows, lines, nil
}

// list splits a comma-separated column.
func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// builder accumulates the index.
type builder struct {
	g       *gazetteer
	stats   Stats
	aliases int
}

func (b *builder) addPlace(p Place, rank int32) int32 {
	b.g.places = append(b.g.places, p)
	b.g.rank = append(b.g.rank, rank)
	return int32(len(b.g.places) - 1)
}

// addForm indexes one surface form of place i.
func (b *builder) addForm(form string, i int32, demonym, ambiguous bool) {
	if form == "" {
		return
	}
	c := cand{place: i, demonym: demonym, ambiguous: ambiguous}
	put := func(m map[string][]cand, k string) {
		cs := m[k]
		for j := range cs {
			if cs[j].place == i && cs[j].demonym == demonym {
				cs[j].ambiguous = cs[j].ambiguous || ambiguous
				return
			}
		}
		m[k] = append(cs, c)
	}
	put(b.g.exact, form)
	n := normalize(form)
	if n == "" {
		return
	}
	put(b.g.norm, n)
	if hasLower(n) && !ambiguous {
		put(b.g.fold, strings.ToLower(n))
	}
}

// marks resolves an ambiguity column against the forms of a row. "1" stands
// for the canonical name. Every mark must name a form of the row.
func marks(where string, col []string, name string, forms []string) (map[string]bool, error) {
	set := make(map[string]bool, len(col))
	for _, m := range col {
		if m == "1" {
			m = name
		}
		k := normalize(m)
		found := false
		for _, f := range forms {
			if normalize(f) == k {
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: ambiguity mark %q is not a form of the row", where, m)
		}
		set[k] = true
	}
	return set, nil
}

// load parses the embedded data and builds the index.
func load() (*gazetteer, error) {
	g := &gazetteer{
		exact: make(map[string][]cand, 4096),
		norm:  make(map[string][]cand, 4096),
		fold:  make(map[string][]cand, 4096),
		codes: make(map[string]int32, 512),
		names: make(map[string]string, 4096),
	}
	b := &builder{g: g}

	module := make(map[string]countries.CountryCode, 256)
	for _, c := range countries.All() {
		module[c.Alpha2()] = c
	}

	crows, err := parseCountries(module)
	if err != nil {
		return nil, err
	}
	prows, err := parsePlaces()
	if err != nil {
		return nil, err
	}
	orows, err := parseOrgs()
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(crows))
	for _, r := range crows {
		known[r.alpha2] = true
	}

	// Countries.
	type pending struct {
		row   *countryRow
		place int32
		amb   map[string]bool
		forms []string
	}
	var done []pending
	for k := range crows {
		r := &crows[k]
		p := Place{Name: r.name, Type: TypeGPE, Kind: KindCountry, Country: r.alpha2,
			Alpha2: r.alpha2, Alpha3: r.alpha3, Sovereign: sovereignStatus(r.status)}
		if r.status == statusArea {
			p.Type, p.Kind = TypeLOC, KindArea
		}
		rank := int32(1)
		if p.Sovereign {
			rank = 0
		}
		i := b.addPlace(p, rank)
		g.codes[r.alpha2] = i
		g.codes[r.alpha3] = i
		if r.alpha2 == "GB" {
			g.codes["UK"] = i
		}
		names := append([]string{r.name}, r.aliases...)
		if r.moduleName != "" && r.moduleName != r.name {
			names = append(names, r.moduleName)
		}
		forms := append(append([]string{}, names...), r.demonyms...)
		if r.capital != "" {
			forms = append(forms, r.capital)
		}
		amb, err := marks(fmt.Sprintf("countries.tsv:%d", r.line), r.ambiguous, r.name, forms)
		if err != nil {
			return nil, err
		}
		for _, f := range names {
			b.addForm(f, i, false, amb[normalize(f)])
		}
		for _, f := range r.demonyms {
			b.addForm(f, i, true, amb[normalize(f)])
		}
		b.aliases += len(r.aliases)
		b.stats.Demonyms += len(r.demonyms)
		b.stats.Countries++
		if p.Sovereign {
			b.stats.Sovereign++
		}
		done = append(done, pending{row: r, place: i, amb: amb, forms: names})
	}

	// Capitals, in country order, so that a sovereign state's capital is
	// preferred over a same-named city elsewhere.
	for _, d := range done {
		r := d.row
		if r.capital == "" {
			continue
		}
		ck := normalize(r.capital)
		cityState := false
		for _, f := range d.forms {
			if normalize(f) == ck {
				cityState = true
				break
			}
		}
		if cityState {
			continue
		}
		rank := int32(1)
		if sovereignStatus(r.status) {
			rank = 0
		}
		b.stats.Capitals++
		if pr := redeclared(prows, r.alpha2, ck); pr != nil {
			pr.used = true
			if err := b.addPlaceRow(pr, rank, known); err != nil {
				return nil, err
			}
			continue
		}
		i := b.addPlace(Place{Name: r.capital, Type: TypeGPE, Kind: KindCity, Country: r.alpha2}, rank)
		b.addForm(r.capital, i, false, d.amb[ck])
		b.stats.Cities++
	}

	// Other places.
	for k := range prows {
		if prows[k].used {
			continue
		}
		if err := b.addPlaceRow(&prows[k], 1, known); err != nil {
			return nil, err
		}
	}

	// Organisations.
	for _, r := range orows {
		if r.country != "" && !known[r.country] {
			return nil, fmt.Errorf("orgs.tsv:%d: unknown country %q", r.line, r.country)
		}
		i := b.addPlace(Place{Name: r.name, Type: TypeORG, Kind: KindOrg, Country: r.country}, 1)
		forms := append([]string{r.name}, r.aliases...)
		amb, err := marks(fmt.Sprintf("orgs.tsv:%d", r.line), r.ambiguous, r.name, forms)
		if err != nil {
			return nil, err
		}
		for _, f := range forms {
			b.addForm(f, i, false, amb[normalize(f)])
		}
		b.aliases += len(r.aliases)
		b.stats.Orgs++
	}

	// Order readings: kind, then rank (sovereign first), then data order;
	// for one place, a name before a demonym.
	less := func(cs []cand) func(x, y int) bool {
		return func(x, y int) bool {
			a, c := cs[x], cs[y]
			pa, pc := g.places[a.place], g.places[c.place]
			if pa.Kind != pc.Kind {
				return kindOrder(pa) < kindOrder(pc)
			}
			if g.rank[a.place] != g.rank[c.place] {
				return g.rank[a.place] < g.rank[c.place]
			}
			if a.place != c.place {
				return a.place < c.place
			}
			return !a.demonym && c.demonym
		}
	}
	for _, m := range []map[string][]cand{g.exact, g.norm, g.fold} {
		for _, cs := range m {
			if len(cs) > 1 {
				sort.SliceStable(cs, less(cs))
			}
		}
	}
	for form, cs := range g.exact {
		g.names[form] = g.places[cs[0].place].Type
	}
	b.stats.Aliases = b.aliases
	b.stats.Forms = len(g.names)
	g.stats = b.stats
	return g, nil
}

// kindOrder is the preference between kinds: country, city, region, area,
// organisation. Antarctica (a country-level row typed LOC) ranks as a country.
func kindOrder(p Place) int {
	if p.Alpha2 != "" {
		return 0
	}
	return int(p.Kind)
}

// redeclared returns the unused places.tsv city row of country a2 whose
// name or alias normalises to key, if any.
func redeclared(rows []placeRow, a2, key string) *placeRow {
	for k := range rows {
		r := &rows[k]
		if r.used || r.kind != "city" || r.country != a2 {
			continue
		}
		if normalize(r.name) == key {
			return r
		}
		for _, a := range r.aliases {
			if normalize(a) == key {
				return r
			}
		}
	}
	return nil
}

var placeKinds = map[string]Kind{"city": KindCity, "region": KindRegion, "area": KindArea}

// addPlaceRow indexes one places.tsv row.
func (b *builder) addPlaceRow(r *placeRow, rank int32, known map[string]bool) error {
	where := fmt.Sprintf("places.tsv:%d", r.line)
	kind, ok := placeKinds[r.kind]
	if !ok {
		return fmt.Errorf("%s: unknown kind %q", where, r.kind)
	}
	if r.typ != TypeGPE && r.typ != TypeLOC {
		return fmt.Errorf("%s: type %q, want GPE or LOC", where, r.typ)
	}
	if r.country != "" && !known[r.country] {
		return fmt.Errorf("%s: unknown country %q", where, r.country)
	}
	if (kind == KindCity || kind == KindRegion) && r.country == "" {
		return fmt.Errorf("%s: a %s needs a country", where, r.kind)
	}
	i := b.addPlace(Place{Name: r.name, Type: r.typ, Kind: kind, Country: r.country}, rank)
	names := append([]string{r.name}, r.aliases...)
	amb, err := marks(where, r.ambiguous, r.name, append(append([]string{}, names...), r.demonyms...))
	if err != nil {
		return err
	}
	for _, f := range names {
		b.addForm(f, i, false, amb[normalize(f)])
	}
	for _, f := range r.demonyms {
		b.addForm(f, i, true, amb[normalize(f)])
	}
	b.aliases += len(r.aliases)
	b.stats.Demonyms += len(r.demonyms)
	switch kind {
	case KindCity:
		b.stats.Cities++
	case KindRegion:
		b.stats.Regions++
	case KindArea:
		b.stats.Areas++
	}
	return nil
}

func parseCountries(module map[string]countries.CountryCode) ([]countryRow, error) {
	const file = "data/countries.tsv"
	rows, lines, err := readTSV(file, 8)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(rows))
	out := make([]countryRow, 0, len(rows))
	for k, f := range rows {
		r := countryRow{line: lines[k], alpha2: f[0], alpha3: f[1], status: f[2], name: f[3],
			aliases: list(f[4]), demonyms: list(f[5]), capital: f[6], ambiguous: list(f[7])}
		where := fmt.Sprintf("%s:%d", file, r.line)
		if len(r.alpha2) != 2 || strings.ToUpper(r.alpha2) != r.alpha2 {
			return nil, fmt.Errorf("%s: bad alpha2 %q", where, r.alpha2)
		}
		if seen[r.alpha2] {
			return nil, fmt.Errorf("%s: duplicate alpha2 %q", where, r.alpha2)
		}
		seen[r.alpha2] = true
		switch r.status {
		case statusMember, statusObserver, statusPartial, statusTerritory, statusHistorical, statusArea:
		default:
			return nil, fmt.Errorf("%s: unknown status %q", where, r.status)
		}
		if c, ok := module[r.alpha2]; ok {
			r.moduleName = c.String()
			if r.alpha3 == "" {
				r.alpha3 = c.Alpha3()
			}
			if r.name == "" {
				r.name = r.moduleName
			}
			if r.capital == "" {
				r.capital = c.Capital().String()
			}
		}
		if r.capital == "-" || r.capital == "None" || r.capital == countries.UnknownMsg ||
			r.status == statusHistorical || r.status == statusArea {
			r.capital = ""
		}
		if r.name == "" || len(r.alpha3) != 3 {
			return nil, fmt.Errorf("%s: %s is not in the module: give alpha3 and name", where, r.alpha2)
		}
		out = append(out, r)
	}
	return out, nil
}

func parsePlaces() ([]placeRow, error) {
	const file = "data/places.tsv"
	rows, lines, err := readTSV(file, 7)
	if err != nil {
		return nil, err
	}
	out := make([]placeRow, 0, len(rows))
	for k, f := range rows {
		if f[0] == "" {
			return nil, fmt.Errorf("%s:%d: empty name", file, lines[k])
		}
		out = append(out, placeRow{line: lines[k], name: f[0], typ: f[1], kind: f[2], country: f[3],
			aliases: list(f[4]), demonyms: list(f[5]), ambiguous: list(f[6])})
	}
	return out, nil
}

func parseOrgs() ([]orgRow, error) {
	const file = "data/orgs.tsv"
	rows, lines, err := readTSV(file, 4)
	if err != nil {
		return nil, err
	}
	out := make([]orgRow, 0, len(rows))
	for k, f := range rows {
		if f[0] == "" {
			return nil, fmt.Errorf("%s:%d: empty name", file, lines[k])
		}
		out = append(out, orgRow{line: lines[k], name: f[0], aliases: list(f[1]), country: f[2],
			ambiguous: list(f[3])})
	}
	return out, nil
}
