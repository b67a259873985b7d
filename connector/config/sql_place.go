package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// SQLProblem places the database's refusal of a sql: job's SELECT (a
// syntax error, an unknown column) where the dealer wrote it, as check
// says it: SQLPlace's text with the kind of trouble first and a hint.
func (c *Config) SQLProblem(job string, err error) (e *Error, ok bool) {
	e, ok = c.SQLPlace(job, err)
	if !ok {
		return nil, false
	}
	if cause := erp.FailureOf(err).Cause(); !cause.IsZero() {
		e.Msg.Sub["err"] = catalog.M("job.failed.told", "cause", cause, "err", e.Msg.Sub["err"])
	}
	e.Hint = say("config.hint.sql_refused")
	return e, true
}

// SQLPlace says the database's refusal of a sql: job's SELECT where the
// dealer wrote it: the file's line and column of the place the database
// named, found in the SELECT as the file gives it (erp.SQLError.In), and
// the driver's words with that place instead of the wrapped query's. A
// refusal that names no place, or one in the connector's own wrapper, is
// said at the start of the sql: value. ok is false for any other error
// (the connection's, a preset's query), and for a job without sql:.
func (c *Config) SQLPlace(job string, err error) (e *Error, ok bool) {
	var se *erp.SQLError
	if !errors.As(err, &se) {
		return nil, false
	}
	i := -1
	for k, j := range c.Jobs {
		if j.Name == job && j.SQL != "" {
			i = k
		}
	}
	if i < 0 {
		return nil, false
	}
	path := fmt.Sprintf("jobs[%d].sql", i)
	line, col := c.positions.at(path)
	words := se.Words("")
	if bl, bc, found := se.In(c.Jobs[i].SQL); found {
		if l, cl, placed := c.sqlPlace(path, bl, bc); placed {
			line, col = l, cl
			words = se.Words(fmt.Sprintf("line %d, column %d", line, col))
		}
	}
	p := &problems{file: c.file, pos: c.positions}
	p.addAt(path, line, col, say("config.sql_refused", "source", se.Source, "err", catalog.M("config.as_is", "text", words)), noHint)
	return p.errs[0], true
}

// sqlPlace is the file's line and column of line and col (from 1, the
// column in characters) of the sql: value at path. A literal block (|)
// keeps the SELECT's lines as the file's, below its indicator and
// indented; a value on one line starts at its token, after its quote. A
// folded or plain value over several lines joins them, and is not placed
// inside.
func (c *Config) sqlPlace(path string, line, col int) (int, int, bool) {
	n := c.positions.node(path)
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 0, 0, false
	}
	start := n.GetToken().Position
	switch v := n.(type) {
	case *ast.LiteralNode:
		if v.Start == nil || !strings.HasPrefix(v.Start.Value, "|") {
			return 0, 0, false
		}
		indent := -1 // the block's: its first line with text
		for l := start.Line + 1; l <= len(c.positions.lines); l++ {
			if t := c.positions.line(l); strings.TrimSpace(t) != "" {
				indent = indentOf(t)
				break
			}
		}
		if indent < 0 {
			return 0, 0, false
		}
		return start.Line + line, indent + col, true
	case *ast.StringNode:
		if line != 1 || strings.Contains(strings.TrimRight(v.Value, "\n"), "\n") || c.valueLines(start) > 1 {
			return 0, 0, false
		}
		switch v.Token.Type {
		case token.DoubleQuoteType, token.SingleQuoteType:
			if v.Token.Type == token.DoubleQuoteType && strings.Contains(v.Token.Origin, `\`) ||
				v.Token.Type == token.SingleQuoteType && strings.Contains(v.Token.Origin, "''") {
				return 0, 0, false // escapes: the value's characters are not the file's
			}
			return start.Line, start.Column + col, true // after the opening quote
		}
		return start.Line, start.Column + col - 1, true
	}
	return 0, 0, false
}

// valueLines is how many of the file's lines a scalar starting at pos
// spans: a plain value continues on lines indented deeper than its key.
func (c *Config) valueLines(pos *token.Position) int {
	key := indentOf(c.positions.line(pos.Line))
	n := 1
	for l := pos.Line + 1; l <= len(c.positions.lines); l++ {
		t := c.positions.line(l)
		if strings.TrimSpace(t) == "" || indentOf(t) <= key || strings.HasPrefix(strings.TrimSpace(t), "#") {
			break
		}
		n++
	}
	return n
}
