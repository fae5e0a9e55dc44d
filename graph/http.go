package graph

// HTTP wiring of cayley's public server pieces on claimgraph's own mux:
// API v2 (package server/http) and the web query console (package ui).
// cayley's own application wiring (internal/http) registers on the global
// http.DefaultServeMux and hard-codes the console's environment; it is not
// used.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"
	"github.com/cayleygraph/quad"
	// API v2 reads and writes N-Quads by default.
	_ "github.com/cayleygraph/quad/nquads"
)

// DefaultHTTPQueryTimeout bounds a query of APIv2Handler when
// HTTPOptions.QueryTimeout is 0.
const DefaultHTTPQueryTimeout = 30 * time.Second

// MaxHTTPQueryBytes is the largest query text APIv2Handler accepts (the
// limit of cayley's API v2).
const MaxHTTPQueryBytes = 1 << 20

// HTTPOptions configures APIv2Handler. Zero values take the defaults.
type HTTPOptions struct {
	// QueryTimeout bounds the run time of each query; 0 means
	// DefaultHTTPQueryTimeout, a negative value no timeout.
	QueryTimeout time.Duration
	// QueryLimit is the number of results of a query without a "limit"
	// parameter; 0 means DefaultQueryLimit.
	QueryLimit int
	// MaxQueryLimit is the largest "limit" parameter accepted (larger ones
	// are a 400 error); 0 means the store's Config.MaxQueryLimit.
	MaxQueryLimit int
}

// APIv2Handler returns cayley's HTTP API v2 (github.com/cayleygraph/cayley/server/http)
// serving this store read-only, for mounting on any mux at /api/v2/:
//
//	GET|POST /api/v2/query?lang=gizmo[&limit=N]   query (POST body, or GET qu=...)
//	GET|POST /api/v2/read[?sub=&pred=&obj=&label=&format=]   quads
//	GET      /api/v2/formats                      quad formats
//
// It differs from cayley's own wiring in these ways: lang defaults to
// "gizmo"; an optional limit parameter (1..MaxQueryLimit) replaces the
// fixed result limit; Gizmo scripts are screened like Store.Query does
// (scripts whose bad literal arguments would crash the process are
// rejected with 400); every request holds the store's shared lock
// (GuardHTTP); write, delete and unknown paths answer with JSON errors
// (403, 404), and a query that runs out of time answers 503 with a message
// naming the timeout. Errors are JSON objects {"error": "..."}, as in
// cayley. The Accept header selects the collation of query results:
// application/json (default) or application/ld+json (what cayley's console
// sends).
func (s *Store) APIv2Handler(opts HTTPOptions) http.Handler {
	if opts.QueryTimeout == 0 {
		opts.QueryTimeout = DefaultHTTPQueryTimeout
	}
	if opts.QueryLimit <= 0 {
		opts.QueryLimit = DefaultQueryLimit
	}
	if opts.MaxQueryLimit <= 0 {
		opts.MaxQueryLimit = s.maxLimit
	}
	if opts.QueryLimit > opts.MaxQueryLimit {
		opts.QueryLimit = opts.MaxQueryLimit
	}
	newAPI := func(limit int) *cayleyhttp.APIv2 {
		api := cayleyhttp.NewAPIv2(s.h)
		api.SetReadOnly(true)
		api.SetQueryLimit(limit)
		if opts.QueryTimeout > 0 {
			api.SetQueryTimeout(opts.QueryTimeout)
		}
		return api
	}
	data := newAPI(opts.QueryLimit)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				httpError(w, http.StatusInternalServerError, fmt.Sprintf("internal error: %v", v))
			}
		}()
		p := strings.TrimSuffix(r.URL.Path, "/")
		switch p {
		case "/api/v2/query":
			s.serveQuery(w, r, opts, newAPI)
		case "/api/v2/read", "/api/v2/formats":
			if r.Method != http.MethodGet && r.Method != http.MethodPost && r.Method != http.MethodHead {
				httpError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+p)
				return
			}
			data.ServeHTTP(w, r)
		case "/api/v2/write", "/api/v2/delete", "/api/v2/node/delete":
			httpError(w, http.StatusForbidden, "the store is served read-only: add articles with `claimgraph ingest` (or `claimgraph ingest --server URL` on a server started with --allow-ingest)")
		default:
			httpError(w, http.StatusNotFound, "no such API v2 endpoint: "+r.URL.Path+" (have /api/v2/query, /api/v2/read, /api/v2/formats)")
		}
	})
	return s.GuardHTTP(h)
}

