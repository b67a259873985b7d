package catalog

import (
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
