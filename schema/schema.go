package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"

	"github.com/claimgraph/claimgraph/linker"
)

// Namespaces: every IRI claimgraph writes is a compact IRI in one of these
// namespaces, stored as written ("cg:claimant") so that Gizmo queries use
// the short forms directly: g.V("<ent:person/mark-rutte>").In("<cg:claimant>").
// Export commands expand them to the full IRIs below.
var Namespaces = []struct{ Prefix, Full string }{
	{"cg:", "https://claimgraph.org/ns#"},
	{"art:", "https://claimgraph.org/article/"},
	{"ent:", "https://claimgraph.org/entity/"},
	{"claim:", "https://claimgraph.org/claim/"},
	{"rel:", "https://claimgraph.org/relation/"},
	{"role:", "https://claimgraph.org/role/"},
	{"contested:", "https://claimgraph.org/contested/"},
	{"key:", "https://claimgraph.org/key/"},
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
}

// Predicates and classes.
const (
	Type = quad.IRI("rdf:type")

	// Classes.
	Article   = quad.IRI("cg:Article")
	Claim     = quad.IRI("cg:Claim")
	Contested = quad.IRI("cg:Contested")

	// Article properties.
	Title  = quad.IRI("cg:title")
	Date   = quad.IRI("cg:date")
	URL    = quad.IRI("cg:url")
	Source = quad.IRI("cg:source") // the publisher, from the input's metadata ("Reuters")
	// FoundIn is a place where a copy of the article was found: a file and
	// record ("reut2-000.sgm#5"), a URL. A story reprinted in several
	// files is stored once, with one cg:foundIn per copy.
	FoundIn = quad.IRI("cg:foundIn")
	Author  = quad.IRI("cg:author")
	Hash    = quad.IRI("cg:hash")
	Text    = quad.IRI("cg:text")

	// Entity properties.
	Name        = quad.IRI("cg:name")
	Alias       = quad.IRI("cg:alias")
	MentionedIn = quad.IRI("cg:mentionedIn")
	// Mentions is where an article names its entities, in one literal per
	// article: a line per entity with its ID and the byte span of every
	// mention (FormatMentions). One literal, not one per entity: a literal
	// per entity was 6.7% of the quads of the first quarter of
	// Reuters-21578, each a value of its own, and the spans are only ever
	// read with the article.
	Mentions = quad.IRI("cg:mentions")
	HasTitle = quad.IRI("cg:roleTitle")

	// Claim properties. What the spans and the article's text give is not
	// stored again: the cue's words are text[cue span] (cg:cue is its
	// lemma), and a claimant linked to an entity (cg:claimant) is
	// text[claimant span]. ClaimantText is written only for a claimant
	// that is not an entity ("officials"), where it is the only name of
	// the claimant in the graph. A cg:cueText and a cg:claimantText on
	// every claim were 8.7% of the quads of the first quarter of
	// Reuters-21578.
	Claimant     = quad.IRI("cg:claimant")
	ClaimantText = quad.IRI("cg:claimantText")
	Cue          = quad.IRI("cg:cue")
	Stance       = quad.IRI("cg:stance")
	Kind         = quad.IRI("cg:kind")
	Content      = quad.IRI("cg:content")
	Quote        = quad.IRI("cg:quote")
	About        = quad.IRI("cg:about")
	InArticle    = quad.IRI("cg:article")
	// Spans holds where a claim is in its article, in one literal
	// (FormatSpans): its sentence and the byte spans of its content, cue
	// and claimant. One literal instead of five integer quads: a claim is
	// read whole or not at all, and quads are what ingestion pays for.
	Spans = quad.IRI("cg:spans")

	// QuantityP is a number in a claim's content, with its qualifier and
	// unit, as a JSON literal (FormatQuantity).
	QuantityP = quad.IRI("cg:quantity")
	// DateRef is a date the content names, resolved against the article
	// date: "2024-10-28", "2024-10" or "2024" (a claim's own date is its
	// cg:date).
	DateRef = quad.IRI("cg:dateRef")

	// AffirmedIn and DeniedIn link a proposition key (KeyIRI of
	// linker.PropositionKey) to a claim that affirms or denies a
	// proposition with that key: the index by which the ingest writer
	// finds the claims of other articles that a new claim contests. The
	// key is the subject, so that reading a claim does not read its keys,
	// and the stance is the predicate, so that a new affirmation reads only
	// the denials under its keys (few) and not every affirmation (on all
	// Reuters-21578 stories, reading both took 21% of the ingest's CPU).
	AffirmedIn = quad.IRI("cg:affirmedIn")
	DeniedIn   = quad.IRI("cg:deniedIn")

	// Contested properties.
	Proposition = quad.IRI("cg:proposition")
	HasClaim    = quad.IRI("cg:claim")
	AffirmedBy  = quad.IRI("cg:affirmedBy")
	DeniedBy    = quad.IRI("cg:deniedBy")
)

