package config

import (
	"io"
	"os"
	"strings"
)

// A config is read before anything checks what it says, and YAML parsers
// spend time and memory worse than linear in the nesting: 200 KB of nested
// brackets took go-yaml 15 GB and 40 s before it gave up, and a live
// reload of a 60 KB one grew the running service from 30 MB to 1.4 GB. So
// the file's size and nesting are measured first, by a scan that costs one
// pass and no allocation per byte, and a file over either limit is
// refused before the parser sees it.
const (
	// MaxConfigBytes is far above any real config: the example is 7 KB, a
	// shop with fifty jobs and long templates stays under 100 KB.
	MaxConfigBytes = 512 << 10
	// MaxConfigDepth bounds nesting, block and flow together. The deepest
	// config in the repository is at depth 7.
	MaxConfigDepth = 32
	// MaxConfigNodes bounds the keys, list entries and values: the parser's
	// memory grows with them (about 4 KB each), not with the bytes of a long
	// template. The example config has about 300.
	MaxConfigNodes = 10000
)

// checkShape refuses a config that is too large or nested too deep to be
// worth parsing. It reads YAML's structure only as far as nesting needs:
// block indentation and "- " entries, and [ ] { } in flow collections,
// skipping quoted strings, comments and block scalars (|, >), so a
// template's {{ }} or a stray "[" in plain text does not count.
func checkShape(name string, data []byte) *Error {
	if len(data) > MaxConfigBytes {
		return &Error{File: name, Line: 1, Col: 1,
			Msg:  say("config.too_large", "size", len(data)>>10, "max", MaxConfigBytes>>10),
			Hint: say("config.hint.too_large")}
	}
	s := shapeScanner{data: string(data)}
	line, col, ok := s.scan()
	switch {
	case ok:
		return nil
	case s.nodes > MaxConfigNodes:
		return &Error{File: name, Line: line, Col: col,
			Msg:  say("config.too_many_nodes", "max", MaxConfigNodes),
			Hint: say("config.hint.too_many_nodes")}
	}
	return &Error{File: name, Line: line, Col: col,
		Msg:  say("config.too_deep", "max", MaxConfigDepth),
		Hint: say("config.hint.too_deep")}
}

// level is one open block collection: the column of its entries, and
// whether they are "- " entries or keys.
type level struct {
	col int
	seq bool
}

type shapeScanner struct {
	data    string
	i       int     // offset of the next byte
	line    int     // 1-based line of i
	start   int     // offset where the line begins
	block   []level // the open block collections, outermost first
	flow    int     // depth inside [ ] and { }
	deepest int     // the greatest depth seen
	nodes   int     // keys, entries and values seen
	// scalarIndent ≥ 0: lines indented more than this belong to a block
	// scalar (| or >) and are not YAML structure.
	scalarIndent int
}

// scan returns ok, or the position where nesting first passes the limit.
func (s *shapeScanner) scan() (line, col int, ok bool) {
	s.line, s.scalarIndent = 1, -1
	for s.i < len(s.data) {
		if !s.scanLine() {
			return s.line, s.i - s.start + 1, false
		}
	}
	return 0, 0, true
}

func (s *shapeScanner) depth() int {
	d := len(s.block) + s.flow
	s.deepest = max(s.deepest, d)
	return d
}

// within counts one more node and reports whether the file is still within
// the limits.
func (s *shapeScanner) within() bool {
	s.nodes++
	return s.nodes <= MaxConfigNodes && s.depth() <= MaxConfigDepth
}

// scanLine reads one line (more when a flow collection or quoted string
// spans lines) and reports whether nesting stayed within the limit.
func (s *shapeScanner) scanLine() bool {
	s.start = s.i
	indent := 0
	for s.i < len(s.data) && s.data[s.i] == ' ' {
		s.i++
		indent++
	}
	if s.i >= len(s.data) || s.data[s.i] == '\n' || s.data[s.i] == '\r' {
		s.nextLine()
		return true
	}
	if s.scalarIndent >= 0 {
		if indent > s.scalarIndent {
			s.skipRest()
			return true
		}
		s.scalarIndent = -1
	}
	if s.flow > 0 {
		return s.node(indent)
	}
	if s.data[s.i] == '#' {
		s.skipRest()
		return true
	}
	return s.node(indent)
}

