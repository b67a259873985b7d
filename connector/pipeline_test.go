package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const pipelineConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
    rate: 1000/s
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    BACKFILL
    messages:
      sms:
        text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"
`

// setup writes the demo database and a config into a temp dir.
func setup(t *testing.T, backfill string) (dir string, cfg *config.Config) {
	t.Helper()
	dir = t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := strings.Replace(pipelineConfig, "BACKFILL", backfill, 1)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

func newDaemon(t *testing.T, cfg *config.Config, out *bytes.Buffer, p notify.Provider) *connector.Daemon {
	t.Helper()
	opts := connector.Options{Console: out}
	if p != nil {
		opts.Providers = map[string]notify.Provider{"sms": p}
	}
	d, err := connector.New(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func addInvoices(t *testing.T, dir string, invoices ...demo.Invoice) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(context.Background(), db, invoices); err != nil {
		t.Fatal(err)
	}
}

// A new job starts from the current end of the table: existing invoices are
// not sent on the first start, only those created afterwards.
func TestFirstStartDoesNotFlood(t *testing.T) {
	ctx := context.Background()
	dir, cfg := setup(t, "")
	var out bytes.Buffer
	d := newDaemon(t, cfg, &out, nil)
	defer d.Close()
	res, err := d.RunJob(ctx, "new-invoices")
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Started || res[0].New != 0 || res[0].Cursor != "130" {
		t.Fatalf("first run = %+v, want a fresh start at key 130 with nothing enqueued", res[0])
	}
	addInvoices(t, dir, demo.LaterInvoices...)
	res, _ = d.RunJob(ctx, "new-invoices")
	if n, _ := d.Drain(ctx); res[0].New != 3 || n != 3 {
		t.Fatalf("after 3 new invoices: enqueued %d, sent %d; want 3 and 3", res[0].New, n)
	}
}

// The cursor and the outbox survive a restart of the process: a new daemon
// over the same state directory sends nothing again and picks up only what
// is new.
func TestCursorPersistsAcrossRestart(t *testing.T) {
	ctx := context.Background()
	dir, cfg := setup(t, "backfill: all")
	var out bytes.Buffer
	d := newDaemon(t, cfg, &out, nil)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	first, _ := d.Drain(ctx)
	d.Close()

	d2 := newDaemon(t, cfg, &out, nil)
	defer d2.Close()
	res, err := d2.RunJob(ctx, "new-invoices")
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Started || res[0].Rows != 0 {
		t.Fatalf("after restart the job re-read rows: %+v", res[0])
	}
	addInvoices(t, dir, demo.LaterInvoices[0])
	res, _ = d2.RunJob(ctx, "new-invoices")
	second, _ := d2.Drain(ctx)
	if first != 21 || res[0].New != 1 || second != 1 {
		t.Fatalf("sent %d then %d (enqueued %d); want 21 then 1", first, second, res[0].New)
	}
	if got := strings.Count(out.String(), "2024-101 "); got != 1 {
		t.Errorf("invoice 2024-101 printed %d times, want once", got)
	}
}

// Losing the cursor (e.g. an operator resets it) must not send duplicates:
// the outbox's unique dedupe key catches re-read rows.
func TestRereadRowsAreNotSentTwice(t *testing.T) {
	ctx := context.Background()
	_, cfg := setup(t, "backfill: all")
	var out bytes.Buffer
	d := newDaemon(t, cfg, &out, nil)
	defer d.Close()
	d.RunJob(ctx, "new-invoices")
	d.Drain(ctx)
	if err := d.Store().SetCursor(ctx, "new-invoices", "demo", "0"); err != nil {
		t.Fatal(err)
	}
	res, err := d.RunJob(ctx, "new-invoices")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := d.Drain(ctx); res[0].Rows == 0 || res[0].New != 0 || n != 0 {
		t.Fatalf("re-read %d rows, enqueued %d, sent %d; want rows re-read but nothing new", res[0].Rows, res[0].New, n)
	}
}

// fakeProvider answers each send with the next scripted error.
type fakeProvider struct {
	errs  []error
	calls int
}

func (f *fakeProvider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	f.calls++
	if len(f.errs) > 0 {
		err := f.errs[0]
		f.errs = f.errs[1:]
		if err != nil {
			return notify.Result{}, err
		}
	}
	return notify.Result{ProviderID: "p-1"}, nil
}

func TestDispatchOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status outbox.Status
		paused bool
	}{
		{"accepted", nil, outbox.StatusSent, false},
		{"retry later", notify.Retry("80", mapping.Reason{Detail: "limit"}, time.Minute), outbox.StatusPending, false},
		{"permanent", notify.Permanent("20", mapping.Reason{Detail: "text too long", Args: map[string]string{"tr": "metin çok uzun"}}), outbox.StatusFailed, false},
		{"unknown", notify.Unknown(mapping.Reason{Detail: "timeout after the request was sent"}, context.DeadlineExceeded), outbox.StatusUncertain, false},
		{"credentials", notify.Config("30", mapping.Reason{Detail: "bad usercode", Args: map[string]string{"tr": "hatalı kullanıcı"}}), outbox.StatusPending, true},
		{"unclassified error is unknown", os.ErrDeadlineExceeded, outbox.StatusUncertain, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir, cfg := setup(t, "")
			p := &fakeProvider{errs: []error{tc.err}}
			d := newDaemon(t, cfg, &bytes.Buffer{}, p)
			defer d.Close()
			d.RunJob(ctx, "new-invoices")
			addInvoices(t, dir, demo.LaterInvoices[0])
			d.RunJob(ctx, "new-invoices")
			d.Drain(ctx)
			ms, err := d.Store().List(ctx, outbox.Filter{Channel: "sms"})
			if err != nil || len(ms) != 1 {
				t.Fatalf("messages = %v, %v", ms, err)
			}
			if ms[0].Status != tc.status {
				t.Errorf("status = %s (%s), want %s", ms[0].Status, ms[0].Reason, tc.status)
			}
			if paused, _ := d.ChannelPaused("sms"); paused != tc.paused {
				t.Errorf("paused = %v, want %v", paused, tc.paused)
			}
			if p.calls != 1 {
				t.Errorf("provider called %d times, want once (no blind resend)", p.calls)
			}
		})
	}
}

// The fourth message of the day to the same person waits until tomorrow.
func TestDailyCapPerRecipient(t *testing.T) {
	ctx := context.Background()
	dir, cfg := setup(t, "")
	cfg.DailyCap = 2
	var out bytes.Buffer
	d := newDaemon(t, cfg, &out, nil)
	defer d.Close()
	d.RunJob(ctx, "new-invoices")
	// Three invoices for customer 1 (Ayşe Yılmaz).
	addInvoices(t, dir,
		demo.Invoice{Key: 201, Customer: 1, No: "2024-201", Total: "10.00", Kind: 1, Date: "2026-11-20"},
		demo.Invoice{Key: 202, Customer: 1, No: "2024-202", Total: "20.00", Kind: 1, Date: "2026-11-20"},
		demo.Invoice{Key: 203, Customer: 1, No: "2024-203", Total: "30.00", Kind: 1, Date: "2026-11-20"})
	d.RunJob(ctx, "new-invoices")
	if n, _ := d.Drain(ctx); n != 2 {
		t.Fatalf("sent %d, want 2 (cap)", n)
	}
	ms, _ := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusPending})
	if len(ms) != 1 || !strings.Contains(catalog.EN.Reason(ms[0].Reason), "daily limit") || ms[0].Attempts != 0 {
		t.Fatalf("capped message = %+v", ms)
	}
}

func TestOptedOutRecipientIsNeverSent(t *testing.T) {
	ctx := context.Background()
	dir, cfg := setup(t, "")
	p := &fakeProvider{}
	d := newDaemon(t, cfg, &bytes.Buffer{}, p)
	defer d.Close()
	d.RunJob(ctx, "new-invoices")
	if err := d.Store().OptOut(ctx, "+905321234567", "asked by phone"); err != nil {
		t.Fatal(err)
	}
	addInvoices(t, dir, demo.LaterInvoices[0]) // customer 1: +905321234567
	d.RunJob(ctx, "new-invoices")
	d.Drain(ctx)
	ms, _ := d.Store().List(ctx, outbox.Filter{})
	if p.calls != 0 || len(ms) != 1 || ms[0].Status != outbox.StatusSkipped || !strings.Contains(catalog.EN.Reason(ms[0].Reason), "opt-out") {
		t.Fatalf("calls %d, messages %+v; want the message skipped for opt-out and no send", p.calls, ms)
	}
}
