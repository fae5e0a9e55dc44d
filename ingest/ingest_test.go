package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/claimgraph/claimgraph/linker"
)

// memStore is an in-memory Store with the semantics of claimgraph's graph
// store (see cmd/claimgraph/ingest.go), and failure injection.
type memStore struct {
	mu       sync.Mutex
	arts     map[string]string          // id -> content hash
	sources  map[string]map[string]bool // id -> sources
	writes   [][]Unit
	failEnc  map[string]bool // Encode fails for these IDs
	failID   map[string]bool // Write fails when the batch holds one of these articles
	poisoned bool            // after a failed write, until Recover
	recovers int
	// lostAt > 0: write number lostAt fails with ErrStoreLost, as a store
	// that commits in the background reports a failure of the write before
	// it (which it then drops, as that store has lost it).
	lostAt int
}

type memUnit struct {
	id, hash string // hash empty: sources only
	sources  []string
}

func (u memUnit) Size() int { return 1 + len(u.sources) }

func newMemStore() *memStore {
	return &memStore{arts: map[string]string{}, sources: map[string]map[string]bool{},
		failEnc: map[string]bool{}, failID: map[string]bool{}}
}

func (m *memStore) recorded(id string, a *Article) bool {
	for _, s := range a.Sources() {
		if !m.sources[id][s] {
			return false
		}
	}
	return true
}

func (m *memStore) Lookup(ctx context.Context, a *Article, dupOf string) (Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if dupOf != "" {
		return Status{State: Duplicate, Of: dupOf, Recorded: m.recorded(dupOf, a)}, nil
	}
	id := a.ID
	for try := 0; try < 2; try++ {
		h, ok := m.arts[id]
		if ok && h == a.Hash {
			return Status{State: Stored, ID: id, Recorded: m.recorded(id, a)}, nil
		}
		if !ok {
			break
		}
		id = a.ID + "~" + a.Hash[:12]
	}
	var ids []string
	for other, h := range m.arts {
		if h == a.Hash {
			ids = append(ids, other)
		}
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		return Status{State: Duplicate, Of: ids[0], Recorded: m.recorded(ids[0], a)}, nil
	}
	return Status{State: New, ID: id}, nil
}

func (m *memStore) Encode(a *Article, l *linker.Article) (Unit, error) {
	if l == nil || l.ID != a.ID {
		return nil, fmt.Errorf("linked article %v does not match %q", l, a.ID)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failEnc[a.ID] {
		return nil, errors.New("encoding failed (injected)")
	}
	return memUnit{id: a.ID, hash: a.Hash, sources: a.Sources()}, nil
}

func (m *memStore) Sources(a *Article, of string) (Unit, error) {
	return memUnit{id: of, sources: a.Sources()}, nil
}

func (m *memStore) Write(ctx context.Context, units []Unit) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.poisoned {
		return errors.New("store needs reopening")
	}
	if m.lostAt > 0 && len(m.writes)+1 == m.lostAt {
		m.writes = m.writes[:len(m.writes)-1]
		m.poisoned = true
		return fmt.Errorf("%w: the previous transaction failed (injected)", ErrStoreLost)
	}
	for _, u := range units {
		if mu := u.(memUnit); m.failID[mu.id] && mu.hash != "" {
			m.poisoned = true
			return fmt.Errorf("write of %q failed (injected)", mu.id)
		}
	}
	m.writes = append(m.writes, units)
	for _, u := range units {
		mu := u.(memUnit)
		if mu.hash != "" {
			m.arts[mu.id] = mu.hash
		}
		if m.sources[mu.id] == nil {
			m.sources[mu.id] = map[string]bool{}
		}
		for _, s := range mu.sources {
			m.sources[mu.id][s] = true
		}
	}
	return nil
}

func (m *memStore) Recover(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.poisoned = false
	m.recovers++
	return nil
}

var (
	extractorOnce sync.Once
	extractor     *Extractor
	extractorErr  error
)

func testExtractor(t testing.TB) *Extractor {
	extractorOnce.Do(func() { extractor, extractorErr = NewExtractor() })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractor
}

