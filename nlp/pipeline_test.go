package nlp

import (
	"os"
	"strings"
	"sync"
	"testing"
)

var (
	testPipeOnce sync.Once
	testPipe     *Pipeline
	testPipeErr  error
)

// pipeline returns one shared pipeline with the default recognizer.
func pipeline(t testing.TB) *Pipeline {
	testPipeOnce.Do(func() { testPipe, testPipeErr = New() })
	if testPipeErr != nil {
		t.Fatal(testPipeErr)
	}
	return testPipe
}

func TestTokensAnchoredToInput(t *testing.T) {
	text := "NATO\u2019s chief said \u201cwe are ready\u201d.\n\nRussia\u2019s army moved &rsquo;fast&rsquo;."
	doc, err := pipeline(t).Process(Input{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range doc.Sentences {
		for _, tok := range s.Tokens {
			n++
			if text[tok.Start:tok.End] != tok.Text {
				t.Errorf("token %q at [%d,%d) reads %q", tok.Text, tok.Start, tok.End, text[tok.Start:tok.End])
			}
		}
	}
	if n < 12 {
		t.Fatalf("only %d tokens", n)
	}
	for _, m := range doc.Mentions {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q at [%d,%d) reads %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
}

func TestHeadlineIsOwnSentence(t *testing.T) {
	text := "Rebels seize town near capital\nThe rebels took the town on Monday. Officials confirmed it."
	doc, err := pipeline(t).Process(Input{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 3 || !doc.Sentences[0].Headline || doc.Sentences[1].Headline {
		t.Fatalf("sentences: %+v", doc.Sentences)
	}
}

func TestAdvertisementDropped(t *testing.T) {
	text := `Minister resigns over budget

Finance Minister Anna Berg resigned on Tuesday, the government said.

SAVE BIG ON YOUR CAR INSURANCE TODAY
Acme Insurance Sponsored

Tired of paying too much? I switched and saved hundreds, and you can too! Click here and get your free quote now. Don't wait!

Berg had been under pressure since the budget vote, officials said.`
	doc, err := pipeline(t).Process(Input{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Sentences {
		st := text[s.Start:s.End]
		if strings.Contains(st, "Acme") || strings.Contains(st, "quote now") || strings.Contains(st, "INSURANCE") {
			t.Errorf("ad sentence kept: %q", st)
		}
	}
	kept := 0
	for _, s := range doc.Sentences {
		if strings.Contains(text[s.Start:s.End], "Berg") {
			kept++
		}
	}
	if kept != 2 {
		t.Errorf("want the 2 news sentences about Berg kept, got %d", kept)
	}
}

func TestQuotedSpeechIsNotAnAd(t *testing.T) {
	// First and second person inside quotation marks is speech, not an appeal.
	text := "Strike ends\n\nSponsored\n\n\u201cI told you we would win, and you believed me,\u201d the union leader said on Friday. The strike ended after 12 days."
	doc, err := pipeline(t).Process(Input{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range doc.Sentences {
		if strings.Contains(text[s.Start:s.End], "union leader") {
			found = true
		}
	}
	if !found {
		t.Fatal("news paragraph with quoted speech was dropped")
	}
}

func TestReferenceArticleAd(t *testing.T) {
	b, err := os.ReadFile("../examples/articles/nato-north-korea.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	doc, err := pipeline(t).Process(Input{ID: "seed", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	adStart := strings.Index(text, "STOP THE RADICAL")
	adEnd := strings.Index(text, "Capitol Hill!") + len("Capitol Hill!")
	for _, s := range doc.Sentences {
		if s.Start < adEnd && s.End > adStart {
			t.Errorf("sentence inside the advertisement kept: %q", text[s.Start:s.End])
		}
	}
	for _, m := range doc.Mentions {
		if m.Start < adEnd && m.End > adStart {
			t.Errorf("mention inside the advertisement: %q", m.Text)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	p := pipeline(t)
	text := "Angela Merkel met Emmanuel Macron in Paris on Monday, officials said."
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := p.Process(Input{ID: "c", Text: text})
			if err != nil || len(doc.Mentions) == 0 {
				t.Errorf("err %v, %d mentions", err, len(doc.Mentions))
			}
		}()
	}
	wg.Wait()
}

// A company name in Reuters' markup is a mention without its brackets,
// and a ticker is not part of the name before it.
func TestReutersMarkupMentions(t *testing.T) {
	text := "Toronto, March 3 - <Royal Trustco Ltd> said it agreed to buy a stake in\n" +
		"<Central Point Software Inc>. Boeing Co <BA> said on Monday it won an order."
	doc, err := pipeline(t).Process(Input{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range doc.Mentions {
		got[m.Text] = true
		if strings.ContainsAny(m.Text, "<>") {
			t.Errorf("mention %q holds markup", m.Text)
		}
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q at [%d,%d) reads %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
	for _, want := range []string{"Royal Trustco Ltd", "Central Point Software Inc", "Boeing Co"} {
		if !got[want] {
			t.Errorf("no mention %q; mentions: %v", want, got)
		}
	}
}
