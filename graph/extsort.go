package graph

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"unsafe"
)

// sorter sorts records of width uint64s with bounded memory: records
// are collected in a buffer, which is sorted and written to a run file
// when full; iter merges the runs and the sorted remainder.
type sorter struct {
	dir   string
	name  string
	width int
	max   int // records in the buffer before a spill
	buf   []uint64
	runs  []string
	// spilling is the spill running in the background (sort and write
	// on the other core while the caller goes on), nil when none.
	spilling chan error
	spare    []uint64 // the buffer of the last spill, for the next one
}

func newSorter(dir, name string, width, maxRecords int) *sorter {
	return &sorter{dir: dir, name: name, width: width, max: maxRecords}
}

func (s *sorter) add(rec ...uint64) error {
	s.buf = append(s.buf, rec...)
	if len(s.buf) >= s.max*s.width {
		return s.spill()
	}
	return nil
}

func sortRecords(buf []uint64, width int) {
	n := len(buf) / width
	if n < 2 {
		return
	}
	p := unsafe.Pointer(&buf[0])
	switch width {
	case 1:
		slices.Sort(buf)
	case 2:
		slices.SortFunc(unsafe.Slice((*[2]uint64)(p), n), cmpRec[[2]uint64])
	case 3:
		slices.SortFunc(unsafe.Slice((*[3]uint64)(p), n), cmpRec[[3]uint64])
	case 4:
		slices.SortFunc(unsafe.Slice((*[4]uint64)(p), n), cmpRec[[4]uint64])
	case 5:
		slices.SortFunc(unsafe.Slice((*[5]uint64)(p), n), cmpRec[[5]uint64])
	default:
		panic(fmt.Sprintf("sortRecords: records of %d words", width))
	}
}

// cmpRec compares records word by word.
func cmpRec[R [2]uint64 | [3]uint64 | [4]uint64 | [5]uint64](a, b R) int {
	for i := range len(a) {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// spill sorts the buffer and writes it to a run, in the background: the
// caller fills a second buffer meanwhile, and waits only if it is full
// before the last spill is done.
func (s *sorter) spill() error {
	if err := s.wait(); err != nil {
		return err
	}
	if len(s.buf) == 0 {
		return nil
	}
	buf := s.buf
	s.buf = s.spare[:0]
	name := filepath.Join(s.dir, fmt.Sprintf("%s-%04d", s.name, len(s.runs)))
	s.runs = append(s.runs, name)
	s.spilling = make(chan error, 1)
	go func() {
		s.spilling <- writeSorted(name, buf, s.width)
	}()
	s.spare = buf
	return nil
}

// wait waits for the background spill.
func (s *sorter) wait() error {
	if s.spilling == nil {
		return nil
	}
	err := <-s.spilling
	s.spilling = nil
	return err
}

func writeSorted(name string, buf []uint64, width int) error {
	sortRecords(buf, width)
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b [8]byte
	for _, x := range buf {
		binary.BigEndian.PutUint64(b[:], x)
		w.Write(b[:])
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// runReader reads the records of a run in order.
type runReader struct {
	f   *os.File
	r   *bufio.Reader
	rec []uint64
	buf []byte
}

func openRun(name string, width int) (*runReader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10), rec: make([]uint64, width), buf: make([]byte, 8*width)}, nil
}

func (r *runReader) next() (bool, error) {
	if _, err := io.ReadFull(r.r, r.buf); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("%s: %w", r.f.Name(), err)
	}
	for i := range r.rec {
		r.rec[i] = binary.BigEndian.Uint64(r.buf[8*i:])
	}
	return true, nil
}

type mergeSrc struct {
	rec  []uint64
	next func() (bool, error)
}
type mergeHeap []*mergeSrc

func (h mergeHeap) Len() int           { return len(h) }
func (h mergeHeap) Less(i, j int) bool { return slices.Compare(h[i].rec, h[j].rec) < 0 }
func (h mergeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)        { *h = append(*h, x.(*mergeSrc)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// sortIter yields the records of a sorter in order.
type sortIter struct {
	s     *sorter
	h     mergeHeap
	files []*runReader
	first bool
	err   error
}

// iter sorts the remainder and merges it with the runs. The sorter
// takes no more records.
func (s *sorter) iter() (*sortIter, error) {
	if err := s.wait(); err != nil {
		return nil, err
	}
	s.spare = nil
	sortRecords(s.buf, s.width)
	it := &sortIter{s: s, first: true}
	for _, name := range s.runs {
		r, err := openRun(name, s.width)
		if err != nil {
			it.close()
			return nil, err
		}
		it.files = append(it.files, r)
		ok, err := r.next()
		if err != nil {
			it.close()
			return nil, err
		}
		if ok {
			it.h = append(it.h, &mergeSrc{rec: r.rec, next: r.next})
		}
	}
	if len(s.buf) > 0 {
		i := 0
		src := &mergeSrc{rec: s.buf[:s.width]}
		src.next = func() (bool, error) {
			i++
			if (i+1)*s.width > len(s.buf) {
				return false, nil
			}
			src.rec = s.buf[i*s.width : (i+1)*s.width]
			return true, nil
		}
		it.h = append(it.h, src)
	}
	heap.Init(&it.h)
	return it, nil
}

// next returns the next record (valid until the following call), or nil
// at the end (then see err).
func (it *sortIter) next() []uint64 {
	if it.err != nil || len(it.h) == 0 {
		return nil
	}
	if !it.first {
		top := it.h[0]
		ok, err := top.next()
		if err != nil {
			it.err = err
			return nil
		}
		if ok {
			heap.Fix(&it.h, 0)
		} else {
			heap.Pop(&it.h)
		}
		if len(it.h) == 0 {
			return nil
		}
	}
	it.first = false
	return it.h[0].rec
}

// close closes and removes the runs.
func (it *sortIter) close() {
	for _, f := range it.files {
		f.f.Close()
	}
	for _, name := range it.s.runs {
		os.Remove(name)
	}
	it.s.runs = nil
	it.s.buf = nil
}
