package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/ingest"
	"github.com/claimgraph/claimgraph/nlp"
)

// proseAlone runs prose's own pipeline on one text: one prose.NewDocument
// with a model shared by all calls, prose's default options (only package
// nlp imports prose). Tests may set it to nil to skip the baseline.
var proseAlone = nlp.ProseAlone

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure ingest speed on Reuters-21578 (all 21,578 stories) against prose alone",
		Description: `Ingests the Reuters-21578 stories (reut2-*.sgm) into fresh embedded stores, in separate
processes: the first quarter, the first half and all of them (--scales), to check that the cost
per story does not grow with the archive; and prose alone (one prose NewDocument per story,
shared model, one core) on the same stories, half of them before the ingests and again after
(the machine's speed drifts: the ratio is taken against the faster run). Prints articles/s, tokens/s (claimgraph's tokens),
quads/s, CPU time, peak RSS and store size of each run, the ratio to prose alone and whether the
targets are met (ingest >= 10x prose alone, peak RSS <= 1 GiB, time per story within +-15%).
It takes several minutes (prose alone on all stories: about 10 on a 2-core machine; --prose-stories
measures it on the first N only). The store backend is the global --backend. --rounds N runs every
scale N times, each round in another order, and takes each scale at its median time (the machine's
speed drifts within minutes).

Example:
   claimgraph bench
   claimgraph bench --rounds 3 --prose-stories 4000
   claimgraph --backend bolt bench --data ../shared/data/reuters21578/sgml --scales 1 --prose-stories 2000`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data", EnvVars: []string{"CLAIMGRAPH_BENCH_DATA"}, Usage: "`DIR` of reut2-*.sgm (default: ../shared/data/reuters21578/sgml or ../../shared/...)"},
			&cli.IntFlag{Name: "stories", Usage: "use the first `N` stories (0 = all)"},
			&cli.StringFlag{Name: "scales", Value: "0.25,0.5,1", Usage: "fractions of the stories ingested, each into a fresh store"},
			&cli.IntFlag{Name: "workers", Usage: "extraction workers (0 = number of cores)"},
			&cli.IntFlag{Name: "batch-articles", Value: ingest.DefaultBatchArticles, Usage: "most articles per transaction"},
			&cli.IntFlag{Name: "batch-quads", Value: ingest.DefaultBatchSize, Usage: "most quads per transaction"},
			&cli.BoolFlag{Name: "nosync", Usage: "no fsync after each transaction"},
			&cli.BoolFlag{Name: "no-bulk", Usage: "write the fresh stores through cayley's transactions, not bulk loaded (see ingest --help)"},
			&cli.StringFlag{Name: "memory-limit", Value: defaultMemoryLimit, Usage: "soft limit of the Go heap of the ingests (see ingest --help)"},
			&cli.IntFlag{Name: "gc-percent", Usage: "garbage collection target percentage of the ingests (0: as ingest chooses, see ingest --help)"},
			&cli.IntFlag{Name: "prose-stories", Usage: "run prose alone on the first `N` stories only (0 = the same stories as the largest ingest)"},
			&cli.BoolFlag{Name: "no-prose", Usage: "skip prose alone"},
			&cli.Float64Flag{Name: "prose-rate", Usage: "prose alone's tokens/s, when measured elsewhere"},
			&cli.StringFlag{Name: "tmp", Usage: "`DIR` for the stores (default: the system's temporary directory)"},
			&cli.BoolFlag{Name: "keep", Usage: "keep the stores"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the largest ingest to `FILE`"},
			&cli.IntFlag{Name: "rounds", Value: 1, Usage: "run every scale `N` times, in rotated order, and take each at its median time"},
			// internal: the measured runs are child processes
			&cli.StringFlag{Name: "child", Hidden: true},
			&cli.IntFlag{Name: "limit", Hidden: true},
			&cli.StringFlag{Name: "store", Hidden: true},
		},
		Action: func(c *cli.Context) error {
			switch c.String("child") {
			case "ingest":
				return benchChildIngest(c)
			case "prose":
				return benchChildProse(c)
			case "":
				return benchMain(c)
			}
			return fmt.Errorf("unknown --child %q", c.String("child"))
		},
	}
}

