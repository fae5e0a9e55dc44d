package nlp

import "github.com/claimgraph/claimgraph/parse"

// A Span is a byte range [Start, End) into the article text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// A Token is one word or punctuation mark.
type Token struct {
	Text  string // the token as it appears in the input text
	Norm  string // prose's form of it (curly quotes made straight)
	Tag   string // Penn Treebank part-of-speech tag from prose
	Label string // entity label in IOB2 form ("B-PER", "I-ORG", "O")
	Span
}

// A Sentence is a run of tokens inside one paragraph.
type Sentence struct {
	Index     int  // position among the document's kept sentences
	Paragraph int  // index of the paragraph it belongs to
	Headline  bool // true for the article's headline
	Span
	Tokens []Token
	// Deps is the sentence's dependency tree over AppendParseTokens(nil, Tokens), made
	// by package parse; nil when the pipeline was built WithoutParser or the
	// sentence has fewer than 3 or more than 120 tokens.
	Deps *parse.Tree
}

// A Mention is a named-entity mention: a run of tokens of one sentence.
type Mention struct {
	Text     string // the mention as it appears in the input text
	Type     string // PERSON, ORG, GPE, LOC, NORP, MISC
	Sentence int    // index into Document.Sentences
	TokStart int    // first token (index into the sentence's Tokens)
	TokEnd   int    // one past the last token
	Span
}

// A Paragraph is a block of text separated from its neighbours by blank lines
// (or the headline line).
type Paragraph struct {
	Span
	Dropped bool   // true when the paragraph is not part of the article
	Reason  string // why it was dropped ("advertisement", "boilerplate", ...)
}

// Input is one article handed to the pipeline.
type Input struct {
	ID    string
	Title string // optional; when empty the first non-empty line is the headline
	Date  string // optional publication date (YYYY-MM-DD or RFC 3339)
	Text  string
}

// A Document is the result of [Pipeline.Process].
type Document struct {
	ID         string
	Title      string
	Date       string
	Text       string // the input text, unchanged
	Paragraphs []Paragraph
	Sentences  []Sentence // kept sentences only, in text order
	Mentions   []Mention  // in text order
}

// TokenCount returns the number of tokens of all kept sentences.
func (d *Document) TokenCount() int {
	n := 0
	for i := range d.Sentences {
		n += len(d.Sentences[i].Tokens)
	}
	return n
}
