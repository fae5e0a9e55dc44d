package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Fields name the fields of JSON Lines and CSV records that hold each part
// of an article; each lists the names tried in order (case-insensitively).
type Fields struct {
	ID, Text, Title, Date, URL, Source, Author []string
}

// DefaultFields are the field names used when Fields leaves one empty.
var DefaultFields = Fields{
	ID:     []string{"id"},
	Text:   []string{"text", "body", "content"},
	Title:  []string{"title", "headline"},
	Date:   []string{"date", "published"},
	URL:    []string{"url", "link"},
	Source: []string{"source", "publisher"},
	Author: []string{"author", "byline"},
}

// withDefaults fills empty fields from DefaultFields.
func (f Fields) withDefaults() Fields {
	pick := func(a, def []string) []string {
		var out []string
		for _, s := range a {
			if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			return def
		}
		return out
	}
	d := DefaultFields
	return Fields{
		ID: pick(f.ID, d.ID), Text: pick(f.Text, d.Text), Title: pick(f.Title, d.Title),
		Date: pick(f.Date, d.Date), URL: pick(f.URL, d.URL), Source: pick(f.Source, d.Source),
		Author: pick(f.Author, d.Author),
	}
}

// URLID returns the ID of an article that has a URL and no ID: a hash of
// the URL.
func URLID(url string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(url)))
	return "url-" + hex.EncodeToString(h[:8])
}

// recordArticle makes an article of a record whose fields are read by get
// (which returns "", false when the record has none of the names).
func (f Fields) recordArticle(get func(names []string) (string, bool, error)) (Article, error) {
	var a Article
	text, ok, err := get(f.Text)
	if err != nil {
		return a, err
	}
	if !ok {
		return a, fmt.Errorf("no %q field", f.Text[0])
	}
	for _, p := range []struct {
		dst   *string
		names []string
	}{
		{&a.ID, f.ID}, {&a.Title, f.Title}, {&a.Date, f.Date}, {&a.URL, f.URL},
		{&a.Source, f.Source}, {&a.Author, f.Author},
	} {
		v, _, err := get(p.names)
		if err != nil {
			return a, err
		}
		*p.dst = strings.TrimSpace(v)
	}
	if strings.TrimSpace(text) == "" {
		// A headline-only story (a "brief"): the headline is the text.
		if a.Title == "" {
			return a, errors.New("empty article (no text and no title)")
		}
		text = a.Title
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	a.Text = text
	switch {
	case a.ID != "":
	case a.URL != "":
		a.ID = URLID(a.URL)
	default:
		a.ID = DefaultID(text)
	}
	return a, nil
}

// ReadJSONL reads JSON Lines records {"id", "text", "title"?, "date"?, ...}
// with the default field names (see [DefaultFields]).
func ReadJSONL(r io.Reader, path string, fn func(Article) error, bad func(error)) error {
	rd := &reader{opts: ReadOptions{Format: FormatJSONL}, emit: fn, bad: bad}
	err := rd.jsonl(r, path, path)
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	return err
}

// jsonl reads JSON Lines (one object a line; record = line number), or a
// JSON array of objects (record = element number).
func (r *reader) jsonl(in io.Reader, name, loc string) error {
	fields := r.opts.Fields.withDefaults()
	br, ok := in.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(in, 64<<10)
	}
	if head, _ := br.Peek(64); len(bytes.TrimLeft(head, " \t\r\n\ufeff")) > 0 && bytes.TrimLeft(head, " \t\r\n\ufeff")[0] == '[' {
		return r.jsonArray(br, name, loc, fields)
	}
	limit := r.opts.maxBytes()
	n := 0
	for {
		line, err := readLine(br, limit)
		if err == io.EOF {
			return nil
		}
		n++
		if errors.Is(err, errLineTooLong) {
			r.bad(fmt.Errorf("%s: record %d: %w", name, n, err))
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: record %d: %w", name, n, err)
		}
		line = bytes.TrimSpace(line)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(line) == 0 {
			continue
		}
		a, err := jsonArticle(line, fields)
		if err != nil {
			r.bad(fmt.Errorf("%s: record %d: %w", name, n, err))
			continue
		}
		a.File, a.Record, a.Location = name, n, fmt.Sprintf("%s#%d", loc, n)
		if err := r.send(a); err != nil {
			return err
		}
	}
}

var errLineTooLong = errors.New("record larger than the limit (--max-bytes)")

