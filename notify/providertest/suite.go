package providertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Setup tells the suite how to build a provider against a fresh fake.
type Setup struct {
	// New starts a fake and returns a provider pointed at it whose client
	// gives up on an attempt after timeout. The fake is closed by t.Cleanup.
	New func(t *testing.T, timeout time.Duration) (notify.Provider, Fake)
	// Message is a valid message for this provider.
	Message notify.Message
	// LimitClass is what a limit fault classifies as (default ErrRetry).
	LimitClass error
}

// Run checks that each outcome a provider can meet is classified the same way
// by every provider: accepted, credentials, permanent refusal, limits, a slow
// answer and a dropped connection (both unknown, never retried).
func Run(t *testing.T, s Setup) {
	if s.LimitClass == nil {
		s.LimitClass = notify.ErrRetry
	}
	cases := []struct {
		name    string
		timeout time.Duration
		prepare func(Fake)
		want    error
		// requests is how many send requests the fake must have seen.
		requests int
	}{
		{name: "accepted", timeout: 5 * time.Second, prepare: func(Fake) {}, requests: 1},
		{name: "credentials", timeout: 5 * time.Second, prepare: func(f Fake) { f.Inject(FaultAuth, 1) }, want: notify.ErrConfig, requests: 1},
		{name: "permanent", timeout: 5 * time.Second, prepare: func(f Fake) { f.Inject(FaultPermanent, 1) }, want: notify.ErrPermanent, requests: 1},
		{name: "limit", timeout: 5 * time.Second, prepare: func(f Fake) { f.Inject(FaultLimit, 10) }, want: s.LimitClass},
		{name: "slow answer is unknown, not retried", timeout: 300 * time.Millisecond, prepare: func(f Fake) { f.SetLatency(30 * time.Second) }, want: notify.ErrUnknown, requests: 1},
		{name: "dropped connection is unknown, not retried", timeout: 5 * time.Second, prepare: func(f Fake) { f.DropNext(1) }, want: notify.ErrUnknown, requests: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, fake := s.New(t, tc.timeout)
			tc.prepare(fake)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			res, err := p.Send(ctx, s.Message)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				if res.ProviderID == "" {
					t.Fatal("accepted without a provider id: reports could not find it")
				}
			} else {
				if !errors.Is(err, tc.want) {
					t.Fatalf("Send error = %v, want class %v", err, tc.want)
				}
				e := notify.AsError(err)
				if (tc.want == notify.ErrPermanent || tc.want == notify.ErrConfig) && (e.Code == "" || e.Why.Code == "") {
					t.Errorf("refusal must carry the provider code and a reason in English and Turkish: %+v", e)
				}
			}
			if tc.requests > 0 {
				if n := len(fake.Requests()); n != tc.requests {
					t.Errorf("fake saw %d requests, want %d (an unknown outcome must never be resent blindly)", n, tc.requests)
				}
			}
		})
	}
}
