package linker

import (
	"sort"
	"strings"
	"testing"
)

// Table tests of the linking rules (entities.go, entities_rules.go) on
// documents built by hand: which mentions end up in one entity, under which
// ID, with which roles.

// linkCase is one or more hand-built articles and what must hold of them.
type linkCase struct {
	name string
	docs [][]string // each: sentences in buildDoc's notation
	// same lists groups of mention texts (as "doc:text", doc an index into
	// docs) that must all have the ID given first; "doc:text" stands for
	// every mention of that text in that document.
	same map[string][]string
	// differ lists pairs of "doc:text" whose IDs must differ.
	differ [][2]string
	// prefix: mentions whose ID must start with the given prefix (a scoped
	// lone name: "person/bush@").
	prefix map[string]string
	roles  []Role // roles that must be found (Start/End ignored)
	types  map[string]string
}

func (c linkCase) run(t *testing.T) {
	t.Helper()
	arts := make([]*Article, len(c.docs))
	for i, d := range c.docs {
		arts[i] = New().Link(buildDoc(t, "doc"+string(rune('A'+i)), d...))
	}
	ids := func(ref string) []string {
		t.Helper()
		di, text, ok := strings.Cut(ref, ":")
		if !ok || len(di) != 1 || di[0] < '0' || int(di[0]-'0') >= len(arts) {
			t.Fatalf("bad reference %q", ref)
		}
		nth := 0 // "Baker#2": the second mention of "Baker" only
		if k := strings.LastIndex(text, "#"); k > 0 {
			nth = int(text[k+1] - '0')
			text = text[:k]
		}
		type hit struct {
			start int
			id    string
		}
		var hits []hit
		for _, e := range arts[di[0]-'0'].Entities {
			for _, m := range e.Mentions {
				if normName(m.Text) == text {
					hits = append(hits, hit{m.Start, e.ID})
				}
			}
		}
		sort.Slice(hits, func(a, b int) bool { return hits[a].start < hits[b].start })
		var out []string
		for i, h := range hits {
			if nth == 0 || i+1 == nth {
				out = append(out, h.id)
			}
		}
		if len(out) == 0 {
			t.Fatalf("no mention %q in doc %s; entities: %s", text, di, dumpEntities(arts[di[0]-'0']))
		}
		return out
	}
	for want, refs := range c.same {
		for _, r := range refs {
			for _, got := range ids(r) {
				if got != want {
					t.Errorf("%s: ID %s, want %s; entities: %s", r, got, want, dumpEntities(arts[r[0]-'0']))
				}
			}
		}
	}
	for _, p := range c.differ {
		a, b := ids(p[0]), ids(p[1])
		if a[0] == b[0] {
			t.Errorf("%s and %s share the ID %s", p[0], p[1], a[0])
		}
	}
	for r, pre := range c.prefix {
		for _, got := range ids(r) {
			if !strings.HasPrefix(got, pre) {
				t.Errorf("%s: ID %s, want prefix %s", r, got, pre)
			}
		}
	}
	for r, typ := range c.types {
		di, text, _ := strings.Cut(r, ":")
		found := false
		for _, e := range arts[di[0]-'0'].Entities {
			for _, m := range e.Mentions {
				if normName(m.Text) == text {
					found = true
					if m.Type != typ {
						t.Errorf("%s: mention type %s, want %s", r, m.Type, typ)
					}
				}
			}
		}
		if !found {
			t.Errorf("no mention %s", r)
		}
	}
	for _, want := range c.roles {
		found := false
		for _, a := range arts {
			for _, r := range a.Roles {
				if r.Person == want.Person && r.Title == want.Title && r.Of == want.Of {
					found = true
				}
			}
		}
		if !found {
			var got []string
			for _, a := range arts {
				for _, r := range a.Roles {
					got = append(got, r.Person+" | "+r.Title+" | "+r.Of)
				}
			}
			t.Errorf("role %s | %s | %s not found; roles: %q", want.Person, want.Title, want.Of, got)
		}
	}
}

func dumpEntities(a *Article) string {
	var b strings.Builder
	for _, e := range a.Entities {
		b.WriteString("\n  " + e.ID + " [")
		for i, m := range e.Mentions {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(normName(m.Text))
		}
		b.WriteString("]")
	}
	return b.String()
}

