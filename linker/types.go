package linker

// Article is everything the linker extracts from one article: the extract
// object of `claimgraph extract` and what `claimgraph ingest` writes to the
// graph. Offsets are byte offsets [start, end) into the input text.
type Article struct {
	ID        string      `json:"id"`
	Title     string      `json:"title,omitempty"`
	Date      string      `json:"date,omitempty"`
	Entities  []Entity    `json:"entities"`
	Claims    []Claim     `json:"claims"`
	Relations []Relation  `json:"relations"`
	Roles     []Role      `json:"roles,omitempty"`
	Contested []Contested `json:"contested"`
	Dropped   []Dropped   `json:"dropped,omitempty"`
	Sentences int         `json:"sentences"`
	Tokens    int         `json:"tokens"`
}

// An Entity is a canonical entity with the mentions of it in this article.
// Its ID is deterministic: the same real-world entity gets the same ID in
// every article (see the package documentation for the rule).
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
}

// A Mention is one occurrence of an entity in the text. Type is set when it
// differs from the entity's type (a demonym is a NORP mention of a country).
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type,omitempty"`
}

// A Ref is a span of text, resolved to an entity when possible.
type Ref struct {
	Entity string `json:"entity,omitempty"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// A Cue is a predicate or reporting word with its lemma.
type Cue struct {
	Lemma string `json:"lemma"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// A Text is a span of text with its content.
type Text struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Stances of a claim.
const (
	Affirm    = "affirm"
	Deny      = "deny"
	Uncertain = "uncertain"
)

// Kinds of attribution.
const (
	Speech    = "speech"
	Belief    = "belief"
	Intention = "intention"
)

// A Claim is an attributed statement: who (claimant) said (cue) what
// (content), with which stance.
type Claim struct {
	ID       string   `json:"id"`
	Claimant Ref      `json:"claimant"`
	Cue      Cue      `json:"cue"`
	Stance   string   `json:"stance"`
	Kind     string   `json:"kind"`
	Content  Text     `json:"content"`
	Quote    bool     `json:"quote"`
	About    []string `json:"about"`
	Sentence int      `json:"sentence"`
	// Time is the claim's date: the day the sentence gives outside the
	// content ("said on Monday"), resolved against the article date, or
	// the article date (YYYY-MM-DD); empty when neither is known.
	Time string `json:"time,omitempty"`
	// Quantities are the numbers of the content, with qualifier and unit.
	Quantities []Quantity `json:"quantities,omitempty"`
	// Dates are the date expressions of the content, resolved against the
	// article date.
	Dates []DateRef `json:"dates,omitempty"`
	// Keys are the claim's proposition keys (PropositionKey of the
	// entity|event pairs of its content) when it can take a side in a
	// contested proposition across articles; see setPropositionKeys.
	Keys []string `json:"keys,omitempty"`
	// KeyPairs are the entity|event pairs of Keys, in the same order.
	KeyPairs [][2]string `json:"-"`
}

// A Relation is a subject–predicate–object triple from one sentence.
type Relation struct {
	ID         string  `json:"id"`
	Subject    Ref     `json:"subject"`
	Predicate  Cue     `json:"predicate"`
	Object     Ref     `json:"object"`
	Args       []Ref   `json:"args,omitempty"`
	Sentence   int     `json:"sentence"`
	Confidence float64 `json:"confidence"`
}

// A Role says that a person holds a title in an organisation or country
// ("NATO Secretary General Mark Rutte").
type Role struct {
	Person string `json:"person"`
	Title  string `json:"title"`
	Of     string `json:"of,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Contested groups claims about one proposition made with opposite stances.
type Contested struct {
	ID          string   `json:"id"`
	Proposition string   `json:"proposition"`
	Claims      []string `json:"claims"`
	AffirmedBy  []string `json:"affirmed_by"`
	DeniedBy    []string `json:"denied_by"`
}

// Dropped is a paragraph left out of the article (an advertisement or
// boilerplate), kept for inspection.
type Dropped struct {
	Reason string `json:"reason"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}
