package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	boltdb "github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/dgraph-io/badger/v2"
	"github.com/dgraph-io/badger/v2/options"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	lerrors "github.com/syndtr/goleveldb/leveldb/errors"
	lopt "github.com/syndtr/goleveldb/leveldb/opt"
	bbolt "go.etcd.io/bbolt"
)

// Backend names accepted in Config.Backend.
const (
	BackendBolt     = "bolt"     // BoltDB (github.com/boltdb/bolt), file <Path>/indexes.bolt
	BackendBBolt    = "bbolt"    // bbolt (go.etcd.io/bbolt), file <Path>/indexes.bolt
	BackendLevelDB  = "leveldb"  // goleveldb, directory <Path>
	BackendBadger   = "badger"   // Badger v2, directory <Path>
	BackendPostgres = "postgres" // PostgreSQL; Path is a connection string
	BackendMemstore = "memstore" // in-memory, volatile; Path must be empty
)

// DefaultBackend is the embedded backend of new stores when Config.Backend
// is empty. It was chosen by measurement (see BENCHMARKS.md): badger
// ingests one-article batches 2-4 times faster than bolt, bbolt and leveldb
// (1.7 times bbolt at 500,000 quads, where leveldb collapses), at the
// price of 3-hop queries taking about 2 ms instead of 1 ms, more disk than
// bbolt as the store grows, and about 200 MB more memory.
const DefaultBackend = BackendBadger

// Defaults applied to zero Config fields.
const (
	// DefaultLockTimeout is how long Open waits for the file lock of a
	// bolt or bbolt store held by another process (or another Open in the
	// same process) before failing with ErrLocked.
	DefaultLockTimeout = time.Second
	// DefaultQueryLimit is the result limit of Query when limit is 0; it
	// is the default of cayley's HTTP API v2.
	DefaultQueryLimit = 100
	// DefaultMaxQueryLimit is the hard cap of Query's limit when
	// Config.MaxQueryLimit is 0.
	DefaultMaxQueryLimit = 10000
)

// Errors reported by Open and the Store methods. They are wrapped together
// with the underlying error; test them with errors.Is.
var (
	// ErrLocked means the store is in use by another process, or by
	// another open Store in this process.
	ErrLocked = errors.New("store is locked by another process")
	// ErrCorrupt means the store files are not a valid store of the
	// requested backend.
	ErrCorrupt = errors.New("store is corrupt or not a store of this backend")
	// ErrNotExist means a read-only Open found no initialized store.
	ErrNotExist = errors.New("store does not exist")
	// ErrReadOnly is returned by WriteBatch on a store opened read-only.
	ErrReadOnly = errors.New("store is read-only")
	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("store is closed")
	// ErrNeedsReopen is returned by WriteBatch after a failed write on an
	// embedded store: cayley's in-memory node cache may then map IRIs to
	// node IDs of the rolled-back transaction, and further writes through
	// the same handle would silently attach quads to the wrong nodes.
	// Close and Open the store again; the data on disk is consistent.
	ErrNeedsReopen = errors.New("a previous write failed; close and reopen the store before writing")
)

