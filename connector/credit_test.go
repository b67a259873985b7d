package connector_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"log/slog"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// A balance under the channel's low_credit (default 100) is low on the
// status page's channel state and in the low-credit gauge, read by the real
// clients from the NetGSM (both readings of its answer) and Mutlucell
// fakes. One number is every unit's line, as it always was: a package with
// messages left above it keeps the account from being low, and 0 never
// alerts. Lines per unit compare each balance with its own line only: 90 TL
// is not low under TL: 50 whatever the packages' line, a package of 60
// messages is under packages: 200, and a unit without a line is not
// compared.
func TestLowCreditAlert(t *testing.T) {
	netgsmFake := func(t *testing.T, shape netgsmtest.BalanceShape, credit string, packages ...netgsmtest.Package) (string, *x509.CertPool) {
		fake := netgsmtest.New()
		t.Cleanup(fake.Close)
		fake.BalanceShape = shape
		if credit != "" {
			fake.Credit = credit
		}
		if packages != nil {
			fake.Packages = packages
		}
		t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		return `    provider: netgsm
    netgsm: {url: "` + fake.URL() + `", usercode: "` + fake.User + `", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}`, pool
	}
	mutlucellFake := func(t *testing.T, credit string) (string, *x509.CertPool) {
		fake := mutlucelltest.New()
		t.Cleanup(fake.Close)
		fake.Credit = credit
		t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		return `    provider: mutlucell
    mutlucell: {url: "` + fake.URL() + `", user: "` + fake.User + `", password: "${env:BALANCE_TEST_PASSWORD}", originator: MAGAZA}`, pool
	}
	package60 := netgsmtest.Package{Name: "Sms Hizmeti - Giden", Amount: 60}
	for _, tc := range []struct {
		name     string
		account  func(*testing.T) (string, *x509.CertPool)
		extra    string
		provider string
		low      bool
	}{
		{"39 TL under the default 100", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceText, "") }, "", "netgsm", true},
		{"39 TL over low_credit 10", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceText, "") }, "\n    low_credit: 10", "netgsm", false},
		{"low_credit 0 turns it off", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceText, "") }, "\n    low_credit: 0", "netgsm", false},
		{"a package of 215 messages left", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceList, "") }, "", "netgsm", false},
		{"90 TL over its TL line", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceText, "90,000") },
			"\n    low_credit: {TL: 50, packages: 200}", "netgsm", false},
		{"90 TL under one number of 100", func(t *testing.T) (string, *x509.CertPool) { return netgsmFake(t, netgsmtest.BalanceText, "90,000") },
			"\n    low_credit: 100", "netgsm", true},
		{"a package of 60 under its packages line", func(t *testing.T) (string, *x509.CertPool) {
			return netgsmFake(t, netgsmtest.BalanceList, "", package60)
		}, "\n    low_credit: {TL: 50, packages: 200}", "netgsm", true},
		{"a package of 60 without a packages line", func(t *testing.T) (string, *x509.CertPool) {
			return netgsmFake(t, netgsmtest.BalanceList, "", package60)
		}, "\n    low_credit:\n      TL: 50", "netgsm", false},
		{"a package of 60 with packages: 0", func(t *testing.T) (string, *x509.CertPool) {
			return netgsmFake(t, netgsmtest.BalanceList, "", package60)
		}, "\n    low_credit: {TL: 500, packages: 0}", "netgsm", false},
		{"1986 SMS credits over the default", func(t *testing.T) (string, *x509.CertPool) { return mutlucellFake(t, "1986.0") }, "", "mutlucell", false},
		{"1986 SMS credits under sms: 2000", func(t *testing.T) (string, *x509.CertPool) { return mutlucellFake(t, "1986.0") },
			"\n    low_credit: {sms: 2000}", "mutlucell", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			channel, pool := tc.account(t)
			d := balanceDaemon(t, channel+tc.extra, pool)
			if !d.CheckBalances(context.Background()) {
				t.Fatal("no balance API")
			}
			states := d.ChannelStates()
			if len(states) != 1 || states[0].Credit == nil {
				t.Fatalf("channel states %+v carry no credit", states)
			}
			if states[0].Credit.Low != tc.low {
				t.Errorf("status page: low = %v, want %v (%+v)", states[0].Credit.Low, tc.low, states[0].Credit)
			}
			want := 0.0
			if tc.low {
				want = 1
			}
			if got := lowGauge(t, d); got["sms "+tc.provider] != want || len(got) != 1 {
				t.Errorf("low-credit gauge %v, want sms %s = %v", got, tc.provider, want)
			}
		})
	}
}

func lowGauge(t *testing.T, d *connector.Daemon) map[string]float64 {
	return gauge(t, d, "akinsoft_connector_provider_balance_low", "channel", "provider")
}

// The low-credit warning says what the account holds as people read it,
// in the log's language, not the program's structure.
func TestLowCreditWarningTellsTheAmount(t *testing.T) {
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	fake.BalanceShape = netgsmtest.BalanceText
	t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	var buf bytes.Buffer
	d := balanceDaemonLogging(t, `    provider: netgsm
    netgsm: {url: "`+fake.URL()+`", usercode: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}`, pool,
		slog.New(slog.NewTextHandler(&buf, nil)))
	d.CheckBalances(context.Background())
	line := buf.String()
	if !strings.Contains(line, `balances="39 TL"`) || !strings.Contains(line, "low_credit=100 ") || strings.Contains(line, "Amount:") {
		t.Errorf("low-credit warning:\n%s", line)
	}
}

// With lines per unit the warning says them as the file writes them.
func TestLowCreditWarningTellsTheLines(t *testing.T) {
	fake := mutlucelltest.New()
	t.Cleanup(fake.Close)
	t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	var buf bytes.Buffer
	d := balanceDaemonLogging(t, `    provider: mutlucell
    mutlucell: {url: "`+fake.URL()+`", user: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", originator: MAGAZA}
    low_credit: {sms: 5000}`, pool, slog.New(slog.NewTextHandler(&buf, nil)))
	d.CheckBalances(context.Background())
	line := buf.String()
	if !strings.Contains(line, `low_credit="{sms: 5000}"`) || !strings.Contains(line, `balances="1.986 SMS kredisi"`) {
		t.Errorf("low-credit warning:\n%s", line)
	}
}
