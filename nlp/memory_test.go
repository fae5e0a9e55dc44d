package nlp

import (
	"runtime"
	"testing"
)

// TestModelMemory checks the memory the loaded models take (prose's tagger
// and the entity recognizer): the heap grown by New, after a GC. The
// target is 300 MB.
func TestModelMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Process(Input{ID: "m", Text: "Mark Rutte met officials in Brussels on Monday."}); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(p)
	mb := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	t.Logf("loaded models: %.1f MB of heap", mb)
	if mb > 300 {
		t.Fatalf("models take %.1f MB, over the 300 MB budget", mb)
	}
}