// Config selects and configures the backend of a Store.
type Config struct {
	// Backend is one of "bolt", "bbolt", "leveldb", "badger", "postgres",
	// "memstore". "" selects the backend of the embedded store found at
	// Path (bbolt for a bolt/bbolt file: same format), or DefaultBackend for
	// a new store. Any other name registered in cayley's store registry is
	// accepted too (opened through cayley's registry, without the extra
	// options below).
	Backend string
	// Path is the directory of an embedded store (created on first use),
	// or a PostgreSQL connection string for "postgres". It must be empty
	// for "memstore".
	Path string
	// ReadOnly opens an existing store without write access: WriteBatch
	// fails with ErrReadOnly and Open does not create the store. bolt and
	// bbolt stores are then opened with a shared lock, so several
	// read-only processes can use one store (but not while a writer has it
	// open).
	ReadOnly bool
	// NoSync skips the fsync after each committed WriteBatch on embedded
	// backends (bolt/bbolt NoSync+NoGrowSync, leveldb Sync=false, badger
	// SyncWrites=false). Faster bulk ingest; an OS crash or power loss can
	// lose the last batches, and for bolt/bbolt can corrupt the file.
	NoSync bool
	// PipelinedCommits (badger) lets WriteBatch return once its
	// transaction is queued in badger, before badger has written it to its
	// value log and memtable, so that the next WriteBatch overlaps that
	// work. Reads still see every returned write (they wait for it). A
	// failure to apply is reported by the next WriteBatch or by Close
	// (ErrEarlierCommit): the transactions from the failed one on are
	// then missing. For batch ingestion, where the run fails as a whole
	// and a re-run completes it; not for a server that acknowledges each
	// write.
	PipelinedCommits bool
	// LockTimeout bounds the wait for the file lock of a bolt or bbolt
	// store; 0 means DefaultLockTimeout. leveldb and badger fail at once.
	LockTimeout time.Duration
	// MaxQueryLimit caps the limit argument of Query; 0 means
	// DefaultMaxQueryLimit.
	MaxQueryLimit int
	// Options are extra cayley graph.Options passed to the backend, for
	// example "no_bloom" (embedded stores; saves ~150 MB of RAM and the
	// full scan at open, at the cost of an index lookup per written quad)
	// or "maxopenconnections" (postgres).
	Options map[string]interface{}

	// bulkFinishing is set by Bulk.Finish, which opens the store while
	// its BulkMarker is still there.
	bulkFinishing bool
}

// kvOpener opens (creating when create is set) the key-value database of
// an embedded backend.
type kvOpener func(path string, cfg Config, create bool) (hkv.KV, error)

// kvBackends are the embedded backends that Open opens itself, so that
// lock timeouts, read-only mode and sync options are applied; cayley's
// registry opens bolt/bbolt without a lock timeout (a second opener blocks
// forever) and leveldb/badger without the "nosync" option. The resulting
// key-value database is wrapped by cayley's kv quad store exactly as the
// registry would do, and the on-disk layout is the one cayley uses.
var kvBackends = map[string]kvOpener{
	BackendBolt:    openBolt,
	BackendBBolt:   openBBolt,
	BackendLevelDB: openLevelDB,
	BackendBadger:  openBadger,
}

// Backends returns the names accepted in Config.Backend, sorted.
func Backends() []string {
	seen := map[string]bool{BackendPostgres: true, BackendMemstore: true}
	for name := range kvBackends {
		seen[name] = true
	}
	for _, name := range cgraph.QuadStores() {
		seen[name] = true
	}
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Open opens the store described by cfg, creating and initializing it on
// first use unless cfg.ReadOnly is set. Errors name the backend and the
// path; a store in use by another process yields ErrLocked and a damaged
// one ErrCorrupt (test with errors.Is). The ctx is checked before opening;
// opening itself cannot be cancelled.
func Open(ctx context.Context, cfg Config) (st *Store, err error) {
	if cfg.Backend == "" {
		cfg.Backend = DefaultBackend
		if found := detectBackend(cfg.Path); found != "" {
			cfg.Backend = found
		}
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = DefaultLockTimeout
	}
	if cfg.MaxQueryLimit <= 0 {
		cfg.MaxQueryLimit = DefaultMaxQueryLimit
	}
	where := describe(cfg)
	defer recoverAsError(&err, "open "+where)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", where, err)
	}
	opts := cgraph.Options{}
	for k, v := range cfg.Options {
		opts[k] = v
	}
	var (
		qs      cgraph.QuadStore
		db      hkv.KV
		isKV    bool
		openErr error
	)
	if opener, ok := kvBackends[cfg.Backend]; ok {
		isKV = true
		if cfg.Path != "" && !cfg.bulkFinishing && BulkIncomplete(cfg.Path) {
			return nil, fmt.Errorf("graph: open %s: %w", where, ErrBulkIncomplete)
		}
		if cfg.ReadOnly {
			// The bloom filters only speed up duplicate checks on writes.
			if _, set := opts[ckv.OptNoBloom]; !set {
				opts[ckv.OptNoBloom] = true
			}
		}
		qs, db, openErr = openKV(opener, cfg, opts)
	} else {
		qs, openErr = openRegistered(cfg, opts)
	}
	if openErr != nil {
		return nil, fmt.Errorf("graph: open %s: %w", where, openErr)
	}
	w, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{
		"ignore_duplicate": true,
		"ignore_missing":   true,
	})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("graph: open %s: quad writer: %w", where, err)
	}
	s := newStore(cfg, where, isKV, &cgraph.Handle{QuadStore: qs, QuadWriter: w})
	if b, ok := db.(badgerHKV); ok && b.raw.pipelined {
		s.pipelined = b.raw
	}
	return s, nil
}

