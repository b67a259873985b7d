// Package catalog holds the texts people read, each in Turkish and English,
// once: the status page, the command line and log messages render the same
// entry. Lower layers (mapping, notify, the outbox) never write a sentence
// for a person; they return a key with named arguments (a Msg) and, where
// there is one, the provider's own words as a detail, and whoever shows it
// renders it here in the reader's language.
//
// A text names its arguments in braces: "günlük {limit} mesaj sınırı". A
// Turkish text puts a case after the name where the argument takes a
// suffix: "saat {at:abl} sonra" reads "saat 15:00'ten sonra" (see Suffix).
// A test fails when a key lacks either language or a language uses an
// argument the other does not.
package catalog

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

// Lang is a language people read the connector in.
type Lang string

const (
	TR Lang = "tr" // the default: the shops and their dealers read Turkish first
	EN Lang = "en"
)

// ParseLang reads tr, en, or a locale such as tr_TR.UTF-8 / en-US.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i > 0 {
		s = s[:i]
	}
	switch Lang(s) {
	case TR, EN:
		return Lang(s), true
	}
	return "", false
}

// FromEnv is the language of the environment (LC_ALL, LC_MESSAGES, LANG),
// Turkish when it says nothing usable.
func FromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l, ok := ParseLang(os.Getenv(v)); ok {
			return l
		}
	}
	return TR
}

// Key names a text.
type Key string

// Msg is a text to be rendered later in the reader's language.
type Msg struct {
	Key  Key
	Args map[string]string
	// Sub are arguments that are texts themselves ("expected {want}",
	// want being "a list" or "bir liste"), rendered in the same language.
	Sub map[string]Msg
	// errs are arguments that are errors with a text of their own (a
	// Localized one), rendered in the same language too.
	errs map[string]Localized
	// items, for a Join, are texts written one after the other.
	items []Msg
	sep   string
}

// joinKey marks a Join; it names no text.
const joinKey Key = "\x00join"

// Join is a text made of items, each rendered in the reader's language,
// with sep between them: a list whose entries have words of their own
// ("table CARI, FATURA.TARIH" / "CARI tablosu, FATURA.TARIH").
func Join(sep string, items ...Msg) Msg { return Msg{Key: joinKey, items: items, sep: sep} }

// M builds a Msg; args are name, value pairs. A value that is a Msg, or
// an error that is or wraps a Localized one (a *Error), is rendered in the
// reader's language with the rest; a zero Msg renders as nothing (an
// optional part such as a did-you-mean).
func M(key Key, args ...any) Msg {
	m := Msg{Key: key}
	for i := 0; i+1 < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		switch v := args[i+1].(type) {
		case Msg:
			if m.Sub == nil {
				m.Sub = map[string]Msg{}
			}
			m.Sub[name] = v
			continue
		case error:
			if l, ok := localizedIn(v); ok {
				if m.errs == nil {
					m.errs = map[string]Localized{}
				}
				m.errs[name] = l
				continue
			}
		}
		if m.Args == nil {
			m.Args = make(map[string]string, len(args)/2)
		}
		m.Args[name] = fmt.Sprint(args[i+1])
	}
	return m
}

// localizedIn is the first Localized error of err's chain: err itself, or
// the one a wrapper that has no text of its own stands for ("job %s: %w"
// around a source's catalog error), as the command line prints an error.
// The wrapper's English words are left out; a joined error is left as it
// is, lest all but one of its parts be lost.
func localizedIn(err error) (Localized, bool) {
	for err != nil {
		if l, ok := err.(Localized); ok {
			return l, true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return nil, false
		}
		err = u.Unwrap()
	}
	return nil, false
}

// ErrorText is err in l when it is or wraps a Localized error (see M),
// else its own words.
func ErrorText(l Lang, err error) string {
	if loc, ok := localizedIn(err); ok {
		return loc.In(l)
	}
	return err.Error()
}

// IsZero reports whether m is no text at all.
func (m Msg) IsZero() bool { return m.Key == "" }

// In renders m in l.
func (m Msg) In(l Lang) string {
	if m.Key == "" {
		return ""
	}
	if m.Key == joinKey {
		parts := make([]string, len(m.items))
		for i, it := range m.items {
			parts[i] = it.In(l)
		}
		return strings.Join(parts, m.sep)
	}
	if len(m.Sub) == 0 && len(m.errs) == 0 {
		return l.Text(m.Key, m.Args)
	}
	args := make(map[string]string, len(m.Args)+len(m.Sub)+len(m.errs))
	for k, v := range m.Args {
		args[k] = v
	}
	for k, sub := range m.Sub {
		args[k] = sub.In(l)
	}
	for k, e := range m.errs {
		args[k] = e.In(l)
	}
	return l.Text(m.Key, args)
}

type entry struct{ tr, en string }

var (
	mu    sync.RWMutex
	texts = map[Key]entry{}
)

// add registers the texts of one area (each file of this package has its
// own table); a key given twice is a programming error.
func add(es map[Key]entry) {
	mu.Lock()
	defer mu.Unlock()
	for k, e := range es {
		if _, dup := texts[k]; dup {
			panic("catalog: key " + string(k) + " is defined twice")
		}
		texts[k] = e
	}
}

// Has reports whether key has a text.
func Has(key Key) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := texts[key]
	return ok
}

// Keys lists every key, sorted.
func Keys() []Key {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Key, 0, len(texts))
	for k := range texts {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Text renders key in l with its arguments. An unknown key renders as the
// key and its arguments, so nothing is ever lost from a reason.
func (l Lang) Text(key Key, args map[string]string) string {
	mu.RLock()
	e, ok := texts[key]
	mu.RUnlock()
	if !ok {
		return unknown(key, args)
	}
	t := e.tr
	if l == EN {
		t = e.en
	}
	return fill(t, args)
}

// Sprintf renders key in l with positional arguments named a, b, c… for
// texts that are formats of one or two values.
func (l Lang) Sprintf(key Key, args ...any) string {
	m := map[string]string{}
	for i, a := range args {
		m[string(rune('a'+i))] = fmt.Sprint(a)
	}
	return l.Text(key, m)
}

func fill(t string, args map[string]string) string {
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		name, suffix, isArg := placeholder(t[i+1 : i+j])
		b.WriteString(t[:i])
		if v, ok := args[name]; ok && isArg {
			if suffix != "" {
				v = Suffix(v, Case(suffix))
			}
			b.WriteString(v)
		} else {
			b.WriteString(t[i : i+j+1])
		}
		t = t[i+j+1:]
	}
}

func unknown(key Key, args map[string]string) string {
	if len(args) == 0 {
		return string(key)
	}
	names := make([]string, 0, len(args))
	for n := range args {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + args[n]
	}
	return string(key) + " (" + strings.Join(parts, ", ") + ")"
}

// placeholders lists the {names} a text uses.
func placeholders(t string) []string {
	var out []string
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return out
		}
		if name, _, ok := placeholder(t[i+1 : i+j]); ok {
			out = append(out, name)
		}
		t = t[i+j+1:]
	}
}

// placeholder reads what is between braces: an argument's name in lower
// case, and after a colon the case it takes ("at:abl"). Anything else
// ("${secret:NAME}", "{{.CommandPath}}") is text, written as it is.
func placeholder(s string) (name, suffix string, ok bool) {
	name, suffix, _ = strings.Cut(s, ":")
	return name, suffix, isLowerName(name, true) && (suffix == "" || isLowerName(suffix, false))
}

func isLowerName(s string, digits bool) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case digits && i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}
