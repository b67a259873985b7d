package poll_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// A shop that keeps some of Wolvox's own templates can skip what Wolvox
// already sent. Its log's shape is not known for every version, so the
// check is tested on a table shaped like the default guess and on one
// shaped otherwise, named in the config.
func TestFirebirdSkipWhatWolvoxSent(t *testing.T) {
	for _, tc := range []struct {
		name, ddl, insert, settings string
	}{
		{"default-guess",
			`CREATE TABLE MAIL_SMS_LOG (BLKODU INTEGER NOT NULL PRIMARY KEY, ALICI VARCHAR(100) CHARACTER SET WIN1254, TARIHI TIMESTAMP, MESAJ VARCHAR(1000) CHARACTER SET WIN1254)`,
			`INSERT INTO MAIL_SMS_LOG (BLKODU, ALICI, TARIHI, MESAJ) VALUES (?, ?, ?, ?)`,
			`{}`},
		{"other-shape",
			`CREATE TABLE SMS_GIDEN (ID INTEGER NOT NULL PRIMARY KEY, CEP_NO VARCHAR(20), GONDERIM_ZAMANI TIMESTAMP, ICERIK BLOB SUB_TYPE TEXT CHARACTER SET WIN1254)`,
			`INSERT INTO SMS_GIDEN (ID, CEP_NO, GONDERIM_ZAMANI, ICERIK) VALUES (?, ?, ?, ?)`,
			`{table: SMS_GIDEN, recipient: CEP_NO, date: GONDERIM_ZAMANI, text: ICERIK, within: 1d}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newFB(t, "wlog_"+strings.ReplaceAll(tc.name, "-", "_"))
			e.exec(tc.ddl)
			now := time.Now()
			for i, row := range []struct {
				to, text string
				at       time.Time
			}{
				// Ayşe got Wolvox's own notice of invoice 101, with her
				// number written as Wolvox writes it.
				{"905321234567", "Sayin AYSE YILMAZ 2024-101 nolu faturaniz 1.250,00 TL", now.Add(-2 * time.Hour)},
				// Mehmet got one about another document: not this one.
				{"0533 234 56 78", "Kampanya: 2024-999", now.Add(-2 * time.Hour)},
				// Gülşen's notice is too old to count.
				{"05424567890", "2024-105 faturaniz", now.Add(-72 * time.Hour)},
			} {
				if _, err := e.db.ExecContext(e.ctx, tc.insert, i+1, row.to, row.at, row.text); err != nil {
					t.Fatal(err)
				}
			}
			j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    backfill: all
    skip_if_wolvox_sent: ` + tc.settings + `
    messages:
      sms: {}
      whatsapp: {template: fatura, body: [{value: "{{.FATURA_NO}}"}]}
`)
			e.run(j)
			got := map[string]string{}
			for _, m := range e.messages("invoices") {
				got[m.RecordKey+" "+m.Channel] = string(m.Status) + " " + catalog.EN.Reason(m.Reason)
			}
			table := map[string]string{"default-guess": "MAIL_SMS_LOG", "other-shape": "SMS_GIDEN"}[tc.name]
			skipped := "skipped Wolvox already sent this (" + table + ", " + now.Add(-2*time.Hour).In(ist()).Format("02.01.2006 15:04") + ")"
			for k, want := range map[string]string{
				"101 sms": skipped, "101 whatsapp": skipped, // the same person on either channel
				"120 sms": "pending ", // Ayşe's other invoice
				"102 sms": "pending ", "105 sms": "pending ",
			} {
				if got[k] != want {
					t.Errorf("%s: %q, want %q", k, got[k], want)
				}
			}
			for _, m := range e.messages("invoices") {
				if m.RecordKey == "101" && !strings.Contains(catalog.TR.Reason(m.Reason), "Wolvox bunu zaten göndermiş") {
					t.Errorf("no Turkish reason: %+v", m)
				}
			}
		})
	}
}

// The default guess against a log of another shape is refused before
// anything is read, naming the columns the table does have.
func TestFirebirdWolvoxLogOfAnotherShapeIsNamed(t *testing.T) {
	e := newFB(t, "wlog_wrong")
	e.exec(`CREATE TABLE MAIL_SMS_LOG (BLKODU INTEGER NOT NULL PRIMARY KEY, CEP_NO VARCHAR(20), TARIHI TIMESTAMP, ICERIK VARCHAR(500))`)
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    skip_if_wolvox_sent: {}
    messages:
      sms: {}
`)
	want := "job invoices: skip_if_wolvox_sent: table MAIL_SMS_LOG of source merkez has no column ALICI; set skip_if_wolvox_sent.recipient to one of BLKODU, CEP_NO, ICERIK, TARIHI"
	_, err := e.poller.Run(e.ctx, j)
	if err == nil || err.Error() != want {
		t.Fatalf("run: %v\nwant: %s", err, want)
	}
	var l catalog.Localized
	if wantTR := "skip_if_wolvox_sent: merkez kaynağındaki MAIL_SMS_LOG tablosunda ALICI sütunu yok; skip_if_wolvox_sent.recipient değerine şunlardan birini yazın: BLKODU, CEP_NO, ICERIK, TARIHI"; !errors.As(err, &l) || l.In(catalog.TR) != wantTR {
		t.Errorf("run, in Turkish: %v\nwant: %s", err, wantTR)
	}
	if ms := e.messages("invoices"); len(ms) != 0 {
		t.Fatalf("messages from a refused job: %d", len(ms))
	}
	e2 := newFB(t, "wlog_none")
	j2 := e2.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    skip_if_wolvox_sent: {}
    messages:
      sms: {}
`)
	_, err = e2.poller.Run(e2.ctx, j2)
	if err == nil || !strings.Contains(err.Error(), "has no table MAIL_SMS_LOG") {
		t.Fatalf("run without the table: %v", err)
	}
	if !errors.As(err, &l) || !strings.Contains(l.In(catalog.TR), "kaynağında MAIL_SMS_LOG tablosu yok") {
		t.Errorf("run without the table, in Turkish: %v", err)
	}
}

func ist() *time.Location {
	l, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		panic(err)
	}
	return l
}
