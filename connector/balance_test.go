package connector_test

import (
	"context"
	"crypto/x509"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// balanceDaemon runs a daemon whose sms channel is the given provider block.
func balanceDaemon(t *testing.T, channel string, pool *x509.CertPool) *connector.Daemon {
	t.Helper()
	return balanceDaemonLogging(t, channel, pool, nil)
}

// balanceDaemonLogging is balanceDaemon writing its log to log.
func balanceDaemonLogging(t *testing.T, channel string, pool *x509.CertPool, log *slog.Logger) *connector.Daemon {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := `state_dir: state
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
` + channel + `
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(y), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// The daemon reads each SMS account's balance into the credit gauge, from
// the real clients against the fakes, under both readings of NetGSM's
// answer.
func TestBalanceGauge(t *testing.T) {
	cases := []struct {
		name  string
		shape netgsmtest.BalanceShape
		want  map[string]float64
	}{
		{"netgsm text", netgsmtest.BalanceText, map[string]float64{"sms netgsm credit": 39}},
		{"netgsm list", netgsmtest.BalanceList, map[string]float64{"sms netgsm Sms Hizmeti - Giden": 215, "sms netgsm TL Bakiye": 39}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			fake.BalanceShape = tc.shape
			t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			d := balanceDaemon(t, `    provider: netgsm
    netgsm: {url: "`+fake.URL()+`", usercode: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}`, pool)
			if !d.CheckBalances(context.Background()) {
				t.Fatal("NetGSM's balance API was not used")
			}
			if got := balances(t, d); !maps.Equal(got, tc.want) {
				t.Errorf("balance gauge %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("mutlucell", func(t *testing.T) {
		fake := mutlucelltest.New()
		t.Cleanup(fake.Close)
		t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		d := balanceDaemon(t, `    provider: mutlucell
    mutlucell: {url: "`+fake.URL()+`", user: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", originator: MAGAZA}`, pool)
		d.CheckBalances(context.Background())
		if got := balances(t, d); !maps.Equal(got, map[string]float64{"sms mutlucell credit": 1986}) {
			t.Errorf("balance gauge %v", got)
		}
	})
	t.Run("a provider without a balance API", func(t *testing.T) {
		d := balanceDaemon(t, "    provider: console", nil)
		if d.CheckBalances(context.Background()) {
			t.Error("the console provider claims a balance")
		}
		if got := balances(t, d); len(got) != 0 {
			t.Errorf("balance gauge %v without a balance API", got)
		}
	})
	t.Run("a failed check sets nothing", func(t *testing.T) {
		fake := netgsmtest.New()
		t.Cleanup(fake.Close)
		t.Setenv("BALANCE_TEST_PASSWORD", "wrong")
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		d := balanceDaemon(t, `    provider: netgsm
    netgsm: {url: "`+fake.URL()+`", usercode: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}`, pool)
		d.CheckBalances(context.Background())
		if got := balances(t, d); len(got) != 0 {
			t.Errorf("balance gauge %v after a refused check", got)
		}
	})
}

// balances reads the balance gauge: "channel provider name" → amount.
func balances(t *testing.T, d *connector.Daemon) map[string]float64 {
	return gauge(t, d, "akinsoft_connector_provider_balance", "channel", "provider", "name")
}

// gauge reads a gauge of the daemon's metrics: its labels' values (in the
// order given, joined by spaces) → value.
func gauge(t *testing.T, d *connector.Daemon, name string, labels ...string) map[string]float64 {
	t.Helper()
	fs, err := d.Metrics().Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fs {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			l := map[string]string{}
			for _, p := range m.GetLabel() {
				l[p.GetName()] = p.GetValue()
			}
			var key []string
			for _, n := range labels {
				key = append(key, l[n])
			}
			out[strings.Join(key, " ")] = m.GetGauge().GetValue()
		}
	}
	return out
}

// A balance the provider would not give is logged with the provider's
// reason in the config's language: the error a provider's client returns
// is the program's (a reason key such as netgsm.100), not the IT person's.
func TestBalanceUnreadableLogsTheReason(t *testing.T) {
	cases := []struct {
		name, lang, want, not string
	}{
		{"Turkish", "", "NetGSM sistem hatası", "NetGSM system error"},
		{"English", "language: en\n", "NetGSM system error", "NetGSM sistem hatası"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			fake.Inject(providertest.FaultServer, 1) // code 100, system error
			t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			var log syncBuffer
			d := balanceDaemonLogging(t, `    provider: netgsm
    netgsm: {url: "`+fake.URL()+`", usercode: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}
`+tc.lang, pool, slog.New(slog.NewTextHandler(&log, nil)))
			d.CheckBalances(context.Background())
			out := log.String()
			if !strings.Contains(out, tc.want) || strings.Contains(out, tc.not) || strings.Contains(out, "netgsm.100") {
				t.Errorf("the failed balance check should log %q, not %q nor the key netgsm.100:\n%s", tc.want, tc.not, out)
			}
		})
	}
}
