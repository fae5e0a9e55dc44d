package ner

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"testing"
)

// TestEmbeddedModel loads the embedded model and checks its size limits:
// file at most 30 MB, at most 150 MB in memory once loaded.
func TestEmbeddedModel(t *testing.T) {
	if len(defaultModel) > 30<<20 {
		t.Errorf("embedded model is %d bytes, want at most 30 MB", len(defaultModel))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Read(bytes.NewReader(defaultModel))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("model file %d bytes; loaded: %d MB heap; features: pass 1 %d, pass 2 %d", len(defaultModel), heap>>20, m.first.n, m.second.n)
	if heap > 150<<20 {
		t.Errorf("loaded model uses %d MB, want at most 150 MB", heap>>20)
	}
	if m.first.n == 0 || m.second.n == 0 {
		t.Errorf("empty model: %d and %d features", m.first.n, m.second.n)
	}
	runtime.KeepAlive(m)
}

// TestRoundTrip writes a model and reads it back to the same bytes.
func TestRoundTrip(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if _, err := m.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("model changed in a write/read round trip")
	}
	if !bytes.Equal(a.Bytes(), defaultModel) {
		t.Error("rewriting the embedded model gives different bytes")
	}
}

// TestReadRejectsGarbage checks that a file that is not a model is an error.
func TestReadRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not gzip"), gz(t, []byte("CGNER000")), gz(t, []byte(magic))} {
		if _, err := Read(bytes.NewReader(b)); err == nil {
			t.Errorf("Read(%q) succeeded", b)
		}
	}
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
