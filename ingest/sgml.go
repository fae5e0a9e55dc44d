package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reuters-21578 SGML (reut2-NNN.sgm): one article per <REUTERS> element,
// with <DATE>, <TEXT> holding <TITLE>, <DATELINE>, <AUTHOR> and <BODY>.
// TEXT TYPE="BRIEF" stories have a title only (their text is the title);
// TYPE="UNPROC" stories have unmarked text (its first line is the title).
// Entities (&lt; &amp; &#3; ...) are decoded, control characters dropped,
// and bytes that are not UTF-8 read as Latin-1.

var (
	sgmlOpen   = []byte("<REUTERS")
	sgmlClose  = []byte("</REUTERS>")
	sgmlNewID  = regexp.MustCompile(`\bNEWID="(\d+)"`)
	sgmlText   = regexp.MustCompile(`(?s)<TEXT\b([^>]*)>(.*?)</TEXT>`)
	sgmlType   = regexp.MustCompile(`TYPE="([A-Z]+)"`)
	sgmlTag    = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
	sgmlEntity = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);`)
)

func (r *reader) sgml(in io.Reader, name, loc string) error {
	br, ok := in.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(in, 64<<10)
	}
	limit := r.opts.maxBytes()
	var buf []byte
	n := 0
	skipping := false // inside a record that was too large
	for {
		line, err := readLine(br, limit)
		if err == io.EOF {
			break
		}
		if errors.Is(err, errLineTooLong) {
			line, err = nil, nil
		}
		if err != nil {
			return fmt.Errorf("%s: after record %d: %w", name, n, err)
		}
		if skipping {
			if i := bytes.Index(line, sgmlClose); i >= 0 {
				skipping = false
				line = line[i+len(sgmlClose):]
			} else {
				continue
			}
		}
		buf = append(buf, line...)
		buf = append(buf, '\n')
		for {
			end := bytes.Index(buf, sgmlClose)
			if end < 0 {
				break
			}
			rec := buf[:end]
			if start := bytes.LastIndex(rec, sgmlOpen); start >= 0 {
				n++
				a, err := sgmlArticle(rec[start:])
				if err != nil {
					r.bad(fmt.Errorf("%s: record %d: %w", name, n, err))
				} else {
					a.File, a.Record, a.Location = name, n, fmt.Sprintf("%s#%d", loc, n)
					if err := r.send(a); err != nil {
						return err
					}
				}
			}
			buf = append(buf[:0], buf[end+len(sgmlClose):]...)
		}
		if int64(len(buf)) > limit {
			n++
			r.bad(fmt.Errorf("%s: record %d: %w", name, n, errLineTooLong))
			buf = buf[:0]
			skipping = true
		}
	}
	if bytes.Contains(buf, sgmlOpen) {
		n++
		r.bad(fmt.Errorf("%s: record %d: unterminated <REUTERS> element (file truncated?)", name, n))
	}
	if n == 0 {
		return fmt.Errorf("%s: no <REUTERS> records (not Reuters-21578 SGML?)", name)
	}
	return nil
}

// sgmlArticle reads one <REUTERS ...> ... element (without its end tag).
func sgmlArticle(rec []byte) (Article, error) {
	var a Article
	startTag := rec
	if i := bytes.IndexByte(rec, '>'); i >= 0 {
		startTag = rec[:i]
	}
	m := sgmlNewID.FindSubmatch(startTag)
	if m == nil {
		return a, errors.New("<REUTERS> element without a NEWID attribute")
	}
	a.ID = "reuters21578-" + string(m[1])
	a.Source = "Reuters"
	a.Date = sgmlDate(decodeSGML(sgmlElem(rec, "DATE")))
	tm := sgmlText.FindSubmatch(rec)
	if tm == nil {
		return a, errors.New("no <TEXT> element")
	}
	typ := ""
	if t := sgmlType.FindSubmatch(tm[1]); t != nil {
		typ = string(t[1])
	}
	text := tm[2]
	a.Title = collapse(decodeSGML(sgmlElem(text, "TITLE")))
	a.Author = sgmlAuthor(decodeSGML(sgmlElem(text, "AUTHOR")))
	body := ""
	if b := sgmlElem(text, "BODY"); b != nil {
		body = decodeSGML(b)
	} else if typ == "UNPROC" || !bytes.Contains(text, []byte("<TITLE>")) {
		body = strings.TrimLeft(decodeSGML(sgmlTag.ReplaceAll(text, nil)), "\n")
		if a.Title == "" {
			a.Title = firstLine(body)
		}
	}
	if strings.TrimSpace(body) == "" {
		body = a.Title // a brief: the headline is the story
	}
	if strings.TrimSpace(body) == "" {
		return a, errors.New("empty story (no title and no body)")
	}
	a.Text = body
	return a, nil
}

// sgmlElem returns the content of the first <tag>...</tag> in b, or nil.
func sgmlElem(b []byte, tag string) []byte {
	open := []byte("<" + tag + ">")
	i := bytes.Index(b, open)
	if i < 0 {
		return nil
	}
	rest := b[i+len(open):]
	j := bytes.Index(rest, []byte("</"+tag+">"))
	if j < 0 {
		return nil
	}
	return rest[:j]
}

// decodeSGML turns SGML text into UTF-8: bytes that are not UTF-8 are
// read as Latin-1, entities decoded, control characters (but newlines and
// tabs) dropped.
func decodeSGML(b []byte) string {
	if b == nil {
		return ""
	}
	var s string
	if utf8.Valid(b) {
		s = string(b)
	} else {
		var sb strings.Builder
		for len(b) > 0 {
			r, size := utf8.DecodeRune(b)
			if r == utf8.RuneError && size <= 1 {
				sb.WriteRune(rune(b[0])) // Latin-1
				b = b[1:]
				continue
			}
			sb.Write(b[:size])
			b = b[size:]
		}
		s = sb.String()
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = sgmlEntity.ReplaceAllStringFunc(s, func(e string) string {
			name := e[1 : len(e)-1]
			if name[0] == '#' {
				var v uint64
				var err error
				if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
					v, err = strconv.ParseUint(name[2:], 16, 32)
				} else {
					v, err = strconv.ParseUint(name[1:], 10, 32)
				}
				if err != nil || v > utf8.MaxRune {
					return e
				}
				return string(rune(v))
			}
			switch name {
			case "lt":
				return "<"
			case "gt":
				return ">"
			case "amp":
				return "&"
			case "quot":
				return `"`
			case "apos":
				return "'"
			case "nbsp":
				return "\u00a0"
			}
			return e
		})
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

