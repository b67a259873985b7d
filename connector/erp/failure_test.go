package erp_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// read runs q on the source o describes and returns its error (or the
// error of opening it: a SQLite file is looked for at once).
func read(t *testing.T, o erp.Options, q string) error {
	t.Helper()
	src, err := erp.Open(o)
	if err != nil {
		return err
	}
	defer src.Close()
	return src.Query(context.Background(), q, nil, func(erp.Record) error { return nil })
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// The real server's answers, each to the kind a person is told.
func TestFirebirdFailureKinds(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "failure")
	ok := fbOptions(s, "merkez", path)
	for _, tc := range []struct {
		name   string
		change func(*erp.Options)
		query  string
		want   erp.Failure
	}{
		{"reads", func(*erp.Options) {}, "SELECT BLKODU FROM CARI", erp.FailureNone},
		{"wrong password", func(o *erp.Options) { o.Password = "yanlış" }, "SELECT BLKODU FROM CARI", erp.FailureLogin},
		{"unknown user", func(o *erp.Options) { o.User = "KIMSE" }, "SELECT BLKODU FROM CARI", erp.FailureLogin},
		{"nothing listens", func(o *erp.Options) { o.Host, o.Port = "127.0.0.1", closedPort(t) }, "SELECT BLKODU FROM CARI", erp.FailureUnreachable},
		{"no such host", func(o *erp.Options) { o.Host = "wolvox-sunucu.invalid" }, "SELECT BLKODU FROM CARI", erp.FailureUnreachable},
		{"no such database", func(o *erp.Options) { o.Database = filepath.Join(s.Dir, "yok.fdb") }, "SELECT BLKODU FROM CARI", erp.FailureMissing},
		{"unknown column", func(*erp.Options) {}, "SELECT TEL9 FROM CARI", erp.FailureSchema},
		{"unknown table", func(*erp.Options) {}, "SELECT BLKODU FROM CARI_YOK", erp.FailureSchema},
		{"other", func(*erp.Options) {}, "SELECT 1/0 FROM RDB$DATABASE", erp.FailureOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := ok
			tc.change(&o)
			err := read(t, o, tc.query)
			if got := erp.FailureOf(err); got != tc.want {
				t.Errorf("FailureOf(%v) = %q, want %q", err, got, tc.want)
			}
		})
	}
}

func TestSQLiteFailureKinds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wolvox.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE CARI (BLKODU INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ok := erp.Options{Name: "demo", Driver: "sqlite", Database: path, Location: time.Local}
	missing := ok
	missing.Database = filepath.Join(dir, "yok.db")
	for _, tc := range []struct {
		name  string
		o     erp.Options
		query string
		want  erp.Failure
	}{
		{"reads", ok, "SELECT BLKODU FROM CARI", erp.FailureNone},
		{"no such database", missing, "SELECT BLKODU FROM CARI", erp.FailureMissing},
		{"unknown column", ok, "SELECT TEL9 FROM CARI", erp.FailureSchema},
		{"unknown table", ok, "SELECT BLKODU FROM CARI_YOK", erp.FailureSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := read(t, tc.o, tc.query)
			if got := erp.FailureOf(err); got != tc.want {
				t.Errorf("FailureOf(%v) = %q, want %q", err, got, tc.want)
			}
		})
	}
}

