package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
)

// IngestResult is the answer of POST /api/ingest.
type IngestResult struct {
	Read       int      `json:"read"`       // articles read from the request
	Ingested   int      `json:"ingested"`   // stored now
	Stored     int      `json:"stored"`     // already stored (same ID and text): skipped
	Duplicates int      `json:"duplicates"` // same text stored under another ID: skipped
	Failed     int      `json:"failed"`
	Errors     []string `json:"errors,omitempty"` // one line per failed record
	Quads      int      `json:"quads"`
	IDs        []string `json:"ids,omitempty"` // IDs of the articles stored now
}

// Add adds another result (of a later batch) to r.
func (r *IngestResult) Add(o IngestResult) {
	r.Read += o.Read
	r.Ingested += o.Ingested
	r.Stored += o.Stored
	r.Duplicates += o.Duplicates
	r.Failed += o.Failed
	r.Errors = append(r.Errors, o.Errors...)
	r.Quads += o.Quads
	r.IDs = append(r.IDs, o.IDs...)
}

// Summary is a one-line report.
func (r IngestResult) Summary() string {
	return fmt.Sprintf("ingested %d articles (%d already stored, %d duplicates, %d failed), %d quads", r.Ingested, r.Stored, r.Duplicates, r.Failed, r.Quads)
}

// WriteArticles extracts articles with x and writes each one (schema.Quads,
// labelled with the article, plus its URL as cg:foundIn) in one transaction
// to st (several for an article of book length: schema.Transactions). An article whose ID and text are stored is skipped (Stored), one
// whose text is stored under another ID too (Duplicates); an ID taken by
// another text gets "~" and a hash prefix appended, as `claimgraph
// ingest` does.
func WriteArticles(ctx context.Context, st *graph.Store, x *ingest.Extractor, arts []ingest.Article) (IngestResult, error) {
	var res IngestResult
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		res.Read++
		if strings.TrimSpace(a.Text) == "" {
			res.Failed++
			res.Errors = append(res.Errors, fmt.Sprintf("article %q: no text", a.ID))
			continue
		}
		a.Hash = ingest.ContentHash(a.Text)
		if a.ID == "" {
			a.ID = ingest.DefaultID(a.Text)
		}
		state, id, err := lookup(ctx, st, a)
		if err != nil {
			return res, err
		}
		switch state {
		case ingest.Stored:
			res.Stored++
			continue
		case ingest.Duplicate:
			res.Duplicates++
			continue
		}
		a.ID = id
		l, err := x.Extract(a)
		if err != nil {
			res.Failed++
			res.Errors = append(res.Errors, fmt.Sprintf("article %q: %v", a.ID, err))
			continue
		}
		qs := schema.Quads(l, schema.Meta{Title: a.Title, Date: a.Date, URL: a.URL, Source: a.Source, Author: a.Author, Hash: a.Hash, Text: a.Text})
		iri := schema.ArticleIRI(a.ID)
		if a.URL != "" {
			qs = append(qs, quad.Quad{Subject: iri, Predicate: schema.FoundIn, Object: quad.String(a.URL), Label: iri})
		}
		across, err := explore.ContestedAcross(ctx, st, []*linker.Article{l})
		if err != nil {
			return res, fmt.Errorf("article %q: %w", a.ID, err)
		}
		qs = append(qs, across...)
		for _, txn := range schema.Transactions(qs, ingest.DefaultBatchSize) {
			if err := st.WriteBatch(ctx, txn); err != nil {
				return res, fmt.Errorf("article %q: %w", a.ID, err)
			}
		}
		res.Ingested++
		res.Quads += len(qs)
		res.IDs = append(res.IDs, a.ID)
	}
	return res, nil
}

// lookup tells whether a is stored: Stored (same ID, same text),
// Duplicate (same text under another ID) or New, with the ID to store it
// under.
func lookup(ctx context.Context, st *graph.Store, a ingest.Article) (ingest.State, string, error) {
	id := a.ID
	for try := 0; try < 2; try++ {
		iri := schema.ArticleIRI(id)
		same, err := st.Has(ctx, iri, schema.Hash, quad.String(a.Hash))
		if err != nil {
			return 0, "", err
		}
		if same {
			return ingest.Stored, id, nil
		}
		taken, err := st.Has(ctx, iri, schema.Type, schema.Article)
		if err != nil {
			return 0, "", err
		}
		if !taken {
			break
		}
		id = a.ID + "~" + a.Hash[:12]
	}
	res, err := st.Query(ctx, "gizmo", fmt.Sprintf(`g.V(%q).In("<cg:hash>").all()`, a.Hash), 1)
	if err != nil {
		return 0, "", err
	}
	if len(res) > 0 {
		return ingest.Duplicate, id, nil
	}
	return ingest.New, id, nil
}