// benchRun is what a child process reports (as one JSON line on stdout),
// plus what the parent measures of it.
type benchRun struct {
	Stories    int64   `json:"stories"` // articles read
	Articles   int64   `json:"articles"`
	Duplicates int64   `json:"duplicates"`
	Failed     int64   `json:"failed"`
	Tokens     int64   `json:"tokens"`
	Quads      int64   `json:"quads"`
	Batches    int64   `json:"batches"`
	Writing    float64 `json:"writing,omitempty"` // seconds the writer spent in Store.Write
	Seconds    float64 `json:"seconds"`
	// MeasuredCPU is the CPU time of the measured part (prose alone: without
	// reading the stories and loading the model).
	MeasuredCPU float64 `json:"measured_cpu,omitempty"`

	CPU      float64 `json:"-"` // user+system seconds of the process
	PeakRSS  int64   `json:"-"` // bytes (getrusage: anonymous and file-backed pages)
	PeakAnon int64   `json:"-"` // bytes of anonymous memory (sampled from /proc; 0 if unknown)
	PeakFile int64   `json:"-"` // bytes of mapped files (the store's, sampled from /proc)
	StoreDir int64   `json:"-"` // bytes on disk
}

func benchFiles(c *cli.Context) ([]string, error) {
	dirs := []string{c.String("data")}
	if dirs[0] == "" {
		dirs = []string{filepath.Join("..", "shared", "data", "reuters21578", "sgml"),
			filepath.Join("..", "..", "shared", "data", "reuters21578", "sgml")}
	}
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(d, "reut2-*.sgm"))
		if len(files) > 0 {
			sort.Strings(files)
			return files, nil
		}
	}
	return nil, fmt.Errorf("no reut2-*.sgm found in %s (use --data DIR)", strings.Join(dirs, " or "))
}

