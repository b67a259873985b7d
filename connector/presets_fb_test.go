package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// oldWolvoxConfig is one preset job over a Firebird database. The webhook
// goes to the customer's account code, which every Wolvox has; SMS to the
// preset's phone columns, which this database lacks.
const oldWolvoxConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: merkez
    driver: firebird
    host: HOST
    port: PORT
    database: 'DB'
    user: USER
    password: ${env:FIREBIRD_TEST_PASSWORD}
channels:
  sms: {provider: console, rate: 1000/s}
  webhook: {provider: console, rate: 1000/s}
commercial: {sender_identity: [MAGAZA]}
jobs:
  - name: job
    preset: PRESET
    KIND
    schedule: "@every 1m"
    messages:
      sms: {text: "Sayın {{.MUSTERI_ADI}}. MAGAZA; ret için RET yazıp 3338'e gönderin"}
      webhook: {text: 'TEXT'}
`

// syncBuf is a log destination safe for the daemon's goroutines.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// optionalColumns are the columns preset can do without, as TABLE.COLUMN.
func optionalColumns(t *testing.T, preset string) []string {
	p, ok := erp.LookupPreset(preset)
	if !ok {
		t.Fatalf("no preset %s", preset)
	}
	var out []string
	for _, c := range p.Columns {
		if c.Role != erp.Required && !slices.Contains(out, c.String()) { // a table read under two aliases
			out = append(out, c.String())
		}
	}
	return out
}

// fbDaemon starts a daemon over a Firebird database for one preset job.
func fbDaemon(t *testing.T, s erptest.Server, path, preset, text string, log *syncBuf) *connector.Daemon {
	t.Helper()
	kind := ""
	if preset == "birthdays" {
		kind = "kind: commercial"
	}
	dir := t.TempDir()
	y := strings.NewReplacer("HOST", s.Host, "PORT", itoa(s.Port), "DB", path, "USER", s.User, "PRESET", preset,
		"KIND", kind, "TEXT", text).Replace(oldWolvoxConfig)
	cfg := loadConfig(t, dir, y)
	opts := connector.Options{}
	if log != nil {
		opts.Logger = slog.New(slog.NewTextHandler(log, nil))
	}
	d, err := connector.New(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Every preset runs end to end (poll → outbox, messages rendered) against
// a real Firebird database created without any of the columns the preset
// can do without: an older or slimmer Wolvox. The warning names them once.
func TestFirebirdPresetsOnOldWolvox(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	today := time.Now()
	exec := func(t *testing.T, db *sql.DB, q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// Customer 1 (120.01.001) owes both her invoices, 101 (1250) and 120
	// (2100), in every database: the reminders are about each invoice's
	// open amount.
	debt := `INSERT INTO CARIHR (BLKODU, BLCRKODU, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI) VALUES (GEN_ID(GEN_BLKODU, 1), 1, CURRENT_DATE, 3350, 0, CURRENT_TIMESTAMP)`
	for _, tc := range []struct {
		preset string
		text   string
		// before the first run (condition presets: the rows that match)
		before []string
		// after the first run (created presets: the new rows)
		after func(t *testing.T, db *sql.DB)
		want  string // the webhook text of the first message
	}{
		{preset: "new_invoices", text: `{{.FATURA_NO}} {{.MUSTERI_ADI}} [{{.TEL2}}] {{money .TOPLAM_GENEL_KPB}}{{if .EFATURA_PDF_URL}} e-Fatura: {{.EFATURA_PDF_URL}}{{end}}`,
			after: func(t *testing.T, db *sql.DB) {
				if err := erptest.InsertInvoices(ctx, db, []demo.Invoice{{Key: 201, Customer: 1, No: "2026-201", Total: "1200000.50", Kind: 1, Date: "2026-11-20"}}, today); err != nil {
					t.Fatal(err)
				}
			},
			want: "2026-201 120.01.001 [] 1.200.000,50 TL"},
		{preset: "new_customers", text: `Hoş geldiniz {{.MUSTERI_ADI}}{{if .E_MAIL}} ({{.E_MAIL}}){{end}}`,
			after: func(t *testing.T, db *sql.DB) {
				exec(t, db, `INSERT INTO CARI (BLKODU, CARIKODU, KAYIT_TARIHI) VALUES (500, '120.05.500', CURRENT_TIMESTAMP)`)
			},
			want: "Hoş geldiniz 120.05.500"},
		{preset: "collections", text: `{{.MUSTERI_ADI}} {{money .TUTAR}} [{{.EVRAK_NO}}]`,
			after: func(t *testing.T, db *sql.DB) {
				exec(t, db, `INSERT INTO CARIHR (BLKODU, BLCRKODU, TARIHI, KPB_ATUT, KAYIT_TARIHI) VALUES (GEN_ID(GEN_BLKODU, 1), 1, CURRENT_DATE, 500, CURRENT_TIMESTAMP)`)
			},
			want: "120.01.001 500,00 TL []"},
		{preset: "invoices_due", text: `{{.FATURA_NO}} {{longdate .VADESI}} {{money .BAKIYE}}{{if .EFATURA_PDF_URL}} e-Fatura: {{.EFATURA_PDF_URL}}{{end}}`,
			before: []string{`UPDATE FATURA SET VADESI = CURRENT_DATE - 400`, `UPDATE FATURA SET VADESI = CURRENT_DATE + 1 WHERE BLKODU = 101`, debt},
			want:   "2024-101 " + longdate(today.AddDate(0, 0, 1)) + " 3.350,00 TL"},
		{preset: "invoices_overdue", text: `{{.FATURA_NO}} {{money .BAKIYE}} [{{.FATURA_SERI}}]`,
			before: []string{`UPDATE FATURA SET VADESI = CURRENT_DATE - 400`, `UPDATE FATURA SET VADESI = CURRENT_DATE - 10 WHERE BLKODU = 101`, debt},
			want:   "2024-101 3.350,00 TL []"},
		{preset: "birthdays", text: `İyi ki doğdunuz {{.MUSTERI_ADI}}{{with .ADI}} {{.}}{{end}}`,
			before: []string{`UPDATE CARI SET DOGUM_TARIHI = DATEADD(-30 YEAR TO CURRENT_DATE) WHERE BLKODU = 4`},
			want:   "İyi ki doğdunuz 120.01.004"},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			absent := optionalColumns(t, tc.preset)
			path := s.Path(t, "old_"+tc.preset)
			db, err := s.CreateWolvoxWithout(ctx, path, today.Add(-time.Hour), absent...)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range tc.before {
				exec(t, db, q)
			}
			var log syncBuf
			d := fbDaemon(t, s, path, tc.preset, tc.text, &log)

			// check's view: the database is not refused, the absent
			// columns are named.
			if _, err := d.Pending(ctx, "job"); err != nil {
				t.Fatalf("pending: %v", err)
			}
			got, err := d.AbsentColumns(ctx, "job")
			if err != nil || strings.Join(got["merkez"], ",") != strings.Join(sortedCopy(absent), ",") {
				t.Fatalf("absent columns: %v %v, want %v", got, err, absent)
			}

			res, err := d.RunJob(ctx, "job")
			if err != nil {
				t.Fatalf("first run: %v", err)
			}
			if tc.after != nil {
				if !res[0].Started || res[0].New != 0 {
					t.Fatalf("first run of a created job: %+v", res[0])
				}
				tc.after(t, db)
				if p, err := d.Pending(ctx, "job"); err != nil || p["merkez"] != 1 {
					t.Fatalf("pending after the new row: %v %v", p, err)
				}
				if res, err = d.RunJob(ctx, "job"); err != nil {
					t.Fatalf("second run: %v", err)
				}
			} else if _, err := d.RunJob(ctx, "job"); err != nil {
				t.Fatalf("second run: %v", err)
			}
			ms, err := d.Store().List(ctx, outbox.Filter{Job: "job"})
			if err != nil {
				t.Fatal(err)
			}
			var hooks, sms []outbox.Message
			for _, m := range ms {
				if m.Channel == "webhook" {
					hooks = append(hooks, m)
				} else {
					sms = append(sms, m)
				}
			}
			if len(hooks) != 1 || hooks[0].Text != tc.want || hooks[0].Status != "pending" {
				t.Fatalf("webhook messages: %+v\nwant one with %q", hooks, tc.want)
			}
			// No phone column: SMS is skipped with a reason, not lost in silence.
			if len(sms) != 1 || sms[0].Status != "skipped" || sms[0].Reason.IsZero() {
				t.Fatalf("sms messages: %+v", sms)
			}
			logs := log.String()
			if n := strings.Count(logs, catalog.TR.LogText(poll.AbsentWarning)); n != 1 {
				t.Fatalf("absent-columns warning logged %d times over two runs:\n%s", n, logs)
			}
			for _, c := range absent {
				if !strings.Contains(logs, c) {
					t.Errorf("warning does not name %s:\n%s", c, logs)
				}
			}
		})
	}
}

// A database without a column the preset cannot do without is refused
// before anything is read, with the column and a hint.
func TestFirebirdPresetRefusesMissingRequiredColumn(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	path := s.Path(t, "no_kind")
	db, err := s.CreateWolvoxWithout(ctx, path, time.Now(), "FATURA.FATURA_DURUMU", "CARI.TEL2")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	d := fbDaemon(t, s, path, "new_invoices", "{{.FATURA_NO}}", nil)
	want := "source merkez: database " + path + " lacks FATURA.FATURA_DURUMU, which the job cannot do without: " +
		"is this a Wolvox company database, and which Wolvox version? (columns a preset only shows in messages may be missing; these may not)"
	if _, err := d.RunJob(ctx, "job"); err == nil || err.Error() != want {
		t.Fatalf("run: %v\nwant: %s", err, want)
	}
	if _, err := d.Pending(ctx, "job"); err == nil || err.Error() != want {
		t.Fatalf("pending (check): %v", err)
	}
	if ms, _ := d.Store().List(ctx, outbox.Filter{Job: "job"}); len(ms) != 0 {
		t.Fatalf("messages from a refused database: %v", ms)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

var trMonths = []string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"}

func longdate(t time.Time) string {
	return itoa(t.Day()) + " " + trMonths[t.Month()-1] + " " + itoa(t.Year())
}

// Each year's database gets the SQL for its own columns: last year's, from
// before a Wolvox upgrade, lacks columns this year's has. Both are polled in
// January; only the old one is warned about.
func TestFirebirdYearDatabasesDifferInColumns(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	old := s.Path(t, "cols2025")
	db25, err := s.CreateWolvoxWithout(ctx, old, time.Now(), "CARI.TEL2", "CARI.SILINDI", "FATURA.EFATURA_PDF_URL")
	if err != nil {
		t.Fatal(err)
	}
	defer db25.Close()
	db26, err := s.CreateWolvox(ctx, strings.Replace(old, "cols2025", "cols2026", 1), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer db26.Close()
	t.Cleanup(func() { os.Remove(strings.Replace(old, "cols2025", "cols2026", 1)) })
	if _, err := db26.ExecContext(ctx, `UPDATE FATURA SET EFATURA_PDF_URL = 'https://e.example.com/' || FATURA_NO`); err != nil {
		t.Fatal(err)
	}

	var log syncBuf
	tmpl := strings.Replace(old, "cols2025", "cols{year}", 1)
	dir := t.TempDir()
	y := strings.NewReplacer("HOST", s.Host, "PORT", itoa(s.Port), "DB", tmpl, "USER", s.User, "PRESET", "new_invoices",
		"KIND", "backfill: all", "TEXT", `{{.FATURA_NO}}{{if .EFATURA_PDF_URL}} {{.EFATURA_PDF_URL}}{{end}}`).Replace(oldWolvoxConfig)
	cfg := loadConfig(t, dir, y)
	jan := func() time.Time { return time.Date(2026, 1, 5, 10, 0, 0, 0, time.Local) }
	d, err := connector.New(ctx, cfg, connector.Options{Now: jan, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	absent, err := d.AbsentColumns(ctx, "job")
	if err != nil || len(absent) != 1 || strings.Join(absent["merkez@2025"], ",") != "CARI.TEL2,FATURA.EFATURA_PDF_URL" { // new_invoices reads no CARI.SILINDI
		t.Fatalf("absent columns: %v %v", absent, err)
	}
	res, err := d.RunJob(ctx, "job")
	if err != nil || len(res) != 2 {
		t.Fatalf("run: %+v %v", res, err)
	}
	texts := map[string]string{}
	ms, _ := d.Store().List(ctx, outbox.Filter{Job: "job", Channel: "webhook", Limit: 1000})
	for _, m := range ms {
		texts[m.Source+" "+m.RecordKey] = m.Text
	}
	if texts["merkez@2025 101"] != "2024-101" || texts["merkez@2026 101"] != "2024-101 https://e.example.com/2024-101" {
		t.Fatalf("messages per year: 2025 %q, 2026 %q", texts["merkez@2025 101"], texts["merkez@2026 101"])
	}
	var warned []string
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.Contains(line, catalog.TR.LogText(poll.AbsentWarning)) {
			warned = append(warned, line)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "source=merkez@2025") {
		t.Fatalf("absent-columns warnings: %q", warned)
	}
}
