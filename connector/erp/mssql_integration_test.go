package erp_test

import (
	"context"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// TestMSSQLIntegration runs only against a real SQL Server holding a
// Wolvox-shaped database, named by MSSQL_TEST_DSN, e.g.
// sqlserver://reader:secret@127.0.0.1:1433?database=WOLVOX8_001_2026_WOLVOX
func TestMSSQLIntegration(t *testing.T) {
	raw := os.Getenv("MSSQL_TEST_DSN")
	if raw == "" {
		t.Skip("MSSQL_TEST_DSN is not set: SQL Server integration test not run")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal("MSSQL_TEST_DSN is not a sqlserver:// URL")
	}
	pw, _ := u.User.Password()
	port, _ := strconv.Atoi(u.Port())
	src, err := erp.Open(erp.Options{Name: "mssql", Driver: "mssql", Host: u.Hostname(), Port: port, Database: u.Query().Get("database"),
		User: u.User.Username(), Password: pw, TrustServerCertificate: true, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for _, name := range erp.PresetNames() {
		p, _ := erp.LookupPreset(name)
		if err := src.Verify(context.Background(), p.Needs(nil)); err != nil {
			t.Fatalf("preset %s: %v", name, err)
		}
		cols, err := src.Columns(context.Background(), p.Tables())
		if err != nil {
			t.Fatal(err)
		}
		q, _, err := p.Build(nil, cols)
		if err != nil {
			t.Fatalf("preset %s: %v", name, err)
		}
		err = src.Query(context.Background(), erp.KeysetQuery(src.Dialect(), q, p.Key, 10), []any{0}, func(erp.Record) error { return nil })
		if err != nil {
			t.Fatalf("preset %s: %v", name, err)
		}
	}
}
