package mutlucell_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
)

func TestBalance(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	for credit, want := range map[string]float64{"1986.0": 1986, "12,5": 12.5, "0": 0} {
		fake.Credit = credit
		got, err := p.Balance(context.Background())
		if err != nil || !slices.Equal(got, []notify.Balance{{Name: "credit", Amount: want, Unit: notify.UnitSMS}}) {
			t.Errorf("credit %q: %v, %v", credit, got, err)
		}
	}
	fake.Credit = "yok"
	if _, err := p.Balance(context.Background()); !errors.Is(err, notify.ErrUnknown) {
		t.Errorf("unreadable credit: %v", err)
	}
	p, _ = start(t, 5*time.Second, func(c *mutlucell.Config) { c.Password = "x" })
	if _, err := p.Balance(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("wrong password: %v, want a config error", err)
	}
}
