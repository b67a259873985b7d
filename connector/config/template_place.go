package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// RecordProblem places an error a job's template gave for one record (a
// column the record does not have) where the dealer typed it: the file, line
// and column of the template, the column the record lacks, the closest one it
// has and all of them. Parsing finds only syntax; a misspelled column shows
// only against a row, and check renders every job against one before run
// meets a customer's. ok is false for an error that is not a template's of
// this file (a preset's own default text).
func (c *Config) RecordProblem(err error, columns []string) (e *Error, ok bool) {
	var te *mapping.TemplateError
	if !errors.As(err, &te) {
		return nil, false
	}
	path := c.templatePath(te.Name)
	if path == "" {
		return nil, false
	}
	if te.Kind != nil {
		return c.kindProblem(path, te), true
	}
	if te.Null != nil {
		// A NULL in the record itself (a sql: job's newest row): said as
		// for a preset's sample with the column NULL.
		return c.NullProblem(err, nil)
	}
	p := &problems{file: c.file, pos: c.positions}
	cols := slices.Sorted(slices.Values(columns))
	if te.Column == "" {
		c.templateProblem(p, path, te)
		return p.errs[0], true
	}
	line, col := c.positions.at(path)
	if l, cl, found := c.findField(path, te.Column); found {
		line, col = l, cl
	}
	p.addAt(path, line, col, say("config.record_no_column", "name", quote(te.Column), "suggest", didYouMean(te.Column, cols)),
		say("config.hint.record_columns", "columns", strings.Join(cols, ", ")))
	return p.errs[0], true
}

// templatePath is the file's path of the template named name ("JOB.sms.text",
// "JOB.sequence[2].sms.text", "JOB.whatsapp.body[0].value"), or "" when the
// file does not write that template: a step without its own text uses the
// job's, and a message without one the preset's.
func (c *Config) templatePath(name string) string {
	for i, j := range c.Jobs {
		rest, ok := strings.CutPrefix(name, j.Name+".")
		if !ok {
			continue
		}
		job := fmt.Sprintf("jobs[%d]", i)
		var candidates []string
		if m := stepName.FindStringSubmatch(rest); m != nil {
			candidates = append(candidates, job+".sequence["+m[1]+"].messages."+m[2], job+".messages."+m[2])
		} else {
			candidates = append(candidates, job+".messages."+rest)
		}
		for _, path := range candidates {
			if n := c.positions.node(path); n != nil {
				return path
			}
		}
	}
	return ""
}

var stepName = regexp.MustCompile(`^sequence\[(\d+)\]\.(.+)$`)

// findField is where the template at path refers to column, as ".COLUMN":
// exact in folded (>) text too, whose lines the template sees joined.
func (c *Config) findField(path, column string) (line, col int, ok bool) {
	return c.findFieldWhere(path, column, nil)
}

// guarded is a reference that only reads the column when the row has it:
// {{with .VADESI}}, {{if .VADESI}}.
var guarded = regexp.MustCompile(`\{\{-?\s*(?:with|if|else\s+with|else\s+if)\s+\$?$`)

