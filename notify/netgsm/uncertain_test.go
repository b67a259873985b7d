package netgsm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// reading is one way NetGSM's report may answer; which one it really does is
// unconfirmed, so every uncertain case runs under each.
type reading struct {
	name     string
	date     netgsmtest.DateSearch
	appnames netgsmtest.AppNames
}

var readings = []reading{
	{"date search lists, appname filtered", netgsmtest.DateSearchLists, netgsmtest.AppNameFiltered},
	{"date search lists, appname ignored", netgsmtest.DateSearchLists, netgsmtest.AppNameIgnored},
	{"date search answers 60, appname filtered", netgsmtest.DateSearchNoRecords, netgsmtest.AppNameFiltered},
	{"date search answers 60, appname ignored", netgsmtest.DateSearchNoRecords, netgsmtest.AppNameIgnored},
}

func under(t *testing.T, r reading, mod func(*netgsm.Config)) (*netgsm.Provider, *netgsmtest.Server) {
	p, fake := start(t, 5*time.Second, mod)
	fake.DateSearch, fake.AppNames = r.date, r.appnames
	return p, fake
}

// witness sends a message NetGSM accepts and returns it as a witness.
func witness(t *testing.T, p *netgsm.Provider, id int64, to string) notify.Sent {
	t.Helper()
	res, err := p.Send(context.Background(), msg(to, "witness"))
	if err != nil {
		t.Fatal(err)
	}
	return notify.Sent{ID: id, ProviderID: res.ProviderID, To: to, At: time.Now(), Witness: true}
}

// uncertain sends m with the answer lost, NetGSM taking it or not.
func uncertain(t *testing.T, p *netgsm.Provider, fake *netgsmtest.Server, id int64, to string, accepted bool) notify.Sent {
	t.Helper()
	if accepted {
		fake.AcceptThenDrop(1)
	} else {
		fake.DropNext(1)
	}
	at := time.Now()
	if _, err := p.Send(context.Background(), msg(to, "Faturanız hazır")); !errors.Is(err, notify.ErrUnknown) {
		t.Fatalf("lost answer = %v, want unknown", err)
	}
	return notify.Sent{ID: id, To: to, At: at}
}

// one asks about sent and returns the one report on id.
func one(t *testing.T, p *netgsm.Provider, id int64, sent ...notify.Sent) notify.Report {
	t.Helper()
	reps, err := p.Reports(context.Background(), sent)
	if err != nil {
		t.Fatal(err)
	}
	var got []notify.Report
	for _, r := range reps {
		providertest.CheckReport(t, r)
		if r.ID == id {
			got = append(got, r)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d reports on message %d, want 1: %+v", len(got), id, reps)
	}
	return got[0]
}

// wantUnproven checks r is unproven for the reason code why (a code of the
// reason or of one of its parts).
func wantUnproven(t *testing.T, r notify.Report, why string) {
	t.Helper()
	if r.Status != notify.StatusUnproven || !strings.Contains(r.Why.String(), why) {
		t.Fatalf("report %v %q, want unproven because %q", r.Status, r.Why, why)
	}
}

// TestUncertainNeverAccepted: the request never reached NetGSM. Only a report
// by date that lists the witnesses of the window proves it absent; without
// one, or without any witness, it is unproven, never absent.
func TestUncertainNeverAccepted(t *testing.T) {
	for _, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			p, fake := under(t, r, nil)
			w := witness(t, p, 2, "+905320000002")
			u := uncertain(t, p, fake, 1, "+905320000001", false)
			got := one(t, p, 1, u, w)
			if r.date == netgsmtest.DateSearchLists {
				if got.Status != notify.StatusAbsent {
					t.Fatalf("report %v %q, want absent: the report listed the witness and not the send", got.Status, got.Why)
				}
			} else {
				wantUnproven(t, got, netgsm.ReasonWitnessMissing)
			}
			wantUnproven(t, one(t, p, 1, u), netgsm.ReasonNoWitness)
			old := w
			old.At = u.At.Add(-2 * time.Hour)
			wantUnproven(t, one(t, p, 1, u, old), netgsm.ReasonNoWitness)
		})
	}
}

// TestUncertainAccepted: NetGSM took the job but the answer was lost. The
// job is found only where the report shows it is ours; it is never absent.
func TestUncertainAccepted(t *testing.T) {
	for _, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			p, fake := under(t, r, nil)
			w := witness(t, p, 2, "+905320000002")
			u := uncertain(t, p, fake, 1, "+905320000009", true)
			fake.SetStatus("5320000009", 1, 0)
			got := one(t, p, 1, u, w)
			switch {
			case r.date == netgsmtest.DateSearchNoRecords:
				wantUnproven(t, got, netgsm.ReasonWitnessMissing)
			case r.appnames == netgsmtest.AppNameIgnored:
				wantUnproven(t, got, netgsm.ReasonForeignRow)
			default:
				if got.Status != notify.StatusDelivered || got.ProviderID != fake.Messages()[1].JobID {
					t.Fatalf("report %+v, want delivered as job %s", got, fake.Messages()[1].JobID)
				}
			}
		})
	}
}