// openKV opens an embedded store through its opener and wraps it in
// cayley's kv quad store, initializing it when it is new.
func openKV(opener kvOpener, cfg Config, opts cgraph.Options) (cgraph.QuadStore, hkv.KV, error) {
	if cfg.Path == "" {
		return nil, nil, errors.New("an embedded store needs Config.Path (a directory)")
	}
	if cfg.ReadOnly {
		if _, err := os.Stat(cfg.Path); errors.Is(err, os.ErrNotExist) {
			return nil, nil, ErrNotExist
		}
	}
	if found := detectBackend(cfg.Path); found != "" && family(found) != family(cfg.Backend) {
		return nil, nil, fmt.Errorf("%w: the directory holds a %s store", ErrCorrupt, found)
	}
	db, err := opener(cfg.Path, cfg, !cfg.ReadOnly)
	if err != nil {
		return nil, nil, classify(err)
	}
	defer func() {
		// release the file lock if cayley panics; Open recovers
		if r := recover(); r != nil {
			db.Close()
			panic(r)
		}
	}()
	qs, err := ckv.New(db, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		if cfg.ReadOnly {
			db.Close()
			return nil, nil, ErrNotExist
		}
		if err = ckv.Init(db, opts); err == nil {
			qs, err = ckv.New(db, opts)
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, classify(err)
	}
	return qs, db, nil
}

// openRegistered opens a store through cayley's registry (postgres,
// memstore and any other registered backend).
func openRegistered(cfg Config, opts cgraph.Options) (cgraph.QuadStore, error) {
	name := cfg.Backend
	if !cgraph.IsRegistered(name) {
		return nil, fmt.Errorf("unknown backend %q (known: %s)", name, strings.Join(Backends(), ", "))
	}
	if !cgraph.IsPersistent(name) {
		if cfg.Path != "" {
			return nil, fmt.Errorf("backend %q is in-memory and takes no path", name)
		}
		return cgraph.NewQuadStore(name, "", opts)
	}
	if cfg.Path == "" {
		return nil, fmt.Errorf("backend %q needs Config.Path", name)
	}
	if !cfg.ReadOnly {
		// Init is "CREATE TABLE ..." for SQL stores; an existing store
		// reports ErrDatabaseExists.
		err := cgraph.InitQuadStore(name, cfg.Path, opts)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) && !errors.Is(err, cgraph.ErrOperationNotSupported) {
			return nil, err
		}
	}
	qs, err := cgraph.NewQuadStore(name, cfg.Path, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		return nil, ErrNotExist
	}
	return qs, err
}

// detectBackend guesses the embedded backend of the store in dir from its
// files: boltFamilyBackend() for a bolt or bbolt file (the format is the
// same), "leveldb", "badger", or "" when dir holds no store.
func detectBackend(dir string) string {
	if dir == "" {
		return ""
	}
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case exists("indexes.bolt"):
		return boltFamilyBackend()
	case exists("CURRENT"):
		return BackendLevelDB
	case exists("KEYREGISTRY"):
		return BackendBadger
	}
	return ""
}

// boltFamilyBackend is the backend used for existing bolt/bbolt files when
// Config.Backend is empty.
func boltFamilyBackend() string {
	if DefaultBackend == BackendBolt {
		return BackendBolt
	}
	return BackendBBolt
}

// family maps backends that share a file format to one name.
func family(backend string) string {
	if backend == BackendBBolt {
		return BackendBolt
	}
	return backend
}

// boltFile is the file of a bolt/bbolt store, as laid out by cayley.
func boltFile(dir string) string { return filepath.Join(dir, "indexes.bolt") }

func prepareDir(path string, create bool) error {
	if create {
		return os.MkdirAll(path, 0o700)
	}
	return nil
}

