package providertest

import (
	"errors"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// CheckOutcome fails t unless res and err keep the contract the dispatcher
// relies on, whatever the provider answered. The fuzz targets of every
// provider call it: a malformed answer may be classified in any class, but
// never half-way.
//
//   - Accepted (nil error): a provider id, for reports and reconciliation,
//     and no negative segment count.
//   - Refused: an *notify.Error of exactly one class with a reason for the
//     logs; permanent and config refusals also carry the Turkish reason the
//     status page shows; only retries carry a delay, only permanent
//     refusals blame the recipient; and no half-filled result beside it.
func CheckOutcome(t testing.TB, res notify.Result, err error) {
	t.Helper()
	if err == nil {
		if strings.TrimSpace(res.ProviderID) == "" || res.Segments < 0 {
			t.Fatalf("accepted without a provider id or with negative segments: %+v", res)
		}
		return
	}
	if res != (notify.Result{}) {
		t.Fatalf("refusal %v came with a result %+v", err, res)
	}
	var e *notify.Error
	if !errors.As(err, &e) {
		t.Fatalf("unclassified error %T: %v", err, err)
	}
	CheckError(t, e)
}

// CheckError fails t unless e is a well-formed classified error (see
// CheckOutcome).
func CheckError(t testing.TB, e *notify.Error) {
	t.Helper()
	switch e.Class {
	case notify.ErrRetry, notify.ErrPermanent, notify.ErrUnknown, notify.ErrConfig:
	default:
		t.Fatalf("error %q has no known class: %v", e.Error(), e.Class)
	}
	if notify.Classify(e) != e.Class {
		t.Fatalf("error %q classifies as %v, not its own class %v", e.Error(), notify.Classify(e), e.Class)
	}
	// A reason code is what the status page renders in Turkish and
	// English; the catalog's own test checks every code has both.
	if strings.TrimSpace(e.Why.Code) == "" {
		t.Fatalf("error without a reason code: %#v", e)
	}
	if e.RetryAfter < 0 || (e.RetryAfter > 0 && e.Class != notify.ErrRetry) {
		t.Fatalf("delay %v on a %v error: %#v", e.RetryAfter, e.Class, e)
	}
	if e.BadRecipient && e.Class != notify.ErrPermanent {
		t.Fatalf("bad recipient on a %v error: %#v", e.Class, e)
	}
}

// CheckReport fails t unless r is a usable delivery report line: a known
// state and a reason for the status page.
func CheckReport(t testing.TB, r notify.Report) {
	t.Helper()
	switch r.Status {
	case notify.StatusPending, notify.StatusDelivered, notify.StatusFailed:
	case notify.StatusAbsent, notify.StatusUnproven:
		if r.ProviderID != "" {
			t.Fatalf("%v report names a provider id: %+v", r.Status, r)
		}

	default:
		t.Fatalf("report with unknown state %d: %+v", r.Status, r)
	}
	if strings.TrimSpace(r.Why.Code) == "" {
		t.Fatalf("report without a reason code: %+v", r)
	}
}
