package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claimgraph/claimgraph/linker"
)

// Defaults of the batching fields of Config.
const (
	DefaultBatchArticles = 128
	DefaultBatchSize     = 8000
	DefaultBatchDelay    = 2 * time.Second
)

// errLimit stops reading at Config.Limit.
var errLimit = errors.New("article limit reached")

// ErrStrict is returned (wrapped) by Ingest when Config.Strict stopped the
// run at a bad record.
var ErrStrict = errors.New("stopped at the first bad record (--strict)")

// A State is where an article stands against the store.
type State int

const (
	// New: not stored; it is extracted and stored.
	New State = iota
	// Stored: the article (same ID, same text) is already stored.
	Stored
	// Duplicate: the same text is stored as another article (Status.Of);
	// only this copy's sources are recorded on it.
	Duplicate
)

// A Status is the answer of Store.Lookup.
type Status struct {
	State State
	// ID is the article's ID in the store (New, Stored). It differs from
	// Article.ID when the store holds another article under that ID.
	ID string
	// Of is the ID of the stored article with the same text (Duplicate).
	Of string
	// Recorded reports (Stored, Duplicate) that this copy's sources are
	// already recorded.
	Recorded bool
}

// A Unit is what Store.Write stores: an article, or a copy's sources.
type Unit interface {
	// Size is the unit's cost in the batch (for a graph store: quads).
	Size() int
}

// A Store keeps articles. Ingest calls Lookup, Encode and Sources from
// its workers (concurrently), Write and Recover from one goroutine.
type Store interface {
	// Lookup tells whether the article is stored. dupOf, when not empty,
	// is the ID of an earlier article of this run with the same text: the
	// answer is then Duplicate of it, and only Recorded is asked.
	Lookup(ctx context.Context, a *Article, dupOf string) (Status, error)
	// Encode turns an extracted article into the unit that stores it
	// (with its sources).
	Encode(a *Article, l *linker.Article) (Unit, error)
	// Sources returns the unit that records a's sources on the stored
	// article of.
	Sources(a *Article, of string) (Unit, error)
	// Write stores units in one transaction: all of them or none.
	Write(ctx context.Context, units []Unit) error
	// Recover makes the store writable again after a failed Write.
	Recover(ctx context.Context) error
}

// ErrStoreLost is wrapped by a Write error that means units of earlier,
// successful Writes are not stored after all (a store that commits in the
// background found that one of them failed). Ingest does not retry such a
// batch article by article: the run stops with the error, and a re-run
// stores what is missing.
var ErrStoreLost = errors.New("earlier batches were not stored")

// Config configures Ingest.
type Config struct {
	Workers int         // extraction workers; 0 = the number of cores
	Read    ReadOptions // formats and field names
	Limit   int         // read at most this many articles (0 = all)
	// Strict stops the run at the first bad record (after storing the
	// articles before it).
	Strict bool
	// A batch (one store transaction) holds whole articles: at most
	// BatchArticles of them and, unless one article alone is larger,
	// BatchSize units; a batch older than BatchDelay is written when the
	// next article is ready. Zero values take the defaults.
	BatchArticles int
	BatchSize     int
	BatchDelay    time.Duration
	// Bad receives each bad record or file (naming the file and record),
	// in input order. Warn receives notes that are not failures (an ID
	// used by two different articles). Both may be nil.
	Bad  func(error)
	Warn func(error)
}

// Stats are the counters of a run, updated while it goes (read them with
// Load from any goroutine).
type Stats struct {
	Read       atomic.Int64 // articles read
	Bad        atomic.Int64 // bad records and files met by the reader (also in Failed)
	Articles   atomic.Int64 // articles stored by this run
	Stored     atomic.Int64 // articles already stored, with this copy's sources (skipped)
	Duplicates atomic.Int64 // copies of a text stored once: their sources recorded
	Failed     atomic.Int64 // bad records and files, failed articles
	Entities   atomic.Int64 // of the articles stored
	Claims     atomic.Int64
	Relations  atomic.Int64
	Units      atomic.Int64 // units written (quads)
	Tokens     atomic.Int64 // tokens of the articles extracted
	Batches    atomic.Int64 // transactions written
	Writing    atomic.Int64 // nanoseconds the writer spent in Store.Write
	Bytes      atomic.Int64 // input bytes read (compressed size)
	TotalBytes atomic.Int64 // size of the input files (-1: unknown, e.g. stdin)
}

