package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// An Article is one input article with its metadata and provenance.
type Article struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Author string `json:"author,omitempty"`
	Text   string `json:"text"`

	File   string `json:"-"` // where it came from
	Record int    `json:"-"` // record number inside File (1-based), 0 for whole files
}

// Where names the article's origin for error messages.
func (a *Article) Where() string {
	if a.Record > 0 {
		return fmt.Sprintf("%s: record %d", a.File, a.Record)
	}
	return a.File
}

// ContentHash returns the hash of the article's text with white space
// collapsed and case folded: reprints of one wire story hash alike.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return hex.EncodeToString(h[:])
}

// DefaultID returns the ID of an article that has none: a prefix of its
// content hash.
func DefaultID(text string) string { return ContentHash(text)[:16] }

// Walk returns the article files (.txt, .md, .jsonl, .ndjson) under the
// given files and directories, sorted, directories walked recursively.
func Walk(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".md", ".jsonl", ".ndjson":
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// ReadFile calls fn for every article in a file: one for a .txt/.md file
// (the first non-empty line is the headline), one per line for .jsonl. A bad
// record is reported to bad (with the file and record number) and skipped.
func ReadFile(path string, fn func(Article) error, bad func(error)) error {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return ReadJSONL(r, path, fn, bad)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	a, err := TextArticle(path, b)
	if err != nil {
		bad(err)
		return nil
	}
	return fn(a)
}

// TextArticle makes an article of a plain-text file.
func TextArticle(path string, b []byte) (Article, error) {
	if !utf8.Valid(b) {
		return Article{}, fmt.Errorf("%s: not UTF-8 text", path)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return Article{}, fmt.Errorf("%s: binary file (contains NUL bytes)", path)
	}
	text := string(b)
	if strings.TrimSpace(text) == "" {
		return Article{}, fmt.Errorf("%s: empty article", path)
	}
	title := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			title = strings.TrimSpace(l)
			break
		}
	}
	return Article{ID: DefaultID(text), Title: title, Text: text, File: path}, nil
}

// jsonRecord is one JSON Lines input record.
type jsonRecord struct {
	ID      json.RawMessage `json:"id"`
	Text    *string         `json:"text"`
	Body    *string         `json:"body"`
	Content *string         `json:"content"`
	Title   string          `json:"title"`
	Date    string          `json:"date"`
	URL     string          `json:"url"`
	Source  string          `json:"source"`
	Author  string          `json:"author"`
}

// ReadJSONL reads JSON Lines records {"id", "text", "title"?, "date"?, ...}.
func ReadJSONL(r io.Reader, path string, fn func(Article) error, bad func(error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec jsonRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			bad(fmt.Errorf("%s: record %d: bad JSON: %v", path, n, err))
			continue
		}
		text := rec.Text
		if text == nil {
			text = rec.Body
		}
		if text == nil {
			text = rec.Content
		}
		if text == nil {
			bad(fmt.Errorf("%s: record %d: no \"text\" field", path, n))
			continue
		}
		id := strings.Trim(string(rec.ID), `"`)
		if id == "" || id == "null" {
			id = DefaultID(*text)
		}
		a := Article{ID: id, Title: rec.Title, Date: rec.Date, URL: rec.URL, Source: rec.Source,
			Author: rec.Author, Text: *text, File: path, Record: n}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: line %d: %w", path, n+1, err)
	}
	return nil
}
