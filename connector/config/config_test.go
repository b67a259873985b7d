package config

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/encoding/unicode"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden .err files")

// Each broken config gives errors whose exact text (file:line:col, message,
// hint) is part of the product: IT staff read them alone, in Turkish (the
// .tr.err files) or English (.err).
func TestBrokenConfigs(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) < 30 {
		t.Fatalf("expected broken configs under testdata/bad, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			cfg, err := Load(f, Options{})
			if err == nil {
				// Valid YAML: the problem must be a secret that cannot be found.
				err = cfg.ResolveSecrets(mapStore{})
			}
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("Load(%s) = %v, want positioned errors", f, err)
			}
			for _, lang := range []struct {
				l      catalog.Lang
				suffix string
			}{{catalog.EN, ".err"}, {catalog.TR, ".tr.err"}} {
				var b strings.Builder
				for _, e := range errs {
					if e.Line < 1 || e.Col < 1 {
						t.Errorf("error without a position: %v", e)
					}
					for _, k := range keysOf(e.Msg, e.Hint) {
						if !catalog.Has(k) {
							t.Errorf("%s: the text %q is not in the catalog", e.Path, k)
						}
					}
					// Golden files hold the path relative to the package.
					e2 := *e
					e2.File = filepath.ToSlash(f)
					abs, _ := filepath.Abs(f) // hints name the file as run is given it
					fmt.Fprintln(&b, strings.ReplaceAll(e2.In(lang.l), abs, filepath.ToSlash(f)))
				}
				golden := strings.TrimSuffix(f, ".yaml") + lang.suffix
				if *update {
					if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("missing golden file (run go test -update): %v", err)
				}
				if b.String() != string(want) {
					t.Errorf("errors differ from %s\n got:\n%s\nwant:\n%s", golden, b.String(), want)
				}
			}
		})
	}
}

// keysOf lists the catalog keys of messages and the texts inside them.
func keysOf(ms ...catalog.Msg) []catalog.Key {
	var out []catalog.Key
	for _, m := range ms {
		if m.IsZero() {
			continue
		}
		out = append(out, m.Key)
		for _, sub := range m.Sub {
			out = append(out, keysOf(sub)...)
		}
	}
	return out
}

