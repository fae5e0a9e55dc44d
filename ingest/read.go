package ingest

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// DefaultMaxBytes is the default of ReadOptions.MaxBytes.
const DefaultMaxBytes = 32 << 20

// maxDepth bounds the nesting of containers (a zip in a tar in a gzip ...).
const maxDepth = 8

// ReadOptions say how input files are read.
type ReadOptions struct {
	// Format forces the format of the files (after unpacking containers);
	// FormatAuto detects it from the name and content.
	Format Format
	// Fields name the fields of JSON Lines and CSV records; zero fields
	// take the defaults of [DefaultFields].
	Fields Fields
	// MaxBytes is the largest article (a text or HTML file, a record) read;
	// larger ones are bad records. 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (o ReadOptions) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Walk returns the article files under the given files and directories,
// sorted, directories walked recursively (hidden directories skipped). A
// directory contributes the files with a known extension (.txt, .md,
// .html, .htm, .jsonl, .ndjson, .json, .csv, .sgm, .warc, and those
// compressed or archived: .gz, .zst, .tar, .tgz, .zip); a file named
// explicitly is always taken (its format is then detected from its
// content if its name says nothing). "-" is standard input.
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
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") && isArticleName(d.Name()) {
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

// errStop wraps an error returned by emit: reading stops.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

// A reader reads articles from files of any supported format.
type reader struct {
	ctx  context.Context
	opts ReadOptions
	emit func(Article) error
	bad  func(error)
	read *atomic.Int64 // bytes read from the top-level files
}

// ReadFile calls fn for every article in a file of any supported format
// (see [Walk]). A bad record, or a bad file, is reported to bad (naming the
// file and record) and skipped. ReadFile returns the first error returned
// by fn.
func ReadFile(path string, fn func(Article) error, bad func(error)) error {
	return ReadFileOptions(context.Background(), path, ReadOptions{}, fn, bad)
}

// ReadFileOptions is ReadFile with options.
func ReadFileOptions(ctx context.Context, path string, opts ReadOptions, fn func(Article) error, bad func(error)) error {
	r := &reader{ctx: ctx, opts: opts, emit: fn, bad: bad, read: new(atomic.Int64)}
	return r.readPath(path)
}

// readPath reads one top-level file ("-" = standard input).
func (r *reader) readPath(path string) error {
	if path == "-" {
		return r.top(os.Stdin, "<stdin>", "<stdin>", nil, -1)
	}
	f, err := os.Open(path)
	if err != nil {
		r.bad(err)
		return nil
	}
	defer f.Close()
	var size int64 = -1
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	loc := path
	if abs, err := filepath.Abs(path); err == nil {
		loc = abs
	}
	return r.top(f, path, loc, f, size)
}

func (r *reader) top(f io.Reader, name, loc string, ra io.ReaderAt, size int64) error {
	cr := &countingReader{r: f, n: r.read}
	if ra != nil {
		ra = countingReaderAt{ra: ra, n: r.read}
	}
	err := r.stream(cr, name, loc, ra, size, 0)
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	if err != nil {
		r.bad(err)
	}
	return nil
}

// stream reads one file or archive member. name is its display name and
// loc its location (see Article.Location); ra and size are set when the
// file can be read at random (a zip file on disk). Bad records are
// reported and skipped; the error returned is a bad file (reported by the
// caller) or an errStop.
func (r *reader) stream(in io.Reader, name, loc string, ra io.ReaderAt, size int64, depth int) error {
	return r.streamAs(in, name, name, loc, ra, size, depth)
}

// streamAs is stream with hint, the name the format is guessed from (the
// name of what a compressed file holds: "a.jsonl" for "a.jsonl.gz").
func (r *reader) streamAs(in io.Reader, name, hint, loc string, ra io.ReaderAt, size int64, depth int) error {
	if err := r.ctx.Err(); err != nil {
		return errStop{err}
	}
	if depth > maxDepth {
		return fmt.Errorf("%s: containers nested too deep", name)
	}
	br := bufio.NewReaderSize(in, 64<<10)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("%s: %w", name, err)
	}
	byName := formatByName(hint)
	format := sniffContainer(head)
	if format == "" && byName == formatTar && len(head) < 262 {
		format = formatTar // an empty or short tar
	}
	if format == "" {
		switch byName {
		case formatGzip, formatZstd, formatZip, formatTar:
			return fmt.Errorf("%s: not a %s file", name, byName)
		}
	}
	if format == "" {
		format = r.opts.Format
	}
	if format == "" {
		format = byName
	}
	if format == "" {
		format = sniffContent(head)
	}
	switch format {
	case formatGzip:
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer gz.Close()
		return r.streamAs(gz, name, innerName(hint), loc, nil, -1, depth+1)
	case formatZstd:
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		return r.streamAs(zr, name, innerName(hint), loc, nil, -1, depth+1)
	case formatTar:
		return r.tar(br, name, loc, depth)
	case formatZip:
		if ra != nil && size >= 0 {
			return r.zip(ra, size, name, loc, depth)
		}
		return r.spoolZip(br, name, loc, depth)
	case FormatText, FormatHTML:
		b, err := readAllLimit(br, r.opts.maxBytes())
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var a Article
		if format == FormatText {
			a, err = TextArticle(name, b)
		} else {
			a, err = HTMLArticle(name, b, "", "")
		}
		if err != nil {
			r.bad(err)
			return nil
		}
		a.Location = loc
		return r.send(a)
	case FormatJSONL:
		return r.jsonl(br, name, loc)
	case FormatCSV:
		return r.csv(br, name, loc)
	case FormatSGML:
		return r.sgml(br, name, loc)
	case FormatWARC:
		return r.warc(br, name, loc)
	case formatSkip:
		if depth == 0 {
			return fmt.Errorf("%s: not an article file (binary content; see --format)", name)
		}
		return nil
	}
	return fmt.Errorf("%s: unknown format %q", name, format)
}