// serveQuery checks the parameters and the script, then runs it through
// cayley's API v2 ServeQuery.
func (s *Store) serveQuery(w http.ResponseWriter, r *http.Request, opts HTTPOptions, newAPI func(int) *cayleyhttp.APIv2) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		httpError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on /api/v2/query (use POST with the query as the body, or GET with qu=)")
		return
	}
	vals := r.URL.Query()
	lang := vals.Get("lang")
	if lang == "" {
		lang = DefaultLanguage
		vals.Set("lang", lang)
	}
	if l := query.GetLanguage(lang); l == nil {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q (have: %s)", lang, strings.Join(Languages(), ", ")))
		return
	}
	limit := opts.QueryLimit
	if v := vals.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			httpError(w, http.StatusBadRequest, fmt.Sprintf("limit %q is not a number", v))
			return
		case n < 1 || n > opts.MaxQueryLimit:
			httpError(w, http.StatusBadRequest, fmt.Sprintf("limit %d is out of range (1..%d)", n, opts.MaxQueryLimit))
			return
		}
		limit = n
	}
	var q string
	if r.Method == http.MethodGet {
		q = vals.Get("qu")
	} else {
		b, err := io.ReadAll(io.LimitReader(r.Body, MaxHTTPQueryBytes+1))
		if err != nil {
			httpError(w, http.StatusBadRequest, "reading the query: "+err.Error())
			return
		}
		if len(b) > MaxHTTPQueryBytes {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("query is larger than %d bytes", MaxHTTPQueryBytes))
			return
		}
		q = string(b)
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	if strings.TrimSpace(q) == "" {
		httpError(w, http.StatusBadRequest, "query is empty (POST it as the request body, or GET with qu=)")
		return
	}
	if lang == "gizmo" {
		if err := checkGizmo(q); err != nil {
			httpError(w, http.StatusBadRequest, "gizmo query: "+err.Error())
			return
		}
	}
	r.URL.RawQuery = vals.Encode()
	// cayley writes the whole response at the end of a query; buffer it
	// so that a timeout can be answered with a clear message.
	rec := &bufferedResponse{header: http.Header{}}
	newAPI(limit).ServeHTTP(rec, r)
	if rec.code == http.StatusBadRequest && bytes.Contains(rec.body.Bytes(), []byte(context.DeadlineExceeded.Error())) {
		httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("query stopped after the server's query timeout of %s", opts.QueryTimeout))
		return
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	w.WriteHeader(rec.code)
	w.Write(rec.body.Bytes())
}

// bufferedResponse is an http.ResponseWriter that keeps the response.
type bufferedResponse struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return b.body.Write(p)
}
func (b *bufferedResponse) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}

// httpError writes {"error": msg} with the status code.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]string{"error": msg})
}

// UIOptions configures UIHandler: where the console finds what cayley's
// bundle loads from the internet.
type UIOptions struct {
	// MonacoBase is the URL (usually a path on the same server) of a copy
	// of monaco-editor 0.18.1's min/vs directory; the bundle loads it from
	// a public CDN. Required.
	MonacoBase string
	// IconsCSS is the URL of a stylesheet that defines the "Material Icons"
	// font family (the bundle imports it from Google Fonts). Required.
	IconsCSS string
	// DefaultQuery replaces the editor's initial text (g.V().all()) for
	// browsers that have not run a query yet; "" keeps it.
	DefaultQuery string
}

// uiRewrite is one textual change to a file of the console bundle; each
// must match exactly once, so that a different bundle fails loudly.
type uiRewrite struct {
	file     string // glob under web/
	old, new string
}

