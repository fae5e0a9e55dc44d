package explore

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// ExportFormats are the formats of Export.
var ExportFormats = []string{"nquads", "jsonld", "graphml", "dot"}

// ExportScope selects what Export writes; the zero value is the whole
// store.
type ExportScope struct {
	// Article: the quads read from this article (labelled with it).
	Article string
	// Entity and Hops: the neighbourhood of an entity: the entities
	// within Hops steps of it in the entity graph (as Path walks it), every
	// claim whose claimant and at least one subject are among them, and
	// all quads whose subject is one of these nodes and whose object is a
	// literal, a class or another of these nodes.
	Entity string
	Hops   int
}

// ExpandIRI turns a compact IRI of claimgraph's namespaces
// (schema.Namespaces) into its full form; other IRIs are unchanged.
func ExpandIRI(iri quad.IRI) quad.IRI {
	s := string(iri)
	for _, ns := range schema.Namespaces {
		if strings.HasPrefix(s, ns.Prefix) {
			return quad.IRI(ns.Full + s[len(ns.Prefix):])
		}
	}
	return iri
}

// expandValue expands IRIs (and the type IRIs of typed strings).
func expandValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI:
		return ExpandIRI(v)
	case quad.TypedString:
		v.Type = ExpandIRI(v.Type)
		return v
	}
	return v
}

// ExpandQuad expands every IRI of q (see ExpandIRI).
func ExpandQuad(q quad.Quad) quad.Quad {
	return quad.Quad{
		Subject:   expandValue(q.Subject),
		Predicate: expandValue(q.Predicate),
		Object:    expandValue(q.Object),
		Label:     expandValue(q.Label),
	}
}

// CheckExportFormat validates an export format name.
func CheckExportFormat(format string) error {
	for _, f := range ExportFormats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("%w: unknown export format %q (want %s)", ErrBadArgument, format, strings.Join(ExportFormats, ", "))
}

