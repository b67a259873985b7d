package summary

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

var ist = mapping.DefaultFormats().Location

var update = flag.Bool("update", false, "rewrite golden files")

// traffic fills an outbox with a day of messages on sms and email, in
// every outcome, plus yesterday's (which the summary leaves out), and
// returns it with the clock at 19:00 of the day.
func traffic(t *testing.T) (*outbox.Store, time.Time) {
	t.Helper()
	ctx := context.Background()
	s, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, ist)
	now := day.Add(-5 * time.Hour) // yesterday, 19:00
	s.SetClock(func() time.Time { return now })
	n := 0
	enqueue := func(job, ch string, count int, skip *mapping.Reason) {
		var ms []outbox.NewMessage
		for range count {
			n++
			to := fmt.Sprintf("+90532%07d", n)
			if ch == "email" {
				to = fmt.Sprintf("m%d@example.com", n)
			}
			ms = append(ms, outbox.NewMessage{Message: mapping.Message{Channel: ch, To: to, Text: "Sayın müşterimiz"},
				DedupeKey: fmt.Sprintf("k:%d", n), RecordKey: fmt.Sprint(n), Skip: skip})
		}
		if _, err := s.Enqueue(ctx, outbox.Batch{Job: job, Source: "merkez", Messages: ms}); err != nil {
			t.Fatal(err)
		}
	}
	send := func(ch string, k int, o outbox.Outcome) []outbox.Message {
		ms, err := s.Claim(ctx, ch, k)
		if err != nil || len(ms) != k {
			t.Fatalf("claim %d %s: %d %v", k, ch, len(ms), err)
		}
		for _, m := range ms {
			if err := s.Finish(ctx, m, o); err != nil {
				t.Fatal(err)
			}
		}
		return ms
	}
	noPhone := mapping.R(mapping.ReasonNoRecipient, "fields", "CEP_TEL")
	// Yesterday: 4 SMS sent, 1 skipped, 1 opt-out.
	enqueue("faturalar", "sms", 4, nil)
	send("sms", 4, outbox.Outcome{Status: outbox.StatusSent, ProviderID: "y"})
	enqueue("faturalar", "sms", 1, &noPhone)
	if err := s.OptOut(ctx, "+905320000099", "RET"); err != nil {
		t.Fatal(err)
	}
	// Today.
	now = day.Add(9 * time.Hour)
	enqueue("faturalar", "sms", 10, nil)
	sent := send("sms", 6, outbox.Outcome{Status: outbox.StatusSent, ProviderID: "j1"})
	for _, m := range sent[:4] {
		if _, err := s.RecordReport(ctx, m.ID, outbox.Report{Status: outbox.StatusDelivered}, outbox.StatusSent); err != nil {
			t.Fatal(err)
		}
	}
	// One went out and was then reported undeliverable: its number is
	// blacklisted, which the number's fix mends.
	if _, err := s.RecordReport(ctx, sent[4].ID, outbox.Report{Status: outbox.StatusFailed, Code: "15",
		Reason: mapping.Reason{Code: dispatch.ReasonNotDelivered, Parts: []mapping.Reason{notify.Why("netgsm.report.15")}}}, outbox.StatusSent); err != nil {
		t.Fatal(err)
	}
	// NetGSM refused one message's parameters, which do not say whose
	// fault (the generic fix), and one's text (the template's fix; a
	// refused msgheader pauses the channel instead: those messages wait).
	send("sms", 1, outbox.Outcome{Status: outbox.StatusFailed, Code: "70", Reason: notify.Why("netgsm.70")})
	send("sms", 1, outbox.Outcome{Status: outbox.StatusFailed, Code: "20", Reason: notify.Why("netgsm.20")})
	send("sms", 1, outbox.Outcome{Status: outbox.StatusUncertain})
	// 1 left pending.
	enqueue("faturalar", "sms", 3, &noPhone)
	landline := mapping.R(mapping.ReasonLandline, "number", "0212 3** ** 89")
	enqueue("hatirlatma", "sms", 1, &landline)
	enqueue("ekstre", "email", 3, nil)
	send("email", 3, outbox.Outcome{Status: outbox.StatusSent, ProviderID: "mid"})
	for _, a := range []string{"+905320000001", "ayse@example.com"} {
		if err := s.OptOut(ctx, a, "RET"); err != nil {
			t.Fatal(err)
		}
	}
	// Yesterday's summary itself is not traffic.
	enqueue(Job, "email", 1, nil)
	now = day.Add(19 * time.Hour)
	return s, now
}

