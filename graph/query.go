package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad/voc"
)

// DefaultLanguage is the query language used when Query gets lang "".
const DefaultLanguage = "gizmo"

// Languages returns the names of the registered query languages, sorted.
func Languages() []string {
	l := query.Languages()
	sort.Strings(l)
	return l
}

// Query runs query in the cayley language lang ("" means "gizmo") and
// returns its results as cayley's HTTP API v2 (POST /api/v2/query, JSON
// collation) returns them in its "result" array, decoded from JSON: maps,
// slices, strings, json.Number, bools and nils. For Gizmo these are the
// values of g.emit(...), one {"id": ..., tag: ...} map per result of
// .all()/.tagArray(), and, as API v2 does, a trailing nil when the script's
// last expression has a value (e.g. a final .toArray()). Node values are
// rendered as in API v2: IRIs as "<iri>", strings plainly.
//
// limit bounds the number of results: 0 means DefaultQueryLimit (100), and
// larger values are capped at Config.MaxQueryLimit. Cancel ctx or give it
// a deadline to bound the run time; Close also stops running queries.
// Syntax errors, JavaScript exceptions and failures of Gizmo builtins are
// returned as errors.
func (s *Store) Query(ctx context.Context, lang, q string, limit int) (res []interface{}, err error) {
	if lang == "" {
		lang = DefaultLanguage
	}
	defer recoverAsError(&err, lang+" query on "+s.where)
	if limit < 0 {
		return nil, fmt.Errorf("graph: query: negative limit %d", limit)
	} else if limit == 0 {
		limit = DefaultQueryLimit
	}
	if limit > s.maxLimit {
		limit = s.maxLimit
	}
	if strings.TrimSpace(q) == "" {
		return nil, errors.New("graph: query: query is empty")
	}
	if lang == "gizmo" {
		if err := checkGizmo(q); err != nil {
			return nil, fmt.Errorf("graph: gizmo query: %w", err)
		}
	}
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("graph: query: unsupported query language %q (have: %s)", lang, strings.Join(Languages(), ", "))
	}
	if err := s.acquire(ctx); err != nil {
		return nil, fmt.Errorf("graph: %s query on %s: %w", lang, s.where, err)
	}
	defer s.mu.RUnlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.done, cancel) // Close cancels running queries
	defer stop()

	out, err := runQuery(ctx, l, s, q, limit)
	if err != nil {
		if s.done.Err() != nil && ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", ErrClosed, err)
		}
		return nil, fmt.Errorf("graph: %s query on %s: %w", lang, s.where, err)
	}
	return toJSONValues(out)
}

// runQuery executes q the way cayley's API v2 ServeQuery does.
func runQuery(ctx context.Context, l *query.Language, s *Store, q string, limit int) (out []interface{}, err error) {
	ses := l.Session(s.h.QuadStore)
	it, err := ses.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	return out, it.Err()
}

// toJSONValues round-trips results through JSON (encoded as API v2 encodes
// them), so that callers get exactly what an HTTP client would decode.
func toJSONValues(v []interface{}) ([]interface{}, error) {
	if len(v) == 0 {
		return []interface{}{}, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("graph: query result is not JSON-encodable: %w", err)
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var out []interface{}
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("graph: decoding query result: %w", err)
	}
	return out, nil
}

// RegisterNamespaces registers prefix → namespace IRI pairs, e.g.
// {"cg": "https://claimgraph.org/ns#"}, in cayley's global namespace
// registry (quad/voc). A trailing ":" on the prefix is optional. Registered
// prefixes are expanded by g.IRI("cg:claimant") in Gizmo scripts that call
// g.addDefaultNamespaces(), and by exports; stored IRIs are never rewritten.
// Registering a pair again is a no-op; registering a prefix again with
// another IRI replaces it. Empty prefixes or IRIs are ignored.
//
// Register namespaces before writing data that uses them: stored IRIs are
// not rewritten afterwards.
func RegisterNamespaces(ns map[string]string) {
	for prefix, full := range ns {
		prefix = strings.TrimSuffix(strings.TrimSpace(prefix), ":")
		full = strings.TrimSpace(full)
		if prefix == "" || full == "" {
			continue
		}
		voc.Register(voc.Namespace{Prefix: prefix + ":", Full: full})
	}
}
