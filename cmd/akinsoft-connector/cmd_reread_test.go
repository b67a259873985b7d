package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
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

// The dealer corrected several customers' numbers in Wolvox and reads every
// skipped message again with one command: --dry-run lists them and changes
// nothing, --problem narrows to one group, and the summary counts what was
// queued, what stays skipped and why, and what was refused and why; a
// refusal fails the command, as in the form with IDs: with 2, as the
// record no longer making the message is the message's own. Wrong uses are
// told what to write instead.
func TestMessagesRereadSkipped(t *testing.T) {
	cfg := demoConfigFile(t, demoConfig("Fatura"))
	dir := filepath.Dir(cfg)
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: %d\n%s\n%s", code, out, errOut)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"12", "--skipped"}, "give message IDs or --skipped, not both"},
		{[]string{"12", "--problem", "no_mobile"}, "give message IDs or --skipped, not both"},
		{[]string{"--job", "new-invoices"}, "--job, --channel, --problem and --dry-run go with --skipped only"},
		{[]string{}, "or --skipped for every skipped and failed message"},
		{[]string{"--skipped", "--problem", "nope"}, `--problem "nope": not a kind of problem; use one of no_mobile, landline, bad_phone`},
		{[]string{"--skipped", "--job", "nope"}, `--job "nope": the config has no job of this name; its jobs: new-invoices`},
		{[]string{"--skipped", "--channel", "smss"}, `--channel "smss": the config has no channel of this name; its channels: sms`},
	} {
		code, out, errOut := runEN(t, append([]string{"messages", "reread", "--config", cfg}, tc.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("reread %q: %d, stderr %q, want %d and %q (stdout %q)", tc.args, code, errOut, exitUsage, tc.want, out)
		}
	}

	code, out, errOut := runEN(t, "messages", "reread", "--skipped", "--dry-run", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "5 message(s) would be read again") || !strings.Contains(out, "2024-108") || !strings.Contains(out, "2024-117") {
		t.Errorf("dry run: %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runEN(t, "messages", "reread", "--skipped", "--dry-run", "--problem", "landline", "--channel", "sms", "--config", cfg); code != exitOK ||
		!strings.Contains(out, "1 message(s) would be read again") || !strings.Contains(out, "2024-106") || strings.Contains(out, "2024-108") {
		t.Errorf("dry run of one group:\n%s", out)
	}
	if code, out, _ := runEN(t, "messages", "reread", "--skipped", "--dry-run", "--problem", "bad_email", "--config", cfg); code != exitOK || !strings.Contains(out, "no messages to read again") {
		t.Errorf("dry run of a group without any: %d\n%s", code, out)
	}

	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
		`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 12`,
		`UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 107`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}

	code, out, errOut = runEN(t, "messages", "reread", "--skipped", "--problem", "bad_phone", "--config", cfg)
	for _, want := range []string{"2 message(s) read again from Wolvox:", "1 queued with today's details", "1 not read again (each one above):", "1: the record no longer makes the message"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary of one group lacks %q:\n%s", want, out)
		}
	}
	if code != exitUsage || !strings.Contains(errOut, "1 of 2 message(s) could not be read again") || !strings.Contains(errOut, "job new-invoices found no record with key 107") {
		t.Errorf("a refusal does not fail the command with %d: %d\n%s", exitUsage, code, errOut)
	}

	code, out, errOut = runEN(t, "messages", "reread", "--skipped", "--config", cfg)
	for _, want := range []string{"4 message(s) read again from Wolvox:", "1 queued with today's details", "2 still cannot be sent and stay skipped:",
		"A landline number (1)", "1: the record no longer makes the message"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary of all lacks %q:\n%s", want, out)
		}
	}
	if code != exitUsage {
		t.Errorf("the cancelled invoice's refusal does not fail the command with %d: %d\n%s", exitUsage, code, errOut)
	}
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK || !strings.Contains(out, "+90532*****77") || !strings.Contains(out, "+90533*****44") {
		t.Fatalf("the run after the re-read did not send both: %d\n%s\n%s", code, out, errOut)
	}
}

// A bulk re-read's refusals exit as the form with IDs does: 2 when each is
// the message's own (a job the config no longer has: the same command is
// refused again until the config changes), 1 when the Wolvox database
// could not be read (the next try, once it is mended, may pass). The form
// with an ID says the same of the job.
func TestMessagesRereadSkippedExitCodes(t *testing.T) {
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
	if len(skipped) != 5 {
		t.Fatalf("%d skipped, want the demo's 5: %v", len(skipped), skipped)
	}
	id := strconv.FormatInt(skipped[0].ID, 10)

	// The job renamed: its messages' job is no longer in the config.
	body := mustReadFile(t, cfg)
	renamed := strings.Replace(string(body), "name: new-invoices", "name: faturalar", 1)
	if err := os.WriteFile(cfg, []byte(renamed), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runEN(t, "messages", "reread", "--skipped", "--config", cfg)
	if code != exitUsage || !strings.Contains(out, "5: its job is no longer in the config") || !strings.Contains(errOut, "5 of 5 message(s) could not be read again") {
		t.Errorf("reread --skipped, the job gone: exit %d, want %d:\n%s%s", code, exitUsage, out, errOut)
	}
	if code, out, errOut := runEN(t, "messages", "reread", id, "--config", cfg); code != exitUsage || !strings.Contains(errOut, "1 of 1 message(s) could not be read again") {
		t.Errorf("reread %s, the job gone: exit %d, want %d:\n%s%s", id, code, exitUsage, out, errOut)
	}

	// The job back, its database unreadable: a runtime failure.
	if err := os.WriteFile(cfg, body, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "demo.db"), []byte(strings.Repeat("not a database ", 10)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runEN(t, "messages", "reread", "--skipped", "--config", cfg)
	if code != exitFailure || !strings.Contains(out, "5: the Wolvox database could not be read") || !strings.Contains(errOut, "5 of 5 message(s) could not be read again") {
		t.Errorf("reread --skipped, the database unreadable: exit %d, want %d:\n%s%s", code, exitFailure, out, errOut)
	}
	if code, out, errOut := runEN(t, "messages", "reread", id, "--config", cfg); code != exitFailure {
		t.Errorf("reread %s, the database unreadable: exit %d, want %d:\n%s%s", id, code, exitFailure, out, errOut)
	}
}

// The summary is Turkish by default.
func TestMessagesRereadSkippedInTurkish(t *testing.T) {
	cfg := demoConfigFile(t, strings.Replace(demoConfig("Fatura"), "language: en", "language: tr", 1))
	if code, out, errOut := runCLI(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, "messages", "reread", "--skipped", "--problem", "landline", "--config", cfg)
	for _, want := range []string{"1 mesajın kaydı Wolvox'tan yeniden okundu:", "0 mesaj bugünkü bilgilerle gönderilmek üzere kuyrukta", "1 mesaj hâlâ gönderilemiyor, atlanmış kaldı:", "1 mesaj: numara sabit hat"} {
		if !strings.Contains(out, want) {
			t.Errorf("the Turkish summary lacks %q: %d\n%s%s", want, code, out, errOut)
		}
	}
	if code != exitOK {
		t.Errorf("no refusal, yet exit %d:\n%s", code, errOut)
	}
}

// Both READMEs name every kind --problem takes, so a new group of problems
// cannot be left out of them.
func TestReadmesListEveryRereadKind(t *testing.T) {
	for _, f := range []string{"../../README.md", "../../README.tr.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range status.RereadKinds() {
			if !strings.Contains(string(b), "`"+k+"`") {
				t.Errorf("%s does not list --problem %s", f, k)
			}
		}
	}
}
