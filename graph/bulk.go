package graph

import (
	"bufio"
	"container/heap"
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
// is empty when the load begins needs none of those reads: Bulk keeps the
// nodes and the quads it has written in memory, gives them their IDs,
// writes the primitives (cayley's "log" bucket) as they come, sorts the
// index entries in runs on disk, and at Finish writes the indexes, the
// nodes' hashes and reference counts and the counters. All of it goes to
// badger's StreamWriter, which builds the sorted tables of the last level
// directly: no memtable, no compaction.
//
// The result is the store cayley's kv layer would have written
// (github.com/cayleygraph/cayley/graph/kv, data version 2, the default
// indexes "sp" and "ops"), read and written afterwards by cayley as usual.
// Two differences, neither visible to readers: IDs are given in the order
// values and quads first appear (cayley gives a batch's new nodes theirs
// before its quads), and skip the numbers having a byte '/' or '\' (hidal-go's
// flat keys escape those bytes, which would put the "log" keys out of ID
// order; cayley's all-nodes iterator steps over the ~2% missing IDs); and a
// value's reference count counts each stored quad once (cayley also counts
// the duplicates it drops).
//
// Memory: the tables of nodes and quads grow with the load (about 70 bytes
// a node and 50 a quad; news articles have ~0.45 nodes a quad); Full reports when they pass BulkOptions.MaxMemory,
// and the caller then finishes the load and goes on with the store's
// ordinary writes. The index runs are bounded by BulkOptions.RunRecords.
//
// A load stopped before Finish (a crash, a kill) leaves the marker file
// BulkMarker in the store's directory: Open then refuses the store
// (ErrBulkIncomplete), and OpenBulk empties and loads it again.
type Bulk struct {
	cfg  Config
	path string
	runs string // directory of the index runs
	db   *badger.DB
	sw   *badger.StreamWriter
	opts BulkOptions

	nodes    map[refs.ValueHash]uint32 // value hash -> index into nodeID, nodeRefs
	hashes   []refs.ValueHash
	nodeID   []uint64
	nodeRefs []uint32
	quads    map[[4]uint64]struct{}
	last     uint64 // last ID given
	size     int64  // quads stored
	now      int64  // timestamp of the primitives

	sp      []spRec
	ops     []opsRec
	spRuns  []string
	opsRuns []string

	kvs    []*pb.KV
	logBuf []byte
	err    error // a failed write: the load cannot go on
}

// BulkMarker is the file in a store's directory while a bulk load is
// unfinished.
const BulkMarker = "BULK-LOAD-INCOMPLETE"

// ErrBulkIncomplete is returned by Open for a store whose bulk load did not
// finish: re-running the ingest loads it again.
var ErrBulkIncomplete = errors.New("an ingest into this store stopped before its bulk load finished; re-run the ingest to complete the store")

// ErrNotFresh is returned by OpenBulk for a store that holds quads.
var ErrNotFresh = errors.New("a bulk load needs an empty store")

// BulkOptions bound a Bulk's memory.
type BulkOptions struct {
	// MaxMemory is the size, in bytes, of the tables of nodes and quads
	// at which Full reports true (0: DefaultBulkMemory).
	MaxMemory int64
	// RunRecords is the number of index entries sorted in memory before
	// they are written to a run (0: DefaultBulkRunRecords; 24-32 bytes each).
	RunRecords int
}

const (
	DefaultBulkMemory     = 320 << 20
	DefaultBulkRunRecords = 1 << 19
	// Measured in a heap profile at the end of the load of all
	// Reuters-21578 stories (702,709 nodes, 1,580,244 quads): the node
	// table 48.9 MB (map entry, hash, ID, count: 70 bytes a node), the
	// quad table 79.6 MB (50 bytes a quad).
	bulkNodeBytes = 72
	bulkQuadBytes = 52
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

type spRec struct{ s, p, id uint64 }
type opsRec struct{ o, p, s, id uint64 }

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
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = DefaultBulkMemory
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
	return &Bulk{
		cfg: cfg, path: cfg.Path, runs: runs, db: db, sw: sw, opts: opts,
		nodes: map[refs.ValueHash]uint32{},
		quads: map[[4]uint64]struct{}{},
		now:   time.Now().UnixNano(),
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

// Memory is the estimated size of the tables of nodes and quads.
func (b *Bulk) Memory() int64 {
	return int64(len(b.nodeID))*bulkNodeBytes + int64(len(b.quads))*bulkQuadBytes
}

// Full reports whether the tables have passed BulkOptions.MaxMemory.
func (b *Bulk) Full() bool { return b.Memory() >= b.opts.MaxMemory }

// Quads is the number of quads written (duplicates not counted).
func (b *Bulk) Quads() int64 { return b.size }

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

// node returns the index of v in the node table, adding it (and its
// primitive to b.kvs) when new.
func (b *Bulk) node(v quad.Value) (uint32, error) {
	h := refs.HashOf(v)
	if i, ok := b.nodes[h]; ok {
		return i, nil
	}
	val, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	if len(val) == 0 {
		return 0, fmt.Errorf("%v: empty value", v)
	}
	id := b.newID()
	i := uint32(len(b.nodeID))
	b.nodes[h] = i
	b.hashes = append(b.hashes, h)
	b.nodeID = append(b.nodeID, id)
	b.nodeRefs = append(b.nodeRefs, 0)
	b.addLog(id, primitive{id: id, value: val, ts: b.now})
	return i, nil
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

// addLog queues the primitive of id ("log" bucket). IDs come in order and
// hold no byte that flat keys escape, so the keys are in order.
func (b *Bulk) addLog(id uint64, p primitive) {
	start := len(b.logBuf)
	b.logBuf = append(b.logBuf, "log/"...)
	b.logBuf = binary.BigEndian.AppendUint64(b.logBuf, id)
	mid := len(b.logBuf)
	b.logBuf = appendPrimitive(b.logBuf, p)
	b.kvs = append(b.kvs, &pb.KV{Key: b.logBuf[start:mid:mid], Value: b.logBuf[mid:len(b.logBuf):len(b.logBuf)], Version: 1, StreamId: streamLog})
}

// Write stores quads (checked as by Store.WriteBatch); a quad stored
// before is left out, as cayley does with duplicates. After a failed
// Write the load can only be aborted.
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
	defer func() {
		if err != nil {
			b.err = err
		}
	}()
	b.kvs = b.kvs[:0]
	b.logBuf = make([]byte, 0, 64*len(quads))
	for _, q := range quads {
		var ids [4]uint64
		var idx [4]uint32
		for d, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			i, err := b.node(v)
			if err != nil {
				return fmt.Errorf("graph: bulk load %s: %w", describe(b.cfg), err)
			}
			idx[d], ids[d] = i, b.nodeID[i]
		}
		if _, dup := b.quads[ids]; dup {
			continue
		}
		b.quads[ids] = struct{}{}
		for d := range ids {
			if ids[d] != 0 {
				b.nodeRefs[idx[d]]++
			}
		}
		id := b.newID()
		b.addLog(id, primitive{id: id, s: ids[0], p: ids[1], o: ids[2], l: ids[3], ts: b.now})
		b.sp = append(b.sp, spRec{ids[0], ids[1], id})
		b.ops = append(b.ops, opsRec{ids[2], ids[1], ids[0], id})
		b.size++
	}
	if len(b.kvs) > 0 {
		if err := b.sw.Write(&pb.KVList{Kv: b.kvs}); err != nil {
			return fmt.Errorf("graph: bulk load %s: %w", describe(b.cfg), err)
		}
	}
	clear(b.kvs)
	if len(b.sp) >= b.opts.RunRecords {
		if err := b.spill(); err != nil {
			return fmt.Errorf("graph: bulk load %s: %w", describe(b.cfg), err)
		}
	}
	return nil
}

func cmpSP(a, b spRec) int {
	if a.s != b.s {
		return cmpU(a.s, b.s)
	}
	if a.p != b.p {
		return cmpU(a.p, b.p)
	}
	return cmpU(a.id, b.id)
}

func cmpOPS(a, b opsRec) int {
	if a.o != b.o {
		return cmpU(a.o, b.o)
	}
	if a.p != b.p {
		return cmpU(a.p, b.p)
	}
	if a.s != b.s {
		return cmpU(a.s, b.s)
	}
	return cmpU(a.id, b.id)
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// spill sorts the index entries in memory and writes them to two runs.
func (b *Bulk) spill() error {
	slices.SortFunc(b.sp, cmpSP)
	slices.SortFunc(b.ops, cmpOPS)
	n := len(b.spRuns)
	sp := filepath.Join(b.runs, fmt.Sprintf("sp-%04d", n))
	ops := filepath.Join(b.runs, fmt.Sprintf("ops-%04d", n))
	if err := writeRun(sp, len(b.sp), func(w *bufio.Writer, i int) {
		r := b.sp[i]
		putU64s(w, r.s, r.p, r.id)
	}); err != nil {
		return err
	}
	if err := writeRun(ops, len(b.ops), func(w *bufio.Writer, i int) {
		r := b.ops[i]
		putU64s(w, r.o, r.p, r.s, r.id)
	}); err != nil {
		return err
	}
	b.spRuns = append(b.spRuns, sp)
	b.opsRuns = append(b.opsRuns, ops)
	b.sp, b.ops = b.sp[:0], b.ops[:0]
	return nil
}

func putU64s(w *bufio.Writer, xs ...uint64) {
	var buf [8]byte
	for _, x := range xs {
		binary.BigEndian.PutUint64(buf[:], x)
		w.Write(buf[:])
	}
}

func writeRun(name string, n int, put func(*bufio.Writer, int)) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		put(w, i)
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// runReader reads the records (of width uint64s) of a run in order.
type runReader struct {
	f     *os.File
	r     *bufio.Reader
	rec   []uint64
	buf   []byte
	width int
}

func openRun(name string, width int) (*runReader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10), rec: make([]uint64, width), buf: make([]byte, 8*width), width: width}, nil
}

func (r *runReader) next() (bool, error) {
	if _, err := io.ReadFull(r.r, r.buf); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("%s: %w", r.f.Name(), err)
	}
	for i := range r.rec {
		r.rec[i] = binary.BigEndian.Uint64(r.buf[8*i:])
	}
	return true, nil
}

