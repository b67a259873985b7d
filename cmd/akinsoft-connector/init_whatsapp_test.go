package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp/whatsapptest"
)

// A shop with WhatsApp alone: init proposes each notification's template
// text to have Meta approve, takes the names of those already approved,
// leaves out a notification without one, and writes jobs that the
// service's own run sends with those templates.
func TestInitWhatsAppOnlyShop(t *testing.T) {
	f := newInitFixture(t)
	wa := whatsapptest.New()
	defer wa.Close()
	wa.Templates = map[string]int{"hello_world": 0, "fatura_hazir": 4, "odeme_alindi": 3}
	wa.PairEvery = time.Millisecond // init runs twice here, each with its test message
	caFile := filepath.Join(f.dir, "whatsapp-ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: wa.Server.Certificate().Raw}), 0o600)
	cfgPath := filepath.Join(f.dir, "config.yaml")
	stdin := answers(
		"firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
		"yok",                           // no SMS
		"e", wa.PhoneNumberID, wa.Token, // WhatsApp
		"h",                 // no e-mail
		"0532 111 22 33",    // the owner's phone for the test message
		"e", "fatura_hazir", // new invoices, with its approved template
		"e", "", // falling due: no template yet, so not added
		"h",                 // overdue: not wanted
		"e", "Odeme Alindi", // payments: a name Meta would not take ...
	)
	code, out := runInit(t, stdin, "init", "--config", cfgPath, "--company", "1", "--whatsapp-url", wa.URL(), "--ca-file", caFile)
	if code == exitOK || !strings.Contains(out, "şablon adı yalnızca küçük harf, rakam ve alt çizgi (_) içerir") {
		t.Fatalf("init took the template name %q (exit %d):\n%s", "Odeme Alindi", code, out)
	}
	stdin = strings.Replace(stdin, "Odeme Alindi", "odeme_alindi", 1) + answers(
		"yok",                   // no quiet hours: the test runs at any hour
		"yonetici-parola-1", "", // admin password, no viewer password
		"h", // no service
	)
	code, out = runInit(t, stdin, "init", "--config", cfgPath, "--company", "1", "--whatsapp-url", wa.URL(), "--ca-file", caFile)
	if code != exitOK {
		t.Fatalf("init exit %d:\n%s", code, out)
	}
	t.Logf("init:\n%s", out)
	for _, want := range []string{
		"Meta Business yöneticisinde",
		// The README where the packages install it, not a bare "(README)".
		"(ayrıntısı " + filepath.Join(installer.DefaultPaths().DocDir, "README.md") + " dosyasında)",
		"WhatsApp şablonunun metni: Sayın {{1}}, {{2}} tarihli {{3}} numaralı {{4}} tutarındaki faturanız düzenlenmiştir. Bizi tercih ettiğiniz için teşekkür ederiz.",
		"fatura_hazir şablonu örnek müşteriyle doldurulup +90532*****33 numarasına deneme olarak gönderiliyor",
		"Değişkenler: {{1}} = {{.ALICI_ADI}}, {{2}} = {{date .TARIHI}}, {{3}} = {{.FATURA_NO}}, {{4}} = {{money .TOPLAM_GENEL_KPB}}",
		"whatsapp: Sayın Ayşe Yılmaz", // the sample, as the customer reads it
		"\"Vadesi yaklaşan fatura\" eklenmedi: WhatsApp şablonu olmadan gönderilebileceği bir kanal yok.",
		"Denetim tamam",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("init's output lacks %q:\n%s", want, out)
		}
	}
	// Each init sent its hello_world test, then tried each template it was
	// given on the owner's phone.
	if got := templates(wa.Sent()); got != "hello_world fatura_hazir hello_world fatura_hazir odeme_alindi" {
		t.Fatalf("WhatsApp got %s", got)
	}
	for _, m := range wa.Sent() {
		if m.To != "905321112233" {
			t.Errorf("a test went to %s, not the owner", m.To)
		}
	}
	// Each of them is in the audit of the written config's outbox, the
	// stopped init's too, masked.
	accepted := 0
	for _, r := range auditRowsTo(auditRows(t, cfgPath), "+90532*****33") {
		if r.Channel == "whatsapp" && r.Outcome == "http 200" {
			accepted++
		}
	}
	if accepted != len(wa.Sent()) {
		t.Errorf("the audit has %d accepted WhatsApp request(s) to the owner, want %d", accepted, len(wa.Sent()))
	}
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(cfgPath, b, config.Options{})
	if err != nil {
		t.Fatalf("the written config does not parse: %v\n%s", err, b)
	}
	var got []string
	for _, j := range cfg.Jobs {
		w := j.Messages.WhatsApp
		if w == nil || j.Messages.SMS != nil || j.Messages.Email != nil {
			t.Errorf("job %s: messages %+v, want WhatsApp only", j.Name, j.Messages)
			continue
		}
		got = append(got, j.Name+"="+w.Template+"/"+w.Language+"/"+strconv.Itoa(len(w.Body)))
	}
	if s := strings.Join(got, " "); s != "yeni-faturalar=fatura_hazir/tr/4 odeme-alindi=odeme_alindi/tr/3" {
		t.Errorf("jobs = %s\n%s", s, b)
	}

	// The first run starts from now; a new invoice is then sent with the
	// approved template.
	runTheService(t, cfgPath, "first")
	f.newInvoice(t)
	runTheService(t, cfgPath, "second")
	sent := wa.Sent()
	if len(sent) != 6 || sent[5].Template != "fatura_hazir" || !strings.HasSuffix(sent[5].To, "905321234567") {
		t.Fatalf("WhatsApp got %+v; want the invoice 2024-131 with fatura_hazir to 905321234567", sent)
	}
	// The outbox and the status page show what the customer read.
	store, err := outbox.OpenReadOnly(context.Background(), filepath.Join(string(cfg.StateDir), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ms, err := store.List(context.Background(), outbox.Filter{Job: "yeni-faturalar", Limit: 10})
	if err != nil || len(ms) != 1 || !strings.Contains(ms[0].Text, "Sayın Ayşe Yılmaz") ||
		!strings.Contains(ms[0].Text, "2024-131 numaralı 1.750,00 TL tutarındaki faturanız düzenlenmiştir") {
		t.Errorf("outbox %+v, %v; want the invoice's text", ms, err)
	}
}

func templates(sent []whatsapptest.Sent) string {
	var names []string
	for _, m := range sent {
		names = append(names, m.Template)
	}
	return strings.Join(names, " ")
}

// A shop with SMS and WhatsApp: a notification with an approved template
// goes on both (the config says how to make the SMS a stand-by once the
// status webhook is set up), one without stays SMS alone. A template Meta does not know stops a scripted init
// with what to check, and an answer script written before the template
// question (its "e" read where a name is asked) stops at once, saying so,
// instead of taking its next answers for the wrong questions.
func TestInitSMSAndWhatsApp(t *testing.T) {
	f := newInitFixture(t)
	wa := whatsapptest.New()
	defer wa.Close()
	wa.Templates = map[string]int{"hello_world": 0, "fatura_hazir": 4}
	wa.PairEvery = time.Millisecond
	caFile := filepath.Join(f.dir, "fakes-ca.pem")
	var pems []byte
	for _, c := range [][]byte{f.fake.Server.Certificate().Raw, wa.Server.Certificate().Raw} {
		pems = append(pems, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c})...)
	}
	os.WriteFile(caFile, pems, 0o600)
	cfgPath := filepath.Join(f.dir, "config.yaml")
	head := []string{
		"firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
		"netgsm", f.fake.User, f.fake.Password, "MAGAZA", // SMS
		"e", wa.PhoneNumberID, wa.Token, // WhatsApp
		"h",              // no e-mail
		"0532 111 22 33", // the owner's phone for the tests
	}
	tail := []string{"yok", "yonetici-parola-1", "", "h"}
	args := []string{"init", "--config", cfgPath, "--company", "1", "--netgsm-url", f.fake.URL(), "--whatsapp-url", wa.URL(), "--ca-file", caFile}
	for _, tc := range []struct {
		name, want string
		jobs       []string
	}{
		{"a script from before the question", "burada onaylı şablonun adı beklenir", []string{"e", "e", "e", "e"}},
		{"a script from before the question, saying no next", "burada onaylı şablonun adı beklenir", []string{"e", "h", "e", "e"}},
		{"a template Meta does not know", "kurulum durdu: Meta WhatsApp şablonu fatura_yok için deneme mesajını kabul etmedi", []string{"e", "fatura_yok"}},
	} {
		code, out := runInit(t, answers(append(append(head, tc.jobs...), tail...)...), args...)
		if code == exitOK || !strings.Contains(out, tc.want) {
			t.Errorf("%s: exit %d, want a stop with %q:\n%s", tc.name, code, tc.want, out)
		}
	}
	if !t.Failed() {
		_, out := runInit(t, answers(append(append(head, "e", "fatura_yok"), tail...)...), args...)
		if !strings.Contains(out, "Meta fatura_yok şablonunu kabul etmedi") {
			t.Errorf("the refusal does not say what to check:\n%s", out)
		}
	}
	jobs := []string{"e", "fatura_hazir", "e", "", "h", "e", ""}
	code, out := runInit(t, answers(append(append(head, jobs...), tail...)...), args...)
	if code != exitOK {
		t.Fatalf("init exit %d:\n%s", code, out)
	}
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(cfgPath, b, config.Options{})
	if err != nil {
		t.Fatalf("the written config does not parse: %v\n%s", err, b)
	}
	var got []string
	for _, j := range cfg.Jobs {
		m := j.Name + ":"
		if j.Messages.SMS != nil {
			m += " sms"
		}
		if w := j.Messages.WhatsApp; w != nil {
			m += " whatsapp=" + w.Template
		}
		if len(j.Fallback) > 0 {
			m += " fallback=" + strings.Join(j.Fallback, ",")
		}
		got = append(got, m)
	}
	if s := strings.Join(got, " | "); s != "yeni-faturalar: sms whatsapp=fatura_hazir | vade-hatirlatma: sms | odeme-alindi: sms" {
		t.Errorf("jobs = %s\n%s", s, b)
	}

	if !bytes.Contains(b, []byte("buraya şunu ekleyin:  fallback: [sms]")) {
		t.Errorf("the config does not say how to make the SMS a stand-by:\n%s", b)
	}

	// A new invoice: the WhatsApp message and the SMS both go (without the
	// status webhook, Meta may tell of a customer without WhatsApp only
	// later, so an SMS kept as a stand-by could be lost).
	runTheService(t, cfgPath, "first")
	f.newInvoice(t)
	sms := len(f.fake.Messages())
	runTheService(t, cfgPath, "second")
	sent := wa.Sent()
	if last := sent[len(sent)-1]; last.Template != "fatura_hazir" || last.To != "905321234567" {
		t.Errorf("WhatsApp's last message %+v, want the invoice to 905321234567", last)
	}
	if msgs := f.fake.Messages(); len(msgs) != sms+1 || msgs[len(msgs)-1].Number != "905321234567" {
		t.Errorf("NetGSM got %d SMS for the invoice, want its one", len(msgs)-sms)
	}
}

