package linker

import (
	"strings"
	"testing"
)

// claimCase is one hand-built sentence (or a few) and the claim expected
// from it.
type claimCase struct {
	name      string
	id        string // document ID; "headline..." makes the first sentence a headline
	sentences []string
	claimant  string // entity name, or claimant text when no entity
	cue       string // lemma
	stance    string
	kind      string // "" means speech
	content   string // the content text
	quote     bool
}

// Quotation marks in hand-built sentences: an opening and a closing mark.
const (
	oq = "\"/``"
	cq = "\"/''"
)

func TestClaimShapes(t *testing.T) {
	cases := []claimCase{
		// Indirect speech.
		{
			name:      "X said that S",
			sentences: []string{`Angela/NNP/B-PERSON Merkel/NNP/I-PERSON said/VBD that/IN the/DT talks/NNS had/VBD failed/VBN ./.`},
			claimant:  "Angela Merkel", cue: "say", stance: Affirm, content: "that the talks had failed",
		},
		{
			name:      "X said S without that",
			sentences: []string{`The/DT ministry/NN said/VBD prices/NNS would/MD rise/VB ./.`},
			claimant:  "The ministry", cue: "say", stance: Affirm, content: "prices would rise",
		},
		{
			name:      "X told reporters S",
			sentences: []string{`Smith/NNP/B-PERSON told/VBD reporters/NNS the/DT plan/NN would/MD work/VB ./.`},
			claimant:  "Smith", cue: "tell", stance: Affirm, content: "the plan would work",
		},
		{
			name:      "X said in a statement on Monday that S",
			sentences: []string{`Smith/NNP/B-PERSON said/VBD in/IN a/DT statement/NN on/IN Monday/NNP that/IN the/DT plan/NN would/MD work/VB ./.`},
			claimant:  "Smith", cue: "say", stance: Affirm, content: "that the plan would work",
		},
		{
			name:      "X said after a PP S",
			sentences: []string{`Trump/NNP/B-PERSON said/VBD after/IN the/DT convention/NN he/PRP would/MD not/RB accept/VB the/DT offer/NN ./.`},
			claimant:  "Trump", cue: "say", stance: Affirm, content: "he would not accept the offer",
		},
		{
			name:      "according to X, S",
			sentences: []string{`According/VBG to/TO Reuters/NNP/B-ORG ,/, the/DT deal/NN collapsed/VBD ./.`},
			claimant:  "Reuters", cue: "according to", stance: Affirm, content: "the deal collapsed",
		},
		{
			name:      "S, according to X",
			sentences: []string{`The/DT deal/NN collapsed/VBD ,/, according/VBG to/TO Reuters/NNP/B-ORG ./.`},
			claimant:  "Reuters", cue: "according to", stance: Affirm, content: "The deal collapsed",
		},
		{
			name:      "S, X added",
			sentences: []string{`The/DT talks/NNS will/MD resume/VB next/JJ week/NN ,/, Jones/NNP/B-PERSON added/VBD ./.`},
			claimant:  "Jones", cue: "add", stance: Affirm, content: "The talks will resume next week",
		},
		{
			name:      "S, said X, an appositive",
			sentences: []string{`The/DT talks/NNS will/MD resume/VB ,/, said/VBD Jones/NNP/B-PERSON ,/, a/DT spokesman/NN ./.`},
			claimant:  "Jones", cue: "say", stance: Affirm, content: "The talks will resume",
		},
		{
			name:      "S, X said, and S2: the content is the first clause",
			sentences: []string{`It/PRP would/MD take/VB weeks/NNS ,/, he/PRP said/VBD ,/, and/CC talks/NNS could/MD stall/VB ./.`},
			claimant:  "he", cue: "say", stance: Affirm, content: "It would take weeks",
		},
		{
			name:      "quantities stay intact",
			sentences: []string{`Rutte/NNP/B-PERSON stated/VBD that/IN more/JJR than/IN 600,000/CD Russians/NNPS/B-NORP had/VBD been/VBN killed/VBN ./.`},
			claimant:  "Rutte", cue: "state", stance: Affirm, content: "that more than 600,000 Russians had been killed",
		},
		// Direct quotations.
		{
			name:      "quote then speaker",
			sentences: []string{oq + ` We/PRP will/MD win/VB ,/, ` + cq + ` Smith/NNP/B-PERSON said/VBD ./.`},
			claimant:  "Smith", cue: "say", stance: Affirm, content: `"We will win,"`, quote: true,
		},
		{
			name:      "quote then inverted speaker",
			sentences: []string{oq + ` We/PRP will/MD win/VB ,/, ` + cq + ` said/VBD John/NNP/B-PERSON Smith/NNP/I-PERSON ./.`},
			claimant:  "John Smith", cue: "say", stance: Affirm, content: `"We will win,"`, quote: true,
		},
		{
			name:      "speaker colon quote",
			sentences: []string{`Smith/NNP/B-PERSON told/VBD reporters/NNS :/: ` + oq + ` The/DT plan/NN works/VBZ ./. ` + cq},
			claimant:  "Smith", cue: "tell", stance: Affirm, content: `"The plan works."`, quote: true,
		},
		{
			name: "quotation over several sentences, speaker after it ends",
			sentences: []string{
				oq + ` We/PRP will/MD win/VB ./.`,
				`We/PRP always/RB do/VBP ,/, ` + cq + ` Smith/NNP/B-PERSON said/VBD ./.`,
			},
			claimant: "Smith", cue: "say", stance: Affirm, content: `"We will win. We always do,"`, quote: true,
		},
		{
			name: "quotation continued after the attribution",
			sentences: []string{
				oq + ` We/PRP will/MD win/VB ,/, ` + cq + ` Smith/NNP/B-PERSON said/VBD ./.`,
				oq + ` We/PRP always/RB do/VBP ./. ` + cq,
			},
			claimant: "Smith", cue: "say", stance: Affirm, content: `"We will win," Smith said. "We always do."`, quote: true,
		},
		{
			name: "quotation over two paragraphs",
			sentences: []string{
				oq + ` We/PRP will/MD win/VB ./.`,
				"¶ " + oq + ` We/PRP always/RB do/VBP ,/, ` + cq + ` Smith/NNP/B-PERSON said/VBD ./.`,
			},
			claimant: "Smith", cue: "say", stance: Affirm, content: "\"We will win.\n\n\"We always do,\"", quote: true,
		},
		{
			name:      "partial quotation",
			sentences: []string{`Smith/NNP/B-PERSON said/VBD the/DT plan/NN was/VBD ` + oq + ` a/DT disaster/NN ` + cq + ` ./.`},
			claimant:  "Smith", cue: "say", stance: Affirm, content: `the plan was "a disaster"`,
		},
		{
			name:      "partial quotation before the speaker",
			sentences: []string{`The/DT summit/NN achieved/VBD ` + oq + ` too/RB little/JJ ,/, ` + cq + ` Smith/NNP/B-PERSON said/VBD ./.`},
			claimant:  "Smith", cue: "say", stance: Affirm, content: `The summit achieved "too little,"`, quote: true,
		},
		{
			name:      "quotation signed with a dash",
			sentences: []string{oq + ` We/PRP will/MD win/VB ./. ` + cq + ` ―/: Maria/NNP/B-PERSON Lopez/NNP/I-PERSON`},
			claimant:  "Maria Lopez", cue: "—", stance: Affirm, content: `"We will win."`, quote: true,
		},
		{
			name:      "headline with a colon",
			id:        "headline-colon",
			sentences: []string{`Sanders/NNP/B-PERSON :/: Clinton/NNP/B-PERSON is/VBZ qualified/JJ`, `¶ He/PRP spoke/VBD ./.`},
			claimant:  "Sanders", cue: ":", stance: Affirm, content: "Clinton is qualified",
		},
		{
			name:      "colon in a transcript turn",
			sentences: []string{oq + ` WALLACE/NNP/B-PERSON :/: Let/VB 's/PRP start/VB with/IN the/DT debate/NN ./.`},
			claimant:  "WALLACE", cue: ":", stance: Affirm, content: "Let's start with the debate.",
		},
		{
			name:      "quotation signed with a dash glued to the closing mark",
			sentences: []string{oq + ` We/PRP win/VBP .”―/NN Maria/NNP/B-PERSON Lopez/NNP/I-PERSON`},
			claimant:  "Maria Lopez", cue: "—", stance: Affirm, content: "\"We win .\u201d", quote: true,
		},
		// Nominal cues.
		{
			name:      "X's claim that S",
			sentences: []string{`Trump/NNP/B-PERSON 's/POS claim/NN that/IN the/DT vote/NN was/VBD rigged/VBN angered/VBD officials/NNS ./.`},
			claimant:  "Trump", cue: "claim", stance: Affirm, content: "that the vote was rigged angered officials",
		},
		{
			name: "his promise to",
			sentences: []string{
				`Trump/NNP/B-PERSON spoke/VBD ./.`,
				`He/PRP repeated/VBD his/PRP$ promise/NN to/TO build/VB a/DT wall/NN ./.`,
			},
			claimant: "Trump", cue: "promise", stance: Affirm, kind: Intention, content: "to build a wall",
		},
		// Speakers.
		{
			name:      "initial split from a name",
			sentences: []string{oq + ` It/PRP works/VBZ ,/, ` + cq + ` Donald/NNP/B-PERSON J/NNP/I-PERSON ././I-PERSON Trump/NNP/I-PERSON said/VBD ./.`},
			claimant:  "Donald J. Trump", cue: "say", stance: Affirm, content: `"It works,"`, quote: true,
		},
		{
			name:      "coordinated verb after yet",
			sentences: []string{`Trump/NNP/B-PERSON demands/VBZ accountability/NN ,/, yet/CC refuses/VBZ to/TO release/VB his/PRP$ records/NNS ./.`},
			claimant:  "Trump", cue: "refuse", stance: Affirm, kind: Intention, content: "to release his records",
		},
		{
			name: "pronoun speaker resolves to the last person",
			sentences: []string{
				`Mark/NNP/B-PERSON Rutte/NNP/I-PERSON arrived/VBD ./.`,
				`He/PRP said/VBD ,/, ` + oq + ` We/PRP will/MD monitor/VB the/DT situation/NN ./. ` + cq,
			},
			claimant: "Mark Rutte", cue: "say", stance: Affirm, content: `"We will monitor the situation."`, quote: true,
		},
		{
			name:      "appositive speaker",
			sentences: []string{`Mark/NNP/B-PERSON Rutte/NNP/I-PERSON ,/, NATO/NNP/B-ORG Secretary/NNP General/NNP ,/, confirmed/VBD that/IN troops/NNS arrived/VBD ./.`},
			claimant:  "Mark Rutte", cue: "confirm", stance: Affirm, content: "that troops arrived",
		},
		{
			name:      "appositive with a clause",
			sentences: []string{`Jane/NNP/B-PERSON Doe/NNP/I-PERSON ,/, an/DT economist/NN who/WP served/VBD at/IN the/DT bank/NN ,/, said/VBD rates/NNS would/MD fall/VB ./.`},
			claimant:  "Jane Doe", cue: "say", stance: Affirm, content: "rates would fall",
		},
		{
			name:      "the name is the appositive",
			sentences: []string{`A/DT lawyer/NN for/IN the/DT firm/NN ,/, David/NNP/B-PERSON Schulz/NNP/I-PERSON ,/, said/VBD no/DT decision/NN had/VBD been/VBN made/VBN ./.`},
			claimant:  "David Schulz", cue: "say", stance: Affirm, content: "no decision had been made",
		},
		{
			name:      "party and state in parentheses",
			sentences: []string{`Rep./NNP Gwen/NNP/B-PERSON Moore/NNP/I-PERSON (/( D-Wis/NNP ./. )/) said/VBD the/DT remark/NN was/VBD racist/JJ ./.`},
			claimant:  "Gwen Moore", cue: "say", stance: Affirm, content: "the remark was racist",
		},
		{
			name:      "relative pronoun speaker",
			sentences: []string{`They/PRP met/VBD Jones/NNP/B-PERSON ,/, who/WP said/VBD the/DT plan/NN had/VBD failed/VBN ./.`},
			claimant:  "Jones", cue: "say", stance: Affirm, content: "the plan had failed",
		},
		{
			name:      "unnamed speaker affiliated with a country",
			sentences: []string{`A/DT senior/JJ Iranian/JJ/B-NORP official/NN said/VBD talks/NNS would/MD resume/VB ./.`},
			claimant:  "Iran", cue: "say", stance: Affirm, content: "talks would resume",
		},
		{
			name:      "unnamed sources",
			sentences: []string{`The/DT talks/NNS failed/VBD ,/, sources/NNS said/VBD ./.`},
			claimant:  "sources", cue: "say", stance: Affirm, content: "The talks failed",
		},
		{
			name:      "a spokesman for an organisation",
			sentences: []string{`A/DT spokesman/NN for/IN the/DT Kremlin/NNP/B-ORG said/VBD the/DT report/NN was/VBD false/JJ ./.`},
			claimant:  "Kremlin", cue: "say", stance: Affirm, content: "the report was false",
		},
		{
			name: "the ministry is the organisation named before",
			sentences: []string{
				`The/DT Foreign/NNP/B-ORG Ministry/NNP/I-ORG met/VBD on/IN Monday/NNP ./.`,
				`The/DT ministry/NN said/VBD the/DT border/NN was/VBD closed/VBN ./.`,
			},
			claimant: "Foreign Ministry", cue: "say", stance: Affirm, content: "the border was closed",
		},
		{
			name: "the minister is the person named before",
			sentences: []string{
				`Defence/NNP Minister/NNP Ana/NNP/B-PERSON Silva/NNP/I-PERSON arrived/VBD ./.`,
				`The/DT minister/NN said/VBD the/DT border/NN was/VBD closed/VBN ./.`,
			},
			claimant: "Ana Silva", cue: "say", stance: Affirm, content: "the border was closed",
		},
		{
			name:      "participle takes the speaker of its clause",
			sentences: []string{`Austin/NNP/B-PERSON confirmed/VBD the/DT move/NN ,/, saying/VBG it/PRP was/VBD serious/JJ ./.`},
			claimant:  "Austin", cue: "say", stance: Affirm, content: "it was serious",
		},
		{
			name:      "second verb of the same speaker",
			sentences: []string{`Police/NNS announced/VBD an/DT arrest/NN and/CC said/VBD a/DT curfew/NN would/MD continue/VB ./.`},
			claimant:  "Police", cue: "say", stance: Affirm, content: "a curfew would continue",
		},
		// Denials and stances.
		{
			name:      "dismissed reports as fake",
			sentences: []string{`The/DT Kremlin/NNP/B-ORG dismissed/VBD reports/NNS of/IN a/DT coup/NN as/IN fake/JJ ./.`},
			claimant:  "Kremlin", cue: "dismiss", stance: Deny, content: "reports of a coup as fake",
		},
		{
			name:      "dismissed reports that S as fake",
			sentences: []string{`The/DT Kremlin/NNP/B-ORG dismissed/VBD reports/NNS that/IN troops/NNS had/VBD crossed/VBN as/IN fake/JJ ./.`},
			claimant:  "Kremlin", cue: "dismiss", stance: Deny, content: "reports that troops had crossed as fake",
		},
		{
			name:      "called the claims groundless",
			sentences: []string{`The/DT company/NN called/VBD the/DT claims/NNS groundless/JJ ./.`},
			claimant:  "The company", cue: "call", stance: Deny, content: "the claims groundless",
		},
		{
			name:      "called X a Y",
			sentences: []string{`Clinton/NNP/B-PERSON called/VBD her/PRP$ vote/NN a/DT mistake/NN ./.`},
			claimant:  "Clinton", cue: "call", stance: Affirm, content: "her vote a mistake",
		},
		{
			name:      "denied that S",
			sentences: []string{`Jones/NNP/B-PERSON denied/VBD that/IN he/PRP had/VBD resigned/VBN ./.`},
			claimant:  "Jones", cue: "deny", stance: Deny, content: "that he had resigned",
		},
		{
			name:      "did not confirm",
			sentences: []string{`The/DT army/NN did/VBD not/RB confirm/VB the/DT attack/NN ./.`},
			claimant:  "The army", cue: "confirm", stance: Uncertain, content: "the attack",
		},
		{
			name:      "did not deny",
			sentences: []string{`The/DT army/NN did/VBD not/RB deny/VB the/DT attack/NN ./.`},
			claimant:  "The army", cue: "deny", stance: Uncertain, content: "the attack",
		},
		{
			name:      "hedged content",
			sentences: []string{`Officials/NNS said/VBD the/DT virus/NN may/MD have/VB spread/VBN ./.`},
			claimant:  "Officials", cue: "say", stance: Uncertain, content: "the virus may have spread",
		},
		{
			name:      "reportedly before the cue",
			sentences: []string{`Jones/NNP/B-PERSON reportedly/RB told/VBD aides/NNS he/PRP would/MD resign/VB ./.`},
			claimant:  "Jones", cue: "tell", stance: Uncertain, content: "he would resign",
		},
		{
			name:      "allegedly in the content",
			sentences: []string{`Police/NNS said/VBD the/DT man/NN allegedly/RB stole/VBD a/DT car/NN ./.`},
			claimant:  "Police", cue: "say", stance: Uncertain, content: "the man allegedly stole a car",
		},
		{
			name:      "it is unclear whether",
			sentences: []string{`Officials/NNS said/VBD it/PRP is/VBZ unclear/JJ whether/IN the/DT talks/NNS will/MD resume/VB ./.`},
			claimant:  "Officials", cue: "say", stance: Uncertain, content: "it is unclear whether the talks will resume",
		},
		// Beliefs and intentions.
		{
			name:      "belief",
			sentences: []string{`Analysts/NNS believe/VBP the/DT bank/NN will/MD cut/VB rates/NNS ./.`},
			claimant:  "Analysts", cue: "believe", stance: Affirm, kind: Belief, content: "the bank will cut rates",
		},
		{
			name:      "intention: wants to",
			sentences: []string{`She/PRP wants/VBZ to/TO triple/VB the/DT size/NN of/IN the/DT program/NN ./.`},
			claimant:  "She", cue: "want", stance: Affirm, kind: Intention, content: "to triple the size of the program",
		},
		{
			name:      "intention: plans to",
			sentences: []string{`The/DT campaign/NN plans/VBZ to/TO release/VB the/DT records/NNS ./.`},
			claimant:  "The campaign", cue: "plan", stance: Affirm, kind: Intention, content: "to release the records",
		},
		{
			name:      "called for",
			sentences: []string{`Obama/NNP/B-PERSON called/VBD for/IN reducing/VBG the/DT tax/NN rate/NN ./.`},
			claimant:  "Obama", cue: "call", stance: Affirm, content: "reducing the tax rate",
		},
		{
			name:      "warned X to",
			sentences: []string{`China/NNP/B-GPE warned/VBD North/NNP/B-GPE Korea/NNP/I-GPE to/TO refrain/VB from/IN tests/NNS ./.`},
			claimant:  "China", cue: "warn", stance: Affirm, content: "to refrain from tests",
		},
		{
			name:      "passive with its agent",
			sentences: []string{`The/DT claim/NN was/VBD first/RB reported/VBN by/IN Reuters/NNP/B-ORG ./.`},
			claimant:  "Reuters", cue: "report", stance: Affirm, content: "The claim",
		},
		{
			name:      "progressive form",
			sentences: []string{`Trump/NNP/B-PERSON is/VBZ demanding/VBG that/IN the/DT rules/NNS change/VB ./.`},
			claimant:  "Trump", cue: "demand", stance: Affirm, kind: Intention, content: "that the rules change",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id := tc.id
			if id == "" {
				id = "t1"
			}
			doc := buildDoc(t, id, tc.sentences...)
			art := New().Link(doc)
			names := map[string]string{}
			for _, e := range art.Entities {
				names[e.ID] = e.Name
			}
			kind := tc.kind
			if kind == "" {
				kind = Speech
			}
			for _, c := range art.Claims {
				who := names[c.Claimant.Entity]
				if who == "" {
					who = c.Claimant.Text
				}
				if c.Cue.Lemma != tc.cue {
					continue
				}
				if who != tc.claimant || c.Stance != tc.stance || c.Content.Text != tc.content || c.Quote != tc.quote || c.Kind != kind {
					t.Fatalf("got claimant %q stance %s kind %s content %q quote %v; want %q %s %s %q %v",
						who, c.Stance, c.Kind, c.Content.Text, c.Quote, tc.claimant, tc.stance, kind, tc.content, tc.quote)
				}
				if doc.Text[c.Content.Start:c.Content.End] != c.Content.Text {
					t.Fatalf("content offsets [%d,%d) do not give its text", c.Content.Start, c.Content.End)
				}
				if doc.Text[c.Claimant.Start:c.Claimant.End] != c.Claimant.Text || doc.Text[c.Cue.Start:c.Cue.End] != c.Cue.Text {
					t.Fatalf("claimant or cue offsets do not give their text")
				}
				return
			}
			var got []string
			for _, c := range art.Claims {
				got = append(got, c.Cue.Lemma+": "+c.Content.Text)
			}
			t.Fatalf("no %q claim; got %s", tc.cue, strings.Join(got, " | "))
		})
	}
}

