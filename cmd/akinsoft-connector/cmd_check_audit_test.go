package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
)

// check --providers writes each request it makes to the audit of the
// service's outbox, as send-test --check does, so that `audit` lists it:
// its host, its channel, no recipient, its sizes and outcome. It never
// makes an outbox: with none yet (no state folder, or one holding only the
// vault), or one run would refuse, it says in one line, in the reader's
// language, how many requests went unrecorded and why, and leaves the state
// folder as run will find it.
func TestCheckProvidersRecordsItsRequests(t *testing.T) {
	noOutbox := func(lang, path string) string {
		if lang == "en" {
			return "warning: 1 request(s) to the providers were not written to the audit: the outbox (" + path +
				") does not exist yet; check does not create it, the service does when it first starts"
		}
		return "uyarı: sağlayıcılara yapılan 1 istek denetim kaydına (audit) yazılmadı: giden kutusu (" + path +
			") henüz yok; check onu oluşturmaz, hizmet ilk başladığında oluşturur"
	}
	for _, tc := range []struct {
		name string
		lang string
		// before makes the state folder as the case finds it; state is
		// the folder, outbox its outbox.db.
		before func(t *testing.T, state, outboxPath string)
		code   int
		// recorded: the request is in the outbox's audit. Otherwise line
		// is the one line said of it, and the state folder is left as
		// before made it.
		recorded bool
		line     func(lang, outboxPath string) string
	}{
		{name: "the service's outbox", lang: "tr", recorded: true, code: exitOK,
			before: func(t *testing.T, _, path string) { mustOpenOutbox(t, path).Close() }},
		{name: "the service's outbox, in English", lang: "en", recorded: true, code: exitOK,
			before: func(t *testing.T, _, path string) { mustOpenOutbox(t, path).Close() }},
		{name: "no state folder yet", lang: "tr", code: exitOK, line: noOutbox,
			before: func(*testing.T, string, string) {}},
		{name: "no state folder yet, in English", lang: "en", code: exitOK, line: noOutbox,
			before: func(*testing.T, string, string) {}},
		{name: "a state folder holding only the vault", lang: "tr", code: exitOK, line: noOutbox,
			before: func(t *testing.T, state, _ string) {
				if err := os.MkdirAll(state, 0o700); err != nil {
					t.Fatal(err)
				}
				v, err := vault.Open(state)
				if err != nil {
					t.Fatal(err)
				}
				if err := v.Set("unused", "x"); err != nil {
					t.Fatal(err)
				}
			}},
		// The marker names an outbox that is gone: run refuses, and a new
		// outbox would hide why.
		{name: "the outbox was lost", lang: "tr", code: exitConfig,
			line: func(string, string) string {
				return "uyarı: sağlayıcılara yapılan 1 istek denetim kaydına (audit) yazılmadı: giden kutusu yukarıda belirtilen nedenle kullanılamıyor; check onu olduğu gibi bırakır"
			},
			before: func(t *testing.T, state, path string) {
				s := mustOpenOutbox(t, path)
				id, err := s.Identity(context.Background())
				s.Close()
				if err != nil {
					t.Fatal(err)
				}
				if err := vault.WriteMarker(state, vault.Marker{Outbox: id.ID, Seq: id.Seq, Updated: time.Now().UTC()}); err != nil {
					t.Fatal(err)
				}
				for _, f := range []string{path, path + "-wal", path + "-shm"} {
					os.Remove(f)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, fake := sendTestNetGSM(t, sendTestNetGSMConfig)
			state := filepath.Join(filepath.Dir(cfg), "state")
			path := filepath.Join(state, "outbox.db")
			tc.before(t, state, path)
			was := folderFiles(t, state)
			start := time.Now()
			code, out, errOut := runCLI(t, "--lang", tc.lang, "check", "--providers", "--offline", "--config", cfg)
			if code != tc.code {
				t.Fatalf("check --providers: exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out, "(netgsm): ") {
				t.Fatalf("check did not ask NetGSM:\n%s", out)
			}
			if len(fake.Messages()) != 0 {
				t.Errorf("check sent %+v", fake.Messages())
			}
			if !tc.recorded {
				if want := tc.line(tc.lang, path); !strings.Contains(out, want+"\n") {
					t.Errorf("check's output lacks the line\n%s\n%s", want, out)
				}
				if now := folderFiles(t, state); !slices.Equal(now, was) {
					t.Errorf("check changed the state folder from %q to %q", was, now)
				}
				return
			}
			if strings.Contains(out, "audit") {
				t.Errorf("check says something of the audit:\n%s", out)
			}
			rows := auditRows(t, cfg)
			if len(rows) != 1 {
				t.Fatalf("audit after check --providers: %+v, want its one request", rows)
			}
			// A GET of the approved headers: nothing goes out but the
			// request's head, which the audit does not count.
			if r := rows[0]; r.Host != "127.0.0.1" || r.Channel != "sms" || r.Recipient != "" || r.Outcome != "http 200" ||
				r.BytesIn == 0 || r.Time.Before(start.Add(-time.Second)) {
				t.Errorf("check's audit row: %+v", r)
			}
		})
	}
}

// Beside the running service, which holds the outbox open: check
// --providers writes its request to the same outbox, the service goes on,
// and `audit` lists the request after the service's own (its balance check
// at start; replies are off, so that it makes no other).
func TestCheckProvidersBesideTheRunningService(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("drives the binary with signals")
	}
	cfg, fake := sendTestNetGSM(t, `language: en # the assertions read the service's English log
state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
replies: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    ca_file: CA_FILE
    netgsm: {url: "URL", usercode: "USER", password: "${env:AC_TEST_SENDTEST_NETGSM}", msgheader: MAGAZA}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`)
	body, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := startDaemon(t, string(body), withDir(filepath.Dir(cfg)))
	p.waitFor("two job runs", func() bool { return strings.Count(p.err.String(), "job ran") >= 2 })
	for i := 1; i <= 2; i++ {
		before := auditRows(t, cfg)
		if code, out, errOut := runEN(t, "check", "--providers", "--config", cfg); code != exitOK || strings.Contains(out, "audit") {
			t.Fatalf("check --providers beside the service: exit %d\n%s%s", code, out, errOut)
		}
		rows := auditRows(t, cfg)
		if len(rows) != len(before)+1 || !slices.Equal(rows[:len(before)], before) {
			t.Fatalf("audit after check %d beside the service: %+v, was %+v", i, rows, before)
		}
		if r := rows[len(before)]; r.Host != "127.0.0.1" || r.Channel != "sms" || r.Recipient != "" || r.Outcome != "http 200" {
			t.Errorf("check %d's audit row beside the service: %+v", i, r)
		}
	}
	ran := strings.Count(p.err.String(), "job ran")
	p.waitFor("the service's next run", func() bool { return strings.Count(p.err.String(), "job ran") > ran })
	p.stop()
	if n := len(fake.Messages()); n != 0 {
		t.Errorf("NetGSM got %d message(s)", n)
	}
}

// mustOpenOutbox makes the outbox at path as the service does.
func mustOpenOutbox(t *testing.T, path string) *outbox.Store {
	t.Helper()
	s, err := outbox.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// folderFiles are the names in dir, nil when there is no dir.
func folderFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
