package logging

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

func TestNewConsoleAndFile(t *testing.T) {
	dir := filepath.Join(testdir.New(t), "logs")
	var console bytes.Buffer
	l, closer, err := New(Options{Console: &console, Dir: dir, Secrets: []string{password, apiKey}})
	if err != nil {
		t.Fatal(err)
	}
	logEverything(l)
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(dir, DefaultFileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(console.String(), "level=INFO") {
		t.Errorf("console is not slog text:\n%s", console.String())
	}
	for i, line := range strings.Split(strings.TrimSpace(string(file)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("file line %d is not JSON: %v\n%s", i+1, err, line)
		}
	}
	assertClean(t, console.String())
	assertClean(t, string(file))
}

func TestNewNeedsAnOutput(t *testing.T) {
	if _, _, err := New(Options{}); err == nil {
		t.Fatal("New without console or dir succeeded")
	}
}

func TestNewReportsUnwritableDir(t *testing.T) {
	file := filepath.Join(testdir.New(t), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := New(Options{Dir: filepath.Join(file, "logs")})
	if err == nil || !strings.Contains(err.Error(), "log.dir") {
		t.Fatalf("want an error naming log.dir, got %v", err)
	}
}

func TestFileRotatesBySize(t *testing.T) {
	dir := testdir.New(t)
	l, closer, err := New(Options{Dir: dir, MaxSizeMB: 1, MaxBackups: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	line := strings.Repeat("x", 1000)
	for i := 0; i < 1300; i++ { // ~1.3 MB of JSON lines, past the 1 MB limit
		l.Info(line, "i", i)
	}
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 2 {
		t.Fatalf("want the live file and one backup, got %v", names)
	}
	total := 0
	for _, e := range entries {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if !json.Valid(sc.Bytes()) {
				t.Errorf("%s: invalid JSON line %q", e.Name(), sc.Text())
			}
			total++
		}
		f.Close()
		if fi, _ := e.Info(); fi.Size() > 1<<20 {
			t.Errorf("%s is %d bytes, over the 1 MB limit", e.Name(), fi.Size())
		}
	}
	if total != 1300 {
		t.Errorf("want 1300 lines across the files, got %d (a rotation lost or split lines)", total)
	}
}

// A service on a UTC host writes its lines in the shop's time, as the
// command line and the status page show times, and a duration as people
// read it, in the file as on the console.
func TestLinesAreInTheShopsTimeWithReadableDurations(t *testing.T) {
	ist, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testdir.New(t), "logs")
	var console bytes.Buffer
	l, closer, err := New(Options{Console: &console, Dir: dir, Location: ist})
	if err != nil {
		t.Fatal(err)
	}
	// A time a line tells (when a send is retried) is in the shop's time
	// too: "at=…19:49:00Z" read as half an hour ago at 22:19 in Istanbul.
	l.Info("job ran", "took", 3*time.Millisecond, "at", time.Date(2026, 12, 4, 19, 49, 0, 0, time.UTC))
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(dir, DefaultFileName))
	if err != nil {
		t.Fatal(err)
	}
	var line struct {
		Time string `json:"time"`
		Took any    `json:"took"`
		At   string `json:"at"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(file), &line); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(line.Time, "+03:00") || line.Took != "3ms" || line.At != "2026-12-04T22:49:00+03:00" {
		t.Errorf("file line: time %q, took %v, at %q; want +03:00, 3ms and 2026-12-04T22:49:00+03:00", line.Time, line.Took, line.At)
	}
	if c := console.String(); !strings.Contains(c, "+03:00") || !strings.Contains(c, "took=3ms") || !strings.Contains(c, "at=2026-12-04T22:49:00.000+03:00") {
		t.Errorf("console line: %s", c)
	}
}
