package catalog

import (
	"context"
	"log/slog"
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
	if Has(Key(r.Message)) {
		args := map[string]string{}
		r.Attrs(func(a slog.Attr) bool { args[a.Key] = a.Value.Resolve().String(); return true })
		out := slog.NewRecord(r.Time, r.Level, h.lang.Text(Key(r.Message), args), r.PC)
		r.Attrs(func(a slog.Attr) bool { out.AddAttrs(a); return true })
		r = out
	}
	return h.inner.Handle(ctx, r)
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
