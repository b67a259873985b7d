package logging

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Redacted replaces a secret wherever it would have been written.
const Redacted = "[REDACTED]"

// minSecretLen is the shortest registered value that is redacted: replacing
// every "1" or "ab" in the log would make it unreadable, and a value that
// short protects nothing anyway.
const minSecretLen = 4

// Secret is a string that is never logged: as an attribute it is written as
// [REDACTED] by any slog handler, and Handler also redacts its value wherever
// else it appears once the value is registered with RedactValues.
type Secret string

// LogValue hides the value from every slog handler, not only ours.
func (Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

// String hides the value from fmt.
func (s Secret) String() string { return Redacted }

// revealer is the shape of config.Secret; matching on it keeps this package
// free of a dependency on the config.
type revealer interface{ Reveal() string }

// Handler wraps another slog.Handler and, before anything reaches it,
// replaces registered secret values and Secret-typed attributes with
// [REDACTED] and masks contact data: attributes whose key names a recipient
// are masked whole, ids and cursors are kept as they are (see fieldRules),
// and in the message and every other attribute (nested groups and errors
// included) what has the shape of a phone number or e-mail address is
// masked.
type Handler struct {
	inner  slog.Handler
	shared *redactor
	ops    []op // WithAttrs / WithGroup calls, replayed when secrets change
	built  atomic.Pointer[builtHandler]
}

// op is one WithAttrs (attrs set) or WithGroup (group set) call.
type op struct {
	group string
	attrs []slog.Attr
}

// builtHandler is inner with ops applied, cleaned with the secrets known at
// generation gen.
type builtHandler struct {
	gen uint64
	h   slog.Handler
}

// redactor is shared by a Handler and all handlers derived from it, so a
// secret registered on the root logger is redacted by every child logger.
type redactor struct {
	mu       sync.Mutex
	values   []string
	replacer atomic.Pointer[strings.Replacer]
	gen      atomic.Uint64
}

// NewHandler wraps inner.
func NewHandler(inner slog.Handler) *Handler {
	return &Handler{inner: inner, shared: &redactor{}}
}

// RedactValues registers secret values (passwords, API keys) loaded at run
// time; from now on they are written as [REDACTED] wherever they appear, in
// this handler and every handler derived from it. Values shorter than four
// characters are ignored.
func (h *Handler) RedactValues(values ...string) {
	r := h.shared
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, v := range values {
		if len(v) >= minSecretLen && !slices.Contains(r.values, v) {
			r.values = append(r.values, v)
			changed = true
		}
	}
	if !changed {
		return
	}
	// Longest first, so a secret that contains another is replaced whole.
	slices.SortFunc(r.values, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(r.values))
	for _, v := range r.values {
		pairs = append(pairs, v, Redacted)
	}
	r.replacer.Store(strings.NewReplacer(pairs...))
	r.gen.Add(1)
}

// Redact registers secret values with l's handler when it is a *Handler
// (or wraps one, like the catalog's translating handler) and reports
// whether it was.
func Redact(l *slog.Logger, values ...string) bool {
	h, ok := Find(l.Handler())
	if ok {
		h.RedactValues(values...)
	}
	return ok
}

// Find returns the *Handler under h: h itself, or the one a wrapping
// handler gives with Unwrap.
func Find(h slog.Handler) (*Handler, bool) {
	for h != nil {
		if own, ok := h.(*Handler); ok {
			return own, true
		}
		u, ok := h.(interface{ Unwrap() slog.Handler })
		if !ok {
			return nil, false
		}
		h = u.Unwrap()
	}
	return nil, false
}

// Clean applies the handler's redaction and masking to text that goes
// elsewhere than the log, such as the Windows Event Log or a CLI message.
func (h *Handler) Clean(s string) string { return h.shared.clean(s) }

func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	clean := slog.NewRecord(r.Time, r.Level, h.shared.clean(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(h.shared.cleanAttr(a, freeText))
		return true
	})
	return h.handler().Handle(ctx, clean)
}

func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return h.with(op{attrs: slices.Clone(attrs)})
}

func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return h.with(op{group: name})
}

func (h *Handler) with(o op) *Handler {
	return &Handler{inner: h.inner, shared: h.shared, ops: append(slices.Clip(h.ops), o)}
}

// handler returns inner with the With* calls applied. Attributes given to
// With are cleaned when applied, so they are re-applied when a secret is
// registered later (a child logger made before the config was loaded must
// not keep a secret in the clear).
func (h *Handler) handler() slog.Handler {
	gen := h.shared.gen.Load()
	if b := h.built.Load(); b != nil && b.gen == gen {
		return b.h
	}
	out := h.inner
	for _, o := range h.ops {
		if o.group != "" {
			out = out.WithGroup(o.group)
			continue
		}
		attrs := make([]slog.Attr, len(o.attrs))
		for i, a := range o.attrs {
			attrs[i] = h.shared.cleanAttr(a, freeText)
		}
		out = out.WithAttrs(attrs)
	}
	h.built.Store(&builtHandler{gen: gen, h: out})
	return out
}

// clean redacts registered secrets first (masking could change a secret that
// contains digits beyond recognition), then masks contact data in free text.
func (r *redactor) clean(s string) string { return r.cleanAs(s, freeText) }

func (r *redactor) cleanAs(s string, rule fieldRule) string {
	if rep := r.replacer.Load(); rep != nil {
		s = rep.Replace(s)
	}
	switch rule {
	case recipient:
		return maskRecipients(s)
	case identifier:
		return s
	}
	return maskText(s)
}

// cleanAttr cleans a by the rule its key calls for; outer is the rule of
// the group a is in, so everything inside a recipient group is a recipient.
func (r *redactor) cleanAttr(a slog.Attr, outer fieldRule) slog.Attr {
	rule := ruleFor(a.Key)
	if outer == recipient {
		rule = recipient
	}
	// Resolve LogValuers first: what they return is what gets written.
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(r.cleanAs(v.String(), rule))
	case slog.KindGroup:
		group := v.Group()
		attrs := make([]slog.Attr, len(group))
		for i, g := range group {
			attrs[i] = r.cleanAttr(g, rule)
		}
		a.Value = slog.GroupValue(attrs...)
	case slog.KindAny:
		a.Value = r.cleanAny(v, rule)
	default:
		// Numbers, times, durations: a recipient key may still hold a
		// phone number as an integer.
		if rule == recipient {
			a.Value = slog.StringValue(maskRecipients(v.String()))
		} else {
			a.Value = v
		}
	}
	return a
}

// cleanAny handles values the inner handler would format itself: errors and
// Stringers become their cleaned text; anything else is kept as it is unless
// its printed form holds something to hide, in which case the cleaned
// printed form is written instead.
func (r *redactor) cleanAny(v slog.Value, rule fieldRule) slog.Value {
	switch x := v.Any().(type) {
	case revealer:
		return slog.StringValue(Redacted)
	case error:
		return slog.StringValue(r.cleanAs(x.Error(), rule))
	case fmt.Stringer:
		return slog.StringValue(r.cleanAs(x.String(), rule))
	case []byte:
		return slog.StringValue(r.cleanAs(string(x), rule))
	default:
		s := fmt.Sprintf("%+v", x)
		if c := r.cleanAs(s, rule); c != s {
			return slog.StringValue(c)
		}
		return v
	}
}
