package erp

import (
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "github.com/nakagami/firebirdsql" // registers "firebirdsql"
	"golang.org/x/text/encoding/charmap"
)

// firebirdDialect speaks Firebird 2.5 to 5 SQL: ROWS for paging (2.5 has no
// FETCH FIRST), CURRENT_DATE arithmetic and EXTRACT.
type firebirdDialect struct{ questionDialect }

func (firebirdDialect) Name() string                 { return "firebird" }
func (firebirdDialect) Limit(q string, n int) string { return fmt.Sprintf("%s ROWS %d", q, n) }

// DecodeText: with a WIN1254 or UTF8 connection the driver already hands
// over UTF-8; a column declared CHARACTER SET NONE comes through as the raw
// Windows-1254 bytes Wolvox wrote, so anything that is not valid UTF-8 is
// decoded as Windows-1254 (every byte maps, so this never fails).
func (firebirdDialect) DecodeText(b []byte) string { return decode1254(b) }

// bindTime: the driver writes a TIMESTAMP parameter as the time's own wall
// clock, which Zone.Write has made the shop's.
func (firebirdDialect) bindTime(t time.Time) any { return t }

func (firebirdDialect) Today(days int) string {
	if days == 0 {
		return "CURRENT_DATE"
	}
	return fmt.Sprintf("(CURRENT_DATE %+d)", days)
}

// Month: DATEADD exists since Firebird 2.1; the first of this month is
// today minus its day of the month, plus one.
func (firebirdDialect) Month(edge string, months int) string {
	first := "(CURRENT_DATE - EXTRACT(DAY FROM CURRENT_DATE) + 1)"
	if edge == "end" {
		return fmt.Sprintf("(DATEADD(%d MONTH TO %s) - 1)", months+1, first)
	}
	return fmt.Sprintf("DATEADD(%d MONTH TO %s)", months, first)
}
func (firebirdDialect) Part(part, col string) string {
	return fmt.Sprintf("EXTRACT(%s FROM %s)", strings.ToUpper(part), col)
}
func (firebirdDialect) ColumnsQuery(tables []string) string {
	return "SELECT TRIM(RDB$RELATION_NAME) AS TABLE_NAME, TRIM(RDB$FIELD_NAME) AS COLUMN_NAME FROM RDB$RELATION_FIELDS WHERE RDB$RELATION_NAME IN (" + quoteList(tables) + ")"
}
func (firebirdDialect) Null(t NullType) string { return castNull(t, nil) }
func (firebirdDialect) TablesQuery() string {
	return "SELECT TRIM(RDB$RELATION_NAME) AS TABLE_NAME FROM RDB$RELATIONS WHERE COALESCE(RDB$SYSTEM_FLAG, 0) = 0"
}

func decode1254(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.Windows1254.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// quoteList writes names as a SQL string list; names come from presets and
// are checked against columnName first.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + strings.ReplaceAll(n, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

// firebirdDSN builds the driver's connection string. It holds the password
// and is never logged or put in an error.
func firebirdDSN(o Options) (string, error) {
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 3050
	}
	charset := strings.ToUpper(o.Charset)
	if charset == "" {
		charset = "WIN1254"
	}
	q := url.Values{}
	q.Set("charset", charset)
	if o.AuthPlugin != "" {
		switch strings.ToLower(o.AuthPlugin) {
		case "srp", "srp256", "legacy_auth":
		default:
			return "", fmt.Errorf("auth_plugin must be Srp, Srp256 or Legacy_Auth, not %q", o.AuthPlugin)
		}
		q.Set("auth_plugin_name", canonicalPlugin(o.AuthPlugin))
	}
	if o.WireCrypt != nil {
		q.Set("wire_crypt", strconv.FormatBool(*o.WireCrypt))
	}
	u := url.URL{
		User:     url.UserPassword(o.User, o.Password),
		Host:     net.JoinHostPort(o.Host, strconv.Itoa(o.Port)),
		Path:     "/" + strings.TrimPrefix(strings.ReplaceAll(o.Database, `\`, "/"), "/"),
		RawQuery: q.Encode(),
	}
	// The driver parses "user:pass@host:port/path" and strips the leading
	// slash of a Windows path (C:/…); a Unix path keeps it.
	return strings.TrimPrefix(u.String(), "//"), nil
}

func canonicalPlugin(p string) string {
	switch strings.ToLower(p) {
	case "srp":
		return "Srp"
	case "srp256":
		return "Srp256"
	default:
		return "Legacy_Auth"
	}
}

func openFirebird(o Options) (pool, error) {
	dsn, err := firebirdDSN(o)
	if err != nil {
		return pool{}, err
	}
	db, err := sql.Open("firebirdsql", dsn)
	if err != nil {
		// The driver's error may quote the DSN; say what to check instead.
		return pool{}, fmt.Errorf("firebird connection settings are not valid (host %s, port %d, database %s)", o.Host, o.Port, o.Database)
	}
	// Firebird counts an error's column in the connection's character set:
	// a byte of WIN1254 (the default) is a character, one of UTF8 is not.
	byteColumns := slices.Contains([]string{"UTF8", "UNICODE_FSS"}, strings.ToUpper(o.Charset))
	// Read-only READ COMMITTED (record version): Firebird lets such a
	// transaction stay open without holding back garbage collection, so
	// the shop's database does not grow while the connector reads.
	return pool{db: db, dialect: firebirdDialect{}, tx: sql.TxOptions{ReadOnly: true}, byteColumns: byteColumns}, nil
}