func run(t *testing.T, st Store, cfg Config, paths ...string) (*Stats, []string, error) {
	t.Helper()
	files, err := Walk(paths)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var msgs []string
	cfg.Bad = func(err error) { mu.Lock(); msgs = append(msgs, "bad: "+err.Error()); mu.Unlock() }
	cfg.Warn = func(err error) { mu.Lock(); msgs = append(msgs, "warn: "+err.Error()); mu.Unlock() }
	stats := new(Stats)
	err = Ingest(t.Context(), files, testExtractor(t), st, cfg, stats)
	return stats, msgs, err
}

func counts(s *Stats) string {
	return fmt.Sprintf("articles=%d stored=%d duplicates=%d failed=%d", s.Articles.Load(), s.Stored.Load(),
		s.Duplicates.Load(), s.Failed.Load())
}

// TestIngestDedupeAndRerun: the same text in three files is stored once
// with three sources; an ID given to two different texts keeps both; the
// second run stores nothing.
func TestIngestDedupeAndRerun(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte("Minister denies report\n\nThe minister denied the report on Friday, officials said.\n"))
	writeFile(t, dir, "b.jsonl", []byte(`{"id": "x", "text": "MINISTER denies report\n\n  The minister denied the report on Friday,   officials said."}`+"\n"+
		`{"id": "y", "title": "Harbour", "text": "The council approved the harbour plan, the mayor said."}`+"\n"))
	writeFile(t, dir, "c.csv", []byte("id,text\ny,\"A different story with the same id, the police said.\"\n"))
	writeFile(t, dir, "sub/d.txt", []byte("Minister denies report\n\nThe minister denied the report on Friday, officials said.\n"))
	st := newMemStore()
	stats, msgs, err := run(t, st, Config{Workers: 2}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(stats); got != "articles=3 stored=0 duplicates=2 failed=0" {
		t.Errorf("first run: %s\n%s", got, strings.Join(msgs, "\n"))
	}
	if len(st.arts) != 3 {
		t.Errorf("stored articles: %v", st.arts)
	}
	idA := DefaultID(strings.TrimSpace(""))
	for id := range st.arts {
		if strings.HasPrefix(id, "y~") {
			continue
		}
		if id != "y" {
			idA = id
		}
	}
	if idA != DefaultID("Minister denies report\n\nThe minister denied the report on Friday, officials said.\n") {
		t.Errorf("the text is stored under %q (the first copy, a.txt)", idA)
	}
	var srcs []string
	for s := range st.sources[idA] {
		srcs = append(srcs, strings.TrimPrefix(s, dir+string(filepath.Separator)))
	}
	sort.Strings(srcs)
	if strings.Join(srcs, " ") != "a.txt b.jsonl#1 sub/d.txt" {
		t.Errorf("sources of the repeated text: %v", srcs)
	}
	if _, ok := st.arts["y~"+ContentHash("A different story with the same id, the police said.")[:12]]; !ok {
		t.Errorf("the second article with id y must be stored apart: %v", st.arts)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], `warn: `+filepath.Join(dir, "c.csv")+`: record 1: id "y" is also used`) {
		t.Errorf("messages: %v", msgs)
	}
	if !st.sources[idA][a] && !st.sources[idA][mustAbs(t, a)] {
		t.Errorf("the first copy's location must be a source: %v", st.sources[idA])
	}

	writes := len(st.writes)
	stats, msgs, err = run(t, st, Config{Workers: 2}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(stats); got != "articles=0 stored=5 duplicates=0 failed=0" {
		t.Errorf("second run: %s\n%s", got, strings.Join(msgs, "\n"))
	}
	if len(st.writes) != writes {
		t.Errorf("the second run wrote %d batches", len(st.writes)-writes)
	}
	// A copy found at a new place adds that place only.
	e := writeFile(t, t.TempDir(), "e.txt", []byte("minister denies report\nthe minister denied the report on friday, officials said.\n"))
	stats, _, err = run(t, st, Config{}, e)
	if err != nil || counts(stats) != "articles=0 stored=0 duplicates=1 failed=0" || !st.sources[idA][mustAbs(t, e)] {
		t.Errorf("new copy: %v %s %v", err, counts(stats), st.sources[idA])
	}
}