// readLine reads a line (without its end), failing with errLineTooLong
// (after skipping the rest of the line) when it is longer than limit.
func readLine(br *bufio.Reader, limit int64) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if int64(len(buf)+len(chunk)) > limit {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return bytes.TrimRight(buf, "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(buf) > 0:
			return buf, nil
		default:
			return nil, err
		}
	}
}

func (r *reader) jsonArray(in io.Reader, name, loc string, fields Fields) error {
	dec := json.NewDecoder(in)
	if _, err := dec.Token(); err != nil { // [
		return fmt.Errorf("%s: bad JSON: %v", name, err)
	}
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("%s: record %d: bad JSON: %v (rest of file skipped)", name, n, err)
		}
		a, err := jsonArticle(raw, fields)
		if err != nil {
			r.bad(fmt.Errorf("%s: record %d: %w", name, n, err))
			continue
		}
		a.File, a.Record, a.Location = name, n, fmt.Sprintf("%s#%d", loc, n)
		if err := r.send(a); err != nil {
			return err
		}
	}
	return nil
}

// jsonArticle makes an article of one JSON object.
func jsonArticle(b []byte, fields Fields) (Article, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Article{}, fmt.Errorf("bad JSON: not an object")
		}
		return Article{}, fmt.Errorf("bad JSON: %v", err)
	}
	lower := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, dup := lower[lk]; !dup || k == lk {
			lower[lk] = v
		}
	}
	return fields.recordArticle(func(names []string) (string, bool, error) {
		for _, n := range names {
			v, ok := lower[n]
			if !ok {
				continue
			}
			s, null, err := jsonString(v)
			if err != nil {
				return "", false, fmt.Errorf("field %q: %v", n, err)
			}
			if null {
				continue
			}
			return s, true, nil
		}
		return "", false, nil
	})
}

// jsonString turns a JSON value into text: strings as they are, numbers
// and booleans as written, arrays of strings joined with ", ".
func jsonString(v json.RawMessage) (s string, null bool, err error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return "", true, nil
	}
	switch v[0] {
	case '"':
		err = json.Unmarshal(v, &s)
		return s, false, err
	case '[':
		var parts []string
		if err := json.Unmarshal(v, &parts); err != nil {
			return "", false, errors.New("not a string")
		}
		return strings.Join(parts, ", "), false, nil
	case '{':
		return "", false, errors.New("not a string (an object)")
	}
	return string(v), false, nil
}

// csv reads a CSV file with a header row; record = data row (1-based).
func (r *reader) csv(in io.Reader, name, loc string) error {
	fields := r.opts.Fields.withDefaults()
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: empty CSV file (a header row is needed)", name)
	}
	if err != nil {
		return fmt.Errorf("%s: header: %v", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	hasText := false
	for _, n := range fields.Text {
		if _, ok := col[n]; ok {
			hasText = true
		}
	}
	if !hasText {
		return fmt.Errorf("%s: header: no %q column (header: %s; see --text-field)", name, fields.Text[0], strings.Join(header, ","))
	}
	limit := r.opts.maxBytes()
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				r.bad(fmt.Errorf("%s: record %d (line %d): bad CSV: %v", name, n, pe.StartLine, pe.Err))
				continue
			}
			return fmt.Errorf("%s: record %d: %w", name, n, err)
		}
		line := 0
		if len(rec) > 0 {
			line, _ = cr.FieldPos(0)
		}
		if len(rec) != len(header) {
			r.bad(fmt.Errorf("%s: record %d (line %d): %d fields, the header has %d", name, n, line, len(rec), len(header)))
			continue
		}
		size := 0
		for _, v := range rec {
			size += len(v)
		}
		if int64(size) > limit {
			r.bad(fmt.Errorf("%s: record %d (line %d): %w", name, n, line, errLineTooLong))
			continue
		}
		a, err := fields.recordArticle(func(names []string) (string, bool, error) {
			for _, nm := range names {
				if i, ok := col[nm]; ok {
					return rec[i], true, nil
				}
			}
			return "", false, nil
		})
		if err != nil {
			r.bad(fmt.Errorf("%s: record %d (line %d): %w", name, n, line, err))
			continue
		}
		a.File, a.Record, a.Location = name, n, fmt.Sprintf("%s#%d", loc, n)
		if err := r.send(a); err != nil {
			return err
		}
	}
}
