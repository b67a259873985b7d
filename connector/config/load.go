package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Options change how a config is loaded.
type Options struct {
	// DefaultStateDir is used when state_dir is not set; empty means a
	// "state" folder beside the config file.
	DefaultStateDir string
}

// Load reads, decodes and validates the config file. The returned error is an
// Errors value listing every problem found with its position.
func Load(path string, opts Options) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w (give the path with --config)", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return Parse(abs, data, opts)
}

// Parse decodes and validates a config held in memory; name is used in errors
// and to resolve relative paths.
func Parse(name string, data []byte, opts Options) (*Config, error) {
	// Notepad saves UTF-8 with a BOM; YAML parsers choke on it.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if strings.Contains(string(data), "\t") {
		if line, col := firstTab(data); line > 0 {
			return nil, Errors{{File: name, Line: line, Col: col, Msg: "a tab character is used for indentation", Hint: "YAML needs spaces; replace tabs with two spaces"}}
		}
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, Errors{yamlError(name, err)}
	}
	cfg := &Config{file: name, positions: positionLookup{file: file, lines: strings.Split(string(data), "\n")}}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "the config file is empty", Hint: "start from config.example.yaml"}}
	}
	if len(file.Docs) > 1 {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "the file holds more than one YAML document (---)", Hint: "keep one document"}}
	}
	if err := decode(file.Docs[0].Body, cfg); err != nil {
		if e, ok := err.(*Error); ok {
			e.File = name
			return nil, Errors{e}
		}
		return nil, Errors{yamlError(name, err)}
	}
	cfg.applyDefaults(name, opts)
	if errs := cfg.validate(); len(errs) > 0 {
		return cfg, errs
	}
	return cfg, nil
}

// decode maps the YAML tree onto cfg. go-yaml v1.19 panics on a few
// malformed trees (a tagged, empty sequence; found by FuzzParse); a bad
// config must end in an error message, never a crashed service.
func decode(body ast.Node, cfg *Config) (err error) {
	defer func() {
		if r := recover(); r != nil {
			pos := body.GetToken().Position
			if tags := ast.Filter(ast.TagType, body); len(tags) > 0 {
				pos = tags[0].GetToken().Position
			}
			err = &Error{Line: pos.Line, Col: pos.Column, Msg: "the YAML structure here could not be read",
				Hint: "remove any !tag (YAML tags are not used in this config) and check the indentation against config.example.yaml"}
		}
	}()
	return yaml.NodeToValue(body, cfg, yaml.DisallowUnknownField())
}

func firstTab(data []byte) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "\t") {
			return i + 1, len(l) - len(trimmed) + 1
		}
	}
	return 0, 0
}

// yamlError turns a go-yaml error into our positioned error with a hint.
func yamlError(file string, err error) *Error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		e := &Error{File: file, Msg: ye.GetMessage()}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
		var unknown *yaml.UnknownFieldError
		var typeErr *yaml.TypeError
		var dup *yaml.DuplicateKeyError
		var nodeType *yaml.UnexpectedNodeTypeError
		switch {
		case errors.As(err, &dup), strings.Contains(e.Msg, "already defined"):
			e.Hint = "a key may appear only once in the same block: remove one of the two"
		case errors.As(err, &nodeType):
			e.Hint = "a list needs '- ' before each item; a block of settings needs key: value lines"
		case errors.As(err, &unknown):
			e.Msg = strings.Replace(e.Msg, "unknown field", "unknown key", 1) + ": this key does not exist in this version"
			e.Hint = "check the spelling and indentation against config.example.yaml"
		case errors.As(err, &typeErr):
			e.Msg = fmt.Sprintf("expected %s, found %s", kindName(typeErr.DstType), kindName(typeErr.SrcType))
			if tk := typeErr.Token; tk != nil {
				e.Msg += fmt.Sprintf(" %q", tk.Value)
			}
			e.Hint = "check the value's type: numbers without quotes, lists with '- ', text in quotes"
		default:
			e.Hint = "check indentation (spaces only) and quoting; Windows paths need single quotes or forward slashes"
		}
		return e
	}
	return &Error{File: file, Line: 1, Col: 1, Msg: err.Error()}
}