// item is one article (or bad record) on its way through Ingest.
type item struct {
	a      Article
	keyID  string // the ID given by the keyer
	dupOf  string // an earlier article of this run with the same text
	err    error
	status Status
	linked *linker.Article
	tokens int
	unit   Unit
}

// Ingest reads the files (as listed by Walk), extracts every article not
// yet in st with N workers and writes them to st in input order, several
// whole articles per transaction. An article is keyed by its ID (given
// by the input, or derived from its URL, or else from its content hash)
// and its content hash: an article already stored is skipped, and a text
// seen before (in this run, or stored by an earlier one) is stored once,
// with the sources of every copy. Bad records are reported to cfg.Bad and
// counted in stats.Failed; the run goes on unless cfg.Strict. Stopping
// at any moment (even kill -9) loses nothing stored, and running again
// finishes the job.
func Ingest(ctx context.Context, files []string, x *Extractor, st Store, cfg Config, stats *Stats) error {
	if stats == nil {
		stats = new(Stats)
	}
	if cfg.BatchArticles <= 0 {
		cfg.BatchArticles = DefaultBatchArticles
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.BatchDelay <= 0 {
		cfg.BatchDelay = DefaultBatchDelay
	}
	bad := cfg.Bad
	if bad == nil {
		bad = func(error) {}
	}
	warn := cfg.Warn
	if warn == nil {
		warn = func(error) {}
	}
	var total int64
	for _, f := range files {
		if f == "-" {
			total = -1
			break
		}
		if fi, err := os.Stat(f); err == nil {
			total += fi.Size()
		}
	}
	stats.TotalBytes.Store(total)

	keys := newKeyer()
	read := func(emit func(*item) error) error {
		rd := &reader{ctx: ctx, opts: cfg.Read, read: &stats.Bytes,
			emit: func(a Article) error {
				if cfg.Limit > 0 && stats.Read.Load() >= int64(cfg.Limit) {
					return errLimit
				}
				stats.Read.Add(1)
				a.Hash = ContentHash(a.Text)
				it := &item{a: a}
				dupOf, conflict := keys.key(&it.a)
				if conflict != "" {
					warn(fmt.Errorf("%s: id %q is also used by a different article earlier in the input; this one is stored as %q",
						it.a.Where(), conflict, it.a.ID))
				}
				it.keyID, it.dupOf = it.a.ID, dupOf
				return emit(it)
			},
			bad: func(err error) {
				stats.Bad.Add(1)
				_ = emit(&item{err: err})
			},
		}
		for _, f := range files {
			if err := rd.readPath(f); err != nil {
				if errors.Is(err, errLimit) {
					return nil
				}
				return err
			}
		}
		return nil
	}

	work := func(it *item) {
		if it.err != nil {
			return
		}
		defer func() {
			if r := recover(); r != nil {
				it.err = fmt.Errorf("%s: article %q: internal error: %v", it.a.Where(), it.a.ID, r)
			}
		}()
		s, err := st.Lookup(ctx, &it.a, it.dupOf)
		if err != nil {
			it.err = fmt.Errorf("%s: article %q: looking it up in the store: %w", it.a.Where(), it.a.ID, err)
			return
		}
		it.status = s
		if s.State != New {
			return
		}
		if s.ID != "" {
			it.a.ID = s.ID
		}
		l, tokens, err := x.ExtractCount(it.a)
		if err != nil {
			it.err = err
			return
		}
		it.linked, it.tokens = l, tokens
		u, err := st.Encode(&it.a, l)
		if err != nil {
			it.err = fmt.Errorf("%s: article %q: %w", it.a.Where(), it.a.ID, err)
			return
		}
		it.unit = u
	}

	w := &writer{ctx: ctx, st: st, cfg: cfg, stats: stats, bad: bad, warn: warn,
		renamed: map[string]string{}, failed: map[string]string{}}
	w.startCommitter()
	err := ordered(ctx, cfg.Workers, read, work, w.add)
	if err == nil || errors.Is(err, ErrStrict) {
		if serr := w.send(); serr != nil && err == nil {
			err = serr
		}
	}
	if cerr := w.finish(); cerr != nil && (err == nil || errors.Is(err, ErrStrict) && !errors.Is(cerr, ErrStrict)) {
		err = cerr
	}
	return err
}

// writer is the sink of Ingest: it gathers whole articles into batches
// (in input order) and hands them to its committer goroutine, which
// writes them one transaction each while the next batch fills up.
type writer struct {
	ctx   context.Context
	st    Store
	cfg   Config
	stats *Stats
	bad   func(error)
	warn  func(error)

	batch []*item
	size  int
	since time.Time

	commits chan []*item  // batches to write (one waits while one is written)
	done    chan struct{} // closed when the committer stops
	cerr    error         // why the committer stopped early (read after done)

	renamed map[string]string // keyer ID -> ID in the store (ID conflicts with stored articles)
	mu      sync.Mutex        // guards failed (the committer fails articles too)
	failed  map[string]string // keyer ID -> where, of articles that failed (their duplicates fail too)
}

func (w *writer) fail(it *item, err error) error {
	w.stats.Failed.Add(1)
	if it.keyID != "" {
		w.mu.Lock()
		w.failed[it.keyID] = it.a.Where()
		w.mu.Unlock()
	}
	w.bad(err)
	if w.cfg.Strict {
		return fmt.Errorf("%w: %v", ErrStrict, err)
	}
	return nil
}

func (w *writer) failedWhere(id string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	where, ok := w.failed[id]
	return where, ok
}

// add takes the next item in input order.
func (w *writer) add(it *item) error {
	if it.err != nil {
		return w.fail(it, it.err)
	}
	s := it.status
	switch s.State {
	case New:
		if it.a.ID != it.keyID {
			w.renamed[it.keyID] = it.a.ID
			w.warn(fmt.Errorf("%s: the store holds a different article with id %q; this one is stored as %q",
				it.a.Where(), it.keyID, it.a.ID))
		}
		return w.queue(it, it.unit)
	case Stored:
		if s.Recorded {
			w.stats.Stored.Add(1)
			return nil
		}
		u, err := w.st.Sources(&it.a, s.ID)
		if err != nil {
			return w.fail(it, fmt.Errorf("%s: %w", it.a.Where(), err))
		}
		return w.queue(it, u)
	case Duplicate:
		of := s.Of
		if r, ok := w.renamed[of]; ok {
			of, s.Recorded = r, false
		}
		if where, ok := w.failedWhere(of); ok {
			return w.fail(it, fmt.Errorf("%s: same text as %s, which failed", it.a.Where(), where))
		}
		if s.Recorded {
			w.stats.Stored.Add(1)
			return nil
		}
		u, err := w.st.Sources(&it.a, of)
		if err != nil {
			return w.fail(it, fmt.Errorf("%s: %w", it.a.Where(), err))
		}
		return w.queue(it, u)
	}
	return fmt.Errorf("%s: unknown state %d", it.a.Where(), s.State)
}

func (w *writer) queue(it *item, u Unit) error {
	it.unit = u
	n := 0
	if u != nil {
		n = u.Size()
	}
	if len(w.batch) > 0 && w.size+n > w.cfg.BatchSize {
		if err := w.send(); err != nil {
			return err
		}
	}
	if len(w.batch) == 0 {
		w.since = time.Now()
	}
	w.batch = append(w.batch, it)
	w.size += n
	if len(w.batch) >= w.cfg.BatchArticles || w.size >= w.cfg.BatchSize || time.Since(w.since) >= w.cfg.BatchDelay {
		return w.send()
	}
	return nil
}

// send hands the batch to the committer (waiting while it still has one
// to write besides the one it is writing).
func (w *writer) send() error {
	if len(w.batch) == 0 {
		return nil
	}
	b := w.batch
	w.batch, w.size = nil, 0
	select {
	case w.commits <- b:
		return nil
	case <-w.done:
		return w.cerr
	}
}

func (w *writer) startCommitter() {
	w.commits = make(chan []*item, 1)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		for b := range w.commits {
			if err := w.write(b); err != nil {
				w.cerr = err
				return
			}
		}
	}()
}

