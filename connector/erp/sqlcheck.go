package erp

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// RefusalError is a query or a preset parameter the connector refuses to
// use. Its reason is a catalog key (check shows it in the reader's
// language); Error is the English text, for programs and logs.
type RefusalError struct{ Reason mapping.Reason }

func (e *RefusalError) Error() string { return catalog.EN.Reason(e.Reason) }

// refuse is a RefusalError.
func refuse(code string, args ...any) error { return &RefusalError{Reason: mapping.R(code, args...)} }

// The refusals of queries and preset parameters.
const (
	ReasonSQLEmpty         = "sql.empty"
	ReasonSQLStatements    = "sql.statements"
	ReasonSQLSecondSelect  = "sql.second_select"
	ReasonSQLNotSelect     = "sql.not_select"
	ReasonSQLForbidden     = "sql.forbidden"
	ReasonSQLNotUTF8       = "sql.not_utf8"
	ReasonSQLOpenComment   = "sql.open_comment"
	ReasonSQLOpenQString   = "sql.open_q_string"
	ReasonSQLOpenString    = "sql.open_string"
	ReasonSQLOpenName      = "sql.open_name"
	ReasonSQLControl       = "sql.control_char"
	ReasonSQLInvisible     = "sql.invisible_char"
	ReasonSQLParenClose    = "sql.paren_close"
	ReasonSQLParenOpen     = "sql.paren_open"
	ReasonSQLNextValue     = "sql.next_value"
	ReasonSQLWithLock      = "sql.with_lock"
	ReasonSQLGenID         = "sql.gen_id"
	ReasonSQLProcedureCall = "sql.procedure_call"
	ReasonSQLPackaged      = "sql.packaged_procedure"
	ReasonSQLProcedure     = "sql.procedure"
	ReasonSQLFunction      = "sql.function"
	ReasonParamList        = "preset.param_list"
	ReasonParamDays        = "preset.param_days"
	ReasonParamAllocation  = "preset.param_allocation"
	ReasonParamLinkColumn  = "preset.param_link_column"
	ReasonParamLinkTo      = "preset.param_link_to"
)

// CheckSelect accepts exactly one SELECT (or WITH … SELECT) statement that
// reads and nothing else, as each named database (firebird, mssql, sqlite)
// would read the text; with no name given, as every one of them would. It is
// the config-time guard; Source.Query runs the same check on what it sends,
// and the read-only transaction is the last line.
func CheckSelect(query string, dialects ...string) error {
	if len(dialects) == 0 {
		dialects = []string{"firebird", "mssql", "sqlite"}
	}
	for _, d := range dialects {
		if _, err := syntaxNamed(d).prepare(query); err != nil {
			return err
		}
	}
	return nil
}

// syntax is how one database splits a query's text into words, literals
// and comments. A check that splits differently from the server can be
// shown a literal where the server sees code, so each database has its own.
type syntax struct {
	brackets      bool // [name] is a quoted name (SQL Server, SQLite)
	bracketEscape bool // ]] inside [name] is a ] (SQL Server only)
	backticks     bool // `name` is a quoted name (SQLite)
	qStrings      bool // q'{…}' is a string (Firebird 3 and later)
	// noSchemas: a dotted name where a table stands is a packaged
	// procedure, not schema.table (Firebird before 6).
	noSchemas bool
	// tableFuncs are the built-in functions that may stand where a table
	// does; any other name followed by ( there is a stored procedure or a
	// user's table function, which can write.
	tableFuncs map[string]bool
}

var syntaxes = map[string]syntax{
	"firebird": {qStrings: true, noSchemas: true},
	"mssql":    {brackets: true, bracketEscape: true, tableFuncs: map[string]bool{"STRING_SPLIT": true, "OPENJSON": true}},
	"sqlite":   {brackets: true, backticks: true, tableFuncs: map[string]bool{"JSON_EACH": true, "JSON_TREE": true, "PRAGMA_TABLE_INFO": true}},
}

// syntaxNamed is the syntax of a database; an unknown name gets every quote
// any of them knows, the reading that hides the least.
func syntaxNamed(name string) syntax {
	if s, ok := syntaxes[name]; ok {
		return s
	}
	return syntax{brackets: true, bracketEscape: true, backticks: true, qStrings: true, noSchemas: true}
}