// kindName describes a Go type in the words of a YAML file.
func kindName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value lines)"
	case reflect.Pointer:
		return kindName(t.Elem())
	}
	return t.String()
}

func (c *Config) applyDefaults(file string, opts Options) {
	dir := filepath.Dir(file)
	if c.StateDir == "" {
		c.StateDir = opts.DefaultStateDir
		if c.StateDir == "" {
			c.StateDir = "state"
		}
	}
	c.StateDir = resolvePath(dir, c.StateDir)
	if c.Log.Dir != "" {
		c.Log.Dir = resolvePath(dir, c.Log.Dir)
	}
	if c.Timezone == "" {
		c.Timezone = "Europe/Istanbul"
	}
	if c.Retention == "" {
		c.Retention = "90d"
	}
	if c.Uncertain == "" {
		c.Uncertain = "hold"
	}
	if c.QuietHours == nil {
		c.QuietHours = &QuietHours{}
	}
	if c.QuietHours.Start == "" && c.QuietHours.End == "" {
		c.QuietHours.Start, c.QuietHours.End = "21:00", "09:00"
	}
	if c.QuietHours.Channels == nil {
		c.QuietHours.Channels = []string{"sms", "whatsapp"}
	}
	if c.Status.Listen == "" {
		c.Status.Listen = "127.0.0.1:8750"
	}
	if c.Formats.Currency == "" {
		c.Formats.Currency = "TL"
	}
	if c.Formats.PhoneRegion == "" {
		c.Formats.PhoneRegion = "TR"
	}
	for i := range c.Sources {
		s := &c.Sources[i]
		s.Driver = strings.ToLower(s.Driver)
		switch s.Driver {
		case "firebird":
			if s.Port == 0 {
				s.Port = 3050
			}
			if s.Charset == "" {
				s.Charset = "WIN1254"
			}
		case "mssql":
			if s.Port == 0 && s.Instance == "" {
				s.Port = 1433
			}
		case "sqlite":
			s.Database = resolvePath(dir, s.Database)
		}
		if s.Host == "" && s.Driver != "sqlite" {
			s.Host = "127.0.0.1"
		}
		if s.YearGrace == "" {
			s.YearGrace = "15d"
		}
		if s.Timeout == "" {
			s.Timeout = "30s"
		}
	}
	for i := range c.Jobs {
		j := &c.Jobs[i]
		if j.Kind == "" {
			j.Kind = "informational"
		}
		if len(j.Sources) == 0 && len(c.Sources) == 1 {
			j.Sources = []string{c.Sources[0].Name}
		}
		if j.PageSize == 0 {
			j.PageSize = 500
		}
	}
}

func resolvePath(dir, p string) string {
	if p == "" || filepath.IsAbs(p) || isWindowsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// isWindowsAbs accepts C:/… and C:\… on any OS, so a config written for a
// Windows server validates on a Linux workstation too.
func isWindowsAbs(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// ParseDuration accepts Go durations plus days: "90d", "7d12h", "15m".
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var total time.Duration
	if i := strings.IndexByte(s, 'd'); i > 0 {
		days, err := strconv.Atoi(s[:i])
		if err != nil || days < 0 {
			return 0, fmt.Errorf("%q is not a duration (use e.g. 90d, 12h, 15m)", s)
		}
		total = time.Duration(days) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return total, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration (use e.g. 90d, 12h, 15m)", s)
	}
	return total + d, nil
}

// ParseRate reads "10/s", "600/m" or "5000/h" as messages per second.
func ParseRate(s string) (float64, error) {
	n, unit, ok := strings.Cut(strings.TrimSpace(s), "/")
	v, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
	if !ok || err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a rate (use e.g. 10/s, 600/m)", s)
	}
	switch strings.TrimSpace(unit) {
	case "s":
		return v, nil
	case "m":
		return v / 60, nil
	case "h":
		return v / 3600, nil
	}
	return 0, fmt.Errorf("%q is not a rate: the unit must be s, m or h", s)
}

// Location returns the configured time zone.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.FixedZone("+03", 3*3600)
	}
	return loc
}

// RetentionDuration returns the parsed retention period.
func (c *Config) RetentionDuration() time.Duration {
	d, _ := ParseDuration(c.Retention)
	return d
}
