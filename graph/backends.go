package graph

// Every cayley backend, query language and quad writer that claimgraph can
// use is registered here, and only here.
import (
	"fmt"
	"log"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	hbadger "github.com/hidal-go/hidalgo/kv/flat/badger"

	// Embedded key-value backends: hidalgo's bolt, bbolt, leveldb, badger,
	// btree and pebble, re-registered in cayley by its kv package; kv/bolt
	// replaces the bolt registration with cayley's <dir>/indexes.bolt
	// layout. (Open opens bolt, bbolt, leveldb and badger itself; the
	// registrations serve cayley code that goes through the registry.)
	_ "github.com/cayleygraph/cayley/graph/kv/all"
	// bbolt is skipped by kv's automatic re-registration; this package
	// registers it with the same layout as bolt.
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	// In-memory store ("memstore", volatile).
	_ "github.com/cayleygraph/cayley/graph/memstore"
	// PostgreSQL backend ("postgres", lib/pq driver).
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	// Gizmo, cayley's JavaScript query language ("gizmo"). Its builtins can
	// panic in a goroutine of their own on bad arguments; Query screens
	// scripts for those first (guard.go).
	_ "github.com/cayleygraph/cayley/query/gizmo"
	// The "single" quad writer used by Open.
	_ "github.com/cayleygraph/cayley/writer"
)

func init() {
	// cayley's kv package copies hidalgo's backends into cayley's registry
	// in its own init, so it only sees the hidalgo backends initialized
	// before it. With Go's package initialization order (Go >= 1.21:
	// dependencies first, then by import path) hidalgo's badger and pebble
	// come after cayley's kv in this program, and "badger" would be
	// missing from cayley's registry. Register it here (same semantics as
	// cayley's kv package: the database is a directory).
	if !cgraph.IsRegistered(hbadger.Name) {
		open := func(path string, _ cgraph.Options) (hkv.KV, error) {
			db, err := hbadger.OpenPath(path)
			if err != nil {
				return nil, err
			}
			return flat.Upgrade(db), nil
		}
		ckv.Register(hbadger.Name, ckv.Registration{NewFunc: open, InitFunc: open, IsPersistent: true})
	}
	// cayley's SQL backend logs the full connection string, password
	// included, when it cannot connect.
	clog.SetLogger(&redactingLogger{})
}

// redactingLogger is cayley's default logger (the standard log package)
// with PostgreSQL passwords removed from the messages.
type redactingLogger struct{ verbosity int }

func (l *redactingLogger) out(prefix, format string, args ...interface{}) string {
	return prefix + redactPasswords(fmt.Sprintf(format, args...))
}

func (l *redactingLogger) Infof(format string, args ...interface{}) {
	log.Print(l.out("", format, args...))
}

func (l *redactingLogger) Warningf(format string, args ...interface{}) {
	log.Print(l.out("WARN: ", format, args...))
}

func (l *redactingLogger) Errorf(format string, args ...interface{}) {
	log.Print(l.out("ERROR: ", format, args...))
}

func (l *redactingLogger) Fatalf(format string, args ...interface{}) {
	log.Fatal(l.out("FATAL: ", format, args...))
}

func (l *redactingLogger) V(level int) bool { return l.verbosity >= level }

func (l *redactingLogger) SetV(level int) { l.verbosity = level }
