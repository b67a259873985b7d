package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// depthOf is the nesting checkShape measures.
func depthOf(data string) int {
	s := shapeScanner{data: data}
	s.scan()
	return s.deepest
}

func nodesOf(data string) int {
	s := shapeScanner{data: data}
	s.scan()
	return s.nodes
}

// The configs people write stay far below the limits: their depth is
// measured, and the limit leaves room above the deepest.
func TestRealConfigsAreShallow(t *testing.T) {
	files, _ := filepath.Glob("../../*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	demo, _ := filepath.Glob("../demo/*.yaml")
	files = append(append(append(files, more...), bad...), demo...)
	if len(files) < 10 {
		t.Fatalf("found only %d configs", len(files))
	}
	deepest, largest, most := 0, 0, 0
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "nested-") {
			continue // the broken config made to be too deep
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := depthOf(string(b))
		if d > deepest {
			deepest = d
		}
		largest = max(largest, len(b))
		most = max(most, nodesOf(string(b)))
		if d >= MaxConfigDepth/4 {
			t.Errorf("%s: depth %d", f, d)
		}
	}
	if most >= MaxConfigNodes/10 {
		t.Errorf("a config with %d nodes", most)
	}
	t.Logf("%d configs: deepest %d (limit %d), largest %d bytes (limit %d), most nodes %d (limit %d)",
		len(files), deepest, MaxConfigDepth, largest, MaxConfigBytes, most, MaxConfigNodes)
}

func TestDepthIsMeasuredAsYAMLNests(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want int
	}{
		{"a: 1\nb: 2\n", 1},
		{"a:\n  b:\n    c: 1\n", 3},
		{"a:\n- 1\n- 2\nb: 3\n", 2},
		{"a:\n- b:\n  - c:\n    - d: 1\n", 7},
		{"- - - - x\n", 4},
		{"a: [1, [2, [3]]]\n", 4},
		{"a: {b: {c: [1]}}\n", 4},
		{"a: [1,\n  [2,\n   [3]]]\nb: 1\n", 4},
		{`"a":` + "\n" + ` "b":` + "\n" + `  "c": 1` + "\n", 3},
		// Text is not structure: templates, quotes, comments, block scalars.
		{"text: \"{{if .A}}[[[{{end}}\"\n", 1},
		{"text: Merhaba :-[ {{.ADI}} [[[[\n", 1},
		{"text: 'it''s [[['\n", 1},
		{"a: 1 # [[[[[[\n", 1},
		{"text: |\n  [[[[[[\n  {{{{{{\n  - - - - -\nb: 1\n", 1},
		{"m:\n  text: >-\n    [[[[\n    - - - -\n  b: 1\n", 2},
		{"text: \"multi\n  line [[[[\n  \"\nb: [1]\n", 2},
	} {
		if got := depthOf(tc.yaml); got != tc.want {
			t.Errorf("%q: depth %d, want %d", tc.yaml, got, tc.want)
		}
	}
}

// hostile are the files of the issue, and their variants: each must be
// refused before the parser runs.
func hostile() map[string]string {
	var block strings.Builder
	for i := range 2000 {
		block.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	var seqUnderKey strings.Builder
	for i := range 400 {
		seqUnderKey.WriteString(strings.Repeat("  ", i) + "- a:\n")
	}
	var quotedKeys strings.Builder
	for i := range 2000 {
		quotedKeys.WriteString(strings.Repeat(" ", i) + "\"a\":\n")
	}
	return map[string]string{
		"200 KB of [":         "jobs: " + strings.Repeat("[", 200<<10),
		"60 KB of [":          "jobs: " + strings.Repeat("[", 60<<10),
		"60 KB of [ and ]":    "jobs: " + strings.Repeat("[", 30<<10) + strings.Repeat("]", 30<<10),
		"60 KB of {a:":        "jobs: " + strings.Repeat("{a: ", 15<<10),
		"flow over lines":     "jobs:\n" + strings.Repeat(" [\n", 20<<10),
		"compact sequences":   strings.Repeat("- ", 30<<10) + "x\n",
		"block indentation":   block.String(),
		"sequence under keys": seqUnderKey.String(),
		"quoted keys":         quotedKeys.String(),
		"too large":           "# " + strings.Repeat("x", MaxConfigBytes) + "\n",
		"many empty lists":    "jobs: [" + strings.Repeat("[],", 100<<10) + "]\n",
		"many entries":        "jobs:\n" + strings.Repeat("  - a\n", 60<<10),
		"many jobs":           "jobs:\n" + strings.Repeat("  - name: a\n    preset: new_invoices\n", 10<<10),
	}
}

// The hostile files are refused, fast and in little memory: the bytes the
// whole Parse allocates stay within a small multiple of the file's size
// (it used to be gigabytes).
func TestHostileConfigsAreRefusedBeforeParsing(t *testing.T) {
	for name, data := range hostile() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Parse("x.yaml", []byte(data), Options{})
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "more than") {
			t.Errorf("%s: %v", name, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*len(data))+1<<20 {
			t.Errorf("%s (%d KB): Parse allocated %d KB", name, len(data)>>10, alloc>>10)
		}
	}
}

// Whatever passes the limits costs the parser little: the worst shapes just
// under them (the most nodes, the deepest nesting, the largest file)
// allocate tens of MB in all, so parsing a reload needs no memory limit of
// its own.
func TestParseWithinLimitsIsBounded(t *testing.T) {
	n := MaxConfigNodes - 10
	for name, data := range map[string]string{
		"empty lists":  "jobs: [" + strings.Repeat("[],", n/2-2) + "]\n",
		"entries":      "jobs:\n" + strings.Repeat("  - a\n", n/2-2),
		"long values":  "jobs:\n" + strings.Repeat("  - name: "+strings.Repeat("x", 90)+"\n", n/3-2),
		"one template": "jobs:\n  - name: \"" + strings.Repeat("x{{[", (MaxConfigBytes-100)/4) + "\"\n",
		"jobs":         "jobs:\n" + strings.Repeat("  - name: a\n    preset: new_invoices\n", n/5-2),
		"deep":         "jobs:\n" + strings.Repeat("  - "+strings.Repeat("[", MaxConfigDepth-2)+strings.Repeat("]", MaxConfigDepth-2)+"\n", n/(MaxConfigDepth-1)-2),
	} {
		if e := checkShape("x.yaml", []byte(data)); e != nil {
			t.Fatalf("%s: refused by the limits: %v", name, e)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		Parse("x.yaml", []byte(data), Options{})
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 128<<20 {
			t.Errorf("%s (%d KB): Parse allocated %d MB", name, len(data)>>10, alloc>>20)
		}
	}
}
