package mutlucell_test

import (
	"context"
	"crypto/x509"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

func start(t *testing.T, timeout time.Duration, mod func(*mutlucell.Config)) (*mutlucell.Provider, *mutlucelltest.Server) {
	t.Helper()
	fake := mutlucelltest.New()
	t.Cleanup(fake.Close)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()), httpclient.WithTimeout(timeout),
		httpclient.WithBackoff(5*time.Millisecond, 20*time.Millisecond, time.Second))
	cfg := mutlucell.Config{URL: fake.URL(), User: fake.User, Password: fake.Password, Originator: "MAGAZA"}
	if mod != nil {
		mod(&cfg)
	}
	return mutlucell.New(cfg, c), fake
}

func TestConformance(t *testing.T) {
	providertest.Run(t, providertest.Setup{
		New: func(t *testing.T, timeout time.Duration) (notify.Provider, providertest.Fake) {
			return start(t, timeout, nil)
		},
		Message: notify.Message{Message: mapping.Message{To: "+905551112233", Text: "Sipariş kargoya verildi"}},
	})
}

func TestCodes(t *testing.T) {
	cases := []struct {
		name  string
		mod   func(*mutlucell.Config)
		fault providertest.Fault
		class error
		code  string
	}{
		{name: "23 credentials", mod: func(c *mutlucell.Config) { c.Password = "x" }, class: notify.ErrConfig, code: "23"},
		{name: "21 originator", mod: func(c *mutlucell.Config) { c.Originator = "BASKA" }, class: notify.ErrConfig, code: "21"},
		{name: "20 malformed", mod: func(c *mutlucell.Config) { c.Charset = "klingon" }, class: notify.ErrPermanent, code: "20"},
		{name: "24 busy", fault: providertest.FaultLimit, class: notify.ErrRetry, code: "24"},
		{name: "25 SMSC stopped", fault: providertest.FaultServer, class: notify.ErrRetry, code: "25"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, fake := start(t, 5*time.Second, tc.mod)
			fake.Inject(tc.fault, 1)
			_, err := p.Send(context.Background(), notify.Message{Message: mapping.Message{To: "+905551112233", Text: "x"}})
			if !errors.Is(err, tc.class) || notify.AsError(err).Code != tc.code {
				t.Fatalf("err = %v, want %v code %s", err, tc.class, tc.code)
			}
		})
	}
}

func TestBatchBodyAndReports(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	now := time.Now()
	p.SetClock(func() time.Time { return now })
	ms := []notify.Message{{Message: mapping.Message{To: "+905551112233", Text: "Sipariş <kargoda> & yolda"}}, {Message: mapping.Message{To: "+905551112244", Text: "Başka metin"}}}
	res, errs := p.SendBatch(context.Background(), ms)
	if errs[0] != nil || errs[1] != nil || res[0].ProviderID == "" || res[0].ProviderID != res[1].ProviderID {
		t.Fatalf("SendBatch = %+v %v", res, errs)
	}
	body := fake.Requests()[0].Body
	want, err := os.ReadFile("testdata/sndblkex.golden.xml")
	if os.Getenv("UPDATE") != "" {
		os.WriteFile("testdata/sndblkex.golden.xml", body, 0o644)
	} else if err != nil || string(want) != string(body) {
		t.Errorf("body differs from the golden file (UPDATE=1 to rewrite):\n%s", body)
	}
	sent := []notify.Sent{{ID: 1, ProviderID: res[0].ProviderID, To: ms[0].To, At: now}, {ID: 2, ProviderID: res[1].ProviderID, To: ms[1].To, At: now}}
	fake.SetStatus("905551112233", 3)
	fake.SetStatus("905551112244", 6)
	queries := func() int { return fake.Count("/smsgw-ws/gtblkrprtex") }
	if reps, _ := p.Reports(context.Background(), sent); len(reps) != 0 || queries() != 0 {
		t.Fatalf("queried before a minute passed: %+v", reps)
	}
	now = now.Add(61 * time.Second)
	reps, err := p.Reports(context.Background(), sent)
	if err != nil || len(reps) != 2 || reps[0].Status != notify.StatusDelivered || reps[1].Status != notify.StatusFailed {
		t.Fatalf("Reports = %+v, %v", reps, err)
	}
	now = now.Add(14 * time.Minute)
	if reps, _ := p.Reports(context.Background(), sent); len(reps) != 0 || queries() != 1 {
		t.Fatalf("queried again within 15 minutes (%d queries)", queries())
	}
	now = now.Add(time.Minute)
	if _, _ = p.Reports(context.Background(), sent); queries() != 2 {
		t.Fatalf("no query after 15 minutes (%d queries)", queries())
	}
}

func TestCheck(t *testing.T) {
	p, _ := start(t, 5*time.Second, nil)
	if s, err := p.Check(context.Background()); err != nil || s.Code != mutlucell.ReasonCheckOK {
		t.Fatal(s, err)
	}
	p, _ = start(t, 5*time.Second, func(c *mutlucell.Config) { c.Password = "x" })
	if _, err := p.Check(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Fatal(err)
	}
}