// finish waits for the committer to write what it was given.
func (w *writer) finish() error {
	close(w.commits)
	<-w.done
	return w.cerr
}

// write writes a batch in one transaction. When that fails (and not
// because the run was stopped), the store is recovered and the articles
// are written one by one, so that one bad article fails alone.
func (w *writer) write(batch []*item) error {
	units := make([]Unit, 0, len(batch))
	for _, it := range batch {
		if it.unit != nil {
			units = append(units, it.unit)
		}
	}
	if len(units) > 0 {
		t0 := time.Now()
		err := w.st.Write(w.ctx, units)
		w.stats.Writing.Add(int64(time.Since(t0)))
		if err != nil {
			if w.ctx.Err() != nil || errors.Is(err, ErrStoreLost) {
				return err
			}
			return w.oneByOne(batch, err)
		}
		w.stats.Batches.Add(1)
	}
	for _, it := range batch {
		w.commit(it)
	}
	return nil
}

func (w *writer) oneByOne(batch []*item, batchErr error) error {
	if err := w.st.Recover(w.ctx); err != nil {
		return fmt.Errorf("%w (and the store could not be reopened: %v)", batchErr, err)
	}
	ok := 0
	var failed []*item
	var errs []error
	for _, it := range batch {
		if it.unit == nil {
			w.commit(it)
			continue
		}
		err := w.st.Write(w.ctx, []Unit{it.unit})
		if err == nil {
			ok++
			w.stats.Batches.Add(1)
			w.commit(it)
			continue
		}
		if w.ctx.Err() != nil {
			return err
		}
		failed = append(failed, it)
		errs = append(errs, err)
		if err := w.st.Recover(w.ctx); err != nil {
			return fmt.Errorf("%w (and the store could not be reopened: %v)", batchErr, err)
		}
	}
	if ok == 0 && len(failed) > 1 {
		// Every article failed alone: the store is at fault, not the data.
		return fmt.Errorf("storing %d articles: %w", len(failed), batchErr)
	}
	for i, it := range failed {
		if err := w.fail(it, fmt.Errorf("%s: storing article %q: %w", it.a.Where(), it.a.ID, errs[i])); err != nil {
			return err
		}
	}
	return nil
}

