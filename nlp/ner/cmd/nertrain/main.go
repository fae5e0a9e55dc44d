// Command nertrain trains the entity model of package ner on the CoNLL-2003
// training split and writes it (gzip) to -out. It prints the dev F1 after
// every epoch, scored through the real nlp pipeline the way
// score_conll.py scores claimgraph's output. The same flags give the same
// file, byte for byte.
//
//	go run ./nlp/ner/cmd/nertrain -train ../shared/data/conll2003/train.jsonl \
//	    -dev ../shared/data/conll2003/dev.jsonl \
//	    -unlabelled ../shared/data/reuters21578/reuters21578.jsonl \
//	    -epochs 10 -seed 1 -out nlp/ner/model/ner.bin.gz
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/claimgraph/claimgraph/nlp"
	"github.com/claimgraph/claimgraph/nlp/ner"
	"github.com/claimgraph/claimgraph/nlp/ner/internal/conll"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func run() error {
	train := flag.String("train", "", "CoNLL-2003 training split (JSONL)")
	dev := flag.String("dev", "", "CoNLL-2003 dev split (JSONL); optional, for per-epoch scores")
	out := flag.String("out", "", "model file to write")
	epochs := flag.Int("epochs", 10, "training epochs")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	folds := flag.Int("folds", 5, "folds for jackknifed gazetteer and first-pass features")
	rare := flag.Bool("rare", false, "leave out identity features of half the capitalised words seen once")
	onePass := flag.Bool("onepass", false, "train the first-pass model only")
	unlabelled := flag.String("unlabelled", "", "Reuters-21578 JSONL (unlabelled text for the lexicon); optional")
	flag.Parse()
	if *train == "" || *out == "" {
		flag.Usage()
		return fmt.Errorf("-train and -out are required")
	}
	t0 := time.Now()
	docs, err := conll.Read(*train)
	if err != nil {
		return err
	}
	tagger, err := nlp.New(nlp.WithRecognizer(nil), nlp.KeepAds(), nlp.WithoutParser())
	if err != nil {
		return err
	}
	examples, err := conll.Examples(tagger, docs)
	if err != nil {
		return err
	}
	fmt.Printf("train: %d documents prepared in %v\n", len(examples), time.Since(t0).Round(time.Millisecond))
	var devDocs []*conll.Doc
	if *dev != "" {
		if devDocs, err = conll.Read(*dev); err != nil {
			return err
		}
	}
	t1 := time.Now()
	var lex *ner.LexiconBuilder
	if *unlabelled != "" {
		lex = ner.NewLexiconBuilder()
		if err := addUnlabelled(lex, *unlabelled); err != nil {
			return err
		}
		for _, ex := range examples {
			for _, s := range ex.Doc.Sentences {
				toks := make([]string, len(s.Tokens))
				for i, t := range s.Tokens {
					toks[i] = t.Text
				}
				lex.AddSentence(toks)
			}
		}
		fmt.Printf("lexicon: built in %v\n", time.Since(t1).Round(time.Millisecond))
	}
	m := ner.Train(examples, ner.TrainOptions{Epochs: *epochs, Seed: *seed, Folds: *folds, Lexicon: lex, OnePass: *onePass, RareDropout: *rare,
		Progress: func(stage string, ep int, m *ner.Model) {
			if devDocs == nil {
				fmt.Printf("%s epoch %d  %v\n", stage, ep, time.Since(t1).Round(time.Millisecond))
				return
			}
			c, err := conll.Evaluate(m, devDocs)
			if err != nil {
				fmt.Fprintln(os.Stderr, "dev:", err)
				return
			}
			_, _, f := c.PRF("")
			fmt.Printf("%s epoch %d  dev F1 %.4f  %v\n", stage, ep, f, time.Since(t1).Round(time.Millisecond))
			if ep == *epochs && (stage == "pass2" || *onePass) {
				fmt.Print(c.Report())
			}
		}})
	fmt.Printf("training time: %v\n", time.Since(t1).Round(time.Millisecond))
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d bytes, sha256 %x\n", *out, buf.Len(), sha256.Sum256(buf.Bytes()))
	return nil
}

// addUnlabelled counts the words of every story of a Reuters-21578 JSONL file.
func addUnlabelled(lex *ner.LexiconBuilder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		lex.AddText(r.Text)
	}
	return sc.Err()
}