// UIHandler returns cayley's web query console (package
// github.com/cayleygraph/cayley/ui, embedded in the binary) made
// self-contained, for mounting at the root of a mux ("/"), with API v2
// (APIv2Handler) at /api/v2/ on the same origin. The stock bundle calls
// the API at http://localhost:64210, loads the Monaco editor from a public
// CDN and the icon font from Google Fonts, so it hangs at "Loading..."
// offline or on another address; UIHandler rewrites those URLs (API: the
// page's own origin; Monaco and icons: opts), offers only the registered
// query languages (Gizmo first, the default), and sets the editor's initial
// text. It fails if the bundle does not contain what it rewrites.
//
// It serves GET and HEAD of the bundle's files, "/" being index.html, and
// answers 404 for other paths.
func UIHandler(opts UIOptions) (http.Handler, error) {
	if opts.MonacoBase == "" || opts.IconsCSS == "" {
		return nil, errors.New("graph: UIHandler needs UIOptions.MonacoBase and IconsCSS")
	}
	web, err := fs.Sub(ui.FS, "web")
	if err != nil {
		return nil, fmt.Errorf("graph: console bundle: %w", err)
	}
	const cdn = "https://cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs"
	jsString := func(s string) string {
		b, _ := json.Marshal(s)
		return string(b)
	}
	base := strings.TrimSuffix(opts.MonacoBase, "/")
	rewrites := []uiRewrite{
		// The API address: the page's own origin.
		{"static/js/main.*.chunk.js", `"http://localhost:64210"`, `""`},
		{"static/js/2.*.chunk.js", `REACT_APP_SERVER_URL:"http://localhost:64210"`, `REACT_APP_SERVER_URL:""`},
		// Monaco: loader and base path.
		{"static/js/2.*.chunk.js", `"` + cdn + `/loader.js"`, jsString(base + "/loader.js")},
		{"static/js/2.*.chunk.js", `"` + cdn + `"`, jsString(base)},
		// Material Icons.
		{"static/css/main.*.chunk.css", `@import url(https://fonts.googleapis.com/icon?family=Material+Icons);`, `@import url(` + cssURL(opts.IconsCSS) + `);`},
	}
	// Query languages: only those registered, in the bundle's order
	// (Gizmo first: the default).
	const langs = `[{label:"Gizmo",value:"gizmo"},{label:"GraphQL",value:"graphql"},{label:"MQL",value:"mql"}]`
	var keep []string
	for _, l := range []struct{ label, value string }{{"Gizmo", "gizmo"}, {"GraphQL", "graphql"}, {"MQL", "mql"}} {
		if query.GetLanguage(l.value) != nil {
			keep = append(keep, fmt.Sprintf(`{label:%q,value:%q}`, l.label, l.value))
		}
	}
	if len(keep) == 0 {
		return nil, errors.New("graph: UIHandler: the gizmo query language is not registered")
	}
	rewrites = append(rewrites, uiRewrite{"static/js/main.*.chunk.js", langs, "[" + strings.Join(keep, ",") + "]"})
	if opts.DefaultQuery != "" {
		rewrites = append(rewrites, uiRewrite{"static/js/main.*.chunk.js", `text:"g.V().all()"`, "text:" + jsString(opts.DefaultQuery)})
	}

	files := map[string][]byte{}
	err = fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web, p)
		if err != nil {
			return err
		}
		files[p] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: console bundle: %w", err)
	}
	for _, rw := range rewrites {
		n := 0
		for p, b := range files {
			if ok, _ := path.Match(rw.file, p); !ok {
				continue
			}
			c := bytes.Count(b, []byte(rw.old))
			n += c
			if c > 0 {
				files[p] = bytes.ReplaceAll(b, []byte(rw.old), []byte(rw.new))
			}
		}
		if n != 1 {
			return nil, fmt.Errorf("graph: console bundle: %s: found %q %d times, want once (a different cayley ui bundle?)", rw.file, rw.old, n)
		}
	}
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	started := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			httpError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed here")
			return
		}
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if p == "" {
			p = "index.html"
		}
		b, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(p) {
		case ".ts":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		case ".map":
			w.Header().Set("Content-Type", "application/json")
		}
		if strings.HasPrefix(p, "static/") {
			// file names carry a content hash
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, p, started, bytes.NewReader(b))
	}), nil
}