// EntityClass returns the class IRI of an entity type ("PERSON" -> cg:Person).
func EntityClass(typ string) quad.IRI {
	switch typ {
	case "PERSON":
		return "cg:Person"
	case "ORG":
		return "cg:Organization"
	case "GPE":
		return "cg:GPE"
	case "LOC":
		return "cg:Location"
	case "NORP":
		return "cg:NORP"
	case "FAC":
		return "cg:Facility"
	case "EVENT":
		return "cg:Event"
	default:
		return "cg:Misc"
	}
}

// ArticleIRI returns the IRI of an article ID.
func ArticleIRI(id string) quad.IRI { return quad.IRI("art:" + iriSafe(id)) }

// EntityIRI returns the IRI of an entity ID (as made by linker.EntityID).
func EntityIRI(id string) quad.IRI { return quad.IRI("ent:" + iriSafe(id)) }

// ClaimIRI returns the IRI of a claim ID ("claim/abc" -> claim:abc).
func ClaimIRI(id string) quad.IRI {
	return quad.IRI("claim:" + iriSafe(strings.TrimPrefix(id, "claim/")))
}

// KeyIRI returns the IRI of a proposition key ("k8f3..." -> key:k8f3...).
func KeyIRI(k string) quad.IRI { return quad.IRI("key:" + k) }

// KeyPredicate is the predicate linking a proposition key to a claim of
// this stance (AffirmedIn, DeniedIn), or "" for other stances.
func KeyPredicate(stance string) quad.IRI {
	switch stance {
	case linker.Affirm:
		return AffirmedIn
	case linker.Deny:
		return DeniedIn
	}
	return ""
}

// ContestedGraph labels the quads of contested propositions across
// articles: they belong to no one article (their claims do, with their own
// labels), and one label makes writing a group twice add nothing.
const ContestedGraph = quad.IRI("cg:contestedAcross")

// ContestedIRI returns the IRI of a contested group.
func ContestedIRI(id string) quad.IRI {
	return quad.IRI("contested:" + iriSafe(strings.TrimPrefix(id, "contested/")))
}

// RelationIRI returns the predicate IRI of a relation lemma
// ("deploy troops to" -> rel:deploy-troops-to).
func RelationIRI(lemma string) quad.IRI { return quad.IRI("rel:" + linker.Slug(lemma)) }

// RoleIRI returns the predicate IRI of a title ("Secretary General" ->
// role:secretary-general), linking a person to the organisation or country
// in which the title is held.
func RoleIRI(title string) quad.IRI { return quad.IRI("role:" + linker.Slug(title)) }

// iriSafe escapes characters that may not appear in an IRI.
func iriSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r <= ' ' || strings.ContainsRune(`<>"{}|^`+"`\\", r):
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Meta is the article metadata written on the article node.
type Meta struct {
	Title, Date, URL, Source, Author string
	Hash                             string // content hash of the normalised text
	Text                             string // the article text (for span display)
}

