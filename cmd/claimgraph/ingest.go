package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/claimgraph/claimgraph/explore"
	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/linker"
	"github.com/claimgraph/claimgraph/schema"
	"github.com/claimgraph/claimgraph/server"
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read articles (files, directories, archives) into the graph store",
		ArgsUsage: "PATH... (- = standard input)",
		Description: `Reads articles and stores their entities, claims and relations. Formats are detected from
the name and the content (--format forces one):
   .txt .md          one article (the first non-empty line is the headline)
   .html .htm        one article: main text, headline, date, author, canonical URL
   .jsonl .ndjson    one article a line: {"id","text"|"body"|"content","title","date","url","source","author"}
   .json             the same, or an array of such objects
   .csv              one article a row, with a header row naming the same fields
   .sgm              Reuters-21578 SGML: one article per <REUTERS> record
   .warc .warc.gz    web archive: every HTML page (HTTP 200) is an article
   .gz .zst .tar .tgz .tar.gz .zip   unpacked (nested too), members read by name
Directories are walked recursively; other field names: --text-field, --title-field, ...

An article is stored whole or not at all, several per transaction (an article of book length,
more quads than --batch-quads, is written in several transactions, its article node last: it
counts as stored only then, and a re-run completes it). Articles are keyed by their
id (or URL, or else a hash of the text) and the hash of their normalised text: what is already
stored is skipped, so ingesting the same files again adds nothing, and a run that was stopped
(even with kill -9) finishes the job when run again. The same text found again (another file,
another URL) is stored once, with every place it was found recorded as cg:foundIn.
A bad record is reported with its file and record number and the run goes on (--strict stops);
the exit status is 1 when any record failed.

An empty badger store (the default backend) is bulk loaded: its quads are sorted on disk (in
the store's directory, about 270 bytes a quad while the load runs) and go straight into sorted
tables instead of through cayley's transactions, in half the time on Reuters-21578
(graph/BENCHMARKS.md); its memory does not grow with the archive. A bulk load that is killed
leaves a store that is refused until the ingest is run again, which loads it again from the
start; Ctrl-C ends it with what was read. --bulk-disk bounds its temporary files (the load then
ends there and the rest of the run goes through transactions). --no-bulk uses transactions from
the start (a killed run then keeps every transaction it committed).

Example:
   claimgraph --db claimgraph.db ingest examples/articles
   claimgraph ingest --workers 2 ../shared/data/reuters21578/sgml/reut2-*.sgm
   zcat feed.jsonl.gz | claimgraph ingest --format jsonl --text-field story -`,
		Flags: ingestFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("ingest needs at least one file or directory (see --help)")
			}
			cfg, err := ingestConfig(c)
			if err != nil {
				return err
			}
			if err := setGoMemory(c.String("memory-limit"), c.Int("gc-percent")); err != nil {
				return err
			}
			files, err := ingest.Walk(c.Args().Slice())
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if u := c.String("server"); u != "" {
				// The embedded store cannot be opened by two processes: send
				// the articles to a running `claimgraph serve --allow-ingest`.
				res, err := server.IngestFiles(ctx, u, c.String("token"), files, cfg.Read, c.Int("batch-articles"),
					func(err error) { fmt.Fprintln(c.App.ErrWriter, "claimgraph:", err) })
				fmt.Fprintln(c.App.Writer, res.Summary())
				return err
			}
			gcfg := graph.Config{Backend: c.String("backend"), Path: c.String("db"), NoSync: c.Bool("nosync")}
			bulk, err := bulkOptions(c)
			if err != nil {
				return err
			}
			res, err := runIngest(ctx, files, gcfg, cfg, bulk, c.App.ErrWriter, progressMode(c))
			if res != nil {
				fmt.Fprintln(c.App.Writer, res.Summary())
			}
			if err != nil {
				return err
			}
			if n := res.Stats.Failed.Load(); n > 0 {
				return fmt.Errorf("%d record(s) or file(s) failed (see above)", n)
			}
			return nil
		},
	}
}

func ingestFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "workers", Value: 0, Usage: "extraction workers (0 = number of cores)"},
		&cli.StringFlag{Name: "server", Usage: "send the articles to `URL` (a claimgraph serve --allow-ingest) instead of the store"},
		&cli.StringFlag{Name: "token", EnvVars: []string{"CLAIMGRAPH_TOKEN"}, Usage: "the token claimgraph serve --allow-ingest printed"},
		&cli.StringFlag{Name: "format", Value: "auto", Usage: "input format: auto, text, html, jsonl, csv, sgml, warc (containers are always unpacked)"},
		&cli.StringFlag{Name: "id-field", Usage: "JSON/CSV field(s) holding the article id (comma-separated; default id)"},
		&cli.StringFlag{Name: "text-field", Usage: "field(s) holding the text (default text,body,content)"},
		&cli.StringFlag{Name: "title-field", Usage: "field(s) holding the headline (default title,headline)"},
		&cli.StringFlag{Name: "date-field", Usage: "field(s) holding the date (default date,published)"},
		&cli.StringFlag{Name: "url-field", Usage: "field(s) holding the URL (default url,link)"},
		&cli.StringFlag{Name: "source-field", Usage: "field(s) holding the source (default source,publisher)"},
		&cli.StringFlag{Name: "author-field", Usage: "field(s) holding the author (default author,byline)"},
		&cli.BoolFlag{Name: "strict", Usage: "stop at the first bad record"},
		&cli.IntFlag{Name: "limit", Usage: "read at most `N` articles (0 = all)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress output"},
		&cli.DurationFlag{Name: "progress-every", Value: 10 * time.Second, Usage: "period of the progress lines when stderr is not a terminal"},
		&cli.IntFlag{Name: "batch-articles", Value: ingest.DefaultBatchArticles, Usage: "most articles per store transaction"},
		&cli.IntFlag{Name: "batch-quads", Value: ingest.DefaultBatchSize, Usage: "most quads per store transaction (a larger article, of book length, is written in several, its article node last)"},
		&cli.Int64Flag{Name: "max-bytes", Value: ingest.DefaultMaxBytes, Usage: "largest article or record read, in bytes"},
		&cli.BoolFlag{Name: "no-bulk", Usage: "write an empty badger store through cayley's transactions too, instead of bulk loading it (see --help)"},
		&cli.StringFlag{Name: "bulk-disk", Value: "off", Usage: "temporary disk space of a bulk load (about 270 bytes a quad, in the store's directory) at which it ends and the rest of the run is written through transactions; off = no bound"},
		&cli.BoolFlag{Name: "nosync", Usage: "no fsync after each transaction (faster; safe against kill -9, not against power loss)"},
		&cli.StringFlag{Name: "memory-limit", Value: defaultMemoryLimit, Usage: "soft limit of the Go heap (as GOMEMLIMIT, which takes precedence); off = none"},
		&cli.IntFlag{Name: "gc-percent", Usage: "garbage collection target percentage (as GOGC, which takes precedence; 0: 100 during a bulk load, 50 otherwise)"},
	}
}

// bulkOptions are the options of --no-bulk and --bulk-disk (nil: no bulk
// load).
func bulkOptions(c *cli.Context) (*graph.BulkOptions, error) {
	if c.Bool("no-bulk") {
		return nil, nil
	}
	s := strings.TrimSpace(c.String("bulk-disk"))
	if s == "" || s == "off" || s == "0" {
		return &graph.BulkOptions{}, nil
	}
	n, err := parseBytes(s)
	if err != nil {
		return nil, fmt.Errorf("--bulk-disk %q: want a size such as 20GiB, or off", s)
	}
	return &graph.BulkOptions{MaxDisk: n}, nil
}

// defaultMemoryLimit keeps the Go heap of an ingest (mostly cayley's
// bloom filters, a few hundred MB whatever the archive, and garbage) well
// under 1 GiB: without it the garbage collector lets the heap grow to
// twice what is live. Measured with pipelined commits on the first half
// of Reuters-21578 (10 files, 3 alternated rounds, graph/BENCHMARKS.md):
// 640 MiB 24.1-25.6 s at 694-728 MB peak RSS, 720 MiB -2 to -5% at
// 776-792 MB, 760 MiB -6 to -7% at 817-836 MB.
const defaultMemoryLimit = "760MiB"