// SQL Server cannot run here: its driver's own error values, wrapped as the
// source wraps them, stand for its answers (and MSSQL_TEST_DSN runs the rest).
func TestSQLServerAndNetworkFailureKinds(t *testing.T) {
	wrap := func(err error) error {
		return fmt.Errorf("source merkez (mssql): cannot reach the database WOLVOX: %w", err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want erp.Failure
	}{
		{"login failed", wrap(mssql.Error{Number: 18456, Message: "Login failed for user 'wolvox'."}), erp.FailureLogin},
		{"cannot open database", wrap(mssql.Error{Number: 18456, Message: "Login failed for user 'wolvox'.",
			All: []mssql.Error{{Number: 4060, Message: "Cannot open database \"WOLVOX2026\" requested by the login. The login failed."}, {Number: 18456, Message: "Login failed for user 'wolvox'."}}}), erp.FailureMissing},
		{"shutdown during a dial", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: context.Canceled}), erp.FailureOther},
		{"invalid column", wrap(mssql.Error{Number: 207, Message: "Invalid column name 'TEL9'."}), erp.FailureSchema},
		{"invalid object", wrap(mssql.Error{Number: 208, Message: "Invalid object name 'CARI_YOK'."}), erp.FailureSchema},
		{"select denied", wrap(mssql.Error{Number: 229, Message: "The SELECT permission was denied on the object 'CARIHR', database 'WOLVOX', schema 'dbo'."}), erp.FailurePermission},
		{"column denied", wrap(mssql.Error{Number: 230, Message: "The SELECT permission was denied on the column 'KPB_ATUT' of the object 'CARIHR', database 'WOLVOX', schema 'dbo'."}), erp.FailurePermission},
		{"deadline", wrap(context.DeadlineExceeded), erp.FailureTimeout},
		{"dial timeout", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}}), erp.FailureUnreachable},
		{"read timeout", wrap(&net.OpError{Op: "read", Net: "tcp", Err: timeoutErr{}}), erp.FailureTimeout},
		{"reset while reading", wrap(&net.OpError{Op: "read", Net: "tcp", Err: fmt.Errorf("connection reset by peer")}), erp.FailureDropped},
		// Firebird's driver, the server gone under a fetch.
		{"EOF", wrap(fmt.Errorf("firebirdsql: reading fetch response header: %w\n%w", io.EOF, driver.ErrBadConn)), erp.FailureDropped},
		{"bare EOF", wrap(io.EOF), erp.FailureDropped},
		{"unexpected EOF", wrap(io.ErrUnexpectedEOF), erp.FailureDropped},
		{"bad connection", wrap(driver.ErrBadConn), erp.FailureDropped},
		{"reset", wrap(syscall.ECONNRESET), erp.FailureDropped},
		{"broken pipe", wrap(&net.OpError{Op: "write", Net: "tcp", Err: syscall.EPIPE}), erp.FailureDropped},
		{"none", nil, erp.FailureNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := erp.FailureOf(tc.err); got != tc.want {
				t.Errorf("FailureOf(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// Every kind is told in both languages with the driver's words kept, has
// its own advice on the status page (the rest share the general one), and
// a kind this binary does not know (stored by another version) is told as
// the general one.
func TestEveryFailureIsToldWithItsFix(t *testing.T) {
	const detail = "dial tcp 10.0.0.5:3050: connect: connection refused"
	for _, f := range append(erp.Failures, erp.FailureNone, erp.Failure("gelecek-sürüm")) {
		general := f == erp.FailureOther || f == erp.FailureNone || f == "gelecek-sürüm"
		for _, l := range []catalog.Lang{catalog.TR, catalog.EN} {
			told := f.Told(detail).In(l)
			if !strings.Contains(told, detail) || general != (told == detail) {
				t.Errorf("%q in %s is told as %q", f, l, told)
			}
		}
		if !catalog.Has(f.FixKey()) || general != (f.FixKey() == "statuspage.fix.job_failed") {
			t.Errorf("%q has the advice %q", f, f.FixKey())
		}
	}
	tr, en := erp.FailureLogin.Told(detail).In(catalog.TR), erp.FailureLogin.Told(detail).In(catalog.EN)
	if tr == en {
		t.Errorf("the Turkish text is the English one: %q", tr)
	}
}

// Explain puts the cause in front and keeps the error findable.
func TestExplainKeepsTheError(t *testing.T) {
	inner := mssql.Error{Number: 18456, Message: "Login failed for user 'wolvox'."}
	err := erp.Explain(fmt.Errorf("source merkez (mssql): cannot reach the database WOLVOX: %w", inner))
	var l catalog.Localized
	if !errors.As(err, &l) || !strings.HasPrefix(l.In(catalog.TR), "veritabanı kullanıcı adını ya da parolayı kabul etmedi (source merkez") {
		t.Fatalf("Explain = %v", err)
	}
	var got mssql.Error
	if !errors.As(err, &got) || erp.FailureOf(err) != erp.FailureLogin {
		t.Errorf("the driver's error is lost in %v", err)
	}
	plain := errors.New("cursor \"x\" is not a whole number")
	if erp.Explain(plain) != plain || erp.Explain(nil) != nil {
		t.Error("an error of no known kind is changed")
	}
}

// A wrong password or port fails the first read, which reads the stored
// procedures: it is told as the connection's failure, on one line, not as
// that step's.
func TestFirebirdConnectionFailureIsNotAStep(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "connfail")
	for _, tc := range []struct {
		name   string
		change func(*erp.Options)
		want   erp.Failure
	}{
		{"wrong password", func(o *erp.Options) { o.Password = "yanlış" }, erp.FailureLogin},
		{"wrong port", func(o *erp.Options) { o.Port = closedPort(t) }, erp.FailureUnreachable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := fbOptions(s, "merkez", path)
			tc.change(&o)
			err := read(t, o, "SELECT BLKODU FROM CARI")
			if got := erp.FailureOf(err); got != tc.want {
				t.Fatalf("FailureOf(%v) = %q, want %q", err, got, tc.want)
			}
			tr, en := catalog.ErrorText(catalog.TR, err), catalog.ErrorText(catalog.EN, err)
			if !strings.HasPrefix(tr, "kaynak merkez (firebird): "+path+" veritabanına bağlanılamadı: ") ||
				!strings.HasPrefix(en, "source merkez (firebird): could not connect to the database "+path+": ") {
				t.Errorf("told as\n%s\n%s", tr, en)
			}
			for _, told := range []string{tr, en} {
				if strings.Contains(told, "yordam") || strings.Contains(told, "procedures") || strings.Contains(told, "\n") {
					t.Errorf("told as %q", told)
				}
			}
		})
	}
}

// A user without SELECT on CARIHR (a GRANT line left out): the read is told
// as a permission failure, naming the table and the GRANT init prints, in
// both languages, and the status page finds that GRANT in the stored words.
func TestFirebirdMissingSelectRightIsToldWithItsGrant(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "noselect")
	user, pass := s.ReadOnlyUser(t, "akc_nosel", path)
	admin, err := s.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(context.Background(), `REVOKE SELECT ON CARIHR FROM `+user); err != nil {
		t.Fatal(err)
	}
	admin.Close()
	o := fbOptions(s, "merkez", path)
	o.User, o.Password = user, pass
	if err := read(t, o, "SELECT BLKODU FROM CARI"); err != nil {
		t.Fatalf("the granted table: %v", err)
	}
	err = read(t, o, "SELECT H.BLKODU FROM CARIHR H JOIN CARI C ON C.BLKODU = H.BLCRKODU")
	if got := erp.FailureOf(err); got != erp.FailurePermission {
		t.Fatalf("FailureOf(%v) = %q", err, got)
	}
	grant := "GRANT SELECT ON CARIHR TO " + user + "; COMMIT;"
	tr, en := catalog.ErrorText(catalog.TR, erp.Explain(err)), catalog.ErrorText(catalog.EN, erp.Explain(err))
	if want := "veritabanı kullanıcısının sorgudaki bir tabloyu okuma yetkisi yok (kaynak merkez: " + user + " kullanıcısına CARIHR tablosunu okuma yetkisi verin: veritabanına SYSDBA ile"; !strings.HasPrefix(tr, want) || !strings.Contains(tr, grant) {
		t.Errorf("tr = %q, want it to start %q and hold %q", tr, want, grant)
	}
	if want := "the database user may not read a table the query names (source merkez: give user " + user + " the right to read table CARIHR"; !strings.HasPrefix(en, want) || !strings.Contains(en, grant) {
		t.Errorf("en = %q", en)
	}
	if strings.Contains(tr, "\n") || !strings.Contains(tr, "no permission for SELECT access to TABLE CARIHR") {
		t.Errorf("the driver's words are not kept on one line: %q", tr)
	}
	if got := erp.GrantIn(err.Error()); got != grant {
		t.Errorf("GrantIn = %q, want %q", got, grant)
	}
	if got := erp.FailurePermission.FixKey(); !catalog.Has(got) {
		t.Errorf("no advice %q", got)
	}
}