// The summary's numbers are the outbox's for the day: counted here
// independently, message by message, from the outbox's own list.
func TestSummaryMatchesTheOutbox(t *testing.T) {
	ctx := context.Background()
	s, now := traffic(t)
	from, to := Window(now, ist)
	r, err := Build(ctx, s, from, to, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.List(ctx, outbox.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	want := map[string]*outbox.Day{}
	for _, m := range all {
		if m.Job == Job {
			continue
		}
		if want[m.Channel] == nil {
			want[m.Channel] = &outbox.Day{Channel: m.Channel}
		}
		w := want[m.Channel]
		if in(m.SentAt) {
			w.Sent++
			if m.Status == outbox.StatusDelivered {
				w.Delivered++
			}
		}
		switch {
		case m.Status == outbox.StatusFailed && in(m.UpdatedAt):
			w.Failed++
		case m.Status == outbox.StatusSkipped && in(m.CreatedAt):
			w.Skipped++
		case m.Status == outbox.StatusPending || m.Status == outbox.StatusStandby:
			w.Waiting++
		case m.Status == outbox.StatusUncertain || m.Status == outbox.StatusHeld:
			w.Held++
		}
	}
	if len(r.Days) != len(want) {
		t.Fatalf("channels %+v, want %v", r.Days, want)
	}
	for _, d := range r.Days {
		w := want[d.Channel]
		got := [6]int{d.Sent, d.Delivered, d.Failed, d.Skipped, d.Waiting, d.Held}
		exp := [6]int{w.Sent, w.Delivered, w.Failed, w.Skipped, w.Waiting, w.Held}
		if got != exp {
			t.Errorf("%s: sent, delivered, failed, skipped, waiting, held = %v, the outbox says %v", d.Channel, got, exp)
		}
	}
	// And the numbers of the fixture, so the comparison above is not of
	// two empty sets.
	if sms := want["sms"]; sms.Sent != 6 || sms.Delivered != 4 || sms.Failed != 3 || sms.Skipped != 4 || sms.Waiting != 1 || sms.Held != 1 {
		t.Errorf("fixture: %+v", *sms)
	}
	if r.Refusals != 2 {
		t.Errorf("refusals %d, want today's 2", r.Refusals)
	}
	reasons := map[string]int{}
	for _, rc := range r.Days[1].Reasons {
		reasons[string(rc.Status)+" "+rc.Reason.Code] = rc.Count
	}
	for k, v := range map[string]int{"failed netgsm.70": 1, "failed netgsm.20": 1, "failed " + dispatch.ReasonNotDelivered: 1, "skipped " + mapping.ReasonNoRecipient: 3,
		"skipped " + mapping.ReasonLandline: 1} {
		if reasons[k] != v {
			t.Errorf("reasons %v: %s = %d, want %d", reasons, k, reasons[k], v)
		}
	}
}

// The owner reads it in plain Turkish: the numbers, what failed and what
// to do, the refusals and the credit, with a warning when it is low.
func TestSummaryText(t *testing.T) {
	ctx := context.Background()
	s, now := traffic(t)
	from, to := Window(now, ist)
	credits := []status.Credit{status.NewCredit("sms", "netgsm", []notify.Balance{{Name: "credit", Amount: 39.5, Unit: notify.UnitTL}}, uniform(t, 100), now)}
	r, err := Build(ctx, s, from, to, credits, nil)
	if err != nil {
		t.Fatal(err)
	}
	subject, body := r.Text(catalog.TR, ist)
	for _, want := range []string{"2 Aralık 2026 günü 00:00-19:00 arası", "SMS: 6 mesaj gönderildi, 4 tanesinin teslim edildiği bildirildi; 3 başarısız, 4 atlandı.",
		"E-posta: 3 mesaj gönderildi", "  - 1 başarısız: NetGSM hatalı veya eksik bir parametreyi reddetti (bir hata veya geçersiz numara)",
		"  - 1 başarısız: mesaj metni hatalı veya çok uzun", "  - 1 başarısız: iletilemedi: numara kara listede", "  - 3 atlandı: alıcı yok: CEP_TEL boş", "Sırada bekleyen 1 mesaj var.",
		"1 mesajın gidip gitmediği belli değil", "2 kişi mesaj almak istemediğini bildirdi", "SMS (netgsm) bakiyesi: 39,50 TL.",
		"Bakiye 100 sınırının altında"} {
		if !strings.Contains(body, want) {
			t.Errorf("the summary lacks %q:\n%s", want, body)
		}
	}
	if subject != "Günlük özet: 2 Aralık 2026" {
		t.Errorf("subject %q", subject)
	}
	m := r.Message("sms", "+905320000000", catalog.TR, ist)
	if m.DedupeKey != "daily-summary:2026-12-02" ||
		m.Text != "Özet 02.12: 9 gönderildi, 4 teslim, 3 başarısız, 4 atlandı, 2 ret. 1 mesaj karar bekliyor. netgsm bakiyesi düşük!" {
		t.Errorf("sms summary %q (%s)", m.Text, m.DedupeKey)
	}
}

// A message sent in the very millisecond the summary is made is in it: the
// outbox counts [from, to) in milliseconds.
func TestWindowTakesNowsMillisecond(t *testing.T) {
	now := time.Date(2026, 12, 2, 19, 30, 0, 123_456_789, ist)
	from, to := Window(now, ist)
	if !from.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, ist)) {
		t.Errorf("from = %v, want midnight", from)
	}
	if to.UnixMilli() != now.UnixMilli()+1 {
		t.Errorf("to = %v, want the millisecond after now's (%v)", to, now)
	}
}