// defaultGCPercent is the ingest's GOGC when it writes through
// transactions. With Go's 100 the heap grew
// to the memory limit between collections (live 380-480 MiB, goal ~710
// MiB at 760 MiB): the runtime then returned freed pages to the kernel
// on the allocation path (3.8% of the CPU in madvise) and faulted them
// back in while zeroing badger's table buffers (memclr 9.3%). At 50 the
// heap stays below the limit; the collector runs more often, for less
// than that costs. Alternated runs of `claimgraph bench --scales S
// --no-prose` (graph/BENCHMARKS.md): half of Reuters-21578 32.4/34.7 s
// at 100, 27.2/27.2 s at 50 (30 and 40 no better: 27.9/31.9 and
// 31.9/27.8 s); all of it 77.7/70.8 s at 100, 68.6/57.6 s at 50; peak
// RSS 798-846 MiB either way.
const defaultGCPercent = 50

// bulkGCPercent is the ingest's GOGC during a bulk load, whose heap holds
// no bloom filters (~300 MB less) and stays well below the memory limit
// until its tables are large. Alternated runs (graph/BENCHMARKS.md): all
// Reuters-21578 stories 35.1/33.5 s at 50, 32.7/28.8 s at 100; three
// copies of them (60,055 articles, all bulk loaded) 89.7 s at 50, 78.5 s
// at 100; peak RSS 800-819 MiB either way on the copies.
const bulkGCPercent = 100

// autoGC is set when neither GOGC nor --gc-percent chose the GC
// percentage: the ingest then uses bulkGCPercent during a bulk load and
// defaultGCPercent otherwise (setGCFor).
var autoGC bool