func mustAbs(t testing.TB, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func manyArticles(t testing.TB, dir string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id": "n%03d", "title": "Story %d", "text": "Officials in city %d said the bridge number %d had collapsed on Monday."}`+"\n", i, i, i, i)
	}
	return writeFile(t, dir, "many.jsonl", []byte(b.String()))
}

// TestIngestBatches: batches hold whole articles, at most BatchArticles of
// them and BatchSize units (unless one article alone is larger), in input
// order.
func TestIngestBatches(t *testing.T) {
	p := manyArticles(t, t.TempDir(), 23)
	for _, c := range []struct{ arts, size, wantBatches int }{{5, 1000, 5}, {100, 1000, 1}, {100, 5, 12}, {100, 1, 23}} {
		st := newMemStore()
		stats, _, err := run(t, st, Config{Workers: 3, BatchArticles: c.arts, BatchSize: c.size}, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.writes) != c.wantBatches || stats.Batches.Load() != int64(c.wantBatches) {
			t.Errorf("batch %d articles / %d units: %d batches, want %d", c.arts, c.size, len(st.writes), c.wantBatches)
		}
		n := 0
		for _, w := range st.writes {
			size := 0
			for _, u := range w {
				if id := u.(memUnit).id; id != fmt.Sprintf("n%03d", n) {
					t.Fatalf("batch order: %s at %d", id, n)
				}
				n++
				size += u.Size()
			}
			if len(w) > c.arts || (len(w) > 1 && size > c.size) {
				t.Errorf("batch of %d articles, %d units", len(w), size)
			}
		}
		if n != 23 || stats.Articles.Load() != 23 || stats.Units.Load() != 23*2 || stats.Tokens.Load() == 0 {
			t.Errorf("stored %d, stats %s units %d tokens %d", n, counts(stats), stats.Units.Load(), stats.Tokens.Load())
		}
	}
}

func TestIngestBadRecordsAndStrict(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "mixed.jsonl", []byte(`{"id": "g1", "text": "Officials said the first bridge had collapsed."}
{"id": "bad", "text": 
{"id": "g2", "text": "Officials said the second bridge had collapsed."}
{"id": "enc", "text": "Officials said the third bridge had collapsed."}
{"id": "dup-of-enc", "text": "officials said the third bridge had collapsed."}
{"id": "g3", "text": "Officials said the fourth bridge had collapsed."}
`))
	st := newMemStore()
	st.failEnc["enc"] = true
	stats, msgs, err := run(t, st, Config{BatchArticles: 2}, p)
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(stats); got != "articles=3 stored=0 duplicates=0 failed=3" {
		t.Errorf("%s\n%s", got, strings.Join(msgs, "\n"))
	}
	want := []string{p + ": record 2: bad JSON", p + `: record 4: article "enc": encoding failed`,
		p + ": record 5: same text as " + p + ": record 4, which failed"}
	for i, w := range want {
		if i >= len(msgs) || !strings.HasPrefix(msgs[i], "bad: "+w) {
			t.Errorf("message %d: want %q in input order, got:\n%s", i, w, strings.Join(msgs, "\n"))
		}
	}
	// --strict: the articles before the bad record are stored, none after
	st = newMemStore()
	stats, msgs, err = run(t, st, Config{Strict: true, BatchArticles: 10}, p)
	if !errors.Is(err, ErrStrict) || !strings.Contains(err.Error(), "record 2") {
		t.Errorf("strict: error %v", err)
	}
	if len(st.arts) != 1 || st.arts["g1"] == "" || stats.Articles.Load() != 1 {
		t.Errorf("strict: stored %v (%s) %v", st.arts, counts(stats), msgs)
	}
}

