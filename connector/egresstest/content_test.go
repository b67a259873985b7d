//go:build linux

package egresstest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"net/textproto"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
)

// Every request a provider received is read field by field: each field must
// be one this table allows for that request, and each message field must
// hold exactly what the outbox says was rendered for a message, to one of
// its recipients. What is not in the table (a column value, a host name, a
// version) is a failure, not something a marker search might miss.
var allowedFields = map[string][]string{
	"netgsm POST /sms/rest/v2/send":        {"msgheader", "messages[].msg", "messages[].no", "encoding", "iysfilter", "appname"},
	"netgsm POST /sms/rest/v2/report":      {"jobids[]", "startdate", "stopdate", "pagenumber", "pagesize", "appname"},
	"netgsm GET /sms/rest/v2/msgheader":    {},
	"netgsm POST /balance":                 {"usercode", "password", "stip"},
	"netgsm GET /sms/rest/v2/inbox":        {}, // the window is in the query: startdate, stopdate, appname
	"mutlucell POST /smsgw-ws/gtincmngapi": {"increport@aboneno", "increport@pwd", "increport@startdate", "increport@enddate"},
	"mutlucell POST /smsgw-ws/sndblkex":    {"smspack@ka", "smspack@pwd", "smspack@org", "smspack@charset", "smspack.mesaj", "smspack.mesaj.metin", "smspack.mesaj.nums"},
	"mutlucell POST /smsgw-ws/gtblkrprtex": {"smsrapor@ka", "smsrapor@pwd", "smsrapor@id"},
	"mutlucell POST /smsgw-ws/gtcrdtex":    {"smskredi@ka", "smskredi@pwd"},
	"whatsapp GET /{version}/{phone}":      {},
	"whatsapp POST /{version}/{phone}/messages": {"messaging_product", "recipient_type", "to", "type", "biz_opaque_callback_data",
		"template"},
	"webhook POST /akinsoft": {"id", "channel", "dedupe_key", "to", "subject", "text", "html", "sent_at"},
}

// authorization is the one Authorization header each provider may get: its
// own account's credentials (Mutlucell's are in the body, the webhook signs).
var authorization = map[string]string{
	"netgsm":    "Basic " + base64.StdEncoding.EncodeToString([]byte(netgsmUser+":"+netgsmPassword)),
	"whatsapp":  "Bearer " + waToken,
	"mutlucell": "",
	"webhook":   "",
}

// authorizationOf is the Authorization header a request kind may carry:
// NetGSM's balance takes the credentials in its body instead.
func authorizationOf(kind, provider string) string {
	if kind == "netgsm POST /balance" {
		return ""
	}
	return authorization[provider]
}

// allowedHeaders are the request headers a provider may get.
var allowedHeaders = []string{"User-Agent", "Content-Length", "Content-Type", "Authorization", "Accept-Encoding", "Idempotency-Key",
	webhook.SignatureHeader, webhook.TimestampHeader}

// allowedMailHeaders are an e-mail's header fields.
var allowedMailHeaders = []string{"Date", "Mime-Version", "Message-Id", "Subject", "User-Agent", "X-Mailer", "From", "To",
	"Content-Transfer-Encoding", "Content-Type"}

// rendered is what the outbox holds as sent, per channel.
type rendered struct {
	texts, subjects, to map[string][]string // channel → values
	whatsapp            []any               // template objects
	ids                 map[string]bool     // "outbox-<id>"
	sent                []string            // texts of the SMS and webhook messages a provider took
}

