// Package server is claimgraph's HTTP side for researchers: one process
// serving one store with
//
//   - cayley's web query console at / (embedded, made self-contained: the
//     Monaco editor and the icon font are served from the binary under
//     /vendor/, the API is the page's own origin; Gizmo is the default
//     language),
//   - cayley's HTTP API v2 at /api/v2/ (query, read, formats), read-only,
//     with a query timeout and a result limit,
//   - claimgraph's JSON API at /api/ (entities, claims, contested
//     propositions, paths, articles with spans), built on package explore,
//   - a page per article at /articles/{id} with its claims highlighted,
//   - /health, and, only when Config.AllowIngest is set, POST /api/ingest
//     (JSON Lines articles, with the server's bearer token).
//
// Errors are JSON objects {"error": "..."} with a 4xx status for bad
// requests (400 bad parameter, 404 unknown entity or article, 409
// ambiguous name, 413 too large, 401/403 ingest not allowed) and 503 when
// a query runs out of time.
//
// PostArticles and IngestFiles are the client side of POST /api/ingest.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/schema"
)

// Defaults of Config's zero fields.
const (
	DefaultQueryTimeout  = 30 * time.Second
	DefaultQueryLimit    = 100
	DefaultMaxQueryLimit = 10000
	// DefaultMaxIngestBytes bounds the body of POST /api/ingest.
	DefaultMaxIngestBytes = 64 << 20
)

// Config configures a Server. Zero values take the defaults.
type Config struct {
	// QueryTimeout bounds every query: Gizmo queries of API v2 and the
	// requests of the JSON API. 0 means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// QueryLimit is the number of results of a Gizmo query without a limit
	// parameter; 0 means DefaultQueryLimit.
	QueryLimit int
	// MaxQueryLimit is the largest limit parameter accepted by API v2 and
	// the JSON API (larger ones are a 400 error); 0 means
	// DefaultMaxQueryLimit.
	MaxQueryLimit int
	// AllowIngest enables POST /api/ingest; the store must be writable
	// and Token set.
	AllowIngest bool
	// Token is the bearer token POST /api/ingest requires.
	Token string
	// MaxIngestBytes bounds an ingest request body; 0 means
	// DefaultMaxIngestBytes.
	MaxIngestBytes int64
	// NewExtractor loads the NLP pipeline, used for ingest; nil means
	// ingest.NewExtractor. It is called once, on first use.
	NewExtractor func() (*ingest.Extractor, error)
	// DefaultQuery is the console editor's initial text; "" picks one.
	DefaultQuery string
}

// DefaultConsoleQuery is the console editor's initial text.
const DefaultConsoleQuery = `// Claims about North Korea: who said what, with which stance.
g.V("<ent:place/north-korea>")
  .In("<cg:about>")
  .Save("<cg:stance>", "stance")
  .Save("<cg:content>", "content")
  .Out("<cg:claimant>")
  .Save("<cg:name>", "claimant")
  .all()`

// Server serves one store. Create it with New; it is an http.Handler.
type Server struct {
	st  *graph.Store
	x   *explore.Explorer
	cfg Config
	mux *http.ServeMux

	xOnce sync.Once
	xt    *ingest.Extractor
	xErr  error

	ingestMu sync.Mutex // one ingest request at a time
}

// New returns a server of st (which must stay open while it serves). The
// store should be opened with MaxQueryLimit explore.StoreQueryLimit, and
// writable only with cfg.AllowIngest.
func New(st *graph.Store, cfg Config) (*Server, error) {
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.QueryLimit <= 0 {
		cfg.QueryLimit = DefaultQueryLimit
	}
	if cfg.MaxQueryLimit <= 0 {
		cfg.MaxQueryLimit = DefaultMaxQueryLimit
	}
	if cfg.MaxIngestBytes <= 0 {
		cfg.MaxIngestBytes = DefaultMaxIngestBytes
	}
	if cfg.NewExtractor == nil {
		cfg.NewExtractor = func() (*ingest.Extractor, error) { return ingest.NewExtractor() }
	}
	if cfg.DefaultQuery == "" {
		cfg.DefaultQuery = DefaultConsoleQuery
	}
	if cfg.AllowIngest {
		if cfg.Token == "" {
			return nil, errors.New("server: AllowIngest needs a Token")
		}
		if st.ReadOnly() {
			return nil, errors.New("server: AllowIngest needs a writable store")
		}
	}
	s := &Server{st: st, x: explore.New(st), cfg: cfg, mux: http.NewServeMux()}
	ui, err := graph.UIHandler(graph.UIOptions{
		MonacoBase:   "/vendor/monaco-editor/min/vs",
		IconsCSS:     "/vendor/material-icons/material-icons.css",
		DefaultQuery: cfg.DefaultQuery,
	})
	if err != nil {
		return nil, err
	}
	api := st.APIv2Handler(graph.HTTPOptions{QueryTimeout: cfg.QueryTimeout, QueryLimit: cfg.QueryLimit, MaxQueryLimit: cfg.MaxQueryLimit})
	m := s.mux
	m.Handle("/api/v2/", api)
	m.HandleFunc("/api/v1/shape/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotImplemented, "the query shape API (v1) is not served; use /api/v2/query")
	})
	m.HandleFunc("GET /health", s.health)
	m.HandleFunc("/api/entities", s.api(s.searchEntities))
	m.HandleFunc("/api/entities/{id...}", s.api(s.entity))
	m.HandleFunc("/api/claims", s.api(s.claims))
	m.HandleFunc("/api/contested", s.api(s.contested))
	m.HandleFunc("/api/path", s.api(s.path))
	m.HandleFunc("/api/articles", s.api(s.articles))
	m.HandleFunc("/api/articles/{id...}", s.api(s.article))
	m.HandleFunc("GET /articles/{id...}", s.articlePage)
	m.HandleFunc("/api/ingest", s.ingest)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API endpoint: "+r.Method+" "+r.URL.Path+" (see /api/ for the list)")
	})
	m.HandleFunc("GET /api/{$}", s.index)
	m.Handle("GET /vendor/", http.StripPrefix("/vendor/", vendorHandler()))
	m.HandleFunc("GET /static/article.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(articleCSS)
	})
	m.Handle("/", ui)
	return s, nil
}

