package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// init's requests to the provider, the account check and the test SMS to
// the owner's phone, are in the audit of the outbox the service will use:
// the one in the state folder the written config names, wherever that is
// (beside the config, another folder given with --state-dir, or the folder
// of a service that ran before, whose rows stay). The test message's row
// is masked and keeps the number's keyed hash: forget erases it.
func TestInitRecordsItsRequestsInTheServicesOutbox(t *testing.T) {
	f := newInitFixture(t)
	stdin := answers("firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
		"netgsm", f.fake.User, f.fake.Password, "MAGAZA", "h", "h", "0532 111 22 33", "e", "e", "e", "e", "yok",
		"yonetici-parola-1", "", "h")
	earlier := outbox.AuditEntry{At: time.Now().Add(-time.Hour), Host: "api.netgsm.com.tr", Channel: "sms", Outcome: "http 200"}
	for _, tc := range []struct {
		name string
		// state is the folder the config should name, relative to the
		// case's folder; flag gives it to init with --state-dir.
		state string
		flag  bool
		// ran: a service used the folder before, its outbox holding a row.
		ran bool
	}{
		{name: "beside the config", state: "state"},
		{name: "another folder", state: "veri", flag: true},
		{name: "the folder of a service that ran", state: "eski-durum", flag: true, ran: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(f.dir, strings.ReplaceAll(tc.name, " ", "-"))
			cfgPath := filepath.Join(dir, "config.yaml")
			state := filepath.Join(dir, tc.state)
			args := []string{"init", "--config", cfgPath, "--company", "1", "--netgsm-url", f.fake.URL(), "--ca-file", f.caFile}
			if tc.flag {
				args = append(args, "--state-dir", state)
			}
			if tc.ran {
				s := mustOpenOutbox(t, filepath.Join(state, "outbox.db"))
				if err := s.RecordAudit(context.Background(), earlier); err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			sent := len(f.fake.Messages())
			start := time.Now()
			code, out := runInit(t, stdin, args...)
			if code != exitOK {
				t.Fatalf("init exit %d:\n%s", code, out)
			}
			if strings.Contains(out, "audit") {
				t.Errorf("init says something of the audit:\n%s", out)
			}
			if n := len(f.fake.Messages()) - sent; n != 1 {
				t.Fatalf("NetGSM got %d message(s), want the test SMS", n)
			}
			cfg, err := config.Load(cfgPath, config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(cfg.StateDir) != state {
				t.Fatalf("the written config's state folder is %s, want %s", cfg.StateDir, state)
			}
			if tc.state != "state" {
				if _, err := os.Stat(filepath.Join(dir, "state")); !os.IsNotExist(err) {
					t.Errorf("init made a state folder beside the config too (%v)", err)
				}
			}
			// What the outbox in that folder holds, read as it is.
			ro, err := outbox.OpenReadOnly(context.Background(), filepath.Join(state, "outbox.db"))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := ro.Audit(context.Background(), time.Time{}, 100)
			ro.Close()
			if err != nil {
				t.Fatal(err)
			}
			if tc.ran {
				if len(rows) == 0 || rows[0].Host != earlier.Host {
					t.Fatalf("the earlier service's row is gone: %+v", rows)
				}
				rows = rows[1:]
			}
			if len(rows) != 2 {
				t.Fatalf("the outbox's audit after init: %+v, want the check and the test SMS", rows)
			}
			check, test := rows[0], rows[1]
			if check.Host != "127.0.0.1" || check.Channel != "sms" || check.Recipient != "" || check.Outcome != "http 200" || check.At.Before(start.Add(-time.Second)) {
				t.Errorf("the account check's row: %+v", check)
			}
			if test.Host != "127.0.0.1" || test.Channel != "sms" || test.Recipient != "+90532*****33" || test.Outcome != "http 200" || test.BytesOut == 0 {
				t.Errorf("the test SMS's row: %+v", test)
			}

			// audit lists them for the written config, and forget finds
			// the test message's by the number.
			if got := auditRowsTo(auditRows(t, cfgPath), "+90532*****33"); len(got) != 1 {
				t.Fatalf("audit --config %s lists %+v for the owner's phone", cfgPath, got)
			}
			if code, out, errOut := runCLI(t, "forget", "0532 111 22 33", "--config", cfgPath); code != exitOK {
				t.Fatalf("forget: exit %d\n%s%s", code, out, errOut)
			}
			want := 1 // the account check's row
			if tc.ran {
				want++
			}
			if left := auditRows(t, cfgPath); len(auditRowsTo(left, "+90532*****33")) != 0 || len(left) != want {
				t.Errorf("after forget the audit lists %+v, want %d row(s) and none to the owner", left, want)
			}
		})
	}
}
