package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/claimgraph/claimgraph/graph"
)

func replCommand() *cli.Command {
	return &cli.Command{
		Name:  "repl",
		Usage: "run Gizmo queries at a prompt (history, multi-line input)",
		Description: `Type a Gizmo query and press Enter; it runs once it is complete (brackets and quotes
closed, no trailing "." or "\") and asks for results (.all(), .toArray(), g.emit(...), ...); until
then the prompt shows "..." and the query goes on over several lines. An empty line runs what was
typed as it is. Up and down arrows walk the history, kept in ~/.claimgraph_history. Commands:
   :limit N     results per query (now: --limit)
   :timeout D   time limit per query, e.g. 10s
   :help        this help
   :quit        leave (or Ctrl-D)
With standard input not a terminal, reads queries separated by blank lines and runs each.

Examples:
   claimgraph repl
   printf 'g.V("<ent:org/nato>")\n  .In("<cg:claimant>")\n  .Out("<cg:content>").all()\n' | claimgraph repl`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most `N` results per query"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query after this long"},
			&cli.StringFlag{Name: "history", Usage: "history `FILE` (default ~/.claimgraph_history; \"-\": none)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("repl takes no arguments, got %q", c.Args().First())
			}
			st, err := openStoreLimit(c, true, graph.DefaultMaxQueryLimit)
			if err != nil {
				return err
			}
			defer st.Close()
			r := &repl{st: st, out: c.App.Writer, limit: c.Int("limit"), timeout: c.Duration("timeout"), ctx: c.Context}
			in := c.App.Reader
			if in == nil {
				in = os.Stdin
			}
			if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				if out, ok := c.App.Writer.(*os.File); ok && term.IsTerminal(int(out.Fd())) {
					return r.interactive(f, out, historyPath(c.String("history")))
				}
			}
			return r.batch(in)
		},
	}
}

type repl struct {
	st      *graph.Store
	out     io.Writer
	limit   int
	timeout time.Duration
	ctx     context.Context
}

func historyPath(flag string) string {
	switch flag {
	case "-":
		return ""
	case "":
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		return filepath.Join(home, ".claimgraph_history")
	}
	return flag
}

// complete reports whether src is a whole statement: brackets and quotes
// closed, no comment open, and no trailing "." or "\".
func complete(src string) bool {
	var stack []rune
	var quote rune
	inLine, inBlock := false, false
	rs := []rune(src)
	for i := 0; i < len(rs); i++ {
		ch := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case inLine:
			if ch == '\n' {
				inLine = false
			}
		case inBlock:
			if ch == '*' && next == '/' {
				inBlock = false
				i++
			}
		case quote != 0:
			if ch == '\\' {
				i++
			} else if ch == quote {
				quote = 0
			} else if ch == '\n' && quote != '`' {
				return true // an unterminated string: let the parser report it
			}
		case ch == '/' && next == '/':
			inLine = true
		case ch == '/' && next == '*':
			inBlock = true
			i++
		case ch == '"' || ch == '\'' || ch == '`':
			quote = ch
		case ch == '(' || ch == '[' || ch == '{':
			stack = append(stack, ch)
		case ch == ')' || ch == ']' || ch == '}':
			if len(stack) == 0 {
				return true // unbalanced: let the parser report it
			}
			stack = stack[:len(stack)-1]
		}
	}
	if quote != 0 || inBlock || len(stack) > 0 {
		return false
	}
	t := strings.TrimRightFunc(stripLineComment(src), func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "\\")
}

// finalRE matches the calls that end a Gizmo query and give results.
var finalRE = regexp.MustCompile(`(?i)(\.(all|toarray|tagarray|tovalue|tagvalue|foreach|map|count|getlimit)\s*\(|g\.emit\s*\()`)

// final reports whether src asks for results (.all(), g.emit(...), ...):
// at the prompt, a chain without one goes on on the next line
// (g.V("<x>") Enter .Out("<p>").all() Enter); an empty line runs it as it is.
func final(src string) bool { return finalRE.MatchString(src) }

// stripLineComment drops a trailing // comment of the last line (roughly:
// outside quotes).
func stripLineComment(src string) string {
	lines := strings.Split(src, "\n")
	last := lines[len(lines)-1]
	if i := strings.Index(last, "//"); i >= 0 && strings.Count(last[:i], `"`)%2 == 0 && strings.Count(last[:i], `'`)%2 == 0 {
		lines[len(lines)-1] = last[:i]
	}
	return strings.Join(lines, "\n")
}