func benchMain(c *cli.Context) error {
	out := c.App.Writer
	files, err := benchFiles(c)
	if err != nil {
		return err
	}
	// Count the stories (reading only): records, bad ones included.
	total, unique, bad := 0, 0, 0
	var inBytes int64
	seen := map[string]bool{}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			inBytes += fi.Size()
		}
		ingest.ReadFileOptions(c.Context, f, ingest.ReadOptions{}, func(a ingest.Article) error {
			if n := c.Int("stories"); n > 0 && total >= n {
				return nil
			}
			total++
			if h := ingest.ContentHash(a.Text); !seen[h] {
				seen[h] = true
				unique++
			}
			return nil
		}, func(error) {
			if n := c.Int("stories"); n == 0 || total < n {
				total++
				bad++
			}
		})
	}
	seen = nil
	var scales []float64
	for _, s := range strings.Split(c.String("scales"), ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || f <= 0 || f > 1 {
			return fmt.Errorf("bad --scales value %q (fractions in (0,1])", s)
		}
		scales = append(scales, f)
	}
	sort.Float64s(scales)
	backend := c.String("backend")
	if backend == "" {
		backend = graph.DefaultBackend
	}
	workers := c.Int("workers")
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	fmt.Fprintf(out, "claimgraph bench: Reuters-21578, %d stories (%d distinct texts, %d bad records) in %d files (%.1f MB); backend %s%s; %d workers on %d cores; batches of at most %d articles / %d quads\n",
		total, unique, bad, len(files), float64(inBytes)/1e6, backend,
		map[bool]string{true: " (nosync)"}[c.Bool("nosync")]+map[bool]string{true: " (no bulk load)", false: " (bulk load)"}[c.Bool("no-bulk")]+", Go memory limit "+c.String("memory-limit")+", GC percent "+gcPercentName(c.Int("gc-percent")),
		workers, runtime.NumCPU(), c.Int("batch-articles"), c.Int("batch-quads"))
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(out, "load average before: %s", la)
	}
	tmp := c.String("tmp")
	exe, err := os.Executable()
	if err != nil {
		return err
	}

	// Prose alone runs on half the stories asked for before the ingests
	// and again after them (see below).
	var proseBefore, proseAfter benchRun
	measureProse := !c.Bool("no-prose") && c.Float64("prose-rate") == 0 && proseAlone != nil
	runProse := func() (benchRun, error) {
		limit := int(float64(total)*scales[len(scales)-1] + 0.5)
		if n := c.Int("prose-stories"); n > 0 && n < limit {
			limit = n
		}
		r, err := runChild(exe, append([]string{"bench", "--child", "prose", "--limit", strconv.Itoa(max(limit/2, 1))}, files...), c.App.ErrWriter)
		if err != nil {
			return r, fmt.Errorf("prose alone: %w", err)
		}
		return r, nil
	}
	if measureProse {
		if proseBefore, err = runProse(); err != nil {
			return err
		}
	}

	fmt.Fprintf(out, "\n%-8s %8s %9s %9s %8s %11s %10s %9s %9s %8s %9s %9s %15s %9s\n", "stories", "articles", "tokens", "quads", "time",
		"articles/s", "tokens/s", "quads/s", "ms/story", "cpu", "cpu/story", "peak RSS", "(anon+file)", "store")
	printRun := func(r benchRun) {
		fmt.Fprintf(out, "%-8d %8d %9d %9d %7.1fs %11.1f %10.0f %9.0f %9.2f %7.1fs %8.2fms %6.0fMiB %15s %6.0fMiB\n",
			r.Stories, r.Articles, r.Tokens, r.Quads, r.Seconds, float64(r.Stories)/r.Seconds, float64(r.Tokens)/r.Seconds,
			float64(r.Quads)/r.Seconds, 1000*r.Seconds/float64(r.Stories), r.CPU, 1000*r.CPU/float64(r.Stories),
			float64(r.PeakRSS)/(1<<20), fmt.Sprintf("(%.0f+%.0f)", float64(r.PeakAnon)/(1<<20), float64(r.PeakFile)/(1<<20)),
			float64(r.StoreDir)/(1<<20))
	}
	// With --rounds N every scale runs N times, each round starting at
	// another scale (the machine's speed drifts within minutes), and each
	// scale is then taken at its median time (the lower of the two middle
	// ones for an even N).
	rounds := max(c.Int("rounds"), 1)
	byScale := make([][]benchRun, len(scales))
	for round := 0; round < rounds; round++ {
		if rounds > 1 {
			fmt.Fprintf(out, "round %d:\n", round+1)
		}
		for k := range scales {
			i := (k + round) % len(scales)
			f := scales[i]
			limit := int(float64(total)*f + 0.5)
			dir, err := os.MkdirTemp(tmp, "claimgraph-bench-")
			if err != nil {
				return err
			}
			store := filepath.Join(dir, "store")
			args := []string{"--backend", c.String("backend"), "bench", "--child", "ingest", "--limit", strconv.Itoa(limit),
				"--store", store, "--workers", strconv.Itoa(c.Int("workers")), "--batch-articles", strconv.Itoa(c.Int("batch-articles")),
				"--batch-quads", strconv.Itoa(c.Int("batch-quads"))}
			if c.Bool("nosync") {
				args = append(args, "--nosync")
			}
			if c.Bool("no-bulk") {
				args = append(args, "--no-bulk")
			}
			args = append(args, "--memory-limit", c.String("memory-limit"), "--gc-percent", strconv.Itoa(c.Int("gc-percent")))
			if p := c.String("cpuprofile"); p != "" && i == len(scales)-1 && round == rounds-1 {
				args = append(args, "--cpuprofile", p)
			}
			r, err := runChild(exe, append(args, files...), c.App.ErrWriter)
			if err == nil {
				r.StoreDir = diskUsage(store)
			}
			if !c.Bool("keep") {
				os.RemoveAll(dir)
			} else {
				fmt.Fprintf(c.App.ErrWriter, "store kept: %s\n", store)
			}
			if err != nil {
				return fmt.Errorf("ingest of %d stories: %w", limit, err)
			}
			byScale[i] = append(byScale[i], r)
			printRun(r)
		}
	}
	runs := make([]benchRun, len(scales))
	for i, rs := range byScale {
		slices.SortFunc(rs, func(a, b benchRun) int { return cmp.Compare(a.Seconds, b.Seconds) })
		runs[i] = rs[(len(rs)-1)/2]
	}
	if rounds > 1 {
		fmt.Fprintf(out, "medians of %d rounds (each scale's run of median time):\n", rounds)
		for _, r := range runs {
			printRun(r)
		}
	}
	full := runs[len(runs)-1]
	fmt.Fprintf(out, "\nlargest run: %.1f quads per article, %d transactions (%.1f articles, %.0f quads each), %d duplicates stored once, %d failed; CPU use %.2f cores of %d\n",
		float64(full.Quads)/float64(max(full.Articles, 1)), full.Batches, float64(full.Articles+full.Duplicates)/float64(max(full.Batches, 1)),
		float64(full.Quads)/float64(max(full.Batches, 1)), full.Duplicates, full.Failed, full.CPU/full.Seconds, runtime.NumCPU())
	if full.Writing > 0 {
		// The writer is one goroutine (cayley serializes writes): when it
		// is busy nearly all the run, the run goes at its pace, slowed by
		// its own work or, when the CPU use is near the number of cores,
		// by sharing them; when it is idle much of the time, extraction is
		// the bound.
		fmt.Fprintf(out, "writer busy %.1f s of %.1f s (%.0f%%: its time in Store.Write, waits for a core included)\n", full.Writing, full.Seconds, 100*full.Writing/full.Seconds)
	}

	// Linear cost: time per story of each run against the largest.
	linear := true
	var lin []string
	for _, r := range runs {
		per, cpuPer := r.Seconds/float64(r.Stories), r.CPU/float64(r.Stories)
		dev := 100 * (per/(full.Seconds/float64(full.Stories)) - 1)
		devCPU := 100 * (cpuPer/(full.CPU/float64(full.Stories)) - 1)
		if dev > 15 || dev < -15 {
			linear = false
		}
		lin = append(lin, fmt.Sprintf("%d stories %.2f ms (%+.0f%%; cpu %+.0f%%)", r.Stories, 1000*per, dev, devCPU))
	}
	fmt.Fprintf(out, "time per story: %s\n", strings.Join(lin, ", "))
	if measureProse {
		if proseAfter, err = runProse(); err != nil {
			return err
		}
	}

	// Prose alone, measured twice (before the ingests and after them),
	// each time on half of the stories asked for: the machine's speed
	// drifts (the same prose run took 95 s and 152 s of CPU an hour apart
	// on this 2-core machine), so the ratio is taken against the faster
	// of the two, and both are printed.
	proseRate, proseCPURate := c.Float64("prose-rate"), 0.0
	tokensPerStory := float64(full.Tokens) / float64(max(full.Articles, 1))
	switch {
	case c.Bool("no-prose") || proseRate > 0:
	case proseAlone == nil:
		fmt.Fprintln(out, "prose alone: not measured: package nlp exports no prose-only function yet (nlp is the only importer of prose); give --prose-rate TOKENS_PER_S to compare")
	default:
		var rates []string
		for i, pr := range []benchRun{proseBefore, proseAfter} {
			tokens := float64(pr.Tokens)
			if tokens == 0 {
				tokens = float64(pr.Articles) * tokensPerStory // the ingest's tokens per story
			}
			rate, cpuRate := tokens/pr.Seconds, tokens/pr.MeasuredCPU
			rates = append(rates, fmt.Sprintf("%s: %d stories (%d distinct texts) in %.1fs (cpu %.1fs): %.1f articles/s, %.0f tokens/s",
				[]string{"before the ingests", "after"}[i], pr.Stories, pr.Articles, pr.Seconds, pr.MeasuredCPU, float64(pr.Articles)/pr.Seconds, rate))
			proseRate, proseCPURate = max(proseRate, rate), max(proseCPURate, cpuRate)
		}
		fmt.Fprintf(out, "prose alone (one NewDocument per story, shared model, one core; claimgraph's tokens), %s\n", strings.Join(rates, "; "))
	}
	ratio := 0.0
	if proseRate > 0 {
		ratio = float64(full.Tokens) / full.Seconds / proseRate
		fmt.Fprintf(out, "ratio: ingest %.0f tokens/s end to end (storage included) = %.1fx prose alone (%.0f tokens/s, the faster run)\n",
			float64(full.Tokens)/full.Seconds, ratio, proseRate)
	}
	if proseCPURate > 0 {
		perCPU := float64(full.Tokens) / full.CPU
		fmt.Fprintf(out, "per CPU-second (robust to other load on the machine): ingest %.0f tokens, prose alone %.0f tokens: %.1fx; "+
			"with all %d cores busy the ingest would run at %.1fx prose alone on one core\n",
			perCPU, proseCPURate, perCPU/proseCPURate, runtime.NumCPU(), perCPU*float64(runtime.NumCPU())/proseCPURate)
	}
	yes := map[bool]string{true: "met", false: "NOT met"}
	// Peak RSS over every run of every round, not only the medians.
	var maxRSS, maxAnon, maxFile int64
	for _, rs := range byScale {
		for _, r := range rs {
			maxRSS = max(maxRSS, r.PeakRSS)
			maxAnon, maxFile = max(maxAnon, r.PeakAnon), max(maxFile, r.PeakFile)
		}
	}
	fmt.Fprintf(out, "targets: ingest >= 10x prose alone: %s; peak RSS <= 1 GiB: %s (%.0f MiB: %.0f MiB anonymous, %.0f MiB mapped store files); time per story within +-15%%: %s\n",
		map[bool]string{true: yes[ratio >= 10] + fmt.Sprintf(" (%.1fx)", ratio), false: "not measured"}[ratio > 0],
		yes[maxRSS <= 1<<30], float64(maxRSS)/(1<<20), float64(maxAnon)/(1<<20), float64(maxFile)/(1<<20), yes[linear])
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(out, "load average after: %s", la)
	}
	return nil
}

