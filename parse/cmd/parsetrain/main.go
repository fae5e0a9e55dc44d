// Command parsetrain trains the dependency parser of package parse on the UD
// English Web Treebank and writes the model that package parse embeds.
//
//	go run ./parse/cmd/parsetrain -ud ../shared/data/ud-ewt -out parse/model/en-ewt.bin
//
// The training sentences are tagged by prose through package nlp (the tags
// the parser sees at run time); a token that prose splits differently keeps
// its treebank tag. It prints the dev attachment scores after each epoch
// and the parsing speed. The same data, flags and Go version give the same
// model file, bit for bit.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimgraph/claimgraph/nlp"
	"github.com/claimgraph/claimgraph/parse"
)

func main() {
	ud := flag.String("ud", "../shared/data/ud-ewt", "folder with en_ewt-ud-{train,dev}.conllu")
	out := flag.String("out", "parse/model/en-ewt.bin", "model file to write")
	epochs := flag.Int("epochs", 12, "training epochs")
	goldTags := flag.Bool("gold-tags", false, "train on the treebank's tags instead of prose's")
	flag.Parse()
	train := read(filepath.Join(*ud, "en_ewt-ud-train.conllu"))
	dev := read(filepath.Join(*ud, "en_ewt-ud-dev.conllu"))
	devGold := clone(dev)
	p, err := nlp.New(nlp.WithRecognizer(nil), nlp.KeepAds(), nlp.WithoutParser())
	if err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	if !*goldTags {
		a, n := proseTags(p, train)
		log.Printf("train: prose tags on %d of %d tokens", a, n)
	}
	a, n := proseTags(p, dev)
	log.Printf("dev: prose tags on %d of %d tokens (%s)", a, n, time.Since(t0).Round(time.Millisecond))
	m := parse.Train(train, parse.TrainOptions{Epochs: *epochs, Log: func(ep int, m *parse.Parser) {
		uas, las := m.Evaluate(dev)
		log.Printf("epoch %d: dev (prose tags) UAS %.4f LAS %.4f", ep, uas, las)
	}})
	uas, las := m.Evaluate(dev)
	guas, glas := m.Evaluate(devGold)
	tokens := 0
	for _, s := range dev {
		tokens += len(s.Words)
	}
	t1 := time.Now()
	const reps = 3
	for r := 0; r < reps; r++ {
		for _, s := range dev {
			m.Parse(s.Words, s.Tags)
		}
	}
	speed := float64(tokens*reps) / time.Since(t1).Seconds()
	fmt.Printf("dev: prose tags UAS %.4f LAS %.4f; treebank tags UAS %.4f LAS %.4f; %.0f tokens/s\n", uas, las, guas, glas, speed)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func read(path string) []parse.Sentence {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	s, err := parse.ReadCoNLLU(f)
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return s
}

func clone(ss []parse.Sentence) []parse.Sentence {
	out := make([]parse.Sentence, len(ss))
	for i, s := range ss {
		out[i] = s
		out[i].Tags = append([]string(nil), s.Tags...)
	}
	return out
}

// proseTags replaces each sentence's tags by prose's where prose makes the
// same token (same byte span in the words joined by spaces).
func proseTags(p *nlp.Pipeline, ss []parse.Sentence) (aligned, total int) {
	for i := range ss {
		s := &ss[i]
		text := strings.Join(s.Words, " ")
		doc, err := p.Process(nlp.Input{ID: "s", Title: "", Text: text})
		if err != nil {
			log.Fatal(err)
		}
		tag := map[[2]int]string{}
		for _, sent := range doc.Sentences {
			for _, t := range sent.Tokens {
				tag[[2]int{t.Start, t.End}] = t.Tag
			}
		}
		off := 0
		for j, w := range s.Words {
			total++
			if t, ok := tag[[2]int{off, off + len(w)}]; ok {
				s.Tags[j] = t
				aligned++
			}
			off += len(w) + 1
		}
	}
	return aligned, total
}
