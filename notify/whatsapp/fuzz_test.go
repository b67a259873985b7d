package whatsapp

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// answers are Graph API bodies from providers.md §3.2–3.3 and the fake,
// plus what a proxy, a CDN or a newer API version could send instead.
var answers = []struct {
	status int
	body   string
}{
	{200, `{"messaging_product":"whatsapp","contacts":[{"input":"905551112233","wa_id":"905551112233"}],"messages":[{"id":"wamid.HBgLOTA1NTUxMTEyMjMzFQIAERgS"}]}`},
	{200, `{"messaging_product":"whatsapp","messages":[{"id":"wamid.1","message_status":"accepted"}]}`},
	{200, `{"messaging_product":"whatsapp","messages":[{"id":"wamid.1","message_status":"held_for_quality_assessment"}]}`},
	{200, `{"messages":[]}`},
	{200, `{"messages":[{"id":""}]}`},
	{200, `{"messages":[{"id":" "}]}`},
	{200, `{"messages":[{"id":7}]}`},
	{201, `{"messages":[{"id":"wamid.1"}]}`},
	{204, ``},
	{400, `{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,"error_subcode":2494010,"error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},"fbtrace_id":"AXsgnV2Cm3ZMGF3dF_cfYIn","is_transient":false}}`},
	{401, `{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}`},
	{400, `{"error":{"message":"Application request limit reached","type":"OAuthException","code":4,"error_subcode":2446079,"is_transient":true}}`},
	{429, `{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429}}`},
	{400, `{"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit","code":131056}}`},
	{400, `{"error":{"message":"(#131026) Message undeliverable","code":131026,"error_data":{"details":"Message Undeliverable."}}}`},
	{404, `{"error":{"message":"(#132001) Template name does not exist in the translation","code":132001}}`},
	{403, `{"error":{"message":"(#200) Permissions error","code":200}}`},
	{403, `{"error":{"message":"(#299) Permissions error","code":299}}`},
	{500, `{"error":{"message":"(#131000) Something went wrong","code":131000}}`},
	{400, `{"error":{"message":"(#131042) Business eligibility payment issue","code":131042,"error_data":{"details":"Message failed to send because there were one or more errors related to your payment method."}}}`},
	{400, `{"error":{"message":"(#999999) New code","code":999999}}`},
	{503, `{"error":{"message":"unknown","code":999999}}`},
	{401, `{"error":{"message":"AuthException","code":0}}`},
	{502, `{"error":{"message":"Bad Gateway"}}`},
	{503, `{"error":{"message":"upstream","code":null}}`},
	{400, `{"error":null}`},
	{400, `{"error":{"code":"131026"}}`},
	{400, `{"error":{"code":1.5}}`},
	{502, `<html><body>502 Bad Gateway</body></html>`},
	{429, ``},
	{500, ``},
	{302, ``},
	{400, `{"error":{"code":131026,"error_data":{"details":"\u0000\ud800"}}}`},
}

// graphCode is the error code a body carries, if it carries one.
func graphCode(body []byte) (int, bool) {
	var ge struct {
		Error *struct {
			Code *int `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &ge) != nil || ge.Error == nil || ge.Error.Code == nil {
		return 0, false
	}
	return *ge.Error.Code, true
}

// statusClass is the class of a refusal that carries no error code: only the
// HTTP status speaks, and it cannot say more than this.
func statusClass(status int) error {
	switch {
	case status >= 500:
		return notify.ErrUnknown
	case status == http.StatusTooManyRequests:
		return notify.ErrRetry
	}
	return notify.ErrPermanent
}

var classes = map[class]error{cRetry: notify.ErrRetry, cPermanent: notify.ErrPermanent, cConfig: notify.ErrConfig, cNoCredit: notify.ErrRetry}

// go test ./notify/whatsapp -run='^$' -fuzz='^FuzzAnswer$' -fuzztime=10m
//
// FuzzAnswer feeds any body, HTTP status and Retry-After to the send answer
// reader. Meta says to key on the error code, never on the HTTP status or
// the title, so: a code in the table gets the table's class and at least its
// delay; a body without a code is judged by the HTTP status alone; and an
// HTTP 2xx is never a refusal, because Meta took the request.
func FuzzAnswer(f *testing.F) {
	for _, a := range answers {
		f.Add([]byte(a.body), a.status, "")
	}
	f.Add([]byte(answers[12].body), 429, "3600")
	f.Add([]byte(answers[12].body), 400, "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Fuzz(func(t *testing.T, body []byte, status int, retryAfter string) {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		resp := &httpclient.Response{Status: status, Header: h, Body: body}
		res, err := parseSend(resp)
		providertest.CheckOutcome(t, res, err)
		if err == nil {
			var ok struct {
				Messages []struct {
					ID string `json:"id"`
				} `json:"messages"`
			}
			if status/100 != 2 || json.Unmarshal(body, &ok) != nil || len(ok.Messages) == 0 || ok.Messages[0].ID != res.ProviderID {
				t.Fatalf("HTTP %d %q accepted as %q", status, body, res.ProviderID)
			}
			return
		}
		e := notify.AsError(err)
		if status/100 == 2 {
			if e.Class != notify.ErrUnknown {
				t.Fatalf("HTTP %d %q classified %v", status, body, e.Class)
			}
			return
		}
		code, hasCode := graphCode(body)
		info, known := codes[code]
		switch {
		case !hasCode:
			if e.Class != statusClass(status) {
				t.Fatalf("no error code, HTTP %d classified %v (%v)", status, e.Class, e)
			}
		case known:
			if e.Class != classes[info.class] || e.Code != strconv.Itoa(code) || e.RetryAfter < info.after || e.BadRecipient != info.badRecip ||
				e.NoCredit != (info.class == cNoCredit) {
				t.Fatalf("code %d classified %#v, want %+v", code, e, info)
			}
			if e.RetryAfter > 0 && e.RetryAfter < resp.RetryAfter() {
				t.Fatalf("code %d waits %v, less than the Retry-After %v", code, e.RetryAfter, resp.RetryAfter())
			}
		case code >= 200 && code <= 299:
			if e.Class != notify.ErrConfig {
				t.Fatalf("permission code %d classified %v", code, e.Class)
			}
		default:
			// notify.Unknown carries no code; its reason names it.
			if e.Class != statusClass(status) || (e.Class != notify.ErrUnknown && e.Code != strconv.Itoa(code)) {
				t.Fatalf("unknown code %d, HTTP %d classified %v", code, status, e)
			}
		}
	})
}
