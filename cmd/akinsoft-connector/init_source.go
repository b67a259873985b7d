package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// dbSecret is the vault entry of the database password.
const dbSecret = "wolvox_db"

// database finds the Wolvox database, connects with the user it is given,
// makes sure that user can only read, and stores its password.
func (s *setup) database(ctx context.Context) error {
	driver, err := s.p.choice("driver", "firebird", "firebird", "mssql")
	if err != nil {
		return err
	}
	src := config.StarterSource{Driver: driver, Secret: dbSecret}
	if driver == "firebird" {
		err = s.firebirdDatabase(&src)
	} else {
		err = s.mssqlDatabase(&src)
	}
	if err != nil {
		return err
	}
	defUser := "CONNECTOR_RO"
	if driver == "mssql" {
		defUser = "connector_ro"
	}
	for {
		if src.User, err = s.p.required("db-user", defUser); err != nil {
			return err
		}
		password, err := s.p.ask("db-password", "", "user", src.User)
		if err != nil {
			return err
		}
		done, err := s.connect(ctx, src, password)
		if err != nil {
			return err
		}
		if done {
			s.starter.Source = src
			return s.storeSecret(dbSecret, password)
		}
		again, err := s.p.yes("retry", true)
		if err != nil {
			return err
		}
		if !again {
			return s.p.errorf("init.stopped_connect", "err", "-")
		}
	}
}

func (s *setup) firebirdDatabase(src *config.StarterSource) error {
	var path string
	if s.p.changed("database") {
		p, err := s.p.required("database", "", "sep", string(filepath.Separator))
		if err != nil {
			return err
		}
		path = p
	} else {
		var err error
		if path, src.Note, err = s.findCompany(); err != nil {
			return err
		}
	}
	src.Database = path
	host, err := s.p.required("host", "127.0.0.1")
	if err != nil {
		return err
	}
	port, err := s.port("3050")
	if err != nil {
		return err
	}
	src.Host, src.Port = host, port
	return nil
}

// findCompany lists the companies found on disk and returns the chosen
// one's database path: with {year} when this year's or last year's
// database is there (the connector reads last year's until the shop opens
// the year in Wolvox, then moves on by itself), else the newest year's
// with a note for the config.
func (s *setup) findCompany() (path, note string, err error) {
	roots := erp.SearchRoots()
	answer, err := s.p.ask("search", strings.Join(roots, string(os.PathListSeparator)))
	if err != nil {
		return "", "", err
	}
	roots = nil
	for _, r := range filepath.SplitList(answer) {
		if r = strings.TrimSpace(r); r != "" {
			roots = append(roots, r)
		}
	}
	var found []erp.Company
	if len(roots) > 0 {
		s.p.say("init.searching", "roots", strings.Join(roots, ", "))
		found = erp.FindWolvox(roots...)
	}
	if len(found) == 0 {
		// The layout in the machine's own separators: a Linux server's
		// dealer types slashes.
		sep := string(filepath.Separator)
		s.p.say("init.none_found", "sep", sep)
		path, err := s.p.required("database", "", "sep", sep)
		return path, "", err
	}
	s.p.say("init.found")
	for i, c := range found {
		years := make([]string, len(c.Years))
		for j, y := range c.Years {
			years[j] = strconv.Itoa(y)
		}
		s.p.say("init.company_line", "n", i+1, "product", c.Product, "code", c.Code, "years", strings.Join(years, ", "), "dir", c.Dir)
	}
	n, err := s.p.number("company", 1, len(found))
	if err != nil {
		return "", "", err
	}
	c := found[n-1]
	year := time.Now().In(config.DefaultLocation()).Year()
	if slices.Contains(c.Years, year) {
		s.p.say("init.db_template", "path", c.Template())
		return c.Template(), "", nil
	}
	// January, before the shop opens the year (or a shop that opens it in
	// February): a fixed path to last year's would never move on, and the
	// edit to {year} later would start the new year's database as a new
	// job's, at its end, losing what was entered there until then.
	if slices.Contains(c.Years, year-1) {
		s.dbYear = year - 1
		s.p.say("init.db_template_last", "path", c.Template(), "year", year, "last", year-1)
		return c.Template(), "", nil
	}
	s.p.say("init.db_fixed", "path", c.Path(c.Latest()), "year", year, "template", c.Template())
	return c.Path(c.Latest()), s.l.Text("init.db_fixed_note", map[string]string{"year": erp.YearPlaceholder}), nil
}

var yearInName = regexp.MustCompile(`_(\d{4})_`)

// mssqlYearName is a Wolvox SQL Server database's name (one per company
// and year, WOLVOX8_001_2026_WOLVOX) with {year} for its year, and that
// year: this year's, or last year's (the year not opened in Wolvox yet,
// which the connector reads until it is); 0 for any other name.
func mssqlYearName(name string, year int) (string, int) {
	m := yearInName.FindStringSubmatch(name)
	if m == nil {
		return name, 0
	}
	y, _ := strconv.Atoi(m[1])
	if y != year && y != year-1 {
		return name, 0
	}
	return strings.Replace(name, "_"+m[1]+"_", "_"+erp.YearPlaceholder+"_", 1), y
}

