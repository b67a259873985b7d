package erp

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
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
	var missing []catalog.Msg
	for _, t := range tables {
		if have[t] == nil {
			missing = append(missing, catalog.M("erp.table", "name", t))
			continue
		}
		for _, c := range needs[t] {
			if !have.Has(t, c) {
				missing = append(missing, catalog.M("erp.column", "name", t+"."+strings.ToUpper(c)))
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if s.looksLikeSystemDB(ctx) {
		return catalog.Errorf("erp.system_db", "source", s.name, "database", s.database)
	}
	return catalog.Errorf("erp.lacks", "source", s.name, "database", s.database, "missing", catalog.Join(", ", missing...))
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
