// Package ner is claimgraph's named-entity recognizer: it labels the tokens
// of a tokenized, part-of-speech-tagged article with IOB2 labels of the
// CoNLL-2003 types PER, ORG, LOC and MISC.
//
// # Basics
//
// The nlp package calls it through its Recognizer interface
// (nlp/recognizer.go); nothing else needs to. Used directly:
//
//	m, err := ner.Default()          // the embedded model, loaded once
//	labels := m.Recognize(&ner.Document{Text: text, Sentences: sents})
//	// labels[i][j] is the label of token j of sentence i
//
// The model works on whole documents, in two passes of an averaged
// structured perceptron (first-order, Viterbi decoding that never lets I-X
// follow anything but B-X or I-X):
//
//   - pass 1 sees the token and its neighbours (words, lower-case forms,
//     word shapes, prefixes and suffixes, whether a token is glued to the
//     previous one), sentence facts (all capitals,
//     headline, sentence-initial position), what unlabelled news says about
//     the word (how it is usually capitalised, how frequent it is, its
//     distributional word clusters, all from Reuters-21578), a gazetteer of
//     the training entities, and how the same word is written elsewhere in
//     the document (so "RUSSIA" in a headline is read as "Russia" in the
//     body);
//   - pass 2 adds the first-pass labels around the token and the types the
//     first pass gave the same word elsewhere in the document (so "Saddam"
//     alone is a person when "Saddam Hussein" is one).
//
// Features are 64-bit hashes (FNV-1a of the attributes, mixed), looked up in
// open-addressing tables that hold the int16 weights inline; nothing is
// random at run time, so labels are the same in every process.
//
// # Training
//
// The embedded model/ner.bin.gz is rebuilt, byte for byte, from the
// repository root with
//
//	go run ./nlp/ner/cmd/nertrain \
//	    -train ../shared/data/conll2003/train.jsonl \
//	    -dev ../shared/data/conll2003/dev.jsonl \
//	    -unlabelled ../shared/data/reuters21578/reuters21578.jsonl \
//	    -epochs 10 -seed 1 -out nlp/ner/model/ner.bin.gz
//
// Each training document is laid out exactly as the evaluation feeds it to
// claimgraph extract (tokens joined by spaces, sentences by newlines), run
// through the real nlp pipeline, and the gold labels are projected onto the
// pipeline's tokens by byte offset. The gazetteer features and first-pass
// labels of the training documents are jackknifed (5 folds), so training
// sees them as noisy as unseen text will. The dev split only reports scores.
//
// # Caveats
//
//   - The model knows newswire of 1987 and 1996 (Reuters-21578 and
//     CoNLL-2003): names that became frequent later are recognized from
//     their context and shape only.
//   - CoNLL conventions hold: nationalities ("German") and events are MISC,
//     a country or city standing for its government ("Washington said") is
//     LOC, sports teams named after their city are ORG.
//   - prose's part-of-speech tags are not used: prose sums its tagger
//     weights in map order, so a tag can differ from one process to the
//     next, which would make labels and retraining irreproducible (see
//     usePOS in features.go).
//   - A bare unknown surname with no title, first name or earlier full
//     mention in the document ("said Putin had") is often missed or mistyped.
//   - A Model is read-only and safe for concurrent use; Recognize allocates
//     its own buffers.
package ner
