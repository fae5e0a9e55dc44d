package linker

import (
	"fmt"
	"strings"
	"testing"
)

// wq is an expected quantity: text, value, max, qualifier, unit.
type wq struct {
	text  string
	value float64
	max   float64
	qual  string
	unit  string
}

type quantityCase struct {
	text string
	want []wq
}

var quantityCases = []quantityCase{
	// Reuters 1987 style
	{"The company said it expects 1987 net profit of more than 50 mln dlrs.",
		[]wq{{"more than 50 mln dlrs", 5e7, 0, "more than", "USD"}}},
	{"Hutton is offering 35 dlrs cash per share for 83 pct of the shares.",
		[]wq{{"35 dlrs cash per share", 35, 0, "", "USD per share"}, {"83 pct", 83, 0, "", "percent"}}},
	{"February sales rose 18.2 pct to 104.3 mln dlrs from 88.2 mln dlrs a year ago.",
		[]wq{{"18.2 pct", 18.2, 0, "", "percent"}, {"104.3 mln dlrs", 104.3e6, 0, "", "USD"}, {"88.2 mln dlrs", 88.2e6, 0, "", "USD"}}},
	{"Shr 59 cts vs 48 cts",
		[]wq{{"59 cts", 0.59, 0, "", "USD"}, {"48 cts", 0.48, 0, "", "USD"}}},
	{"The stock closed up 5-3/8 at 49-1/8 on volume of 1.9 mln shares.",
		[]wq{{"5-3/8", 5.375, 0, "", ""}, {"49-1/8", 49.125, 0, "", ""}, {"1.9 mln shares", 1.9e6, 0, "", "shares"}}},
	{"The quarterly dividend stays at 37-1/2 cts per share, payable April 30, record March 31.",
		[]wq{{"37-1/2 cts per share", 0.375, 0, "", "USD per share"}}},
	{"Spot prices rose to 340 to 350 cruzados per arroba of 15 kilos.",
		[]wq{{"340 to 350 cruzados", 340, 350, "between", "cruzados"}, {"15 kilos", 15, 0, "", "kilos"}}},
	{"The bank would supervise exposures between 10 and 25 pct of capital.",
		[]wq{{"between 10 and 25 pct", 10, 25, "between", "percent"}}},
	{"Officials say the cuts could amount to eight to 11 pct for some cereals.",
		[]wq{{"eight to 11 pct", 8, 11, "between", "percent"}}},
	{"The paper will have maturities between seven and 365 days.",
		[]wq{{"between seven and 365 days", 7, 365, "between", "days"}}},
	{"Profits rose 80 pct to 54 mln stg on good results abroad.",
		[]wq{{"80 pct", 80, 0, "", "percent"}, {"54 mln stg", 54e6, 0, "", "GBP"}}},
	{"It raised 3 bln yen, 50 mln Canadian dlrs, 20 mln Swiss francs and 36.93 billion marks.",
		[]wq{{"3 bln yen", 3e9, 0, "", "JPY"}, {"50 mln Canadian dlrs", 50e6, 0, "", "CAD"}, {"20 mln Swiss francs", 20e6, 0, "", "CHF"}, {"36.93 billion marks", 36.93e9, 0, "", "DEM"}}},
	{"Maize deliveries for 1986/87 were put at 9.91 mln tonnes against 10.77 mln last season.",
		[]wq{{"9.91 mln tonnes", 9.91e6, 0, "", "tonnes"}, {"10.77 mln", 10.77e6, 0, "", ""}}},
	{"Saudi output was about 200,000 barrels per day, or 4.69 mln bpd overall.",
		[]wq{{"about 200,000 barrels per day", 2e5, 0, "about", "barrels per day"}, {"4.69 mln bpd", 4.69e6, 0, "", "barrels per day"}}},
	{"OPEC wants an 18 dlrs a barrel price, up from 3.04 mln barrels a year earlier.",
		[]wq{{"18 dlrs a barrel", 18, 0, "", "USD per barrel"}, {"3.04 mln barrels", 3.04e6, 0, "", "barrels"}}},
	{"It has agreed to buy a 17.5-mile, 16-inch pipeline.",
		[]wq{{"17.5-mile", 17.5, 0, "", "mile"}, {"16-inch", 16, 0, "", "inch"}}},
	{"Shipments of 7,500-9,500 tonnes are due July 1-10.",
		[]wq{{"7,500-9,500 tonnes", 7500, 9500, "between", "tonnes"}}},
	{"It posted a 400 mln mark deficit and a 4.3 billion Can dlr offer.",
		[]wq{{"400 mln mark", 4e8, 0, "", "DEM"}, {"4.3 billion Can dlr", 4.3e9, 0, "", "CAD"}}},
	{"Rates rose 50 basis points to 5.25% and the yield gained 0.5 percentage point.",
		[]wq{{"50 basis points", 50, 0, "", "basis points"}, {"5.25%", 5.25, 0, "", "percent"}, {"0.5 percentage point", 0.5, 0, "", "percentage points"}}},
	{"The offer values Norcros at 432.7p a share.",
		[]wq{{"432.7p a share", 4.327, 0, "", "GBP per share"}}},

	// modern news
	{"Ukraine says more than 600,000 Russians have been killed or injured since the invasion.",
		[]wq{{"more than 600,000 Russians", 6e5, 0, "more than", "Russians"}}},
	{"North Korea sent about 10,000 troops to Russia last month.",
		[]wq{{"about 10,000 troops", 1e4, 0, "about", "troops"}}},
	{"Seoul said 10,000 North Korean troops were deployed.",
		[]wq{{"10,000 North Korean troops", 1e4, 0, "", "North Korean troops"}}},
	{"The $5 billion package and a US$1.2bn loan and C$300 million in grants were approved.",
		[]wq{{"$5 billion", 5e9, 0, "", "USD"}, {"US$1.2bn", 1.2e9, 0, "", "USD"}, {"C$300 million", 3e8, 0, "", "CAD"}}},
	{"Britain pledged £2.5bn and the EU €50 billion, while Japan gave ¥10 billion.",
		[]wq{{"£2.5bn", 2.5e9, 0, "", "GBP"}, {"€50 billion", 5e10, 0, "", "EUR"}, {"¥10 billion", 1e10, 0, "", "JPY"}}},
	{"It will spend 5 billion dollars, roughly 2,500.75 euros per person.",
		[]wq{{"5 billion dollars", 5e9, 0, "", "USD"}, {"roughly 2,500.75 euros per person", 2500.75, 0, "about", "EUR per person"}}},
	{"Inflation was 5.2 percent in the euro zone and 3.1 per cent in Britain.",
		[]wq{{"5.2 percent", 5.2, 0, "", "percent"}, {"3.1 per cent", 3.1, 0, "", "percent"}}},
	{"Nearly 3% of voters, or almost two million people, stayed home.",
		[]wq{{"Nearly 3%", 3, 0, "nearly", "percent"}, {"almost two million people", 2e6, 0, "nearly", "people"}}},
	{"At least 80 people died and fewer than 20 were rescued.",
		[]wq{{"At least 80 people", 80, 0, "at least", "people"}, {"fewer than 20", 20, 0, "less than", ""}}},
	{"Up to 1.3 mln shares and as many as 20 mln acres could be added.",
		[]wq{{"Up to 1.3 mln shares", 1.3e6, 0, "up to", "shares"}, {"as many as 20 mln acres", 2e7, 0, "up to", "acres"}}},
	{"Some 5,000 people and an estimated 12 mln residents live there.",
		[]wq{{"Some 5,000 people", 5000, 0, "about", "people"}, {"an estimated 12 mln residents", 1.2e7, 0, "about", "residents"}}},
	{"The drones flew well over 1,000 kilometres in no more than 10 hours.",
		[]wq{{"well over 1,000 kilometres", 1000, 0, "more than", "kilometres"}, {"no more than 10 hours", 10, 0, "at most", "hours"}}},
	{"They held 5,000 or more prisoners and $1 trillion or so in assets.",
		[]wq{{"5,000 or more prisoners", 5000, 0, "at least", "prisoners"}, {"$1 trillion or so", 1e12, 0, "about", "USD"}}},
	{"A 5,000-plus crowd gathered.",
		[]wq{{"5,000-plus crowd", 5000, 0, "more than", "crowd"}}},
	{"Dozens of people were hurt and tens of thousands of residents fled.",
		[]wq{{"Dozens of people", 12, 0, "vague", "people"}, {"tens of thousands of residents", 1e4, 0, "vague", "residents"}}},
	{"Hundreds of thousands of homes lost power and several thousand work-related emails were found.",
		[]wq{{"Hundreds of thousands of homes", 1e5, 0, "vague", "homes"}, {"several thousand work-related emails", 1000, 0, "vague", "work-related emails"}}},
	{"The government poured hundreds of millions of dollars into research.",
		[]wq{{"hundreds of millions of dollars", 1e8, 0, "vague", "USD"}}},
	{"Twenty-five people, two hundred and fifty soldiers and a dozen journalists were there.",
		[]wq{{"Twenty-five people", 25, 0, "", "people"}, {"two hundred and fifty soldiers", 250, 0, "", "soldiers"}, {"a dozen journalists", 12, 0, "", "journalists"}}},
	{"The raid killed three civilians and half a million people were displaced.",
		[]wq{{"three civilians", 3, 0, "", "civilians"}, {"half a million people", 5e5, 0, "", "people"}}},
	{"One soldier was killed and one of the attackers escaped; no one else was hurt.",
		[]wq{{"One soldier", 1, 0, "", "soldier"}}},
	{"Over the past two or three weeks, 500 armed men attacked and 1,000 people were killed.",
		[]wq{{"two or three weeks", 2, 3, "between", "weeks"}, {"500 armed men", 500, 0, "", "armed men"}, {"1,000 people", 1000, 0, "", "people"}}},
	{"About 9 in 10 voters are unhappy and one in five is angry.",
		[]wq{{"About 9 in 10", 90, 0, "about", "percent"}, {"one in five", 20, 0, "", "percent"}}},
	{"Clinton now has 1,163 delegates to 844 for Sanders.",
		[]wq{{"1,163 delegates", 1163, 0, "", "delegates"}, {"844", 844, 0, "", ""}}},
	{"It will drill in up to 10,000 feet of water and buy a 200-seat plane.",
		[]wq{{"up to 10,000 feet", 1e4, 0, "up to", "feet"}, {"200-seat", 200, 0, "", "seat"}}},
	{"The bill passed by a vote of 90 to 10.",
		[]wq{{"90", 90, 0, "", ""}, {"10", 10, 0, "", ""}}},
	{"Between 2 and 3 billion dollars was spent and more than 2000 people were hired.",
		[]wq{{"Between 2 and 3 billion dollars", 2e9, 3e9, "between", "USD"}, {"more than 2000 people", 2000, 0, "more than", "people"}}},
	{"Her three-year contract pays $28.4million.",
		[]wq{{"three-year", 3, 0, "", "year"}, {"$28.4million", 28.4e6, 0, "", "USD"}}},
	{"The 5 pounds of sugar cost 2 pounds sterling, and 3 million pounds went to charity.",
		[]wq{{"5 pounds", 5, 0, "", "pounds"}, {"2 pounds sterling", 2, 0, "", "GBP"}, {"3 million pounds", 3e6, 0, "", "GBP"}}},

	{"Three out of 4 voters backed it, and cases passed the 600 mark.",
		[]wq{{"Three out of 4", 75, 0, "", "percent"}, {"600 mark", 600, 0, "", "mark"}}},
	{"Zero percent growth and 500 mln won in aid and a five-year plan.",
		[]wq{{"Zero percent", 0, 0, "", "percent"}, {"500 mln won", 5e8, 0, "", "KRW"}, {"five-year", 5, 0, "", "year"}}},

	// not quantities
	{"The unit left at 1500 hrs and the ship at 0914 GMT, running version 1.2.3, item #2.", nil},
	{"In 1987 the firm moved to 2024 plans, and in the 1990s it shrank.", nil},
	{"The talks on March 3 and 4 March 2024 ended on Feb. 26 at 10:30.", nil},
	{"He came third, the 21st of 30 candidates... no, the 3rd.",
		[]wq{{"30 candidates", 30, 0, "", "candidates"}}},
	{"Call +44 20 7946 0958 or (212) 555-1234 after 9 a.m. or 1500 GMT, or at 9am.", nil},
	{"Article 5 of the treaty, Section 39A, No. 10 and Flight 17 were cited, as was Resolution 2231.", nil},
	{"The two met; the one who spoke was one of the founders, and they helped one another.", nil},
	{"The pandemic (COVID-19) and F-16 jets and G7 leaders were discussed in the 2007-09 crisis.", nil},
	{"Three years ago a decade ago things changed.", nil},
	{"The case 14-981 was argued and the score was 41-40 with tweet 728651792918155268.", nil},
	{"Zero coupon bonds at one point rose.", nil},
	{"Theresa May said Boeing 737s were fine.", nil},
}

