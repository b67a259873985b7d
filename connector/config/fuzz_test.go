package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: whatever bytes arrive, loading never panics, and a failure is
// always a positioned Errors value that IT staff can act on.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	files = append(files, "testdata/good.yaml", "../../config.example.yaml", "../../config.example.en.yaml")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data, Options{})
		if err == nil {
			if cfg == nil {
				t.Fatal("nil config without error")
			}
			_ = cfg.ResolveSecrets(mapStore{})
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error is not a positioned Errors value: %T %v", err, err)
		}
		for _, e := range errs {
			if e.Line < 1 || e.Col < 1 || e.Msg.IsZero() {
				t.Fatalf("error without position or message: %#v", e)
			}
		}
	})
}
