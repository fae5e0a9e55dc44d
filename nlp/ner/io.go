package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The model file is gzip-compressed; inside, little-endian:
//
//	magic "CGNER003", uint32 number of labels (9)
//	lexicon:    uint32 n, n × uint64 keys (ascending), n × int32 values
//	gazetteer:  uint32 longest entry, uint32 n, n × uint64 keys, n × int32 values
//	two linear models (the second may have n = 0), each:
//	            uint32 n, n × uint64 feature keys (ascending),
//	            n × 9 × int16 weights, float32 scale of the weights,
//	            10 × 9 × float32 transition weights
const magic = "CGNER003"

// ErrFormat reports a model file that is not one this package writes.
var ErrFormat = errors.New("ner: not a model file of this version")

// WriteTo writes the model in the file format. The output is a function of
// the model only (no timestamps), so equal models give equal bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(magic)
	put := func(v any) { binary.Write(&buf, binary.LittleEndian, v) }
	put(uint32(NumLabels))
	keys, vals := m.lex.sorted()
	put(uint32(len(keys)))
	put(keys)
	put(vals)
	keys, vals = m.gaz.sorted()
	put(uint32(m.gazMax))
	put(uint32(len(keys)))
	put(keys)
	put(vals)
	for _, l := range []*linear{&m.first, &m.second} {
		keys, w := l.sorted()
		put(uint32(len(keys)))
		put(keys)
		put(w)
		put(l.scale)
		for a := range l.trans {
			put(l.trans[a][:])
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	n, err := zw.Write(buf.Bytes())
	if err != nil {
		return int64(n), err
	}
	return int64(n), zw.Close()
}

// Read reads a model written by [Model.WriteTo].
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, binary.LittleEndian, v)
		}
	}
	count := func() int {
		var n uint32
		get(&n)
		if n > 1<<26 {
			err = ErrFormat
			return 0
		}
		return int(n)
	}
	if count() != NumLabels {
		return nil, ErrFormat
	}
	m := &Model{}
	readTable := func() table {
		n := count()
		keys := make([]uint64, n)
		vals := make([]int32, n)
		get(keys)
		get(vals)
		return newTable(keys, vals)
	}
	m.lex = readTable()
	m.gazMax = count()
	m.gaz = readTable()
	for _, l := range []*linear{&m.first, &m.second} {
		n := count()
		keys := make([]uint64, n)
		get(keys)
		w := make([]int16, n*NumLabels)
		get(w)
		var scale float32
		var trans [NumLabels + 1][NumLabels]float32
		get(&scale)
		for a := range trans {
			get(trans[a][:])
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		for _, x := range append(trans[:0:0], trans[:]...) {
			for _, v := range x {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
					return nil, ErrFormat
				}
			}
		}
		*l = newLinear(keys, w, scale, trans)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return m, nil
}
