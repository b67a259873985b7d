package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// configSecret has the shape of config.Secret without importing the config.
type configSecret string

func (s configSecret) Reveal() string { return string(s) }

type contact struct {
	Name  string
	Phone string
}

type valuer struct{ phone string }

func (v valuer) LogValue() slog.Value { return slog.StringValue("phone " + v.phone) }

const (
	phone    = "+905321234567"
	email    = "ayse.yilmaz@example.com"
	password = "hunter2-S3cret!"
	apiKey   = "EAAG0123456789abcdef"
)

// leaks lists what must never appear in any output.
var leaks = []string{phone, "5321234567", "532 123 45 67", email, "yilmaz", password, apiKey}

func assertClean(t *testing.T, out string) {
	t.Helper()
	for _, l := range leaks {
		if strings.Contains(out, l) {
			t.Errorf("output contains %q:\n%s", l, out)
		}
	}
}

// logEverything writes the sensitive values through every path a value can
// take into a record.
func logEverything(l *slog.Logger) {
	l.Info("sending to "+phone+" and "+email+" with "+password,
		"recipient", phone,
		"email", email,
		"token", Secret(apiKey),
		"config_secret", configSecret(password),
		"err", fmt.Errorf("provider said: bad key %s for %s: %w", apiKey, phone, errors.New("401")),
		"contact", contact{Name: "Ayşe", Phone: phone},
		"valuer", valuer{phone: "0532 123 45 67"},
		"raw", []byte("key="+apiKey),
		slog.Group("req", "to", phone, slog.Group("auth", "header", "Bearer "+apiKey)),
	)
	l.With("preset", email).WithGroup("job").With("pw", password).Warn("child", "to", phone)
}

func TestHandlerHidesSecretsAndContacts(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			var inner slog.Handler = slog.NewTextHandler(&buf, nil)
			if format == "json" {
				inner = slog.NewJSONHandler(&buf, nil)
			}
			h := NewHandler(inner)
			h.RedactValues(password, apiKey)
			logEverything(slog.New(h))
			out := buf.String()
			assertClean(t, out)
			for _, want := range []string{"+90532*****67", "a***@example.com", Redacted, "0532*****67", "Ayşe"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if format == "json" {
				for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
					var m map[string]any
					if err := json.Unmarshal([]byte(line), &m); err != nil {
						t.Errorf("line %d is not JSON: %v\n%s", i+1, err, line)
					}
				}
			}
		})
	}
}

// A child logger made before the config (and so its secrets) was loaded
// must still redact values registered later.
func TestRedactValuesReachesEarlierChildLoggers(t *testing.T) {
	var buf bytes.Buffer
	h := NewHandler(slog.NewJSONHandler(&buf, nil))
	root := slog.New(h)
	child := root.With("dsn", "firebird://sysdba:"+password+"@localhost/db").WithGroup("g").With("k", "v")
	child.Info("before")
	if !strings.Contains(buf.String(), password) {
		t.Fatalf("test is broken: the secret was hidden before it was registered:\n%s", buf.String())
	}
	buf.Reset()
	if !Redact(root, password) {
		t.Fatal("Redact did not find the *Handler")
	}
	child.Info("after " + password)
	assertClean(t, buf.String())
	if got := strings.Count(buf.String(), Redacted); got != 2 {
		t.Errorf("want 2 redactions (message and attr), got %d:\n%s", got, buf.String())
	}
}

func TestRedactValuesIgnoresShortAndPrefersLongest(t *testing.T) {
	var buf bytes.Buffer
	h := NewHandler(slog.NewTextHandler(&buf, nil))
	h.RedactValues("", "ab", "abcd", "abcdefgh", "abcd")
	slog.New(h).Info("x abcdefgh y abcd z ab")
	if !strings.Contains(buf.String(), `"x [REDACTED] y [REDACTED] z ab"`) {
		t.Errorf("got %s", buf.String())
	}
}