func TestFindQuantities(t *testing.T) {
	const base = 100
	for _, c := range quantityCases {
		got := FindQuantities(c.text, base)
		if len(got) != len(c.want) {
			t.Errorf("%q:\n got  %s\n want %d quantities", c.text, fmtQuantities(got), len(c.want))
			continue
		}
		for k, w := range c.want {
			g := got[k]
			if g.Text != w.text || g.Value != w.value || g.Max != w.max || g.Qualifier != w.qual || g.Unit != w.unit {
				t.Errorf("%q #%d:\n got  %+v\n want %+v", c.text, k, g, w)
			}
			if g.Start < base || g.End > base+len(c.text) || c.text[g.Start-base:g.End-base] != g.Text {
				t.Errorf("%q #%d: offsets [%d,%d) do not give %q", c.text, k, g.Start, g.End, g.Text)
			}
		}
	}
}

func fmtQuantities(qs []Quantity) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "{%q %g %g %q %q} ", q.Text, q.Value, q.Max, q.Qualifier, q.Unit)
	}
	return b.String()
}

// Offsets are relative to base and ordered; non-ASCII text before a
// quantity does not shift them.
func TestFindQuantitiesOffsets(t *testing.T) {
	text := "Kyiv’s “estimate”: Россия lost more than 600,000 soldiers — and 5.2 pct of its tanks."
	got := FindQuantities(text, 0)
	if len(got) != 2 {
		t.Fatalf("got %s", fmtQuantities(got))
	}
	for _, q := range got {
		if text[q.Start:q.End] != q.Text {
			t.Errorf("offsets [%d,%d) give %q, want %q", q.Start, q.End, text[q.Start:q.End], q.Text)
		}
	}
	if got[0].Text != "more than 600,000 soldiers" || got[1].Text != "5.2 pct" {
		t.Errorf("got %s", fmtQuantities(got))
	}
	if got[0].Start >= got[1].Start {
		t.Errorf("not ordered: %s", fmtQuantities(got))
	}
	if FindQuantities("", 7) != nil || FindQuantities("no numbers at all here", 0) != nil {
		t.Error("quantities in a text without numbers")
	}
}