func openBolt(path string, cfg Config, create bool) (hkv.KV, error) {
	if err := prepareDir(path, create); err != nil {
		return nil, err
	}
	file := boltFile(path)
	if !create {
		if _, err := os.Stat(file); err != nil {
			return nil, ErrNotExist
		}
	}
	db, err := hbolt.Open(file, &boltdb.Options{Timeout: cfg.LockTimeout, ReadOnly: cfg.ReadOnly})
	if err != nil {
		return nil, err
	}
	db.DB().NoSync = cfg.NoSync
	db.DB().NoGrowSync = cfg.NoSync
	return db, nil
}

func openBBolt(path string, cfg Config, create bool) (hkv.KV, error) {
	if err := prepareDir(path, create); err != nil {
		return nil, err
	}
	file := boltFile(path)
	if !create {
		if _, err := os.Stat(file); err != nil {
			return nil, ErrNotExist
		}
	}
	db, err := hbbolt.Open(file, &bbolt.Options{
		Timeout:    cfg.LockTimeout,
		ReadOnly:   cfg.ReadOnly,
		NoSync:     cfg.NoSync,
		NoGrowSync: cfg.NoSync,
	})
	if err != nil {
		return nil, err
	}
	return db, nil
}

func openLevelDB(path string, cfg Config, create bool) (hkv.KV, error) {
	if err := prepareDir(path, create); err != nil {
		return nil, err
	}
	db, err := hleveldb.Open(path, &lopt.Options{
		ReadOnly:       cfg.ReadOnly,
		ErrorIfMissing: !create,
	})
	if err != nil {
		return nil, err
	}
	db.SetWriteOptions(&lopt.WriteOptions{Sync: !cfg.NoSync})
	return flat.Upgrade(db), nil
}

func openBadger(path string, cfg Config, create bool) (hkv.KV, error) {
	if err := prepareDir(path, create); err != nil {
		return nil, err
	}
	opt := badgerOptions(path, cfg)
	db, err := openBadgerKV(opt)
	if err != nil {
		return nil, err
	}
	db.pipelined = cfg.PipelinedCommits && !cfg.ReadOnly
	if badgerOpened != nil {
		badgerOpened(db)
	}
	return badgerHKV{flat.Upgrade(db), db}, nil
}

// badgerHKV is an opened badger database as cayley uses it, with our
// adapter beneath (for Store.Behind).
type badgerHKV struct {
	hkv.KV
	raw *badgerKV
}

// badgerOpened, when set (tests), is called with each badger database
// Open opens.
var badgerOpened func(*badgerKV)

// Badger memory options. Measured on the ingest of all 21,578
// Reuters-21578 stories (1,985,050 quads, 836 MiB store; see "Badger memory
// options" in BENCHMARKS.md): with badger's defaults the peak RSS was
// 1.1 GiB and grew with the store, since every SST table and value-log
// file badger reads is memory-mapped and its pages stay resident.
const (
	// badgerTableSize is the size of SST tables and of each memtable
	// (badger v2 derives both from MaxTableSize). Each memtable is a Go
	// heap arena of 1.3 times that size (42 MiB instead of 84 MiB),
	// allocated even by read-only opens; with pread, ingest ran 7%
	// faster than with 64 MiB (fewer, smaller arenas and table
	// builders to zero and collect). Its cost: badger caps a
	// transaction at 0.15*size/96 entries, 52,428 here; ingest's largest
	// transaction (8,000 quads) held 37,223 entries (4.7 per quad), so a
	// single transaction can hold about 11,000 quads (22,000 with 64 MiB).
	badgerTableSize = 32 << 20
	// badgerMemtables bounds the memtables waiting for their flush to
	// disk (default 5, i.e. up to 6 arenas in a write burst). Flushing
	// keeps up with ingest; no slowdown measured.
	badgerMemtables = 2
)

