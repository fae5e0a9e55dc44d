package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchSmoke runs `claimgraph bench` on the first 300 Reuters-21578
// stories. It is slow (two ingests in child processes), so it runs only
// with CLAIMGRAPH_BENCH=1; the full benchmark is `claimgraph bench`.
func TestBenchSmoke(t *testing.T) {
	if os.Getenv("CLAIMGRAPH_BENCH") == "" {
		t.Skip("set CLAIMGRAPH_BENCH=1 to run (the full benchmark is `claimgraph bench`)")
	}
	data := filepath.Join("..", "..", "..", "shared", "data", "reuters21578", "sgml")
	if _, err := os.Stat(filepath.Join(data, "reut2-000.sgm")); err != nil {
		t.Skipf("Reuters-21578 not found at %s", data)
	}
	bin := buildClaimgraph(t)
	out, err := exec.Command(bin, "bench", "--data", data, "--stories", "300", "--scales", "0.5,1",
		"--rounds", "2", "--prose-stories", "50", "--tmp", t.TempDir()).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("\n%s", out)
	for _, want := range []string{"300 stories", "articles/s", "tokens/s", "peak RSS", "time per story", "before the ingests: 25 stories", "after: 25 stories", "the faster run", "writer busy", "targets:", "round 2:", "medians of 2 rounds"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
