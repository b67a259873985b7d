package erp

import (
	"regexp"
	"strings"

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
	ReasonSQLEmpty        = "sql.empty"
	ReasonSQLStatements   = "sql.statements"
	ReasonSQLNotSelect    = "sql.not_select"
	ReasonSQLForbidden    = "sql.forbidden"
	ReasonParamList       = "preset.param_list"
	ReasonParamDays       = "preset.param_days"
	ReasonParamAllocation = "preset.param_allocation"
	ReasonParamLinkColumn = "preset.param_link_column"
	ReasonParamLinkTo     = "preset.param_link_to"
)

// forbidden words are refused outside string literals and comments. INTO
// catches SELECT … INTO; GEN_ID and NEXT VALUE FOR advance a Firebird
// generator, which is a write even inside a SELECT.
var forbidden = regexp.MustCompile(`(?i)\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|EXEC|EXECUTE|CALL|INTO|COMMIT|ROLLBACK|SAVEPOINT|DECLARE|GEN_ID|NEXT\s+VALUE|WITH\s+LOCK|FOR\s+UPDATE|ATTACH|PRAGMA|VACUUM|RDB\$SET_CONTEXT|OPENROWSET|OPENQUERY|OPENDATASOURCE|BULK)\b`)

// CheckSelect accepts exactly one SELECT (or WITH … SELECT) statement. It is
// the config-time guard; the read-only transaction is the run-time one.
func CheckSelect(query string) error {
	code := stripLiterals(query)
	code = strings.TrimSpace(code)
	code = strings.TrimRight(code, "; \t\r\n")
	if code == "" {
		return refuse(ReasonSQLEmpty)
	}
	if strings.Contains(code, ";") {
		return refuse(ReasonSQLStatements)
	}
	first := strings.ToUpper(strings.Fields(code)[0])
	if first != "SELECT" && first != "WITH" {
		return refuse(ReasonSQLNotSelect, "first", first)
	}
	if m := forbidden.FindString(code); m != "" {
		return refuse(ReasonSQLForbidden, "word", strings.ToUpper(m))
	}
	return nil
}

// stripLiterals blanks out comments and quoted strings/identifiers so that
// keywords inside them do not count.
func stripLiterals(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte(' ')
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
			b.WriteByte(' ')
		case c == '\'' || c == '"' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			i++
			for i < len(s) {
				if s[i] == closer {
					if i+1 < len(s) && s[i+1] == closer { // doubled quote escape
						i += 2
						continue
					}
					break
				}
				i++
			}
			b.WriteString(" x ")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