// A job that cannot run sends nothing new, so the owner hears of it at the
// top of the summary: its cause in people's words and since when, never
// the driver's words (they can quote the ERP's data). Left out: jobs no
// longer in the config, jobs whose last run went well, and a job that ran
// well within the hour (one timeout just before the summary is not news).
func TestSummaryTellsJobsThatCannotRun(t *testing.T) {
	ctx := context.Background()
	s, now := traffic(t)
	yesterday := now.Add(-20 * time.Hour)
	for _, r := range []outbox.JobRun{
		{Job: "faturalar", LastRun: yesterday},                                                  // ran well yesterday ...
		{Job: "faturalar", LastRun: now.Add(-time.Hour), Err: "login failed", Failure: "login"}, // ... not since
		{Job: "ekstre", LastRun: now.Add(-time.Hour), Err: "unexpected row CARI 0532 111 22 33", Failure: "other"},
		{Job: "hatirlatma", LastRun: now.Add(-time.Hour)},
		{Job: "tahsilat", LastRun: now.Add(-30 * time.Minute)},
		{Job: "tahsilat", LastRun: now.Add(-time.Minute), Err: "i/o timeout", Failure: "timeout"},
		{Job: "eski-gorev", LastRun: now.Add(-time.Hour), Err: "gone", Failure: "unreachable"},
	} {
		if err := s.RecordJobRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	from, to := Window(now, ist)
	r, err := Build(ctx, s, from, to, nil, []string{"faturalar", "ekstre", "hatirlatma", "tahsilat"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang      catalog.Lang
		want      []string
		wantShort string
	}{
		{catalog.TR, []string{
			"Dikkat: 2 görev son çalışmasında hata verdi; düzelene dek bu görevlerin yeni kayıtları için mesaj gitmiyor:\n" +
				"  - \"ekstre\": beklenmeyen bir hata (ayrıntısı durum sayfasında). Henüz hiç başarıyla çalışmadı.\n" +
				"  - \"faturalar\": veritabanı kullanıcı adını ya da parolayı kabul etmedi. Son başarılı çalışma: 1 Aralık 2026 23:00.\n" +
				"Bilgi işlem sorumlunuza iletin: `akinsoft-connector check` nedenini ve ne yapılacağını gösterir.",
			"2 Aralık 2026 günü 00:00-19:00 arası"},
			"Hata veren görev(ler): ekstre, faturalar!"},
		{catalog.EN, []string{
			"Attention: 2 job(s) failed at their last run",
			"  - \"faturalar\": the database refused the user name or password. Last successful run: 1 December 2026 23:00.",
			"  - \"ekstre\": an unexpected error (its detail is on the status page). It has not run successfully yet.",
			"Messages of 2 December 2026, 00:00-19:00:"},
			"Failing job(s): ekstre, faturalar!"},
	} {
		_, body := r.Text(tc.lang, ist)
		if !strings.HasPrefix(body, "Dikkat") && tc.lang == catalog.TR || !strings.HasPrefix(body, "Attention") && tc.lang == catalog.EN {
			t.Errorf("%s: the failing jobs are not first:\n%s", tc.lang, body)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the summary lacks %q:\n%s", tc.lang, w, body)
			}
		}
		short := r.Short(tc.lang, ist)
		if !strings.HasSuffix(short, tc.wantShort) {
			t.Errorf("%s: short summary %q, want it to end in %q", tc.lang, short, tc.wantShort)
		}
		for _, text := range []string{body, short} {
			for _, never := range []string{"0532", "login failed", "timeout", "eski-gorev", "hatirlatma", "tahsilat"} {
				if strings.Contains(text, never) {
					t.Errorf("%s: the summary has %q:\n%s", tc.lang, never, text)
				}
			}
		}
	}
}

// Skips are counted by what stopped them, each kind on its own line: a
// landline, an empty column and an invalid number are three reasons, not
// three of the first one's. The reasons are the mapper's own, with their
// parts; a line whose messages name different numbers says that the one
// shown is an example.
func TestSummaryCountsEachKindOfSkip(t *testing.T) {
	tx, err := mapping.ParseText("t", "Sayın müşterimiz", mapping.DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	mapper := &mapping.Mapper{Channels: []mapping.ChannelSpec{{Channel: "sms", RecipientFields: []string{"CEP_TEL"}, Text: tx}}}
	for _, tc := range []struct {
		name   string
		phones []string // one record each
		want   []string // in Turkish
		never  []string
		wantEN []string
	}{
		{"three kinds", []string{"0212 333 45 89", "", "0532 123 45 6"},
			[]string{"SMS: 0 mesaj gönderildi, 0 tanesinin teslim edildiği bildirildi; 0 başarısız, 3 atlandı.",
				"  - 1 atlandı: alıcı yok: CEP_TEL boş",
				`  - 1 atlandı: kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0212 3** ** 89" sabit hat`,
				`  - 1 atlandı: kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0532 1** *5 6" geçersiz`},
			[]string{"3 atlandı:", "örneğin"},
			[]string{`  - 1 skipped: no usable recipient: CEP_TEL: phone number "0212 3** ** 89" is a landline`}},
		{"one kind, other numbers", []string{"0212 333 45 89", "0216 444 55 12", "xyz"},
			[]string{`  - 2 atlandı, örneğin: kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0212 3** ** 89" sabit hat`,
				`  - 1 atlandı: kullanılabilir alıcı yok: CEP_TEL: "***" bir telefon numarası değil`},
			[]string{"3 atlandı:", "2 atlandı:"},
			[]string{`  - 2 skipped, for example: no usable recipient: CEP_TEL: phone number "0212 3** ** 89" is a landline`}},
		{"one reason", []string{"", " "},
			[]string{"  - 2 atlandı: alıcı yok: CEP_TEL boş"},
			[]string{"örneğin"},
			[]string{"  - 2 skipped: no recipient: CEP_TEL empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			now := time.Date(2026, 12, 2, 9, 0, 0, 0, ist)
			s.SetClock(func() time.Time { return now })
			var ms []outbox.NewMessage
			for i, phone := range tc.phones {
				r := mapper.Map(mapping.Record{"CEP_TEL": phone})[0]
				if r.Skip == nil {
					t.Fatalf("%q was not skipped", phone)
				}
				ms = append(ms, outbox.NewMessage{Message: r.Message, DedupeKey: fmt.Sprint("k:", i), RecordKey: fmt.Sprint(i), Skip: r.Skip})
			}
			if _, err := s.Enqueue(ctx, outbox.Batch{Job: "faturalar", Source: "merkez", Messages: ms}); err != nil {
				t.Fatal(err)
			}
			from, to := Window(now.Add(10*time.Hour), ist)
			r, err := Build(ctx, s, from, to, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, body := r.Text(catalog.TR, ist)
			_, en := r.Text(catalog.EN, ist)
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the summary lacks %q:\n%s", w, body)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(body, n) {
					t.Errorf("the summary says %q:\n%s", n, body)
				}
			}
			for _, w := range tc.wantEN {
				if !strings.Contains(en, w) {
					t.Errorf("the English summary lacks %q:\n%s", w, en)
				}
			}
		})
	}
}

// The balance reads as a sentence in the reader's language, in the unit
// the provider counts it in: NetGSM's TL credit, Mutlucell's SMS credits,
// and NetGSM's named balances by their own names; never the program's
// word "credit". The balances are the providers' clients' answers from
// their fakes.
func TestSummaryBalanceInPeoplesWords(t *testing.T) {
	netgsmBalance := func(shape netgsmtest.BalanceShape, credit string) []notify.Balance {
		fake := netgsmtest.New()
		t.Cleanup(fake.Close)
		fake.BalanceShape, fake.Credit = shape, credit
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()))
		bs, err := netgsm.New(netgsm.Config{URL: fake.URL(), UserCode: fake.User, Password: fake.Password, MsgHeader: "MAGAZA"}, c).Balance(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return bs
	}
	mutlucellBalance := func(credit string) []notify.Balance {
		fake := mutlucelltest.New()
		t.Cleanup(fake.Close)
		fake.Credit = credit
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()))
		bs, err := mutlucell.New(mutlucell.Config{URL: fake.URL(), User: fake.User, Password: fake.Password, Originator: "MAGAZA"}, c).Balance(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return bs
	}
	now := time.Date(2026, 12, 2, 19, 0, 0, 0, ist)
	for _, tc := range []struct {
		name     string
		credit   status.Credit
		tr, en   string
		trLow    string // "" when not low
		enLow    string
		trShort  string
		trAbsent string
	}{
		{"NetGSM's TL credit, low", status.NewCredit("sms", "netgsm", netgsmBalance(netgsmtest.BalanceText, "1.039,50"), uniform(t, 5000), now),
			"SMS (netgsm) bakiyesi: 1.039,50 TL.", "SMS (netgsm) balance: 1,039.50 TL.",
			"  Bakiye 5.000 sınırının altında", "  The balance is under 5,000", "netgsm bakiyesi düşük!", "credit"},
		{"NetGSM's named balances", status.NewCredit("sms", "netgsm", netgsmBalance(netgsmtest.BalanceList, ""), uniform(t, 100), now),
			"SMS (netgsm) bakiyesi: Sms Hizmeti - Giden: 215, TL Bakiye: 39.", "SMS (netgsm) balance: Sms Hizmeti - Giden: 215, TL Bakiye: 39.",
			"", "", "", "credit"},
		{"Mutlucell's SMS credits", status.NewCredit("sms", "mutlucell", mutlucellBalance("1986.0"), uniform(t, 100), now),
			"SMS (mutlucell) bakiyesi: 1.986 SMS kredisi.", "SMS (mutlucell) balance: 1,986 SMS credits.",
			"", "", "", "credit"},
		{"Mutlucell's SMS credits under their own line", status.NewCredit("sms", "mutlucell", mutlucellBalance("1986.0"),
			byUnit(t, map[config.CreditUnit]float64{config.CreditTL: 50, config.CreditSMS: 2000}), now),
			"SMS (mutlucell) bakiyesi: 1.986 SMS kredisi.", "SMS (mutlucell) balance: 1,986 SMS credits.",
			"  Bakiye sınırının altında (1.986 SMS kredisi, sınır 2.000)", "  The balance is under its limit (1,986 SMS credits, limit 2,000)",
			"mutlucell bakiyesi düşük!", "credit"},
		{"NetGSM's packages under theirs", status.NewCredit("sms", "netgsm", netgsmBalance(netgsmtest.BalanceList, ""),
			byUnit(t, map[config.CreditUnit]float64{config.CreditPackages: 500}), now),
			"SMS (netgsm) bakiyesi: Sms Hizmeti - Giden: 215, TL Bakiye: 39.", "SMS (netgsm) balance: Sms Hizmeti - Giden: 215, TL Bakiye: 39.",
			"  Bakiye sınırının altında (Sms Hizmeti - Giden: 215, sınır 500; TL Bakiye: 39, sınır 500)",
			"  The balance is under its limit (Sms Hizmeti - Giden: 215, limit 500; TL Bakiye: 39, limit 500)", "netgsm bakiyesi düşük!", "credit"},
		{"NetGSM's TL credit over its line", status.NewCredit("sms", "netgsm", netgsmBalance(netgsmtest.BalanceText, "90"),
			byUnit(t, map[config.CreditUnit]float64{config.CreditTL: 50, config.CreditSMS: 500}), now),
			"SMS (netgsm) bakiyesi: 90 TL.", "SMS (netgsm) balance: 90 TL.", "", "", "", "credit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Report{From: now.Truncate(24 * time.Hour), To: now, Credits: []status.Credit{tc.credit}}
			_, tr := r.Text(catalog.TR, ist)
			_, en := r.Text(catalog.EN, ist)
			for _, c := range []struct{ text, want, low string }{{tr, tc.tr, tc.trLow}, {en, tc.en, tc.enLow}} {
				if !strings.Contains(c.text, c.want) {
					t.Errorf("the summary lacks %q:\n%s", c.want, c.text)
				}
				warned := strings.Contains(c.text, "sınırının altında") || strings.Contains(c.text, "The balance is under")
				if warned != tc.credit.Low || c.low != "" && !strings.Contains(c.text, c.low) {
					t.Errorf("low = %v; the summary should say %q:\n%s", tc.credit.Low, c.low, c.text)
				}
			}
			if strings.Contains(tr, tc.trAbsent) {
				t.Errorf("the Turkish summary says %q:\n%s", tc.trAbsent, tr)
			}
			if short := r.Short(catalog.TR, ist); tc.trShort != "" && !strings.HasSuffix(short, tc.trShort) {
				t.Errorf("short summary %q, want it to end in %q", short, tc.trShort)
			}
		})
	}
}

