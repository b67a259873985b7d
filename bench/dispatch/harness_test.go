// Package dispatchbench measures the real binary end to end: `run --once`
// reads invoices from an ERP database, renders the preset's Turkish SMS,
// enqueues them and sends them to the NetGSM fake on loopback, under
// /usr/bin/time -v for the wall time and the peak RSS. Not part of the
// normal tests (benchmarks run only with -bench); bench/dispatch.sh and
// bench/backfill.sh are the commands, BENCHMARKS.md has the figures.
package dispatchbench

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// Settings from the environment, so that one script measures another
// binary (the release before a change) with the same harness.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary is BENCH_BIN, or the connector built as scripts/dist.sh builds it.
func binary(b *testing.B) string {
	b.Helper()
	binOnce.Do(func() {
		if p := os.Getenv("BENCH_BIN"); p != "" {
			binPath = p
			return
		}
		dir, err := os.MkdirTemp("", "dispatchbench-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "akinsoft-connector")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", binPath, "../../cmd/akinsoft-connector")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		b.Fatal(binErr)
	}
	return binPath
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// channel is the sms channel's part of the config.
type channel struct {
	Batch    int
	InFlight int // 0: not written (a binary that does not know in_flight)
}

const configTemplate = `state_dir: STATE
quiet_hours: {disabled: true}
status: {disabled: true}
daily_cap_per_recipient: 5
log: {dir: LOGS}
sources:
SOURCE
channels:
  sms:
    provider: netgsm
    rate: 1000000/s
    batch: BATCH
INFLIGHT    ca_file: CA_FILE
    netgsm:
      url: NETGSM_URL
      usercode: "8501234567"
      password: ${env:BENCH_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: key:1000
    messages:
      sms: {}
`

// result is one run's measure.
type result struct {
	Wall   time.Duration
	CPU    time.Duration // user + system: less sensitive than the wall time to others on the machine
	MaxRSS int64         // bytes
	// PeakAnon and PeakFile split the highest RSS sampled (every 20 ms)
	// into private memory and the binary's pages mapped from the page
	// cache.
	PeakAnon, PeakFile int64
}

// runOnce runs `run --once` against a fresh state directory and a fresh
// fake, checks that every one of want invoices reached the fake exactly
// once and is sent in the outbox with a finished attempt, and returns
// what /usr/bin/time measured.
func runOnce(b *testing.B, source string, ch channel, want int, latency time.Duration) result {
	b.Helper()
	fake := netgsmtest.New()
	defer fake.Close()
	fake.SetLatency(latency)
	dir := b.TempDir()
	if keep := os.Getenv("BENCH_KEEP"); keep != "" { // to read the logs and the outbox afterwards
		dir, _ = os.MkdirTemp(keep, "run")
	}
	caFile := filepath.Join(dir, "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	inflight := ""
	if ch.InFlight > 0 {
		inflight = fmt.Sprintf("    in_flight: %d\n", ch.InFlight)
	}
	cfg := strings.NewReplacer("STATE", filepath.Join(dir, "state"), "LOGS", filepath.Join(dir, "logs"), "SOURCE", source,
		"BATCH", fmt.Sprint(ch.Batch), "INFLIGHT", inflight, "CA_FILE", caFile, "NETGSM_URL", fake.URL()).Replace(configTemplate)
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfg), 0o600)

	cmd := exec.Command("/usr/bin/time", "-v", binary(b), "run", "--once", "--config", cfgPath)
	cmd.Env = append(os.Environ(), "BENCH_NETGSM_PASSWORD="+fake.Password, "FIREBIRD_BENCH_PASSWORD="+os.Getenv("FIREBIRD_TEST_PASSWORD"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop := make(chan struct{})
	peak := make(chan [3]int64, 1)
	go func() { peak <- samplePeak(cmd.Process.Pid, stop) }()
	err := cmd.Wait()
	close(stop)
	p := <-peak
	if err != nil {
		b.Fatalf("run --once: %v\n%s\n%s", err, stdout.String(), tail(stderr.String(), 30))
	}
	r := parseTime(b, stderr.String())
	r.PeakAnon, r.PeakFile = p[1], p[2]
	if os.Getenv("BENCH_KEEP") != "" {
		os.WriteFile(filepath.Join(dir, "stdout"), stdout.Bytes(), 0o600)
		os.WriteFile(filepath.Join(dir, "stderr"), stderr.Bytes(), 0o600)
	}

	got := map[string]int{}
	for _, m := range fake.Messages() {
		got[m.Number]++
	}
	dups := 0
	for _, n := range got {
		dups += n - 1
	}
	if len(got) != want || dups != 0 {
		b.Fatalf("the fake got %d numbers (%d duplicates), want %d once each\n%s", len(got), dups, want, stdout.String())
	}
	checkOutbox(b, filepath.Join(dir, "state", "outbox.db"), want)
	return r
}

// samplePeak reads the RSS of the child of pid (the connector under
// /usr/bin/time) every 20 ms until stop, and returns the highest VmRSS
// with its RssAnon and RssFile, in bytes.
func samplePeak(pid int, stop chan struct{}) [3]int64 {
	var best [3]int64
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return best
		case <-t.C:
		}
		children, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		if err != nil {
			continue
		}
		for _, c := range strings.Fields(string(children)) {
			st, err := os.ReadFile("/proc/" + c + "/status")
			if err != nil {
				continue
			}
			var v [3]int64
			for _, line := range strings.Split(string(st), "\n") {
				f := strings.Fields(line)
				if len(f) < 2 {
					continue
				}
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				switch f[0] {
				case "VmRSS:":
					v[0] = kb * 1024
				case "RssAnon:":
					v[1] = kb * 1024
				case "RssFile:":
					v[2] = kb * 1024
				}
			}
			if v[0] > best[0] {
				best = v
			}
		}
	}
}

// checkOutbox insists on the promise the speed must not cost: every
// message sent, each with one attempt recorded as finished.
func checkOutbox(b *testing.B, path string, want int) {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var sent, other, finished int
	if err := db.QueryRow(`SELECT COALESCE(SUM(status = 'sent'), 0), COALESCE(SUM(status != 'sent'), 0) FROM messages`).Scan(&sent, &other); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM attempts WHERE finished_at IS NOT NULL AND outcome = 'sent'`).Scan(&finished); err != nil {
		b.Fatal(err)
	}
	if sent != want || other != 0 || finished != want {
		b.Fatalf("outbox: %d sent, %d in another state, %d finished attempts; want %d, 0, %d", sent, other, finished, want, want)
	}
}

// parseTime reads GNU time's -v report.
func parseTime(b *testing.B, out string) result {
	b.Helper()
	var r result
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "Elapsed (wall clock) time (h:mm:ss or m:ss): "); ok {
			r.Wall = clock(v)
		}
		for _, p := range []string{"User time (seconds): ", "System time (seconds): "} {
			if v, ok := strings.CutPrefix(line, p); ok {
				f, _ := strconv.ParseFloat(v, 64)
				r.CPU += time.Duration(f * float64(time.Second))
			}
		}
		if v, ok := strings.CutPrefix(line, "Maximum resident set size (kbytes): "); ok {
			kb, _ := strconv.ParseInt(v, 10, 64)
			r.MaxRSS = kb * 1024
		}
	}
	if r.Wall == 0 || r.MaxRSS == 0 {
		b.Fatalf("no /usr/bin/time -v report in:\n%s", tail(out, 30))
	}
	return r
}

// clock reads "1:02:03.45" or "0:07.12".
func clock(s string) time.Duration {
	var d time.Duration
	for _, part := range strings.Split(s, ":") {
		f, _ := strconv.ParseFloat(part, 64)
		d = d*60 + time.Duration(f*float64(time.Second))
	}
	return d
}

func median[T int64 | time.Duration](vs []T) T {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	return vs[len(vs)/2]
}

// report logs every run and reports the medians.
func report(b *testing.B, name string, n int, rs []result) result {
	var walls, cpus []time.Duration
	var rss, anon, file []int64
	var each []string
	mb := func(b int64) float64 { return float64(b) / (1 << 20) }
	for _, r := range rs {
		walls, cpus, rss = append(walls, r.Wall), append(cpus, r.CPU), append(rss, r.MaxRSS)
		anon, file = append(anon, r.PeakAnon), append(file, r.PeakFile)
		each = append(each, fmt.Sprintf("%.2fs/%.2fs/%.1fMB(%.1f+%.1f)", r.Wall.Seconds(), r.CPU.Seconds(), mb(r.MaxRSS), mb(r.PeakAnon), mb(r.PeakFile)))
	}
	m := result{Wall: median(walls), CPU: median(cpus), MaxRSS: median(rss), PeakAnon: median(anon), PeakFile: median(file)}
	b.Logf("%s: %d messages, %d runs [wall/cpu/maxrss(anon+file): %s]: median %.2f s wall, %.2f s CPU, %.1f MB max RSS (at the peak %.1f MB private + %.1f MB binary pages), %.0f msg/s",
		name, n, len(rs), strings.Join(each, " "), m.Wall.Seconds(), m.CPU.Seconds(), mb(m.MaxRSS), mb(m.PeakAnon), mb(m.PeakFile), float64(n)/m.Wall.Seconds())
	b.ReportMetric(m.Wall.Seconds(), "s-wall")
	b.ReportMetric(m.CPU.Seconds(), "s-cpu")
	b.ReportMetric(mb(m.MaxRSS), "MB-maxrss")
	b.ReportMetric(mb(m.PeakAnon), "MB-anon")
	b.ReportMetric(float64(n)/m.Wall.Seconds(), "msg/s")
	return m
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