func TestGoodConfigAndDefaults(t *testing.T) {
	t.Setenv("AC_TEST_DB_PASSWORD", "s3cret-canary")
	cfg, err := Load("testdata/good.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	s := cfg.Sources[0]
	if s.Port != 3050 || s.Charset != "WIN1254" || s.Host != "127.0.0.1" {
		t.Errorf("firebird defaults not applied: %+v", s)
	}
	if s.Password.Reveal() != "s3cret-canary" {
		t.Errorf("env secret not resolved")
	}
	if cfg.Jobs[0].Mode != "created" || cfg.Jobs[0].Kind != "informational" || cfg.Jobs[0].Sources[0] != "merkez" {
		t.Errorf("job defaults not applied: %+v", cfg.Jobs[0])
	}
	if cfg.QuietHours.Start.String() != "21:00" || cfg.QuietHours.End.String() != "09:00" {
		t.Errorf("quiet hours default = %+v", cfg.QuietHours)
	}
	if want := filepath.Join(filepath.Dir(cfg.File()), "state"); string(cfg.StateDir) != want {
		t.Errorf("state_dir = %s, want %s (beside the config file, not the working directory)", cfg.StateDir, want)
	}
	// The secret never comes back out through fmt.
	for _, out := range []string{fmt.Sprint(cfg.Sources), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", s)} {
		if strings.Contains(out, "s3cret-canary") {
			t.Fatalf("secret printed: %s", out)
		}
	}
	if vals := cfg.SecretValues(); len(vals) != 1 || vals[0] != "s3cret-canary" {
		t.Errorf("SecretValues = %v", vals)
	}
}

// The examples are the Turkish config.example.yaml and its English twin.
var examples = []string{"../../config.example.yaml", "../../config.example.en.yaml"}

func TestExampleConfigIsValid(t *testing.T) {
	for _, f := range examples {
		cfg, err := Load(f, Options{})
		if err != nil {
			t.Fatalf("%s must load without errors:\n%v", f, err)
		}
		if cfg.Channels.Webhook == nil || cfg.Channels.SMS == nil || cfg.Channels.WhatsApp == nil || cfg.Channels.Email == nil {
			t.Errorf("%s does not show every channel", f)
		}
	}
}

// The twins say the same but for their language: the same keys and values.
func TestExampleTwinsMatch(t *testing.T) {
	var values []map[string]any
	for _, f := range examples {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := yaml.Unmarshal(text, &v); err != nil {
			t.Fatal(err)
		}
		delete(v, "language")
		values = append(values, v)
	}
	if !reflect.DeepEqual(values[0], values[1]) {
		t.Errorf("config.example.yaml and config.example.en.yaml differ beyond language and comments")
	}
}

// The documents with a Turkish twin (docs/X.md beside docs/X.tr.md) say the
// same but for their language, as the example configs do: the same code
// blocks (a YAML block's comments aside), the same `commands`, `keys` and
// `file names` in the text, and links to the same documents (the Turkish one
// links each twin's Turkish side where there is one).
func TestDocTwinsMatch(t *testing.T) {
	turkish, err := filepath.Glob("../../docs/*.tr.md")
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for _, tr := range turkish {
		en := strings.TrimSuffix(tr, ".tr.md") + ".md"
		if _, err := os.Stat(en); err != nil {
			continue // Turkish only, as two-way.tr.md
		}
		pairs++
		a, b := readDoc(t, en), readDoc(t, tr)
		if len(a.blocks) != len(b.blocks) {
			t.Errorf("%s has %d code blocks, %s %d", en, len(a.blocks), tr, len(b.blocks))
		} else {
			for i := range a.blocks {
				if a.blocks[i] != b.blocks[i] {
					t.Errorf("code block %d differs beyond its comments:\n%s:\n%s\n%s:\n%s", i+1, en, a.blocks[i], tr, b.blocks[i])
				}
			}
		}
		for _, d := range [][2]docText{{a, b}, {b, a}} {
			for span := range d[0].spans {
				if !d[1].spans[span] {
					t.Errorf("%s writes `%s`, %s does not", d[0].path, span, d[1].path)
				}
			}
		}
		// The Turkish side's links, each twin read as its English side; the
		// link from each side to the other left out.
		links := func(d docText, twin string) map[string]bool {
			out := map[string]bool{}
			for l := range d.links {
				if l != filepath.Base(twin) {
					out[strings.Replace(l, ".tr.md", ".md", 1)] = true
				}
			}
			return out
		}
		if la, lb := links(a, tr), links(b, en); !reflect.DeepEqual(la, lb) {
			t.Errorf("%s links %v, %s %v", en, slices.Sorted(maps.Keys(la)), tr, slices.Sorted(maps.Keys(lb)))
		}
	}
	if pairs < 2 {
		t.Errorf("found %d twin documents in docs/, want daily-summary and messaging at least", pairs)
	}
}

// The user documents link only to files of the repository: the packages
// install them beside each other (scripts/dist.sh), and a reader of the
// repository follows the rest.
func TestDocLinksStayInTheRepository(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := filepath.Glob("../../docs/*.md")
	for _, f := range append([]string{"../../README.md", "../../README.tr.md"}, docs...) {
		for l := range readDoc(t, f).links {
			target, err := filepath.Abs(filepath.Join(filepath.Dir(f), filepath.FromSlash(l)))
			if err != nil {
				t.Fatal(err)
			}
			if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				t.Errorf("%s links %s, outside the repository", f, l)
			} else if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links %s, which is not in the repository", f, l)
			}
		}
	}
}

// docText is what TestDocTwinsMatch compares of a Markdown document.
type docText struct {
	path   string
	blocks []string        // fenced code blocks, a YAML block without its comments
	spans  map[string]bool // `inline code`, its spaces and line breaks as one space
	links  map[string]bool // relative link targets without their #anchor
}

var (
	inlineCode   = regexp.MustCompile("`([^`]+)`")
	markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	yamlComment  = regexp.MustCompile(`(^|\s+)#.*$`)
)