// Quads encodes one article as quads. Every quad is labelled with the
// article's IRI (provenance), except the descriptions of its entities
// (rdf:type, cg:name, cg:alias), which are in the default graph: an entity
// named in a thousand articles has one type and one name quad, not a
// thousand. The encoding is deterministic: the same article
// gives the same quads, so writing them twice adds nothing.
func Quads(art *linker.Article, meta Meta) []quad.Quad {
	a := ArticleIRI(art.ID)
	var qs []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: a})
	}
	str := func(s quad.Value, p quad.IRI, v string) {
		if v != "" {
			add(s, p, quad.String(v))
		}
	}
	add(a, Type, Article)
	str(a, Title, meta.Title)
	str(a, Date, meta.Date)
	str(a, URL, meta.URL)
	str(a, Source, meta.Source)
	str(a, Author, meta.Author)
	str(a, Hash, meta.Hash)
	str(a, Text, meta.Text)
	add(a, RelationCount, quad.Int(len(art.Relations)))
	// An entity's description (type, name, aliases) is in the default
	// graph: stored once, however many articles name the entity.
	describe := func(s quad.Value, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o})
	}
	var mentions []byte
	for _, e := range art.Entities {
		ei := EntityIRI(e.ID)
		describe(ei, Type, EntityClass(e.Type))
		describe(ei, Name, quad.String(e.Name))
		for _, al := range e.Aliases {
			if al != e.Name {
				describe(ei, Alias, quad.String(al))
			}
		}
		add(ei, MentionedIn, a)
		if len(e.Mentions) > 0 {
			if len(mentions) > 0 {
				mentions = append(mentions, '\n')
			}
			mentions = appendMentions(mentions, e.ID, e.Mentions)
		}
	}
	if len(mentions) > 0 {
		add(a, Mentions, quad.String(mentions))
	}
	for _, r := range art.Roles {
		if r.Of != "" {
			add(EntityIRI(r.Person), RoleIRI(r.Title), EntityIRI(r.Of))
		}
		add(EntityIRI(r.Person), HasTitle, quad.String(r.Title))
	}
	date := art.Date
	if date == "" {
		date = meta.Date
	}
	for _, c := range art.Claims {
		ci := ClaimIRI(c.ID)
		add(ci, Type, Claim)
		add(ci, InArticle, a)
		if c.Claimant.Entity != "" {
			add(ci, Claimant, EntityIRI(c.Claimant.Entity))
		} else {
			add(ci, ClaimantText, quad.String(c.Claimant.Text))
		}
		add(ci, Cue, quad.String(c.Cue.Lemma))
		add(ci, Stance, quad.String(c.Stance))
		add(ci, Kind, quad.String(c.Kind))
		add(ci, Content, quad.String(c.Content.Text))
		add(ci, Spans, quad.String(FormatSpans(ClaimSpans{Sentence: c.Sentence,
			Content: [2]int{c.Content.Start, c.Content.End}, Cue: [2]int{c.Cue.Start, c.Cue.End},
			Claimant: [2]int{c.Claimant.Start, c.Claimant.End}})))
		if c.Quote {
			// Only direct quotations say so: no cg:quote means reported.
			add(ci, Quote, quad.Bool(true))
		}
		if c.Time != "" {
			add(ci, Date, quad.String(c.Time))
		} else {
			str(ci, Date, date)
		}
		for _, q := range c.Quantities {
			add(ci, QuantityP, quad.String(FormatQuantity(q)))
		}
		for _, d := range c.Dates {
			add(ci, DateRef, quad.String(d.Date))
		}
		for _, e := range c.About {
			add(ci, About, EntityIRI(e))
		}
		if p := KeyPredicate(c.Stance); p != "" {
			for _, k := range c.Keys {
				add(KeyIRI(k), p, ci)
			}
		}
	}
	for _, r := range art.Relations {
		if r.Subject.Entity == "" || r.Object.Entity == "" {
			continue
		}
		add(EntityIRI(r.Subject.Entity), RelationIRI(r.Predicate.Lemma), EntityIRI(r.Object.Entity))
	}
	if len(art.Relations) > 0 {
		add(a, Relations, quad.String(FormatRelations(art.Relations)))
	}
	for _, g := range art.Contested {
		gi := ContestedIRI(g.ID)
		add(gi, Type, Contested)
		add(gi, InArticle, a)
		str(gi, Proposition, g.Proposition)
		for _, c := range g.Claims {
			add(gi, HasClaim, ClaimIRI(c))
		}
		for _, e := range g.AffirmedBy {
			add(gi, AffirmedBy, PartyValue(e))
		}
		for _, e := range g.DeniedBy {
			add(gi, DeniedBy, PartyValue(e))
		}
	}
	return dedup(qs)
}

