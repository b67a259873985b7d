package erp

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// systemTables are found in Wolvox's system database (SIRKET), which holds
// companies, users and their passwords: the connector must never read it.
var systemTables = []string{"SIRKET", "KULLANICI", "KULLANICILAR", "SIRKETLER"}

// Verify checks that the tables and columns a job cannot do without exist,
// and refuses Wolvox's system database. needs maps table → columns. The
// columns are read once per source (see Columns), so Verify is cheap before
// every run.
func (s *Source) Verify(ctx context.Context, needs map[string][]string) error {
	if len(needs) == 0 {
		return nil
	}
	tables := make([]string, 0, len(needs))
	for t := range needs {
		tables = append(tables, strings.ToUpper(t))
	}
	sort.Strings(tables)
	have, err := s.Columns(ctx, tables)
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range tables {
		if have[t] == nil {
			missing = append(missing, "table "+t)
			continue
		}
		for _, c := range needs[t] {
			if !have.Has(t, c) {
				missing = append(missing, t+"."+strings.ToUpper(c))
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if s.looksLikeSystemDB(ctx) {
		return fmt.Errorf("source %s: database %s looks like Wolvox's system database (SIRKET), which holds users and passwords: point the source at the company's year database (…\\Database_FB\\<company>\\<year>\\WOLVOX.FDB) instead", s.name, s.database)
	}
	return fmt.Errorf("source %s: database %s lacks %s, which the job cannot do without: is this a Wolvox company database, and which Wolvox version? (columns a preset only shows in messages may be missing; these may not)", s.name, s.database, strings.Join(missing, ", "))
}

func (s *Source) looksLikeSystemDB(ctx context.Context) bool {
	found := false
	_ = s.Query(ctx, s.dialect.TablesQuery(), nil, func(r Record) error {
		name := strings.ToUpper(strings.TrimSpace(fmt.Sprint(r["TABLE_NAME"])))
		for _, t := range systemTables {
			if name == t {
				found = true
			}
		}
		return nil
	})
	return found
}
