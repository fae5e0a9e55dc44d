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
	return ordered(ctx, workers,
		func(emit func(*Result) error) error {
			return read(func(a Article) error { return emit(&Result{Article: a}) })
		},
		func(r *Result) { r.Linked, r.Err = fn(r.Article) },
		func(r *Result) error { return sink(*r) })
}

// ordered runs one reader (read calls emit for each item, in order), work
// on every item with workers goroutines (0 = the number of cores), and
// sink on every item in input order, under one errgroup: the first error
// of read or sink, or the end of ctx, stops all three. The queues between
// them are bounded (a few items per worker), so memory does not grow with
// the input.
func ordered[T any](ctx context.Context, workers int, read func(emit func(T) error) error,
	work func(T), sink func(T) error) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		v    T
		done chan struct{}
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan job, workers*2)
	order := make(chan job, workers*4)
	g.Go(func() error {
		defer close(jobs)
		defer close(order)
		return read(func(v T) error {
			j := job{v: v, done: make(chan struct{})}
			select {
			case order <- j:
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
				work(j.v)
				close(j.done)
			}
			return nil
		})
	}
	g.Go(func() error {
		for j := range order {
			select {
			case <-j.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := sink(j.v); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}
