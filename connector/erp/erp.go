// Package erp reads the shop's ERP database, and only reads it: every query is a
// single SELECT run inside a read-only transaction, in short pages, so the shop's
// own users never wait on the connector.
package erp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Record is one row: column name (upper case, as Wolvox names them) → value.
// Values are nil, string (valid UTF-8), int64, float64, bool,
// decimal.Decimal (exact NUMERIC money) or time.Time.
type Record = map[string]any

// Options are the connection settings of one source.
type Options struct {
	Name     string
	Driver   string // firebird, mssql, sqlite
	Host     string
	Port     int
	Database string
	User     string
	Password string
	Charset  string
	Timeout  time.Duration
	// Firebird
	AuthPlugin string
	WireCrypt  *bool
	// SQL Server
	Encrypt                string
	TrustServerCertificate bool
	Instance               string
}

// Source is one read-only ERP database connection pool.
type Source struct {
	name    string
	db      *sql.DB
	dialect Dialect
	timeout time.Duration
}

// opener builds a *sql.DB and dialect for one driver; drivers register here.
type opener func(o Options) (*sql.DB, Dialect, error)

var openers = map[string]opener{
	"sqlite": openSQLite,
}

// Open connects lazily (database/sql): the first query establishes the
// connection, and a broken connection is replaced on the next query, so a
// server restart heals by itself.
func Open(o Options) (*Source, error) {
	open, ok := openers[o.Driver]
	if !ok {
		return nil, fmt.Errorf("source %s: driver %q is not supported (use firebird, mssql or sqlite)", o.Name, o.Driver)
	}
	db, d, err := open(o)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", o.Name, err)
	}
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return &Source{name: o.Name, db: db, dialect: d, timeout: o.Timeout}, nil
}

// Name is the source's configured name.
func (s *Source) Name() string { return s.name }

// Dialect is the source's SQL dialect.
func (s *Source) Dialect() Dialect { return s.dialect }

// Close closes the pool.
func (s *Source) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Source) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("source %s: cannot reach the database: %w", s.name, err)
	}
	return nil
}

// Query runs one SELECT in a read-only transaction and calls fn for each row
// as it is read (rows are streamed, never collected).
func (s *Source) Query(ctx context.Context, query string, args []any, fn func(Record) error) error {
	if err := CheckSelect(query); err != nil {
		return fmt.Errorf("source %s: %w", s.name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("source %s: start read-only transaction: %w", s.name, err)
	}
	// A read-only transaction has nothing to commit; rolling back ends it
	// without any chance of writing.
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("source %s: query failed: %w", s.name, err)
	}
	defer rows.Close()
	sc, err := newScanner(rows, s.dialect)
	if err != nil {
		return fmt.Errorf("source %s: %w", s.name, err)
	}
	for rows.Next() {
		rec, err := sc.scan(rows)
		if err != nil {
			return fmt.Errorf("source %s: read row: %w", s.name, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("source %s: read rows: %w", s.name, err)
	}
	return nil
}

// ErrStop can be returned by a Query callback to stop reading early.
var ErrStop = errors.New("stop reading")