// The whole summary, in both languages and by SMS, is its golden file; the
// documentation's sample is the Turkish one, word for word. Each reason's
// line is followed by what to do about it: the status page's fix of its
// kind, as one without the page's buttons does it; a reason that needs
// nothing done (an opt-out) has none. The SMS is the numbers only.
func TestSummaryGolden(t *testing.T) {
	ctx := context.Background()
	s, now := traffic(t)
	for _, r := range []outbox.JobRun{
		{Job: "faturalar", LastRun: now.Add(-20 * time.Hour)},
		{Job: "faturalar", LastRun: now.Add(-time.Hour), Err: "login failed", Failure: "login"},
	} {
		if err := s.RecordJobRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	optedOut := mapping.R("dispatch.opted_out")
	if _, err := s.Enqueue(ctx, outbox.Batch{Job: "hatirlatma", Source: "merkez", Messages: []outbox.NewMessage{{
		Message: mapping.Message{Channel: "email", To: "ayse@example.com", Text: "Sayın müşterimiz"}, DedupeKey: "k:optout",
		RecordKey: "optout", Skip: &optedOut}}}); err != nil {
		t.Fatal(err)
	}
	credits := []status.Credit{status.NewCredit("sms", "netgsm", []notify.Balance{{Name: "credit", Amount: 39.5, Unit: notify.UnitTL}}, uniform(t, 100), now)}
	from, to := Window(now, ist)
	r, err := Build(ctx, s, from, to, credits, []string{"faturalar"})
	if err != nil {
		t.Fatal(err)
	}
	var tr string
	for _, l := range []catalog.Lang{catalog.TR, catalog.EN} {
		subject, body := r.Text(l, ist)
		got := subject + "\n\n" + body + "\n\n" + r.Short(l, ist) + "\n"
		path := filepath.Join("testdata", "daily-summary."+string(l)+".txt")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./connector/summary -run TestSummaryGolden -update writes it)", err)
		}
		if got != string(want) {
			t.Errorf("%s: the summary is not %s (-update rewrites it):\n%s", l, path, got)
		}
		if l == catalog.TR {
			tr = body
		}
	}
	for _, doc := range []string{"daily-summary.md", "daily-summary.tr.md"} {
		text, err := os.ReadFile(filepath.Join("..", "..", "docs", doc))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ReplaceAll(string(text), "\r\n", "\n"), "```\n"+tr+"\n```\n") {
			t.Errorf("docs/%s does not show the summary as it is (testdata/daily-summary.tr.txt, without its subject and SMS):\n%s", doc, tr)
		}
	}
}

