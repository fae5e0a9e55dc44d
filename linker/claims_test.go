package linker

import (
	"strings"
	"testing"
)

// claimCase is one hand-built sentence (or a few) and the claim expected
// from it.
type claimCase struct {
	name      string
	sentences []string
	claimant  string // entity name, or claimant text when no entity
	cue       string // lemma
	stance    string
	content   string // the content text
	quote     bool
}

func TestClaimShapes(t *testing.T) {
	cases := []claimCase{
		{
			name:      "X said that S",
			sentences: []string{`Angela/NNP/B-PERSON Merkel/NNP/I-PERSON said/VBD that/IN the/DT talks/NNS had/VBD failed/VBN ./.`},
			claimant:  "Angela Merkel", cue: "say", stance: Affirm, content: "the talks had failed",
		},
		{
			name:      "X said S without that",
			sentences: []string{`The/DT ministry/NN said/VBD prices/NNS would/MD rise/VB ./.`},
			claimant:  "The ministry", cue: "say", stance: Affirm, content: "prices would rise",
		},
		{
			name:      "quote then speaker",
			sentences: []string{`"/` + "``" + ` We/PRP will/MD win/VB ,/, "/'' Smith/NNP/B-PERSON said/VBD ./.`},
			claimant:  "Smith", cue: "say", stance: Affirm, content: "We will win", quote: true,
		},
		{
			name:      "quote then inverted speaker",
			sentences: []string{`"/` + "``" + ` We/PRP will/MD win/VB ,/, "/'' said/VBD John/NNP/B-PERSON Smith/NNP/I-PERSON ./.`},
			claimant:  "John Smith", cue: "say", stance: Affirm, content: "We will win", quote: true,
		},
		{
			name:      "speaker colon quote",
			sentences: []string{`Smith/NNP/B-PERSON told/VBD reporters/NNS :/: "/` + "``" + ` The/DT plan/NN works/VBZ ./. "/''`},
			claimant:  "Smith", cue: "tell", stance: Affirm, content: "The plan works.", quote: true,
		},
		{
			name:      "according to X",
			sentences: []string{`According/VBG to/TO Reuters/NNP/B-ORG ,/, the/DT deal/NN collapsed/VBD ./.`},
			claimant:  "Reuters", cue: "according to", stance: Affirm, content: "the deal collapsed",
		},
		{
			name:      "S according to X",
			sentences: []string{`The/DT deal/NN collapsed/VBD ,/, according/VBG to/TO Reuters/NNP/B-ORG ./.`},
			claimant:  "Reuters", cue: "according to", stance: Affirm, content: "The deal collapsed",
		},
		{
			name:      "dismissed reports as fake",
			sentences: []string{`The/DT Kremlin/NNP/B-ORG dismissed/VBD reports/NNS of/IN a/DT coup/NN as/IN fake/JJ ./.`},
			claimant:  "Kremlin", cue: "dismiss", stance: Deny, content: "reports of a coup as fake",
		},
		{
			name:      "called the claims groundless",
			sentences: []string{`The/DT company/NN called/VBD the/DT claims/NNS groundless/JJ ./.`},
			claimant:  "The company", cue: "call", stance: Deny, content: "the claims groundless",
		},
		{
			name:      "denied that S",
			sentences: []string{`Jones/NNP/B-PERSON denied/VBD that/IN he/PRP had/VBD resigned/VBN ./.`},
			claimant:  "Jones", cue: "deny", stance: Deny, content: "he had resigned",
		},
		{
			name:      "did not confirm",
			sentences: []string{`The/DT army/NN did/VBD not/RB confirm/VB the/DT attack/NN ./.`},
			claimant:  "The army", cue: "confirm", stance: Uncertain, content: "the attack",
		},
		{
			name:      "hedged content",
			sentences: []string{`Officials/NNS said/VBD the/DT virus/NN may/MD have/VB spread/VBN ./.`},
			claimant:  "Officials", cue: "say", stance: Uncertain, content: "the virus may have spread",
		},
		{
			name: "pronoun speaker resolves to the last person",
			sentences: []string{
				`Mark/NNP/B-PERSON Rutte/NNP/I-PERSON arrived/VBD ./.`,
				`He/PRP said/VBD ,/, "/` + "``" + ` We/PRP will/MD monitor/VB the/DT situation/NN ./. "/''`,
			},
			claimant: "Mark Rutte", cue: "say", stance: Affirm, content: "We will monitor the situation.", quote: true,
		},
		{
			name:      "appositive speaker",
			sentences: []string{`Mark/NNP/B-PERSON Rutte/NNP/I-PERSON ,/, NATO/NNP/B-ORG Secretary/NNP General/NNP ,/, confirmed/VBD that/IN troops/NNS arrived/VBD ./.`},
			claimant:  "Mark Rutte", cue: "confirm", stance: Affirm, content: "troops arrived",
		},
		{
			name:      "unnamed speaker affiliated with a country",
			sentences: []string{`A/DT senior/JJ Iranian/JJ/B-NORP official/NN said/VBD talks/NNS would/MD resume/VB ./.`},
			claimant:  "Iran", cue: "say", stance: Affirm, content: "talks would resume",
		},
		{
			name:      "belief",
			sentences: []string{`Analysts/NNS believe/VBP the/DT bank/NN will/MD cut/VB rates/NNS ./.`},
			claimant:  "Analysts", cue: "believe", stance: Affirm, content: "the bank will cut rates",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := buildDoc(t, "t1", tc.sentences...)
			art := New().Link(doc)
			names := map[string]string{}
			for _, e := range art.Entities {
				names[e.ID] = e.Name
			}
			for _, c := range art.Claims {
				who := names[c.Claimant.Entity]
				if who == "" {
					who = c.Claimant.Text
				}
				if c.Cue.Lemma != tc.cue {
					continue
				}
				if who != tc.claimant || c.Stance != tc.stance || c.Content.Text != tc.content || c.Quote != tc.quote {
					t.Fatalf("got claimant %q stance %s content %q quote %v; want %q %s %q %v",
						who, c.Stance, c.Content.Text, c.Quote, tc.claimant, tc.stance, tc.content, tc.quote)
				}
				if doc.Text[c.Content.Start:c.Content.End] != c.Content.Text {
					t.Fatalf("content offsets [%d,%d) do not give its text", c.Content.Start, c.Content.End)
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
	} {
		art := New().Link(buildDoc(t, "t2", s))
		if len(art.Claims) != 0 {
			t.Errorf("%s: got %d claims, want none: %+v", s, len(art.Claims), art.Claims)
		}
	}
}
