package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v2"
	"github.com/hidal-go/hidalgo/kv/flat"
)

// badgerKV is the flat key-value interface cayley's kv quad store reads
// and writes, over a Badger database. hidal-go's own adapter opens every
// iterator with Badger's default options: values prefetched by a goroutine
// per key, and no key prefix, so that each of the many short index scans
// of a query (a claim's quads, an entity's name) merges iterators over
// every table. Here iterators prefetch nothing (cayley's index values are
// small and stored in the LSM tree beside their keys) and pass the scan's
// prefix to Badger, which then skips the tables outside it. On a store of
// all Reuters-21578 stories (CLAIMGRAPH_BENCH_DB=... go test -run '^$'
// -bench Reuters/cold -benchtime 1x ./explore/, machine loaded) this took
// the cold contested listing from 107 to 65 ms (p50), contested --about
// from 7.4 to 3.1 ms and the p99 of 3-hop paths from 203 to 147 ms.
type badgerKV struct {
	db     *badger.DB
	closed bool

	// pipelined: a write transaction's Commit returns once badger has
	// the transaction queued, not applied (see flight).
	pipelined bool
	mu        sync.Mutex
	flight    *flight // the last pipelined commit, applied or not
	// onCommit, when set (tests), is called as each pipelined commit is
	// sent; the function it returns is called with the commit's result
	// before the commit counts as applied, and returns it.
	onCommit func() func(error) error
	// overlaps counts the write transactions begun during a flight.
	overlaps int
	// lastWrites is the number of writes of the last commit: the size
	// of the next transaction's set of writes (growing it cost more than
	// the inserts: 3.4 s of CPU on all Reuters-21578, half of it rehashing).
	lastWrites int
}

// newMine makes a write transaction's set of writes. The caller holds db.mu.
func (db *badgerKV) newMine() map[string]wval {
	return make(map[string]wval, db.lastWrites+db.lastWrites/8)
}

// A flight is a pipelined commit on its way through badger's write
// goroutine (value log, fsync, memtable), which took a third of the
// ingest committer's time when it waited for it. Meanwhile the next write
// transaction (cayley's ApplyDeltas of the next batch) runs on next: a
// transaction begun before this commit was sent, since badger makes every
// transaction begun later wait until it is applied. next does not see
// this commit's writes in badger; it reads them from writes. Badger's
// conflict detection is off (cayley serializes writes), so committing
// next afterwards is allowed, and its writes are newer than these.
type flight struct {
	writes map[string]wval
	done   chan struct{} // closed when applied (or failed: err)
	err    error
	next   *badger.Txn // nil once taken
	// behind is a read-only snapshot begun with next (without this
	// commit), shared by the readers of the view Behind; discarded when
	// the flight is settled and the last of them is closed.
	behind  *badger.Txn
	readers int
	settled bool
}

// wval is a pending write: a value, or a deletion.
type wval struct {
	v   []byte
	del bool
}

// ErrEarlierCommit wraps the failure of a pipelined commit that its
// transaction's Commit had already reported as sent: its writes are not in
// the store, and neither are those of the transactions after it.
var ErrEarlierCommit = errors.New("a transaction committed before failed to apply")

// wait waits until the flight is applied and returns its error.
func (f *flight) wait() error {
	<-f.done
	if f.err != nil {
		return fmt.Errorf("%w: %v", ErrEarlierCommit, f.err)
	}
	return nil
}

func (f *flight) applied() bool {
	select {
	case <-f.done:
		return true
	default:
		return false
	}
}

// settle waits for the last flight, discards its unused transaction and
// forgets it, returning its error. The caller holds db.mu.
func (db *badgerKV) settle() error {
	f := db.flight
	if f == nil {
		return nil
	}
	err := f.wait()
	if f.next != nil {
		f.next.Discard()
		f.next = nil
	}
	f.settled = true
	if f.readers == 0 && f.behind != nil {
		f.behind.Discard()
		f.behind = nil
	}
	db.flight = nil
	return err
}

// behindKV is a read-only view of a pipelined badgerKV that does not wait
// for the last commit: while one is in flight its transactions read the
// snapshot begun just before it was sent (without it); otherwise they
// read the whole store. For the writer's own reads between two writes,
// from one goroutine (a badger read-only transaction is shared by them).
type behindKV struct{ db *badgerKV }

var _ flat.KV = (*behindKV)(nil)

func (b *behindKV) Tx(ctx context.Context, rw bool) (flat.Tx, error) {
	if rw {
		return nil, errors.New("graph: write through the read-only view of a store")
	}
	db := b.db
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil, ErrClosed
	}
	if f := db.flight; f != nil && f.behind != nil {
		f.readers++
		return &badgerTx{tx: f.behind, shared: f, owner: db}, nil
	}
	return &badgerTx{tx: db.db.NewTransaction(false)}, nil
}

