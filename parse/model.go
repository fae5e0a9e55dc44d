package parse

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// The format of a model file:
//
//	"claimgraph-parse 1\n"
//	uvarint len, tags joined by "\n"; uvarint len, labels joined by "\n";
//	uvarint len, known words (sorted) joined by "\n"
//	uvarint count of label candidate sets, each: uvarint key, uvarint n, n label bytes
//	two weight tables (transitions, labels), each: uvarint count of non-zero
//	weights, then for each, in index order, uvarint index delta and zig-zag
//	varint weight.
const magic = "claimgraph-parse 3\n"

// Write writes the parser's model. The output depends only on the weights.
func (p *Parser) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf []byte
	buf = append(buf, magic...)
	tags := make([]string, 0, len(p.tags))
	for t := range p.tags {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return p.tags[tags[i]] < p.tags[tags[j]] })
	vocab := make([]string, 0, len(p.vocab))
	for w := range p.vocab {
		vocab = append(vocab, w)
	}
	sort.Strings(vocab)
	for _, s := range []string{strings.Join(tags, "\n"), strings.Join(p.labels, "\n"), strings.Join(vocab, "\n")} {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	keys := make([]uint32, 0, len(p.cands))
	for k := range p.cands {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	buf = binary.AppendUvarint(buf, uint64(len(keys)))
	for _, k := range keys {
		buf = binary.AppendUvarint(buf, uint64(k))
		buf = binary.AppendUvarint(buf, uint64(len(p.cands[k])))
		buf = append(buf, p.cands[k]...)
	}
	for _, tab := range [][]int8{p.trans, p.lab} {
		nz := 0
		for _, v := range tab {
			if v != 0 {
				nz++
			}
		}
		buf = binary.AppendUvarint(buf, uint64(nz))
		last := 0
		for i, v := range tab {
			if v != 0 {
				buf = binary.AppendUvarint(buf, uint64(i-last))
				buf = binary.AppendVarint(buf, int64(v))
				last = i
			}
		}
	}
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

// Read reads a model written by [Parser.Write].
func Read(r io.Reader) (*Parser, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("parse: not a parser model")
	}
	data = data[len(magic):]
	bad := errors.New("parse: truncated model")
	str := func() (string, error) {
		n, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < n {
			return "", bad
		}
		s := string(data[k : k+int(n)])
		data = data[k+int(n):]
		return s, nil
	}
	tags, err := str()
	if err != nil {
		return nil, err
	}
	labels, err := str()
	if err != nil {
		return nil, err
	}
	words, err := str()
	if err != nil {
		return nil, err
	}
	p := &Parser{labels: strings.Split(labels, "\n"), vocab: map[string]uint64{}}
	for _, w := range strings.Split(words, "\n") {
		p.vocab[w] = hashString(w)
	}
	p.setTags(strings.Split(tags, "\n"))
	p.root = -1
	for i, l := range p.labels {
		if l == "root" {
			p.root = i
		}
	}
	if p.root < 0 {
		return nil, errors.New("parse: model has no root label")
	}
	p.setAll()
	nk, k := binary.Uvarint(data)
	if k <= 0 {
		return nil, bad
	}
	data = data[k:]
	p.cands = make(map[uint32][]uint8, nk)
	for j := uint64(0); j < nk; j++ {
		key, k1 := binary.Uvarint(data)
		if k1 <= 0 {
			return nil, bad
		}
		n, k2 := binary.Uvarint(data[k1:])
		if k2 <= 0 || uint64(len(data)-k1-k2) < n {
			return nil, bad
		}
		ls := append([]uint8(nil), data[k1+k2:k1+k2+int(n)]...)
		for _, l := range ls {
			if int(l) >= len(p.labels) {
				return nil, bad
			}
		}
		p.cands[uint32(key)] = ls
		data = data[k1+k2+int(n):]
	}
	p.indexCands()
	p.indexVocab()
	p.trans = make([]int8, (1<<transBits)*nTrans)
	p.lab = make([]int8, (1<<labelBits)*len(p.labels))
	for _, tab := range [][]int8{p.trans, p.lab} {
		nz, k := binary.Uvarint(data)
		if k <= 0 {
			return nil, bad
		}
		data = data[k:]
		idx := 0
		for j := uint64(0); j < nz; j++ {
			d, k := binary.Uvarint(data)
			if k <= 0 {
				return nil, bad
			}
			data = data[k:]
			v, k2 := binary.Varint(data)
			if k2 <= 0 {
				return nil, bad
			}
			data = data[k2:]
			idx += int(d)
			if idx >= len(tab) {
				return nil, fmt.Errorf("parse: weight index %d out of range", idx)
			}
			tab[idx] = int8(v)
		}
	}
	return p, nil
}

// The default model, trained on the UD English Web Treebank by
// cmd/parsetrain (see the package documentation).
//
//go:embed model/en-ewt.bin
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultP    *Parser
	defaultErr  error
)

// Default returns the embedded parser, loaded on first use and shared.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		defaultP, defaultErr = Read(bytes.NewReader(defaultModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("parse: loading the embedded model: %w", defaultErr)
		}
	})
	return defaultP, defaultErr
}