var months = map[string]string{"JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06",
	"JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12"}

// sgmlDate turns "26-FEB-1987 15:01:01.79" into "1987-02-26T15:01:01.79";
// other forms are returned trimmed.
func sgmlDate(s string) string {
	s = strings.TrimSpace(s)
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	d := strings.Split(f[0], "-")
	if len(d) != 3 {
		return s
	}
	day, err1 := strconv.Atoi(d[0])
	year, err2 := strconv.Atoi(d[2])
	mon, ok := months[strings.ToUpper(d[1])]
	if err1 != nil || err2 != nil || !ok || day < 1 || day > 31 {
		return s
	}
	out := fmt.Sprintf("%04d-%s-%02d", year, mon, day)
	if len(f) > 1 && len(f[1]) >= 8 && f[1][2] == ':' && f[1][5] == ':' {
		out += "T" + f[1]
	}
	return out
}

// sgmlAuthor turns "    by Janie Gabbett, Reuters" into "Janie Gabbett".
func sgmlAuthor(s string) string {
	s = collapse(s)
	if l := strings.ToLower(s); strings.HasPrefix(l, "by ") {
		s = s[3:]
	}
	s = strings.TrimSuffix(s, ", Reuters")
	return strings.TrimSpace(s)
}

// collapse trims s and collapses runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
