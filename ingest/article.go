package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
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

	// File is where the article came from, as given on the command line;
	// a member of an archive is named "archive.tar.gz!dir/member.html".
	File string `json:"-"`
	// Record is the record number inside File (1-based: the line of a
	// JSON Lines file, the data row of a CSV file, the <REUTERS> element of
	// an SGML file, the record of a WARC file), 0 for a whole file.
	Record int `json:"-"`
	// Location names the article's origin for provenance: File (made
	// absolute) and "#Record" for a record; "-" for standard input.
	Location string `json:"-"`
	// Hash is ContentHash(Text); set by the reader of [Ingest].
	Hash string `json:"-"`
}

// Where names the article's origin for error messages.
func (a *Article) Where() string {
	if a.Record > 0 {
		return fmt.Sprintf("%s: record %d", a.File, a.Record)
	}
	return a.File
}

// Sources returns the places where this copy of the article was found: its
// Location and its URL when it has one.
func (a *Article) Sources() []string {
	var out []string
	if a.Location != "" {
		out = append(out, a.Location)
	}
	if a.URL != "" && a.URL != a.Location {
		out = append(out, a.URL)
	}
	return out
}

// ContentHash returns the hash of the article's text with white space
// collapsed and case folded: reprints of one wire story hash alike.
func ContentHash(text string) string {
	h := sha256.New()
	var buf [utf8.UTFMax]byte
	space := false
	started := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = started
			continue
		}
		if space {
			h.Write([]byte{' '})
			space = false
		}
		started = true
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			buf[0] = byte(r)
			h.Write(buf[:1])
		} else {
			n := utf8.EncodeRune(buf[:], r)
			h.Write(buf[:n])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// DefaultID returns the ID of an article that has none: a prefix of its
// content hash.
func DefaultID(text string) string { return ContentHash(text)[:16] }

// TextArticle makes an article of a plain-text file: the first non-empty
// line is the headline.
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
	return Article{ID: DefaultID(text), Title: firstLine(text), Text: text, File: path}, nil
}

// firstLine returns the first non-empty line of text, trimmed.
func firstLine(text string) string {
	for text != "" {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// readAllLimit reads r whole, failing when it holds more than limit bytes
// (limit <= 0: no limit).
func readAllLimit(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return io.ReadAll(r)
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than the limit of %s bytes (--max-bytes)", strconv.FormatInt(limit, 10))
	}
	return b, nil
}
