package graph

import (
	"bytes"
	"context"

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
}

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
	if db.closed {
		return nil
	}
	db.closed = true
	return db.db.Close()
}

func (db *badgerKV) Tx(ctx context.Context, rw bool) (flat.Tx, error) {
	return &badgerTx{tx: db.db.NewTransaction(rw)}, nil
}

func (db *badgerKV) View(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.View(ctx, db, fn)
}

func (db *badgerKV) Update(ctx context.Context, fn func(tx flat.Tx) error) error {
	return flat.Update(ctx, db, fn)
}

type badgerTx struct {
	tx *badger.Txn
}

func conflict(err error) error {
	if err == badger.ErrConflict {
		return flat.ErrConflict
	}
	return err
}

func (tx *badgerTx) Commit(ctx context.Context) error { return conflict(tx.tx.Commit()) }

func (tx *badgerTx) Close() error {
	tx.tx.Discard()
	return nil
}

func (tx *badgerTx) Get(ctx context.Context, key flat.Key) (flat.Value, error) {
	if len(key) == 0 {
		return nil, flat.ErrNotFound
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
	return conflict(tx.tx.Set(k, v))
}

func (tx *badgerTx) Del(ctx context.Context, k flat.Key) error {
	return conflict(tx.tx.Delete(k))
}

func (tx *badgerTx) Scan(ctx context.Context, opts ...flat.IteratorOption) flat.Iterator {
	return flat.ApplyIteratorOptions(&badgerIter{tx: tx.tx, first: true}, opts)
}

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
