package graph

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/dgraph-io/badger/v2"
	"github.com/dgraph-io/badger/v2/pb"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
)

// Bulk loads quads into a fresh badger store without cayley's write path.
//
// cayley's kv quad store writes a batch by reading and rewriting what the
// batch touches: each node's ID and reference count, each index list, the
// counters, through bloom filters; badger then inserts every key into its
// memtable, flushes it and compacts the tables. On all Reuters-21578
// stories that was ~56% of the ingest's CPU (BENCHMARKS.md). A store that
// is empty when the load begins needs none of those reads. Bulk writes
// cayley's kv layout (github.com/cayleygraph/cayley/graph/kv, data version
// 2, the default indexes "sp" and "ops") itself, into badger's
// StreamWriter, which builds the sorted tables of the last level directly:
// no memtable, no compaction.
//
// It is an external sort, so its memory does not grow with the load
// (BulkOptions.RunRecords records per sort buffer; its temporary files,
// about 270 bytes a quad, are in the store's directory):
//   - Write records every value occurrence (the value's hash, the quad's
//     number, the position) and each value once in a while (its hash and
//     its encoding, in a values file).
//   - Finish sorts the values by hash in the order of their flat keys and
//     gives them IDs in that order, so their primitives ("log"), hashes
//     ("v") and later reference counts ("n") are written in key order; it
//     turns the occurrences into (quad, position, ID), puts the quads back
//     together, sorts them by (s,p,o,l), leaves out duplicates (cayley's
//     rule) and gives them IDs in that order, so their primitives and the
//     "sp" index are written in key order; "ops" and the reference counts
//     take one more sort each.
//
// The result is the store cayley's kv layer would have written, read and
// written afterwards by cayley as usual. Differences no reader sees: IDs
// are given by hash and quad order (cayley gives them in arrival order) and
// skip the numbers having a byte '/' or '\' (hidal-go's flat keys escape
// those bytes, which would put the "log" keys out of ID order; cayley's
// all-nodes iterator steps over the ~2% missing IDs); a value's reference
// count counts each stored quad once (cayley also counts the duplicates
// it drops).
//
// A load stopped before Finish (a crash, a kill) leaves the marker file
// BulkMarker in the store's directory: Open then refuses the store
// (ErrBulkIncomplete), and OpenBulk empties and loads it again.
type Bulk struct {
	cfg  Config
	runs string // directory of the runs
	db   *badger.DB
	sw   *badger.StreamWriter
	opts BulkOptions

	// During the load: every value occurrence (its hash in flat-key
	// order, quad number, position) and the first occurrences' values
	// (hash, offset in the values file).
	occ    *sorter
	vals   *sorter
	values *os.File
	valW   *bufio.Writer
	valOff uint64
	recent map[refs.ValueHash]struct{} // values written lately (fewer duplicate value records)

	res      *sorter // (quad number<<2 | position, node ID), written by writeNodes
	logW     *kvWriter
	nodeFile string // the distinct hashes in ID order, written by writeNodes

	seq   uint64 // quads written
	last  uint64 // last ID given
	size  int64  // quads stored (known at Finish)
	nodes int64  // distinct values (known at Finish)
	now   int64  // timestamp of the primitives
	err   error  // a failed write: the load cannot go on
}

// BulkMarker is the file in a store's directory while a bulk load is
// unfinished.
const BulkMarker = "BULK-LOAD-INCOMPLETE"

// ErrBulkIncomplete is returned by Open for a store whose bulk load did not
// finish: re-running the ingest loads it again.
var ErrBulkIncomplete = errors.New("an ingest into this store stopped before its bulk load finished; re-run the ingest to complete the store")

// ErrNotFresh is returned by OpenBulk for a store that holds quads.
var ErrNotFresh = errors.New("a bulk load needs an empty store")

