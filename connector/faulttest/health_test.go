package faulttest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/console"
)

// smallDisk mounts a tmpfs of size bytes at dir, so that a test can fill
// it; it skips where that is not possible (not Linux, not root).
func smallDisk(t *testing.T, dir string, size string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("a small disk is a tmpfs mount here")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
}

// fillDisk writes into dir until the disk is full and returns the file.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// Down to the last bytes: a file system keeps a little back for itself.
	for {
		if _, err := f.Write(chunk[:512]); err != nil {
			break
		}
	}
	return path
}

func fetch(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// On a full disk the outbox can record nothing, so nothing is sent:
// /readyz must say so (its probe writes for real), and the job runs that
// fail to enqueue and the failed writes show on /readyz and in the metrics
// from memory, since the outbox cannot record them. Low free space is a
// warning before that.
func TestFullDiskShowsOnReadyz(t *testing.T) {
	dir := demoDir(t)
	state := filepath.Join(dir, "state")
	smallDisk(t, state, "4m")
	cfg := loadConfig(t, dir, consoleConfig)
	var out strings.Builder
	var lg logs
	d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Console: &syncWriter{w: &out}})
	runJob(t, d, "new-invoices")
	drain(t, d)
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, Metrics: d.Metrics(), AuthFile: filepath.Join(state, status.AuthFileName)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	type readyz struct {
		Ready    bool              `json:"ready"`
		Checks   map[string]string `json:"checks"`
		Warnings []string          `json:"warnings"`
	}
	read := func() (int, readyz) {
		code, body := fetch(t, ts, "/readyz")
		var r readyz
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("/readyz: %v: %s", err, body)
		}
		return code, r
	}
	// A 4 MB disk is low already: a warning, still ready.
	if code, r := read(); code != http.StatusOK || !r.Ready || !strings.HasPrefix(r.Checks["disk"], "low: ") || len(r.Warnings) == 0 {
		t.Fatalf("before the disk fills: %d %+v", code, r)
	}

	filler := fillDisk(t, state)
	addInvoices(t, dir, demo.LaterInvoices)
	if _, err := d.RunJob(context.Background(), "new-invoices"); err == nil {
		t.Fatal("a job run enqueued on a full disk")
	}
	code, r := read()
	if code != http.StatusServiceUnavailable || r.Ready || !strings.Contains(r.Checks["outbox"], "cannot be written") ||
		!strings.Contains(r.Checks["jobs"], "new-invoices") {
		t.Errorf("on a full disk /readyz says %d %+v; want 503 with the outbox and the job failing", code, r)
	}
	_, metrics := fetch(t, ts, "/metrics")
	for _, want := range []string{`akinsoft_connector_job_last_run_failed{job="new-invoices"} 1`, "akinsoft_connector_state_disk_low 1",
		"akinsoft_connector_outbox_write_failing 1"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(metrics, "akinsoft_connector_outbox_write_errors_total 0") || !strings.Contains(metrics, "akinsoft_connector_outbox_write_errors_total ") {
		t.Errorf("the failed writes are not counted:\n%s", grepLines(metrics, "write_errors"))
	}
	page := d.Health(context.Background()).Warnings("en")
	if len(page) < 3 {
		t.Errorf("the page warns of %q; want the outbox, the disk and the job", page)
	}

	// Space again: the probe passes, the job catches up.
	os.Remove(filler)
	runJob(t, d, "new-invoices")
	if code, r := read(); code != http.StatusOK || !r.Ready || r.Checks["outbox"] != "ok" || r.Checks["jobs"] != "ok" {
		t.Errorf("after freeing the disk: %d %+v", code, r)
	}
}

func grepLines(s, sub string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// freezing is the console provider that makes the state directory
// read-only while its request is on the wire: the message goes out, and
// then its outcome cannot be recorded.
type freezing struct {
	*console.Provider
	freeze func()
}

func (f freezing) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	if f.freeze != nil {
		f.freeze()
	}
	return f.Provider.Send(ctx, m)
}

// A message whose outcome could not be recorded is not left sending until
// a restart: the outcome is kept and recorded as soon as the outbox can be
// written again, and nothing new starts meanwhile.
func TestOutcomeRecordedOnceTheOutboxCanBeWritten(t *testing.T) {
	dir := demoDir(t)
	cfg := loadConfig(t, dir, strings.Replace(consoleConfig, "    rate: 1000/s\n", "    rate: 1000/s\n    in_flight: 1\n", 1))
	var out strings.Builder
	var lg logs
	state := filepath.Join(dir, "state")
	p := &freezing{Provider: console.New("sms", &syncWriter{w: &out})}
	d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Providers: map[string]notify.Provider{"sms": p}})
	runJob(t, d, "new-invoices")
	var thaw func()
	p.freeze = func() { thaw = freeze(t, state); p.freeze = nil }
	if _, err := d.Drain(context.Background()); err == nil || !strings.Contains(err.Error(), "check free disk space") {
		t.Fatalf("Drain with the outcome unrecorded: %v", err)
	}
	if got := strings.Count(out.String(), "Fatura "); got != 1 {
		t.Fatalf("%d messages went out; want the one whose outcome is kept, and nothing after it", got)
	}
	thaw()
	drain(t, d)
	st := d.Store()
	sent := 0
	for _, m := range messages(t, st, "sms") {
		switch m.Status {
		case outbox.StatusSending, outbox.StatusPending, outbox.StatusUncertain:
			t.Errorf("message %d is %s after the outbox could be written again", m.ID, m.Status)
		case outbox.StatusSent:
			sent++
		}
	}
	if got := strings.Count(out.String(), "Fatura "); got != sent || sent == 0 {
		t.Errorf("the console got %d messages, the outbox has %d sent", got, sent)
	}
	lg.want(t, "ERROR", "could not record the outcome of a request", nil)
	lg.want(t, "INFO", "outcome recorded after the outbox could be written again", nil)
}
