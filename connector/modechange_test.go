package connector_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// A dealer changes a job's mode and keeps its name: the position the job
// saved is of the other mode and cannot be read on from. The job stops
// with a text that says so and what to do, in Turkish, and `check` (which
// reads the service's positions) says the same before the service runs.
func TestAJobsModeChangedUnderItsNameIsTold(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	const head = `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
jobs:
  - name: faturalar
    sql: SELECT BLKODU, FATURA_NO, DEGISTIRME_TARIHI, CEP_TEL FROM FATURA
    key: BLKODU
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "{{.FATURA_NO}}"}}
`
	const changed = "    mode: changed\n    timestamp: DEGISTIRME_TARIHI\n"
	for i, step := range []struct {
		name, mode, want string
	}{
		{"faturalar", "", ""},
		{"faturalar", changed, "created kipinde kaydedilmiş, görev şimdi changed kipinde: görevin mode değerini geri alın ya da göreve yeni bir ad verin"},
		{"degisen-faturalar", changed, ""},
		{"degisen-faturalar", "", "changed kipinde kaydedilmiş, görev şimdi created kipinde"},
	} {
		cfg := loadConfig(t, dir, strings.Replace(head, "name: faturalar", "name: "+step.name, 1)+step.mode)
		if step.want != "" {
			// check's way: the service's positions, read-only.
			store, err := outbox.OpenReadOnly(ctx, connector.OutboxPath(cfg))
			if err != nil {
				t.Fatal(err)
			}
			sources, err := connector.OpenSources(cfg, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			j, err := poll.Build(cfg, cfg.Jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			_, err = poll.Pending(ctx, store, sources, j, time.Now())
			store.Close()
			for _, s := range sources {
				s.Close()
			}
			var l catalog.Localized
			if !errors.As(err, &l) || !strings.Contains(l.In(catalog.TR), step.want) {
				t.Errorf("check: error %v, want a Turkish text with %q", err, step.want)
			}
		}
		d, err := connector.New(ctx, cfg, connector.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.RunJob(ctx, step.name)
		d.Close()
		if step.want == "" {
			if err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
			continue
		}
		var l catalog.Localized
		if !errors.As(err, &l) || !strings.Contains(l.In(catalog.TR), step.want) {
			t.Errorf("run %d: error %v, want a Turkish text with %q", i, err, step.want)
		}
	}
}
