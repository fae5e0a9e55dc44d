package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv/flat"
)

// Store is an open quad store. Its methods are safe for concurrent use;
// writes are serialized by cayley.
type Store struct {
	h        *cgraph.Handle
	backend  string
	path     string
	where    string // backend and path, for error messages
	readOnly bool
	isKV     bool // an embedded cayley kv store (see ErrNeedsReopen)
	// exclusiveWrites makes WriteBatch take mu exclusively. bolt, bbolt:
	// a bolt commit that grows the file waits for all read transactions,
	// while a running query holds read transactions and opens new ones,
	// which block behind the waiting writer: a deadlock. memstore: it has
	// no locking at all.
	exclusiveWrites bool
	maxLimit        int

	// mu is held shared by every operation and exclusively by Close (so
	// that Close waits for operations in flight) and, for bolt, bbolt and
	// memstore, by WriteBatch.
	mu     sync.RWMutex
	closed bool
	// done is cancelled by Close to stop running queries.
	done   context.Context
	cancel context.CancelFunc

	poisoned atomic.Bool

	// pipelined is the badger database of a store opened with
	// PipelinedCommits; behind is its view Behind, made on first use.
	pipelined  *badgerKV
	behind     *Store
	behindOnce sync.Once
	behindErr  error
}

// Behind returns a read-only view of the store for the goroutine that
// writes to it. With PipelinedCommits its reads never wait for a write to
// be applied, and they may miss the last WriteBatch (the writer knows what
// it wrote last); otherwise it is the store itself. It is closed with the
// store.
func (s *Store) Behind() (*Store, error) {
	if s.pipelined == nil {
		return s, nil
	}
	if err := s.acquire(context.Background()); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	s.behindOnce.Do(func() {
		qs, err := ckv.New(flat.Upgrade(&behindKV{db: s.pipelined}), cgraph.Options{ckv.OptNoBloom: true})
		if err != nil {
			s.behindErr = fmt.Errorf("graph: open a view of %s: %w", s.where, err)
			return
		}
		cfg := Config{Backend: s.backend, Path: s.path, ReadOnly: true, MaxQueryLimit: s.maxLimit}
		s.behind = newStore(cfg, s.where, true, &cgraph.Handle{QuadStore: qs, QuadWriter: readOnlyWriter{}})
	})
	return s.behind, s.behindErr
}

func newStore(cfg Config, where string, isKV bool, h *cgraph.Handle) *Store {
	done, cancel := context.WithCancel(context.Background())
	return &Store{
		h:        h,
		backend:  cfg.Backend,
		path:     cfg.Path,
		where:    where,
		readOnly: cfg.ReadOnly,
		isKV:     isKV,

		exclusiveWrites: cfg.Backend == BackendBolt || cfg.Backend == BackendBBolt || cfg.Backend == BackendMemstore,
		maxLimit:        cfg.MaxQueryLimit,
		done:            done,
		cancel:          cancel,
	}
}

// Backend returns the name of the store's backend ("bolt", ...).
func (s *Store) Backend() string { return s.backend }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Handle returns the underlying cayley handle (quad store and quad writer).
// It is meant only for wiring cayley's HTTP server (server/http) to this
// store, behind GuardHTTP: the caller must not Close it (use Store.Close)
// and should not write through it, since such writes bypass ReadOnly, IRI
// normalization, the failed-write protection of WriteBatch and the
// write/query serialization that bolt, bbolt and memstore need. The handle
// is invalid after Store.Close.
func (s *Store) Handle() *cgraph.Handle { return s.h }

// GuardHTTP wraps an HTTP handler that uses Handle (e.g. cayley's API v2
// from server/http) so that every request holds the store's shared lock,
// like Query does: requests then never overlap a bolt/bbolt/memstore
// WriteBatch (which would deadlock bolt or race memstore), and requests
// after Close get 503 Service Unavailable. Close waits for requests in
// flight, so give them a deadline. Serve such handlers read-only (API v2:
// SetReadOnly(true)) and write through WriteBatch only.
func (s *Store) GuardHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.acquire(r.Context()); err != nil {
			http.Error(w, "graph store unavailable: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer s.mu.RUnlock()
		next.ServeHTTP(w, r)
	})
}

// Close stops running queries, waits for operations in flight and closes
// the store. Closing twice is a no-op.
func (s *Store) Close() (err error) {
	defer recoverAsError(&err, "close "+s.where)
	s.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.behind != nil {
		s.behind.Close()
	}
	// graph.Handle.Close drops the error of QuadStore.Close; close both
	// parts ourselves.
	werr := s.h.QuadWriter.Close()
	qerr := s.h.QuadStore.Close()
	if err := errors.Join(werr, qerr); err != nil {
		return fmt.Errorf("graph: close %s: %w", s.where, err)
	}
	return nil
}

// acquire takes the shared lock for one operation; release with s.mu.RUnlock.
func (s *Store) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	return nil
}

