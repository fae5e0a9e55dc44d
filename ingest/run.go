package ingest

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/claimgraph/claimgraph/linker"
)

// A Result is an extracted article, or the error that stopped it.
type Result struct {
	Article Article
	Linked  *linker.Article
	Err     error
}

// Run reads articles with read (which calls emit for each, in order), runs
// fn on them with workers goroutines, and calls sink with every result in
// input order. It stops at the first error returned by read or sink, or when
// ctx is done. Per-article errors are delivered to sink in Result.Err.
func Run(ctx context.Context, workers int, read func(emit func(Article) error) error,
	fn func(Article) (*linker.Article, error), sink func(Result) error) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		a   Article
		out chan Result
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan job, workers*2)
	order := make(chan chan Result, workers*4)
	g.Go(func() error {
		defer close(jobs)
		defer close(order)
		return read(func(a Article) error {
			j := job{a: a, out: make(chan Result, 1)}
			select {
			case order <- j.out:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		})
	})
	for w := 0; w < workers; w++ {
		g.Go(func() error {
			for j := range jobs {
				res, err := fn(j.a)
				j.out <- Result{Article: j.a, Linked: res, Err: err}
			}
			return nil
		})
	}
	g.Go(func() error {
		for ch := range order {
			var r Result
			select {
			case r = <-ch:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := sink(r); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}