func readRendered(t *testing.T, ctx context.Context, path string) rendered {
	t.Helper()
	s, err := outbox.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, err := s.List(ctx, outbox.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	r := rendered{texts: map[string][]string{}, subjects: map[string][]string{}, to: map[string][]string{}, ids: map[string]bool{}}
	for _, m := range ms {
		r.texts[m.Channel] = append(r.texts[m.Channel], m.Text)
		r.subjects[m.Channel] = append(r.subjects[m.Channel], m.Subject)
		r.to[m.Channel] = append(r.to[m.Channel], m.To)
		r.ids[fmt.Sprintf("outbox-%d", m.ID)] = true
		if (m.Channel == "sms" || m.Channel == "webhook") && slices.Contains([]outbox.Status{outbox.StatusSent, outbox.StatusDelivered,
			outbox.StatusFailed}, m.Status) {
			r.sent = append(r.sent, m.Text)
		}
		if len(m.Payload) > 0 {
			var v any
			if json.Unmarshal(m.Payload, &v) == nil {
				r.whatsapp = append(r.whatsapp, v)
			}
		}
	}
	return r
}

// samePhone compares numbers by their last ten digits (the outbox holds
// E.164, NetGSM wants 10 digits, Mutlucell and WhatsApp 90…).
func samePhone(list []string, n string) bool {
	d := regexp.MustCompile(`\D`).ReplaceAllString(n, "")
	if len(d) < 10 {
		return false
	}
	return slices.ContainsFunc(list, func(x string) bool { return strings.HasSuffix(x, d[len(d)-10:]) })
}

// contentCheck reads every recorded request and returns what it found wrong
// and how many fields it checked per request kind.
func contentCheck(out *outside, r rendered) (problems []string, checked map[string]int) {
	checked = map[string]int{}
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	pattern := map[string]string{"/{version}/{phone}/messages": `^/v[0-9.]+/` + waPhoneID + `/messages$`, "/{version}/{phone}": `^/v[0-9.]+/` + waPhoneID + `$`}
	kindOf := func(provider string, q providertest.Request) string {
		for k := range allowedFields {
			p, m, path := splitKind(k)
			if p != provider || m != q.Method {
				continue
			}
			if re, ok := pattern[path]; ok && regexp.MustCompile(re).MatchString(q.Path) || path == q.Path {
				return k
			}
		}
		return ""
	}
	for _, f := range []struct {
		name string
		reqs []providertest.Request
	}{{"netgsm", out.NetGSM.Requests()}, {"mutlucell", out.Mutlucell.Requests()}, {"whatsapp", out.WhatsApp.Requests()},
		{"webhook", out.Webhook.Requests()}} {
		for _, q := range f.reqs {
			kind := kindOf(f.name, q)
			if kind == "" {
				bad("%s got %s %s, a request nobody expects", f.name, q.Method, q.Path)
				continue
			}
			for h := range q.Header {
				if !slices.Contains(allowedHeaders, textproto.CanonicalMIMEHeaderKey(h)) {
					bad("%s: header %s", kind, h)
				}
			}
			if a := q.Header.Get("Authorization"); a != authorizationOf(kind, f.name) {
				bad("%s: Authorization %q is not the account's credentials", kind, a)
			}
			if ua := q.Header.Get("User-Agent"); ua != "Go-http-client/1.1" {
				bad("%s: User-Agent %q says more than the HTTP library's name", kind, ua)
			}
			fields, values, err := leaves(q.Header.Get("Content-Type"), q.Body)
			if err != nil {
				bad("%s: body cannot be read: %v", kind, err)
				continue
			}
			for _, fld := range fields {
				checked[kind]++
				if !slices.Contains(allowedFields[kind], fld) {
					bad("%s: field %s is not one a provider needs", kind, fld)
				}
			}
			checkValues(kind, values, r, bad)
		}
	}
	for _, m := range out.SMTP.Mails() {
		kind := "smtp DATA"
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			bad("smtp: %v", err)
			continue
		}
		for h := range msg.Header {
			checked[kind]++
			if !slices.Contains(allowedMailHeaders, h) {
				bad("smtp: header %s", h)
			}
		}
		dec := new(mime.WordDecoder)
		subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
		if !slices.Contains(r.subjects["email"], subject) {
			bad("smtp: subject %q is no rendered subject", subject)
		}
		body := decodeMail(m.Data)
		if _, text, ok := bytes.Cut(body, []byte("\n\n")); !ok || !slices.ContainsFunc(r.texts["email"], func(s string) bool {
			return strings.TrimSpace(string(text)) == strings.TrimSpace(s)
		}) {
			bad("smtp: the body is no rendered text")
		}
		for _, to := range m.To {
			if !slices.Contains(r.to["email"], to) {
				bad("smtp: recipient %s is no message's", to)
			}
		}
		if m.From != smtpUser {
			bad("smtp: envelope sender %s", m.From)
		}
	}
	return problems, checked
}

