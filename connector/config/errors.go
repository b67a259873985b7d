package config

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Error is one problem in the config file. Its message and hint are
// catalog texts (keys config.*), shown in the reader's language; the
// position, the path and the names quoted from the file stay as they are.
type Error struct {
	File string
	Line int
	Col  int
	Path string // e.g. jobs[0].schedule
	Msg  catalog.Msg
	Hint catalog.Msg // zero: no hint
	// decode marks a value that could not be read at all; validation
	// then says nothing more about it.
	decode bool
}

// In writes the problem in l: "file:line:col: path: message (hint: …)".
func (e *Error) In(l catalog.Lang) string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	msg := e.Msg.In(l)
	if !e.Hint.IsZero() {
		msg = l.Text("config.with_hint", map[string]string{"msg": msg, "hint": e.Hint.In(l)})
	}
	b.WriteString(msg)
	return b.String()
}

// Error is the problem in English, for programs and tests; people read In.
func (e *Error) Error() string { return e.In(catalog.EN) }

// FileError is a config file that cannot be read at all (missing, no
// rights). It is a config problem like a bad value: the command line exits
// with its config-problem code and says what to do in the reader's language.
type FileError struct {
	Path string
	Err  error
}

// Msg is the problem as a catalog text.
func (e *FileError) Msg() catalog.Msg {
	if errors.Is(e.Err, fs.ErrNotExist) {
		return catalog.M("cli.config_missing", "path", e.Path)
	}
	return catalog.M("cli.config_unreadable", "path", e.Path, "err", e.Err)
}

func (e *FileError) Error() string { return e.Msg().In(catalog.EN) }
func (e *FileError) Unwrap() error { return e.Err }

// Errors is every problem found in one file, in file order.
type Errors []*Error

// In writes every problem in l, one a line.
func (es Errors) In(l catalog.Lang) string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.In(l)
	}
	return strings.Join(lines, "\n")
}

func (es Errors) Error() string { return es.In(catalog.EN) }

// Describe writes err for a person in l: a config's problems and an
// unreadable file in l's words, any other error as it is.
func Describe(err error, l catalog.Lang) string {
	var es Errors
	var fe *FileError
	var ve *valueError
	switch {
	case errors.As(err, &es):
		return es.In(l)
	case errors.As(err, &fe):
		return fe.Msg().In(l)
	case errors.As(err, &ve):
		return ve.msg.In(l) // a value given on the command line (--since 7d)
	}
	return err.Error()
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Col < es[j].Col
	})
	return es
}

// positionLookup finds where a YAML path is in the parsed file.
type positionLookup struct {
	file  *ast.File
	lines []string // the file's text, to place errors inside block scalars
}

// at returns the line and column of the value at path (like "jobs[0].schedule"),
// falling back to the nearest parent that exists.
func (p positionLookup) at(path string) (line, col int) {
	if p.file == nil {
		return 0, 0
	}
	for path != "" {
		yp, err := yaml.PathString("$." + path)
		if err == nil {
			if n, err := yp.FilterFile(p.file); err == nil && n != nil {
				if tk := n.GetToken(); tk != nil && tk.Position != nil {
					return tk.Position.Line, tk.Position.Column
				}
			}
		}
		path = parentPath(path)
	}
	return 1, 1
}

// node returns the AST node at path, or nil.
func (p positionLookup) node(path string) ast.Node {
	if p.file == nil {
		return nil
	}
	yp, err := yaml.PathString("$." + path)
	if err != nil {
		return nil
	}
	n, err := yp.FilterFile(p.file)
	if err != nil {
		return nil
	}
	return n
}

// line returns the 1-based line of the file's text ("" past the end).
func (p positionLookup) line(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	return p.lines[n-1]
}

func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i <= 0 {
		return ""
	}
	return path[:i]
}

// problems collects validation errors with positions.
type problems struct {
	file string
	pos  positionLookup
	errs Errors
}

// add records the problem msg at path, with a hint (or none: a zero Msg).
func (p *problems) add(path string, msg, hint catalog.Msg) {
	for _, e := range p.errs {
		if e.Path == path && e.decode {
			return // the value could not be read: that error says it all
		}
	}
	line, col := p.pos.at(path)
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Col: col, Path: path, Msg: msg, Hint: hint})
}

// addAt records a problem at an exact position inside a value (a template line).
func (p *problems) addAt(path string, line, col int, msg, hint catalog.Msg) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Col: col, Path: path, Msg: msg, Hint: hint})
}

// say and noHint keep the many problems below short to write.
var (
	say    = catalog.M
	noHint catalog.Msg
)

// valueError is a value of the file that cannot be read, as a catalog text:
// the parse functions of the typed values return it, and decoding shows it
// in the reader's language. Its Error is English, for flags and programs.
type valueError struct{ msg catalog.Msg }

func (e *valueError) Error() string { return e.msg.In(catalog.EN) }

// bad is a valueError.
func bad(key catalog.Key, args ...any) error { return &valueError{msg: catalog.M(key, args...)} }

// msgOf is err as a catalog text: its own when it has one, else the
// error's words as they are.
func msgOf(err error) catalog.Msg {
	var ve *valueError
	if errors.As(err, &ve) {
		return ve.msg
	}
	return catalog.M("config.as_is", "text", err)
}

// q quotes a name from the file the way the messages show it: "sms".
func quote(s string) string { return strconv.Quote(s) }