// badgerOptions are the options of the badger stores Open opens.
func badgerOptions(path string, cfg Config) badger.Options {
	// Read-only opens (queries, the console without --allow-ingest)
	// memory-map the store: point reads stay in user space, and on all
	// Reuters-21578 stories the cold contested listing took 35 ms (p50)
	// with mmap against 105 ms with pread on an otherwise idle machine.
	// Writable opens (ingest) read with pread, for the memory bound below.
	loading := options.FileIO
	if cfg.ReadOnly {
		loading = options.MemoryMap
	}
	return badger.DefaultOptions(path).
		WithSyncWrites(!cfg.NoSync).
		WithReadOnly(cfg.ReadOnly).
		WithLogger(nil).
		// Writable opens read SST tables and value-log files with pread
		// instead of mmap: the kernel still caches them, but its page
		// cache no longer counts in our RSS, so RSS is the Go heap plus
		// the binary and no longer grows with the store (full Reuters
		// ingest: mapped files 39 instead of 470 MiB, the rest being SST
		// tables; peak RSS 1,135-1,164 -> 694-717 MiB). The price is a
		// pread and a 4 KiB Go buffer per block read, where mmap reads
		// in place: ingest reads the store (duplicate checks, contested
		// claims across articles), and at the 640 MiB Go heap limit
		// tokens/s dropped 13-14% (medians of 3-7 interleaved runs;
		// 6-11% with an 800 MiB limit, peak RSS 840-860 MiB). A badger
		// block cache did not win it back (32-128 MiB: as slow or
		// slower; compaction churns it and it adds to the heap), nor
		// did 16 KiB blocks or fewer level-0 tables.
		WithTableLoadingMode(loading).
		WithValueLogLoadingMode(loading).
		WithMaxTableSize(badgerTableSize).
		WithNumMemtables(badgerMemtables).
		// A kill in the middle of a commit can leave the value log's last
		// transaction torn: badger then refuses to open the store
		// (ErrTruncateNeeded) unless it may cut that tail off. The cut
		// loses only the transaction that never finished (a commit
		// returns after its whole write; with SyncWrites, after its
		// fsync), so a writable open cuts it, and the re-run of an
		// interrupted ingest stores that batch again. A read-only open
		// cannot, and says how to repair (classify).
		WithTruncate(!cfg.ReadOnly).
		// Store serializes writes (cayley's kv quad store holds a
		// writer mutex across each transaction), so badger's conflict
		// detection can never fire; without it, a write transaction no
		// longer records a fingerprint of every key it reads (cayley
		// reads thousands per batch) and the oracle keeps no list of
		// committed transactions for readers still open.
		WithDetectConflicts(false)
}

// classify adds ErrLocked or ErrCorrupt to errors of the embedded
// backends that mean so.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotExist), errors.Is(err, ErrLocked), errors.Is(err, ErrCorrupt):
		return err
	case errors.Is(err, badger.ErrTruncateNeeded), errors.Is(err, badger.ErrReplayNeeded),
		// badger formats the replay error into its message
		strings.Contains(err.Error(), badger.ErrReplayNeeded.Error()):
		return fmt.Errorf("%w: the store's last write was interrupted (a kill or a crash during an ingest); "+
			"open it once for writing, by re-running the ingest, to drop the unfinished transaction", err)
	case errors.Is(err, boltdb.ErrTimeout), errors.Is(err, bbolt.ErrTimeout),
		errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EAGAIN),
		strings.Contains(err.Error(), "Cannot acquire directory lock"), // badger
		strings.Contains(err.Error(), "resource temporarily unavailable"):
		return fmt.Errorf("%w: %w", ErrLocked, err)
	case errors.Is(err, boltdb.ErrInvalid), errors.Is(err, boltdb.ErrVersionMismatch), errors.Is(err, boltdb.ErrChecksum),
		errors.Is(err, bbolt.ErrInvalid), errors.Is(err, bbolt.ErrVersionMismatch), errors.Is(err, bbolt.ErrChecksum),
		lerrors.IsCorrupted(err):
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return err
}

var (
	pgPassword    = regexp.MustCompile(`(?i)(password\s*=\s*)('[^']*'|\S+)`)
	urlUserinfoPW = regexp.MustCompile(`(://[^:/@\s]*:)[^@/\s]*@`)
)

// redactPasswords removes passwords from PostgreSQL connection strings
// (URL and key=value forms) in s.
func redactPasswords(s string) string {
	s = urlUserinfoPW.ReplaceAllString(s, "${1}xxxxx@")
	return pgPassword.ReplaceAllString(s, "${1}xxxxx")
}

// describe names the store in error messages, without the password of a
// PostgreSQL connection string.
func describe(cfg Config) string {
	p := cfg.Path
	if cfg.Backend == BackendPostgres {
		p = redactPasswords(p)
	}
	if p == "" {
		return cfg.Backend + " store"
	}
	return fmt.Sprintf("%s store %q", cfg.Backend, p)
}