// memRun is the unspilled, sorted remainder as a run.
type memRun struct {
	n   int
	at  func(int, []uint64)
	i   int
	rec []uint64
}

func (m *memRun) next() bool {
	if m.i >= m.n {
		return false
	}
	m.at(m.i, m.rec)
	m.i++
	return true
}

// mergeHeap merges sorted runs of records; the last uint64 of a record is
// the quad ID, the ones before it the index key.
type mergeSrc struct {
	rec  []uint64
	next func() (bool, error)
}
type mergeHeap []*mergeSrc

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	return slices.Compare(h[i].rec, h[j].rec) < 0
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(*mergeSrc)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// writeIndex merges the runs and the remainder of one index and writes
// its keys (bucket/key IDs) with the varint lists of their quad IDs.
func (b *Bulk) writeIndex(bucket string, stream uint32, width int, runs []string, mem *memRun) error {
	var srcs mergeHeap
	var files []*runReader
	defer func() {
		for _, f := range files {
			f.f.Close()
		}
	}()
	for _, name := range runs {
		r, err := openRun(name, width)
		if err != nil {
			return err
		}
		files = append(files, r)
		src := &mergeSrc{rec: r.rec, next: r.next}
		ok, err := src.next()
		if err != nil {
			return err
		}
		if ok {
			srcs = append(srcs, src)
		}
	}
	msrc := &mergeSrc{rec: mem.rec, next: func() (bool, error) { return mem.next(), nil }}
	if mem.next() {
		srcs = append(srcs, msrc)
	}
	heap.Init(&srcs)
	kw := newKVWriter(b.sw, stream)
	keyN := width - 1
	var (
		cur  = make([]uint64, keyN)
		have bool
		list []byte
	)
	emit := func() error {
		key := make([]byte, 0, len(bucket)+1+8*keyN)
		key = append(key, bucket...)
		key = append(key, '/')
		for _, x := range cur {
			key = binary.BigEndian.AppendUint64(key, x)
		}
		return kw.add(key, list)
	}
	if len(srcs) == 0 {
		return nil
	}
	for len(srcs) > 0 {
		top := srcs[0]
		if !have || !slices.Equal(cur, top.rec[:keyN]) {
			if have {
				if err := emit(); err != nil {
					return err
				}
			}
			copy(cur, top.rec[:keyN])
			have = true
			list = nil
		}
		list = binary.AppendUvarint(list, top.rec[keyN])
		ok, err := top.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&srcs, 0)
		} else {
			heap.Pop(&srcs)
		}
	}
	if have {
		if err := emit(); err != nil {
			return err
		}
	}
	return kw.done()
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