// Explorer returns the server's Explorer.
func (s *Server) Explorer() *explore.Explorer { return s.x }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("internal error: %v", v))
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// Warm builds the Explorer's name index (entity search) ahead of the first
// search; run it in a goroutine after starting to serve.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.x.Search(ctx, explore.SearchOptions{Query: "warm", Limit: 1})
	return err
}

// extractor loads the NLP pipeline once.
func (s *Server) extractor() (*ingest.Extractor, error) {
	s.xOnce.Do(func() { s.xt, s.xErr = s.cfg.NewExtractor() })
	return s.xt, s.xErr
}

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// apiError is an error with its HTTP status.
type apiError struct {
	code int
	msg  string
	data interface{}
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...interface{}) error {
	return &apiError{code: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// api wraps a JSON endpoint: a deadline, errors mapped to statuses.
func (s *Server) api(fn func(ctx context.Context, r *http.Request) (interface{}, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path+" (use GET)")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
		defer cancel()
		v, err := fn(ctx, r)
		if err != nil {
			s.fail(w, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// fail writes err as a JSON error with the matching status.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var ae *apiError
	var amb *explore.AmbiguousError
	switch {
	case errors.As(err, &ae):
		if ae.data != nil {
			writeJSON(w, ae.code, map[string]interface{}{"error": ae.msg, "details": ae.data})
			return
		}
		writeError(w, ae.code, ae.msg)
	case errors.As(err, &amb):
		writeJSON(w, http.StatusConflict, map[string]interface{}{"error": amb.Error(), "candidates": amb.Candidates})
	case errors.Is(err, explore.ErrBadArgument):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, explore.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, explore.ErrNotReady):
		w.Header().Set("Retry-After", "10")
		writeError(w, http.StatusServiceUnavailable, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the request ran out of time (the server's query timeout is %s)", s.cfg.QueryTimeout))
	case errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, "the request was cancelled")
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

// limitParam reads the "limit" parameter: def when absent, 1..max.
func (s *Server) limitParam(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badRequest("limit %q is not a number", v)
	}
	max := s.cfg.MaxQueryLimit
	if max > explore.MaxLimit {
		max = explore.MaxLimit
	}
	if n < 1 || n > max {
		return 0, badRequest("limit %d is out of range (1..%d)", n, max)
	}
	return n, nil
}

// knownParams rejects parameters an endpoint does not take (a typo would
// otherwise silently widen the query).
func knownParams(r *http.Request, names ...string) error {
	for k := range r.URL.Query() {
		ok := false
		for _, n := range names {
			ok = ok || k == n
		}
		if !ok {
			return badRequest("unknown parameter %q (this endpoint takes: %s)", k, strings.Join(names, ", "))
		}
	}
	return nil
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	_, err := s.st.Has(ctx, quad.IRI("cg:health"), schema.Type, schema.Article) // a cheap index lookup
	status, code := "ok", http.StatusOK
	if err != nil {
		status, code = "unavailable: "+err.Error(), http.StatusServiceUnavailable
	}
	writeJSON(w, code, map[string]interface{}{
		"status":    status,
		"backend":   s.st.Backend(),
		"read_only": !s.cfg.AllowIngest,
		"ingest":    s.cfg.AllowIngest,
	})
}

// endpoints lists the JSON API for GET /api/.
var endpoints = []map[string]string{
	{"path": "/api/entities?q=&type=&limit=", "what": "entity search by name or alias"},
	{"path": "/api/entities/{id or name}?limit=", "what": "an entity with its claims (by it, about it) and contested groups"},
	{"path": "/api/claims?about=&by=&stance=&article=&limit=", "what": "claims, filtered"},
	{"path": "/api/contested?about=&article=&limit=", "what": "contested propositions with both sides"},
	{"path": "/api/path?from=&to=&max_hops=", "what": "a shortest path between two entities"},
	{"path": "/api/articles?entity=&limit=", "what": "articles (mentioning an entity)"},
	{"path": "/api/articles/{id}", "what": "an article with its text and the spans of entities, claims and relations"},
	{"path": "/articles/{id}", "what": "the article page, claims highlighted"},
	{"path": "/api/v2/query?lang=gizmo&limit=", "what": "cayley API v2: Gizmo query (POST body)"},
	{"path": "/api/v2/read?sub=&pred=&obj=&label=&format=", "what": "cayley API v2: quads"},
	{"path": "/api/v2/formats", "what": "cayley API v2: quad formats"},
	{"path": "/health", "what": "health check"},
	{"path": "POST /api/ingest", "what": "add JSON Lines articles (only with serve --allow-ingest, bearer token)"},
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]interface{}{"endpoints": endpoints})
}

// drain reads the rest of a body so the connection can be reused.
func drain(r io.Reader) { io.Copy(io.Discard, io.LimitReader(r, 1<<20)) }