// NullProblem places an error a job's template gave for a variant of its
// sample with nulled, the preset's optional columns, NULL (one of them, or
// all): a row like it would be skipped at run time. It is said at the
// template's reference to the column (the first not inside {{with}} or
// {{if}}), with the fix. ok is false for an error that is not a template's
// of this file (a preset's own default text).
func (c *Config) NullProblem(err error, nulled []string) (e *Error, ok bool) {
	var te *mapping.TemplateError
	if !errors.As(err, &te) {
		return nil, false
	}
	path := c.templatePath(te.Name)
	if path == "" {
		return nil, false
	}
	if te.Kind != nil {
		return c.kindProblem(path, te), true
	}
	column := ""
	switch {
	case te.Null != nil && te.Null.Column != "":
		column = te.Null.Column
	case len(nulled) == 1:
		column = nulled[0]
	}
	p := &problems{file: c.file, pos: c.positions}
	if column == "" {
		// The action reads no one column ({{longdate (or .A .B)}}): said
		// where the template's error is, naming the columns that were NULL.
		c.templateProblem(p, path, te)
		e := p.errs[0]
		e.Msg = say("config.record_null_other_all", "columns", strings.Join(nulled, ", "), "detail", e.Msg)
		if te.Null != nil {
			e.Msg = say("config.record_null_value", "columns", strings.Join(nulled, ", "), "func", te.Null.Func)
		}
		e.Hint = say("config.hint.record_null", "with", mapping.WithFix(""))
		return e, true
	}
	line, col := c.positions.at(path)
	if l, cl, found := c.findFieldWhere(path, column, func(before string) bool { return !guarded.MatchString(before) }); found {
		line, col = l, cl
	} else if l, cl, found := c.findField(path, column); found {
		line, col = l, cl
	}
	msg := say("config.record_null_other", "name", column, "detail", templateMsg(te.Msg))
	if te.Null != nil {
		msg = say("config.record_null", "name", column, "func", te.Null.Func)
	}
	p.addAt(path, line, col, msg, say("config.hint.record_null", "with", mapping.WithFix(column)))
	return p.errs[0], true
}

// findFieldWhere is findField's first reference for which use, given the
// line's text before it, is true (every one when use is nil).
func (c *Config) findFieldWhere(path, column string, use func(before string) bool) (line, col int, ok bool) {
	n := c.positions.node(path)
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 0, 0, false
	}
	// Not \b: that is ASCII's word boundary, and columns have Turkish letters.
	ref := regexp.MustCompile(`\.` + regexp.QuoteMeta(column) + `(?:[^\pL\pN_]|$)`)
	first := n.GetToken().Position.Line
	if _, block := n.(*ast.LiteralNode); block {
		first++ // the text starts on the line after | or >
	}
	indent := -1
	for l := first; l <= len(c.positions.lines); l++ {
		text := c.positions.line(l)
		if strings.TrimSpace(text) == "" {
			continue
		}
		in := indentOf(text)
		switch {
		case indent < 0:
			indent = in
		case l > first && in < indent:
			return 0, 0, false // past the value
		}
		for _, loc := range ref.FindAllStringIndex(text, -1) {
			if use == nil || use(text[:loc[0]]) {
				return l, 1 + utf8.RuneCountInString(text[:loc[0]]), true
			}
		}
		if _, block := n.(*ast.LiteralNode); !block && l == first {
			indent = in + 1 // a plain or quoted value continues only indented deeper
		}
	}
	return 0, 0, false
}

// kindProblem places a helper given a value of another kind (money given a
// text column that holds "12,5 TL") as a NULL is placed: at the template's
// reference to the column, naming the helper and the value's kind (never
// the value, which may be a customer's), with the fix.
func (c *Config) kindProblem(path string, te *mapping.TemplateError) *Error {
	k := te.Kind
	kind := say(catalog.Key(k.Kind))
	msg, hint := say("config.record_not_number", "name", k.Column, "func", k.Func, "kind", kind), say("config.hint.record_not_number")
	if k.Date {
		msg, hint = say("config.record_not_date", "name", k.Column, "func", k.Func, "kind", kind), say("config.hint.record_not_date")
	}
	p := &problems{file: c.file, pos: c.positions}
	if k.Column == "" {
		// The action reads no one column ({{money (or .A .B)}}): said
		// where the template's error is.
		c.templateProblem(p, path, te)
		e := p.errs[0]
		e.Msg = say("config.record_not_number_value", "func", k.Func, "kind", kind)
		if k.Date {
			e.Msg = say("config.record_not_date_value", "func", k.Func, "kind", kind)
		}
		e.Hint = hint
		return e
	}
	line, col := c.positions.at(path)
	if l, cl, found := c.findField(path, k.Column); found {
		line, col = l, cl
	}
	p.addAt(path, line, col, msg, hint)
	return p.errs[0]
}