// A long text (more tokens than the stack buffer) still works.
func TestFindQuantitiesLongText(t *testing.T) {
	var b strings.Builder
	for k := 0; k < 100; k++ {
		b.WriteString("The army said 1,500 troops crossed. ")
	}
	got := FindQuantities(b.String(), 0)
	if len(got) != 100 {
		t.Fatalf("got %d quantities, want 100", len(got))
	}
	for _, q := range got {
		if q.Value != 1500 || q.Unit != "troops" || b.String()[q.Start:q.End] != q.Text {
			t.Fatalf("bad quantity %+v", q)
		}
	}
}

// benchSentences are made-up sentences in the style of wire copy.
var benchSentences = []string{
	"The company said it expects 1987 net profit of more than 50 mln dlrs, up from 38.2 mln dlrs.",
	"Ukraine says more than 600,000 Russians have been killed or injured since the invasion began.",
	"North Korea sent about 10,000 troops to Russia last month, South Korean intelligence said.",
	"The ministry said on Monday that it had intercepted 42 drones over the eastern regions.",
	"Hutton is offering 35 dlrs a share in cash for up to 83 pct of the outstanding shares.",
	"Sales rose 18.2 pct to 104.3 mln dlrs from 88.2 mln dlrs a year earlier, the company said.",
	"The central bank left its key rate unchanged at 5.25 pct for the third consecutive meeting.",
	"Officials said the storm killed at least 80 people and displaced tens of thousands of residents.",
	"The spokesman declined to comment on the report.",
	"He said the government would not negotiate with the rebels under any circumstances.",
	"Analysts expect growth of between 2 and 3 pct next year, compared with 1.5 pct this year.",
	"The group raised its stake to 653,600 shares, or 10.9 pct of the total outstanding.",
	"Exports fell to 2.69 billion dlrs in the first four months from 3.92 billion a year ago.",
	"The plant will have a capacity of five mln tonnes a year when it is completed in 1990.",
	"Aramco increased production to 4.69 mln barrels per day in 1986 from 3.04 mln bpd.",
	"The European Union pledged 50 billion euros in aid over four years, the commission said.",
	"Police said two men were arrested and one of them was later released without charge.",
	"The minister said the talks had been constructive and would continue next week.",
	"Turnout was nearly 67 percent, the highest since 1992, election officials said.",
	"The deal, valued at about $5 billion, is expected to close in the second half of the year.",
	"Dozens of protesters gathered outside the parliament building on Tuesday evening.",
	"The army said it had destroyed three tanks and 12 armoured vehicles near the border.",
	"Prices rose 0.4 pct in March after a 0.2 pct rise in February, the statistics office said.",
	"The firm said it would cut 1,200 jobs, or about 8 pct of its workforce, by the end of 2025.",
	"It said it had not been informed of the decision and would study it carefully.",
	"The index reached a record 472.86 last Friday, up 57.7 pct from the end of June.",
	"The bond issue of 400 mln dlrs will be priced at 99-3/4 to yield 8.05 pct.",
	"The survey of 1,704 adults has a margin of error of plus or minus three percentage points.",
	"The president said the country would never accept the loss of its territory.",
	"Some 5,000 people live in the area, which was hit by a magnitude 6.1 earthquake.",
	"Japan's trade surplus narrowed to 6.3 billion dlrs in February from 8.1 billion in January.",
	"The bank said non-performing loans were 2.038 billion dlrs, or 3.96 pct of loans.",
	"Hundreds of thousands of people were left without power after the strikes.",
	"The agency said the ceasefire had largely held, despite sporadic violations overnight.",
	"The company will redeem its 13 pct notes due 1990 at 101 pct of par on September 1.",
	"The government forecast a current account deficit of 14.75 billion for 1986/87.",
	"Israel said its forces had killed more than 20 militants in the past 24 hours.",
	"The court sentenced him to 15 years in prison and fined him 500,000 dollars.",
	"The White House said the president had spoken with the chancellor by telephone.",
	"The index fell 2.3 pct to 1,234.5 points, its lowest close in three months.",
	"Shr 1.78 dlrs vs 1.32 dlrs; net 9,733,000 vs 7,164,000; revs 585.6 mln vs 541.0 mln.",
	"The United Nations said nearly 2 million people had fled the fighting since April.",
	"It plans to build a 1,200-megawatt power plant at a cost of 2.5 billion dlrs.",
	"The coalition won 312 of the 543 seats, short of the 272 needed for a majority.",
	"The ministry denied reports that it had ordered the closure of the two schools.",
	"Gold rose 12.50 dlrs to 412.75 dlrs an ounce in early trading in London.",
	"The rebels claimed to control about 70 pct of the province, a claim the army denied.",
	"Under the plan, farmers would receive up to 25 pct more for wheat than last year.",
	"The airline said it would add 35 new aircraft and hire several hundred pilots.",
	"A spokeswoman said the company had no plans to sell the unit.",
}

func BenchmarkFindQuantities(b *testing.B) {
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			n += len(FindQuantities(s, 0))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchSentences)), "ns/sentence")
	if n == 0 {
		b.Fatal("no quantities")
	}
}

// FuzzFindQuantities checks that any text gives ordered, non-overlapping
// quantities whose offsets give their text.
func FuzzFindQuantities(f *testing.F) {
	for _, c := range quantityCases {
		f.Add(c.text)
	}
	f.Add("$ 5-- 1,00 .5 5.-3/ 8-3/0 1-/2 £€¥ 10- 20 between and 3 to")
	f.Add("a half a dozen of of tens of hundreds of thousands of several few a few")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, q := range FindQuantities(text, 0) {
			if q.Start < last || q.End < q.Start || q.End > len(text) || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad quantity %+v in %q", q, text)
			}
			last = q.End
		}
	})
}
