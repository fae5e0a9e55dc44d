package linker

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/claimgraph/claimgraph/nlp"
)

// treeSent builds a parsed sentence by hand from "word/TAG/head/label"
// fields (head 1-based as in CoNLL-U, 0 for the root), with the document
// text it points into.
func treeSent(t *testing.T, spec string) (*oieSent, *nlp.Document) {
	t.Helper()
	var text strings.Builder
	var toks []nlp.Token
	var heads []int
	var labels []string
	for i, f := range strings.Fields(spec) {
		p := strings.Split(f, "/")
		if len(p) != 4 {
			t.Fatalf("field %q: want word/TAG/head/label", f)
		}
		h, err := strconv.Atoi(p[2])
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			text.WriteByte(' ')
		}
		w := strings.ReplaceAll(p[0], "_", " ")
		toks = append(toks, nlp.Token{Text: w, Norm: w, Tag: p[1], Span: nlp.Span{Start: text.Len(), End: text.Len() + len(w)}})
		text.WriteString(w)
		heads = append(heads, h-1)
		labels = append(labels, p[3])
	}
	return newOIESent(toks, heads, labels), &nlp.Document{ID: "t", Text: text.String()}
}

// tupleString renders a tuple as "subject | relation | object | arg | ...".
func tupleString(s *oieSent, doc *nlp.Document, tp tuple) string {
	parts := []string{}
	st, _, _ := s.spanText(doc, tp.subj)
	parts = append(parts, st, s.cue(doc, tp).Text)
	ot, _, _ := s.spanText(doc, tp.obj)
	parts = append(parts, ot)
	for _, a := range tp.args {
		at, _, _ := s.spanText(doc, a)
		parts = append(parts, at)
	}
	return strings.Join(parts, " | ")
}

