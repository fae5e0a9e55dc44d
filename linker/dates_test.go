package linker

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseArticleDate(t *testing.T) {
	cases := []struct {
		in   string
		want string // "2006-01-02 15:04:05 -0700", "" when it must fail
	}{
		{"2024-11-05", "2024-11-05 00:00:00 +0000"},
		{"2024-11-05T10:30:00Z", "2024-11-05 10:30:00 +0000"},
		{"2024-11-05T23:30:00-05:00", "2024-11-05 23:30:00 -0500"},
		{"2024-11-05T10:30:00.123+02:00", "2024-11-05 10:30:00 +0200"},
		{"1987-02-26T15:01:01.79", "1987-02-26 15:01:01 +0000"},
		{"26-FEB-1987 15:01:01.79", "1987-02-26 15:01:01 +0000"},
		{" 5-MAR-1987 09:12:44.10 ", "1987-03-05 09:12:44 +0000"},
		{"Nov 5, 2024", "2024-11-05 00:00:00 +0000"},
		{"Nov. 5, 2024", "2024-11-05 00:00:00 +0000"},
		{"November 5, 2024", "2024-11-05 00:00:00 +0000"},
		{"Tuesday, November 5, 2024", "2024-11-05 00:00:00 +0000"},
		{"5 November 2024", "2024-11-05 00:00:00 +0000"},
		{"5 Nov 2024", "2024-11-05 00:00:00 +0000"},
		{"2024/11/05", "2024-11-05 00:00:00 +0000"},
		{"2024.11.05", "2024-11-05 00:00:00 +0000"},
		{"20241105", "2024-11-05 00:00:00 +0000"},
		{"2024-11-05 10:00:00", "2024-11-05 10:00:00 +0000"},
		{"Tue, 05 Nov 2024 10:00:00 GMT", "2024-11-05 10:00:00 +0000"},
		{"Tue, 5 Nov 2024 10:00:00 +0100", "2024-11-05 10:00:00 +0100"},
		{"Tue Nov  5 10:00:00 2024", "2024-11-05 10:00:00 +0000"},
		{"", ""},
		{"yesterday", ""},
		{"2024-13-45", ""},
		{"11/05/2024", ""}, // ambiguous day/month order
	}
	for _, c := range cases {
		got, ok := ParseArticleDate(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("ParseArticleDate(%q) = %v, want failure", c.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("ParseArticleDate(%q) failed, want %s", c.in, c.want)
			continue
		}
		if s := got.Format("2006-01-02 15:04:05 -0700"); s != c.want {
			t.Errorf("ParseArticleDate(%q) = %s, want %s", c.in, s, c.want)
		}
	}
}

// wd is an expected date reference: text, date, precision.
type wd struct{ text, date, prec string }

type dateCase struct {
	article string // "" for unknown
	text    string
	want    []wd
}

var dateCases = []dateCase{
	// relative days; 2024-11-05 is a Tuesday
	{"2024-11-05", "The ministry said on Monday that North Korea sent about 10,000 troops to Russia last month.",
		[]wd{{"Monday", "2024-11-04", "day"}, {"last month", "2024-10", "month"}}},
	{"2024-11-05", "Yesterday the army said drones were shot down; tomorrow it holds a parade and today it rests.",
		[]wd{{"Yesterday", "2024-11-04", "day"}, {"tomorrow", "2024-11-06", "day"}, {"today", "2024-11-05", "day"}}},
	{"2024-11-05", "He arrived last night and will speak tonight, and this morning he met the minister.",
		[]wd{{"last night", "2024-11-04", "day"}, {"tonight", "2024-11-05", "day"}, {"this morning", "2024-11-05", "day"}}},
	{"2024-11-05", "The strike came the day before yesterday, and talks open the day after tomorrow.",
		[]wd{{"the day before yesterday", "2024-11-03", "day"}, {"the day after tomorrow", "2024-11-07", "day"}}},
	// weekdays: past by default, the article's own weekday is the article date
	{"2024-11-05", "Officials met on Sunday, spoke on Tuesday and wrote on Wednesday.",
		[]wd{{"Sunday", "2024-11-03", "day"}, {"Tuesday", "2024-11-05", "day"}, {"Wednesday", "2024-10-30", "day"}}},
	{"2024-11-05", "Talks will resume on Monday and the vote is scheduled for Friday; Tuesday's debate went well.",
		[]wd{{"Monday", "2024-11-11", "day"}, {"Friday", "2024-11-08", "day"}, {"Tuesday", "2024-11-05", "day"}}},
	{"2024-11-04", "Last Monday, next Monday, this Monday, this Friday and last Friday were discussed.",
		[]wd{{"Last Monday", "2024-10-28", "day"}, {"next Monday", "2024-11-11", "day"}, {"this Monday", "2024-11-04", "day"}, {"this Friday", "2024-11-08", "day"}, {"last Friday", "2024-11-01", "day"}}},
	{"2024-11-05", "Polls show him trailing just ahead of Thursday's vote.",
		[]wd{{"Thursday", "2024-11-07", "day"}}},
	{"2024-11-05", "The accord was signed on Tuesday, Oct. 29, in Geneva.",
		[]wd{{"Tuesday, Oct. 29", "2024-10-29", "day"}}},
	// weeks
	{"2024-11-05", "Last week officials met, next week they meet again, and earlier this week they quarrelled.",
		[]wd{{"Last week", "2024-10-28", "week"}, {"next week", "2024-11-11", "week"}, {"earlier this week", "2024-11-04", "week"}}},
	{"2024-11-05", "Two days ago, three weeks ago, a month ago, five years ago and a decade ago things happened.",
		[]wd{{"Two days ago", "2024-11-03", "day"}, {"three weeks ago", "2024-10-14", "week"}, {"a month ago", "2024-10", "month"}, {"five years ago", "2019", "year"}, {"a decade ago", "2014", "year"}}},
	{"2024-11-05", "The deal collapsed 10 days ago and a week ago it was revived.",
		[]wd{{"10 days ago", "2024-10-26", "day"}, {"a week ago", "2024-10-28", "week"}}},
	// months and years
	{"2024-11-05", "Prices rose earlier this month and fell late last month; next month they may recover.",
		[]wd{{"earlier this month", "2024-11", "month"}, {"late last month", "2024-10", "month"}, {"next month", "2024-12", "month"}}},
	{"2024-01-15", "Sales fell late last year and should recover early next year, after a flat last month.",
		[]wd{{"late last year", "2023", "year"}, {"early next year", "2025", "year"}, {"last month", "2023-12", "month"}}},
	{"1987-02-26", "The company expects 1987 net profit of more than 50 mln dlrs, against 38 mln dlrs last year.",
		[]wd{{"last year", "1986", "year"}}},
	{"1987-02-26", "Arrivals for the week ended February 22 were higher, and the crop will be late this year.",
		[]wd{{"February 22", "1987-02-22", "day"}, {"late this year", "1987", "year"}}},
	{"1987-02-26", "The drought has lasted since early January, and sales in December fell.",
		[]wd{{"early January", "1987-01", "month"}, {"December", "1986-12", "month"}}},
	{"2024-11-05", "Sales in March rose and in December are expected to fall; prices peaked in mid-March.",
		[]wd{{"March", "2024-03", "month"}, {"December", "2024-12", "month"}, {"mid-March", "2024-03", "month"}}},
	{"2025-02-10", "Exports fell in December and rose in January; the plant will open in January.",
		[]wd{{"December", "2024-12", "month"}, {"January", "2025-01", "month"}, {"January", "2026-01", "month"}}},
	{"2025-02-10", "The report of December 15 was wrong and the one of March 3 is due.",
		[]wd{{"December 15", "2024-12-15", "day"}, {"March 3", "2025-03-03", "day"}}},
	{"1987-03-17", "The loan was agreed last September and could be available late this month or in early April.",
		[]wd{{"last September", "1986-09", "month"}, {"late this month", "1987-03", "month"}, {"early April", "1987-04", "month"}}},
	{"1987-03-17", "The barley is for shipment May 5-20 and payment is due on the 3rd of June.",
		[]wd{{"May 5-20", "1987-05-05", "day"}, {"the 3rd of June", "1987-06-03", "day"}}},
	// explicit dates
	{"2024-11-05", "It was signed on March 3, 2024, amended in March 2024 and on 3 March 2024 and on 2024-03-04.",
		[]wd{{"March 3, 2024", "2024-03-03", "day"}, {"March 2024", "2024-03", "month"}, {"3 March 2024", "2024-03-03", "day"}, {"2024-03-04", "2024-03-04", "day"}}},
	{"2024-11-05", "Profits have grown since 1987 and will double by 2030, as they did between 2010 and 2020.",
		[]wd{{"1987", "1987", "year"}, {"2030", "2030", "year"}, {"2010", "2010", "year"}, {"2020", "2020", "year"}}},
	{"2024-11-05", "Growth slowed in late 2023 and in mid-1987, and the plan ends at the end of 2025.",
		[]wd{{"late 2023", "2023", "year"}, {"mid-1987", "1987", "year"}, {"2025", "2025", "year"}}},
	{"2024-11-05", "Notes of Sept 1, 1990, the Feb. 26 talks and the June 2023 figures were cited.",
		[]wd{{"Sept 1, 1990", "1990-09-01", "day"}, {"Feb. 26", "2024-02-26", "day"}, {"June 2023", "2023-06", "month"}}},
	// not dates
	{"2024-11-05", "Theresa May said the 1987 net profit rose 5 pct and USA Today reported it.", nil},
	{"2024-11-05", "The March figures and a May 5,000 tonnes cargo and the 2000 people are no dates.", nil},
	{"2024-11-05", "The weekend, the spring, the previous day and two days later are not resolved.", nil},
	{"2024-11-05", "The index rose 1,987 points and 2024 pct and 1987 dlrs.", nil},
	// unknown article date: absolute dates only
	{"", "The treaty of March 3, 1987 replaced the one of 1985 signed in January 1986; it expires in March, on Monday or next year.",
		[]wd{{"March 3, 1987", "1987-03-03", "day"}, {"January 1986", "1986-01", "month"}}},
	{"", "Yesterday, since 2010 and in mid-1990, the price doubled by 2 March 2001.",
		[]wd{{"2010", "2010", "year"}, {"mid-1990", "1990", "year"}, {"2 March 2001", "2001-03-02", "day"}}},
}

func TestResolveDates(t *testing.T) {
	const base = 1000
	for _, c := range dateCases {
		var art time.Time
		if c.article != "" {
			var ok bool
			art, ok = ParseArticleDate(c.article)
			if !ok {
				t.Fatalf("bad article date %q", c.article)
			}
		}
		got := ResolveDates(c.text, base, art)
		if len(got) != len(c.want) {
			t.Errorf("%s %q:\n got  %s\n want %d dates", c.article, c.text, fmtDates(got), len(c.want))
			continue
		}
		for k, w := range c.want {
			g := got[k]
			if g.Text != w.text || g.Date != w.date || g.Precision != w.prec {
				t.Errorf("%s %q #%d:\n got  %+v\n want %+v", c.article, c.text, k, g, w)
			}
			if g.Start < base || g.End > base+len(c.text) || c.text[g.Start-base:g.End-base] != g.Text {
				t.Errorf("%q #%d: offsets [%d,%d) do not give %q", c.text, k, g.Start, g.End, g.Text)
			}
		}
	}
}

func fmtDates(ds []DateRef) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "{%q %s %s} ", d.Text, d.Date, d.Precision)
	}
	return b.String()
}

