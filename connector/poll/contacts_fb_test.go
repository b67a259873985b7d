package poll_test

import (
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// A job can address a customer's contact persons, those the shop flagged
// with Wolvox's "send SMS", instead of or besides the account's own
// numbers; each contact's message has its own key.
func TestFirebirdContactPersons(t *testing.T) {
	contacts := []string{
		// Işık Mobilya (10): the accountant is flagged, the owner is not.
		`INSERT INTO CARI_YETKILI (BLKODU, BLCRKODU, ADI_SOYADI, CEP_TELEFONU, E_MAIL, SMS_GONDER) VALUES (31, 10, 'Mehmet Demir', '0533 765 43 21', 'mehmet@isikmobilya.example.com', 1)`,
		`INSERT INTO CARI_YETKILI (BLKODU, BLCRKODU, ADI_SOYADI, CEP_TELEFONU, SMS_GONDER) VALUES (32, 10, 'Hasan Işık', '0533 000 11 22', 0)`,
		// Çağlar Gıda (3): a flagged contact without an e-mail address.
		`INSERT INTO CARI_YETKILI (BLKODU, BLCRKODU, ADI_SOYADI, CEP_TELEFONU, SMS_GONDER) VALUES (33, 3, 'Şule Çağlar', '0544 111 22 33', 1)`,
	}
	for _, tc := range []struct {
		recipients string
		want       string
	}{
		{"both", `invoice:merkez:103:created email pending muhasebe@caglargida.example.com
invoice:merkez:103:created sms pending +905321234568
invoice:merkez:103:created:contact:33 email skipped 
invoice:merkez:103:created:contact:33 sms pending +905441112233 Sayın Şule Çağlar
invoice:merkez:110:created email pending info@isikmobilya.example.com
invoice:merkez:110:created sms pending +905556789012
invoice:merkez:110:created:contact:31 email pending mehmet@isikmobilya.example.com Sayın Mehmet Demir
invoice:merkez:110:created:contact:31 sms pending +905337654321 Sayın Mehmet Demir`},
		{"contacts", `invoice:merkez:103:created:contact:33 email skipped 
invoice:merkez:103:created:contact:33 sms pending +905441112233 Sayın Şule Çağlar
invoice:merkez:105:created:contact:none email skipped 
invoice:merkez:105:created:contact:none sms skipped 
invoice:merkez:110:created:contact:31 email pending mehmet@isikmobilya.example.com Sayın Mehmet Demir
invoice:merkez:110:created:contact:31 sms pending +905337654321 Sayın Mehmet Demir`},
	} {
		t.Run(tc.recipients, func(t *testing.T) {
			// Dedupe keys are the outbox's, across jobs: one database each.
			e := newFB(t, "contacts_"+tc.recipients)
			e.exec(contacts...)
			j := e.job(`
jobs:
  - name: inv-` + tc.recipients + `
    preset: new_invoices
    schedule: "@every 5m"
    backfill: key:100
    recipients: ` + tc.recipients + `
    messages:
      sms: {}
      email: {}
`)
			e.run(j)
			var lines []string
			for _, m := range e.messages(j.Name) {
				if m.RecordKey != "103" && m.RecordKey != "110" && m.RecordKey != "105" {
					continue
				}
				if tc.recipients == "both" && m.RecordKey == "105" {
					continue
				}
				greet := ""
				if m.Status == "pending" && strings.Contains(m.DedupeKey, ":contact:") {
					greet = " " + strings.SplitN(m.Text, ",", 2)[0]
				}
				lines = append(lines, m.DedupeKey+" "+m.Channel+" "+string(m.Status)+" "+m.To+greet)
			}
			if got := strings.Join(lines, "\n"); got != tc.want {
				t.Fatalf("messages:\n%s\nwant:\n%s", got, tc.want)
			}
			for _, m := range e.messages(j.Name) {
				if en := catalog.EN.Reason(m.Reason); m.DedupeKey == "invoice:merkez:105:created:contact:none" && en != "the customer has no contact person flagged for messages (CARI_YETKILI.SMS_GONDER)" {
					t.Errorf("reason: %q / %q", en, catalog.TR.Reason(m.Reason))
				}
			}
		})
	}
}

// A database whose CARI_YETKILI lacks the send-SMS flag cannot tell whom
// the shop wants messaged: the job is refused, naming the column.
func TestFirebirdContactsNeedTheFlag(t *testing.T) {
	e := newFB(t, "contacts_noflag", "CARI_YETKILI.SMS_GONDER")
	j := e.job(`
jobs:
  - name: inv
    preset: new_invoices
    schedule: "@every 5m"
    recipients: contacts
    messages:
      sms: {}
`)
	if _, err := e.poller.Run(e.ctx, j); err == nil || !strings.Contains(err.Error(), "lacks CARI_YETKILI.SMS_GONDER") {
		t.Fatalf("run: %v", err)
	}
}
