package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A source whose database path the shop's IT person changes from a fixed
// year's (…/01/2026/WOLVOX.FDB) to {year} (…/01/{year}/WOLVOX.FDB) reads
// the same database under a new name: merkez becomes merkez@2026. Its
// cursors and the dedupe keys of its messages are filed under the name, so
// without a rename every job would start that database again as a new
// job's (the new year's at its end, losing what was entered in it) and
// remind at once every invoice it reminded this period. The daemon records
// which database each fixed-path source was opened on, and renames the
// source when the {year} path names that same database.

// metaSourceDatabase + a source's name is the database it was opened on.
const metaSourceDatabase = "source_database:"

// SourceDatabase is the database the source name was last opened on, as
// SetSourceDatabase recorded it; false when none was.
func (s *Store) SourceDatabase(ctx context.Context, source string) (string, bool, error) {
	var db string
	err := s.db.QueryRowContext(ctx, `SELECT CAST(value AS TEXT) FROM meta WHERE name = ?`, metaSourceDatabase+source).Scan(&db)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read the database of source %s: %w", source, err)
	}
	return db, true, nil
}

// SetSourceDatabase records the database a source with a fixed path is
// opened on, for a later rename (RenameSource); "" forgets it.
func (s *Store) SetSourceDatabase(ctx context.Context, source, db string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if db == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaSourceDatabase+source)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value`, metaSourceDatabase+source, db)
		}
		if err != nil {
			return fmt.Errorf("record the database of source %s: %w", source, err)
		}
		return nil
	})
}

// HasSource reports whether any cursor or message is filed under source.
func (s *Store) HasSource(ctx context.Context, source string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM cursors WHERE source = ? LIMIT 1))
		+ (SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE source = ? LIMIT 1))`, source, source).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for source %s: %w", source, err)
	}
	return n > 0, nil
}

// Renamed is what RenameSource moved.
type Renamed struct{ Cursors, Messages int }

// RenameSource files every cursor and message of source from under the
// name to, in one transaction, and forgets from's recorded database. A
// message's dedupe key names its source, after its entity
// (invoice:merkez:4711:created) or first, in a job's own dedupe_key form
// (merkez:…): both are renamed, so that an event sent under from is not
// sent again under to. It refuses when anything is filed under to already:
// two databases' histories would mix.
func (s *Store) RenameSource(ctx context.Context, from, to string) (Renamed, error) {
	var r Renamed
	if from == "" || to == "" || from == to {
		return r, fmt.Errorf("rename source %q to %q: two different names are needed", from, to)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM cursors WHERE source = ?) + (SELECT COUNT(*) FROM messages WHERE source = ?)`,
			to, to).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("source %s has cursors or messages already", to)
		}
		res, err := tx.ExecContext(ctx, `UPDATE cursors SET source = ? WHERE source = ?`, to, from)
		if err != nil {
			return err
		}
		c, _ := res.RowsAffected()
		r.Cursors = int(c)
		rows, err := tx.QueryContext(ctx, `SELECT id, dedupe_key FROM messages WHERE source = ?`, from)
		if err != nil {
			return err
		}
		keys := map[int64]string{}
		for rows.Next() {
			var id int64
			var k string
			if err := rows.Scan(&id, &k); err != nil {
				rows.Close()
				return err
			}
			keys[id] = renamedKey(k, from, to)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for id, k := range keys {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET source = ?, dedupe_key = ? WHERE id = ?`, to, k, id); err != nil {
				return err
			}
		}
		r.Messages = len(keys)
		if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaSourceDatabase+from); err != nil {
			return err
		}
		return countChange(ctx, tx)
	})
	if err != nil {
		return Renamed{}, fmt.Errorf("rename source %s to %s: %w", from, to, err)
	}
	return r, nil
}

// renamedKey is a dedupe key of source from as source to's: the source is
// its second part after the entity, or its first in a job's own form.
func renamedKey(key, from, to string) string {
	if entity, rest, ok := strings.Cut(key, ":"); ok && strings.HasPrefix(rest, from+":") {
		return entity + ":" + to + rest[len(from):]
	}
	if strings.HasPrefix(key, from+":") {
		return to + key[len(from):]
	}
	return key
}
