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

// Verify checks, once per pool, that the tables and columns a job needs
// exist, and refuses Wolvox's system database. needs maps table → columns.
func (s *Source) Verify(ctx context.Context, needs map[string][]string) error {
	if len(needs) == 0 {
		return nil
	}
	s.mu.Lock()
	done := s.verified
	s.mu.Unlock()
	if done {
		return nil
	}
	tables := make([]string, 0, len(needs))
	for t := range needs {
		tables = append(tables, strings.ToUpper(t))
	}
	sort.Strings(tables)
	have := map[string]map[string]bool{}
	err := s.Query(ctx, s.dialect.ColumnsQuery(tables), nil, func(r Record) error {
		t, c := strings.ToUpper(fmt.Sprint(r["TABLE_NAME"])), strings.ToUpper(fmt.Sprint(r["COLUMN_NAME"]))
		if have[t] == nil {
			have[t] = map[string]bool{}
		}
		have[t][strings.TrimSpace(c)] = true
		return nil
	})
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
			if !have[t][strings.ToUpper(c)] {
				missing = append(missing, t+"."+strings.ToUpper(c))
			}
		}
	}
	if len(missing) > 0 {
		if s.looksLikeSystemDB(ctx) {
			return fmt.Errorf("source %s: database %s looks like Wolvox's system database (SIRKET), which holds users and passwords: point the source at the company's year database (…\\Database_FB\\<company>\\<year>\\WOLVOX.FDB) instead", s.name, s.database)
		}
		return fmt.Errorf("source %s: database %s lacks %s: is this a Wolvox company database, and which Wolvox version? (the preset needs these columns)", s.name, s.database, strings.Join(missing, ", "))
	}
	s.mu.Lock()
	s.verified = true
	s.mu.Unlock()
	return nil
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
