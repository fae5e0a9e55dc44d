//go:build linux

package linker

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/claimgraph/claimgraph/nlp"
)

// threadTime is the CPU time of the calling thread.
func threadTime() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// BenchmarkRelationsShare measures, on the first 1,000 Reuters-21578
// stories (skipped when ../shared/data is absent), the thread CPU time of
// the NLP stage (nlp.Pipeline.Process), of the whole linker, and of claims
// and relations alone, and reports claims and relations as a share of the
// NLP stage: a ratio that a busy machine disturbs far less than tokens/s
// do (CPU time leaves out the time the thread waits for a core).
//
//	go test -run '^$' -bench RelationsShare -benchtime 1x ./linker/
func BenchmarkRelationsShare(b *testing.B) {
	f, err := os.Open("../../shared/data/reuters21578/reuters21578.jsonl")
	if err != nil {
		b.Skip("no ../shared/data: ", err)
	}
	defer f.Close()
	var ins []nlp.Input
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(ins) < 1000 {
		var r struct{ ID, Title, Text string }
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			ins = append(ins, nlp.Input{ID: r.ID, Text: r.Title + "\n" + r.Text})
		}
	}
	p, err := nlp.New()
	if err != nil {
		b.Fatal(err)
	}
	l := New()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var nlpT, linkT, relT, claimT time.Duration
	tokens := 0
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			// the linker's stages, in Link's order, each timed once
			t0 := threadTime()
			doc, err := p.Process(in)
			if err != nil {
				b.Fatal(err)
			}
			t1 := threadTime()
			art := &Article{}
			tab := l.resolveEntities(doc, art)
			l.findRoles(doc, tab, art)
			t2 := threadTime()
			l.extractClaims(doc, tab, art)
			t3 := threadTime()
			l.extractRelations(doc, tab, art)
			t4 := threadTime()
			l.findContested(doc, tab, art)
			t5 := threadTime()
			nlpT += t1 - t0
			linkT += t5 - t1
			claimT += t3 - t2
			relT += t4 - t3
			tokens += doc.TokenCount()
		}
	}
	b.ReportMetric(float64(nlpT.Nanoseconds())/float64(tokens), "nlp-ns/token")
	b.ReportMetric(float64(linkT.Nanoseconds())/float64(tokens), "link-ns/token")
	b.ReportMetric(float64(relT.Nanoseconds())/float64(tokens), "rel-ns/token")
	b.ReportMetric(float64(claimT.Nanoseconds())/float64(tokens), "claim-ns/token")
	b.ReportMetric(100*float64((relT+claimT).Nanoseconds())/float64(nlpT.Nanoseconds()), "claims+rel-%-of-nlp")
}
