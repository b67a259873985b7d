package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// check and run read the config with the same parser, so every file check
// refuses, run refuses too, with the same first problem and the same exit
// code: neither can let through what the other would fail on.
func TestCheckAndRunRefuseTheSameConfigs(t *testing.T) {
	files, err := filepath.Glob("../../connector/config/testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad configs: %v", err)
	}
	for _, f := range files {
		golden, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".err")
		if err != nil {
			t.Fatal(err)
		}
		// The golden names the file from the config package's folder; its
		// position and field are what every command must name (the text
		// after them may depend on the machine, such as a missing vault).
		first, _, _ := strings.Cut(string(golden), "\n")
		first = strings.TrimPrefix(first, "testdata/bad/")
		if i := strings.Index(first, ": "); i >= 0 {
			if j := strings.Index(first[i+2:], ": "); j >= 0 {
				first = first[:i+2+j]
			}
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Setenv("AC_TEST_DB_PASSWORD", "canary-Zx81")
			var problem string // check's first line, which run must say too
			for _, args := range [][]string{{"check", "--offline"}, {"run"}, {"run", "--once"}} {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				var out, errb bytes.Buffer
				code := run(ctx, append(args, "--lang", "en", "--config", f), &out, &errb)
				cancel()
				if code != exitConfig {
					t.Errorf("%s: exit %d, want %d (config refused)\n%s%s", strings.Join(args, " "), code, exitConfig, out.String(), errb.String())
					continue
				}
				said := out.String() + errb.String()
				if !strings.Contains(said, first) {
					t.Errorf("%s does not say %q:\n%s", strings.Join(args, " "), first, said)
				}
				line := said[strings.Index(said, first):]
				line, _, _ = strings.Cut(line, "\n")
				if problem == "" {
					problem = line
				} else if line != problem {
					t.Errorf("%s says\n\t%s\ncheck said\n\t%s", strings.Join(args, " "), line, problem)
				}
			}
		})
	}
}