// A connection cut while a query's rows are being read (a network that
// drops, a router, a VPN), against the real server through a relay: the
// read fails told as a cut connection, in Turkish first, not as a bare EOF,
// and the next read gets a new connection and works. A pooled connection
// cut between two reads is replaced without an error, and with the server
// out of reach too the read is told as an unreachable server.
func TestFirebirdConnectionCutWhileReading(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "cut")
	p := s.Proxy(t)
	o := fbOptions(s, "merkez", path)
	o.Host, o.Port = p.Host, p.Port
	src, err := erp.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	ctx := context.Background()
	// More rows than the driver fetches at once (400), so some are still on
	// the wire when the connection goes.
	const many = "SELECT A.RDB$FIELD_NAME AS N FROM RDB$FIELDS A, RDB$FIELDS B"
	rows := 0
	err = src.Query(ctx, many, nil, func(erp.Record) error {
		if rows++; rows == 1 {
			p.Cut()
		}
		return nil
	})
	if got := erp.FailureOf(err); got != erp.FailureDropped {
		t.Fatalf("after %d rows: FailureOf(%v) = %q, want %q", rows, err, got, erp.FailureDropped)
	}
	tr := catalog.ErrorText(catalog.TR, erp.Explain(err))
	if want := "veritabanıyla bağlantı okuma sırasında koptu (kaynak merkez: satırlar okunamadı: "; !strings.HasPrefix(tr, want) || strings.Contains(tr, "\n") {
		t.Errorf("told as %q, want it to start %q, on one line", tr, want)
	}
	if en := catalog.ErrorText(catalog.EN, erp.Explain(err)); !strings.HasPrefix(en, "the connection to the database was cut while reading (source merkez: read rows: ") {
		t.Errorf("told in English as %q", en)
	}
	if !catalog.Has(erp.FailureDropped.FixKey()) {
		t.Errorf("the status page has no advice for %q", erp.FailureDropped)
	}

	// The next run's read: a new connection.
	if n, err := src.Count(ctx, "CARI"); err != nil || n == 0 {
		t.Fatalf("the read after the cut: %d, %v", n, err)
	}
	// Cut between reads: the pooled connection is dead, and replaced.
	p.Cut()
	if n, err := src.Count(ctx, "CARI"); err != nil || n == 0 {
		t.Fatalf("the read after a cut between reads: %d, %v", n, err)
	}
	// Cut, and no new connection to be had.
	p.Stop()
	_, err = src.Count(ctx, "CARI")
	if got := erp.FailureOf(err); got != erp.FailureUnreachable {
		t.Fatalf("with the server out of reach: FailureOf(%v) = %q, want %q", err, got, erp.FailureUnreachable)
	}
}
