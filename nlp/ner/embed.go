package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// The default model, trained on the CoNLL-2003 English training split by
// cmd/nertrain (see the package documentation for the command).
//
//go:embed model/ner.bin.gz
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
	defaultErr  error
)

// Default returns the embedded model, loaded on first use and shared by
// every caller of the process.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultM, defaultErr = Read(bytes.NewReader(defaultModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: loading the embedded model: %w", defaultErr)
		}
	})
	return defaultM, defaultErr
}
