package nlp

import (
	"strings"
	"testing"
)

func sentencesOf(text string) []string {
	var out []string
	blocks := paragraphs(text)
	wrap := wrapped(splitLines(text))
	for _, b := range blocks {
		for _, s := range splitSentences(text, b, wrap) {
			out = append(out, text[s.Start:s.End])
		}
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"two sentences", "He left. She stayed.", []string{"He left.", "She stayed."}},
		{"abbreviation title", "Mr. Smith arrived. Dr. Jones left.", []string{"Mr. Smith arrived.", "Dr. Jones left."}},
		{"initial", "Lloyd J. Austin spoke today.", []string{"Lloyd J. Austin spoke today."}},
		{"acronym mid-sentence", "The U.S. Secretary of Defense spoke.", []string{"The U.S. Secretary of Defense spoke."}},
		{"acronym at end", "He flew to the U.S. The trip was long.", []string{"He flew to the U.S.", "The trip was long."}},
		{"quote closes sentence", "He said, \u201cWe will win.\u201d Then he left.", []string{"He said, \u201cWe will win.\u201d", "Then he left."}},
		{"lower case after period", "The rate rose 2.5 pct. in May.", []string{"The rate rose 2.5 pct. in May."}},
		{"paragraphs", "First para.\n\nSecond para.", []string{"First para.", "Second para."}},
		{"line per sentence", "EU rejects German call\nPeter Blackburn said it", []string{"EU rejects German call", "Peter Blackburn said it"}},
		{"month abbreviation", "It happened on Oct. 28 in Moscow.", []string{"It happened on Oct. 28 in Moscow."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := sentencesOf(tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestWrappedText(t *testing.T) {
	// Reuters-style hard-wrapped text: a single newline does not end a
	// sentence; an indented line starts a paragraph.
	text := "    The Bank of England said it had provided the money market\n" +
		"with 120 mln stg of assistance in the morning session, which\n" +
		"compares with the bank's forecast of a shortage of 450 mln stg.\n" +
		"    Earlier the bank said it expected a shortfall of 400 mln stg\n" +
		"in the system today, after taking account of the late help.\n"
	got := sentencesOf(text)
	if len(got) != 2 || !strings.HasPrefix(got[1], "Earlier") {
		t.Fatalf("got %d sentences: %q", len(got), got)
	}
}

func TestNormalizeOffsets(t *testing.T) {
	s := "a \u201cb\u201d c&rsquo;s"
	norm, pos := normalize(s)
	if norm != `a "b" c's` {
		t.Fatalf("norm = %q", norm)
	}
	if len(pos) != len(norm)+1 || pos[len(norm)] != len(s) {
		t.Fatalf("pos map has %d entries, last %d", len(pos), pos[len(pos)-1])
	}
	// The byte after the opening quote is "b", at its original offset.
	if s[pos[3]:pos[3]+1] != "b" {
		t.Fatalf("pos[3] = %d", pos[3])
	}
}

// Reuters' angle-bracket markup is blanked in the normalised text, same
// length (offsets hold): the brackets around a name, and a ticker whole;
// brackets that are not that markup stay.
func TestNormalizeReutersMarkup(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<Nippon Telegraph and Telephone Corp> said", " Nippon Telegraph and Telephone Corp  said"},
		{"Boeing Co <BA> said", "Boeing Co      said"},
		{"Volvo <VOLV ST> and <Atlas Copco\nAB>", "Volvo           and  Atlas Copco AB "},
		{"Reuters Holdings Plc <RTRS.L>", "Reuters Holdings Plc         "},
		{"x < 5 and y > 3", "x < 5 and y > 3"},
		{`<tweet id="1">A</tweet> <lower> <Open`, `<tweet id="1">A</tweet> <lower> <Open`},
		{"a <B=C> d", "a <B=C> d"},
	} {
		norm, pos := normalize(c.in)
		if norm != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, norm, c.want)
		}
		if len(norm) != len(c.in) || pos[len(norm)] != len(c.in) {
			t.Errorf("normalize(%q): %d bytes, pos ends at %d", c.in, len(norm), pos[len(norm)])
		}
	}
}
