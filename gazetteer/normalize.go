package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRunes maps accented Latin letters and typographic punctuation to ASCII.
// It is read-only.
var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Ā': "A", 'Ă': "A", 'Ą': "A",
	'æ': "ae", 'Æ': "Ae", 'ß': "ss", 'œ': "oe", 'Œ': "Oe",
	'ç': "c", 'ć': "c", 'č': "c", 'Ç': "C", 'Ć': "C", 'Č': "C",
	'ď': "d", 'đ': "d", 'Ď': "D", 'Đ': "D",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E", 'Ē': "E", 'Ė': "E", 'Ę': "E", 'Ě': "E",
	'ğ': "g", 'Ğ': "G",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'į': "i",
	'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I", 'Ī': "I", 'İ': "I", 'Į': "I",
	'ł': "l", 'Ł': "L", 'ľ': "l", 'Ľ': "L",
	'ñ': "n", 'ń': "n", 'ň': "n", 'Ñ': "N", 'Ń': "N", 'Ň': "N",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'Ò': "O", 'Ó': "O", 'Ô': "O", 'Õ': "O", 'Ö': "O", 'Ø': "O", 'Ō': "O", 'Ő': "O",
	'ř': "r", 'Ř': "R",
	'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'Ś': "S", 'Š': "S", 'Ş': "S", 'Ș': "S",
	'ť': "t", 'ţ': "t", 'ț': "t", 'Ť': "T", 'Ţ': "T", 'Ț': "T",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ū': "U", 'Ů': "U", 'Ű': "U", 'Ų': "U",
	'ý': "y", 'ÿ': "y", 'Ý': "Y",
	'ź': "z", 'ż': "z", 'ž': "z", 'Ź': "Z", 'Ż': "Z", 'Ž': "Z",
	// apostrophes and quotes
	'\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u02bb': "'", '`': "'", '\u00b4': "'", '\u2032': "'",
	// dashes become hyphens, which become spaces below
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2212': "-",
}

// normalize returns the matching key of a surface form: typographic quotes
// and dashes made ASCII, diacritics folded, dots, commas and double quotes
// removed ("U.S." -> "US"), hyphens and runs of white space turned into one
// space, and a trailing possessive "'s" or "'" dropped. Case is preserved.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if f, ok := foldRunes[r]; ok {
			if f == "-" {
				r = '-'
			} else if len(f) == 1 {
				r = rune(f[0])
			} else {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteString(f)
				continue
			}
		}
		switch {
		case r == '.' || r == ',' || r == '"' || r == '\u201c' || r == '\u201d':
			continue
		case r == '-' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	switch {
	case strings.HasSuffix(out, "'s") || strings.HasSuffix(out, "'S"):
		out = out[:len(out)-2]
	case strings.HasSuffix(out, "'"):
		out = out[:len(out)-1]
	}
	return strings.TrimRight(out, " ")
}

// stripThe drops a leading article "the " (any case) from a normalised form.
func stripThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// hasLower reports whether s contains a lower-case letter; forms without one
// ("US", "NATO", "G7") are acronyms and are never matched case-insensitively.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}
