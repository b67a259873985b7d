package netgsm_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
)

func TestReports(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	ms := []notify.Message{msg("+905320000001", "a"), msg("+905320000002", "b"), msg("+905320000003", "c")}
	res, errs := p.SendBatch(context.Background(), ms)
	var sent []notify.Sent
	for i := range ms {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		sent = append(sent, notify.Sent{ID: int64(i + 1), ProviderID: res[i].ProviderID, To: ms[i].To, At: time.Now()})
	}
	fake.SetStatus("5320000001", 1, 0)
	fake.SetStatus("5320000002", 3, 105)
	reps, err := p.Reports(context.Background(), sent)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]notify.DeliveryStatus{1: notify.StatusDelivered, 2: notify.StatusFailed, 3: notify.StatusPending}
	if len(reps) != 3 {
		t.Fatalf("%d reports, want 3: %+v", len(reps), reps)
	}
	for _, r := range reps {
		if r.Status != want[r.ID] {
			t.Errorf("message %d: %v, want %v (%+v)", r.ID, r.Status, want[r.ID], r)
		}
	}
}

func TestReportPaging(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	ms := make([]notify.Message, 250)
	for i := range ms {
		ms[i] = msg(fmt.Sprintf("+90532%07d", i), "x")
	}
	res, _ := p.SendBatch(context.Background(), ms)
	sent := []notify.Sent{{ID: 250, ProviderID: res[249].ProviderID, To: ms[249].To, At: time.Now()}}
	fake.SetStatus(ms[249].To, 1, 0)
	before := fake.Count("/sms/rest/v2/report")
	reps, err := p.Reports(context.Background(), sent)
	if err != nil || len(reps) != 1 || reps[0].Status != notify.StatusDelivered {
		t.Fatalf("Reports = %+v, %v", reps, err)
	}
	if n := fake.Count("/sms/rest/v2/report") - before; n != 3 {
		t.Errorf("%d report pages read, want 3 (250 rows, 100 per page)", n)
	}
}

func TestReportLimit80(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	fake.ReportLimit = 1
	sent := []notify.Sent{{ID: 1, ProviderID: "1", To: "+905320000001", At: time.Now()}}
	if _, err := p.Reports(context.Background(), sent); err != nil {
		t.Fatal(err)
	}
	_, err := p.Reports(context.Background(), sent)
	if !errors.Is(err, notify.ErrRetry) || notify.AsError(err).Code != "80" {
		t.Fatalf("11th query in a minute = %v, want retry 80", err)
	}
}

func TestReportSpacing(t *testing.T) {
	p, _ := start(t, 5*time.Second, func(c *netgsm.Config) { c.ReportEvery, c.ReportBurst = 100*time.Millisecond, 5 })
	sent := []notify.Sent{{ID: 1, ProviderID: "1", To: "+905320000001", At: time.Now()}}
	start := time.Now()
	for range 7 {
		if _, err := p.Reports(context.Background(), sent); err != nil {
			t.Fatal(err)
		}
	}
	// 5 from the budget, then one per ReportEvery: never more than NetGSM's
	// 10 per minute at the default 12 s.
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Fatalf("7 queries took %v; the limiter must space those beyond the budget", d)
	}
}

func TestCheck(t *testing.T) {
	p, _ := start(t, 5*time.Second, nil)
	if _, err := p.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	p, _ = start(t, 5*time.Second, func(c *netgsm.Config) { c.MsgHeader = "BASKA" })
	if _, err := p.Check(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Fatalf("unapproved header = %v, want config", err)
	}
}
