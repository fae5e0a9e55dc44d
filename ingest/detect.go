package ingest

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// A Format is an input format.
type Format string

// The input formats. Containers (gzip, zstd, tar, zip) are always detected
// and unpacked; the format of what is inside is then detected from its name
// and content, or forced with ReadOptions.Format.
const (
	FormatAuto  Format = ""
	FormatText  Format = "text"  // .txt, .md: one article, the first non-empty line its headline
	FormatHTML  Format = "html"  // .html, .htm: one article (main text and metadata)
	FormatJSONL Format = "jsonl" // .jsonl, .ndjson: one article a line
	FormatCSV   Format = "csv"   // .csv: one article a row, with a header row
	FormatSGML  Format = "sgml"  // .sgm: Reuters-21578 SGML, one article per <REUTERS> element
	FormatWARC  Format = "warc"  // .warc: HTML responses of a web archive

	formatGzip Format = "gzip"
	formatZstd Format = "zstd"
	formatTar  Format = "tar"
	formatZip  Format = "zip"
	formatSkip Format = "skip" // not an article file
)

// Formats lists the values accepted by ParseFormat.
var Formats = []Format{FormatText, FormatHTML, FormatJSONL, FormatCSV, FormatSGML, FormatWARC}

// ParseFormat checks a --format value ("" or "auto" = detect).
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "auto":
		return FormatAuto, nil
	case "txt", "md", "markdown", "plain":
		return FormatText, nil
	case "htm", "xhtml":
		return FormatHTML, nil
	case "ndjson", "json":
		return FormatJSONL, nil
	case "sgm", "reuters":
		return FormatSGML, nil
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (want auto, %s)", s, strings.Join(names, ", "))
}

// formatByName guesses the format from a file name ("" when the name says
// nothing).
func formatByName(name string) Format {
	n := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case strings.HasSuffix(n, ".tar.gz"), strings.HasSuffix(n, ".tgz"),
		strings.HasSuffix(n, ".tar.zst"), strings.HasSuffix(n, ".tzst"), strings.HasSuffix(n, ".tar"):
		if strings.HasSuffix(n, ".tar") {
			return formatTar
		}
		if strings.HasSuffix(n, ".zst") || strings.HasSuffix(n, ".tzst") {
			return formatZstd
		}
		return formatGzip
	case strings.HasSuffix(n, ".gz"):
		return formatGzip
	case strings.HasSuffix(n, ".zst"), strings.HasSuffix(n, ".zstd"):
		return formatZstd
	case strings.HasSuffix(n, ".zip"):
		return formatZip
	}
	switch path.Ext(n) {
	case ".txt", ".md", ".markdown", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	case ".sgm", ".sgml":
		return FormatSGML
	case ".warc", ".arc":
		return FormatWARC
	}
	return ""
}

// innerName is the name of what a compressed file holds: "a.jsonl.gz" ->
// "a.jsonl", "a.tgz" -> "a.tar".
func innerName(name string) string {
	l := strings.ToLower(name)
	for _, s := range []struct{ suffix, repl string }{
		{".tgz", ".tar"}, {".tzst", ".tar"}, {".gz", ""}, {".zstd", ""}, {".zst", ""},
	} {
		if strings.HasSuffix(l, s.suffix) {
			return name[:len(name)-len(s.suffix)] + s.repl
		}
	}
	return name
}

// sniffContainer recognises compressed and archive files by their magic
// bytes.
func sniffContainer(head []byte) Format {
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return formatGzip
	case len(head) >= 4 && bytes.Equal(head[:4], []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return formatZstd
	case len(head) >= 4 && (bytes.Equal(head[:4], []byte("PK\x03\x04")) || bytes.Equal(head[:4], []byte("PK\x05\x06"))):
		return formatZip
	case len(head) >= 262 && bytes.Equal(head[257:262], []byte("ustar")):
		return formatTar
	}
	return ""
}

// sniffContent recognises an article format from the first bytes of a
// file whose name says nothing.
func sniffContent(head []byte) Format {
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	t = bytes.TrimPrefix(t, []byte("\ufeff"))
	lower := bytes.ToLower(t[:min(len(t), 512)])
	switch {
	case bytes.HasPrefix(t, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(lower, []byte("<!doctype lewis")), bytes.HasPrefix(lower, []byte("<reuters")):
		return FormatSGML
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")):
		return FormatHTML
	case bytes.HasPrefix(t, []byte("{")):
		return FormatJSONL
	}
	if len(head) == 0 {
		return FormatText
	}
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return FormatHTML
	case strings.HasPrefix(ct, "text/"):
		return FormatText
	}
	return formatSkip
}

// isArticleName reports whether a directory walk takes this file: a name
// with a known article, compression or archive extension.
func isArticleName(name string) bool {
	f := formatByName(name)
	switch f {
	case "":
		return false
	case formatGzip, formatZstd:
		inner := innerName(name)
		return inner != name && isArticleName(inner)
	}
	return true
}