// runChild runs a measured child process and reads its JSON line.
func runChild(exe string, args []string, stderr io.Writer) (benchRun, error) {
	var r benchRun
	cmd := exec.Command(exe, args...)
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return r, err
	}
	if err := cmd.Start(); err != nil {
		return r, err
	}
	// Sample the child's anonymous and file-backed resident memory.
	stop := make(chan struct{})
	sampled := make(chan [2]int64)
	go func() {
		var peak [2]int64
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
				for _, l := range strings.Split(string(b), "\n") {
					f := strings.Fields(l)
					if len(f) < 2 {
						continue
					}
					kb, _ := strconv.ParseInt(f[1], 10, 64)
					switch f[0] {
					case "RssAnon:":
						peak[0] = max(peak[0], kb<<10)
					case "RssFile:":
						peak[1] = max(peak[1], kb<<10)
					}
				}
			}
			select {
			case <-stop:
				sampled <- peak
				return
			case <-t.C:
			}
		}
	}()
	var line []byte
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if b := sc.Bytes(); len(b) > 0 && b[0] == '{' {
			line = append([]byte(nil), b...)
		}
	}
	werr := cmd.Wait()
	close(stop)
	peak := <-sampled
	if werr != nil {
		return r, werr
	}
	r.PeakAnon, r.PeakFile = peak[0], peak[1]
	if err := json.Unmarshal(line, &r); err != nil {
		return r, fmt.Errorf("child output %q: %v", line, err)
	}
	st := cmd.ProcessState
	r.CPU = (st.UserTime() + st.SystemTime()).Seconds()
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		r.PeakRSS = ru.Maxrss * 1024
	}
	return r, nil
}

