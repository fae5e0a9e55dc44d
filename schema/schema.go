package schema

import (
	"fmt"
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
	Source = quad.IRI("cg:source")
	Author = quad.IRI("cg:author")
	Hash   = quad.IRI("cg:hash")
	Text   = quad.IRI("cg:text")

	// Entity properties.
	Name        = quad.IRI("cg:name")
	Alias       = quad.IRI("cg:alias")
	MentionedIn = quad.IRI("cg:mentionedIn")
	Mentions    = quad.IRI("cg:mentions") // article -> "start,end,entity" literal, one per mention
	HasTitle    = quad.IRI("cg:roleTitle")

	// Claim properties.
	Claimant     = quad.IRI("cg:claimant")
	ClaimantText = quad.IRI("cg:claimantText")
	Cue          = quad.IRI("cg:cue")
	CueText      = quad.IRI("cg:cueText")
	Stance       = quad.IRI("cg:stance")
	Kind         = quad.IRI("cg:kind")
	Content      = quad.IRI("cg:content")
	Quote        = quad.IRI("cg:quote")
	About        = quad.IRI("cg:about")
	InArticle    = quad.IRI("cg:article")
	Start        = quad.IRI("cg:start")
	End          = quad.IRI("cg:end")
	Sentence     = quad.IRI("cg:sentence")
	CueStart     = quad.IRI("cg:cueStart")
	ClaimantSpan = quad.IRI("cg:claimantStart")

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
// article's IRI (provenance). The encoding is deterministic: the same article
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
	for _, e := range art.Entities {
		ei := EntityIRI(e.ID)
		add(ei, Type, EntityClass(e.Type))
		add(ei, Name, quad.String(e.Name))
		for _, al := range e.Aliases {
			if al != e.Name {
				add(ei, Alias, quad.String(al))
			}
		}
		add(ei, MentionedIn, a)
		for _, m := range e.Mentions {
			add(a, Mentions, quad.String(fmt.Sprintf("%d,%d,%s", m.Start, m.End, e.ID)))
		}
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
		}
		add(ci, ClaimantText, quad.String(c.Claimant.Text))
		add(ci, ClaimantSpan, quad.Int(c.Claimant.Start))
		add(ci, Cue, quad.String(c.Cue.Lemma))
		add(ci, CueText, quad.String(c.Cue.Text))
		add(ci, CueStart, quad.Int(c.Cue.Start))
		add(ci, Stance, quad.String(c.Stance))
		add(ci, Kind, quad.String(c.Kind))
		add(ci, Content, quad.String(c.Content.Text))
		add(ci, Start, quad.Int(c.Content.Start))
		add(ci, End, quad.Int(c.Content.End))
		add(ci, Quote, quad.Bool(c.Quote))
		add(ci, Sentence, quad.Int(c.Sentence))
		str(ci, Date, date)
		for _, e := range c.About {
			add(ci, About, EntityIRI(e))
		}
	}
	for _, r := range art.Relations {
		if r.Subject.Entity == "" || r.Object.Entity == "" {
			continue
		}
		add(EntityIRI(r.Subject.Entity), RelationIRI(r.Predicate.Lemma), EntityIRI(r.Object.Entity))
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
			add(gi, AffirmedBy, partyValue(e))
		}
		for _, e := range g.DeniedBy {
			add(gi, DeniedBy, partyValue(e))
		}
	}
	return dedup(qs)
}

// partyValue is an entity IRI, or a literal for an unresolved claimant.
func partyValue(s string) quad.Value {
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
