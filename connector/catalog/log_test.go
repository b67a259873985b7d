package catalog

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
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
