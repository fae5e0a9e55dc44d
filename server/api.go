package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/claimgraph/claimgraph/explore"
)

// Links are the URLs of related resources in API answers.
type Links map[string]string

func entityLinks(id string) Links {
	q := url.QueryEscape(id)
	return Links{
		"self":         "/api/entities/" + id,
		"claims_by":    "/api/claims?by=" + q,
		"claims_about": "/api/claims?about=" + q,
		"contested":    "/api/contested?about=" + q,
		"articles":     "/api/articles?entity=" + q,
	}
}

func articleLinks(id string) Links {
	return Links{"self": "/api/articles/" + id, "html": "/articles/" + id}
}

// ClaimOut is a claim in API answers, with links.
type ClaimOut struct {
	explore.Claim
	Links Links `json:"links"`
}

func claimsOut(cs []explore.Claim) []ClaimOut {
	out := make([]ClaimOut, len(cs))
	for i, c := range cs {
		out[i] = ClaimOut{Claim: c, Links: Links{
			"article": "/api/articles/" + c.Article,
			"html":    "/articles/" + c.Article + "#claim-" + c.ID,
		}}
	}
	return out
}

func (s *Server) searchEntities(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "q", "type", "limit"); err != nil {
		return nil, err
	}
	limit, err := s.limitParam(r, 20)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	res, err := s.x.Search(ctx, explore.SearchOptions{Query: q.Get("q"), Type: q.Get("type"), Limit: limit})
	if err != nil {
		return nil, err
	}
	type hit struct {
		explore.SearchResult
		Links Links `json:"links"`
	}
	out := make([]hit, len(res))
	for i, e := range res {
		out[i] = hit{e, entityLinks(e.ID)}
	}
	return map[string]interface{}{"query": q.Get("q"), "entities": out}, nil
}

func (s *Server) entity(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "limit"); err != nil {
		return nil, err
	}
	limit, err := s.limitParam(r, 20)
	if err != nil {
		return nil, err
	}
	e, err := s.x.Entity(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	by, err := s.x.Claims(ctx, explore.ClaimFilter{By: e.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	about, err := s.x.Claims(ctx, explore.ClaimFilter{About: e.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	cont, err := s.x.Contested(ctx, explore.ContestedFilter{About: e.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	return map[string]interface{}{
		"entity":       e,
		"claims_by":    claimsOut(by),
		"claims_about": claimsOut(about),
		"contested":    cont,
		"links":        entityLinks(e.ID),
	}, nil
}

func (s *Server) claims(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "about", "by", "stance", "article", "limit"); err != nil {
		return nil, err
	}
	limit, err := s.limitParam(r, explore.DefaultLimit)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	f := explore.ClaimFilter{About: q.Get("about"), By: q.Get("by"), Stance: q.Get("stance"), Article: q.Get("article"), Limit: limit}
	if err := explore.CheckStance(f.Stance); err != nil {
		return nil, err
	}
	cs, err := s.x.Claims(ctx, f)
	if err != nil {
		return nil, err
	}
	return map[string]interface{}{"claims": claimsOut(cs), "count": len(cs), "limit": limit}, nil
}

func (s *Server) contested(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "about", "article", "limit"); err != nil {
		return nil, err
	}
	limit, err := s.limitParam(r, explore.DefaultLimit)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	cs, err := s.x.Contested(ctx, explore.ContestedFilter{About: q.Get("about"), Article: q.Get("article"), Limit: limit})
	if err != nil {
		return nil, err
	}
	return map[string]interface{}{"contested": cs, "count": len(cs)}, nil
}

func (s *Server) path(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "from", "to", "max_hops"); err != nil {
		return nil, err
	}
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	if from == "" || to == "" {
		return nil, badRequest("path needs from= and to= (entity IDs, names or aliases)")
	}
	hops := explore.DefaultHops
	if v := q.Get("max_hops"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, badRequest("max_hops %q is not a number", v)
		}
		hops = n
		if n < 1 || n > explore.MaxHops {
			return nil, badRequest("max_hops %d is out of range (1..%d)", n, explore.MaxHops)
		}
	}
	return s.x.Path(ctx, from, to, hops)
}

func (s *Server) articles(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r, "entity", "limit"); err != nil {
		return nil, err
	}
	limit, err := s.limitParam(r, explore.DefaultLimit)
	if err != nil {
		return nil, err
	}
	as, err := s.x.Articles(ctx, r.URL.Query().Get("entity"), limit)
	if err != nil {
		return nil, err
	}
	type item struct {
		explore.ArticleSummary
		Links Links `json:"links"`
	}
	out := make([]item, len(as))
	for i, a := range as {
		out[i] = item{a, articleLinks(a.ID)}
	}
	return map[string]interface{}{"articles": out, "count": len(out)}, nil
}

// ArticleOut is an article in API answers.
type ArticleOut struct {
	*explore.Article
	Claims []ClaimOut `json:"claims"`
	Links  Links      `json:"links"`
}

func (s *Server) loadArticle(ctx context.Context, id string) (*ArticleOut, error) {
	a, err := s.x.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	return &ArticleOut{Article: a, Claims: claimsOut(a.Claims), Links: articleLinks(a.ID)}, nil
}

func (s *Server) article(ctx context.Context, r *http.Request) (interface{}, error) {
	if err := knownParams(r); err != nil {
		return nil, err
	}
	return s.loadArticle(ctx, r.PathValue("id"))
}
