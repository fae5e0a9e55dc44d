package explore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	"golang.org/x/sync/errgroup"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

// Errors of the Explorer methods, wrapped with details; test with errors.Is.
var (
	// ErrNotFound: no entity, article or path matches.
	ErrNotFound = errors.New("not found")
	// ErrBadArgument: an argument is malformed or out of range.
	ErrBadArgument = errors.New("bad argument")
	// ErrNotReady: a cache the answer needs (the entity name index of
	// Search) is still being read; try again later.
	ErrNotReady = errors.New("not ready")
)

// AmbiguousError is returned by Resolve when a name or alias fits several
// entities.
type AmbiguousError struct {
	Query      string
	Candidates []EntityRef
}

func (e *AmbiguousError) Error() string {
	var names []string
	for i, c := range e.Candidates {
		if i == 10 {
			names = append(names, fmt.Sprintf("and %d more", len(e.Candidates)-i))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s)", c.ID, c.Name))
	}
	more := ""
	if len(e.Candidates) >= 100 {
		more = " or more"
	}
	return fmt.Sprintf("%q fits %d%s entities: %s; give an entity ID", e.Query, len(e.Candidates), more, strings.Join(names, ", "))
}

// Limits.
const (
	// DefaultLimit is the number of items returned when a Limit is 0.
	DefaultLimit = 100
	// MaxLimit is the largest Limit accepted.
	MaxLimit = 10000
	// MaxHops is the largest hop count of Path and of entity exports.
	MaxHops = 6
	// internalLimit bounds the rows of the queries the Explorer runs
	// itself (the store caps it at its Config.MaxQueryLimit: open stores
	// for exploring with a large one, see StoreQueryLimit).
	internalLimit = 1 << 22
)

// StoreQueryLimit is the Config.MaxQueryLimit to open a store with for an
// Explorer: its own queries may return many rows (a path frontier at a hub).
const StoreQueryLimit = internalLimit

// Explorer answers questions over one store. It is safe for concurrent
// use. It caches what does not change when articles are added (entity
// names and types); call Invalidate after writing to the store so that
// cached neighbourhoods and the name index are rebuilt.
type Explorer struct {
	st *graph.Store

	mu       sync.Mutex
	gen      int                  // incremented by Invalidate
	building *indexBuild          // the name index being read, if any
	names    map[string]EntityRef // entity IRI → name and type
	adj      map[string][]edge    // entity IRI → its edges (Path)
	probe    map[string]*probe    // entity IRI → its incoming quads (Path)
	adjN     int                  // edges held in adj
	index    *nameIndex           // names and aliases (Search)
	// contested answers by filter (they change only with writes)
	contestedCache map[ContestedFilter][]Contested
}

// New returns an Explorer over st, which must stay open while it is used.
func New(st *graph.Store) *Explorer { return &Explorer{st: st} }

// Invalidate drops what the Explorer caches about the graph's structure
// (neighbourhoods, the name index); call it after writes.
func (x *Explorer) Invalidate() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.adj, x.probe, x.adjN, x.index, x.contestedCache = nil, nil, 0, nil, nil
	x.gen++
}

// Cache bounds.
const (
	maxCachedNames = 1 << 20
	maxCachedEdges = 1 << 22
)

// Store returns the store the Explorer reads.
func (x *Explorer) Store() *graph.Store { return x.st }

// row is a record read from the store, keyed by field.
type row map[string]interface{}

// readParallel is ReadQuads with the subjects split over a few
// goroutines (each subject is a separate index scan); fn is called under
// a lock, in no particular order.
func (x *Explorer) readParallel(ctx context.Context, f graph.QuadFilter, fn func(quad.Quad) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers > 4 {
		workers = 4
	}
	if len(f.Subjects) < 32 || workers < 2 {
		return x.st.ReadQuads(ctx, f, fn)
	}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	per := (len(f.Subjects) + workers - 1) / workers
	for i := 0; i < len(f.Subjects); i += per {
		part := f
		part.Subjects = f.Subjects[i:min(i+per, len(f.Subjects))]
		g.Go(func() error {
			return x.st.ReadQuads(gctx, part, func(q quad.Quad) error {
				mu.Lock()
				defer mu.Unlock()
				return fn(q)
			})
		})
	}
	return g.Wait()
}

