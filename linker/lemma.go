package linker

import "strings"

// irregular maps inflected forms of irregular verbs to their lemma.
var irregular = map[string]string{
	"said": "say", "says": "say", "told": "tell", "thought": "think", "was": "be", "were": "be",
	"is": "be", "are": "be", "been": "be", "am": "be", "had": "have", "has": "have", "did": "do",
	"does": "do", "done": "do", "made": "make", "went": "go", "gone": "go", "came": "come",
	"took": "take", "taken": "take", "gave": "give", "given": "give", "sent": "send",
	"felt": "feel", "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak",
	"knew": "know", "known": "know", "saw": "see", "seen": "see", "got": "get", "gotten": "get",
	"held": "hold", "led": "lead", "left": "leave", "met": "meet", "paid": "pay", "put": "put",
	"ran": "run", "sold": "sell", "stood": "stand", "won": "win", "lost": "lose", "began": "begin",
	"begun": "begin", "brought": "bring", "bought": "buy", "built": "build", "caught": "catch",
	"chose": "choose", "chosen": "choose", "drove": "drive", "fell": "fall", "fallen": "fall",
	"fought": "fight", "found": "find", "flew": "fly", "forgot": "forget", "grew": "grow",
	"heard": "hear", "hid": "hide", "hit": "hit", "kept": "keep", "laid": "lay", "lent": "lend",
	"meant": "mean", "rose": "rise", "risen": "rise", "sought": "seek", "set": "set",
	"shot": "shoot", "shut": "shut", "slept": "sleep", "spent": "spend", "struck": "strike",
	"swore": "swear", "sworn": "swear", "taught": "teach", "threw": "throw", "thrown": "throw",
	"understood": "understand", "woke": "wake", "wore": "wear", "withdrew": "withdraw",
	"withdrawn": "withdraw", "broke": "break", "broken": "break", "cut": "cut", "let": "let",
	"read": "read", "became": "become", "overtook": "overtake", "undertook": "undertake",
	"foresaw": "foresee", "foreseen": "foresee", "forecast": "forecast", "reaffirmed": "reaffirm",
	"dying": "die", "being": "be", "lying": "lie", "tying": "tie", "quit": "quit", "bid": "bid", "spread": "spread",
}

// Lemma returns the dictionary form of an English word (lower-cased); verbs
// and plural nouns are reduced by an irregular table and suffix rules.
func Lemma(word string) string {
	w := strings.ToLower(word)
	if l, ok := irregular[w]; ok {
		return l
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return stemRestore(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		return stemRestore(w[:n-2])
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// stemRestore undoes the spelling changes of -ed/-ing: doubled consonants
// ("planned" -> "plan") and dropped e ("confirmed" keeps, "stated" -> "state").
func stemRestore(s string) string {
	n := len(s)
	if n >= 1 && s[n-1] == 'e' {
		return s + "e" // agreed, freed
	}
	if n >= 4 && s[n-1] == s[n-2] && !isVowel(s[n-1]) && s[n-1] != 'l' && s[n-1] != 's' && s[n-1] != 'z' && s[n-1] != 'f' {
		return s[:n-1]
	}
	if needsE(s) {
		return s + "e"
	}
	return s
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// needsE guesses whether a stem lost a final e: consonant-vowel-consonant
// endings of one-syllable-like stems and common endings (-at, -iz, -ut, -ag ...).
func needsE(s string) bool {
	for _, suf := range []string{"at", "iz", "ut", "ot", "uc", "ir", "ur", "iv", "ov", "av", "ev", "us", "bl", "dg", "rg", "ng", "ag", "as", "ic", "ud", "id", "ok", "yz", "ys", "ip", "ib", "ib", "ar"} {
		if strings.HasSuffix(s, suf) && len(s) > 2 {
			switch s {
			case "visit", "limit", "edit", "exhibit", "credit", "audit", "benefit", "profit", "deposit", "vomit", "bring", "sing", "ring", "swing", "sting", "cling", "fling", "string", "bang", "hang", "long", "belong", "pump", "ship", "equip", "sip", "grip", "clip", "trip", "ask", "look", "book", "cook", "hook", "wag", "bag", "lag", "tag", "drag", "flag", "brag", "panic", "mimic", "picnic", "traffic", "appear", "clear", "fear", "hear", "near", "wear", "offer", "suffer", "enter", "alter", "occur", "stir", "blur", "focus", "bias", "gas", "stop", "kid", "bid", "rid", "ord", "conquer", "order", "answer", "discover", "deliver", "consider", "gather", "remember", "monitor", "mirror", "bar", "star", "war", "scar", "tar", "jar":
				return false
			}
			return true
		}
	}
	switch s {
	case "us", "argu", "continu", "issu", "pursu", "rescu", "valu", "queu", "sav", "serv", "observ", "preserv", "reserv", "deserv", "announc", "pronounc", "produc", "reduc", "introduc", "forc", "plac", "replac", "fac", "rac", "danc", "chang", "charg", "urg", "merg", "emerg", "judg", "acknowledg", "pledg", "manag", "engag", "encourag", "damag", "rul", "schedul", "compil", "fil", "styl", "tackl", "settl", "handl", "cancel", "describ", "prescrib", "subscrib", "tak", "mak", "invok", "provok", "evok", "revok", "clos", "dispos", "expos", "impos", "oppos", "propos", "suppos", "compos", "pos", "refus", "accus", "excus", "confus", "us-", "abus", "caus", "paus", "releas", "increas", "decreas", "purchas", "chas", "rais", "prais", "advis", "revis", "supervis", "televis", "promis", "surpris", "compris", "exercis", "franchis", "realis", "recognis", "organis", "authoris", "criticis", "emphasis", "apologis", "minimis", "privatis", "liv", "giv", "dar", "shar", "car", "declar", "compar", "prepar", "scar", "star", "stor", "ignor", "restor", "explor", "scor", "secur", "ensur", "assur", "measur", "captur", "procur", "endur", "requir", "acquir", "inquir", "admir", "expir", "fir", "hir", "retir", "tir", "wir", "inspir", "conspir", "desir", "alleg", "mov", "prov", "remov", "approv", "improv", "resolv", "involv", "solv", "evolv", "believ", "achiev", "reliev", "receiv", "deceiv", "perceiv", "conceiv", "leav", "wav", "behav", "crav", "brav", "shav", "carv", "starv", "curv", "deriv", "arriv", "striv", "thriv", "surviv", "reviv", "nam", "blam", "fram", "cam", "tim", "welcom", "becom", "overcom", "assum", "consum", "resum", "presum", "hop", "cop", "scop", "typ", "shap", "escap", "wip", "pip", "dat", "not", "quot", "vot", "devot", "promot", "wrot", "stat", "creat", "relat", "negotiat", "rat", "hat", "escalat", "violat", "indicat", "illustrat", "demonstrat", "estimat", "updat", "debat", "investigat", "evacuat", "complet", "delet", "compet", "excit", "cit", "invit", "unit", "writ", "quit", "recit", "ignit", "dilut", "execut", "prosecut", "contribut", "distribut", "attribut", "salut", "disput", "comput", "refut", "pollut", "minut", "rout":
		return true
	}
	return false
}
