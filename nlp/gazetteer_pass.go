package nlp

import (
	"strings"
	"unicode"

	"github.com/claimgraph/claimgraph/gazetteer"
)

// gazetteerPass labels runs of capitalised tokens that the recognizer left
// unlabelled when they are unambiguous gazetteer names (countries, cities,
// regions, areas, organisations, demonyms): a recall safety net for names a
// statistical model misses ("Indo-Pacific security"). The longest match
// wins; at most four tokens.
func gazetteerPass(doc *Document) {
	for si := range doc.Sentences {
		toks := doc.Sentences[si].Tokens
		for i := 0; i < len(toks); {
			if toks[i].Label != "" && toks[i].Label != "O" || !startsUpper(toks[i].Text) {
				i++
				continue
			}
			n := 0
			typ := ""
			for k := min(len(toks), i+4); k > i; k-- {
				free := true
				for j := i; j < k; j++ {
					if toks[j].Label != "" && toks[j].Label != "O" {
						free = false
					}
				}
				if !free || !startsUpper(toks[k-1].Text) {
					continue
				}
				name := doc.Text[toks[i].Start:toks[k-1].End]
				g, ok := gazetteer.Lookup(name)
				if !ok || g.Ambiguous || isAllUpper(name) && k-i == 1 && len(name) <= 3 && g.Place.Type != gazetteer.TypeORG {
					continue
				}
				switch {
				case g.Demonym:
					typ = "MISC"
				case g.Place.Type == gazetteer.TypeORG:
					typ = "ORG"
				default:
					typ = "LOC"
				}
				n = k - i
				break
			}
			if n == 0 {
				i++
				continue
			}
			for j := i; j < i+n; j++ {
				if j == i {
					toks[j].Label = "B-" + typ
				} else {
					toks[j].Label = "I-" + typ
				}
			}
			i += n
		}
	}
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func isAllUpper(s string) bool {
	return strings.ToUpper(s) == s
}