func (s *setup) mssqlDatabase(src *config.StarterSource) error {
	host, err := s.p.required("host", "127.0.0.1")
	if err != nil {
		return err
	}
	port, err := s.port("1433")
	if err != nil {
		return err
	}
	instance, err := s.p.ask("instance", "")
	if err != nil {
		return err
	}
	name, err := s.p.required("mssql-database", "")
	if err != nil {
		return err
	}
	year := time.Now().In(config.DefaultLocation()).Year()
	switch tmpl, of := mssqlYearName(name, year); {
	case of == year:
		name = tmpl
		s.p.say("init.db_template", "path", name)
	case of == year-1:
		name, s.dbYear = tmpl, of
		s.p.say("init.db_template_last", "path", name, "year", year, "last", of)
	}
	src.Host, src.Port, src.Instance, src.Database = host, port, instance, name
	return nil
}

func (s *setup) port(def string) (int, error) {
	v, err := s.p.askValid("port", def, func(a string) (string, error) {
		if n, err := strconv.Atoi(a); err != nil || n < 1 || n > 65535 {
			return "", s.p.errorf("init.bad_port")
		}
		return a, nil
	})
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// connect opens the database as the service will and checks what the user
// may do. done is false when the user should be asked again (it could
// not connect); a user that can write stops the set-up unless told to go
// on anyway.
func (s *setup) connect(ctx context.Context, src config.StarterSource, password string) (done bool, err error) {
	// The starter config names no timezone, so the service will use the
	// default one; this only connects, but opens as the service would.
	loc := config.DefaultLocation()
	year := time.Now().In(loc).Year()
	if s.dbYear != 0 {
		year = s.dbYear // this year's is not there yet
	}
	shown := strings.ReplaceAll(src.Database, erp.YearPlaceholder, strconv.Itoa(year))
	o := erp.Options{Name: "wolvox", Driver: src.Driver, Host: src.Host, Port: src.Port, Database: shown,
		Instance: src.Instance, User: src.User, Password: password, Timeout: 20 * time.Second, Location: loc}
	s.p.say("init.connecting", "driver", src.Driver, "host", src.Host, "port", src.Port, "database", shown, "user", src.User)
	db, err := erp.Open(o)
	if err == nil {
		defer db.Close()
		err = db.Ping(ctx)
	}
	howTo := howToReadOnly(src.Driver)
	if err != nil {
		// The cause in the user's words first ("the database refused the
		// user name or password"), as check and the status page tell it.
		err = erp.Explain(err)
		s.p.say("init.connect_failed", "err", err)
		if fix := connectFix(erp.FailureOf(err)); fix != "" {
			s.p.say(fix)
		}
		if userMayBeTheCause(src.Driver, err) {
			s.p.say(howTo, "user", src.User, "database", shown)
		}
		if !s.p.interactive {
			// The cause and its fix are just above: the error only ends it.
			return false, s.p.errorf("init.stopped_connect")
		}
		return false, nil
	}
	p, _ := erp.LookupPreset("new_invoices")
	if err := db.Verify(ctx, p.Needs(nil)); err != nil {
		return false, s.p.errorf("init.tables_missing", "err", err)
	}
	customers, err := db.Count(ctx, "CARI")
	if err != nil {
		return false, s.p.errorf("init.tables_missing", "err", err)
	}
	invoices, err := db.Count(ctx, "FATURA")
	if err != nil {
		return false, s.p.errorf("init.tables_missing", "err", err)
	}
	a, err := db.Access(ctx)
	if err != nil {
		return false, err
	}
	if a.ReadOnly() {
		s.p.say("init.connected", "user", src.User, "customers", customers, "invoices", invoices)
		return true, nil
	}
	s.p.say("init.connected_rw", "customers", customers, "invoices", invoices)
	s.p.say("init.not_read_only", "user", src.User, "why", whyWritable(a))
	s.p.say(howTo, "user", "CONNECTOR_RO", "database", shown)
	ok, err := s.p.yes("use-anyway", false)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, s.p.errorf("init.stopped_not_read_only", "user", src.User)
	}
	return true, nil
}

// connectFix is what to do about a connection that failed with f, in the
// words of the answers init asked for ("" when the cause says it itself).
func connectFix(f erp.Failure) catalog.Key {
	switch f {
	case erp.FailureLogin:
		return "init.fix.login"
	case erp.FailureUnreachable:
		return "init.fix.unreachable"
	case erp.FailureMissing:
		return "init.fix.missing"
	case erp.FailureTimeout:
		return "init.fix.timeout"
	case erp.FailureDropped:
		return "init.fix.dropped"
	}
	return ""
}

// userMayBeTheCause says whether a failed connection may be the user's
// doing, so that creating the read-only user is what to do about it. A
// database file that is not there (Firebird), a server that does not
// answer or answers too late is not: the CREATE USER lines would send the
// dealer to the wrong place, when the path, host or port is to be fixed.
func userMayBeTheCause(driver string, err error) bool {
	switch erp.FailureOf(err) {
	case erp.FailureUnreachable, erp.FailureTimeout, erp.FailureDropped:
		return false
	case erp.FailureMissing:
		// SQL Server refuses a database the login may not open as missing.
		return driver == "mssql"
	}
	return true
}

// howToReadOnly is the text that tells how to create the read-only user
// on driver's server.
func howToReadOnly(driver string) catalog.Key {
	if driver == "mssql" {
		return "init.how_to_ro_mssql"
	}
	return "init.how_to_ro_firebird"
}

// whyWritable says why a user that is not read-only can write: init and
// check tell it alike.
func whyWritable(a erp.Access) catalog.Msg {
	var why []catalog.Msg
	if a.Admin {
		why = append(why, catalog.M("init.why_admin"))
	}
	if a.Owner {
		why = append(why, catalog.M("init.why_owner"))
	}
	if len(a.Writable) > 0 {
		why = append(why, catalog.M("init.why_writable", "tables", strings.Join(a.Writable, ", ")))
	}
	return catalog.Join("; ", why...)
}
