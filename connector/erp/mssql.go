package erp

import (
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// mssqlDialect speaks SQL Server 2008 and later (Wolvox's "database
// transfer" target): TOP for paging (OFFSET/FETCH needs 2012), @pN markers.
type mssqlDialect struct{}

func (mssqlDialect) Name() string               { return "mssql" }
func (mssqlDialect) Placeholder(n int) string   { return "@p" + strconv.Itoa(n) }
func (mssqlDialect) DecodeText(b []byte) string { return decode1254(b) }

// Limit puts TOP (n) after the first SELECT. Every query the connector pages
// is its own wrapper "SELECT * FROM (base) q …", so the first SELECT is the
// outer one.
func (mssqlDialect) Limit(q string, n int) string {
	i := strings.Index(strings.ToUpper(q), "SELECT")
	if i < 0 {
		return q
	}
	return fmt.Sprintf("%sSELECT TOP (%d)%s", q[:i], n, q[i+len("SELECT"):])
}

// bindTime: go-mssqldb sends a time.Time as datetimeoffset(7), and a
// datetime column (1/300 s precision; Wolvox's type) compared with it can
// miss or repeat rows at the boundary. DateTime1 binds it as datetime, the
// same type the value was read from, with the time's own wall clock (the
// shop's, from Zone.Write).
func (mssqlDialect) bindTime(t time.Time) any { return mssql.DateTime1(t) }
func (mssqlDialect) Today(days int) string {
	return fmt.Sprintf("DATEADD(day, %d, CAST(GETDATE() AS date))", days)
}

// Month counts months since day 0 (1900-01-01): SQL Server 2008 has no
// DATEFROMPARTS.
func (mssqlDialect) Month(edge string, months int) string {
	if edge == "end" {
		return fmt.Sprintf("DATEADD(day, -1, CAST(DATEADD(month, DATEDIFF(month, 0, GETDATE()) %+d, 0) AS date))", months+1)
	}
	return fmt.Sprintf("CAST(DATEADD(month, DATEDIFF(month, 0, GETDATE()) %+d, 0) AS date)", months)
}
func (mssqlDialect) Part(part, col string) string {
	return fmt.Sprintf("DATEPART(%s, %s)", strings.ToLower(part), col)
}
func (mssqlDialect) ColumnsQuery(tables []string) string {
	return "SELECT UPPER(TABLE_NAME) AS TABLE_NAME, UPPER(COLUMN_NAME) AS COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) IN (" + quoteList(tables) + ")"
}

// Null: SQL Server's TIMESTAMP is a row version, not a point in time.
func (mssqlDialect) Null(t NullType) string {
	return castNull(t, map[NullType]string{NullTimestamp: "DATETIME"})
}
func (mssqlDialect) TablesQuery() string {
	return "SELECT UPPER(TABLE_NAME) AS TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
}

// mssqlDSN builds a sqlserver:// URL with ApplicationIntent=ReadOnly: on an
// Always On group it lands on a readable secondary, and it documents intent
// in the server's session list. It holds the password: never log it.
func mssqlDSN(o Options) (string, error) {
	if o.Database == "" {
		return "", fmt.Errorf("database (e.g. WOLVOX8_001_{year}_WOLVOX) is required")
	}
	q := url.Values{}
	q.Set("database", o.Database)
	q.Set("ApplicationIntent", "ReadOnly")
	q.Set("app name", "akinsoft-connector")
	if o.Timeout > 0 {
		q.Set("dial timeout", strconv.Itoa(int(o.Timeout.Seconds())))
	}
	switch strings.ToLower(o.Encrypt) {
	case "":
	case "true", "false", "strict", "disable":
		q.Set("encrypt", strings.ToLower(o.Encrypt))
	default:
		return "", fmt.Errorf("encrypt must be true, false, strict or disable, not %q", o.Encrypt)
	}
	if o.TrustServerCertificate {
		q.Set("TrustServerCertificate", "true")
	}
	host := o.Host
	if host == "" {
		host = "127.0.0.1"
	}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword(o.User, o.Password), RawQuery: q.Encode()}
	switch {
	case o.Instance != "":
		u.Host, u.Path = host, "/"+o.Instance
	case o.Port != 0:
		u.Host = host + ":" + strconv.Itoa(o.Port)
	default:
		u.Host = host
	}
	return u.String(), nil
}

func openMSSQL(o Options) (pool, error) {
	dsn, err := mssqlDSN(o)
	if err != nil {
		return pool{}, err
	}
	c, err := mssql.NewConnector(dsn)
	if err != nil {
		return pool{}, fmt.Errorf("sql server connection settings are not valid (host %s, database %s): check encrypt and instance", o.Host, o.Database)
	}
	// go-mssqldb refuses TxOptions.ReadOnly ("read-only transactions are
	// not supported"). Read-only rests on the checked single SELECT, the
	// ReadOnly application intent and a login that has only SELECT rights
	// (see README: minimal grants).
	return pool{db: sql.OpenDB(c), dialect: mssqlDialect{}, tx: sql.TxOptions{Isolation: sql.LevelReadCommitted}}, nil
}
