package linker

import "strings"

// titleWords are the words of job titles that precede or follow names
// ("Secretary General", "Defense Minister", "President"). Matching is on
// the lower-cased token.
var titleWords = set(`secretary general president vice minister prime chancellor premier
spokesman spokeswoman spokesperson ambassador chairman chairwoman chair chief director governor
senator sen. rep. representative congressman congresswoman leader king queen prince princess
deputy commander head ceo executive officer mayor judge justice attorney envoy adviser advisor
foreign defense defence finance interior state treasury trade economy economic energy health
justice home labour labor education agriculture transport environment commerce
undersecretary under-secretary assistant spokesman lt. col. gen. adm. maj. capt. sgt. cmdr.
colonel lieutenant major captain sergeant admiral marshal field general-secretary
pope cardinal bishop archbishop rabbi imam sheikh emir sultan president-elect
lawmaker official analyst economist professor dr. mr. mrs. ms. miss sir dame lord lady
minister-president first lady mp mep`)

// honorifics are stripped from person names and not kept as roles.
var honorifics = set(`mr. mr mrs. mrs ms. ms miss dr. dr sir dame lord lady prof. prof`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isTitleToken reports whether a token (any case) is a title word.
func isTitleToken(t string) bool { return titleWords[strings.ToLower(t)] }

// pronouns that may stand for a person claimant.
var personPronouns = set(`he she He She him her Him Her his His`)

// groupPronouns stand for an organisation or group claimant.
var groupPronouns = set(`they They it It we We its Its their Their`)