func syntaxOf(d Dialect) syntax { return syntaxNamed(d.Name()) }

// forbidden are words refused outside literals and quoted names: every verb
// that writes, changes the session or the server, or holds the shop's
// locks. T-SQL needs no ";" between statements, so a verb anywhere may
// start a second one. Phrases (NEXT VALUE FOR, WITH LOCK) and GEN_ID are
// checked on their own.
var forbidden = wordSet(`INSERT UPDATE DELETE MERGE UPSERT CREATE ALTER DROP RECREATE TRUNCATE GRANT REVOKE DENY
	EXEC EXECUTE CALL INTO COMMIT ROLLBACK SAVEPOINT DECLARE BEGIN TRAN TRANSACTION ATTACH DETACH PRAGMA VACUUM
	REINDEX ANALYZE LOAD_EXTENSION RDB$SET_CONTEXT OPENROWSET OPENQUERY OPENDATASOURCE BULK SHUTDOWN BACKUP RESTORE
	DBCC KILL RECONFIGURE CHECKPOINT WAITFOR SETUSER REVERT WRITETEXT UPDATETEXT READTEXT DUMP USE RECEIVE SEND
	UPDLOCK XLOCK HOLDLOCK TABLOCK TABLOCKX PAGLOCK`)

// setOps may join a second SELECT to the first at the outer level.
var setOps = wordSet(`UNION INTERSECT EXCEPT MINUS`)

// quantifiers may stand between a set operator and its SELECT.
var quantifiers = wordSet(`ALL DISTINCT`)

// fromEnds end a FROM list at its level.
var fromEnds = wordSet(`WHERE GROUP HAVING ORDER UNION INTERSECT EXCEPT MINUS WINDOW PLAN ROWS FETCH OFFSET LIMIT FOR OPTION`)

// tableStarts are the words after which a table source follows.
var tableStarts = wordSet(`FROM JOIN APPLY`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

type tokKind int

const (
	tokSpace  tokKind = iota
	tokWord           // a name, keyword or number
	tokString         // '…', N'…', q'{…}'
	tokQuoted         // "…", […], `…`: a quoted name
	tokPunct          // one character
)

type token struct {
	kind tokKind
	text string
	at   int // where text starts in the lexed query (a block comment's space: where the comment does)
}

// lex splits s into tokens; comments are dropped, so concatenating the
// tokens' text gives what is sent. A block comment becomes a space, keeping
// the words either side apart; a line comment ends with its line break.
func (sx syntax) lex(s string) ([]token, error) {
	if !utf8.ValidString(s) {
		return nil, refuse(ReasonSQLNotUTF8)
	}
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			// A line comment ends at either line break: ending it earlier than
			// the server would only shows the check more code.
			j := strings.IndexAny(s[i:], "\r\n")
			if j < 0 {
				j = len(s) - i
			}
			i += j
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return nil, refuse(ReasonSQLOpenComment)
			}
			out = append(out, token{tokSpace, " ", i})
			i += j + 4
		case sx.qStrings && (c == 'q' || c == 'Q') && i+2 < len(s) && s[i+1] == '\'' && !wordBefore(s, i):
			open := s[i+2]
			closer := map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}[open]
			if closer == 0 {
				closer = open
			}
			j := strings.Index(s[i+3:], string(closer)+"'")
			if j < 0 || open == ' ' || open == '\'' {
				return nil, refuse(ReasonSQLOpenQString, "open", string(open), "close", string(closer))
			}
			end := i + 3 + j + 2
			out = append(out, token{tokString, s[i:end], i})
			i = end
		case c == '\'':
			end, err := quoted(s, i, '\'', true, ReasonSQLOpenString)
			if err != nil {
				return nil, err
			}
			out = append(out, token{tokString, s[i:end], i})
			i = end
		case c == '"' || (c == '[' && sx.brackets) || (c == '`' && sx.backticks):
			closer, escape := c, true
			if c == '[' {
				closer, escape = ']', sx.bracketEscape
			}
			end, err := quoted(s, i, closer, escape, ReasonSQLOpenName)
			if err != nil {
				return nil, err
			}
			out = append(out, token{tokQuoted, s[i:end], i})
			i = end
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			j := i
			for j < len(s) && strings.IndexByte(" \t\r\n", s[j]) >= 0 {
				j++
			}
			out = append(out, token{tokSpace, s[i:j], i})
			i = j
		case c < ' ' || c == 0x7f:
			return nil, refuse(ReasonSQLControl, "byte", fmt.Sprintf("%#x", c))
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
					// A server may read a Unicode space as a word break the
					// check would not see; plain spaces say the same.
					return nil, refuse(ReasonSQLInvisible, "char", fmt.Sprintf("%U", r))
				}
				out = append(out, token{tokPunct, s[i : i+n], i})
				i += n
				continue
			}
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += n
			}
			out = append(out, token{tokWord, s[i:j], i})
			i = j
		}
	}
	return out, nil
}