// TestForeignSends: another program on the account (Wolvox's SMS module)
// sent to the same number in the window. Where the report filters by
// appname, its send is not listed and ours is proven absent; where it
// ignores appname, the row cannot be told from ours, so it is unproven,
// neither taken as ours (which could lose the message) nor absent.
func TestForeignSends(t *testing.T) {
	for _, appname := range []string{"", "wolvox"} {
		for _, r := range readings[:2] {
			t.Run(fmt.Sprintf("%s, foreign appname %q", r.name, appname), func(t *testing.T) {
				p, fake := under(t, r, nil)
				w := witness(t, p, 2, "+905320000002")
				u := uncertain(t, p, fake, 1, "+905320000001", false)
				fake.SendAs(appname, "Wolvox: ödemeniz alındı", "5320000001")
				got := one(t, p, 1, u, w)
				if r.appnames == netgsmtest.AppNameFiltered {
					if got.Status != notify.StatusAbsent {
						t.Fatalf("report %v %q, want absent: the foreign send is not listed under our appname", got.Status, got.Why)
					}
				} else {
					wantUnproven(t, got, netgsm.ReasonForeignRow)
				}
			})
		}
	}
}

// TestOurOtherJobsAreNeverTheUncertainSend: a row of one of our own jobs to
// the same number (an earlier invoice) is not the uncertain send.
func TestOurOtherJobsAreNeverTheUncertainSend(t *testing.T) {
	p, fake := under(t, readings[0], nil)
	w := witness(t, p, 2, "+905320000001")
	u := uncertain(t, p, fake, 1, "+905320000001", false)
	if got := one(t, p, 1, u, w); got.Status != notify.StatusAbsent {
		t.Fatalf("report %v %q (job %q), want absent", got.Status, got.Why, got.ProviderID)
	}
}

// TestTwoJobsToTheNumber: NetGSM took our send, and another program using
// the same appname (a second connector on the account) sent to the same
// number in the window. Two jobs: neither is taken for ours.
func TestTwoJobsToTheNumber(t *testing.T) {
	p, fake := under(t, readings[0], nil)
	w := witness(t, p, 2, "+905320000002")
	u := uncertain(t, p, fake, 1, "+905320000001", true)
	fake.SendAs(netgsm.DefaultAppName, "başka şube", "5320000001")
	wantUnproven(t, one(t, p, 1, u, w), netgsm.ReasonSeveralJobs)
}

func TestDefaultAppName(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	if _, err := p.Send(context.Background(), msg("+905320000001", "x")); err != nil {
		t.Fatal(err)
	}
	if got := fake.Messages()[0].AppName; got != netgsm.DefaultAppName {
		t.Fatalf("appname %q, want %q", got, netgsm.DefaultAppName)
	}
}

// manyWitnesses sends n messages in one job and returns them as witnesses.
func manyWitnesses(t *testing.T, p *netgsm.Provider, n int) []notify.Sent {
	t.Helper()
	ms := make([]notify.Message, n)
	for i := range ms {
		ms[i] = msg(fmt.Sprintf("+90533%07d", i), "x")
	}
	res, errs := p.SendBatch(context.Background(), ms)
	var out []notify.Sent
	for i := range ms {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		out = append(out, notify.Sent{ID: int64(100 + i), ProviderID: res[i].ProviderID, To: ms[i].To, At: time.Now(), Witness: true})
	}
	return out
}

// TestRepeatedPageEndsPaging: a server that ignores pagenumber answers every
// page like the first. The client stops at the repeat instead of paging for
// ever, and the absence stays unproven.
func TestRepeatedPageEndsPaging(t *testing.T) {
	p, fake := under(t, readings[0], nil)
	fake.PageNumbers = netgsmtest.PageNumberIgnored
	ws := manyWitnesses(t, p, 150)
	u := uncertain(t, p, fake, 1, "+905320000001", false)
	before := fake.Count("/sms/rest/v2/report")
	wantUnproven(t, one(t, p, 1, append(ws, u)...), netgsm.ReasonReportRepeated+"(page=1, previous=0)")
	if n := fake.Count("/sms/rest/v2/report") - before; n != 2 {
		t.Fatalf("%d report pages read, want 2", n)
	}
	// By jobid too: an error, not an endless loop.
	known := ws[0]
	known.Witness = false
	before = fake.Count("/sms/rest/v2/report")
	if _, err := p.Reports(context.Background(), []notify.Sent{known}); err == nil || !strings.Contains(err.Error(), netgsm.ReasonReportRepeated) {
		t.Fatalf("Reports by jobid on a repeating report = %v, want an error naming pagenumber", err)
	}
	if n := fake.Count("/sms/rest/v2/report") - before; n != 2 {
		t.Fatalf("%d report pages read, want 2", n)
	}
}

