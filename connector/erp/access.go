package erp

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// PresetTables are the Wolvox tables the presets read: the ones a
// read-only user needs SELECT on, and nothing else.
var PresetTables = []string{"CARI", "FATURA", "CARIHR", "CARI_YETKILI"}

// Access is what the connection's user may do to the tables the presets
// read, as the database itself says. The connector only ever reads, in
// read-only transactions; a user that could write is still refused by
// init, because a read-only user is what keeps a mistake anywhere else
// (another program sharing the login, a config copied to the wrong place)
// from ever touching the shop's books.
type Access struct {
	User string
	// Admin is a user with every right: Firebird's SYSDBA or the RDB$ADMIN
	// role, SQL Server's sysadmin or db_owner.
	Admin bool
	// Owner says the user owns the database or one of the tables, which
	// gives every right on them whatever was granted.
	Owner bool
	// Writable lists the tables the user may insert into, change or
	// delete from.
	Writable []string
	// ReadOnlyConnection is set when the connection itself cannot write
	// (the demo's SQLite file, opened read-only).
	ReadOnlyConnection bool
}

// ReadOnly reports whether the user can only read.
func (a Access) ReadOnly() bool {
	return a.ReadOnlyConnection || (!a.Admin && !a.Owner && len(a.Writable) == 0)
}

// Access asks the database what the connected user may do. It runs
// SELECTs on the system tables only.
func (s *Source) Access(ctx context.Context) (Access, error) {
	switch s.dialect.Name() {
	case "sqlite":
		return Access{ReadOnlyConnection: true}, nil
	case "firebird":
		return s.firebirdAccess(ctx)
	case "mssql":
		return s.mssqlAccess(ctx)
	}
	return Access{}, catalog.Errorf("erp.rights_unknown", "source", s.name, "driver", s.dialect.Name())
}

func (s *Source) firebirdAccess(ctx context.Context) (Access, error) {
	tables := quoteList(PresetTables)
	// Rights granted to the user, to PUBLIC or to a role the user holds
	// (RDB$USER_PRIVILEGES lists role memberships as privilege 'M').
	q := `SELECT CURRENT_USER AS USR, CURRENT_ROLE AS RL,
	(SELECT MON$OWNER FROM MON$DATABASE) AS DB_OWNER,
	(SELECT COUNT(*) FROM RDB$RELATIONS R WHERE R.RDB$RELATION_NAME IN (` + tables + `) AND R.RDB$OWNER_NAME = CURRENT_USER) AS OWNS,
	(SELECT LIST(DISTINCT TRIM(P.RDB$RELATION_NAME)) FROM RDB$USER_PRIVILEGES P
		WHERE P.RDB$PRIVILEGE IN ('I', 'U', 'D') AND P.RDB$RELATION_NAME IN (` + tables + `)
		AND (P.RDB$USER IN (CURRENT_USER, 'PUBLIC') OR P.RDB$USER IN
			(SELECT M.RDB$RELATION_NAME FROM RDB$USER_PRIVILEGES M WHERE M.RDB$PRIVILEGE = 'M' AND M.RDB$USER = CURRENT_USER))) AS WRITES
FROM RDB$DATABASE`
	var a Access
	err := s.Query(ctx, q, nil, func(r Record) error {
		a.User = trimText(r["USR"])
		role := trimText(r["RL"])
		a.Admin = strings.EqualFold(a.User, "SYSDBA") || strings.EqualFold(role, "RDB$ADMIN")
		a.Owner = strings.EqualFold(trimText(r["DB_OWNER"]), a.User) || toInt(r["OWNS"]) > 0
		a.Writable = splitList(trimText(r["WRITES"]))
		return nil
	})
	if err != nil {
		return Access{}, catalog.Errorf("erp.rights", "source", s.name, "err", err).Wrapping(err)
	}
	return a, nil
}

func (s *Source) mssqlAccess(ctx context.Context) (Access, error) {
	var a Access
	err := s.Query(ctx, mssqlAccessQuery(), nil, func(r Record) error {
		a = mssqlAccessOf(r)
		return nil
	})
	if err != nil {
		return Access{}, catalog.Errorf("erp.rights", "source", s.name, "err", err).Wrapping(err)
	}
	return a, nil
}

// mssqlAccessQuery asks SQL Server who the login is, whether it is a
// sysadmin or in db_owner, and which of the preset tables it may insert
// into, change or delete from: WRITES lists them as "CARI,CARI,FATURA,",
// granted to the user, to a role it is in (db_datawriter) or to public.
func mssqlAccessQuery() string {
	var perms []string
	for _, t := range PresetTables {
		for _, p := range []string{"INSERT", "UPDATE", "DELETE"} {
			perms = append(perms, fmt.Sprintf(`CASE WHEN COALESCE(HAS_PERMS_BY_NAME('dbo.%s', 'OBJECT', '%s'), 0) = 1 THEN '%s,' ELSE '' END`, t, p, t))
		}
	}
	return `SELECT SUSER_SNAME() AS USR, COALESCE(IS_SRVROLEMEMBER('sysadmin'), 0) AS SYSADMIN,
	COALESCE(IS_ROLEMEMBER('db_owner'), 0) AS DBOWNER, ` + strings.Join(perms, " + ") + ` AS WRITES`
}

// mssqlAccessOf reads mssqlAccessQuery's row.
func mssqlAccessOf(r Record) Access {
	return Access{
		User:     trimText(r["USR"]),
		Admin:    toInt(r["SYSADMIN"]) == 1 || toInt(r["DBOWNER"]) == 1,
		Writable: splitList(trimText(r["WRITES"])),
	}
}

// Count returns the number of rows of a table the presets read, to show
// people that they picked the right company.
func (s *Source) Count(ctx context.Context, table string) (int64, error) {
	if !isPresetTable(table) {
		return 0, fmt.Errorf("count: %s is not one of the tables the connector reads", table)
	}
	var n int64
	err := s.Query(ctx, "SELECT COUNT(*) AS N FROM "+table, nil, func(r Record) error { n = int64(toInt(r["N"])); return nil })
	return n, err
}

func isPresetTable(t string) bool {
	for _, p := range PresetTables {
		if p == t {
			return true
		}
	}
	return false
}

func trimText(v any) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func toInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int32:
		return int(n)
	case int:
		return n
	case bool:
		if n {
			return 1
		}
	case float64:
		return int(n)
	case string:
		i, _ := strconv.Atoi(strings.TrimSpace(n))
		return i
	case fmt.Stringer:
		i, _ := strconv.Atoi(n.String())
		return i
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !contains(out, p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