// The article's zone does not move its calendar date.
func TestResolveDatesArticleZone(t *testing.T) {
	art, ok := ParseArticleDate("2024-11-05T23:30:00-05:00")
	if !ok {
		t.Fatal("parse")
	}
	got := ResolveDates("He spoke yesterday.", 0, art)
	if len(got) != 1 || got[0].Date != "2024-11-04" {
		t.Errorf("got %s", fmtDates(got))
	}
	// curly possessive
	got = ResolveDates("Monday’s vote", 0, art)
	if len(got) != 1 || got[0].Text != "Monday" || got[0].Date != "2024-11-04" {
		t.Errorf("got %s", fmtDates(got))
	}
	if ResolveDates("", 0, art) != nil || ResolveDates("no dates here", 0, art) != nil {
		t.Error("dates in a text without dates")
	}
}

func BenchmarkResolveDates(b *testing.B) {
	art, _ := ParseArticleDate("2024-11-05")
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			n += len(ResolveDates(s, 0, art))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchSentences)), "ns/sentence")
	if n == 0 {
		b.Fatal("no dates")
	}
}

func BenchmarkParseArticleDate(b *testing.B) {
	in := []string{"2024-11-05", "26-FEB-1987 15:01:01.79", "Tue, 05 Nov 2024 10:00:00 GMT", "Nov 5, 2024"}
	for b.Loop() {
		for _, s := range in {
			if _, ok := ParseArticleDate(s); !ok {
				b.Fatal(s)
			}
		}
	}
}

// FuzzResolveDates checks that any text gives ordered, non-overlapping
// dates whose offsets give their text, with a known and an unknown article
// date.
func FuzzResolveDates(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.text)
	}
	f.Add("mid- mid-X the day before the 31st of February 2024-02-30 May 5-99 a ago two ago")
	art, _ := ParseArticleDate("2024-02-29")
	f.Fuzz(func(t *testing.T, text string) {
		for _, a := range []time.Time{art, {}} {
			last := 0
			for _, d := range ResolveDates(text, 0, a) {
				if d.Start < last || d.End < d.Start || d.End > len(text) || text[d.Start:d.End] != d.Text || d.Date == "" {
					t.Fatalf("bad date %+v in %q", d, text)
				}
				last = d.End
			}
		}
	})
}