func splitKind(k string) (provider, method, path string) {
	f := strings.Fields(k)
	return f[0], f[1], f[2]
}

// checkValues holds each message field to the outbox.
func checkValues(kind string, v map[string][]any, r rendered, bad func(string, ...any)) {
	each := func(field string, ok func(string) bool, what string) {
		for _, x := range v[field] {
			if !ok(str(x)) {
				bad("%s: %s %q is %s", kind, field, str(x), what)
			}
		}
	}
	is := func(want string) func(string) bool { return func(s string) bool { return s == want } }
	in := func(list []string) func(string) bool { return func(s string) bool { return slices.Contains(list, s) } }
	phone := func(ch string) func(string) bool {
		return func(s string) bool {
			for _, n := range strings.Split(s, ",") {
				if !samePhone(r.to[ch], n) {
					return false
				}
			}
			return true
		}
	}
	switch {
	case strings.HasPrefix(kind, "netgsm"):
		each("msgheader", is(senderTitle), "not the sender title")
		each("usercode", is(netgsmUser), "not the user code")
		each("password", is(netgsmPassword), "not the password")
		each("messages[].msg", in(r.texts["sms"]), "no rendered SMS")
		each("messages[].no", phone("sms"), "no SMS recipient")
	case strings.HasPrefix(kind, "mutlucell"):
		for _, f := range []string{"smspack@ka", "smsrapor@ka", "smskredi@ka"} {
			each(f, is(mutlucellUser), "not the user name")
		}
		for _, f := range []string{"smspack@pwd", "smsrapor@pwd", "smskredi@pwd"} {
			each(f, is(mutlucellPassword), "not the password")
		}
		each("smspack@org", is(senderTitle), "not the sender title")
		each("smspack.mesaj.metin", in(r.texts["sms"]), "no rendered SMS")
		each("smspack.mesaj.nums", phone("sms"), "no SMS recipient")
	case strings.HasPrefix(kind, "whatsapp"):
		each("to", phone("whatsapp"), "no WhatsApp recipient")
		each("biz_opaque_callback_data", func(s string) bool { return r.ids[s] }, "not an outbox id")
		for _, x := range v["template"] {
			if !slices.ContainsFunc(r.whatsapp, func(w any) bool { return reflect.DeepEqual(w, x) }) {
				bad("%s: template %v is no rendered WhatsApp template", kind, x)
			}
		}
	case strings.HasPrefix(kind, "webhook"):
		each("text", in(r.texts["webhook"]), "no rendered webhook text")
		each("to", in(r.to["webhook"]), "no webhook recipient")
	}
}

// leaves lists the field paths of a JSON or XML body ("messages[].msg",
// "smspack@ka") and their values. A WhatsApp template object is kept whole,
// to be compared with the rendered one.
func leaves(ctype string, body []byte) ([]string, map[string][]any, error) {
	values := map[string][]any{}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, values, nil
	}
	if strings.Contains(ctype, "xml") {
		d := xml.NewDecoder(bytes.NewReader(body))
		var path []string
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, nil, err
			}
			switch e := tok.(type) {
			case xml.StartElement:
				path = append(path, e.Name.Local)
				p := strings.Join(path, ".")
				if len(path) > 1 {
					values[p] = append(values[p], "")
				}
				for _, a := range e.Attr {
					values[p+"@"+a.Name.Local] = append(values[p+"@"+a.Name.Local], a.Value)
				}
			case xml.CharData:
				p := strings.Join(path, ".")
				if s := strings.TrimSpace(string(e)); s != "" && len(path) > 1 {
					vs := values[p]
					vs[len(vs)-1] = str(vs[len(vs)-1]) + string(e)
				}
			case xml.EndElement:
				path = path[:len(path)-1]
			}
		}
	} else {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return nil, nil, err
		}
		walk("", v, values)
	}
	var fields []string
	for k := range values {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	return fields, values, nil
}

func str(x any) string { s, _ := x.(string); return s }

func walk(prefix string, v any, into map[string][]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			if p == "template" {
				into[p] = append(into[p], c)
				continue
			}
			walk(p, c, into)
		}
	case []any:
		for _, c := range x {
			walk(prefix+"[]", c, into)
		}
	default:
		into[prefix] = append(into[prefix], v)
	}
}
