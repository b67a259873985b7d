package erp

import (
	"slices"
	"strings"
	"testing"
)

// SQL Server's answer to the rights query, as go-mssqldb scans it (int64
// for IS_SRVROLEMEMBER and IS_ROLEMEMBER, a string for the list), read the
// way check and init tell it.
func TestMSSQLAccessOf(t *testing.T) {
	for _, tc := range []struct {
		name     string
		row      Record
		readOnly bool
		admin    bool
		writable []string
	}{
		{"sysadmin (sa)", Record{"USR": "sa", "SYSADMIN": int64(1), "DBOWNER": int64(1), "WRITES": "CARI,CARI,CARI,FATURA,FATURA,FATURA,CARIHR,CARIHR,CARIHR,CARI_YETKILI,CARI_YETKILI,CARI_YETKILI,"},
			false, true, []string{"CARI", "CARIHR", "CARI_YETKILI", "FATURA"}},
		{"db_owner", Record{"USR": "wolvox", "SYSADMIN": int64(0), "DBOWNER": int64(1), "WRITES": "CARI,FATURA,"}, false, true, []string{"CARI", "FATURA"}},
		{"db_datawriter", Record{"USR": "yazici", "SYSADMIN": int64(0), "DBOWNER": int64(0), "WRITES": "CARI,CARI,CARI,FATURA,FATURA,FATURA,CARIHR,CARIHR,CARIHR,CARI_YETKILI,CARI_YETKILI,CARI_YETKILI,"},
			false, false, []string{"CARI", "CARIHR", "CARI_YETKILI", "FATURA"}},
		{"UPDATE on one table", Record{"USR": "connector_ro", "SYSADMIN": int64(0), "DBOWNER": int64(0), "WRITES": "FATURA,"}, false, false, []string{"FATURA"}},
		{"SELECT only", Record{"USR": "connector_ro", "SYSADMIN": int64(0), "DBOWNER": int64(0), "WRITES": ""}, true, false, nil},
		// IS_ROLEMEMBER is NULL outside a database the login may open;
		// COALESCE makes it 0, and a driver may still hand back NULL.
		{"NULLs", Record{"USR": "connector_ro", "SYSADMIN": nil, "DBOWNER": nil, "WRITES": nil}, true, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := mssqlAccessOf(tc.row)
			if a.User != tc.row["USR"] || a.ReadOnly() != tc.readOnly || a.Admin != tc.admin || !slices.Equal(a.Writable, tc.writable) {
				t.Errorf("access = %+v, want read-only %v, admin %v, writable %v", a, tc.readOnly, tc.admin, tc.writable)
			}
		})
	}
}

// The query asks every right that writes, on every table the presets read,
// and only SELECTs: it is sent as any other query is, read-only.
func TestMSSQLAccessQuery(t *testing.T) {
	q := mssqlAccessQuery()
	if err := CheckSelect(q, "mssql"); err != nil {
		t.Fatalf("the rights query is refused: %v", err)
	}
	for _, want := range []string{"IS_SRVROLEMEMBER('sysadmin')", "IS_ROLEMEMBER('db_owner')", "SUSER_SNAME()"} {
		if !strings.Contains(q, want) {
			t.Errorf("the query lacks %s:\n%s", want, q)
		}
	}
	for _, table := range PresetTables {
		for _, p := range []string{"INSERT", "UPDATE", "DELETE"} {
			if want := "HAS_PERMS_BY_NAME('dbo." + table + "', 'OBJECT', '" + p + "'), 0) = 1 THEN '" + table + ",'"; !strings.Contains(q, want) {
				t.Errorf("the query does not ask %s on %s", p, table)
			}
		}
	}
}
