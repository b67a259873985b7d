// Package erptest starts nothing and mocks nothing: it finds the real
// Firebird server that scripts/firebird/setup.sh prepared and writes
// Wolvox-shaped test databases into it. Only tests and the benchmark write;
// the connector itself never does.
package erptest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/nakagami/firebirdsql" // the server the tests run against

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

// Server is where the test Firebird server listens.
type Server struct {
	Host, User, Password, Dir string
	Port                      int
	restart                   string
}

// Firebird returns the test server from the FIREBIRD_TEST_* environment.
// Without it the test is skipped (see skip.go), or fails under make test.
func Firebird(t testing.TB) Server {
	t.Helper()
	return server(t, false)
}

// FirebirdExclusive is Firebird for a test that stops or restarts the
// server: it waits until no other test, in any package, is using it and
// keeps them waiting until it ends. Such a test must not call Firebird.
func FirebirdExclusive(t testing.TB) Server {
	t.Helper()
	return server(t, true)
}

func server(t testing.TB, exclusive bool) Server {
	t.Helper()
	s, err := FromEnv()
	if errors.Is(err, ErrNoServer) {
		skipOrFail(t)
	}
	if err != nil {
		t.Fatal(err)
	}
	share(t, exclusive)
	return s
}

// ErrNoServer is FromEnv's answer when no test server is configured at all.
var ErrNoServer = errors.New("no Firebird test server (FIREBIRD_TEST_HOST is not set)")

// FromEnv reads the FIREBIRD_TEST_* variables setup.sh prints.
func FromEnv() (Server, error) {
	s := Server{Host: os.Getenv("FIREBIRD_TEST_HOST"), User: os.Getenv("FIREBIRD_TEST_USER"),
		Password: os.Getenv("FIREBIRD_TEST_PASSWORD"), Dir: os.Getenv("FIREBIRD_TEST_DIR"), restart: os.Getenv("FIREBIRD_TEST_RESTART")}
	s.Port, _ = strconv.Atoi(os.Getenv("FIREBIRD_TEST_PORT"))
	if s.Host == "" {
		return s, ErrNoServer
	}
	if s.Password == "" || s.Dir == "" {
		return s, fmt.Errorf("FIREBIRD_TEST_HOST is set but FIREBIRD_TEST_PASSWORD or FIREBIRD_TEST_DIR is not: %s", howToRun)
	}
	if s.Port == 0 {
		s.Port = 3050
	}
	if s.User == "" {
		s.User = "SYSDBA"
	}
	return s, nil
}

