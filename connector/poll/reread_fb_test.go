package poll_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// An invoice skipped because its customer had no mobile number is read
// again from the real server after the shop typed one in (in Turkish
// letters' encoding, WIN1254): the same message, to the new number, with
// the invoice's own text. A record cancelled since makes none.
func TestFirebirdRereadAfterTheCardIsCorrected(t *testing.T) {
	e := newFB(t, "reread")
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`)
	if r := e.run(j); !r.Started {
		t.Fatalf("first run: %+v", r)
	}
	now := time.Now()
	e.exec(`INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI) VALUES (90, '120.09.090', 'Şule Işık')`)
	for _, key := range []int{601, 602} {
		if _, err := e.db.ExecContext(e.ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB,
			FATURA_DURUMU, IPTAL, SILINDI, KAYIT_TARIHI, DEGISTIRME_TARIHI) VALUES (?, 90, ?, 'A', ?, ?, 1250, 1, 0, 0, ?, ?)`,
			key, fmt.Sprintf("2026-R%d", key), now, now.AddDate(0, 0, 30), now, now); err != nil {
			t.Fatal(err)
		}
	}
	if r := e.run(j); r.New != 2 || r.Skipped != 2 {
		t.Fatalf("run: %+v, want both invoices skipped without a number", r)
	}
	byKey := map[string]outbox.Message{}
	for _, m := range e.messages(j.Name) {
		byKey[m.RecordKey] = m
	}
	e.exec(`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 90`, `UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 602`)

	p, err := e.poller.Reread(e.ctx, j, byKey["601"])
	if err != nil || p.Skip != nil || p.To != "+905329998877" || p.DedupeKey != byKey["601"].DedupeKey {
		t.Fatalf("re-read of 601: %+v %v, want its message to the new number", p, err)
	}
	if p.About == "" || p.Text == "" {
		t.Errorf("re-read of 601 has no text or about: %+v", p)
	}
	if _, err := e.poller.Reread(e.ctx, j, byKey["602"]); !errors.Is(err, poll.ErrNoLongerDue) {
		t.Errorf("re-read of the cancelled 602: %v, want ErrNoLongerDue", err)
	}
}

// The shop typed in the customer's number days after the invoice's SMS was
// skipped without one and sent the invoice through Wolvox itself. Its log
// holds that send, older than skip_if_wolvox_sent's window counted back
// from today but newer than the message: reading the record again must
// find it, or the customer hears of the invoice twice.
func TestFirebirdRereadSeesWhatWolvoxSentSinceTheMessage(t *testing.T) {
	e := newFB(t, "reread_wlog")
	e.exec(`CREATE TABLE MAIL_SMS_LOG (BLKODU INTEGER NOT NULL PRIMARY KEY, ALICI VARCHAR(100) CHARACTER SET WIN1254, TARIHI TIMESTAMP, MESAJ VARCHAR(1000) CHARACTER SET WIN1254)`)
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    skip_if_wolvox_sent: {}
    messages: {sms: {}}
`)
	today := time.Now()
	e.now = today.AddDate(0, 0, -5)
	if r := e.run(j); !r.Started {
		t.Fatalf("first run: %+v", r)
	}
	e.exec(`INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI) VALUES (91, '120.09.091', 'Şule Işık')`)
	if _, err := e.db.ExecContext(e.ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB,
		FATURA_DURUMU, IPTAL, SILINDI, KAYIT_TARIHI, DEGISTIRME_TARIHI) VALUES (611, 91, '2026-R611', 'A', ?, ?, 1250, 1, 0, 0, ?, ?)`,
		e.now, e.now.AddDate(0, 0, 30), e.now, e.now); err != nil {
		t.Fatal(err)
	}
	if r := e.run(j); r.New != 1 || r.Skipped != 1 {
		t.Fatalf("run: %+v, want the invoice skipped without a number", r)
	}
	ms := e.messages(j.Name)
	e.exec(`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 91`)
	if _, err := e.db.ExecContext(e.ctx, `INSERT INTO MAIL_SMS_LOG (BLKODU, ALICI, TARIHI, MESAJ) VALUES (1, '05329998877', ?, 'Sayin SULE ISIK 2026-R611 nolu faturaniz')`,
		today.AddDate(0, 0, -3)); err != nil {
		t.Fatal(err)
	}
	e.now = today
	p, err := e.poller.Reread(e.ctx, j, ms[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.Skip == nil || p.Skip.Code != poll.ReasonWolvoxSent || !p.Notified {
		t.Fatalf("re-read after Wolvox sent it itself three days ago: %+v, want it skipped as sent by Wolvox", p.NewMessage)
	}
}

// A shop's own condition job may key its rows by a text column, the card
// code: one written with leading zeros ("00042") is a text, not the number
// 42, and reading it again must find it.
func TestFirebirdRereadFindsATextKey(t *testing.T) {
	e := newFB(t, "reread_text")
	e.exec(`INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI) VALUES (92, '00042', 'Şule Işık')`,
		`INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI) VALUES (93, '120.09.093', 'Cem Öztürk')`)
	j := e.job(`
jobs:
  - name: cards
    sql: SELECT CARIKODU, ADI_SOYADI, CEP_TEL FROM CARI WHERE BLKODU IN (92, 93)
    key: CARIKODU
    mode: condition
    renotify: 30d
    schedule: "@every 1h"
    messages:
      sms: {to: [CEP_TEL], text: "Sayın {{.ADI_SOYADI}}, kartınız güncellendi."}
`)
	if r := e.run(j); r.New != 2 || r.Skipped != 2 {
		t.Fatalf("run: %+v, want both cards skipped without a number", r)
	}
	e.exec(`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 92`, `UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 93`)
	for _, m := range e.messages(j.Name) {
		p, err := e.poller.Reread(e.ctx, j, m)
		if err != nil || p.Skip != nil || p.DedupeKey != m.DedupeKey {
			t.Errorf("re-read of card %s: %+v %v, want its message to the new number", m.RecordKey, p.NewMessage, err)
		}
	}
}

// A job reads the branch's database too, and the branch's server is down
// today: reading again a message of the head office's database reads that
// database alone, and neither waits for the branch nor fails for it.
func TestFirebirdRereadReadsOnlyTheMessagesDatabase(t *testing.T) {
	e := newFB(t, "reread_branch")
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    backfill: all
    messages: {sms: {}}
`)
	if r := e.run(j); r.Skipped == 0 {
		t.Fatalf("run: %+v, want the demo's invoices without a number skipped", r)
	}
	var skipped outbox.Message
	for _, m := range e.messages(j.Name) {
		if m.Status == outbox.StatusSkipped {
			skipped = m
		}
	}
	down, err := erp.OpenGroup(erp.Options{Name: "sube", Driver: "firebird", Host: "127.0.0.1", Port: 1, Database: "/nowhere/sube.fdb",
		User: "SYSDBA", Password: "x", Charset: "WIN1254", Timeout: 2 * time.Second, Location: time.Local}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { down.Close() })
	e.poller.Sources["sube"] = down
	j.Sources = append(j.Sources, "sube")
	if _, err := e.poller.Reread(e.ctx, j, skipped); err != nil {
		t.Errorf("re-read of a message of merkez with sube down: %v", err)
	}
}