func setGCFor(bulk bool) {
	if !autoGC {
		return
	}
	if bulk {
		debug.SetGCPercent(bulkGCPercent)
	} else {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// setGoMemory applies --memory-limit unless GOMEMLIMIT is set, and
// --gc-percent unless GOGC is set.
func setGoMemory(s string, gcPercent int) error {
	if os.Getenv("GOGC") == "" {
		if gcPercent > 0 {
			debug.SetGCPercent(gcPercent)
		} else {
			autoGC = true
			setGCFor(false)
		}
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	s = strings.TrimSpace(s)
	if s == "" || s == "off" || s == "0" {
		return nil
	}
	n, err := parseBytes(s)
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	debug.SetMemoryLimit(n)
	return nil
}

// parseBytes reads "640MiB", "1GiB", "512MB", "1.5G", "1000000".
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}}
	l := strings.ToLower(s)
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(l, u.suffix) {
			l, mult = strings.TrimSpace(strings.TrimSuffix(l, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(l, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("bad size %q (for example 640MiB)", s)
	}
	return int64(f * mult), nil
}

func ingestConfig(c *cli.Context) (ingest.Config, error) {
	format, err := ingest.ParseFormat(c.String("format"))
	if err != nil {
		return ingest.Config{}, err
	}
	list := func(name string) []string {
		var out []string
		for _, s := range strings.Split(c.String(name), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return ingest.Config{
		Workers: c.Int("workers"),
		Limit:   c.Int("limit"),
		Read: ingest.ReadOptions{
			Format:   format,
			MaxBytes: c.Int64("max-bytes"),
			Fields: ingest.Fields{
				ID: list("id-field"), Text: list("text-field"), Title: list("title-field"),
				Date: list("date-field"), URL: list("url-field"), Source: list("source-field"),
				Author: list("author-field"),
			},
		},
		Strict:        c.Bool("strict"),
		BatchArticles: c.Int("batch-articles"),
		BatchSize:     c.Int("batch-quads"),
	}, nil
}

// progress modes
type progress struct {
	quiet    bool
	terminal bool
	every    time.Duration
}

func progressMode(c *cli.Context) progress {
	p := progress{quiet: c.Bool("quiet"), every: c.Duration("progress-every")}
	if f, ok := c.App.ErrWriter.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.terminal = true
	}
	return p
}

// ingestResult is what a run did.
type ingestResult struct {
	Stats   *ingest.Stats
	Elapsed time.Duration
	// Skipped are the quads not sent to the store because this run had
	// stored them already (entity descriptions).
	Skipped int64
}

// Summary is the final line of `claimgraph ingest`.
func (r *ingestResult) Summary() string {
	s := r.Stats
	line := fmt.Sprintf("ingested %d articles (%d already stored), %d entities, %d claims, %d relations, %d quads in %.2fs",
		s.Articles.Load(), s.Stored.Load(), s.Entities.Load(), s.Claims.Load(), s.Relations.Load(),
		s.Units.Load()-r.Skipped, r.Elapsed.Seconds())
	var extra []string
	if n := s.Duplicates.Load(); n > 0 {
		extra = append(extra, fmt.Sprintf("%d duplicates (stored once, sources recorded)", n))
	}
	if n := s.Failed.Load(); n > 0 {
		extra = append(extra, fmt.Sprintf("%d failed", n))
	}
	if len(extra) > 0 {
		line += "; " + strings.Join(extra, ", ")
	}
	return line
}

// runIngest opens the store, ingests the files and closes the store. It
// returns the result even when the run failed (what was stored is
// stored).
// runIngest ingests files into the store of gcfg; bulk, when not nil, bulk
// loads a fresh badger store (openGraphStore).
func runIngest(ctx context.Context, files []string, gcfg graph.Config, cfg ingest.Config, bulk *graph.BulkOptions, errw io.Writer, pm progress) (*ingestResult, error) {
	// The next batch's cayley work overlaps badger's write of the last
	// one; a failure found late stops the run (ingest.ErrStoreLost) and
	// Close reports one in the last batch. The run fails either way and a
	// re-run stores what is missing.
	gcfg.PipelinedCommits = true
	st, err := openGraphStore(ctx, gcfg, bulk)
	if err != nil {
		return nil, err
	}
	st.maxTxn = cfg.BatchSize
	if st.maxTxn <= 0 {
		st.maxTxn = ingest.DefaultBatchSize
	}
	x, err := ingest.NewExtractor()
	if err != nil {
		st.Close()
		return nil, err
	}
	stats := new(ingest.Stats)
	rep := newReporter(errw, stats, pm)
	st.note = rep.line
	cfg.Bad = func(err error) { rep.line("claimgraph: " + err.Error()) }
	cfg.Warn = func(err error) { rep.line("claimgraph: warning: " + err.Error()) }
	start := time.Now()
	rep.start(start)
	err = ingest.Ingest(ctx, files, x, st, cfg, stats)
	rep.stop()
	if cerr := st.Close(); cerr != nil && err == nil {
		err = cerr
	}
	return &ingestResult{Stats: stats, Elapsed: time.Since(start), Skipped: st.skipped.Load()}, err
}

// graphStore is the ingest.Store of claimgraph: articles as quads
// (schema.Quads) in a graph.Store, the places where each copy of an
// article was found as cg:foundIn literals on the article.
type graphStore struct {
	cfg graph.Config
	// fresh is set when the store held no quads when opened: no article
	// of this run can be in it but those the run writes itself (and those
	// ingest.Ingest keeps track of), so lookups are skipped.
	fresh bool

	mu sync.RWMutex // held exclusively by Recover (which reopens st)
	st *graph.Store

	// bulk, when set, is the bulk load of a fresh badger store
	// (graph.Bulk): Write goes to it instead of st until it is full or
	// the run ends (finishBulk). Its reads wait for the end of the load:
	// the contested propositions across articles are then found from
	// bulkDenials (finishBulk), which are every denial with keys the
	// load stored.
	bulk        *graph.Bulk
	bulkDenials []*linker.Article
	bulkLoaded  int64 // quads stored by the bulk load
	// note, when set, receives a line about the end of a bulk load that
	// came before the end of the run.
	note func(string)

	// described holds the default-graph quads (entity descriptions: type,
	// name, aliases) this run has stored, so that the articles naming an
	// entity again do not send them to cayley again (which would look each
	// one up in its indexes). Only Write uses it (one goroutine).
	described described
	skipped   atomic.Int64 // quads of written batches left out as described

	// deniedKeys are the proposition keys of the denials this run stored:
	// in a fresh store, all of its denials (explore.ContestedAcrossKnown).
	// Denials are few: 1,209 keys (1,282 cg:deniedIn quads, against
	// 226,707 cg:affirmedIn) for all Reuters-21578 stories.
	deniedKeys map[string]bool

	// recent are the articles of the last Write (see Store.Behind).
	recent []*linker.Article

	// maxTxn is the most quads per transaction (ingest's batch size);
	// more, from one article alone, are split (writeTxns).
	maxTxn int
}

// described is a set of quads by their 128-bit FNV-1a hash, emptied when
// it reaches maxDescribed entries (about 40 MB): forgetting only costs
// cayley's duplicate check.
type described map[[2]uint64]struct{}

const maxDescribed = 1 << 20

func describedKey(q quad.Quad) [2]uint64 {
	h := fnv.New128a()
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
		io.WriteString(h, quad.ToString(v))
		h.Write([]byte{0})
	}
	var sum [16]byte
	h.Sum(sum[:0])
	return [2]uint64{binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:])}
}

type quadUnit []quad.Quad

func (u quadUnit) Size() int { return len(u) }

// articleUnit is an extracted article's quads, with the article for the
// contested propositions it forms with others (explore.ContestedAcross).
type articleUnit struct {
	quads []quad.Quad
	art   *linker.Article
}

func (u articleUnit) Size() int { return len(u.quads) }

// openGraphStore opens the store of an ingest. With bulk, a badger store
// that holds nothing is bulk loaded (graph.Bulk), and so is one whose bulk
// load was interrupted (whatever bulk says: it is loaded again from
// nothing, since the load never finished).
func openGraphStore(ctx context.Context, cfg graph.Config, bulk *graph.BulkOptions) (*graphStore, error) {
	schema.Register()
	if graph.CanBulk(cfg) && (bulk != nil || graph.BulkIncomplete(cfg.Path)) {
		var opts graph.BulkOptions
		if bulk != nil {
			opts = *bulk
		}
		b, err := graph.OpenBulk(ctx, cfg, opts)
		if err == nil {
			setGCFor(true)
			return &graphStore{cfg: cfg, bulk: b, fresh: true}, nil
		}
		if !errors.Is(err, graph.ErrNotFresh) {
			return nil, err
		}
	}
	st, err := graph.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	n, err := st.QuadCount(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &graphStore{cfg: cfg, st: st, fresh: n == 0}, nil
}

func (g *graphStore) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.bulk != nil {
		if err := g.finishBulk(context.Background(), false); err != nil {
			return err
		}
	}
	return g.st.Close()
}

// finishBulk ends the bulk load (graph.Bulk.Finish), then writes the
// contested propositions across articles that its denials form, as the
// ordinary writes would have found them batch by batch: each denial with
// the stored affirmations sharing two of its keys (ContestedAcrossKnown
// with the denials as a batch: a denial reads the affirmations under its
// keys; two claims of one stance never contest). Only then is the load
// done (graph.BulkDone): a kill before leaves it incomplete, and the
// re-run loads it again. The store is then st, for the writes that follow.
// The caller holds g.mu.
func (g *graphStore) finishBulk(ctx context.Context, more bool) error {
	// Ctrl-C during the finish would lose the whole load: it completes.
	ctx = context.WithoutCancel(ctx)
	b := g.bulk
	g.bulk = nil
	g.bulkLoaded += b.Quads()
	st, err := b.Finish(ctx, more)
	if err != nil {
		return err
	}
	setGCFor(false)
	g.st = st
	across, err := explore.ContestedAcrossKnown(ctx, st, g.bulkDenials, nil, nil)
	if err == nil {
		err = g.writeTxns(ctx, across)
	}
	if err == nil {
		err = graph.BulkDone(g.cfg.Path)
	}
	if err != nil {
		st.Close()
		g.st = nil
		return err
	}
	g.bulkDenials = nil
	g.recent = nil
	return nil
}

func (g *graphStore) has(ctx context.Context, s, p, o quad.Value) (bool, error) {
	return g.st.Has(ctx, s, p, o)
}

// recorded reports whether all of a's sources are on the article iri.
func (g *graphStore) recorded(ctx context.Context, iri quad.IRI, a *ingest.Article) (bool, error) {
	for _, s := range a.Sources() {
		ok, err := g.has(ctx, iri, schema.FoundIn, quad.String(s))
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func (g *graphStore) Lookup(ctx context.Context, a *ingest.Article, dupOf string) (ingest.Status, error) {
	if dupOf != "" {
		if g.fresh {
			return ingest.Status{State: ingest.Duplicate, Of: dupOf}, nil
		}
		g.mu.RLock()
		defer g.mu.RUnlock()
		rec, err := g.recorded(ctx, schema.ArticleIRI(dupOf), a)
		return ingest.Status{State: ingest.Duplicate, Of: dupOf, Recorded: rec}, err
	}
	if g.fresh {
		return ingest.Status{State: ingest.New, ID: a.ID}, nil
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	id := a.ID
	for try := 0; try < 2; try++ {
		iri := schema.ArticleIRI(id)
		same, err := g.has(ctx, iri, schema.Hash, quad.String(a.Hash))
		if err != nil {
			return ingest.Status{}, err
		}
		if same {
			rec, err := g.recorded(ctx, iri, a)
			return ingest.Status{State: ingest.Stored, ID: id, Recorded: rec}, err
		}
		taken, err := g.has(ctx, iri, schema.Type, schema.Article)
		if err != nil {
			return ingest.Status{}, err
		}
		if !taken {
			break
		}
		// Another text is stored under this ID: this one gets the hash
		// appended (as ingest's keyer does within a run).
		id = a.ID + "~" + a.Hash[:12]
	}
	of, err := g.byHash(ctx, a.Hash)
	if err != nil {
		return ingest.Status{}, err
	}
	if of != "" {
		rec, err := g.recorded(ctx, schema.ArticleIRI(of), a)
		return ingest.Status{State: ingest.Duplicate, Of: of, Recorded: rec}, err
	}
	return ingest.Status{State: ingest.New, ID: id}, nil
}

// byHash returns the ID of a stored article with this content hash.
func (g *graphStore) byHash(ctx context.Context, hash string) (string, error) {
	res, err := g.st.Query(ctx, "gizmo", fmt.Sprintf(`g.V(%q).In("<cg:hash>").all()`, hash), 10)
	if err != nil {
		return "", err
	}
	var best string
	for _, r := range res {
		m, ok := r.(map[string]interface{})
		if !ok {
			continue
		}
		s, _ := m["id"].(string)
		if id, ok := articleID(s); ok && (best == "" || id < best) {
			best = id
		}
	}
	return best, nil
}

// articleID turns an article IRI as returned by a query
// ("<https://claimgraph.org/article/x>" or "<art:x>") back into an ID,
// such that schema.ArticleIRI(id) is that IRI.
func articleID(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	var full string
	for _, ns := range schema.Namespaces {
		if ns.Prefix == "art:" {
			full = ns.Full
		}
	}
	switch {
	case full != "" && strings.HasPrefix(s, full):
		s = s[len(full):]
	case strings.HasPrefix(s, "art:"):
		s = s[len("art:"):]
	default:
		return "", false
	}
	// undo schema's escaping (%XX of characters not allowed in IRIs)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var v byte
			if _, err := fmt.Sscanf(s[i+1:i+3], "%02X", &v); err == nil && (v <= ' ' || strings.IndexByte(`<>"{}|^`+"`\\", v) >= 0) {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), true
}

func (g *graphStore) sourceQuads(iri quad.IRI, a *ingest.Article) []quad.Quad {
	var qs []quad.Quad
	for _, s := range a.Sources() {
		qs = append(qs, quad.Quad{Subject: iri, Predicate: schema.FoundIn, Object: quad.String(s), Label: iri})
	}
	return qs
}

func (g *graphStore) Encode(a *ingest.Article, l *linker.Article) (ingest.Unit, error) {
	qs := schema.Quads(l, metaOf(*a))
	return articleUnit{append(qs, g.sourceQuads(schema.ArticleIRI(a.ID), a)...), l}, nil
}

func (g *graphStore) Sources(a *ingest.Article, of string) (ingest.Unit, error) {
	return quadUnit(g.sourceQuads(schema.ArticleIRI(of), a)), nil
}

func (g *graphStore) Write(ctx context.Context, units []ingest.Unit) error {
	n := 0
	for _, u := range units {
		n += u.Size()
	}
	all := make([]quad.Quad, 0, n)
	var arts []*linker.Article
	newDescribed := map[[2]uint64]struct{}{} // this batch's, stored when it is
	for _, u := range units {
		switch u := u.(type) {
		case quadUnit:
			all = append(all, u...)
		case articleUnit:
			for _, q := range u.quads {
				if q.Label == nil {
					k := describedKey(q)
					_, old := g.described[k]
					if _, again := newDescribed[k]; old || again {
						continue
					}
					newDescribed[k] = struct{}{}
				}
				all = append(all, q)
			}
			arts = append(arts, u.art)
		}
	}
	if g.bulk != nil {
		if err := g.writeBulk(ctx, all, arts, n); err != nil {
			return err
		}
		g.noteDescribed(newDescribed)
		return nil
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	// Contested propositions with the articles stored before, in the same
	// transaction as the claims.
	var denied func(string) bool
	if g.fresh {
		// Every denial of the store is one this run wrote.
		denied = func(k string) bool { return g.deniedKeys[k] }
	}
	// The reads do not wait for the last batch to be applied (Behind);
	// its articles are matched from memory.
	rd, err := g.st.Behind()
	if err != nil {
		return err
	}
	across, err := explore.ContestedAcrossKnown(ctx, rd, arts, g.recent, denied)
	if err != nil {
		return err
	}
	if err := g.writeTxns(ctx, append(all, across...)); err != nil {
		if errors.Is(err, graph.ErrEarlierCommit) {
			return fmt.Errorf("%w: %w", ingest.ErrStoreLost, err)
		}
		return err
	}
	g.recent = arts
	if g.fresh {
		g.noteDenials(arts)
	}
	g.noteDescribed(newDescribed)
	g.skipped.Add(int64(n - len(all)))
	return nil
}

// noteDenials adds the keys of the written articles' denials to
// g.deniedKeys (a fresh store's denials are all the run's) and, during a
// bulk load, keeps those denials for finishBulk.
func (g *graphStore) noteDenials(arts []*linker.Article) {
	if g.deniedKeys == nil {
		g.deniedKeys = map[string]bool{}
	}
	for _, a := range arts {
		var ds []linker.Claim
		for i := range a.Claims {
			if c := &a.Claims[i]; c.Stance == linker.Deny && len(c.Keys) > 0 {
				ds = append(ds, *c)
				for _, k := range c.Keys {
					g.deniedKeys[k] = true
				}
			}
		}
		if g.bulk != nil && len(ds) > 0 {
			g.bulkDenials = append(g.bulkDenials, &linker.Article{ID: a.ID, Claims: ds})
		}
	}
}

// noteDescribed adds the entity descriptions of a written batch to
// g.described.
func (g *graphStore) noteDescribed(newDescribed map[[2]uint64]struct{}) {
	if g.described == nil || len(g.described)+len(newDescribed) > maxDescribed {
		g.described = make(described, len(newDescribed))
	}
	for k := range newDescribed {
		g.described[k] = struct{}{}
	}
}

// writeBulk is Write during a bulk load: the quads go to the load, the
// denials with keys are kept for finishBulk, and a full load is finished
// (the next batches are written to the store as usual).
func (g *graphStore) writeBulk(ctx context.Context, all []quad.Quad, arts []*linker.Article, n int) error {
	if err := g.bulk.Write(ctx, all); err != nil {
		return err
	}
	g.noteDenials(arts)
	g.skipped.Add(int64(n - len(all)))
	if g.bulk.Full() {
		g.mu.Lock()
		defer g.mu.Unlock()
		mem := g.bulk.DiskUsed()
		t0 := time.Now()
		if err := g.finishBulk(ctx, true); err != nil {
			return err
		}
		if g.note != nil {
			g.note(fmt.Sprintf("claimgraph: the bulk load ended at %d quads (its temporary files reached %d MiB, --bulk-disk) and took %.1fs to finish; the rest of the run goes through transactions",
				g.bulkLoaded, mem>>20, time.Since(t0).Seconds()))
		}
	}
	return nil
}

// writeTxns writes qs in one transaction or, when they are more than
// maxTxn (an article of book length alone: a badger transaction holds about
// 11,000 quads), in transactions of at most maxTxn, the articles' rdf:type
// and cg:hash quads in the last one. Lookup counts an article as stored (or
// its ID as taken) only by those, so after a crash between two of them a
// re-run writes the article again under the same ID, skipping the quads
// already stored, instead of taking the article for stored or storing a
// second copy; until then its other quads are in the store without them.
func (g *graphStore) writeTxns(ctx context.Context, qs []quad.Quad) error {
	for _, txn := range schema.Transactions(qs, g.maxTxn) {
		if err := g.st.WriteBatch(ctx, txn); err != nil {
			return err
		}
	}
	return nil
}

// Recover closes and reopens the store (after a failed write cayley's
// node cache cannot be trusted: graph.ErrNeedsReopen).
func (g *graphStore) Recover(ctx context.Context) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.st.Close()
	g.recent = nil
	st, err := graph.Open(ctx, g.cfg)
	if err != nil {
		return err
	}
	g.st = st
	return nil
}

func metaOf(a ingest.Article) schema.Meta {
	hash := a.Hash
	if hash == "" {
		hash = ingest.ContentHash(a.Text)
	}
	return schema.Meta{Title: a.Title, Date: a.Date, URL: a.URL, Source: a.Source, Author: a.Author,
		Hash: hash, Text: a.Text}
}

// reporter prints bad records, warnings and progress to stderr: a progress
// bar on a terminal, a line every so often otherwise, nothing with --quiet
// (errors are always printed).
type reporter struct {
	mu    sync.Mutex
	w     io.Writer
	stats *ingest.Stats
	pm    progress
	bar   *progressbar.ProgressBar
	began time.Time
	done  chan struct{}
	wg    sync.WaitGroup
}

func newReporter(w io.Writer, stats *ingest.Stats, pm progress) *reporter {
	return &reporter{w: w, stats: stats, pm: pm, done: make(chan struct{})}
}

func (r *reporter) line(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bar != nil {
		r.bar.Clear()
	}
	fmt.Fprintln(r.w, s)
	if r.bar != nil {
		r.bar.RenderBlank()
	}
}

func (r *reporter) start(t time.Time) {
	r.began = t
	if r.pm.quiet {
		return
	}
	period := r.pm.every
	if r.pm.terminal {
		period = 200 * time.Millisecond
		r.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(r.w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetDescription("reading"),
		)
	}
	if period <= 0 {
		return
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-r.done:
				return
			case <-t.C:
				r.tick()
			}
		}
	}()
}

func (r *reporter) tick() {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	el := time.Since(r.began).Seconds()
	done := s.Articles.Load() + s.Stored.Load() + s.Duplicates.Load() + s.Failed.Load()
	rate := float64(s.Articles.Load()+s.Stored.Load()+s.Duplicates.Load()) / el
	total, read := s.TotalBytes.Load(), s.Bytes.Load()
	desc := fmt.Sprintf("%d articles (%d new), %.1f articles/s, %d errors", done, s.Articles.Load(), rate, s.Failed.Load())
	if r.bar != nil {
		if total > 0 && r.bar.GetMax64() != total {
			r.bar.ChangeMax64(total)
		}
		r.bar.Describe(desc)
		r.bar.Set64(read)
		return
	}
	pct, eta := "", ""
	if total > 0 && read > 0 {
		f := float64(read) / float64(total)
		pct = fmt.Sprintf(", %.0f%% of input", 100*f)
		if f < 1 {
			eta = fmt.Sprintf(", ETA %s", time.Duration(el/f*(1-f)*float64(time.Second)).Round(time.Second))
		}
	}
	fmt.Fprintf(r.w, "claimgraph: %s%s%s, %s elapsed\n", desc, pct, eta, time.Duration(el*float64(time.Second)).Round(time.Second))
}

func (r *reporter) stop() {
	close(r.done)
	r.wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bar != nil {
		r.bar.Finish()
		r.bar.Clear()
		r.bar = nil
	}
}