// Restart stops and starts the server, as a shop's server restart would.
func (s Server) Restart() error {
	if s.restart == "" {
		return fmt.Errorf("FIREBIRD_TEST_RESTART is not set: run scripts/firebird/setup.sh and eval its output")
	}
	f := strings.Fields(s.restart)
	out, err := exec.Command(f[0], f[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("restart firebird: %v: %s", err, out)
	}
	return nil
}

// Path is a database file path on the server for name; any old file of
// that name is removed so each test starts clean.
func (s Server) Path(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(s.Dir, fmt.Sprintf("aks_%s_%d.fdb", name, os.Getpid()))
	os.Remove(p)
	t.Cleanup(func() { os.Remove(p) })
	return p
}

func (s Server) dsn(path, charset string) string {
	u := url.URL{User: url.UserPassword(s.User, s.Password), Host: s.Host + ":" + strconv.Itoa(s.Port), Path: path,
		RawQuery: "charset=" + charset}
	return strings.TrimPrefix(u.String(), "//")
}

// Open is a read-write admin connection for test setup.
func (s Server) Open(path string) (*sql.DB, error) {
	return sql.Open("firebirdsql", s.dsn(path, "UTF8"))
}

// tables are the part of Wolvox's company database the presets read: the
// real table and column names and types, text columns in WIN1254 as Wolvox
// creates them, no foreign keys.
var tables = []struct {
	name string
	cols []string
}{
	{"CARI", []string{"BLKODU INTEGER NOT NULL PRIMARY KEY", "CARIKODU VARCHAR(30) CHARACTER SET WIN1254 NOT NULL",
		"TICARI_UNVANI VARCHAR(100) CHARACTER SET WIN1254", "ADI VARCHAR(30) CHARACTER SET WIN1254", "SOYADI VARCHAR(30) CHARACTER SET WIN1254",
		"ADI_SOYADI VARCHAR(60) CHARACTER SET WIN1254", "CEP_TEL VARCHAR(20) CHARACTER SET WIN1254", "TEL1 VARCHAR(20) CHARACTER SET WIN1254",
		"TEL2 VARCHAR(20) CHARACTER SET WIN1254", "EV_TEL VARCHAR(20) CHARACTER SET WIN1254", "E_MAIL VARCHAR(100) CHARACTER SET WIN1254",
		"DOGUM_TARIHI DATE", "TC_KIMLIK_NO VARCHAR(11) CHARACTER SET WIN1254", "VERGI_NO VARCHAR(15) CHARACTER SET WIN1254",
		"ADRESI_1 VARCHAR(100) CHARACTER SET WIN1254", "ILI_1 VARCHAR(30) CHARACTER SET WIN1254", "KAYIT_TARIHI TIMESTAMP",
		"DEGISTIRME_TARIHI TIMESTAMP", "AKTIF SMALLINT DEFAULT 1", "OZEL_KODU1 VARCHAR(30) CHARACTER SET WIN1254",
		"NOTLAR VARCHAR(100) CHARACTER SET NONE", "RISK_LIMITI DOUBLE PRECISION", "SILINDI SMALLINT DEFAULT 0"}},
	{"FATURA", []string{"BLKODU INTEGER NOT NULL PRIMARY KEY", "BLCRKODU INTEGER", "CARIKODU VARCHAR(30) CHARACTER SET WIN1254",
		"FATURA_NO VARCHAR(20) CHARACTER SET WIN1254", "FATURA_SERI VARCHAR(10) CHARACTER SET WIN1254", "TARIHI DATE", "VADESI DATE",
		"TOPLAM_GENEL_KPB NUMERIC(18,2)", "TOPLAM_ALT_KPB NUMERIC(18,2)", "TOPLAM_KDV_KPB NUMERIC(18,2)", "TOPLAM_GENEL_DVZ DOUBLE PRECISION",
		"FATURA_DURUMU SMALLINT", "IPTAL SMALLINT DEFAULT 0", "CEP_TEL VARCHAR(20) CHARACTER SET WIN1254",
		"E_MAIL VARCHAR(100) CHARACTER SET WIN1254", "EFATURA_PDF_URL VARCHAR(250) CHARACTER SET WIN1254",
		"EFATURA_GUID VARCHAR(40) CHARACTER SET WIN1254", "KARGO_FIRMASI VARCHAR(50) CHARACTER SET WIN1254",
		"KARGO_NO VARCHAR(30) CHARACTER SET WIN1254", "KAYIT_TARIHI TIMESTAMP", "DEGISTIRME_TARIHI TIMESTAMP", "SILINDI SMALLINT DEFAULT 0"}},
	{"CARIHR", []string{"BLKODU INTEGER NOT NULL PRIMARY KEY", "BLCRKODU INTEGER", "EVRAK_NO VARCHAR(20) CHARACTER SET WIN1254",
		"ISLEM_TURU SMALLINT", "TARIHI DATE", "VADESI DATE", "KPB_ATUT NUMERIC(18,2)", "KPB_BTUT NUMERIC(18,2)", "ENTEGRASYON SMALLINT",
		"KAYIT_TARIHI TIMESTAMP", "DEGISTIRME_TARIHI TIMESTAMP", "SILINDI SMALLINT DEFAULT 0"}},
	{"CARI_YETKILI", []string{"BLKODU INTEGER NOT NULL PRIMARY KEY", "BLCRKODU INTEGER", "ADI_SOYADI VARCHAR(60) CHARACTER SET WIN1254",
		"CEP_TELEFONU VARCHAR(20) CHARACTER SET WIN1254", "E_MAIL VARCHAR(100) CHARACTER SET WIN1254", "SMS_GONDER SMALLINT", "DOGUM_TARIHI DATE"}},
}

// indexes are created when the database has their columns.
var indexes = []struct{ stmt, table, cols string }{
	{`CREATE DESCENDING INDEX IDX_FATURA_KAYIT ON FATURA (KAYIT_TARIHI)`, "FATURA", "KAYIT_TARIHI"},
	{`CREATE INDEX IDX_FATURA_DEGISTIRME ON FATURA (DEGISTIRME_TARIHI, BLKODU)`, "FATURA", "DEGISTIRME_TARIHI"},
}

// Schema is the DDL of a Wolvox-shaped database: one generator for every
// BLKODU and the tables of tables.
var Schema = schema(nil)

// schema is the DDL without the columns in without (TABLE.COLUMN).
func schema(without map[string]bool) []string {
	out := []string{`CREATE GENERATOR GEN_BLKODU`}
	for _, t := range tables {
		var cols []string
		for _, c := range t.cols {
			name, _, _ := strings.Cut(c, " ")
			if !without[t.name+"."+name] {
				cols = append(cols, c)
			}
		}
		out = append(out, fmt.Sprintf("CREATE TABLE %s (%s)", t.name, strings.Join(cols, ", ")))
	}
	for _, ix := range indexes {
		if !without[ix.table+"."+ix.cols] {
			out = append(out, ix.stmt)
		}
	}
	return out
}

// CreateWolvox creates a Wolvox-shaped database at path with the demo's
// customers and invoices (Turkish names, odd phones, cancelled, deleted and
// orphaned invoices). Invoice dates are kept; KAYIT_TARIHI is set to base.
func (s Server) CreateWolvox(ctx context.Context, path string, base time.Time) (*sql.DB, error) {
	return s.CreateWolvoxWithout(ctx, path, base)
}

// CreateWolvoxWithout is CreateWolvox for an older or slimmer Wolvox: the
// tables are created without the columns named in without (TABLE.COLUMN,
// e.g. "CARI.TEL2"), and the demo data is written into the columns that
// remain.
func (s Server) CreateWolvoxWithout(ctx context.Context, path string, base time.Time, without ...string) (*sql.DB, error) {
	drop := map[string]bool{}
	for _, w := range without {
		table, col, ok := strings.Cut(strings.ToUpper(w), ".")
		if !ok || !hasColumn(table, col) {
			return nil, fmt.Errorf("CreateWolvoxWithout: %q is not a column of the test schema (TABLE.COLUMN)", w)
		}
		drop[table+"."+col] = true
	}
	create, err := sql.Open("firebirdsql_createdb", s.dsn(path, "UTF8"))
	if err != nil {
		return nil, err
	}
	if err := create.PingContext(ctx); err != nil {
		create.Close()
		return nil, fmt.Errorf("create database %s: %w", path, err)
	}
	create.Close()
	db, err := s.Open(path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	for _, stmt := range schema(drop) {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", stmt[:30], err)
		}
	}
	cari, err := columnsOf(ctx, db, "CARI")
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, c := range demo.Customers {
		first, last := split(c.Name)
		err := insert(ctx, db, "CARI", cari, map[string]any{"BLKODU": c.Key, "CARIKODU": c.Code, "TICARI_UNVANI": null(c.TradeName),
			"ADI": null(first), "SOYADI": null(last), "ADI_SOYADI": null(c.Name), "CEP_TEL": null(c.Mobile), "TEL1": null(c.Phone1),
			"E_MAIL": null(c.Email), "ILI_1": c.City, "VERGI_NO": null(c.TaxNo), "ADRESI_1": c.Address, "KAYIT_TARIHI": base,
			"RISK_LIMITI": 2500.75})
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("insert customer %d: %w", c.Key, err)
		}
	}
	if err := InsertInvoices(ctx, db, demo.Invoices, base); err != nil {
		db.Close()
		return nil, err
	}
	_, err = db.ExecContext(ctx, `SET GENERATOR GEN_BLKODU TO 1000`)
	return db, err
}