// BulkOptions bound a Bulk's temporary disk space and memory.
type BulkOptions struct {
	// MaxDisk, when positive, makes Full report true once the load's
	// temporary files hold that many bytes (about 270 bytes a quad);
	// 0: no bound.
	MaxDisk int64
	// RunRecords is the number of records sorted in memory before they
	// are written to a run (0: DefaultBulkRunRecords; 8-40 bytes each).
	RunRecords int
}

const (
	// DefaultBulkRunRecords: 512k records are 20 MB in the widest sort
	// (5 words) and each sorter has two buffers (one spilling in the
	// background); at most three sorters fill at once, so the load's own
	// memory stays under ~120 MB whatever the archive, with ~64 runs per
	// sort at 74 M quads (a million news articles) for the merges.
	DefaultBulkRunRecords = 1 << 19
	// maxRecent bounds the set of values whose record was written lately.
	maxRecent = 1 << 18
)

// Stream IDs of the StreamWriter: each bucket is its own range of keys.
const (
	streamLog uint32 = iota + 1
	streamMeta
	streamRefs
	streamOPS
	streamSP
	streamVals
)

// BulkIncomplete reports whether the store at path (a directory) has an
// unfinished bulk load.
func BulkIncomplete(path string) bool {
	_, err := os.Stat(filepath.Join(path, BulkMarker))
	return err == nil
}

// CanBulk reports whether cfg names a store OpenBulk can load: a writable
// badger store.
func CanBulk(cfg Config) bool {
	b := cfg.Backend
	if b == "" {
		b = DefaultBackend
		if found := detectBackend(cfg.Path); found != "" {
			b = found
		}
	}
	return b == BackendBadger && cfg.Path != "" && !cfg.ReadOnly
}

// OpenBulk begins a bulk load of the badger store at cfg.Path, which must
// hold no quads or an unfinished bulk load (which is dropped). The store is
// locked until Finish or Abort.
func OpenBulk(ctx context.Context, cfg Config, opts BulkOptions) (b *Bulk, err error) {
	cfg.Backend = BackendBadger
	where := describe(cfg)
	defer recoverAsError(&err, "bulk load "+where)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !CanBulk(cfg) {
		return nil, fmt.Errorf("graph: bulk load %s: only a writable badger store can be bulk loaded", where)
	}
	if found := detectBackend(cfg.Path); found != "" && family(found) != BackendBadger {
		return nil, fmt.Errorf("graph: bulk load %s: %w: the directory holds a %s store", where, ErrCorrupt, found)
	}
	if opts.RunRecords <= 0 {
		opts.RunRecords = DefaultBulkRunRecords
	}
	if err := prepareDir(cfg.Path, true); err != nil {
		return nil, fmt.Errorf("graph: bulk load %s: %w", where, err)
	}
	restart := BulkIncomplete(cfg.Path)
	raw, err := openBadgerKV(badgerOptions(cfg.Path, cfg))
	if err != nil {
		return nil, fmt.Errorf("graph: bulk load %s: %w", where, classify(err))
	}
	db := raw.db
	fail := func(err error) (*Bulk, error) {
		db.Close()
		return nil, fmt.Errorf("graph: bulk load %s: %w", where, err)
	}
	if !restart {
		n, err := rawQuadCount(db)
		if err != nil {
			return fail(err)
		}
		if n > 0 {
			return fail(fmt.Errorf("%w (it holds %d quads)", ErrNotFresh, n))
		}
	}
	// The marker is on disk before anything is dropped or written.
	if err := writeMarker(cfg.Path); err != nil {
		return fail(err)
	}
	runs := filepath.Join(cfg.Path, "bulk-runs")
	if err := os.RemoveAll(runs); err != nil {
		return fail(err)
	}
	if err := os.Mkdir(runs, 0o755); err != nil {
		return fail(err)
	}
	sw := db.NewStreamWriter()
	if err := sw.Prepare(); err != nil {
		return fail(err)
	}
	values, err := os.Create(filepath.Join(runs, "values"))
	if err != nil {
		return fail(err)
	}
	return &Bulk{
		cfg: cfg, runs: runs, db: db, sw: sw, opts: opts,
		occ:    newSorter(runs, "occ", 5, opts.RunRecords),
		vals:   newSorter(runs, "val", 5, opts.RunRecords),
		values: values,
		valW:   bufio.NewWriterSize(values, 1<<20),
		recent: make(map[refs.ValueHash]struct{}),
		now:    time.Now().UnixNano(),
	}, nil
}