// ClaimSpans is where a claim is in its article: the index of its sentence
// and the byte spans [start, end) of its content, cue and claimant.
type ClaimSpans struct {
	Sentence               int
	Content, Cue, Claimant [2]int
}

// FormatSpans writes the cg:spans literal of a claim: "sentence
// content-start-content-end cue-start-cue-end claimant-start-claimant-end",
// e.g. "1 44-84 39-43 0-33".
func FormatSpans(s ClaimSpans) string {
	b := strconv.AppendInt(nil, int64(s.Sentence), 10)
	for _, sp := range [][2]int{s.Content, s.Cue, s.Claimant} {
		b = append(b, ' ')
		b = appendSpan(b, sp)
	}
	return string(b)
}

// ParseSpans reads a cg:spans literal written by FormatSpans.
func ParseSpans(v string) (ClaimSpans, bool) {
	var s ClaimSpans
	f := strings.Fields(v)
	if len(f) != 4 {
		return s, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return s, false
	}
	s.Sentence = n
	for i, dst := range []*[2]int{&s.Content, &s.Cue, &s.Claimant} {
		sp, ok := parseSpan(f[i+1])
		if !ok {
			return s, false
		}
		*dst = sp
	}
	return s, true
}

// FormatMentions writes one entity's line of the cg:mentions literal: its
// ID and the byte span of every mention, "org/nato 0-4 120-124". An
// article's literal is its entities' lines joined by newlines.
func FormatMentions(entity string, ms []linker.Mention) string {
	return string(appendMentions(nil, entity, ms))
}

func appendMentions(b []byte, entity string, ms []linker.Mention) []byte {
	b = append(b, entity...)
	for _, m := range ms {
		b = append(b, ' ')
		b = appendSpan(b, [2]int{m.Start, m.End})
	}
	return b
}

// EntityMentions are the spans of an entity's mentions in an article.
type EntityMentions struct {
	Entity string
	Spans  [][2]int
}

// ParseMentions reads a cg:mentions literal: one line per entity, as
// written by FormatMentions. A malformed line is an error.
func ParseMentions(v string) ([]EntityMentions, error) {
	var out []EntityMentions
	for line := range strings.Lines(v) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return out, fmt.Errorf("cg:mentions: entity %q without spans", f[0])
		}
		em := EntityMentions{Entity: f[0]}
		for _, x := range f[1:] {
			sp, ok := parseSpan(x)
			if !ok {
				return out, fmt.Errorf("cg:mentions: entity %s: bad span %q", f[0], x)
			}
			em.Spans = append(em.Spans, sp)
		}
		out = append(out, em)
	}
	return out, nil
}

func appendSpan(b []byte, sp [2]int) []byte {
	b = strconv.AppendInt(b, int64(sp[0]), 10)
	b = append(b, '-')
	return strconv.AppendInt(b, int64(sp[1]), 10)
}

func parseSpan(x string) ([2]int, bool) {
	a, b, ok := strings.Cut(x, "-")
	if !ok {
		return [2]int{}, false
	}
	s, err1 := strconv.Atoi(a)
	e, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || s < 0 || e < s {
		return [2]int{}, false
	}
	return [2]int{s, e}, true
}

// PartyValue is an entity IRI, or a literal for an unresolved claimant.
func PartyValue(s string) quad.Value {
	if strings.Contains(s, "/") && !strings.Contains(s, " ") {
		return EntityIRI(s)
	}
	return quad.String(s)
}