func benchChildIngest(c *cli.Context) error {
	if err := setGoMemory(c.String("memory-limit"), c.Int("gc-percent")); err != nil {
		return err
	}
	files := c.Args().Slice()
	cfg := ingest.Config{Workers: c.Int("workers"), Limit: c.Int("limit"), BatchArticles: c.Int("batch-articles"),
		BatchSize: c.Int("batch-quads")}
	gcfg := graph.Config{Backend: c.String("backend"), Path: c.String("store"), NoSync: c.Bool("nosync")}
	if p := c.String("cpuprofile"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var bulk *graph.BulkOptions
	if !c.Bool("no-bulk") {
		bulk = &graph.BulkOptions{}
	}
	res, err := runIngest(context.Background(), files, gcfg, cfg, bulk, c.App.ErrWriter, progress{quiet: true})
	if err != nil {
		return err
	}
	s := res.Stats
	// The quads stored (what the writers sent less what was already
	// stored, e.g. the descriptions of entities named before), after the
	// measured time.
	gcfg.ReadOnly = true
	st, err := graph.Open(context.Background(), gcfg)
	if err != nil {
		return err
	}
	quads, err := st.QuadCount(context.Background())
	st.Close()
	if err != nil {
		return err
	}
	return json.NewEncoder(c.App.Writer).Encode(benchRun{Stories: s.Read.Load() + s.Bad.Load(), Articles: s.Articles.Load(),
		Duplicates: s.Duplicates.Load(), Failed: s.Failed.Load(), Tokens: s.Tokens.Load(), Quads: quads,
		Batches: s.Batches.Load(), Writing: time.Duration(s.Writing.Load()).Seconds(), Seconds: res.Elapsed.Seconds()})
}

// benchChildProse runs prose alone, on one core, on the distinct texts
// among the first --limit stories (those that ingest extracts).
func benchChildProse(c *cli.Context) error {
	if proseAlone == nil {
		return errors.New("prose alone is not available")
	}
	runtime.GOMAXPROCS(1)
	limit := c.Int("limit")
	var texts []string
	read := 0
	seen := map[string]bool{}
	for _, f := range c.Args().Slice() {
		ingest.ReadFileOptions(context.Background(), f, ingest.ReadOptions{}, func(a ingest.Article) error {
			if limit > 0 && read >= limit {
				return nil
			}
			read++
			if h := ingest.ContentHash(a.Text); !seen[h] {
				seen[h] = true
				texts = append(texts, a.Text)
			}
			return nil
		}, func(error) {})
	}
	seen = nil
	if err := proseAlone("Warm up: the model is loaded outside the measure."); err != nil {
		return err
	}
	runtime.GC()
	var ru0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	start := time.Now()
	for _, t := range texts {
		if err := proseAlone(t); err != nil {
			return err
		}
	}
	el := time.Since(start).Seconds()
	var ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	// The same texts' tokens as the ingest counts them (after the
	// measure): the stories measured are not the archive's average.
	x, err := ingest.NewExtractor()
	if err != nil {
		return err
	}
	tokens := 0
	for i, t := range texts {
		if _, n, err := x.ExtractCount(ingest.Article{ID: strconv.Itoa(i), Text: t}); err == nil {
			tokens += n
		}
	}
	return json.NewEncoder(c.App.Writer).Encode(benchRun{Stories: int64(read), Articles: int64(len(texts)),
		Tokens: int64(tokens), Seconds: el, MeasuredCPU: cpu.Seconds()})
}

// diskUsage returns the bytes allocated on disk under dir.
func diskUsage(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				n += st.Blocks * 512
			} else {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func gcPercentName(n int) string {
	if n <= 0 {
		return "auto (100 bulk loading, 50 otherwise)"
	}
	return strconv.Itoa(n)
}
