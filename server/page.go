package server

import (
	"context"
	_ "embed"
	"html/template"
	"net/http"
	"sort"
	"strings"
)

//go:embed static/article.css
var articleCSS []byte

//go:embed static/article.html
var articleHTML string

var articleTmpl = template.Must(template.New("article").Funcs(template.FuncMap{
	"join": strings.Join,
}).Parse(articleHTML))

// segment is a run of text with the same highlights.
type segment struct {
	Text    string
	Classes string // "claimant cue content entity rel"
	Claims  string // IDs of the claims covering it, space-separated
	Title   string // tooltip
}

// hl is one highlight: a span of the text with its class.
type hl struct {
	start, end int
	class      string
	claim      string
	title      string
}

// segments cuts text at every highlight boundary.
func segments(text string, hls []hl) []segment {
	cuts := map[int]bool{0: true, len(text): true}
	for _, h := range hls {
		if h.start < 0 || h.end > len(text) || h.start >= h.end {
			continue
		}
		cuts[h.start], cuts[h.end] = true, true
	}
	var pos []int
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	var out []segment
	for i := 0; i+1 < len(pos); i++ {
		a, b := pos[i], pos[i+1]
		seg := segment{Text: text[a:b]}
		classes := map[string]bool{}
		var claims, titles []string
		for _, h := range hls {
			if h.start <= a && b <= h.end && h.start < h.end {
				classes[h.class] = true
				if h.claim != "" {
					claims = append(claims, h.claim)
				}
				if h.title != "" {
					titles = append(titles, h.title)
				}
			}
		}
		var cl []string
		for _, c := range []string{"entity", "rel", "content", "claimant", "cue"} {
			if classes[c] {
				cl = append(cl, c)
			}
		}
		seg.Classes = strings.Join(cl, " ")
		seg.Claims = strings.Join(dedupe(claims), " ")
		seg.Title = strings.Join(dedupe(titles), "\n")
		out = append(out, seg)
	}
	return out
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// articlePage serves /articles/{id}: the text with every claim's
// claimant, cue and content highlighted, entity mentions underlined, and
// the list of claims, contested groups and relations.
func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
	defer cancel()
	a, err := s.loadArticle(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	var hls []hl
	for _, m := range a.Mentions {
		hls = append(hls, hl{m.Start, m.End, "entity", "", m.Entity.Name + " (" + m.Entity.ID + ")"})
	}
	for _, c := range a.Claims {
		hls = append(hls,
			hl{c.ContentSpan.Start, c.ContentSpan.End, "content", c.ID, "content (" + c.Stance + ")"},
			hl{c.ClaimantSpan.Start, c.ClaimantSpan.End, "claimant", c.ID, "claimant"},
			hl{c.CueSpan.Start, c.CueSpan.End, "cue", c.ID, "cue: " + c.Cue + " (" + c.Stance + ")"},
		)
	}
	for _, rel := range a.Relations {
		if rel.Span != nil {
			hls = append(hls, hl{rel.Span.Start, rel.Span.End, "rel", "", "relation " + rel.Predicate + ": " + rel.Subject.Name + " → " + rel.Object.Name})
		}
	}
	data := map[string]interface{}{
		"A":        a,
		"Segments": segments(a.Text, hls),
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := articleTmpl.Execute(w, data); err != nil {
		// the header is out; nothing better to do
		return
	}
}
