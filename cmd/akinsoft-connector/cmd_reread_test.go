package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// A dealer adds Özlem Aydın's mobile number in Wolvox after her invoice's
// SMS was skipped without one, and reads the message again from the
// command line: it is queued to the new number and the next run sends it.
// A message that still cannot be sent says why; one already sent is
// refused, with a failing exit code.
func TestMessagesReread(t *testing.T) {
	cfg := demoConfigFile(t, demoConfig("Fatura"))
	dir := filepath.Dir(cfg)
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: %d\n%s\n%s", code, out, errOut)
	}
	ctx := context.Background()
	s, err := outbox.Open(ctx, filepath.Join(dir, "state", "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	skipped, _ := s.List(ctx, outbox.Filter{Status: outbox.StatusSkipped})
	s.Close()
	var id string
	for _, m := range skipped {
		if m.RecordKey == "108" {
			id = strconv.FormatInt(m.ID, 10)
		}
	}
	if id == "" {
		t.Fatalf("invoice 108 (no phone) was not skipped: %v", skipped)
	}

	code, out, errOut := runEN(t, "messages", "reread", id, "--config", cfg)
	if code != exitOK || !strings.Contains(out, "message "+id+": its record was read again, but it still cannot be sent: ") {
		t.Errorf("reread before the fix: %d\n%s%s", code, out, errOut)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runEN(t, "messages", "reread", id, "--config", cfg)
	if code != exitOK || !strings.Contains(out, "message "+id+": its record was read again from Wolvox and it is queued with today's details") {
		t.Fatalf("reread after the fix: %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK || !strings.Contains(out, "+90532*****77") || !strings.Contains(out, "Fatura 2024-108") {
		t.Fatalf("the run after the re-read did not send it: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runEN(t, "messages", "reread", id, "--config", cfg)
	if code == exitOK || !strings.Contains(errOut, "message "+id+": its state is ") || !strings.Contains(errOut, "1 of 1 message(s) could not be read again") {
		t.Errorf("reread of a sent message: %d\n%s%s", code, out, errOut)
	}
}