func readDoc(t *testing.T, path string) docText {
	t.Helper()
	d := docText{path: path, spans: map[string]bool{}, links: map[string]bool{}}
	var text, block strings.Builder
	lang, in := "", false
	for _, line := range strings.Split(mustRead(t, path), "\n") {
		fence := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(fence, "```") && !in:
			in, lang = true, strings.TrimPrefix(fence, "```")
			block.Reset()
		case strings.HasPrefix(fence, "```"):
			in = false
			d.blocks = append(d.blocks, block.String())
		case in && lang == "yaml":
			if l := strings.TrimRight(yamlComment.ReplaceAllString(line, ""), " "); strings.TrimSpace(l) != "" {
				block.WriteString(l + "\n")
			}
		case in:
			block.WriteString(line + "\n")
		default:
			text.WriteString(line + "\n")
		}
	}
	for _, m := range inlineCode.FindAllStringSubmatch(text.String(), -1) {
		d.spans[strings.Join(strings.Fields(m[1]), " ")] = true
	}
	for _, m := range markdownLink.FindAllStringSubmatch(text.String(), -1) {
		l, _, _ := strings.Cut(m[1], "#")
		if l != "" && !strings.Contains(l, "://") && !strings.HasPrefix(l, "mailto:") {
			d.links[l] = true
		}
	}
	return d
}

func TestUTF8BOMIsAccepted(t *testing.T) {
	data, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("bom.yaml", append([]byte("\xef\xbb\xbf"), data...), Options{}); err != nil {
		t.Fatalf("a Notepad BOM broke loading: %v", err)
	}
}

func TestMissingSecretIsNamed(t *testing.T) {
	cfg, err := Parse("/etc/ac/config.yaml", []byte(strings.Replace(mustRead(t, "testdata/good.yaml"),
		"${env:AC_TEST_DB_PASSWORD}", "${secret:wolvox_db}", 1)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.ResolveSecrets(mapStore{})
	if err == nil || !strings.Contains(err.Error(), `secret "wolvox_db"`) || !strings.Contains(err.Error(), "config.yaml:6:15") {
		t.Fatalf("missing secret error = %v", err)
	}
}

type mapStore map[string]string

func (m mapStore) Get(name string) (string, error) {
	if v, ok := m[name]; ok {
		return v, nil
	}
	return "", ErrSecretNotFound
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseDurationAndRate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{{"90d", "2160h0m0s", true}, {"7d12h", "180h0m0s", true}, {"15m", "15m0s", true}, {"d", "", false}, {"-1h", "", false}, {"yesterday", "", false}} {
		d, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || (tc.ok && d.Std().String() != tc.want) {
			t.Errorf("ParseDuration(%q) = %v, %v", tc.in, d, err)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{{"10/s", 10, true}, {"600/m", 10, true}, {"3600/h", 1, true}, {"10", 0, false}, {"0/s", 0, false}, {"5/d", 0, false}} {
		r, err := ParseRate(tc.in)
		if (err == nil) != tc.ok || r.PerSecond() != tc.want {
			t.Errorf("ParseRate(%q) = %v, %v", tc.in, r, err)
		}
	}
}

// Notepad's "Unicode" (UTF-16 with a byte order mark, either order) reads
// as the same file saved as UTF-8.
func TestUTF16WithBOMIsAccepted(t *testing.T) {
	data := mustRead(t, "testdata/good.yaml") + "# Türkçe harfler: ğüşıöç İĞÜŞÖÇ\n"
	utf8Cfg, err := Parse("good.yaml", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []struct {
		name  string
		order unicode.Endianness
	}{{"little endian", unicode.LittleEndian}, {"big endian", unicode.BigEndian}} {
		b, err := unicode.UTF16(enc.order, unicode.UseBOM).NewEncoder().Bytes([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := Parse("good.yaml", b, Options{})
		if err != nil {
			t.Fatalf("%s: %v", enc.name, err)
		}
		if !reflect.DeepEqual(cfg.Jobs, utf8Cfg.Jobs) || !reflect.DeepEqual(cfg.Sources, utf8Cfg.Sources) {
			t.Errorf("%s: read differently from the UTF-8 file", enc.name)
		}
	}
}
