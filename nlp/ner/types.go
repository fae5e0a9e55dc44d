package ner

// A Token is one token of a sentence as the nlp pipeline produced it.
type Token struct {
	Text       string // the token (prose's normalised form)
	Tag        string // Penn Treebank part-of-speech tag
	Start, End int    // byte offsets into Document.Text
}

// A Sentence is a run of tokens.
type Sentence struct {
	Headline bool // the article's headline
	Tokens   []Token
}

// A Document is the input of [Model.Recognize]: all sentences of one
// article, so that document-level evidence can be used.
type Document struct {
	Text      string // the article text the token offsets point into
	Sentences []Sentence
}

// A Label is an IOB2 entity label with a CoNLL type.
type Label uint8

// The labels. I-X may only follow B-X or I-X.
const (
	O Label = iota
	BPER
	IPER
	BORG
	IORG
	BLOC
	ILOC
	BMISC
	IMISC
	NumLabels = 9
)

var labelNames = [NumLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// String returns the IOB2 form ("B-PER", "O").
func (l Label) String() string {
	if int(l) < NumLabels {
		return labelNames[l]
	}
	return "O"
}

// Type returns the entity type ("PER", "ORG", "LOC", "MISC") or "" for O.
func (l Label) Type() string {
	if l == O || int(l) >= NumLabels {
		return ""
	}
	return labelNames[l][2:]
}

// Inside reports whether l is an I- label.
func (l Label) Inside() bool { return l != O && l%2 == 0 }

// ParseLabel parses an IOB2 label; anything unknown is O.
func ParseLabel(s string) Label {
	for i, n := range labelNames {
		if n == s {
			return Label(i)
		}
	}
	return O
}

// allowed reports whether label b may follow label a (a == NumLabels: start
// of sentence).
func allowed(a, b Label) bool {
	if !b.Inside() {
		return true
	}
	return a != NumLabels && (a == b || a == b-1)
}
