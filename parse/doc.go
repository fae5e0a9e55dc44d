// Package parse is a small dependency parser for English: it reads the
// tokens and Penn Treebank tags of a sentence (as package nlp makes them)
// and returns a Universal Dependencies tree. Package linker reads relations
// off its trees.
//
// # Basics
//
//	p, err := parse.Default()
//	tree := p.Parse(words, tags) // tree.Head[i] (-1: root), tree.Label[i]
//
// # The model
//
// A greedy arc-hybrid transition parser: an averaged perceptron over 42
// hashed feature templates of the stack and buffer (word forms of the 4,000
// most frequent words, tags, suffixes, distances, valencies, labels of the
// dependents found so far) picks each transition, trained with a dynamic
// oracle and exploration (Goldberg and Nivre, 2013); a second perceptron
// labels each arc when it is made, choosing among the labels seen in
// training between the same two tags in the same direction. Weights are
// one-byte codes on a logarithmic scale in 2^19 (transitions) and 2^15
// (labels) hashed rows, so the tables stay small (3.2 MB in memory); the
// model file (model/en-ewt.bin, 2.1 MB) stores the non-zero codes.
//
// The embedded model is trained on the training split of the UD English
// Web Treebank v2 with the training sentences tagged by package nlp's
// tagger (prose's model), the tags the parser sees at run time. It is
// rebuilt bit for bit by
//
//	go run ./parse/cmd/parsetrain -ud ../shared/data/ud-ewt -out parse/model/en-ewt.bin
//
// which prints the dev scores after each epoch and the speed. Measured on
// the dev split (25,147 tokens, punctuation included): with nlp's tags UAS
// 0.804, LAS 0.753; with the treebank's tags UAS 0.831, LAS 0.796. Retrain
// when package nlp's tagger changes.
//
// # Caveats
//
// Greedy and first-order: expect errors on long sentences, coordination and
// prepositional attachment, and where the tagger errs. Speed is bound by
// memory (each transition reads 42 table rows): about 2 µs per token (on
// this project's 2-core machine, tables not in cache), 1 µs warm. A Parser
// is read-only after loading and safe for concurrent use.
package parse