// acquireWrite takes the lock for a write; the returned func releases it.
func (s *Store) acquireWrite(ctx context.Context) (func(), error) {
	if !s.exclusiveWrites {
		if err := s.acquire(ctx); err != nil {
			return nil, err
		}
		return s.mu.RUnlock, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	return s.mu.Unlock, nil
}

// WriteBatch stores all quads in one cayley transaction: either all of
// them are stored or, on error, none. Quads already in the store, and
// quads repeated within the batch, are skipped (cayley's IgnoreDup and
// IgnoreMissing semantics), so writing the same batch again is a no-op for
// the contents of the store. Every quad needs a subject, predicate and
// object; the label (the article IRI) is optional for cayley but expected
// by claimgraph. IRIs that start with a registered namespace prefix (see
// RegisterNamespaces) are stored in full form.
//
// The ctx is checked before the transaction starts; a running transaction
// cannot be cancelled. On bolt, bbolt and memstore a write waits for running queries
// and blocks new ones until it commits (see the package Caveats). After a
// failed write on an embedded store every further WriteBatch returns
// ErrNeedsReopen.
func (s *Store) WriteBatch(ctx context.Context, quads []quad.Quad) (err error) {
	defer recoverAsError(&err, "write to "+s.where)
	release, err := s.acquireWrite(ctx)
	if err != nil {
		return fmt.Errorf("graph: write to %s: %w", s.where, err)
	}
	defer release()
	switch {
	case s.readOnly:
		return fmt.Errorf("graph: write to %s: %w", s.where, ErrReadOnly)
	case s.poisoned.Load():
		return fmt.Errorf("graph: write to %s: %w", s.where, ErrNeedsReopen)
	case len(quads) == 0:
		return nil
	}
	for i, q := range quads {
		if err := checkQuad(q); err != nil {
			return fmt.Errorf("graph: write to %s: quad %d: %w", s.where, i, err)
		}
	}
	if err := s.apply(quads); err != nil {
		return fmt.Errorf("graph: write %d quads to %s: %w", len(quads), s.where, err)
	}
	return nil
}

// apply writes quads in one transaction; the caller holds s.mu (see
// acquireWrite).
// Any failure (error or panic) on an embedded store poisons the store for
// writes: cayley's kv quad store caches IRI → node ID mappings made inside
// the transaction even when it is rolled back, and the next transaction
// reuses those IDs for other nodes.
func (s *Store) apply(quads []quad.Quad) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal panic: %v", r)
		}
		if err != nil && s.isKV {
			s.poisoned.Store(true)
		}
	}()
	tx := cgraph.NewTransactionN(len(quads))
	for _, q := range quads {
		tx.AddQuad(q)
	}
	return s.h.QuadWriter.ApplyTransaction(tx)
}

// checkQuad reports quads that cayley cannot store: a missing subject,
// predicate or object, or a value of a type other than quad's own
// (cayley's kv stores panic on those in the middle of a transaction).
func checkQuad(q quad.Quad) error {
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return fmt.Errorf("%v lacks a subject, predicate or object", q)
	}
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		switch v.(type) {
		case nil, quad.IRI, quad.BNode, quad.String, quad.TypedString, quad.LangString,
			quad.Int, quad.Float, quad.Bool, quad.Time:
		default:
			return fmt.Errorf("%v: unsupported value type %T", q, v)
		}
	}
	return nil
}

// Has reports whether the store holds a quad with this subject, predicate
// and object, under any label.
func (s *Store) Has(ctx context.Context, subject, predicate, object quad.Value) (ok bool, err error) {
	defer recoverAsError(&err, "read "+s.where)
	if err := s.acquire(ctx); err != nil {
		return false, fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	defer s.mu.RUnlock()
	if subject == nil || predicate == nil || object == nil {
		return false, fmt.Errorf("graph: read %s: Has needs a subject, predicate and object", s.where)
	}
	qs := s.h.QuadStore
	sh := shape.FilterQuads(
		[]quad.Value{subject},
		[]quad.Value{predicate},
		[]quad.Value{object},
		nil,
	)
	it := shape.BuildIterator(ctx, qs, sh).Iterate()
	defer it.Close()
	if it.Next(ctx) {
		return true, nil
	}
	if err := it.Err(); err != nil {
		return false, fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	return false, nil
}

// QuadCount returns the number of quads in the store.
func (s *Store) QuadCount(ctx context.Context) (n int64, err error) {
	defer recoverAsError(&err, "read "+s.where)
	if err := s.acquire(ctx); err != nil {
		return 0, fmt.Errorf("graph: read %s: %w", s.where, err)
	}
	defer s.mu.RUnlock()
	st, err := s.h.QuadStore.Stats(ctx, false)
	if errors.Is(err, ckv.ErrNoBucket) {
		// cayley's kv stores write their size only with the first quad
		return 0, nil
	}
	if err == nil && !st.Quads.Exact {
		st, err = s.h.QuadStore.Stats(ctx, true)
	}
	if err != nil {
		return 0, fmt.Errorf("graph: count quads of %s: %w", s.where, err)
	}
	return st.Quads.Value, nil
}

// recoverAsError turns a panic from cayley (or its backends) into an error
// assigned to *err. Use as: defer recoverAsError(&err, "what").
func recoverAsError(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("graph: %s: internal panic: %v", what, r)
	}
}

// readOnlyWriter is the quad writer of a read-only view (Behind).
type readOnlyWriter struct{}

func (readOnlyWriter) AddQuad(quad.Quad) error                    { return ErrReadOnly }
func (readOnlyWriter) AddQuadSet([]quad.Quad) error               { return ErrReadOnly }
func (readOnlyWriter) RemoveQuad(quad.Quad) error                 { return ErrReadOnly }
func (readOnlyWriter) ApplyTransaction(*cgraph.Transaction) error { return ErrReadOnly }
func (readOnlyWriter) RemoveNode(quad.Value) error                { return ErrReadOnly }
func (readOnlyWriter) Close() error                               { return nil }
