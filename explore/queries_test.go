package explore_test

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// cookbookRE finds each ```js block of QUERIES.md and the expect comment
// under it.
var cookbookRE = regexp.MustCompile("(?s)```js\n(.*?)```\n<!-- expect: (.*?) -->")

// TestCookbook runs every query of QUERIES.md against the example store
// and checks its expectation.
func TestCookbook(t *testing.T) {
	b, err := os.ReadFile("../QUERIES.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := cookbookRE.FindAllStringSubmatch(string(b), -1)
	if len(blocks) < 15 || strings.Count(string(b), "```js") != len(blocks) {
		t.Fatalf("%d queries with expectations, %d js blocks", len(blocks), strings.Count(string(b), "```js"))
	}
	st := exampleStore(t)
	for i, m := range blocks {
		q, expect := m[1], m[2]
		name := strconv.Itoa(i+1) + ":" + strings.SplitN(strings.TrimSpace(q), "\n", 2)[0]
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			res, err := st.Query(ctx, "gizmo", q, 1000)
			if err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			out, _ := json.Marshal(res)
			for _, e := range strings.Split(expect, ";") {
				e = strings.TrimSpace(e)
				switch {
				case strings.HasPrefix(e, "rows>="):
					n, _ := strconv.Atoi(strings.TrimPrefix(e, "rows>="))
					if len(res) < n {
						t.Errorf("%d results, want at least %d:\n%s", len(res), n, out)
					}
				case strings.HasPrefix(e, "has: "):
					want, err := strconv.Unquote(strings.TrimPrefix(e, "has: "))
					if err != nil {
						t.Fatalf("bad expectation %q", e)
					}
					if !strings.Contains(string(out), want) {
						t.Errorf("no result holds %q:\n%.2000s", want, out)
					}
				default:
					t.Fatalf("unknown expectation %q", e)
				}
			}
		})
	}
}