// rawQuadCount reads cayley's quad counter ("meta/size") from db.
func rawQuadCount(db *badger.DB) (int64, error) {
	var n int64
	err := db.View(func(txn *badger.Txn) error {
		it, err := txn.Get(flat.KeyEscape(hkv.Key{[]byte("meta"), []byte("size")}))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		return it.Value(func(v []byte) error {
			if len(v) == 8 {
				n = int64(binary.LittleEndian.Uint64(v))
			}
			return nil
		})
	})
	return n, err
}

func writeMarker(dir string) error {
	f, err := os.Create(filepath.Join(dir, BulkMarker))
	if err != nil {
		return err
	}
	_, err = f.WriteString("claimgraph: a bulk load of this store has not finished; re-run the ingest to complete it.\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// DiskUsed is the size of the load's temporary files so far, in bytes.
func (b *Bulk) DiskUsed() int64 {
	return int64(len(b.occ.runs)*b.opts.RunRecords*b.occ.width*8+len(b.vals.runs)*b.opts.RunRecords*b.vals.width*8) + int64(b.valOff)
}

// Full reports whether the temporary files have passed BulkOptions.MaxDisk.
func (b *Bulk) Full() bool { return b.opts.MaxDisk > 0 && b.DiskUsed() >= b.opts.MaxDisk }

// Quads is the number of quads written (duplicates counted until Finish
// has left them out).
func (b *Bulk) Quads() int64 {
	if b.size > 0 {
		return b.size
	}
	return int64(b.seq)
}

// newID gives the next ID free of the bytes '/' and '\'.
func (b *Bulk) newID() uint64 {
	for {
		b.last++
		if cleanID(b.last) {
			return b.last
		}
	}
}

func cleanID(x uint64) bool {
	for ; x != 0; x >>= 8 {
		if c := byte(x); c == '/' || c == '\\' {
			return false
		}
	}
	return true
}

// flatOrder maps a byte to its rank in the order of hidal-go's flat keys,
// and flatUnorder back: the flat encoding writes '/' and '\' as '\'
// followed by themselves, so they sort after '[' (0x5b) and before ']'
// (0x5d), '/' first. A hash of ranked bytes compares as its flat key does.
var flatOrder, flatUnorder = func() (ord, unord [256]byte) {
	r := 0
	for c := 0; c < 256; c++ {
		if c == '/' || c == '\\' {
			continue
		}
		ord[c], unord[r] = byte(r), byte(c)
		r++
		if c == '[' {
			ord['/'], unord[r] = byte(r), '/'
			ord['\\'], unord[r+1] = byte(r+1), '\\'
			r += 2
		}
	}
	return
}()

// rankedHash packs a value hash, in flat-key order, into 3 words.
func rankedHash(h *refs.ValueHash) (w [3]uint64) {
	var r [24]byte
	for i, c := range h {
		r[i] = flatOrder[c]
	}
	return [3]uint64{binary.BigEndian.Uint64(r[0:]), binary.BigEndian.Uint64(r[8:]), binary.BigEndian.Uint64(r[16:])}
}

func unrankHash(w []uint64) (h refs.ValueHash) {
	var r [24]byte
	binary.BigEndian.PutUint64(r[0:], w[0])
	binary.BigEndian.PutUint64(r[8:], w[1])
	binary.BigEndian.PutUint64(r[16:], w[2])
	for i := range h {
		h[i] = flatUnorder[r[i]]
	}
	return h
}

// value records an occurrence of v in quad seq at position pos, and v
// itself unless it was recorded lately.
func (b *Bulk) value(v quad.Value, seq uint64, pos int) error {
	h := refs.HashOf(v)
	w := rankedHash(&h)
	if _, ok := b.recent[h]; !ok {
		val, err := pquads.MarshalValue(v)
		if err != nil {
			return err
		}
		if len(val) == 0 {
			return fmt.Errorf("%v: empty value", v)
		}
		if len(b.recent) >= maxRecent {
			clear(b.recent)
		}
		b.recent[h] = struct{}{}
		if err := b.vals.add(w[0], w[1], w[2], b.valOff, uint64(len(val))); err != nil {
			return err
		}
		if _, err := b.valW.Write(val); err != nil {
			return err
		}
		b.valOff += uint64(len(val))
	}
	return b.occ.add(w[0], w[1], w[2], seq, uint64(pos))
}

// readValue reads the value of n bytes at off of the values file.
func (b *Bulk) readValue(off, n uint64) ([]byte, error) {
	val := make([]byte, n)
	if _, err := b.values.ReadAt(val, int64(off)); err != nil {
		return nil, fmt.Errorf("values file: %w", err)
	}
	return val, nil
}

// primitive is cayley's proto.Primitive, encoded by appendPrimitive.
type primitive struct {
	id, s, p, o, l uint64
	ts             int64
	value          []byte
}

// appendPrimitive encodes p as protobuf (cayley's proto.Primitive, whose
// fields are varints but Value): fields in order, zero values left out,
// as proto.Marshal does (TestBulkPrimitiveEncoding).
func appendPrimitive(buf []byte, p primitive) []byte {
	field := func(tag byte, v uint64) {
		if v != 0 {
			buf = append(buf, tag)
			buf = binary.AppendUvarint(buf, v)
		}
	}
	field(1<<3, p.id)
	field(2<<3, p.s)
	field(3<<3, p.p)
	field(4<<3, p.o)
	field(5<<3, p.l)
	field(7<<3, uint64(p.ts))
	if len(p.value) > 0 {
		buf = append(buf, 8<<3|2)
		buf = binary.AppendUvarint(buf, uint64(len(p.value)))
		buf = append(buf, p.value...)
	}
	return buf
}

// logKey is the key of id in the "log" bucket. IDs hold no byte that flat
// keys escape, so the keys are in ID order.
func logKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("log/"), id)
}

