package poll_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Two workstations save an invoice at once: Firebird's generator gave 501
// to the first and 502 to the second, and the second commits first. A run
// between the two commits reads 502; the invoice committed late is sent on
// the next run, once, and nothing is sent twice. Rows that existed when the
// job began stay unsent, however close behind the cursor.
func TestFirebirdInvoiceCommittedLateIsSent(t *testing.T) {
	e := newFB(t, "late")
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`)
	if r := e.run(j); r.Rows != 0 || !r.Started {
		t.Fatalf("first run: %+v, want a start from the end of the table", r)
	}
	insert := `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB, FATURA_DURUMU,
		IPTAL, SILINDI, KAYIT_TARIHI, DEGISTIRME_TARIHI) VALUES (?, 1, ?, 'A', ?, ?, 100, 1, 0, 0, ?, ?)`
	args := func(key int) []any {
		now := time.Now()
		return []any{key, fmt.Sprintf("2026-L%d", key), now, now.AddDate(0, 0, 30), now, now}
	}
	e.db.SetMaxOpenConns(2)                // two workstations
	first, err := e.db.BeginTx(e.ctx, nil) // the first, still saving
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	if _, err := first.ExecContext(e.ctx, insert, args(501)...); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ExecContext(e.ctx, insert, args(502)...); err != nil {
		t.Fatal(err)
	}
	if r := e.run(j); r.New != 1 || !strings.Contains(e.keys(j.Name), "invoice:merkez:502:created") {
		t.Fatalf("run with 501 uncommitted: %+v\n%s", r, e.keys(j.Name))
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if r := e.run(j); r.New != 1 || r.Rows != 1 || !strings.Contains(e.keys(j.Name), "invoice:merkez:501:created") {
		t.Fatalf("run after 501 committed: %+v, want it read and sent\n%s", r, e.keys(j.Name))
	}
	if r := e.run(j); r.New != 0 || r.Rows != 0 {
		t.Fatalf("the run after: %+v, want nothing read again", r)
	}
	if got := strings.Count(e.keys(j.Name), "\n") + 1; got != 2 {
		t.Errorf("%d messages, want 2:\n%s", got, e.keys(j.Name))
	}
	for _, m := range e.messages(j.Name) {
		if m.RecordKey != "501" && m.RecordKey != "502" {
			t.Errorf("a row that existed at the start was sent: %s", m.DedupeKey)
		}
	}
}
