package mapping

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// text/template's parse errors name a line but no column. IT staff fix a
// config faster when the error points at the action, so locate finds the
// offending token inside the actions of that line.

var (
	quotedTok  = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
	charTok    = regexp.MustCompile(`bad character U\+[0-9A-F]+ '(.+)'`)
	angleTok   = regexp.MustCompile(`unexpected <(.+?)>`)
	keywordTok = regexp.MustCompile(`unexpected \{\{(\w+)\}\}|missing value for (\w+)|(\w+) has no value`)
)

// lineOf returns the n-th (1-based) line of src, or "".
func lineOf(src string, n int) string {
	for i := 1; i < n; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		return src[:j]
	}
	return src
}

// byteToCol turns a 0-based byte offset in line into a 1-based character column.
func byteToCol(line string, b int) int {
	if b > len(line) {
		b = len(line)
	}
	return utf8.RuneCountInString(line[:max(b, 0)]) + 1
}

// actions returns the byte ranges of the {{…}} actions that start on line;
// an action left open runs to the end of the line.
func actions(line string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		j := strings.Index(line[i:], "{{")
		if j < 0 {
			return out
		}
		start := i + j
		end := len(line)
		if k := strings.Index(line[start+2:], "}}"); k >= 0 {
			end = start + 2 + k + 2
		}
		out = append(out, [2]int{start, end})
		i = end
		if i >= len(line) {
			return out
		}
	}
}

// locate returns the line and column of a parse error and, for an
// unexpected end of template, a message naming the block left open.
func locate(src string, line int, msg string) (int, int, string) {
	if strings.HasSuffix(msg, "unexpected EOF") {
		if l, c, kw, ok := openBlock(src); ok {
			return l, c, fmt.Sprintf("{{%s}} has no {{end}}", kw)
		}
	}
	text := lineOf(src, line)
	acts := actions(text)
	if len(acts) == 0 {
		return line, 0, msg
	}
	if tok := token(msg); tok != "" {
		// Inside the actions first, their closing }} left out: a stray }
		// ({{money .X}. …) is the token, not the }} of an action before it.
		for _, inner := range []bool{true, false} {
			for _, a := range acts {
				end := a[1]
				if inner && strings.HasSuffix(text[a[0]:a[1]], "}}") {
					end -= 2
				}
				if k := strings.Index(text[a[0]+2:max(end, a[0]+2)], tok); k >= 0 {
					return line, byteToCol(text, a[0]+2+k), msg
				}
			}
		}
	}
	a := acts[0]
	switch {
	case strings.Contains(msg, "unclosed action"), strings.Contains(msg, "unclosed comment"):
		a = acts[len(acts)-1]
	case strings.Contains(msg, "unterminated"):
		for _, x := range acts {
			if k := strings.IndexAny(text[x[0]:x[1]], "\"`'"); k >= 0 {
				return line, byteToCol(text, x[0]+k), msg
			}
		}
	}
	return line, byteToCol(text, a[0]), msg
}

// token is the piece of source a parse error complains about.
func token(msg string) string {
	if m := charTok.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	if m := angleTok.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	if m := keywordTok.FindStringSubmatch(msg); m != nil {
		return m[1] + m[2] + m[3]
	}
	if m := quotedTok.FindStringSubmatch(msg); m != nil {
		if s, err := strconv.Unquote(m[0]); err == nil {
			return s
		}
		return m[1]
	}
	switch {
	case strings.Contains(msg, "right paren"):
		return ")"
	case strings.Contains(msg, "left paren"):
		return "("
	}
	return ""
}

var blockWord = regexp.MustCompile(`^\{\{-?\s*(if|range|with|define|block|end)\b`)

// openBlock finds the last {{if}}, {{range}}, {{with}}, {{define}} or
// {{block}} that no {{end}} closes.
func openBlock(src string) (line, col int, kw string, ok bool) {
	type open struct {
		line, col int
		kw        string
	}
	var stack []open
	for n, text := range strings.Split(src, "\n") {
		for _, a := range actions(text) {
			m := blockWord.FindStringSubmatch(text[a[0]:a[1]])
			if m == nil {
				continue
			}
			if m[1] == "end" {
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				continue
			}
			stack = append(stack, open{n + 1, byteToCol(text, a[0]), m[1]})
		}
	}
	if len(stack) == 0 {
		return 0, 0, "", false
	}
	o := stack[len(stack)-1]
	return o.line, o.col, o.kw, true
}
