package catalog

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

func TestLoggerWritesKeysInItsLanguage(t *testing.T) {
	add(map[Key]entry{"test.log": {tr: "görev çalıştı", en: "job ran"}})
	defer delete(texts, "test.log")
	var buf bytes.Buffer
	base := slog.New(slog.NewTextHandler(&buf, nil))
	tr := TR.Logger(base).With("job", "faturalar")
	tr.Info("test.log", "rows", 3)
	tr.Info("not a key")
	EN.Logger(TR.Logger(base)).Info("test.log") // a reload to English replaces Turkish
	out := buf.String()
	for _, want := range []string{`msg="görev çalıştı" job=faturalar rows=3`, `msg="not a key"`, `msg="job ran"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "test.log") {
		t.Errorf("a key reached the log:\n%s", out)
	}
}

// An error with a text of its own is written in the log's language, in a
// message that is a key or not, and as an argument of another text.
func TestLocalizedErrorsInTheLogsLanguage(t *testing.T) {
	add(map[Key]entry{
		"test.err":  {tr: "parola en az {n} karakter olmalı", en: "the password must have at least {n} characters"},
		"test.wrap": {tr: "kaydedilemedi: {err}", en: "could not save: {err}"},
	})
	defer delete(texts, "test.err")
	defer delete(texts, "test.wrap")
	var buf bytes.Buffer
	log := TR.Logger(slog.New(slog.NewTextHandler(&buf, nil)))
	err := Errorf("test.err", "n", 10)
	log.Warn("test.wrap", "err", err)
	log.Warn("not a key", "err", err)
	out := buf.String()
	for _, want := range []string{`msg="kaydedilemedi: parola en az 10 karakter olmalı" err="parola en az 10`, `msg="not a key" err="parola en az 10`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
	if got := M("test.wrap", "err", err).In(EN); got != "could not save: the password must have at least 10 characters" {
		t.Errorf("en = %q", got)
	}
	if got := M("test.wrap", "err", err).In(TR); got != "kaydedilemedi: parola en az 10 karakter olmalı" {
		t.Errorf("tr = %q", got)
	}
}

// A provider's answer logged as an error (a delivery report, the SMS inbox
// or the balance that could not be read) is written in the log's
// language, wrapped or not, never as the program's key ("netgsm.30").
func TestProviderErrorsInTheLogsLanguage(t *testing.T) {
	auth := notify.Config("30", notify.Why("netgsm.30").WithDetail("Invalid credentials"))
	unknown := notify.Unknown(notify.Why("netgsm.no_result_code", "status", 500), nil)
	tests := []struct {
		name string
		lang Lang
		err  error
		want string
	}{
		{"credentials, tr", TR, auth, `err="sağlayıcı ayarları veya kullanıcı bilgileri reddedildi (kod 30): NetGSM kullanıcı adı/şifre hatalı`},
		{"credentials, en", EN, auth, `err="provider configuration or credentials rejected (code 30): NetGSM rejected the usercode/password`},
		{"wrapped, tr", TR, fmt.Errorf("read the report: %w", unknown), `err="read the report: sonuç bilinmiyor: NetGSM sonuç kodu olmadan HTTP 500 ile cevap verdi"`},
		{"wrapped, en", EN, fmt.Errorf("read the report: %w", unknown), `err="read the report: outcome unknown: NetGSM answered HTTP 500 without a result code"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.lang.Logger(slog.New(slog.NewTextHandler(&buf, nil))).Warn("log.dispatch.reports_unreadable", "channel", "sms", "err", tt.err)
			out := buf.String()
			if !strings.Contains(out, tt.want) {
				t.Errorf("log lacks %s:\n%s", tt.want, out)
			}
			if strings.Contains(out, "netgsm.") {
				t.Errorf("a reason key reached the log:\n%s", out)
			}
		})
	}
}
