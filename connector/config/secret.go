package config

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Secret holds a credential. In the file it is a reference, ${secret:NAME}
// (from the vault) or ${env:NAME}; plain values are refused so that no
// password sits in a file that gets copied around. Printing, marshalling or
// logging a Secret never shows the value.
type Secret string

// Reveal returns the value for the one place that needs it (a driver or a
// provider client).
func (s Secret) Reveal() string { return string(s) }

// String hides the value from fmt and log/slog.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[REDACTED]"
}

// GoString hides the value from %#v.
func (s Secret) GoString() string { return `config.Secret("[REDACTED]")` }

// MarshalYAML and MarshalJSON keep the value out of any re-encoded config.
func (s Secret) MarshalYAML() (any, error)    { return s.String(), nil }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// SecretStore is where ${secret:NAME} values come from (the vault).
type SecretStore interface {
	Get(name string) (string, error)
}

var refPattern = regexp.MustCompile(`^\$\{(secret|env):([A-Za-z0-9_.-]+)\}$`)

// secretField is a Secret in the config with its YAML path.
type secretField struct {
	path string
	ptr  *Secret
}

// secretFields finds every Secret in the config by reflection, so a new
// provider's secret can never be forgotten by the resolver.
func secretFields(v reflect.Value, path string, out *[]secretField) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			secretFields(v.Elem(), path, out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(Secret("")) {
			return
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			fv := v.Field(i)
			if fv.Type() == reflect.TypeOf(Secret("")) {
				*out = append(*out, secretField{path: p, ptr: fv.Addr().Interface().(*Secret)})
				continue
			}
			secretFields(fv, p, out)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			secretFields(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
}

// checkSecretRefs makes sure every Secret is a reference, not a pasted value.
func (c *Config) checkSecretRefs(p *problems) {
	var fields []secretField
	secretFields(reflect.ValueOf(c).Elem(), "", &fields)
	for _, f := range fields {
		if *f.ptr == "" {
			continue
		}
		if !refPattern.MatchString(string(*f.ptr)) {
			// Do not echo the value: it is probably a real password.
			p.add(f.path, say("config.secret_plain"), say("config.hint.secret_plain"))
		}
	}
}

// ResolveSecrets replaces every ${secret:NAME} / ${env:NAME} with its value.
// Every missing secret is reported by name (never by value) with its position.
func (c *Config) ResolveSecrets(store SecretStore) error {
	var fields []secretField
	secretFields(reflect.ValueOf(c).Elem(), "", &fields)
	p := &problems{file: c.file, pos: c.positions}
	for _, f := range fields {
		m := refPattern.FindStringSubmatch(string(*f.ptr))
		if m == nil {
			continue
		}
		kind, name := m[1], m[2]
		switch kind {
		case "env":
			v, ok := os.LookupEnv(name)
			if !ok {
				p.add(f.path, say("config.env_missing", "name", name), say("config.hint.env_missing"))
				continue
			}
			*f.ptr = Secret(v)
		case "secret":
			if store == nil {
				p.add(f.path, say("config.secret_no_vault", "name", quote(name)), c.secretsSetHint(name))
				continue
			}
			v, err := store.Get(name)
			if err != nil {
				p.add(f.path, secretProblem(name, err), c.secretsSetHint(name))
				continue
			}
			*f.ptr = Secret(v)
		}
	}
	if len(p.errs) > 0 {
		return p.errs.sorted()
	}
	return nil
}

// SecretValues returns the resolved secret values, so the logger can redact
// them wherever they might appear.
func (c *Config) SecretValues() []string {
	var fields []secretField
	secretFields(reflect.ValueOf(c).Elem(), "", &fields)
	var out []string
	for _, f := range fields {
		if v := string(*f.ptr); v != "" && !refPattern.MatchString(v) {
			out = append(out, v)
		}
	}
	return out
}

// secretsSetHint is the command that stores name where this file's service
// reads it: with this file's --config, since secrets set without one writes
// into the default config's state folder.
func (c *Config) secretsSetHint(name string) catalog.Msg {
	file := c.file
	if strings.ContainsAny(file, " \t&()'") {
		file = `"` + file + `"` // as cmd.exe and a shell both take it
	}
	return say("config.hint.secrets_set", "name", name, "file", file)
}
