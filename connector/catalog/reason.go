package catalog

import (
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// ProviderError renders a provider's classified answer for a log line or
// the command line: its class, the provider's code, the reason, and the
// transport error under it.
func (l Lang) ProviderError(e *notify.Error) string {
	var b strings.Builder
	b.WriteString(l.Text(classKey[e.Class], nil))
	if e.Code != "" {
		b.WriteString(" (" + l.Text("reason.code", map[string]string{"code": e.Code}) + ")")
	}
	if !e.Why.IsZero() {
		b.WriteString(": " + l.Reason(e.Why))
	}
	if e.Err != nil && e.Err.Error() != e.Why.Detail {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

var classKey = map[error]Key{notify.ErrRetry: "class.retry", notify.ErrPermanent: "class.permanent",
	notify.ErrUnknown: "class.unknown", notify.ErrConfig: "class.config"}

// ReasonWithCode is Reason with the provider's code after it, for IT staff
// who quote it to the provider's support: "geçersiz numara (kod 70)".
func (l Lang) ReasonWithCode(r mapping.Reason, code string) string {
	s := l.Reason(r)
	if code == "" {
		return s
	}
	return l.Text("reason.with_code", map[string]string{"reason": s, "code": code})
}

// Reason renders a reason (mapping.Reason: a key, its arguments, the
// reasons it is made of, and the provider's own words) in l. Its parts fill
// the {parts} argument, joined by "; "; the detail follows after ": ". A
// reason stored before reasons had keys (code "") shows its old text:
// Turkish when it had one, else English.
func (l Lang) Reason(r mapping.Reason) string {
	if r.Code == "" {
		if tr := r.Args["tr"]; l == TR && tr != "" {
			return tr
		}
		return r.Detail
	}
	args := r.Args
	if len(r.Parts) > 0 {
		parts := make([]string, len(r.Parts))
		for i, p := range r.Parts {
			parts[i] = l.Reason(p)
		}
		args = make(map[string]string, len(r.Args)+1)
		for k, v := range r.Args {
			args[k] = v
		}
		args["parts"] = strings.Join(parts, "; ")
	}
	s := l.Text(Key(r.Code), args)
	if r.Detail != "" && !strings.Contains(s, r.Detail) {
		s += ": " + r.Detail
	}
	return s
}
