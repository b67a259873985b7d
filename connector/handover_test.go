package connector

import (
	"context"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// A reload carries the page's last bulk re-read to the daemon it starts,
// so that the page goes on saying what came of it (or that the reload
// stopped it half way); a run the new daemon already has is kept.
func TestReloadCarriesTheLastBulkReread(t *testing.T) {
	dir := t.TempDir()
	cfg, err := config.Parse(dir+"/config.yaml", []byte(`
state_dir: state
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 1h"
    messages: {sms: {text: "x"}}
`), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	open := func() *Daemon {
		d, err := New(context.Background(), cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	old := open()
	if _, started := old.StartRereadAll(status.RereadFilter{Problem: "no_mobile"}); !started {
		t.Fatal("not started")
	}
	old.stopBackground() // as Run does when the reload stops it
	h := old.handOver()
	old.Close()
	want, _ := old.RereadAllRun()

	next := open()
	defer next.Close()
	next.takeOver(h)
	if got, ok := next.RereadAllRun(); !ok || got.Kind != "no_mobile" || got.Running() || !got.Ended.Equal(want.Ended) {
		t.Errorf("the new daemon's last run: %+v %v, want %+v", got, ok, want)
	}
	next.bulk.run = status.RereadRun{Kind: "bad_phone", Started: time.Now()}
	next.takeOver(h)
	if got, _ := next.RereadAllRun(); got.Kind != "bad_phone" {
		t.Errorf("a carried run replaced the new daemon's own: %+v", got)
	}
}
