package netgsm_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// NetGSM's balance answer has two published shapes [UNCONFIRMED]; the
// client reads both, with NetGSM's decimal comma.
func TestBalanceUnderBothShapes(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*netgsmtest.Server)
		want  []notify.Balance
	}{
		{"text", func(s *netgsmtest.Server) { s.BalanceShape = netgsmtest.BalanceText; s.Credit = "39,000" },
			[]notify.Balance{{Name: "credit", Amount: 39, Unit: notify.UnitTL}}},
		{"text with thousands", func(s *netgsmtest.Server) { s.BalanceShape = netgsmtest.BalanceText; s.Credit = "1.234,50" },
			[]notify.Balance{{Name: "credit", Amount: 1234.5, Unit: notify.UnitTL}}},
		{"list", func(s *netgsmtest.Server) { s.BalanceShape = netgsmtest.BalanceList },
			[]notify.Balance{{Name: "Sms Hizmeti - Giden", Amount: 215}, {Name: "TL Bakiye", Amount: 39}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, fake := start(t, 5*time.Second, nil)
			tc.setup(fake)
			got, err := p.Balance(context.Background())
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("Balance = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestBalanceRefusals(t *testing.T) {
	p, _ := start(t, 5*time.Second, func(c *netgsm.Config) { c.Password = "wrong" })
	if _, err := p.Balance(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("wrong password: %v, want a config error", err)
	}
	p, fake := start(t, 5*time.Second, nil)
	fake.Credit = "çok"
	if _, err := p.Balance(context.Background()); !errors.Is(err, notify.ErrUnknown) {
		t.Errorf("unreadable amount: %v, want unknown", err)
	}
}