// uniform is low_credit's one number.
func uniform(t *testing.T, line float64) config.LowCredit {
	t.Helper()
	lc, err := config.UniformLowCredit(line)
	if err != nil {
		t.Fatal(err)
	}
	return lc
}

// byUnit is low_credit's lines per unit.
func byUnit(t *testing.T, lines map[config.CreditUnit]float64) config.LowCredit {
	t.Helper()
	lc, err := config.LowCreditByUnit(lines)
	if err != nil {
		t.Fatal(err)
	}
	return lc
}

// A shop that has not opened the year in Wolvox past January reads, in
// its summary, that last year's database is still read and what it means
// if the year was opened; the SMS form says it in a few words.
func TestSummarySaysTheYearIsNotOpened(t *testing.T) {
	ctx := context.Background()
	s, now := traffic(t)
	from, to := Window(now, ist)
	r, err := Build(ctx, s, from, to, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.NotOpened = []erp.NotOpened{{Source: "merkez@2027", Year: 2027, Database: "C:/AKINSOFT/Wolvox8/Database_FB/01/2027/WOLVOX.FDB", Read: "merkez@2026"}}
	_, body := r.Text(catalog.TR, ist)
	for _, want := range []string{"Wolvox'ta 2027 yılı açılmamış görünüyor (merkez). Yeni yılın veritabanı (C:/AKINSOFT/Wolvox8/Database_FB/01/2027/WOLVOX.FDB) yok.",
		"Yıl açılana dek bağlayıcı merkez@2026 veritabanını okumaya devam ediyor"} {
		if !strings.Contains(body, want) {
			t.Errorf("the summary lacks %q:\n%s", want, body)
		}
	}
	if _, en := r.Text(catalog.EN, ist); !strings.Contains(en, "The year 2027 seems not to be opened in Wolvox (merkez). The new year's database") {
		t.Errorf("the English summary:\n%s", en)
	}
	if m := r.Message("sms", "+905320000000", catalog.TR, ist); !strings.HasSuffix(m.Text, "Wolvox'ta 2027 yılı açılmamış görünüyor, merkez@2026 okunuyor.") {
		t.Errorf("sms summary %q", m.Text)
	}
}