// out calls fn for each quad (s, p, o) with s one of subjects and p one
// of preds, at most each per subject and predicate (0: all).
func (x *Explorer) out(ctx context.Context, subjects []string, preds []quad.IRI, each int, fn func(s string, p quad.IRI, o quad.Value)) error {
	if len(subjects) == 0 {
		return nil
	}
	f := graph.QuadFilter{Each: each}
	for _, s := range subjects {
		f.Subjects = append(f.Subjects, quad.IRI(s))
	}
	for _, p := range preds {
		f.Predicates = append(f.Predicates, p)
	}
	return x.readParallel(ctx, f, func(q quad.Quad) error {
		s, _ := q.Subject.(quad.IRI)
		p, _ := q.Predicate.(quad.IRI)
		fn(string(s), p, q.Object)
		return nil
	})
}

// iriOf returns the IRI inside a query result value "<iri>".
func iriOf(v interface{}) (string, bool) {
	s, ok := v.(string)
	if !ok || len(s) < 2 || s[0] != '<' || s[len(s)-1] != '>' {
		return "", false
	}
	return s[1 : len(s)-1], true
}

// text returns a string result value ("" for others).
func text(v interface{}) string {
	s, _ := v.(string)
	return s
}

// integer returns a numeric result value.
func integer(v interface{}) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case int:
		return n, true
	case json.Number:
		i, err := strconv.Atoi(n.String())
		return i, err == nil
	case float64:
		return int(n), true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, false
}

// boolean returns a boolean result value.
func boolean(v interface{}) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return b == "true"
	}
	return false
}

// namespace returns the full IRI of a compact prefix ("ent:").
func namespace(prefix string) string {
	for _, ns := range schema.Namespaces {
		if ns.Prefix == prefix {
			return ns.Full
		}
	}
	return ""
}

// localID strips prefix (compact, or its full namespace, or "<...>"
// around either) from an IRI: localID("<ent:person/x>", "ent:") is
// "person/x". ok is false when s has neither form.
func localID(s, prefix string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	if strings.HasPrefix(s, prefix) {
		return s[len(prefix):], true
	}
	if full := namespace(prefix); full != "" && strings.HasPrefix(s, full) {
		return s[len(full):], true
	}
	return s, false
}

// unescapeID undoes schema's %XX escaping of characters IRIs cannot hold.
func unescapeID(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil && (v <= ' ' || strings.IndexByte(`<>"{}|^`+"`\\", byte(v)) >= 0) {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// EntityIDOf returns the entity ID of an entity IRI in any form
// ("<ent:person/x>", "ent:person/x", the full IRI), or "" if it is none.
func EntityIDOf(iri string) string {
	id, ok := localID(iri, "ent:")
	if !ok {
		return ""
	}
	return unescapeID(id)
}

// ArticleIDOf returns the article ID of an article IRI in any form, or "".
func ArticleIDOf(iri string) string {
	id, ok := localID(iri, "art:")
	if !ok {
		return ""
	}
	return unescapeID(id)
}

// ClaimIDOf returns the claim ID of a claim IRI ("claim:abc" -> "abc").
func ClaimIDOf(iri string) string {
	id, _ := localID(iri, "claim:")
	return id
}

// ContestedIDOf returns the ID of a contested group's IRI.
func ContestedIDOf(iri string) string {
	id, _ := localID(iri, "contested:")
	return id
}

// typeOfClass maps a class IRI ("cg:Person") to an entity type ("PERSON").
func typeOfClass(iri string) string {
	for _, t := range schema.EntityTypes {
		if string(schema.EntityClass(t)) == iri {
			return t
		}
	}
	return ""
}

// checkLimit applies DefaultLimit and rejects limits out of range.
func checkLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 0 || n > MaxLimit:
		return 0, fmt.Errorf("%w: limit %d is out of range (1..%d)", ErrBadArgument, n, MaxLimit)
	}
	return n, nil
}
