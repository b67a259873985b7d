package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Every text exists in both languages with the same arguments.
func TestEveryKeyHasBothLanguages(t *testing.T) {
	if len(Keys()) == 0 {
		t.Fatal("the catalog is empty")
	}
	for _, k := range Keys() {
		e := texts[k]
		if strings.TrimSpace(e.tr) == "" || strings.TrimSpace(e.en) == "" {
			t.Errorf("%s lacks a language: tr=%q en=%q", k, e.tr, e.en)
			continue
		}
		for _, text := range []string{e.tr, e.en} {
			for _, c := range suffixesUsed(text) {
				if _, ok := cases[c]; !ok {
					t.Errorf("%s: unknown case %q in %q", k, c, text)
				}
			}
		}
		tr, en := placeholders(e.tr), placeholders(e.en)
		slices.Sort(tr)
		slices.Sort(en)
		if !slices.Equal(slices.Compact(tr), slices.Compact(en)) {
			t.Errorf("%s: the Turkish text uses %v, the English one %v", k, tr, en)
		}
	}
}

func TestRender(t *testing.T) {
	add(map[Key]entry{"test.cap": {tr: "günlük {limit} mesaj sınırı", en: "daily limit of {limit} messages"}})
	defer delete(texts, "test.cap")
	m := M("test.cap", "limit", 3)
	if got := m.In(TR); got != "günlük 3 mesaj sınırı" {
		t.Errorf("tr = %q", got)
	}
	if got := m.In(EN); got != "daily limit of 3 messages" {
		t.Errorf("en = %q", got)
	}
	if got := M("no.such.key", "x", 1).In(TR); got != "no.such.key (x=1)" {
		t.Errorf("unknown key = %q", got)
	}
	for in, want := range map[string]Lang{"tr_TR.UTF-8": TR, "en_US.UTF-8": EN, "EN": EN, "tr": TR} {
		if l, ok := ParseLang(in); !ok || l != want {
			t.Errorf("ParseLang(%q) = %v %v", in, l, ok)
		}
	}
	if _, ok := ParseLang("de_DE"); ok {
		t.Error("de accepted")
	}
}

// suffixesUsed lists the cases placeholders ask for ("{at:abl}").
func suffixesUsed(t string) []Case {
	var out []Case
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return out
		}
		if _, c, ok := placeholder(t[i+1 : i+j]); ok && c != "" {
			out = append(out, Case(c))
		}
		t = t[i+j+1:]
	}
}

// An error argument that wraps a catalog error without a text of its own
// ("job %s: %w") is told in the reader's language, as the command line
// tells such an error; a joined one keeps all its parts.
func TestWrappedErrorArgumentIsTold(t *testing.T) {
	add(map[Key]entry{
		"test.outer": {tr: "görev: {err}", en: "job: {err}"},
		"test.inner": {tr: "{database} veritabanı sunucuda yok", en: "database {database} does not exist on the server"},
	})
	defer delete(texts, "test.outer")
	defer delete(texts, "test.inner")
	inner := Errorf("test.inner", "database", "2031.fdb")
	wrapped := fmt.Errorf("job yeni-faturalar: %w", inner)
	if got := M("test.outer", "err", wrapped).In(TR); got != "görev: 2031.fdb veritabanı sunucuda yok" {
		t.Errorf("tr = %q", got)
	}
	if got := M("test.outer", "err", wrapped).In(EN); got != "job: database 2031.fdb does not exist on the server" {
		t.Errorf("en = %q", got)
	}
	joined := errors.Join(inner, errors.New("other"))
	if got := M("test.outer", "err", joined).In(TR); got != "görev: "+joined.Error() {
		t.Errorf("joined = %q", got)
	}
}