func (b *behindKV) View(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.View(ctx, b, fn)
}

func (b *behindKV) Update(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.Update(ctx, b, fn)
}

// Close does nothing: the view's store is closed by its owner.
func (b *behindKV) Close() error { return nil }

var _ flat.KV = (*badgerKV)(nil)

func openBadgerKV(opt badger.Options) (*badgerKV, error) {
	if opt.ValueDir == "" {
		opt.ValueDir = opt.Dir
	}
	db, err := badger.Open(opt)
	if err != nil {
		return nil, err
	}
	return &badgerKV{db: db}, nil
}

func (db *badgerKV) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	ferr := db.settle()
	return errors.Join(ferr, db.db.Close())
}

func (db *badgerKV) Tx(ctx context.Context, rw bool) (flat.Tx, error) {
	if !rw || !db.pipelined {
		// Badger makes a new transaction wait until every commit sent
		// before is applied: readers see all committed writes.
		return &badgerTx{tx: db.db.NewTransaction(rw)}, nil
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if f := db.flight; f != nil && f.next != nil && !f.applied() {
		tx := &badgerTx{tx: f.next, db: db, over: f, mine: db.newMine()}
		f.next = nil
		db.overlaps++
		return tx, nil
	}
	if err := db.settle(); err != nil {
		return nil, err
	}
	return &badgerTx{tx: db.db.NewTransaction(true), db: db, mine: db.newMine()}, nil
}

func (db *badgerKV) View(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.View(ctx, db, fn)
}

func (db *badgerKV) Update(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.Update(ctx, db, fn)
}

type badgerTx struct {
	tx *badger.Txn
	// A pipelined write transaction (db set) records its writes in mine,
	// and reads those of the flight over (when begun before it was
	// applied) before its own snapshot.
	db   *badgerKV
	over *flight
	mine map[string]wval
	// A transaction of behindKV reading a flight's snapshot (shared
	// with other readers).
	shared *flight
	owner  *badgerKV
}

func conflict(err error) error {
	if err == badger.ErrConflict {
		return flat.ErrConflict
	}
	return err
}

func (tx *badgerTx) Commit(ctx context.Context) error {
	if tx.shared != nil {
		return errors.New("graph: commit of a read-only view transaction")
	}
	if tx.db == nil {
		return conflict(tx.tx.Commit())
	}
	if tx.over != nil {
		// This transaction read the flight's writes: they must be applied
		// before its own are sent.
		if err := tx.over.wait(); err != nil {
			tx.tx.Discard()
			return err
		}
	}
	if len(tx.mine) == 0 {
		tx.tx.Discard()
		return nil
	}
	db := tx.db
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.settle(); err != nil {
		tx.tx.Discard()
		return err
	}
	db.lastWrites = len(tx.mine)
	// Begun now, before this commit is sent, next can start without
	// waiting for it.
	f := &flight{writes: tx.mine, done: make(chan struct{}),
		next: db.db.NewTransaction(true), behind: db.db.NewTransaction(false)}
	db.flight = f
	var hook func(error) error
	if db.onCommit != nil {
		hook = db.onCommit()
	}
	tx.tx.CommitWith(func(err error) {
		if hook != nil {
			err = hook(err)
		}
		f.err = conflict(err)
		close(f.done)
	})
	return nil
}

// pending returns the transaction's view of key when the transaction or
// the flight it reads through has written it.
func (tx *badgerTx) pending(key flat.Key) (wval, bool) {
	if tx.mine == nil {
		return wval{}, false
	}
	if w, ok := tx.mine[string(key)]; ok {
		return w, true
	}
	if tx.over != nil {
		if w, ok := tx.over.writes[string(key)]; ok {
			return w, true
		}
	}
	return wval{}, false
}

// catchUp makes a transaction that reads through a flight see the store
// alone: it waits until the flight is applied and moves its own writes to
// a transaction begun after that. Scans use it (they would otherwise have
// to merge the flight's writes into badger's iterator); cayley's write
// path does not scan.
func (tx *badgerTx) catchUp() error {
	if tx.over == nil {
		return nil
	}
	if err := tx.over.wait(); err != nil {
		return err
	}
	tx.over = nil
	t := tx.db.db.NewTransaction(true)
	for k, w := range tx.mine {
		var err error
		if w.del {
			err = t.Delete([]byte(k))
		} else {
			err = t.Set([]byte(k), w.v)
		}
		if err != nil {
			t.Discard()
			return err
		}
	}
	tx.tx.Discard()
	tx.tx = t
	return nil
}

func (tx *badgerTx) Close() error {
	if f := tx.shared; f != nil {
		db := tx.owner
		db.mu.Lock()
		defer db.mu.Unlock()
		tx.shared, tx.tx = nil, nil
		if f.readers--; f.readers == 0 && f.settled && f.behind != nil {
			f.behind.Discard()
			f.behind = nil
		}
		return nil
	}
	if tx.tx != nil { // nil: a view transaction closed before
		tx.tx.Discard()
	}
	return nil
}

func (tx *badgerTx) Get(ctx context.Context, key flat.Key) (flat.Value, error) {
	if len(key) == 0 {
		return nil, flat.ErrNotFound
	}
	if w, ok := tx.pending(key); ok {
		if w.del {
			return nil, flat.ErrNotFound
		}
		return append([]byte(nil), w.v...), nil
	}
	item, err := tx.tx.Get(key)
	if err == badger.ErrKeyNotFound {
		return nil, flat.ErrNotFound
	} else if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func (tx *badgerTx) GetBatch(ctx context.Context, keys []flat.Key) ([]flat.Value, error) {
	return flat.GetBatch(ctx, tx, keys)
}

func (tx *badgerTx) Put(ctx context.Context, k flat.Key, v flat.Value) error {
	if err := tx.tx.Set(k, v); err != nil {
		return conflict(err)
	}
	if tx.mine != nil {
		tx.mine[string(k)] = wval{v: v}
	}
	return nil
}

func (tx *badgerTx) Del(ctx context.Context, k flat.Key) error {
	if err := tx.tx.Delete(k); err != nil {
		return conflict(err)
	}
	if tx.mine != nil {
		tx.mine[string(k)] = wval{del: true}
	}
	return nil
}

func (tx *badgerTx) Scan(ctx context.Context, opts ...flat.IteratorOption) flat.Iterator {
	if err := tx.catchUp(); err != nil {
		return &errIter{err: err}
	}
	return flat.ApplyIteratorOptions(&badgerIter{tx: tx.tx, first: true}, opts)
}

// errIter is an iterator that failed before it began.
type errIter struct{ err error }

func (it *errIter) Reset()                        {}
func (it *errIter) Next(ctx context.Context) bool { return false }
func (it *errIter) Err() error                    { return it.err }
func (it *errIter) Close() error                  { return it.err }
func (it *errIter) Key() flat.Key                 { return nil }
func (it *errIter) Val() flat.Value               { return nil }

// badgerIter is a flat.Iterator whose Badger iterator is made on first
// use, once the prefix is known.
type badgerIter struct {
	tx    *badger.Txn
	it    *badger.Iterator
	pref  flat.Key
	first bool
	valid bool
	err   error
}

var (
	_ flat.Seeker         = (*badgerIter)(nil)
	_ flat.PrefixIterator = (*badgerIter)(nil)
)

func (it *badgerIter) iter() *badger.Iterator {
	if it.it == nil {
		opt := badger.DefaultIteratorOptions
		opt.PrefetchValues = false
		opt.Prefix = it.pref
		it.it = it.tx.NewIterator(opt)
	}
	return it.it
}

func (it *badgerIter) Reset() {
	it.first, it.valid, it.err = true, false, nil
}

func (it *badgerIter) WithPrefix(pref flat.Key) flat.Iterator {
	it.Reset()
	if it.it != nil && !bytes.Equal(pref, it.pref) {
		it.it.Close()
		it.it = nil
	}
	it.pref = pref
	return it
}

func (it *badgerIter) check() bool {
	b := it.iter()
	if len(it.pref) != 0 {
		it.valid = b.ValidForPrefix(it.pref)
	} else {
		it.valid = b.Valid()
	}
	return it.valid
}

func (it *badgerIter) Seek(ctx context.Context, key flat.Key) bool {
	it.Reset()
	it.first = false
	it.iter().Seek(key)
	return it.check()
}

func (it *badgerIter) Next(ctx context.Context) bool {
	if it.first {
		it.first = false
		it.iter().Seek(it.pref)
	} else {
		it.iter().Next()
	}
	return it.check()
}

func (it *badgerIter) Err() error { return it.err }

func (it *badgerIter) Close() error {
	if it.it != nil {
		it.it.Close()
		it.it = nil
	}
	return it.err
}

func (it *badgerIter) Key() flat.Key {
	if !it.valid {
		return nil
	}
	return it.it.Item().Key()
}

func (it *badgerIter) Val() flat.Value {
	if !it.valid {
		return nil
	}
	v, err := it.it.Item().ValueCopy(nil)
	if err != nil {
		it.err = err
	}
	return v
}