// cssURL quotes a URL for a CSS url().
func cssURL(u string) string {
	if strings.ContainsAny(u, `"'() `) {
		b, _ := json.Marshal(u)
		return string(b)
	}
	return u
}

// QuadFilter selects quads by value in ReadQuads: a quad matches when, for
// every non-empty list, its value in that direction is one of the list's.
type QuadFilter struct {
	Subjects, Predicates, Objects, Labels []quad.Value
	// PredicatePrefixes, when not empty, keeps only quads whose predicate
	// is an IRI starting with one of them ("rel:", "role:"); the other
	// quads are skipped before their values are read.
	PredicatePrefixes []string
	// Each, when positive and Predicates are given with Subjects or
	// Objects, reads at most Each matching quads per subject (or object)
	// and predicate: Each 1 reads one cg:name of an entity that is named
	// in thousands of articles.
	Each int
}

// ReadQuads calls fn for every stored quad that matches f (all quads for a
// zero QuadFilter), in the store's order, until fn returns an error (which
// ReadQuads returns, wrapped) or ctx is done. It is the reading side of API v2's
// /api/v2/read (same filter), for exports and bulk reads. Values come back
// as stored (compact IRIs).
//
// Cost: with Subjects, each subject's quads are scanned (the kv backends
// index quads by subject); else with Objects, each object's quads; a
// filter on predicates or labels alone scans every quad. Values are
// resolved in batches and cached for the call, several times faster than
// cayley's own quad reader on embedded stores.
// maxSeekPredicates is the most predicates ReadQuads seeks one by one for
// each subject or object (without Each); with more it scans the node's
// quads once.
const maxSeekPredicates = 4