// commit counts an item whose unit is stored.
func (w *writer) commit(it *item) {
	s := w.stats
	switch it.status.State {
	case New:
		s.Articles.Add(1)
		s.Tokens.Add(int64(it.tokens))
		if l := it.linked; l != nil {
			s.Entities.Add(int64(len(l.Entities)))
			s.Claims.Add(int64(len(l.Claims)))
			s.Relations.Add(int64(len(l.Relations)))
		}
	case Stored, Duplicate:
		// a copy found at a new place: its sources were recorded
		s.Duplicates.Add(1)
	}
	if it.unit != nil {
		s.Units.Add(int64(it.unit.Size()))
	}
}

// keyer gives articles their IDs and finds repeated texts, in input order.
// It keeps 8 bytes of content hash per distinct text (plus the ID when it
// is not derived from the hash) and 16 bytes per ID given by the input:
// memory grows by a few dozen bytes per article.
type keyer struct {
	byHash map[[8]byte]string  // content hash prefix -> ID ("" = the hash's own ID)
	byID   map[[8]byte][8]byte // hash of a given ID -> content hash prefix
}

func newKeyer() *keyer {
	return &keyer{byHash: map[[8]byte]string{}, byID: map[[8]byte][8]byte{}}
}

// key returns the ID of an earlier article with the same text, if any;
// otherwise it settles a.ID: an ID already given to a different text in
// this run gets the content hash appended (and conflict is the old ID).
func (k *keyer) key(a *Article) (dupOf, conflict string) {
	var h [8]byte
	if _, err := hex.Decode(h[:], []byte(a.Hash[:16])); err != nil {
		sum := sha256.Sum256([]byte(a.Hash))
		copy(h[:], sum[:8])
	}
	if id, ok := k.byHash[h]; ok {
		if id == "" {
			id = a.Hash[:16]
		}
		return id, ""
	}
	if a.ID != a.Hash[:16] {
		ik := idKey(a.ID)
		if prev, ok := k.byID[ik]; ok && prev != h {
			conflict = a.ID
			a.ID = a.ID + "~" + a.Hash[:12]
			ik = idKey(a.ID)
		}
		k.byID[ik] = h
		k.byHash[h] = a.ID
	} else {
		k.byHash[h] = ""
	}
	return "", conflict
}

func idKey(id string) (k [8]byte) {
	sum := sha256.Sum256([]byte(id))
	copy(k[:], sum[:8])
	return k
}