func hasColumn(table, col string) bool {
	for _, t := range tables {
		for _, c := range t.cols {
			if name, _, _ := strings.Cut(c, " "); t.name == table && name == col {
				return true
			}
		}
	}
	return false
}

// InsertInvoices adds demo invoices with KAYIT_TARIHI = DEGISTIRME_TARIHI = at,
// into the columns FATURA has.
func InsertInvoices(ctx context.Context, db *sql.DB, invoices []demo.Invoice, at time.Time) error {
	have, err := columnsOf(ctx, db, "FATURA")
	if err != nil {
		return err
	}
	for _, f := range invoices {
		date, err := time.ParseInLocation("2006-01-02", f.Date, time.Local)
		if err != nil {
			return err
		}
		err = insert(ctx, db, "FATURA", have, map[string]any{"BLKODU": f.Key, "BLCRKODU": f.Customer, "FATURA_NO": f.No, "FATURA_SERI": "A",
			"TARIHI": date, "VADESI": date.AddDate(0, 0, 30), "TOPLAM_GENEL_KPB": f.Total, "FATURA_DURUMU": f.Kind,
			"IPTAL": b2i(f.Cancel), "SILINDI": b2i(f.Deleted), "CEP_TEL": null(f.Mobile), "E_MAIL": null(f.Email),
			"KAYIT_TARIHI": at, "DEGISTIRME_TARIHI": at})
		if err != nil {
			return fmt.Errorf("insert invoice %d: %w", f.Key, err)
		}
	}
	return nil
}

// columnsOf lists the columns table has in the database.
func columnsOf(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT TRIM(RDB$FIELD_NAME) FROM RDB$RELATION_FIELDS WHERE RDB$RELATION_NAME = ? ORDER BY RDB$FIELD_POSITION`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// insert writes row into the columns the table has (see columnsOf); values
// of columns it lacks are dropped, as in a Wolvox version without them.
func insert(ctx context.Context, db *sql.DB, table string, have []string, row map[string]any) error {
	var cols, marks []string
	var args []any
	for _, c := range have {
		if v, ok := row[c]; ok {
			cols, marks, args = append(cols, c), append(marks, "?"), append(args, v)
		}
	}
	_, err := db.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), strings.Join(marks, ", ")), args...)
	return err
}

func split(full string) (string, string) {
	if i := strings.LastIndexByte(full, ' '); i >= 0 {
		return full[:i], full[i+1:]
	}
	return full, ""
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
