package catalog

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Logger returns log writing its messages in l. A log call names its
// message by key and gives the facts as attributes, whose names stay
// English identifiers for scripts and log tools:
//
//	log.Info("log.job_ran", "job", j.Name, "rows", n)
//
// is written "görev çalıştı job=… rows=…" in Turkish. A text may name the
// call's attributes in braces ("{job} görevi çalıştı"); they stay
// attributes as well. A message that is not a key (a library's own) is
// written as it is. Wrapping a logger again replaces the language (a
// reload that changes it), never translates twice.
func (l Lang) Logger(log *slog.Logger) *slog.Logger {
	h := log.Handler()
	if t, ok := h.(*textHandler); ok {
		h = t.inner
	}
	return slog.New(&textHandler{inner: h, lang: l})
}

// LogText renders a log message key in l with its attributes as name,
// value pairs (the key itself when unknown), for the few logs that are not
// slog: the Windows Event Log.
func (l Lang) LogText(key string, kv ...any) string { return M(Key(key), kv...).In(l) }

type textHandler struct {
	inner slog.Handler
	lang  Lang
}

func (h *textHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h *textHandler) Handle(ctx context.Context, r slog.Record) error {
	if Has(Key(r.Message)) || h.hasLocalized(r) {
		args := map[string]string{}
		r.Attrs(func(a slog.Attr) bool { args[a.Key] = h.attr(a).Value.Resolve().String(); return true })
		msg := r.Message
		if Has(Key(msg)) {
			msg = h.lang.Text(Key(msg), args)
		}
		out := slog.NewRecord(r.Time, r.Level, msg, r.PC)
		r.Attrs(func(a slog.Attr) bool { out.AddAttrs(h.attr(a)); return true })
		r = out
	}
	return h.inner.Handle(ctx, r)
}

// attr is a, an error with a text of its own (a Localized one) written in
// the log's language; so is a provider's answer inside an error (a
// *notify.Error, wrapped or not), whose own text is the program's: "outcome
// unknown: netgsm.no_result_code(status=500)" read as a catalog key, in
// English, in a Turkish log.
func (h *textHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	if v.Kind() != slog.KindAny {
		return a
	}
	if l, ok := v.Any().(Localized); ok {
		return slog.String(a.Key, l.In(h.lang))
	}
	if s, ok := h.providerError(v.Any()); ok {
		return slog.String(a.Key, s)
	}
	return a
}

// providerError is v, an error holding a provider's answer, with that
// answer written in the log's language and the words around it kept.
func (h *textHandler) providerError(v any) (string, bool) {
	err, ok := v.(error)
	if !ok {
		return "", false
	}
	var pe *notify.Error
	if !errors.As(err, &pe) {
		return "", false
	}
	text, own := err.Error(), pe.Error()
	if !strings.Contains(text, own) {
		return "", false
	}
	return strings.Replace(text, own, h.lang.ProviderError(pe), 1), true
}

func (h *textHandler) hasLocalized(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		v := a.Value.Resolve()
		if _, found = v.Any().(Localized); !found {
			_, found = h.providerError(v.Any())
		}
		return !found
	})
	return found
}

func (h *textHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &textHandler{inner: h.inner.WithAttrs(as), lang: h.lang}
}

func (h *textHandler) WithGroup(name string) slog.Handler {
	return &textHandler{inner: h.inner.WithGroup(name), lang: h.lang}
}

// Unwrap gives the handler under the translation, for code that looks for
// a capability of it (the log handler's Clean, which masks secrets).
func (h *textHandler) Unwrap() slog.Handler { return h.inner }