func TestSecretTypeHiddenWithoutHandler(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "k", Secret(apiKey))
	if strings.Contains(buf.String(), apiKey) || fmt.Sprint(Secret(apiKey)) != Redacted {
		t.Errorf("Secret leaked: %s", buf.String())
	}
}

func TestHandlerKeepsLevelAndNonStringValues(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(NewHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})))
	l.Info("dropped")
	l.Warn("kept", "n", 42, "ok", true, "ids", []int{1, 2})
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	if m["msg"] != "kept" || m["n"] != float64(42) || m["ok"] != true || fmt.Sprint(m["ids"]) != "[1 2]" {
		t.Errorf("got %v", m)
	}
}

// The handler masks by field: a recipient key is masked whole, an id or a
// cursor is written as it is (an operator quotes it to the provider's
// support), and free text is masked where it holds a phone number or an
// e-mail address. Secrets are redacted in every field.
func TestHandlerMasksByField(t *testing.T) {
	tests := []struct {
		name string
		attr slog.Attr
		want any // the attribute's value in the JSON line
	}{
		{"netgsm job id", slog.String("provider_id", "1311033501"), "1311033501"},
		{"smtp message id", slog.String("provider_id", "<20261125.4711@mail.example.com>"), "<20261125.4711@mail.example.com>"},
		{"negative cursor", slog.String("from", "-2147483648"), "-2147483648"},
		{"cursor of a mobile's shape", slog.String("cursor", "5321234567"), "5321234567"},
		{"message id", slog.Int64("message", 42), float64(42)},
		{"recipient phone", slog.String("to", "+905332345678"), "+90533*****78"},
		{"recipient typed by a person", slog.String("phone", "0533 234 56 78"), "0533*****78"},
		{"recipient e-mail", slog.String("recipient", "ayse@example.com"), "a***@example.com"},
		{"recipient as a number", slog.Int64("number", 905332345678), "+90533*****78"},
		{"recipient of any shape", slog.String("to", "1311033501"), "131*****01"},
		{"channel under to", slog.String("to", "whatsapp"), "whatsapp"},
		{"wolvox column", slog.String("CEP_TEL", "05332345678"), "0533*****78"},
		{"e-mail in err", slog.Any("err", errors.New("smtp: 550 5.1.1 <ayse@example.com>: user unknown")),
			"smtp: 550 5.1.1 <a***@example.com>: user unknown"},
		{"phone in free text", slog.String("reason", "Geçersiz numara 0533 234 56 78, iş 1311033501"),
			"Geçersiz numara 0533*****78, iş 1311033501"},
		{"id in free text", slog.String("status", "accepted as 1311033501"), "accepted as 1311033501"},
		{"secret in an id field", slog.String("provider_id", "x-"+apiKey), "x-" + Redacted},
		{"secret in a recipient field", slog.String("to", password), Redacted},
		{"recipient group", slog.Group("recipient", "value", "+905332345678"), map[string]any{"value": "+90533*****78"}},
		{"recipient in a group", slog.Group("req", "to", "+905332345678", "id", "5321234567"),
			map[string]any{"to": "+90533*****78", "id": "5321234567"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := NewHandler(slog.NewJSONHandler(&buf, nil))
			h.RedactValues(password, apiKey)
			slog.New(h).Info("m", tt.attr)
			var m map[string]any
			if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
				t.Fatalf("%v: %s", err, buf.String())
			}
			if got := m[tt.attr.Key]; fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s = %#v, want %#v\n%s", tt.attr.Key, got, tt.want, buf.String())
			}
		})
	}
}

// With attributes follow the same field rules as a record's own.
func TestHandlerMasksWithAttrsByField(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(NewHandler(slog.NewTextHandler(&buf, nil)))
	l.With("provider_id", "1311033501", "to", "+905332345678").Info("sent")
	out := buf.String()
	for _, want := range []string{"provider_id=1311033501", "to=+90533*****78"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