// quoted returns the end of the literal or quoted name opening at s[i].
func quoted(s string, i int, closer byte, doubled bool, unterminated string) (int, error) {
	for j := i + 1; j < len(s); j++ {
		if s[j] != closer {
			continue
		}
		if doubled && j+1 < len(s) && s[j+1] == closer {
			j++
			continue
		}
		return j + 1, nil
	}
	return 0, refuse(unterminated, "open", string(s[i]), "close", string(closer))
}

func isWordRune(r rune) bool {
	return r == '_' || r == '$' || r == '@' || r == '#' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordBefore reports whether s[i] continues a word (so a q there is not
// the start of a q'…' string).
func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// prepare checks query and returns the text to send: comments removed,
// surrounding space and trailing semicolons trimmed, literals untouched.
// What the server runs is then exactly what was checked.
func (sx syntax) prepare(query string) (string, error) {
	st, err := sx.parse(query)
	return st.text, err
}

// statement is a checked query: the text to send and its tokens without
// space.
type statement struct {
	text string
	code []token
}

func (sx syntax) parse(query string) (statement, error) {
	toks, err := sx.lex(query)
	if err != nil {
		return statement{}, err
	}
	toks = trimStatement(toks)
	if len(toks) == 0 {
		return statement{}, refuse(ReasonSQLEmpty)
	}
	code := make([]token, 0, len(toks))
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
		if t.kind != tokSpace {
			code = append(code, t)
		}
	}
	if err := checkTokens(code, sx); err != nil {
		return statement{}, err
	}
	return statement{text: b.String(), code: code}, nil
}

// trimStatement drops the space around a statement's tokens and its
// trailing semicolons: they end the statement; they are not a second one.
func trimStatement(toks []token) []token {
	for len(toks) > 0 && (toks[len(toks)-1].kind == tokSpace || toks[len(toks)-1].text == ";") {
		toks = toks[:len(toks)-1]
	}
	for len(toks) > 0 && toks[0].kind == tokSpace {
		toks = toks[1:]
	}
	return toks
}

func checkTokens(code []token, sx syntax) error {
	word := func(i int) string { return upperWord(code, i) }
	if first := word(0); first != "SELECT" && first != "WITH" {
		if first == "" {
			first = code[0].text
		}
		return refuse(ReasonSQLNotSelect, "first", first)
	}
	depth := 0
	for _, t := range code {
		switch t.text {
		case ";":
			return refuse(ReasonSQLStatements)
		case "(":
			depth++
		case ")":
			depth--
			if depth < 0 {
				return refuse(ReasonSQLParenClose)
			}
		}
	}
	if depth != 0 {
		return refuse(ReasonSQLParenOpen, "count", depth)
	}
	for i := range code {
		w := word(i)
		switch {
		case w == "":
		case forbidden[w]:
			return refuse(ReasonSQLForbidden, "word", w)
		case w == "NEXT" && word(i+1) == "VALUE":
			return refuse(ReasonSQLNextValue)
		case w == "WITH" && word(i+1) == "LOCK":
			return refuse(ReasonSQLWithLock)
		case w == "GEN_ID":
			if !genIDReadsOnly(code[i+1:]) {
				return refuse(ReasonSQLGenID)
			}
		}
	}
	if err := oneSelect(code); err != nil {
		return err
	}
	return tableCalls(code, sx)
}

// genIDReadsOnly reports whether the GEN_ID call whose tokens follow is
// GEN_ID(name, 0): the step must be the literal 0, nothing computed.
func genIDReadsOnly(rest []token) bool {
	if len(rest) < 5 || rest[0].text != "(" {
		return false
	}
	depth, comma := 0, -1
	for i, t := range rest {
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				if comma < 0 || i != comma+2 {
					return false
				}
				step := rest[comma+1]
				return step.kind == tokWord && strings.Trim(step.text, "0") == ""
			}
		case ",":
			if depth == 1 {
				if comma >= 0 {
					return false
				}
				comma = i
			}
		}
	}
	return false
}