func TestLinkingRules(t *testing.T) {
	cases := []linkCase{
		// Name variants of a country, its demonym.
		{
			name: "country variants and demonym",
			docs: [][]string{{
				`The/DT U.S./NNP/B-GPE and/CC the/DT United/NNP/B-GPE States/NNP/I-GPE agreed/VBD ./.`,
				`US/NNP/B-GPE officials/NNS said/VBD America/NNP/B-GPE would/MD send/VB American/JJ/B-NORP troops/NNS ./.`,
				`North/NNP/B-NORP Korean/JJ/I-NORP soldiers/NNS are/VBP in/IN Russia/NNP/B-GPE ,/, North/NNP/B-GPE Korea/NNP/I-GPE said/VBD ./.`,
			}},
			same: map[string][]string{
				"place/united-states": {"0:U.S.", "0:United States", "0:US", "0:America", "0:American"},
				"place/north-korea":   {"0:North Korean", "0:North Korea"},
			},
			types: map[string]string{"0:American": "NORP", "0:North Korean": "NORP", "0:North Korea": "GPE"},
		},
		// Persons: a middle initial, a lone surname, a lone first name.
		{
			name: "middle initial and surname",
			docs: [][]string{{
				`Lloyd/NNP/B-PERSON Austin/NNP/I-PERSON arrived/VBD ./.`,
				`Lloyd/NNP/B-PERSON J./NNP/I-PERSON Austin/NNP/I-PERSON met/VBD Rutte/NNP/B-PERSON ./.`,
				`Austin/NNP/B-PERSON said/VBD Lloyd/NNP/B-PERSON was/VBD tired/JJ ./.`,
			}},
			same: map[string][]string{"person/lloyd-austin": {"0:Lloyd Austin", "0:Lloyd J. Austin", "0:Austin", "0:Lloyd"}},
		},
		{
			name: "middle initial only",
			docs: [][]string{{
				`Lloyd/NNP/B-PERSON J./NNP/I-PERSON Austin/NNP/I-PERSON arrived/VBD ./.`,
				`Austin/NNP/B-PERSON said/VBD nothing/NN ./.`,
			}},
			same: map[string][]string{"person/lloyd-j-austin": {"0:Lloyd J. Austin", "0:Austin"}},
		},
		{
			name: "initial before the name, surname of two words",
			docs: [][]string{{
				`H./NNP/B-PERSON Ross/NNP/I-PERSON Perot/NNP/I-PERSON sold/VBD ./.`,
				`Ross/NNP/B-PERSON Perot/NNP/I-PERSON and/CC Perot/NNP/B-PERSON again/RB ./.`,
				`David/NNP/B-PERSON F./NNP/I-PERSON La/NNP/I-PERSON Roche/NNP/I-PERSON and/CC La/NNP/B-PERSON Roche/NNP/I-PERSON agreed/VBD ./.`,
			}},
			same: map[string][]string{
				"person/ross-perot":       {"0:H. Ross Perot", "0:Ross Perot", "0:Perot"},
				"person/david-f-la-roche": {"0:David F. La Roche", "0:La Roche"},
			},
		},
		// Acronyms with their expansions in one article.
		{
			name: "acronym after its expansion",
			docs: [][]string{{
				`The/DT Semiconductor/NNP/B-ORG Industry/NNP/I-ORG Association/NNP/I-ORG (/( SIA/NNP/B-ORG )/) wrote/VBD ./.`,
				`SIA/NNP/B-ORG members/NNS agreed/VBD ./.`,
			}},
			same: map[string][]string{"org/semiconductor-industry-association": {"0:Semiconductor Industry Association", "0:SIA"}},
		},
		{
			name: "expansion cut short by the recognizer",
			docs: [][]string{{
				`The/DT Ministry/NNP/B-ORG of/IN/I-ORG International/NNP/I-ORG Trade/NNP/I-ORG and/CC Industry/NNP (/( MITI/NNP/B-ORG )/) acted/VBD ./.`,
				`A/DT MITI/NNP/B-ORG spokesman/NN said/VBD so/RB ./.`,
			}},
			same: map[string][]string{"org/ministry-of-international-trade-and-industry": {"0:Ministry of International Trade and Industry", "0:MITI"}},
		},
		{
			name: "small words that give a letter",
			docs: [][]string{{
				`The/DT United/NNP/B-ORG Nations/NNP/I-ORG Conference/NNP/I-ORG on/IN Trade/NNP/B-ORG and/CC/I-ORG Development/NNP/I-ORG (/( UNCTAD/NNP )/) met/VBD ./.`,
			}},
			same: map[string][]string{"org/united-nations-conference-on-trade-and-development": {"0:United Nations Conference on Trade and Development", "0:UNCTAD"}},
		},
		{
			name: "expansion in parentheses, acronym missed by the recognizer",
			docs: [][]string{{
				`The/DT NSPA/NNP (/( National/NNP/B-ORG Soybean/NNP/I-ORG Processors/NNPS/I-ORG Association/NNP/I-ORG )/) said/VBD ./.`,
			}},
			same: map[string][]string{"org/national-soybean-processors-association": {"0:NSPA", "0:National Soybean Processors Association"}},
		},
		{
			name: "acronym in another language",
			docs: [][]string{{
				`He/PRP told/VBD the/DT Trade/NNP/B-ORG and/CC/I-ORG Industry/NNP/I-ORG Association/NNP/I-ORG (/( DIHT/NNP/B-ORG )/) so/RB ./.`,
				`The/DT DIHT/NNP/B-ORG agreed/VBD ./.`,
			}},
			same: map[string][]string{"org/trade-and-industry-association": {"0:Trade and Industry Association", "0:DIHT"}},
		},
		{
			name: "a demonym that the acronym spells stays in the name",
			docs: [][]string{{
				`The/DT American/NNP/B-ORG Petroleum/NNP/I-ORG Institute/NNP/I-ORG (/( API/NNP/B-ORG )/) said/VBD ./.`,
				`The/DT German/JJ/B-ORG Foreign/NNP/I-ORG Ministry/NNP/I-ORG said/VBD ./.`,
			}},
			same: map[string][]string{
				"org/american-petroleum-institute": {"0:American Petroleum Institute", "0:API"},
				"place/germany":                    {"0:German"},
				"org/foreign-ministry":             {"0:Foreign Ministry"},
			},
		},
		{
			name: "a country in parentheses is not an acronym",
			docs: [][]string{{
				`Mazda/NNP/B-ORG Motor/NNP/I-ORG Manufacturing/NNP/I-ORG (/( USA/NNP/B-GPE )/) Corp/NNP said/VBD ./.`,
			}},
			same: map[string][]string{"place/united-states": {"0:USA"}, "org/mazda-motor-manufacturing": {"0:Mazda Motor Manufacturing"}},
		},
		{
			name: "acronym known to the gazetteer: its name in every article",
			docs: [][]string{
				{`The/DT North/NNP/B-ORG Atlantic/NNP/I-ORG Treaty/NNP/I-ORG Organization/NNP/I-ORG (/( NATO/NNP/B-ORG )/) met/VBD ./.`},
				{`NATO/NNP/B-ORG met/VBD ./.`},
				{`Talks/NNS under/IN the/DT General/NNP/B-ORG Agreement/NNP/I-ORG on/IN/I-ORG Trade/NNP/I-ORG and/CC/I-ORG Tariffs/NNP/I-ORG (/( GATT/NNP/B-ORG )/) failed/VBD ./.`},
				{`GATT/NNP/B-ORG talks/NNS failed/VBD ./.`},
			},
			same: map[string][]string{
				"org/nato": {"0:North Atlantic Treaty Organization", "0:NATO", "1:NATO"},
				"org/general-agreement-on-tariffs-and-trade": {"2:General Agreement on Trade and Tariffs", "2:GATT", "3:GATT"},
			},
		},
		// Titles and honorifics.
		{
			name: "titles stripped and kept as roles",
			docs: [][]string{{
				`NATO/NNP/B-ORG Secretary/NNP/B-PERSON General/NNP/I-PERSON Mark/NNP/I-PERSON Rutte/NNP/I-PERSON said/VBD ./.`,
				`U.S./NNP/B-ORG Treasury/NNP/I-ORG Secretary/NNP James/NNP/B-PERSON Baker/NNP/I-PERSON agreed/VBD ./.`,
				`Bundesbank/NNP/B-ORG President/NNP/B-PERSON Karl/NNP/I-PERSON Otto/NNP/I-PERSON Poehl/NNP/I-PERSON ,/, French/JJ/B-NORP Finance/NNP Minister/NNP Edouard/NNP/B-PERSON Balladur/NNP/I-PERSON and/CC Mr./NNP/B-LOC Rutte/NNP/I-LOC came/VBD ./.`,
			}},
			same: map[string][]string{
				"person/mark-rutte":       {"0:Mark Rutte", "0:Rutte"},
				"person/james-baker":      {"0:James Baker"},
				"person/karl-otto-poehl":  {"0:Karl Otto Poehl"},
				"person/edouard-balladur": {"0:Edouard Balladur"},
			},
			types: map[string]string{"0:Rutte": "PERSON"},
			roles: []Role{
				{Person: "person/mark-rutte", Title: "Secretary General", Of: "org/nato"},
				{Person: "person/james-baker", Title: "Secretary", Of: "org/u-s-treasury"},
				{Person: "person/karl-otto-poehl", Title: "President", Of: "org/bundesbank"},
				{Person: "person/edouard-balladur", Title: "Finance Minister", Of: "place/france"},
			},
		},
		{
			name: "the person of an administration",
			docs: [][]string{{
				`The/DT Obama/NNP/B-LOC administration/NN signalled/VBD a/DT change/NN ./.`,
			}},
			types:  map[string]string{"0:Obama": "PERSON"},
			prefix: map[string]string{"0:Obama": "person/obama@"},
		},
		// Lone names across articles: scoped unless expanded.
		{
			name: "two lone Bush in two articles are not merged",
			docs: [][]string{
				{`Bush/NNP/B-PERSON vetoed/VBD the/DT bill/NN ./.`},
				{`Bush/NNP/B-PERSON invaded/VBD Iraq/NNP/B-GPE ./.`},
			},
			prefix: map[string]string{"0:Bush": "person/bush@", "1:Bush": "person/bush@"},
			differ: [][2]string{{"0:Bush", "1:Bush"}},
		},
		{
			name: "the same full name in two articles is one entity",
			docs: [][]string{
				{`George/NNP/B-PERSON W./NNP/I-PERSON Bush/NNP/I-PERSON spoke/VBD ./.`, `Bush/NNP/B-PERSON left/VBD ./.`},
				{`President/NNP/B-PERSON George/NNP/I-PERSON W./NNP/I-PERSON Bush/NNP/I-PERSON arrived/VBD ./.`},
				{`George/NNP/B-PERSON H./NNP/I-PERSON W./NNP/I-PERSON Bush/NNP/I-PERSON spoke/VBD ./.`, `Bush/NNP/B-PERSON left/VBD ./.`},
			},
			same: map[string][]string{
				"person/george-w-bush":   {"0:George W. Bush", "0:Bush", "1:George W. Bush"},
				"person/george-h-w-bush": {"2:George H. W. Bush", "2:Bush"},
			},
		},
		// Lone names shared by several full names in one article.
		{
			name: "shared surname: the person introduced first",
			docs: [][]string{{
				`Hillary/NNP/B-PERSON Clinton/NNP/I-PERSON spoke/VBD ./.`,
				`Bill/NNP/B-PERSON Clinton/NNP/I-PERSON listened/VBD ./.`,
				`Clinton/NNP/B-PERSON said/VBD she/PRP won/VBD ./.`,
			}},
			same: map[string][]string{"person/hillary-clinton": {"0:Hillary Clinton", "0:Clinton"}, "person/bill-clinton": {"0:Bill Clinton"}},
		},
		{
			name: "shared surname: the title decides",
			docs: [][]string{{
				`White/NNP/B-ORG House/NNP/I-ORG chief/NN Howard/NNP/B-PERSON Baker/NNP/I-PERSON resigned/VBD ./.`,
				`Treasury/NNP/B-ORG Secretary/NNP James/NNP/B-PERSON Baker/NNP/I-PERSON stayed/VBD ./.`,
				`Baker/NNP/B-PERSON is/VBZ a/DT Republican/NNP ./.`,
				`Volcker/NNP/B-PERSON works/VBZ with/IN Treasury/NNP Secretary/NNP Baker/NNP/B-PERSON ./.`,
			}},
			same: map[string][]string{
				"person/howard-baker": {"0:Howard Baker", "0:Baker#1"},
				"person/james-baker":  {"0:James Baker", "0:Baker#2"},
			},
			roles: []Role{{Person: "person/james-baker", Title: "Secretary", Of: "org/treasury"}},
		},
		{
			name: "shared surname that is also a company's name stays a lone name",
			docs: [][]string{{
				`Hilton/NNP/B-ORG Hotels/NNP/I-ORG Corp/NNP/I-ORG sued/VBD ./.`,
				`Conrad/NNP/B-PERSON Hilton/NNP/I-PERSON and/CC Barron/NNP/B-PERSON Hilton/NNP/I-PERSON disagree/VBP ./.`,
				`Hilton/NNP/B-PERSON lawyers/NNS said/VBD so/RB ./.`,
			}},
			prefix: map[string]string{"0:Hilton": "person/hilton@"},
		},
		{
			name: "a lone name used before a full name came up is someone else",
			docs: [][]string{{
				`Mr./NNP/B-PERSON Obama/NNP/I-PERSON spoke/VBD ./.`,
				`Mr./NNP/B-PERSON Obama/NNP/I-PERSON smiled/VBD ./.`,
				`Michelle/NNP/B-PERSON Obama/NNP/I-PERSON listened/VBD ./.`,
				`Obama/NNP/B-PERSON left/VBD ./.`,
			}},
			prefix: map[string]string{"0:Obama": "person/obama@"},
			same:   map[string][]string{"person/michelle-obama": {"0:Michelle Obama"}},
		},
		{
			name: "a name glued to a word of a title-case headline",
			docs: [][]string{{
				`Clinton/NNP/B-PERSON Hid/NNP/I-PERSON Past/NNP Health/NNP Problems/NNPS From/IN Public/NNP`,
				`Hillary/NNP/B-PERSON Clinton/NNP/I-PERSON was/VBD ill/JJ ./.`,
			}},
			same: map[string][]string{"person/hillary-clinton": {"0:Clinton", "0:Hillary Clinton"}},
		},
		// National bodies with and without their country.
		{
			name: "a body with and without its country",
			docs: [][]string{
				{`The/DT U.S./NNP/B-ORG Senate/NNP/I-ORG voted/VBD ./.`, `The/DT Senate/NNP/B-ORG agreed/VBD ./.`},
				{`The/DT U.S./NNP/B-ORG Treasury/NNP/I-ORG said/VBD ./.`, `The/DT Treasury/NNP/B-ORG Department/NNP/I-ORG and/CC the/DT Treasury/NNP/B-ORG agreed/VBD ./.`},
				{`The/DT Treasury/NNP/B-ORG Department/NNP/I-ORG and/CC the/DT Treasury/NNP/B-ORG agreed/VBD ./.`},
			},
			same: map[string][]string{
				"org/u-s-senate":   {"0:U.S. Senate", "0:Senate"},
				"org/u-s-treasury": {"1:U.S. Treasury", "1:Treasury Department", "1:Treasury"},
				"org/treasury":     {"2:Treasury Department", "2:Treasury"},
			},
		},
		{
			name: "the bodies of two countries are not joined",
			docs: [][]string{{
				`The/DT U.S./NNP/B-ORG Senate/NNP/I-ORG and/CC the/DT Philippine/JJ/B-NORP Senate/NNP/B-ORG met/VBD ./.`,
				`The/DT Senate/NNP/B-ORG agreed/VBD ./.`,
			}},
			same: map[string][]string{"org/u-s-senate": {"0:U.S. Senate"}, "org/senate": {"0:Senate"}},
		},
		// Mistyped mentions of one name.
		{
			name: "one name typed two ways",
			docs: [][]string{{
				`He/PRP was/VBD at/IN Ground/NNP/B-PERSON Zero/NNP/I-PERSON ./.`,
				`They/PRP left/VBD Ground/NNP/B-ORG Zero/NNP/I-ORG ./.`,
			}},
			differ: nil,
			same:   map[string][]string{"org/ground-zero": {"0:Ground Zero"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}