// command runs a ":" command; it reports whether to quit.
func (r *repl) command(line string) (quit bool) {
	f := strings.Fields(line)
	switch f[0] {
	case ":quit", ":q", ":exit":
		return true
	case ":help", ":h":
		fmt.Fprintln(r.out, `Gizmo queries run when complete (end a line with "." or "\" to go on). Commands:
  :limit N     results per query
  :timeout D   time limit per query (e.g. 10s)
  :quit        leave (or Ctrl-D)
IRIs are written in short form: g.V("<ent:org/nato>").In("<cg:claimant>").Out("<cg:content>").all()`)
	case ":limit":
		if len(f) != 2 {
			fmt.Fprintf(r.out, "limit: %d\n", r.limit)
			break
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 1 || n > graph.DefaultMaxQueryLimit {
			fmt.Fprintf(r.out, "error: :limit takes a number 1..%d\n", graph.DefaultMaxQueryLimit)
			break
		}
		r.limit = n
	case ":timeout":
		if len(f) != 2 {
			fmt.Fprintf(r.out, "timeout: %s\n", r.timeout)
			break
		}
		d, err := time.ParseDuration(f[1])
		if err != nil || d <= 0 {
			fmt.Fprintln(r.out, "error: :timeout takes a duration such as 10s")
			break
		}
		r.timeout = d
	default:
		fmt.Fprintf(r.out, "error: unknown command %s (try :help)\n", f[0])
	}
	return false
}

// run runs one query and prints its results or error.
func (r *repl) run(q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.timeout)
	defer cancel()
	start := time.Now()
	res, err := r.st.Query(ctx, "gizmo", q, r.limit)
	if err != nil {
		fmt.Fprintf(r.out, "error: %v\n", err)
		return
	}
	for _, v := range res {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(v)
		fmt.Fprint(r.out, b.String())
	}
	more := ""
	if len(res) == r.limit {
		more = " (the limit; :limit N for more)"
	}
	fmt.Fprintf(r.out, "-- %d result(s)%s in %s\n", len(res), more, time.Since(start).Round(time.Millisecond))
}

// batch reads queries separated by blank lines (and ":" commands, one a
// line) from in and runs each.
func (r *repl) batch(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var buf strings.Builder
	flush := func() {
		r.run(buf.String())
		buf.Reset()
	}
	for sc.Scan() {
		line := sc.Text()
		t := strings.TrimSpace(line)
		switch {
		case t == "" && complete(buf.String()):
			flush()
		case buf.Len() == 0 && strings.HasPrefix(t, ":"):
			if r.command(t) {
				return nil
			}
		default:
			buf.WriteString(strings.TrimSuffix(line, "\\"))
			buf.WriteByte('\n')
		}
	}
	flush()
	return sc.Err()
}

// fileHistory is the terminal's history, appended to a file.
type fileHistory struct {
	lines []string
	path  string
}

func (h *fileHistory) Add(entry string) {
	entry = strings.ReplaceAll(entry, "\n", " ")
	if entry == "" || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == entry) {
		return
	}
	h.lines = append(h.lines, entry)
	if h.path != "" {
		if f, err := os.OpenFile(h.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			fmt.Fprintln(f, entry)
			f.Close()
		}
	}
}

func (h *fileHistory) Len() int { return len(h.lines) }

// At returns the entry idx steps back (0: the newest).
func (h *fileHistory) At(idx int) string { return h.lines[len(h.lines)-1-idx] }

func loadHistory(path string) *fileHistory {
	h := &fileHistory{path: path}
	if path == "" {
		return h
	}
	if b, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if l != "" {
				h.lines = append(h.lines, l)
			}
		}
		if n := len(h.lines); n > 1000 {
			h.lines = h.lines[n-1000:]
		}
	}
	return h
}

// interactive runs the prompt on a terminal.
func (r *repl) interactive(in, out *os.File, history string) error {
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return r.batch(in)
	}
	defer term.Restore(int(in.Fd()), old)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, "gizmo> ")
	t.History = loadHistory(history)
	r.out = t
	fmt.Fprintln(t, `claimgraph Gizmo REPL: :help for help, :quit or Ctrl-D to leave`)
	var buf strings.Builder
	for {
		line, err := t.ReadLine()
		if err == io.EOF {
			fmt.Fprintln(t)
			return nil
		}
		if err != nil {
			return err
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ":") {
			if r.command(strings.TrimSpace(line)) {
				return nil
			}
			continue
		}
		buf.WriteString(strings.TrimSuffix(line, "\\"))
		buf.WriteByte('\n')
		if (complete(buf.String()) && final(buf.String())) || strings.TrimSpace(line) == "" {
			r.run(buf.String())
			buf.Reset()
			t.SetPrompt("gizmo> ")
		} else {
			t.SetPrompt("   ... ")
		}
	}
}
