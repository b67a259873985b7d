package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
)

// OpenReadOnly opens the outbox for reading only, for check: it migrates
// nothing, writes nothing and creates no file. check is often run as root or
// an administrator: a state file it created could then not be written by the
// service account. An outbox that does not exist yet reads as empty (a first
// start: no cursor, no message).
//
// Without a write-ahead log (the service is stopped and closed cleanly) the
// file is opened immutable, which needs no -shm file; with one (the service
// is running), read-only through the log, so its latest commits are seen.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return openEmpty(ctx)
	} else if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(10000)")
	uri, err := sqlitefile.URI(path, q)
	if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := sqlitefile.Opened(ctx, db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox: %w", err)
	}
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox %s read-only: %w", path, err)
	}
	if version > len(migrations) {
		db.Close()
		return nil, fmt.Errorf("the outbox was written by a newer akinsoft-connector (schema %d, this binary knows %d): upgrade the binary", version, len(migrations))
	}
	return &Store{db: db, now: time.Now, hot: newHot(db)}, nil
}

// openEmpty is an outbox in memory with the current schema and no rows.
func openEmpty(ctx context.Context) (*Store, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db, now: time.Now, hot: newHot(db)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