func dedup(qs []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]bool, len(qs))
	out := qs[:0]
	for _, q := range qs {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// Relations holds every relation of an article, with its spans, in one
// JSON literal on the article (FormatRelations): the relations between two
// entities are also edges (ent -rel:x-> ent), the others ("North Korean
// soldiers -deploy to-> the Kursk area") live only here, for the article
// page, the API and exports.
const Relations = quad.IRI("cg:relations")

// A RelationSpan is one relation in the cg:relations literal. Texts are not
// stored: they are the spans of the article's cg:text.
type RelationSpan struct {
	Sentence   int      `json:"s"`
	Confidence float64  `json:"c"`
	Lemma      string   `json:"p"`            // the predicate's lemma ("send to")
	Predicate  [2]int   `json:"ps"`           // the predicate's span
	Subject    [2]int   `json:"ss"`           // the subject's span
	SubjectEnt string   `json:"se,omitempty"` // its entity, if linked
	Object     [2]int   `json:"os"`           // the object's span
	ObjectEnt  string   `json:"oe,omitempty"` // its entity, if linked
	Args       [][2]int `json:"a,omitempty"`  // further arguments (time, place, ...)
}

// FormatRelations writes the cg:relations literal of an article's
// relations: a JSON array of RelationSpan, in extraction order.
func FormatRelations(rs []linker.Relation) string {
	out := make([]RelationSpan, len(rs))
	for i, r := range rs {
		out[i] = RelationSpan{Sentence: r.Sentence, Confidence: r.Confidence, Lemma: r.Predicate.Lemma,
			Predicate: [2]int{r.Predicate.Start, r.Predicate.End},
			Subject:   [2]int{r.Subject.Start, r.Subject.End}, SubjectEnt: r.Subject.Entity,
			Object: [2]int{r.Object.Start, r.Object.End}, ObjectEnt: r.Object.Entity}
		for _, a := range r.Args {
			out[i].Args = append(out[i].Args, [2]int{a.Start, a.End})
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return string(b)
}

// ParseRelations reads a cg:relations literal written by FormatRelations.
func ParseRelations(v string) ([]RelationSpan, error) {
	var rs []RelationSpan
	if err := json.Unmarshal([]byte(v), &rs); err != nil {
		return nil, fmt.Errorf("cg:relations literal: %w", err)
	}
	return rs, nil
}

// FormatQuantity writes the cg:quantity literal of a quantity:
// {"value":600000,"qualifier":"more than","unit":"Russians","text":"more than 600,000 Russians","start":..,"end":..}.
func FormatQuantity(q linker.Quantity) string {
	b, err := json.Marshal(q)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return string(b)
}

// RelationCount is the number of relations extracted from an article (an
// integer on the article node), summed by `claimgraph stats`.
const RelationCount = quad.IRI("cg:relationCount")

// Register registers claimgraph's namespaces with cayley's vocabulary
// registry (voc), so IRIs can be shortened and expanded. It is idempotent.
func Register() {
	for _, ns := range Namespaces {
		voc.Register(voc.Namespace{Prefix: ns.Prefix, Full: ns.Full})
	}
}

// EntityTypes lists the entity types claimgraph assigns.
var EntityTypes = []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "MISC"}

// Transactions splits the quads of a write into transactions of at most
// max quads when they are more (an article of book length: a badger
// transaction holds about 11,000 quads), the articles' rdf:type cg:Article
// and cg:hash quads in the last one. Writers count an article as stored,
// or its ID as taken, only by those, so after a crash between two of the
// transactions a re-run writes the article again under the same ID,
// skipping the quads already stored, instead of taking it for stored or
// storing a second copy. max <= 0 means no limit.
func Transactions(qs []quad.Quad, max int) [][]quad.Quad {
	if max <= 0 || len(qs) <= max {
		return [][]quad.Quad{qs}
	}
	var head, last []quad.Quad
	for _, q := range qs {
		if q.Predicate == Hash || (q.Predicate == Type && q.Object == Article) {
			last = append(last, q)
		} else {
			head = append(head, q)
		}
	}
	var txns [][]quad.Quad
	for len(head) > 0 {
		n := min(len(head), max)
		txns = append(txns, head[:n])
		head = head[n:]
	}
	return append(txns, last)
}