// Export writes the quads of scope to w in format (nquads, jsonld,
// graphml or dot), with IRIs in full form (ExpandIRI), and returns the
// number of quads exported. N-Quads and JSON-LD keep every quad with its
// label (the article); GraphML and DOT draw the graph: nodes are IRIs
// with their literal properties as attributes (rdf:type as "type", a
// name, title or content as "label"), edges are the quads between IRIs
// other than rdf:type. A whole-store N-Quads export streams; the other
// cases hold the quads in memory. Scoped exports are sorted.
func (x *Explorer) Export(ctx context.Context, w io.Writer, format string, scope ExportScope) (int, error) {
	if err := CheckExportFormat(format); err != nil {
		return 0, err
	}
	if scope.Article != "" && scope.Entity != "" {
		return 0, fmt.Errorf("%w: export either an article or an entity's neighbourhood, not both", ErrBadArgument)
	}
	if scope.Entity == "" && scope.Hops != 0 {
		return 0, fmt.Errorf("%w: hops need an entity", ErrBadArgument)
	}
	var (
		filter graph.QuadFilter
		keep   func(quad.Quad) bool
	)
	whole := false
	switch {
	case scope.Article != "":
		iri, err := x.articleIRI(ctx, scope.Article)
		if err != nil {
			return 0, err
		}
		filter.Labels = []quad.Value{quad.IRI(iri)}
	case scope.Entity != "":
		nodes, err := x.neighbourhood(ctx, scope.Entity, scope.Hops)
		if err != nil {
			return 0, err
		}
		in := map[quad.Value]bool{}
		for _, n := range nodes {
			filter.Subjects = append(filter.Subjects, quad.IRI(n))
			in[quad.IRI(n)] = true
		}
		keep = func(q quad.Quad) bool {
			if _, isIRI := q.Object.(quad.IRI); !isIRI || q.Predicate == schema.Type {
				return true
			}
			return in[q.Object]
		}
	default:
		whole = true
	}
	if whole && format == "nquads" {
		bw := bufio.NewWriterSize(w, 1<<16)
		qw := nquads.NewWriter(bw)
		n := 0
		err := x.st.ReadQuads(ctx, filter, func(q quad.Quad) error {
			n++
			return qw.WriteQuad(ExpandQuad(q))
		})
		if err == nil {
			err = qw.Close()
		}
		if err == nil {
			err = bw.Flush()
		}
		return n, err
	}
	var qs []quad.Quad
	err := x.st.ReadQuads(ctx, filter, func(q quad.Quad) error {
		if keep == nil || keep(q) {
			qs = append(qs, q)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if scope.Article != "" {
		// The descriptions of the article's entities are in the default
		// graph (stored once for all articles): add them.
		if qs, err = x.withDescriptions(ctx, qs); err != nil {
			return 0, err
		}
	}
	if !whole {
		sort.Slice(qs, func(i, j int) bool { return qs[i].NQuad() < qs[j].NQuad() })
	}
	for i := range qs {
		qs[i] = ExpandQuad(qs[i])
	}
	return len(qs), WriteQuads(w, format, qs)
}

// withDescriptions adds to an article's quads the descriptions (type,
// name, aliases; in the default graph) of the entities it mentions.
func (x *Explorer) withDescriptions(ctx context.Context, qs []quad.Quad) ([]quad.Quad, error) {
	var ents []quad.Value
	for _, q := range qs {
		if q.Predicate == schema.MentionedIn {
			ents = append(ents, q.Subject)
		}
	}
	if len(ents) == 0 {
		return qs, nil
	}
	preds := []quad.Value{schema.Type, schema.Name, schema.Alias}
	err := x.st.ReadQuads(ctx, graph.QuadFilter{Subjects: ents, Predicates: preds}, func(q quad.Quad) error {
		if q.Label == nil {
			qs = append(qs, q)
		}
		return nil
	})
	return qs, err
}

// WriteQuads writes quads (IRIs as they are) in an export format.
func WriteQuads(w io.Writer, format string, qs []quad.Quad) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var err error
	switch format {
	case "nquads":
		qw := nquads.NewWriter(bw)
		if _, err = qw.WriteQuads(qs); err == nil {
			err = qw.Close()
		}
	case "jsonld":
		qw := jsonld.NewWriter(bw)
		if _, err = qw.WriteQuads(qs); err == nil {
			err = qw.Close()
		}
	case "graphml":
		err = writeGraphML(bw, buildDrawing(qs))
	case "dot":
		err = writeDOT(bw, buildDrawing(qs))
	default:
		return CheckExportFormat(format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// neighbourhood returns the IRIs of the entities within hops of an
// entity and of the claims between them.
func (x *Explorer) neighbourhood(ctx context.Context, entity string, hops int) ([]string, error) {
	if hops < 0 || hops > MaxHops {
		return nil, fmt.Errorf("%w: hops %d is out of range (0..%d)", ErrBadArgument, hops, MaxHops)
	}
	e, err := x.Resolve(ctx, entity)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{e.IRI(): true}
	front := []string{e.IRI()}
	for i := 0; i < hops && len(front) > 0; i++ {
		edges, err := x.neighbours(ctx, front)
		if err != nil {
			return nil, err
		}
		var next []string
		for _, ed := range edges {
			if !seen[ed.to] {
				seen[ed.to] = true
				next = append(next, ed.to)
			}
		}
		front = next
	}
	ents := make([]string, 0, len(seen))
	for n := range seen {
		ents = append(ents, n)
	}
	sort.Strings(ents)
	// claims made by one of them about another
	var objs []quad.Value
	for _, e := range ents {
		objs = append(objs, quad.IRI(e))
	}
	var made []string
	err = x.st.ReadQuads(ctx, graph.QuadFilter{Objects: objs, Predicates: []quad.Value{schema.Claimant}}, func(q quad.Quad) error {
		made = append(made, literal(q.Subject))
		return nil
	})
	if err != nil {
		return nil, err
	}
	claims := map[string]bool{}
	err = x.out(ctx, dedupe(made), []quad.IRI{schema.About}, 0, func(c string, _ quad.IRI, about quad.Value) {
		if seen[literal(about)] {
			claims[c] = true
		}
	})
	if err != nil {
		return nil, err
	}
	out := ents
	for c := range claims {
		out = append(out, c)
	}
	sort.Strings(out)
	return out, nil
}

// drawing is the node/edge view of quads for GraphML and DOT.
type drawing struct {
	nodes []string                       // IRIs, sorted
	attrs map[string]map[string][]string // node → attribute → values
	keys  []string                       // attribute names, sorted
	edges []quad.Quad                    // between IRIs
}

// labelPredicates give a node's label, first found first.
var labelPredicates = []quad.IRI{schema.Name, schema.Title, schema.Proposition, schema.Content}

func buildDrawing(qs []quad.Quad) *drawing {
	d := &drawing{attrs: map[string]map[string][]string{}}
	node := func(v quad.Value) string {
		iri := string(v.(quad.IRI))
		if d.attrs[iri] == nil {
			d.attrs[iri] = map[string][]string{}
		}
		return iri
	}
	keys := map[string]bool{"label": true}
	typeIRI := ExpandIRI(schema.Type)
	for _, q := range qs {
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		sn := node(s)
		p, _ := q.Predicate.(quad.IRI)
		switch o := q.Object.(type) {
		case quad.IRI:
			if p == typeIRI {
				d.attrs[sn]["type"] = append(d.attrs[sn]["type"], string(o))
				keys["type"] = true
				continue
			}
			node(o)
			d.edges = append(d.edges, q)
		default:
			k := shortPredicate(p)
			d.attrs[sn][k] = append(d.attrs[sn][k], literal(o))
			keys[k] = true
		}
	}
	for n, a := range d.attrs {
		d.nodes = append(d.nodes, n)
		label := ""
		for _, lp := range labelPredicates {
			if v := a[shortPredicate(ExpandIRI(lp))]; len(v) > 0 {
				label = v[0]
				break
			}
		}
		if label == "" {
			label = shortIRI(n)
		}
		a["label"] = []string{label}
	}
	sort.Strings(d.nodes)
	for k := range keys {
		d.keys = append(d.keys, k)
	}
	sort.Strings(d.keys)
	return d
}

// shortIRI compacts a full IRI with schema.Namespaces.
func shortIRI(s string) string {
	for _, ns := range schema.Namespaces {
		if strings.HasPrefix(s, ns.Full) {
			return ns.Prefix + s[len(ns.Full):]
		}
	}
	return s
}

// shortPredicate is the attribute name of a literal predicate ("cg:name").
func shortPredicate(p quad.IRI) string { return shortIRI(string(p)) }

// literal is the plain text of a literal value.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case nil:
		return ""
	}
	return fmt.Sprint(v.Native())
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeGraphML(w io.Writer, d *drawing) error {
	bw := &errWriter{w: w}
	bw.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	bw.printf("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	keyID := map[string]string{}
	for i, k := range d.keys {
		keyID[k] = fmt.Sprintf("n%d", i)
		bw.printf("  <key id=\"n%d\" for=\"node\" attr.name=\"%s\" attr.type=\"string\"/>\n", i, xmlText(k))
	}
	bw.printf("  <key id=\"e0\" for=\"edge\" attr.name=\"predicate\" attr.type=\"string\"/>\n")
	bw.printf("  <key id=\"e1\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n")
	bw.printf("  <key id=\"e2\" for=\"edge\" attr.name=\"article\" attr.type=\"string\"/>\n")
	bw.printf("  <graph id=\"claimgraph\" edgedefault=\"directed\">\n")
	for _, n := range d.nodes {
		bw.printf("    <node id=\"%s\">", xmlText(n))
		for _, k := range d.keys {
			if v := d.attrs[n][k]; len(v) > 0 {
				bw.printf("<data key=\"%s\">%s</data>", keyID[k], xmlText(strings.Join(v, " | ")))
			}
		}
		bw.printf("</node>\n")
	}
	for i, e := range d.edges {
		p := string(e.Predicate.(quad.IRI))
		bw.printf("    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"e0\">%s</data><data key=\"e1\">%s</data>",
			i, xmlText(string(e.Subject.(quad.IRI))), xmlText(string(e.Object.(quad.IRI))), xmlText(p), xmlText(shortIRI(p)))
		if l, ok := e.Label.(quad.IRI); ok {
			bw.printf("<data key=\"e2\">%s</data>", xmlText(string(l)))
		}
		bw.printf("</edge>\n")
	}
	bw.printf("  </graph>\n</graphml>\n")
	return bw.err
}

// dotID quotes a DOT identifier.
func dotID(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

func writeDOT(w io.Writer, d *drawing) error {
	bw := &errWriter{w: w}
	bw.printf("digraph claimgraph {\n  node [shape=box, fontsize=10];\n  edge [fontsize=8];\n")
	for _, n := range d.nodes {
		a := d.attrs[n]
		label := a["label"][0]
		if len(label) > 80 {
			label = label[:77] + "..."
		}
		typ := ""
		if t := a["type"]; len(t) > 0 {
			typ = shortIRI(t[0])
		}
		bw.printf("  %s [label=%s, tooltip=%s", dotID(n), dotID(label), dotID(shortIRI(n)))
		switch typ {
		case "cg:Claim":
			bw.printf(", shape=note")
		case "cg:Article":
			bw.printf(", shape=folder")
		case "cg:Contested":
			bw.printf(", shape=diamond")
		case "":
		default:
			bw.printf(", shape=ellipse")
		}
		if typ != "" {
			bw.printf(", class=%s", dotID(typ))
		}
		bw.printf("];\n")
	}
	for _, e := range d.edges {
		bw.printf("  %s -> %s [label=%s];\n", dotID(string(e.Subject.(quad.IRI))), dotID(string(e.Object.(quad.IRI))), dotID(shortIRI(string(e.Predicate.(quad.IRI)))))
	}
	bw.printf("}\n")
	return bw.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...interface{}) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