// node reads the structure from s.i to the end of the line. col is the
// column s.i is at.
func (s *shapeScanner) node(col int) bool {
	nodeStart := -1 // column where the current key or value began
	for s.i < len(s.data) {
		if s.flow > 0 {
			if !s.flowText() {
				return false
			}
			if s.flow > 0 {
				return true // continues on the next line
			}
			continue // after the collection: perhaps ": value"
		}
		c := s.data[s.i]
		if c != ' ' && c != '\t' && nodeStart < 0 {
			nodeStart = s.i - s.start
		}
		switch {
		case c == '\n' || c == '\r':
			s.nextLine()
			return true
		case c == ' ' || c == '\t':
			s.i++
		case c == '#' && (s.i == s.start || s.data[s.i-1] == ' ' || s.data[s.i-1] == '\t'):
			s.skipRest()
			return true
		case (c == '-' || c == '?') && s.indicator(s.i+1):
			if !s.open(s.i-s.start, true) {
				return false
			}
			s.i++
			nodeStart = -1
		case c == '[' || c == '{':
			s.flow++
			s.i++
			if !s.within() {
				return false
			}
		case c == '"' || c == '\'':
			if !s.within() {
				return false
			}
			if !s.quoted() {
				return true // the string goes on past this line; its end is read as text
			}
		case c == '|' || c == '>':
			// A block scalar: the lines below, indented more than the
			// node that holds it, are text.
			s.scalarIndent = col
			if len(s.block) > 0 {
				s.scalarIndent = s.block[len(s.block)-1].col
			}
			s.skipRest()
			return true
		case c == '&' || c == '!' || c == '*':
			for s.i < len(s.data) && !strings.ContainsRune(" \t\r\n", rune(s.data[s.i])) {
				s.i++
			}
			nodeStart = -1
		default:
			// A key or plain text. A key ends at ": " (or ":" at the end of
			// the line); what follows is its value. A quoted or flow key
			// began at nodeStart.
			end, isKey := s.plain()
			if isKey {
				if !s.open(nodeStart, false) {
					return false
				}
				s.i = end + 1
				nodeStart = -1
				continue
			}
			if !s.within() {
				return false
			}
			s.i = end
		}
	}
	return true
}

// indicator reports whether the byte at j ends a "-" or "?" indicator.
func (s *shapeScanner) indicator(j int) bool {
	return j >= len(s.data) || strings.IndexByte(" \t\r\n", s.data[j]) >= 0
}

// open records a block collection entry ("- " when seq, else a key) at
// column col: entries at a smaller column close the deeper collections. A
// sequence may sit at its parent key's column; a key there ends it.
func (s *shapeScanner) open(col int, seq bool) bool {
	for len(s.block) > 0 {
		top := s.block[len(s.block)-1]
		if top.col > col || (top.col == col && top.seq && !seq) {
			s.block = s.block[:len(s.block)-1]
			continue
		}
		break
	}
	if n := len(s.block); n == 0 || s.block[n-1].col < col || s.block[n-1].seq != seq {
		s.block = append(s.block, level{col, seq})
	}
	return s.within()
}

// plain reads plain text from s.i to the end of the line or a comment and
// returns where a key's ':' is, or where the text ends.
func (s *shapeScanner) plain() (end int, isKey bool) {
	for j := s.i; j < len(s.data); j++ {
		switch c := s.data[j]; {
		case c == '\n' || c == '\r':
			return j, false
		case c == ':' && s.indicator(j+1):
			return j, true
		case c == '#' && (s.data[j-1] == ' ' || s.data[j-1] == '\t'):
			return j, false
		}
	}
	return len(s.data), false
}

// flowText reads inside a flow collection until it closes or the line ends.
func (s *shapeScanner) flowText() bool {
	for s.i < len(s.data) && s.flow > 0 {
		switch c := s.data[s.i]; c {
		case '\n', '\r':
			s.nextLine()
			return true
		case '[', '{', ',':
			if c != ',' {
				s.flow++
			}
			s.i++
			if !s.within() {
				return false
			}
		case ']', '}':
			s.flow--
			s.i++
		case '"', '\'':
			s.quoted()
		case '#':
			if s.i > s.start && (s.data[s.i-1] == ' ' || s.data[s.i-1] == '\t') {
				s.skipRest()
			} else {
				s.i++
			}
		default:
			s.i++
		}
	}
	return true
}

// quoted skips a quoted string; a string that spans lines is skipped whole,
// its line count kept.
func (s *shapeScanner) quoted() bool {
	q := s.data[s.i]
	for j := s.i + 1; j < len(s.data); j++ {
		switch c := s.data[j]; {
		case c == '\n':
			s.line++
			s.start = j + 1
		case c == '\\' && q == '"':
			j++
		case c == q && q == '\'' && j+1 < len(s.data) && s.data[j+1] == '\'':
			j++
		case c == q:
			s.i = j + 1
			return true
		}
	}
	s.i = len(s.data) // unterminated: the parser says where
	return false
}

func (s *shapeScanner) skipRest() {
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		s.i++
	}
	s.nextLine()
}

func (s *shapeScanner) nextLine() {
	if s.i < len(s.data) && s.data[s.i] == '\r' {
		s.i++
	}
	if s.i < len(s.data) && s.data[s.i] == '\n' {
		s.i++
	}
	s.line++
	s.start = s.i
}

// readConfig reads path, or enough of it to know it is too large: a config
// that is not one (a disk image, a log) is never read whole into memory.
func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxConfigBytes+1))
}