func TestNoClaimWithoutAttribution(t *testing.T) {
	for _, s := range []string{
		`The/DT president/NN called/VBD his/PRP$ wife/NN ./.`,
		`Prices/NNS rose/VBD sharply/RB on/IN Monday/NNP ./.`,
		`The/DT report/NN was/VBD published/VBN ./.`,
		`Let/VB 's/PRP say/VB prices/NNS rise/VBP ./.`,
		`She/PRP appeared/VBD on/IN a/DT show/NN ./.`,
		// A participle that names: not a claim by the noun before it.
		`They/PRP traced/VBD it/PRP to/TO a/DT website/NN called/VBN Real/NNP News/NNP ,/, a/DT source/NN of/IN fake/JJ stories/NNS ./.`,
		// A reporting verb inside a quotation is the quoted speaker's, not
		// an attribution of the article.
		oq + ` I/PRP said/VBD no/DT ./. ` + cq,
	} {
		art := New().Link(buildDoc(t, "t2", s))
		if len(art.Claims) != 0 {
			t.Errorf("%s: got %d claims, want none: %+v", s, len(art.Claims), art.Claims)
		}
	}
}

// TestQuotations checks quotation finding on the characters of a
// paragraph, whatever the marks.
func TestQuotations(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // inner texts
	}{
		{`He said "yes" and "no".`, []string{"yes", "no"}},
		{"He said \u201cyes\u201d and \u201cno.\u201d", []string{"yes", "no."}},
		{`''It is fine,'' he said.`, []string{"It is fine,"}},
		{"``Fine,'' he said.", []string{"Fine,"}},
		{`"Unclosed to the end`, []string{"Unclosed to the end"}},
		{"\u201dWrong mark opens,\u201d she said.", []string{"Wrong mark opens,"}},
	} {
		doc := buildDoc(t, "q", `x/NN`)
		doc.Text = tc.text
		doc.Sentences[0].Start, doc.Sentences[0].End = 0, len(tc.text)
		var got []string
		for _, q := range findQuotations(doc) {
			got = append(got, tc.text[q.open:q.close])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestEachWord(t *testing.T) {
	var got []string
	eachWord("It\u2019s NOT \u201cfake,\u201d—they said; 600,000 x-ray", func(k int, w []byte) bool {
		got = append(got, string(w))
		return true
	})
	if want := "it's|not|fake|they|said|600|000|x-ray"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %s", got, want)
	}
}

// TestContested checks that a denial and an affirmation of one proposition
// by different claimants are contested, and that a claimant on both sides,
// or the rejection of a request, is not.
func TestContested(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sentences []string
		want      string // "affirmed by | denied by", or "" for none
	}{
		{
			name: "report and denial",
			sentences: []string{
				`Reuters/NNP/B-ORG reported/VBD that/IN Russian/JJ/B-NORP troops/NNS crossed/VBD into/IN Ukraine/NNP/B-GPE ./.`,
				`The/DT Kremlin/NNP/B-ORG denied/VBD that/IN Russian/JJ/B-NORP troops/NNS crossed/VBD into/IN Ukraine/NNP/B-GPE ./.`,
			},
			want: "org/reuters | org/kremlin",
		},
		{
			name: "rejection of a claim",
			sentences: []string{
				`The/DT ministry/NN rejected/VBD Jones/NNP/B-PERSON 's/POS claim/NN that/IN the/DT vote/NN was/VBD rigged/VBN ./.`,
			},
			want: "person/jones@ | The ministry", // a lone name: its ID is scoped to the article
		},
		{
			name: "one claimant on both sides",
			sentences: []string{
				`The/DT Kremlin/NNP/B-ORG said/VBD that/IN Russian/JJ/B-NORP troops/NNS crossed/VBD into/IN Ukraine/NNP/B-GPE ./.`,
				`The/DT Kremlin/NNP/B-ORG denied/VBD that/IN Russian/JJ/B-NORP troops/NNS crossed/VBD into/IN Ukraine/NNP/B-GPE ./.`,
			},
		},
		{
			name: "a rejected request states nothing",
			sentences: []string{
				`Ohio/NNP/B-GPE Democrats/NNPS/B-NORP want/VBP to/TO extend/VB early/JJ voting/NN in/IN Ohio/NNP/B-GPE ./.`,
				`The/DT court/NN rejected/VBD a/DT request/NN to/TO extend/VB early/JJ voting/NN in/IN Ohio/NNP/B-GPE ./.`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			art := New().Link(buildDoc(t, "t3", tc.sentences...))
			var got []string
			for _, c := range art.Contested {
				aff := strings.Join(c.AffirmedBy, ",")
				if i := strings.Index(aff, "@"); i >= 0 {
					aff = aff[:i+1]
				}
				got = append(got, aff+" | "+strings.Join(c.DeniedBy, ","))
			}
			if strings.Join(got, "; ") != tc.want {
				var cl []string
				for _, c := range art.Claims {
					cl = append(cl, c.Claimant.Text+" "+c.Cue.Lemma+" "+c.Stance+": "+c.Content.Text)
				}
				t.Errorf("contested %q, want %q; claims: %s", got, tc.want, strings.Join(cl, " | "))
			}
		})
	}
}