// Write stores quads (checked as by Store.WriteBatch); a quad stored
// before is left out at Finish, as cayley does with duplicates. After a
// failed Write the load can only be aborted.
func (b *Bulk) Write(ctx context.Context, quads []quad.Quad) (err error) {
	defer recoverAsError(&err, "bulk load "+describe(b.cfg))
	if b.err != nil {
		return b.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, q := range quads {
		if err := checkQuad(q); err != nil {
			return fmt.Errorf("graph: bulk load %s: quad %d: %w", describe(b.cfg), i, err)
		}
	}
	for _, q := range quads {
		for d, dir := range quad.Directions {
			if v := q.Get(dir); v != nil {
				if err := b.value(v, b.seq, d); err != nil {
					b.err = fmt.Errorf("graph: bulk load %s: %w", describe(b.cfg), err)
					return b.err
				}
			}
		}
		b.seq++
	}
	return nil
}

// indexWriter writes an index ("sp", "ops") from its entries in key order:
// each key (bucket/IDs) with the varint list of its quads' IDs.
type indexWriter struct {
	w      *kvWriter
	bucket string
	cur    []uint64
	list   []byte
	have   bool
}

func newIndexWriter(sw *badger.StreamWriter, stream uint32, bucket string, keyN int) *indexWriter {
	return &indexWriter{w: newKVWriter(sw, stream), bucket: bucket, cur: make([]uint64, keyN)}
}

func (x *indexWriter) add(key []uint64, id uint64) error {
	if x.have && !slices.Equal(key, x.cur) {
		if err := x.emit(); err != nil {
			return err
		}
	}
	copy(x.cur, key)
	x.have = true
	x.list = binary.AppendUvarint(x.list, id)
	return nil
}

func (x *indexWriter) emit() error {
	key := make([]byte, 0, len(x.bucket)+1+8*len(x.cur))
	key = append(key, x.bucket...)
	key = append(key, '/')
	for _, id := range x.cur {
		key = binary.BigEndian.AppendUint64(key, id)
	}
	err := x.w.add(key, x.list)
	x.list = nil
	return err
}

// done writes the last key and ends the stream.
func (x *indexWriter) done() error {
	if !x.have {
		return nil
	}
	if err := x.emit(); err != nil {
		return err
	}
	return x.w.done()
}

// kvWriter sends a stream's keys to the StreamWriter in lists.
type kvWriter struct {
	sw     *badger.StreamWriter
	stream uint32
	kvs    []*pb.KV
	bytes  int
}

func newKVWriter(sw *badger.StreamWriter, stream uint32) *kvWriter {
	return &kvWriter{sw: sw, stream: stream}
}

func (w *kvWriter) add(key, val []byte) error {
	w.kvs = append(w.kvs, &pb.KV{Key: key, Value: val, Version: 1, StreamId: w.stream})
	w.bytes += len(key) + len(val)
	if w.bytes >= 4<<20 {
		return w.flush()
	}
	return nil
}

func (w *kvWriter) flush() error {
	if len(w.kvs) == 0 {
		return nil
	}
	err := w.sw.Write(&pb.KVList{Kv: w.kvs})
	w.kvs, w.bytes = nil, 0
	return err
}

// done flushes the stream and ends it: badger writes its last table and
// lets go of its table builder (up to twice the table size), instead of
// keeping one per stream until Flush.
func (w *kvWriter) done() error {
	w.kvs = append(w.kvs, &pb.KV{StreamId: w.stream, StreamDone: true})
	return w.flush()
}

// Finish writes the indexes, the nodes and the counters, completes the
// store and closes the bulk loader. The store is then opened as usual and
// returned; the marker stays until the caller calls BulkDone (so that what
// it adds to the store right after the load counts as part of the load).
// Unless more writes are to follow (more), the store is opened without
// cayley's bloom filters of stored quads, which it fills at open by
// reading every primitive (2.3 s of the 73 s of CPU of an ingest of all
// Reuters-21578 stories) and which only speed up many writes.
func (b *Bulk) Finish(ctx context.Context, more bool) (st *Store, err error) {
	where := describe(b.cfg)
	defer recoverAsError(&err, "bulk load "+where)
	if b.err != nil {
		b.Abort()
		return nil, b.err
	}
	fail := func(err error) (*Store, error) {
		b.Abort()
		return nil, fmt.Errorf("graph: bulk load %s: %w", where, err)
	}
	b.recent = nil
	if err := b.valW.Flush(); err != nil {
		return fail(err)
	}
	if err := b.writeNodes(); err != nil {
		return fail(err)
	}
	if err := b.writeQuads(); err != nil {
		return fail(err)
	}
	// Counters and format (cayley's kv Init and its counters).
	indexes, err := json.Marshal(ckv.DefaultQuadIndexes)
	if err != nil {
		return fail(err)
	}
	le := func(x int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(x)) }
	meta := newKVWriter(b.sw, streamMeta)
	for _, kv := range []struct {
		k string
		v []byte
	}{
		{"horizon", le(int64(b.last))},
		{"indexes", indexes},
		{"size", le(b.size)},
		{"version", le(bulkDataVersion)},
	} {
		if err := meta.add(flat.KeyEscape(hkv.Key{[]byte("meta"), []byte(kv.k)}), kv.v); err != nil {
			return fail(err)
		}
	}
	if err := meta.done(); err != nil {
		return fail(err)
	}
	if err := b.sw.Flush(); err != nil {
		return fail(err)
	}
	b.sw = nil
	b.values.Close()
	if err := b.db.Close(); err != nil {
		b.db = nil
		return fail(err)
	}
	b.db = nil
	if err := os.RemoveAll(b.runs); err != nil {
		return fail(err)
	}
	cfg := b.cfg
	cfg.bulkFinishing = true
	if !more {
		opts := map[string]interface{}{ckv.OptNoBloom: true}
		for k, v := range cfg.Options {
			opts[k] = v
		}
		cfg.Options = opts
	}
	st, err = Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// writeNodes gives the distinct values their IDs, in the order of their
// flat keys (so that "log", "v" and later "n" are written in key order),
// writes their primitives and hashes, and turns each occurrence into a
// record (quad number, position, ID).
func (b *Bulk) writeNodes() error {
	vit, err := b.vals.iter()
	if err != nil {
		return err
	}
	defer vit.close()
	oit, err := b.occ.iter()
	if err != nil {
		return err
	}
	defer oit.close()
	b.res = newSorter(b.runs, "res", 2, b.opts.RunRecords)
	b.nodeFile = filepath.Join(b.runs, "nodes")
	nf, err := os.Create(b.nodeFile)
	if err != nil {
		return err
	}
	defer nf.Close()
	nw := bufio.NewWriterSize(nf, 1<<20)
	b.logW = newKVWriter(b.sw, streamLog)
	vw := newKVWriter(b.sw, streamVals)
	var cur [3]uint64
	have := false
	o := oit.next()
	for v := vit.next(); v != nil; v = vit.next() {
		if have && v[0] == cur[0] && v[1] == cur[1] && v[2] == cur[2] {
			continue
		}
		copy(cur[:], v[:3])
		have = true
		val, err := b.readValue(v[3], v[4])
		if err != nil {
			return err
		}
		id := b.newID()
		b.nodes++
		h := unrankHash(cur[:])
		nw.Write(h[:])
		if err := b.logW.add(logKey(id), appendPrimitive(nil, primitive{id: id, value: val, ts: b.now})); err != nil {
			return err
		}
		if err := vw.add(flat.KeyEscape(hkv.Key{{'v', h[0], h[1]}, h[:]}), binary.AppendUvarint(nil, id)); err != nil {
			return err
		}
		for o != nil && o[0] == cur[0] && o[1] == cur[1] && o[2] == cur[2] {
			if err := b.res.add(o[3]<<2|o[4], id); err != nil {
				return err
			}
			o = oit.next()
		}
		if o != nil && slices.Compare(o[:3], cur[:]) < 0 {
			return errors.New("a value occurrence without its value")
		}
	}
	if vit.err != nil {
		return vit.err
	}
	if oit.err != nil {
		return oit.err
	}
	if o != nil {
		return errors.New("a value occurrence without its value")
	}
	if have {
		if err := vw.done(); err != nil {
			return err
		}
	}
	return nw.Flush()
}

// writeQuads puts the quads back together from the occurrences, sorts
// them, leaves out duplicates, gives them their IDs in (s,p,o,l) order and
// writes their primitives and the "sp" index (both in key order), then the
// "ops" index and the values' reference counts ("n") from further sorts.
func (b *Bulk) writeQuads() error {
	rit, err := b.res.iter()
	if err != nil {
		return err
	}
	qs := newSorter(b.runs, "quad", 4, b.opts.RunRecords)
	var ids [4]uint64
	var seq uint64
	have := false
	for r := rit.next(); r != nil; r = rit.next() {
		if have && r[0]>>2 != seq {
			if err := qs.add(ids[:]...); err != nil {
				rit.close()
				return err
			}
			ids = [4]uint64{}
		}
		seq, have = r[0]>>2, true
		ids[r[0]&3] = r[1]
	}
	rit.close()
	if rit.err != nil {
		return rit.err
	}
	if have {
		if err := qs.add(ids[:]...); err != nil {
			return err
		}
	}
	qit, err := qs.iter()
	if err != nil {
		return err
	}
	defer qit.close()
	ops := newSorter(b.runs, "ops", 4, b.opts.RunRecords)
	counts := newSorter(b.runs, "ref", 1, b.opts.RunRecords)
	spw := newIndexWriter(b.sw, streamSP, "sp", 2)
	var prev [4]uint64
	havePrev := false
	for x := qit.next(); x != nil; x = qit.next() {
		if havePrev && x[0] == prev[0] && x[1] == prev[1] && x[2] == prev[2] && x[3] == prev[3] {
			continue // stored already
		}
		copy(prev[:], x)
		havePrev = true
		id := b.newID()
		b.size++
		if err := b.logW.add(logKey(id), appendPrimitive(nil, primitive{id: id, s: x[0], p: x[1], o: x[2], l: x[3], ts: b.now})); err != nil {
			return err
		}
		if err := spw.add(x[:2], id); err != nil {
			return err
		}
		if err := ops.add(x[2], x[1], x[0], id); err != nil {
			return err
		}
		for _, n := range x[:4] {
			if n != 0 {
				if err := counts.add(n); err != nil {
					return err
				}
			}
		}
	}
	if qit.err != nil {
		return qit.err
	}
	if !havePrev {
		return nil
	}
	if err := spw.done(); err != nil {
		return err
	}
	if err := b.logW.done(); err != nil {
		return err
	}
	// Two more sorts, on the two cores: their streams are independent.
	opsDone := make(chan error, 1)
	go func() { opsDone <- b.writeOPS(ops) }()
	err = b.writeRefs(counts)
	if oerr := <-opsDone; err == nil {
		err = oerr
	}
	return err
}

// writeOPS writes the "ops" index from its sorted entries (o,p,s,id).
func (b *Bulk) writeOPS(ops *sorter) error {
	it, err := ops.iter()
	if err != nil {
		return err
	}
	defer it.close()
	w := newIndexWriter(b.sw, streamOPS, "ops", 3)
	for x := it.next(); x != nil; x = it.next() {
		if err := w.add(x[:3], x[3]); err != nil {
			return err
		}
	}
	if it.err != nil {
		return it.err
	}
	return w.done()
}

// writeRefs writes each value's reference count ("n" bucket), in the
// order of its hash (writeNodes' order: node IDs are the first IDs).
func (b *Bulk) writeRefs(counts *sorter) error {
	it, err := counts.iter()
	if err != nil {
		return err
	}
	defer it.close()
	f, err := os.Open(b.nodeFile)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	w := newKVWriter(b.sw, streamRefs)
	x := it.next()
	var id uint64
	for i := int64(0); i < b.nodes; i++ {
		var h refs.ValueHash
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return fmt.Errorf("%s: %w", b.nodeFile, err)
		}
		for id++; !cleanID(id); id++ {
		}
		var n uint64
		for x != nil && x[0] == id {
			n++
			x = it.next()
		}
		if err := w.add(flat.KeyEscape(hkv.Key{{'n', h[0], h[1]}, h[:]}), binary.AppendUvarint(nil, n)); err != nil {
			return err
		}
	}
	if it.err != nil {
		return it.err
	}
	if x != nil {
		return fmt.Errorf("a reference to node %d, which is not a node", x[0])
	}
	return w.done()
}

// bulkDataVersion is cayley's kv data version this layout is.
const bulkDataVersion = 2

// Abort stops a load without finishing it: the store stays marked
// incomplete (see BulkMarker) and its lock is released.
func (b *Bulk) Abort() {
	defer func() { recover() }() // badger may panic on a half-written stream
	defer os.RemoveAll(b.runs)
	if b.values != nil {
		b.values.Close()
	}
	if b.sw != nil {
		// Flush ends the stream (its deferred cleanup restarts what
		// Prepare stopped, which Close needs); the marker keeps the
		// store refused whatever it holds.
		b.sw.Flush()
		b.sw = nil
	}
	if b.db != nil {
		b.db.Close()
		b.db = nil
	}
}

// BulkDone marks the bulk load of the store at path as finished.
func BulkDone(path string) error {
	if err := os.Remove(filepath.Join(path, BulkMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return syncDir(path)
}
