package connector

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// A source's history (cursors, dedupe keys) is filed under the name of the
// database it read: merkez for a fixed path, merkez@2026 for a {year}
// path's. When the IT person changes a fixed year's path to {year} (as
// init's note said to once the year is opened), the same database gets a
// new name. The daemon records the database each fixed-path source is
// opened on, and at the first start on the {year} path files that
// database's history under its new name (outbox.RenameSource): its jobs
// go on where they were, the new year's database is read from its first
// invoice, and nothing reminded this period is reminded again.

// SourceHistory is what the outbox offers for that: the database a source
// name was opened on, and whether anything is filed under a name.
type SourceHistory interface {
	SourceDatabase(ctx context.Context, source string) (string, bool, error)
	HasSource(ctx context.Context, source string) (bool, error)
}

// databaseID names a source's database on its server, the same whichever
// way the path was written: the server, and the path with one kind of
// slash and in lower case (Windows and SQL Server do not tell cases apart).
func databaseID(s config.Source, database string) string {
	db := database
	if s.Driver == "sqlite" {
		db = filepath.Clean(db)
	}
	db = strings.ToLower(strings.ReplaceAll(db, `\`, "/"))
	return strings.Join([]string{s.Driver, strings.ToLower(s.Host), strconv.Itoa(s.Port), strings.ToLower(s.Instance), db}, "|")
}

// SourceRenamed is the name under which a {year} source's history filed
// under its own name goes on: the year database (merkez@2026, this year's
// or last year's) its path names that an earlier config opened as the
// fixed path. False when there is none, or when that name has a history
// of its own already.
func SourceRenamed(ctx context.Context, h SourceHistory, s config.Source, now time.Time, loc *time.Location) (string, bool, error) {
	tmpl := string(s.Database)
	if !strings.Contains(tmpl, erp.YearPlaceholder) {
		return "", false, nil
	}
	was, ok, err := h.SourceDatabase(ctx, s.Name)
	if err != nil || !ok {
		return "", false, err
	}
	y := now.In(loc).Year()
	for _, year := range []int{y, y - 1} {
		if databaseID(s, strings.ReplaceAll(tmpl, erp.YearPlaceholder, strconv.Itoa(year))) != was {
			continue
		}
		to := s.Name + "@" + strconv.Itoa(year)
		has, err := h.HasSource(ctx, s.Name)
		if err != nil || !has {
			return "", false, err
		}
		taken, err := h.HasSource(ctx, to)
		if err != nil || taken {
			return "", false, err
		}
		return to, true, nil
	}
	return "", false, nil
}

// carrySources records the database of each fixed-path source, and files
// the history of a source whose path now holds {year} under the name of
// the database it was read as (SourceRenamed). A fixed path whose year was
// changed by hand is refused (SourceYearChanged), nothing being read yet.
func (d *Daemon) carrySources(ctx context.Context, store *outbox.Store) error {
	for _, s := range d.cfg.Sources {
		if !strings.Contains(string(s.Database), erp.YearPlaceholder) {
			was, now, tmpl, changed, err := SourceYearChanged(ctx, store, s)
			if err != nil {
				return err
			}
			if changed {
				return YearChangedError(s.Name, was, now, tmpl)
			}
			if err := store.SetSourceDatabase(ctx, s.Name, databaseID(s, string(s.Database))); err != nil {
				return err
			}
			continue
		}
		to, ok, err := SourceRenamed(ctx, store, s, d.now(), d.cfg.Location())
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		r, err := store.RenameSource(ctx, s.Name, to)
		if err != nil {
			return err
		}
		d.log.Info("log.source.renamed", "source", s.Name, "database", string(s.Database), "as", to, "cursors", r.Cursors, "messages", r.Messages)
	}
	return nil
}

// yearToken is a year in a Wolvox database's path or name
// (…/01/2026/WOLVOX.FDB, WOLVOX8_001_2026_WOLVOX).
var yearToken = regexp.MustCompile(`(^|[/\\_])(20\d\d)([/\\_]|$)`)

// SourceYearChanged says whether a fixed-path source now names another
// year's database than the one its history (cursors, dedupe keys) was read
// from: the path differs from the recorded one in its year alone, as when
// the year is typed in by hand once the shop opens the next one. The
// history would be taken for the new database's: the new year's invoices
// under last year's last key never sent, and one whose key last year's
// used taken for sent already. It returns the years and the path with
// {year} in it, which the config should name instead.
func SourceYearChanged(ctx context.Context, h SourceHistory, s config.Source) (was, now int, template string, changed bool, err error) {
	path := string(s.Database)
	if strings.Contains(path, erp.YearPlaceholder) {
		return 0, 0, "", false, nil
	}
	rec, ok, err := h.SourceDatabase(ctx, s.Name)
	cur := databaseID(s, path)
	if err != nil || !ok || rec == cur {
		return 0, 0, "", false, err
	}
	for _, m := range yearToken.FindAllStringSubmatchIndex(cur, -1) {
		i, j := m[4], m[5] // the year's digits
		if len(rec) != len(cur) || rec[:i] != cur[:i] || rec[j:] != cur[j:] {
			continue
		}
		old, err1 := strconv.Atoi(rec[i:j])
		y, err2 := strconv.Atoi(cur[i:j])
		if err1 != nil || err2 != nil || old == y {
			continue
		}
		if has, err := h.HasSource(ctx, s.Name); err != nil || !has {
			return 0, 0, "", false, err
		}
		tmpl := path
		for _, pm := range yearToken.FindAllStringSubmatchIndex(path, -1) {
			if path[pm[4]:pm[5]] == cur[i:j] {
				tmpl = path[:pm[4]] + erp.YearPlaceholder + path[pm[5]:]
				break
			}
		}
		return old, y, tmpl, true, nil
	}
	return 0, 0, "", false, nil
}

// YearChangedError is run's and check's refusal of a fixed path whose year
// was changed (SourceYearChanged), with the path to write instead.
func YearChangedError(source string, was, now int, template string) error {
	return catalog.Errorf("daemon.source_year_changed", "source", source, "was", was, "now", now, "template", template)
}