// Meta holds back a second message to one number within a few seconds
// (131056): init's tests wait that out once and go through, instead of
// stopping the set-up. Here a second init follows a first one that stopped
// right after its test message: its own test message waits, and so does
// the template's try after it.
func TestInitWaitsOutMetasPerNumberLimit(t *testing.T) {
	f := newInitFixture(t)
	wa := whatsapptest.New()
	defer wa.Close()
	wa.Templates = map[string]int{"hello_world": 0, "fatura_hazir": 4}
	wa.PairEvery = 5 * time.Second // under the wait, well over the time between two of init's steps
	caFile := filepath.Join(f.dir, "whatsapp-ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: wa.Server.Certificate().Raw}), 0o600)
	script := func(template string) string {
		return answers("firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
			"yok", "e", wa.PhoneNumberID, wa.Token, "h", "0532 111 22 33",
			"e", template, "h", "h", "h", // new invoices only
			"yok", "yonetici-parola-1", "", "h")
	}
	args := []string{"init", "--config", filepath.Join(f.dir, "config.yaml"), "--company", "1", "--whatsapp-url", wa.URL(), "--ca-file", caFile}
	if code, out := runInit(t, script("Fatura Hazir"), args...); code == exitOK {
		t.Fatalf("init took a template name with spaces:\n%s", out)
	}
	code, out := runInit(t, script("fatura_hazir"), args...)
	if n := strings.Count(out, "Meta aynı numaraya art arda gönderilen mesajları birkaç saniye bekletiyor"); code != exitOK || n != 2 {
		t.Fatalf("init exit %d, waited %d times; want it to wait before its test message and its template's try:\n%s", code, n, out)
	}
	if got := templates(wa.Sent()); got != "hello_world hello_world fatura_hazir" {
		t.Errorf("WhatsApp got %s", got)
	}
}