// ingest serves POST /api/ingest: a body of JSON Lines articles
// ({"id","text","title","date","url","source","author"}), with
// "Authorization: Bearer TOKEN".
func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	defer drain(r.Body)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on /api/ingest (POST JSON Lines articles)")
		return
	}
	if !s.cfg.AllowIngest {
		writeError(w, http.StatusForbidden, "this server is read-only; start it with `claimgraph serve --allow-ingest` to accept articles")
		return
	}
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="claimgraph"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong token: send the token `claimgraph serve --allow-ingest` printed as \"Authorization: Bearer TOKEN\"")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxIngestBytes+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading the request: "+err.Error())
		return
	}
	if int64(len(body)) > s.cfg.MaxIngestBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request is larger than %d bytes: send fewer articles per request", s.cfg.MaxIngestBytes))
		return
	}
	var arts []ingest.Article
	var bad []string
	err = ingest.ReadJSONL(bytes.NewReader(body), "request", func(a ingest.Article) error {
		arts = append(arts, a)
		return nil
	}, func(err error) { bad = append(bad, err.Error()) })
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading articles: "+err.Error())
		return
	}
	if len(arts) == 0 && len(bad) == 0 {
		writeError(w, http.StatusBadRequest, "no articles in the request (send JSON Lines: one {\"id\",\"text\",...} object a line)")
		return
	}
	x, err := s.extractor()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "loading the NLP pipeline: "+err.Error())
		return
	}
	s.ingestMu.Lock()
	defer s.ingestMu.Unlock()
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Minute)
	defer cancel()
	res, err := WriteArticles(ctx, s.st, x, arts)
	res.Failed += len(bad)
	res.Read += len(bad)
	res.Errors = append(bad, res.Errors...)
	if res.Ingested > 0 {
		s.x.Invalidate()
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]interface{}{"error": err.Error(), "result": res})
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// PostArticles sends JSON Lines articles (one {"id","text","title",...}
// object a line) read from r to a server started with --allow-ingest at
// baseURL, with its token, and returns the server's answer.
func PostArticles(ctx context.Context, baseURL, token string, r io.Reader) (IngestResult, error) {
	var res IngestResult
	u := strings.TrimSuffix(baseURL, "/") + "/api/ingest"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, r)
	if err != nil {
		return res, err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return res, fmt.Errorf("ingest at %s: %w", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return res, fmt.Errorf("ingest at %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error  string       `json:"error"`
			Result IngestResult `json:"result"`
		}
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return e.Result, fmt.Errorf("ingest at %s: %s: %s", u, resp.Status, e.Error)
		}
		return res, fmt.Errorf("ingest at %s: %s", u, resp.Status)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, fmt.Errorf("ingest at %s: bad answer: %w", u, err)
	}
	return res, nil
}

// IngestFiles reads articles from files in any format `claimgraph ingest`
// reads (ingest.ReadFileOptions) and sends them to the server at baseURL
// in requests of at most batch articles (0: 100). Bad records are passed
// to bad (which may be nil). It returns the sum of the server's answers.
func IngestFiles(ctx context.Context, baseURL, token string, files []string, opts ingest.ReadOptions, batch int, bad func(error)) (IngestResult, error) {
	if batch <= 0 {
		batch = 100
	}
	if bad == nil {
		bad = func(error) {}
	}
	var total IngestResult
	var buf bytes.Buffer
	n := 0
	send := func() error {
		if n == 0 {
			return nil
		}
		res, err := PostArticles(ctx, baseURL, token, bytes.NewReader(buf.Bytes()))
		total.Add(res)
		buf.Reset()
		n = 0
		return err
	}
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		err := ingest.ReadFileOptions(ctx, f, opts, func(a ingest.Article) error {
			if err := enc.Encode(a); err != nil {
				return err
			}
			n++
			if n >= batch {
				return send()
			}
			return nil
		}, bad)
		if err != nil {
			return total, err
		}
	}
	return total, send()
}