func (s *Store) ReadQuads(ctx context.Context, f QuadFilter, fn func(quad.Quad) error) (err error) {
	defer recoverAsError(&err, "read "+s.where)
	if err := s.acquire(ctx); err != nil {
		return fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	defer s.mu.RUnlock()
	qs := s.h.QuadStore
	// The filters as sets of node keys; a value the store does not hold
	// matches nothing.
	type keySet map[interface{}]bool
	refsOf := func(vals []quad.Value) ([]cgraph.Ref, keySet, error) {
		if len(vals) == 0 {
			return nil, nil, nil
		}
		refs := make([]cgraph.Ref, 0, len(vals))
		for _, v := range vals {
			r, err := qs.ValueOf(v) // nil for a value the store does not hold
			if err != nil {
				return nil, nil, err
			}
			refs = append(refs, r)
		}
		set := keySet{}
		var out []cgraph.Ref
		for _, r := range refs {
			if r == nil || r.Key() == nil || set[r.Key()] {
				continue
			}
			if k, ok := r.Key().(ckv.Int64Value); ok && k == 0 {
				continue
			}
			set[r.Key()] = true
			out = append(out, r)
		}
		return out, set, nil
	}
	var (
		sets   [4]keySet
		lists  [4][]cgraph.Ref
		driver []cgraph.Ref
		dir    quad.Direction
	)
	for i, vals := range [][]quad.Value{f.Subjects, f.Predicates, f.Objects, f.Labels} {
		if len(vals) == 0 {
			continue
		}
		refs, set, err := refsOf(vals)
		if err != nil {
			return fmt.Errorf("graph: read %s: %w", s.where, err)
		}
		if len(set) == 0 {
			return nil // a filter no stored value matches
		}
		sets[i], lists[i] = set, refs
		d := quad.Directions[i]
		if driver == nil && (d == quad.Subject || d == quad.Object) {
			driver, dir = refs, d
		}
	}
	const batch = 512
	cache := map[interface{}]quad.Value{}
	var pending [][4]cgraph.Ref
	flush := func() error {
		var need []cgraph.Ref
		seen := map[interface{}]bool{}
		for _, r := range pending {
			for _, v := range r {
				if v == nil {
					continue
				}
				k := v.Key()
				if _, ok := cache[k]; !ok && !seen[k] {
					seen[k] = true
					need = append(need, v)
				}
			}
		}
		if len(need) > 0 {
			vals, err := cgraph.ValuesOf(ctx, qs, need)
			if err != nil {
				return err
			}
			if len(cache) > 1<<20 {
				cache = map[interface{}]quad.Value{}
			}
			for i, v := range need {
				cache[v.Key()] = vals[i]
			}
		}
		for _, r := range pending {
			var q quad.Quad
			for i, d := range quad.Directions {
				if r[i] != nil {
					q.Set(d, cache[r[i].Key()])
				}
			}
			if err := fn(q); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	// predOK tells whether a predicate passes f.PredicatePrefixes, reading
	// each predicate's IRI once.
	predPass := map[interface{}]bool{}
	predOK := func(v cgraph.Ref) (bool, error) {
		if v == nil {
			return false, nil
		}
		if ok, seen := predPass[v.Key()]; seen {
			return ok, nil
		}
		name, err := qs.NameOf(v)
		if err != nil {
			return false, err
		}
		ok := false
		if iri, isIRI := name.(quad.IRI); isIRI {
			for _, p := range f.PredicatePrefixes {
				ok = ok || strings.HasPrefix(string(iri), p)
			}
		}
		predPass[v.Key()] = ok
		return ok, nil
	}
	scan := func(it iterator.Shape, each int) error {
		sc := it.Iterate()
		defer sc.Close()
		n := 0
	next:
		for sc.Next(ctx) {
			if each > 0 && n >= each {
				break
			}
			var r [4]cgraph.Ref
			for i, d := range quad.Directions {
				v, err := qs.QuadDirection(sc.Result(), d)
				if err != nil {
					return err
				}
				if sets[i] != nil && (v == nil || !sets[i][v.Key()]) {
					continue next
				}
				if d == quad.Predicate && len(f.PredicatePrefixes) > 0 {
					ok, err := predOK(v)
					if err != nil {
						return err
					}
					if !ok {
						continue next
					}
				}
				r[i] = v
			}
			pending = append(pending, r)
			n++
			if len(pending) == batch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := sc.Err(); err != nil {
			return err
		}
		return ctx.Err()
	}
	// With predicates too, a kv store scans its subject+predicate or
	// object+predicate+subject index for each pair: a claim's one
	// cg:claimant quad is a seek, not a scan of all of its quads. With many
	// predicates one scan of the node's quads, filtered before any value
	// is read, costs less than a seek per predicate.
	kvqs, isKV := qs.(*ckv.QuadStore)
	preds := lists[1]
	switch {
	case driver == nil:
		err = scan(qs.QuadsAllIterator(), 0)
	case isKV && len(preds) > 0 && (len(preds) <= maxSeekPredicates || f.Each > 0):
		dirs := []quad.Direction{quad.Subject, quad.Predicate}
		if dir == quad.Object {
			dirs = []quad.Direction{quad.Object, quad.Predicate, quad.Subject}
		}
	pairs:
		for _, ref := range driver {
			for _, p := range preds {
				dv, ok1 := ref.(ckv.Int64Value)
				pv, ok2 := p.(ckv.Int64Value)
				if !ok1 || !ok2 { // not kv node IDs: scan the node's quads once
					if err = scan(qs.QuadIterator(dir, ref), 0); err != nil {
						break pairs
					}
					break
				}
				it := ckv.IndexScan{Index: ckv.QuadIndex{Dirs: dirs}, Values: []uint64{uint64(dv), uint64(pv)}}.BuildIterator(kvqs)
				if err = scan(it, f.Each); err != nil {
					break pairs
				}
			}
		}
	default:
		for _, ref := range driver {
			if err = scan(qs.QuadIterator(dir, ref), 0); err != nil {
				break
			}
		}
	}
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	return nil
}