// flatRank orders bytes as hidal-go's flat keys order them once escaped:
// '/' and '\' are written as '\' followed by themselves, so they sort
// after '[' (0x5b) and before ']' (0x5d), '/' first.
var flatRank = func() (r [256]uint16) {
	for c := 0; c < 256; c++ {
		r[c] = uint16(c) * 4
	}
	r['/'] = '\\'*4 + 1
	r['\\'] = '\\'*4 + 2
	return r
}()

func cmpFlat(a, b *refs.ValueHash) int {
	for i := range a {
		if a[i] != b[i] {
			return cmpU(uint64(flatRank[a[i]]), uint64(flatRank[b[i]]))
		}
	}
	return 0
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
	b.quads = nil
	b.nodes = nil
	if b.last > 0 {
		if err := newKVWriter(b.sw, streamLog).done(); err != nil {
			return fail(err)
		}
	}
	// The remainder of the index entries, sorted in memory.
	slices.SortFunc(b.sp, cmpSP)
	slices.SortFunc(b.ops, cmpOPS)
	spMem := &memRun{n: len(b.sp), rec: make([]uint64, 3), at: func(i int, rec []uint64) {
		r := b.sp[i]
		rec[0], rec[1], rec[2] = r.s, r.p, r.id
	}}
	opsMem := &memRun{n: len(b.ops), rec: make([]uint64, 4), at: func(i int, rec []uint64) {
		r := b.ops[i]
		rec[0], rec[1], rec[2], rec[3] = r.o, r.p, r.s, r.id
	}}
	if err := b.writeIndex("ops", streamOPS, 4, b.opsRuns, opsMem); err != nil {
		return fail(err)
	}
	if err := b.writeIndex("sp", streamSP, 3, b.spRuns, spMem); err != nil {
		return fail(err)
	}
	b.sp, b.ops = nil, nil
	// Nodes by hash, in the order of their flat keys ('v' and 'n' buckets).
	order := make([]uint32, len(b.hashes))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return cmpFlat(&b.hashes[x], &b.hashes[y]) })
	vals := newKVWriter(b.sw, streamVals)
	cnts := newKVWriter(b.sw, streamRefs)
	for _, i := range order {
		h := b.hashes[i]
		vk := flat.KeyEscape(hkv.Key{{'v', h[0], h[1]}, h[:]})
		if err := vals.add(vk, binary.AppendUvarint(nil, b.nodeID[i])); err != nil {
			return fail(err)
		}
		nk := flat.KeyEscape(hkv.Key{{'n', h[0], h[1]}, h[:]})
		if err := cnts.add(nk, binary.AppendUvarint(nil, uint64(b.nodeRefs[i]))); err != nil {
			return fail(err)
		}
	}
	if len(order) > 0 {
		if err := vals.done(); err != nil {
			return fail(err)
		}
		if err := cnts.done(); err != nil {
			return fail(err)
		}
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
	if err := b.db.Close(); err != nil {
		b.db = nil
		return fail(err)
	}
	b.db = nil
	if err := os.RemoveAll(b.runs); err != nil {
		return fail(err)
	}
	b.hashes, b.nodeID, b.nodeRefs = nil, nil, nil
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

// bulkDataVersion is cayley's kv data version this layout is.
const bulkDataVersion = 2

// Abort stops a load without finishing it: the store stays marked
// incomplete (see BulkMarker) and its lock is released.
func (b *Bulk) Abort() {
	defer func() { recover() }() // badger may panic on a half-written stream
	defer os.RemoveAll(b.runs)
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