func TestOpenIEConstructions(t *testing.T) {
	cases := []struct {
		name string
		tree string
		want []string // tuples, in order of extraction
	}{
		{
			name: "SVO with a time argument",
			tree: `In/IN/2/case 2019/CD/5/obl ,/,/5/punct Rutte/NNP/5/nsubj addressed/VBD/0/root the/DT/7/det ambassadors/NNS/5/obj ././5/punct`,
			want: []string{"Rutte | addressed | the ambassadors | In 2019"},
		},
		{
			name: "first prepositional argument joins the relation",
			tree: `North/NNP/2/compound Korea/NNP/3/nsubj deployed/VBD/0/root troops/NNS/3/obj to/IN/6/case Russia/NNP/3/obl in/IN/8/case October/NNP/3/obl ././3/punct`,
			want: []string{"North Korea | deployed | troops | to Russia | in October"},
		},
		{
			name: "intransitive verb: the preposition goes to the relation",
			tree: `Bond/NNP/2/nsubj apologized/VBD/0/root to/IN/4/case Graves/NNP/2/obl ././2/punct`,
			want: []string{"Bond | apologized to | Graves"},
		},
		{
			name: "passive with agent",
			tree: `The/DT/2/det workers/NNS/4/nsubj:pass were/VBD/4/aux:pass addressed/VBN/0/root by/IN/6/case Jagan/NNP/4/obl:agent ././4/punct`,
			want: []string{"The workers | were addressed by | Jagan"},
		},
		{
			name: "copula with a noun phrase",
			tree: `Celeski/NNP/5/nsubj is/VBZ/5/cop an/DT/5/det Australian/JJ/5/amod footballer/NN/0/root ././5/punct`,
			want: []string{"Celeski | is | an Australian footballer"},
		},
		{
			name: "copula with a prepositional phrase",
			tree: `Kursk/NNP/4/nsubj is/VBZ/4/cop in/IN/4/case Russia/NNP/0/root ././4/punct`,
			want: []string{"Kursk | is in | Russia"},
		},
		{
			name: "adverb inside the verb group",
			tree: `They/PRP/4/nsubj:pass are/VBP/4/aux:pass also/RB/4/advmod known/VBN/0/root in/IN/6/case Japan/NNP/4/obl ././4/punct`,
			want: []string{"They | are also known in | Japan"},
		},
		{
			name: "appositive",
			tree: `Mark/NNP/5/nsubj Rutte/NNP/1/flat ,/,/4/punct chief/NN/1/appos ,/,/4/punct spoke/VBD/0/root ././5/punct`,
			want: []string{"Mark Rutte | is | chief"},
		},
		{
			name: "place appositive is not an appositive",
			tree: `He/PRP/2/nsubj lived/VBD/0/root in/IN/4/case Murray/NNP/2/obl ,/,/6/punct Utah/NNP/4/appos ././2/punct`,
			want: []string{"He | lived in | Murray"},
		},
		{
			name: "coordinated objects",
			tree: `It/PRP/2/nsubj includes/VBZ/0/root schools/NNS/2/obj ,/,/5/punct colleges/NNS/3/conj and/CC/7/cc universities/NNS/3/conj ././2/punct`,
			want: []string{"It | includes | schools", "It | includes | colleges", "It | includes | universities"},
		},
		{
			name: "coordinated verbs share the subject",
			tree: `He/PRP/2/nsubj served/VBD/0/root as/IN/4/case minister/NN/2/obl and/CC/6/cc became/VBD/2/conj a/DT/8/det judge/NN/6/xcomp ././2/punct`,
			want: []string{"He | served as | minister", "He | became | a judge"},
		},
		{
			name: "coordinated subjects",
			tree: `He/PRP/5/nsubj and/CC/4/cc his/PRP$/4/nmod:poss friends/NNS/1/conj made/VBD/0/root bombs/NNS/5/obj ././5/punct`,
			want: []string{"He | made | bombs", "his friends | made | bombs", "He and his friends | made | bombs"},
		},
		{
			name: "relative clause: the pronoun stands for its noun",
			tree: `He/PRP/2/nsubj found/VBD/0/root an/DT/4/det opening/NN/2/obj that/WDT/6/nsubj led/VBD/4/acl:relcl to/IN/9/case a/DT/9/det mine/NN/6/obl ././2/punct`,
			want: []string{"He | found | an opening", "an opening | led to | a mine"},
		},
		{
			name: "relative clause object",
			tree: `Keibler/NNP/2/nsubj began/VBD/0/root a/DT/4/det feud/NN/2/obj ,/,/8/punct which/WDT/8/obj Hall/NNP/8/nsubj lost/VBD/4/acl:relcl ././2/punct`,
			want: []string{"Keibler | began | a feud", "Hall | lost | a feud"},
		},
		{
			name: "relative clause on a predicate noun takes the subject",
			tree: `Celeski/NNP/4/nsubj is/VBZ/4/cop a/DT/4/det footballer/NN/0/root who/WP/6/nsubj plays/VBZ/4/acl:relcl for/IN/8/case Newcastle/NNP/6/obl ././4/punct`,
			want: []string{"Celeski | is | a footballer", "Celeski | plays for | Newcastle"},
		},
		{
			name: "open clausal complement joins the relation",
			tree: `He/PRP/2/nsubj helped/VBD/0/root to/TO/4/mark raise/VB/2/xcomp funds/NNS/4/obj ././2/punct`,
			want: []string{"He | helped to raise | funds"},
		},
		{
			name: "adjective and complement join the relation",
			tree: `Soldiers/NNS/3/nsubj were/VBD/3/cop able/JJ/0/root to/TO/5/mark reinforce/VB/3/xcomp the/DT/7/det hotel/NN/5/obj ././3/punct`,
			want: []string{"Soldiers | were able to reinforce | the hotel"},
		},
		{
			name: "relative clause without a pronoun: the noun is the object",
			tree: `The/DT/2/det gimmicks/NNS/5/nsubj she/PRP/4/nsubj used/VBD/2/acl:relcl went/VBD/0/root beyond/IN/7/case routines/NNS/5/obl ././5/punct`,
			want: []string{"she | used | The gimmicks", "The gimmicks | went beyond | routines"},
		},
		{
			name: "a name parsed as an apposition without a comma stays whole",
			tree: `Local/JJ/3/amod football/NN/3/compound team/NN/6/nsubj Ammanford/NNP/5/compound A.F.C./NNP/3/appos play/VBP/0/root in/IN/8/case Wales/NNP/6/obl ././6/punct`,
			want: []string{"Local football team Ammanford A.F.C. | play in | Wales"},
		},
		{
			name: "conditional clause",
			tree: `It/PRP/4/nsubj would/MD/4/aux be/VB/4/cop serious/JJ/0/root if/IN/7/mark soldiers/NNS/7/nsubj deployed/VBD/4/advcl to/IN/9/case Ukraine/NNP/7/obl ././4/punct`,
			want: []string{"It | would be | serious", "soldiers | deployed to | Ukraine (hypothetical)"},
		},
		{
			name: "possessive",
			tree: `Britain/NNP/3/nmod:poss 's/POS/1/case relationship/NN/4/nsubj declined/VBD/0/root ././4/punct`,
			want: []string{"Britain | has | relationship"},
		},
		{
			name: "no subject, no tuple",
			tree: `Stand/VB/0/root with/IN/3/case me/PRP/1/obl ././1/punct`,
			want: nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, doc := treeSent(t, c.tree)
			var got []string
			for _, tp := range s.extract(nil) {
				if len(tp.obj) == 0 {
					continue
				}
				ts := tupleString(s, doc, tp)
				if tp.hypo {
					ts += " (hypothetical)"
				}
				got = append(got, ts)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

// TestOpenIEBadTrees runs the extraction over trees with every head
// (including cycles and roots everywhere): it must never panic.
func TestOpenIEBadTrees(t *testing.T) {
	words := []string{"which", "the", "report", "was", "sent", "to", "Russia", "that", "he", "left"}
	tags := []string{"WDT", "DT", "NN", "VBD", "VBN", "IN", "NNP", "WDT", "PRP", "VBD"}
	labels := []string{"nsubj", "obj", "acl:relcl", "conj", "xcomp", "cop", "case", "nmod:poss", "appos", "obl", "advcl", "acl", "mark", "aux:pass", "root"}
	n := len(words)
	for seed := 0; seed < 3000; seed++ {
		toks := make([]nlp.Token, n)
		heads := make([]int, n)
		labs := make([]string, n)
		x := uint32(seed*7919 + 1)
		for i := range toks {
			toks[i] = nlp.Token{Text: words[i], Norm: words[i], Tag: tags[i], Span: nlp.Span{Start: i * 8, End: i*8 + len(words[i])}}
			x = x*1103515245 + 12345
			heads[i] = int((x>>8)%uint32(n+1)) - 1
			labs[i] = labels[int(x>>16)%len(labels)]
		}
		s := newOIESent(toks, heads, labs)
		doc := &nlp.Document{Text: strings.Repeat(" ", 8*n)}
		for _, tp := range s.extract(nil) {
			s.cue(doc, tp)
		}
	}
}

// TestRelationsLinked runs the linker (and the embedded parser) on
// documents built by hand and checks the relations between entities, the
// ones the graph stores.
func TestRelationsLinked(t *testing.T) {
	cases := []struct {
		name      string
		sentences []string
		want      string // subject entity | lemma | object entity
	}{
		{
			name:      "SVO with a preposition",
			sentences: []string{`North/NNP/B-GPE Korea/NNP/I-GPE deployed/VBD troops/NNS to/TO Russia/NNP/B-GPE ./.`},
			want:      "place/north-korea | deploy troops to | place/russia",
		},
		{
			name:      "passive",
			sentences: []string{`North/JJ/B-NORP Korean/JJ/I-NORP troops/NNS were/VBD sent/VBN to/TO Russia/NNP/B-GPE ./.`},
			want:      "place/north-korea | send to | place/russia",
		},
		{
			name:      "object of an of-phrase",
			sentences: []string{`Mark/NNP/B-PERSON Rutte/NNP/I-PERSON addressed/VBD the/DT workers/NNS of/IN Acme/NNP/B-ORG Corp/NNP/I-ORG ./.`},
			want:      "person/mark-rutte | address | org/acme-corp",
		},
	}
	l := New()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			art := l.Link(buildDoc(t, "d", c.sentences...))
			var got []string
			for _, r := range art.Relations {
				if r.Subject.Entity != "" && r.Object.Entity != "" {
					got = append(got, r.Subject.Entity+" | "+r.Predicate.Lemma+" | "+r.Object.Entity)
				}
			}
			if len(got) == 0 || got[0] != c.want {
				t.Errorf("got %q, want %q first", got, c.want)
			}
			for _, r := range art.Relations {
				if r.Confidence <= 0 || r.Confidence >= 1 || !strings.HasPrefix(r.ID, "rel/") {
					t.Errorf("relation %+v: bad confidence or ID", r)
				}
			}
		})
	}
}

// TestRelationsDeterministic checks that the same document gives the same
// relations, byte for byte, and that spans point at their text.
func TestRelationsDeterministic(t *testing.T) {
	sents := []string{
		`Rutte/NNP/B-PERSON said/VBD the/DT troops/NNS ,/, who/WP arrived/VBD in/IN Kursk/NNP/B-GPE ,/, were/VBD trained/VBN by/IN Russia/NNP/B-GPE ./.`,
		`The/DT alliance/NN ,/, a/DT group/NN of/IN 32/CD countries/NNS ,/, met/VBD in/IN Brussels/NNP/B-GPE and/CC issued/VBD a/DT statement/NN ./.`,
	}
	l := New()
	a, _ := json.Marshal(l.Link(buildDoc(t, "d", sents...)).Relations)
	art := l.Link(buildDoc(t, "d", sents...))
	b, _ := json.Marshal(art.Relations)
	if string(a) != string(b) {
		t.Fatalf("two runs differ:\n%s\n%s", a, b)
	}
	if len(art.Relations) == 0 {
		t.Fatal("no relations")
	}
	doc := buildDoc(t, "d", sents...)
	for _, r := range art.Relations {
		for _, ref := range append([]Ref{r.Subject, r.Object}, r.Args...) {
			if ref.Start < 0 || ref.End > len(doc.Text) || ref.Start >= ref.End {
				t.Errorf("%q: bad span [%d,%d)", ref.Text, ref.Start, ref.End)
				continue
			}
			if src := doc.Text[ref.Start:ref.End]; !strings.HasPrefix(src, strings.Fields(ref.Text)[0]) {
				t.Errorf("%q does not start its span %q", ref.Text, src)
			}
		}
	}
}
