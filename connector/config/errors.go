package config

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Error is one problem in the config file.
type Error struct {
	File string
	Line int
	Col  int
	Path string // e.g. jobs[0].schedule
	Msg  string
	Hint string
	// decode marks a value that could not be read at all; validation
	// then says nothing more about it.
	decode bool
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (hint: " + e.Hint + ")")
	}
	return b.String()
}

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

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
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

func (p *problems) add(path, hint, format string, args ...any) {
	for _, e := range p.errs {
		if e.Path == path && e.decode {
			return // the value could not be read: that error says it all
		}
	}
	line, col := p.pos.at(path)
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Col: col, Path: path, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// addAt records a problem at an exact position inside a value (a template line).
func (p *problems) addAt(path string, line, col int, hint, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Col: col, Path: path, Msg: fmt.Sprintf(format, args...), Hint: hint})
}
