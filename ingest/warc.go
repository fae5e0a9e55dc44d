package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"
)

// warc reads a WARC file (its records possibly gzipped one by one, as in
// .warc.gz) with github.com/nlnwa/gowarc: every response (or resource)
// record holding an HTML page with HTTP status 200 is an article; other
// records (requests, metadata, redirects, images ...) are skipped. The
// record number is the record's position in the file (1-based, all
// records counted).
func (r *reader) warc(in io.Reader, name, loc string) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(in, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer wr.Close()
	limit := r.opts.maxBytes()
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return errStop{err}
		}
		rec, err := wr.Next()
		if err == io.EOF {
			if n == 1 {
				return fmt.Errorf("%s: no WARC records", name)
			}
			return nil
		}
		if err != nil {
			rec.Close()
			if rec.Size <= 0 || errors.Is(err, gowarc.ErrNoRecord) {
				return fmt.Errorf("%s: record %d: bad WARC record: %v (rest of file skipped)", name, n, err)
			}
			r.bad(fmt.Errorf("%s: record %d: bad WARC record: %v", name, n, err))
			continue
		}
		a, ok, err := warcArticle(rec.WarcRecord, limit)
		rec.Close()
		if err != nil {
			r.bad(fmt.Errorf("%s: record %d: %w", name, n, err))
			continue
		}
		if !ok {
			continue
		}
		a.File, a.Record, a.Location = name, n, fmt.Sprintf("%s#%d", loc, n)
		if err := r.send(a); err != nil {
			return err
		}
	}
}

// warcArticle makes an article of an HTML response record; ok is false for
// records that hold no page.
func warcArticle(rec gowarc.WarcRecord, limit int64) (a Article, ok bool, err error) {
	if rec == nil || rec.Type()&(gowarc.Response|gowarc.Resource) == 0 {
		return a, false, nil
	}
	h := rec.WarcHeader()
	target := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	var body io.Reader
	contentType := ""
	var encoding string
	switch blk := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if blk.HttpStatusCode() != 200 {
			return a, false, nil
		}
		if hh := blk.HttpHeader(); hh != nil {
			contentType = hh.Get("Content-Type")
			encoding = strings.ToLower(strings.TrimSpace(hh.Get("Content-Encoding")))
		}
		body, err = blk.PayloadBytes()
	case gowarc.PayloadBlock:
		if rec.Type() != gowarc.Resource {
			return a, false, nil
		}
		contentType = h.Get(gowarc.ContentType)
		body, err = blk.PayloadBytes()
	default:
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("reading the payload: %v", err)
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return a, false, nil
	}
	// The block must be whole (a WARC file cut short ends in a partial
	// record): protocol header + payload = Content-Length.
	headerLen := 0
	if ph, ok := rec.Block().(gowarc.ProtocolHeaderBlock); ok {
		headerLen = len(ph.ProtocolHeaderBytes())
	}
	var raw atomic.Int64
	body = &countingReader{r: body, n: &raw}
	switch encoding {
	case "", "identity", "none":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(body)
		if err != nil {
			return a, false, fmt.Errorf("content encoding gzip: %v", err)
		}
		defer gz.Close()
		body = gz
	case "deflate":
		fr := flate.NewReader(body)
		defer fr.Close()
		body = fr
	default:
		return a, false, fmt.Errorf("unsupported content encoding %q", encoding)
	}
	b, err := readAllLimit(body, limit)
	if err != nil {
		return a, false, err
	}
	if cl, err := h.GetInt64(gowarc.ContentLength); err == nil && int64(headerLen)+raw.Load() < cl {
		return a, false, fmt.Errorf("truncated record (%d of %d bytes)", int64(headerLen)+raw.Load(), cl)
	}
	a, err = HTMLArticle(target, b, contentType, target)
	if err != nil {
		// HTMLArticle names the page; the caller names the file and record.
		return a, false, errors.New(strings.TrimPrefix(err.Error(), target+": "))
	}
	// The capture date (WARC-Date) is not the publication date: a page
	// without one keeps an empty Date.
	return a, true, nil
}