// oneSelect refuses a second SELECT at the outer level that no UNION,
// INTERSECT or EXCEPT joins to the first: without a ";" T-SQL reads it as a
// second statement.
func oneSelect(code []token) error {
	word := func(i int) string { return upperWord(code, i) }
	depth, seen := 0, false
	for i, t := range code {
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth != 0 || word(i) != "SELECT" {
			continue
		}
		joined := setOps[word(i-1)] || (quantifiers[word(i-1)] && setOps[word(i-2)])
		if seen && !joined {
			return refuse(ReasonSQLSecondSelect)
		}
		seen = true
	}
	return nil
}

// tableCalls refuses a name followed by ( where a table stands: a
// selectable stored procedure or a user's table function, either of which
// can write; on Firebird a generator advances even in a read-only
// transaction.
func tableCalls(code []token, sx syntax) error {
	for _, j := range tableSources(code) {
		name, dotted := "", false
		for j < len(code) && (code[j].kind == tokWord || code[j].kind == tokQuoted) {
			name = code[j].text
			if j+1 < len(code) && code[j+1].text == "." {
				j += 2
				dotted = true
				continue
			}
			j++
			break
		}
		name = strings.ToUpper(name)
		switch {
		case name == "":
		case j < len(code) && code[j].text == "(" && !sx.tableFuncs[name]:
			return refuse(ReasonSQLProcedureCall, "name", name)
		case dotted && sx.noSchemas:
			return refuse(ReasonSQLPackaged, "name", name)
		}
	}
	return nil
}

// tableSources returns where each table source of code begins: after FROM,
// JOIN or APPLY in a SELECT, and after a comma in a FROM list. The FROM of
// EXTRACT(DAY FROM …), SUBSTRING(… FROM …) and IS DISTINCT FROM is not one.
func tableSources(code []token) []int {
	type level struct{ selects, inFrom bool }
	levels := []level{{}}
	var out []int
	for i, t := range code {
		cur := &levels[len(levels)-1]
		w := upperWord(code, i)
		switch {
		case t.text == "(":
			levels = append(levels, level{})
			continue
		case t.text == ")":
			if len(levels) > 1 {
				levels = levels[:len(levels)-1]
			}
			continue
		case w == "SELECT":
			cur.selects, cur.inFrom = true, false
			continue
		case fromEnds[w]:
			cur.inFrom = false
			continue
		}
		start := cur.selects && tableStarts[w] && upperWord(code, i-1) != "DISTINCT"
		if start || (t.text == "," && cur.inFrom) {
			cur.inFrom = true
			if i+1 < len(code) {
				out = append(out, i+1)
			}
		}
	}
	return out
}

// upperWord is code[i] upper-cased when it is a word, else "".
func upperWord(code []token, i int) string {
	if i < 0 || i >= len(code) || code[i].kind != tokWord {
		return ""
	}
	return strings.ToUpper(code[i].text)
}

// tableNames are the names that stand where a table does, as the database
// stores them (unquoted names upper-cased): a Firebird procedure without
// parameters is selected from without parentheses, so only the database
// can say whether such a name is one (see Source.Query).
func tableNames(code []token) []string {
	var out []string
	for _, j := range tableSources(code) {
		switch n := code[j]; n.kind {
		case tokWord:
			if j+1 < len(code) && code[j+1].text == "." {
				continue // schema-qualified: not Firebird
			}
			out = append(out, strings.ToUpper(n.text))
		case tokQuoted:
			out = append(out, strings.ReplaceAll(n.text[1:len(n.text)-1], `""`, `"`))
		}
	}
	return out
}
