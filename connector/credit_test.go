package connector_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"log/slog"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// A NetGSM balance under the channel's low_credit (default 100) is low on
// the status page's channel state and in the low-credit gauge; a package
// with messages left above it is not, and low_credit: 0 never alerts. Both
// readings of NetGSM's balance answer are run.
func TestLowCreditAlert(t *testing.T) {
	for _, tc := range []struct {
		name  string
		shape netgsmtest.BalanceShape
		extra string
		low   bool
	}{
		{"39 TL under the default 100", netgsmtest.BalanceText, "", true},
		{"39 TL over low_credit 10", netgsmtest.BalanceText, "\n    low_credit: 10", false},
		{"low_credit 0 turns it off", netgsmtest.BalanceText, "\n    low_credit: 0", false},
		{"a package of 215 messages left", netgsmtest.BalanceList, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			fake.BalanceShape = tc.shape
			t.Setenv("BALANCE_TEST_PASSWORD", fake.Password)
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			d := balanceDaemon(t, `    provider: netgsm
    netgsm: {url: "`+fake.URL()+`", usercode: "`+fake.User+`", password: "${env:BALANCE_TEST_PASSWORD}", msgheader: MAGAZA}`+tc.extra, pool)
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
			if got := lowGauge(t, d); got["sms netgsm"] != want || len(got) != 1 {
				t.Errorf("low-credit gauge %v, want sms netgsm = %v", got, want)
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
	if !strings.Contains(line, `balances="39 TL"`) || strings.Contains(line, "Amount:") {
		t.Errorf("low-credit warning:\n%s", line)
	}
}