// send emits an article; an error of emit stops reading.
func (r *reader) send(a Article) error {
	if err := r.emit(a); err != nil {
		return errStop{err}
	}
	return nil
}

// readMember reports whether an archive member is read: regular files with an
// article name, not hidden, not under a hidden directory.
func readMember(name string) bool {
	for _, part := range strings.Split(strings.ReplaceAll(name, "\\", "/"), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return false
		}
	}
	return isArticleName(name)
}

func (r *reader) tar(in io.Reader, name, loc string, depth int) error {
	tr := tar.NewReader(in)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if h.Typeflag != tar.TypeReg || !readMember(h.Name) {
			continue
		}
		if err := r.memberStream(tr, name+"!"+h.Name, loc+"!"+h.Name, depth); err != nil {
			return err
		}
	}
}

// memberStream reads an archive member; its bad-file errors are reported
// and the archive goes on.
func (r *reader) memberStream(in io.Reader, name, loc string, depth int) error {
	err := r.stream(in, name, loc, nil, -1, depth+1)
	var stop errStop
	if errors.As(err, &stop) {
		return err
	}
	if err != nil {
		r.bad(err)
	}
	return nil
}

func (r *reader) zip(ra io.ReaderAt, size int64, name, loc string, depth int) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	files := make([]*zip.File, 0, len(zr.File))
	for _, f := range zr.File {
		if f.Mode().IsRegular() && readMember(f.Name) {
			files = append(files, f)
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			r.bad(fmt.Errorf("%s!%s: %w", name, f.Name, err))
			continue
		}
		err = r.memberStream(rc, name+"!"+f.Name, loc+"!"+f.Name, depth)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// spoolZip copies a zip that cannot be read at random (from a stream or
// another archive) to a temporary file, and reads that.
func (r *reader) spoolZip(in io.Reader, name, loc string, depth int) error {
	tmp, err := os.CreateTemp("", "claimgraph-zip-*")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, in)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return r.zip(tmp, n, name, loc, depth)
}

// countingReader counts the bytes read into n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type countingReaderAt struct {
	ra io.ReaderAt
	n  *atomic.Int64
}

func (c countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.ra.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}