// TestPageLimitEndsPaging: after MaxReportPages full pages the client stops
// with a clear reason, and an absence is unproven.
func TestPageLimitEndsPaging(t *testing.T) {
	p, fake := under(t, readings[0], func(c *netgsm.Config) { c.MaxReportPages = 2 })
	ws := manyWitnesses(t, p, 250)
	u := uncertain(t, p, fake, 1, "+905320000001", false)
	before := fake.Count("/sms/rest/v2/report")
	wantUnproven(t, one(t, p, 1, append(ws, u)...), netgsm.ReasonReportPageLimit+"(pages=2, rows=200)")
	if n := fake.Count("/sms/rest/v2/report") - before; n != 2 {
		t.Fatalf("%d report pages read, want 2", n)
	}
	// With room for every page, the same report proves the absence.
	p, fake = under(t, readings[0], nil)
	ws = manyWitnesses(t, p, 250)
	u = uncertain(t, p, fake, 1, "+905320000001", false)
	if got := one(t, p, 1, append(ws, u)...); got.Status != notify.StatusAbsent {
		t.Fatalf("report %v %q, want absent", got.Status, got.Why)
	}
}

// TestBatchRecordedInPart: a crash recorded one message of a batch as sent
// with its jobid and left the other uncertain. The row of that job to the
// uncertain number is ours for sure, whatever the report does with appname;
// the recorded message's own row is never taken for it, even to the same
// number (a customer with two invoices in one batch).
func TestBatchRecordedInPart(t *testing.T) {
	for _, sameNumber := range []bool{false, true} {
		for _, r := range readings {
			t.Run(fmt.Sprintf("%s, same number %v", r.name, sameNumber), func(t *testing.T) {
				p, _ := under(t, r, nil)
				to := "+905320000002"
				if sameNumber {
					to = "+905320000001"
				}
				ms := []notify.Message{msg(to, "a"), msg("+905320000001", "b")}
				res, errs := p.SendBatch(context.Background(), ms)
				if errs[0] != nil || errs[1] != nil || res[0].ProviderID != res[1].ProviderID {
					t.Fatalf("SendBatch = %+v, %v", res, errs)
				}
				recorded := notify.Sent{ID: 2, ProviderID: res[0].ProviderID, To: to, At: time.Now()}
				w := recorded
				w.Witness = true
				u := notify.Sent{ID: 1, To: "+905320000001", At: time.Now()}
				got := one(t, p, 1, u, recorded, w)
				if r.date == netgsmtest.DateSearchNoRecords {
					wantUnproven(t, got, netgsm.ReasonWitnessMissing)
					return
				}
				if got.Status != notify.StatusPending || got.ProviderID != res[0].ProviderID {
					t.Fatalf("report %+v, want found as job %s", got, res[0].ProviderID)
				}
			})
		}
	}
}

// TestKnownSendsFromTheDateSearch: after a crash the search by date already
// lists our known sends of its window; they are answered from it, not with
// queries of their own (NetGSM allows 10 a minute). Where the date search
// lists nothing, they are asked for by jobid as ever.
func TestKnownSendsFromTheDateSearch(t *testing.T) {
	for _, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			p, fake := under(t, r, nil)
			w := witness(t, p, 2, "+905320000002")
			known := w
			known.ID, known.Witness = 3, false
			u := uncertain(t, p, fake, 1, "+905320000001", false)
			fake.SetStatus("5320000002", 1, 0)
			before := reportQueries(fake)
			reps, err := p.Reports(context.Background(), []notify.Sent{u, known, w})
			if err != nil {
				t.Fatal(err)
			}
			var got []notify.Report
			for _, rep := range reps {
				if rep.ID == 3 {
					got = append(got, rep)
				}
			}
			if len(got) != 1 || got[0].Status != notify.StatusDelivered {
				t.Fatalf("reports on the known send: %+v, want one, delivered", got)
			}
			queries := reportQueries(fake) - before
			want := 1 // the date search alone
			if r.date == netgsmtest.DateSearchNoRecords {
				want = 2 // the date search, then the jobid query
			}
			if queries != want {
				t.Errorf("%d report queries, want %d", queries, want)
			}
		})
	}
}

func reportQueries(fake *netgsmtest.Server) int {
	n := 0
	for _, q := range fake.Requests() {
		if q.Path == "/sms/rest/v2/report" {
			n++
		}
	}
	return n
}
