package nlp

import (
	"fmt"
	"sync"

	"github.com/jdkato/prose/v2"
)

var (
	proseOnce  sync.Once
	proseModel *prose.Model
)

// ProseAlone runs prose's own default pipeline (segmentation, tokens, tags,
// entities) on one text with a model shared by all calls — the baseline
// that benchmarks compare claimgraph with. It is safe for concurrent use.
func ProseAlone(text string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("nlp: prose panicked: %v", r)
		}
	}()
	proseOnce.Do(func() { proseModel = prose.ModelFromData("baseline") })
	_, err = prose.NewDocument(text, prose.UsingModel(proseModel))
	return err
}
