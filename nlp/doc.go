// Package nlp is claimgraph's language stage: it turns an article's raw text
// into sentences, tokens with part-of-speech tags and byte offsets, and typed
// named-entity mentions, and it drops what is not the article (advertisements,
// boilerplate).
//
// # Basics
//
// Build one [Pipeline] per process with [New] and call [Pipeline.Process] for
// each article. The pipeline holds prose's tagging model and the entity
// recognizer; both are loaded once and are read-only afterwards, so a
// Pipeline is safe for concurrent use by many goroutines.
//
//	p, err := nlp.New()
//	doc, err := p.Process(nlp.Input{ID: "a1", Text: text})
//	for _, m := range doc.Mentions { fmt.Println(m.Text, m.Type, m.Start, m.End) }
//
// Every span ([Token], [Sentence], [Mention]) carries byte offsets
// [Start, End) into the input text exactly as given, before any
// normalisation, so that every fact derived later points back to its
// evidence.
//
// This is the only package of claimgraph that imports
// github.com/jdkato/prose/v2.
//
// # Caveats
//
//   - prose is used for tokens and part-of-speech tags only. Its sentence
//     segmenter is rebuilt on every NewDocument call (about 17 ms per
//     article) and its entity extractor is slow and weak on news, so the
//     pipeline splits sentences itself and recognises entities with its own
//     model (see [Recognizer]).
//   - prose rewrites curly quotes and "&rsquo;" before tokenizing; tokens are
//     re-anchored to the original text through an offset map.
//   - prose caches the split of identical whitespace-separated chunks inside
//     one document and shares token pointers between them, so a repeated
//     chunk gets the tag of its last occurrence. The pipeline tags one
//     sentence at a time, which confines that effect to a single sentence.
package nlp