// TestIngestWriteFailure: when a batch cannot be written, its articles are
// written one by one, and only the one that fails is reported.
func TestIngestWriteFailure(t *testing.T) {
	p := manyArticles(t, t.TempDir(), 10)
	st := newMemStore()
	st.failID["n004"] = true
	stats, msgs, err := run(t, st, Config{BatchArticles: 4}, p)
	if err != nil {
		t.Fatal(err)
	}
	if counts(stats) != "articles=9 stored=0 duplicates=0 failed=1" || len(st.arts) != 9 || st.arts["n004"] != "" {
		t.Errorf("%s, stored %d", counts(stats), len(st.arts))
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], `many.jsonl: record 5: storing article "n004": write of "n004" failed`) {
		t.Errorf("messages: %v", msgs)
	}
	if st.recovers < 2 {
		t.Errorf("the store must be recovered after a failed write (%d)", st.recovers)
	}
	// a store that fails every write stops the run
	st = newMemStore()
	for i := 0; i < 10; i++ {
		st.failID[fmt.Sprintf("n%03d", i)] = true
	}
	_, _, err = run(t, st, Config{BatchArticles: 4}, p)
	if err == nil || !strings.Contains(err.Error(), "storing 4 articles") {
		t.Errorf("all writes failing: %v", err)
	}
}

// TestIngestStoreLost: a write error saying earlier writes were lost
// (ingest.ErrStoreLost, from a store with pipelined commits) stops the run
// with that error: no retry article by article, which would report the
// run as done without them.
func TestIngestStoreLost(t *testing.T) {
	p := manyArticles(t, t.TempDir(), 10)
	st := newMemStore()
	st.lostAt = 2
	_, _, err := run(t, st, Config{BatchArticles: 4}, p)
	if !errors.Is(err, ErrStoreLost) {
		t.Fatalf("run after a lost write: %v", err)
	}
	if st.recovers != 0 {
		t.Errorf("the batch was retried article by article (%d recovers)", st.recovers)
	}
}

func TestIngestCancel(t *testing.T) {
	p := manyArticles(t, t.TempDir(), 200)
	st := newMemStore()
	ctx, cancel := context.WithCancel(t.Context())
	files, _ := Walk([]string{p})
	stats := new(Stats)
	cfg := Config{BatchArticles: 5, Bad: func(error) {}}
	done := make(chan error)
	go func() { done <- Ingest(ctx, files, testExtractor(t), st, cfg, stats) }()
	for stats.Articles.Load() < 10 {
		select {
		case err := <-done:
			t.Fatalf("finished before the cancel: %v", err)
		default:
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	st.mu.Lock()
	n := len(st.arts)
	st.mu.Unlock()
	if n%5 != 0 || n == 200 {
		t.Errorf("%d articles stored: whole batches only, not all", n)
	}
	// the rest on the next run
	stats2, _, err := run(t, st, Config{}, p)
	if err != nil || stats2.Articles.Load() != int64(200-n) || len(st.arts) != 200 {
		t.Errorf("resume: %v %s %d", err, counts(stats2), len(st.arts))
	}
}

func TestKeyer(t *testing.T) {
	k := newKeyer()
	mk := func(id, text string) *Article {
		a := &Article{ID: id, Text: text, Hash: ContentHash(text)}
		if id == "" {
			a.ID = DefaultID(text)
		}
		return a
	}
	a1 := mk("", "Some text.")
	if dup, c := k.key(a1); dup != "" || c != "" {
		t.Errorf("first: %q %q", dup, c)
	}
	if dup, _ := k.key(mk("given", "SOME   text.")); dup != a1.ID {
		t.Errorf("same text: dup of %q, want %q", dup, a1.ID)
	}
	b := mk("b", "Other text.")
	k.key(b)
	if dup, _ := k.key(mk("", "other text.")); dup != "b" {
		t.Errorf("same text as a given id: %q", dup)
	}
	c := mk("b", "Third text.")
	if dup, conflict := k.key(c); dup != "" || conflict != "b" || c.ID != "b~"+c.Hash[:12] {
		t.Errorf("id conflict: %q %q %q", dup, conflict, c.ID)
	}
	if dup, _ := k.key(mk("b", "Third text.")); dup != c.ID {
		t.Errorf("repeat of the renamed article: %q", dup)
	}
}
