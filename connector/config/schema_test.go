package config

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles Schema() with a real JSON Schema 2020-12 validator.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// yamlValue reads a YAML file as the JSON value an editor's YAML language
// server validates.
func yamlValue(t *testing.T, text []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(text, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSchemaValidatesTheExampleConfigs(t *testing.T) {
	s := compileSchema(t)
	for _, f := range append([]string{"testdata/good.yaml"}, examples...) {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlValue(t, text)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// What the loader refuses for its shape or a value's format, the schema
// refuses too; what it accepts, the schema accepts.
func TestSchemaRefusesWhatTheLoaderRefuses(t *testing.T) {
	s := compileSchema(t)
	base, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to string
		valid          bool
	}{
		{"unknown top-level key", "timezone:", "timezon:", false},
		{"unknown key in a job", "    schedule:", "    schedul:", false},
		{"bad rate", "rate: 10/s", "rate: 10/d", false},
		{"bad duration", "retention: 90d", "retention: 90 days", false},
		{"bad time of day", `start: "21:00"`, `start: "25:00"`, false},
		{"plain password", "password: ${secret:wolvox_db}", "password: hunter2", false},
		{"wrong provider for the channel", "provider: netgsm ", "provider: smtp ", false},
		{"bad mode", "preset: new_invoices", "preset: new_invoices\n    mode: sometimes", false},
		{"other spelling of a good rate", "rate: 10/s", "rate: 600/m", true},
		{"days and hours", "retention: 90d", "retention: 7d12h", true},
		{"low_credit, one number", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: 50\n    netgsm:", true},
		{"low_credit by unit", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: {TL: 50, packages: 500, sms: 0}\n    netgsm:", true},
		{"low_credit negative", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: -1\n    netgsm:", false},
		{"low_credit by unit, negative", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: {TL: -1}\n    netgsm:", false},
		{"low_credit by an unknown unit", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: {tl: 50}\n    netgsm:", false},
		{"low_credit not a number", "    rate: 10/s\n    netgsm:", "    rate: 10/s\n    low_credit: {TL: yüz}\n    netgsm:", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(base, []byte(tc.from)) {
				t.Fatalf("config.example.yaml has no %q", tc.from)
			}
			text := bytes.Replace(base, []byte(tc.from), []byte(tc.to), 1)
			_, loadErr := Parse("good.yaml", text, Options{})
			err := s.Validate(yamlValue(t, text))
			if tc.valid != (err == nil) || tc.valid != (loadErr == nil) {
				t.Errorf("schema: %v; loader: %v; want valid=%v", err, loadErr, tc.valid)
			}
		})
	}
}

// The file beside config.example.yaml, which its first line names, and the
// copy the binary carries (`config schema`) are the schema of the Config
// types: `go test ./connector/config -update` rewrites both.
func TestSchemaFileIsCurrent(t *testing.T) {
	want := generateSchema()
	for _, path := range []string{filepath.Join("..", "..", "config.schema.json"), "config.schema.json"} {
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the schema of the Config types: run go test ./connector/config -update", path)
		}
	}
	if !bytes.Equal(Schema(), want) {
		t.Error("the binary's schema is not the schema of the Config types: run go test ./connector/config -update")
	}
	for _, f := range examples {
		example, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(string(example), "\n"); first != "# yaml-language-server: $schema=config.schema.json" {
			t.Errorf("%s starts with %q, not the line that points editors at the schema", f, first)
		}
	}
}
