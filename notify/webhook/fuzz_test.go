package webhook

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// go test ./notify/webhook -run='^$' -fuzz='^FuzzAnswer$' -fuzztime=10m
//
// FuzzAnswer feeds any status, body and Retry-After to the receiver answer
// classifier. A shop's receiver is arbitrary code, so only the HTTP status
// decides: 2xx accepted (under the receiver's own id when it names a usable
// one, else ours), 401/403 a secret problem, 408/429 a wait of at least 30 s
// and at least what was asked, 5xx unknown because the receiver may have
// acted, and anything else a refusal that names the status.
func FuzzAnswer(f *testing.F) {
	for _, a := range []struct {
		status int
		body   string
	}{
		{200, `{"id":"shop-1"}`}, {201, `{"id":"shop-1","ok":true}`}, {202, ``}, {204, ``}, {200, `ok`},
		{200, `{"id":""}`}, {200, `{"id":"   "}`}, {200, `{"id":42}`}, {200, `{"id":null}`}, {200, `[{"id":"x"}]`},
		{200, `{"id":"` + strings.Repeat("a", 1000) + `"}`}, {200, "{\"id\":\"\\u0000\"}"},
		{401, `{"error":"bad signature"}`}, {403, ``}, {408, ``}, {429, ``}, {400, `{"error":"bad payload"}`},
		{404, `Not Found`}, {410, ``}, {500, `Internal Server Error`}, {502, `<html>Bad Gateway</html>`}, {503, ``},
		{301, ``}, {100, ``}, {299, ``}, {600, ``},
	} {
		f.Add(a.status, []byte(a.body), "", int64(7))
	}
	f.Add(429, []byte(""), "120", int64(7))
	f.Add(503, []byte(""), "Wed, 21 Oct 2015 07:28:00 GMT", int64(0))
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string, id int64) {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		resp := &httpclient.Response{Status: status, Header: h, Body: body}
		res, err := parseAnswer(resp, id)
		providertest.CheckOutcome(t, res, err)
		if status >= 200 && status < 300 {
			var ans struct {
				ID string `json:"id"`
			}
			want := "webhook-" + strconv.FormatInt(id, 10)
			if json.Unmarshal(body, &ans) == nil && strings.TrimSpace(ans.ID) != "" {
				want = ans.ID
			}
			if err != nil || res.ProviderID != want {
				t.Fatalf("HTTP %d %q = %+v, %v; want id %q", status, body, res, err, want)
			}
			return
		}
		if err == nil {
			t.Fatalf("HTTP %d accepted", status)
		}
		e := notify.AsError(err)
		var want error = notify.ErrPermanent
		switch {
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			want = notify.ErrConfig
		case status == http.StatusTooManyRequests || status == http.StatusRequestTimeout:
			want = notify.ErrRetry
			if e.RetryAfter < 30*time.Second || e.RetryAfter < resp.RetryAfter() {
				t.Fatalf("HTTP %d (Retry-After %q) waits only %v", status, retryAfter, e.RetryAfter)
			}
		case status >= 500:
			want = notify.ErrUnknown
		}
		if e.Class != want || (want != notify.ErrUnknown && e.Code != "http "+strconv.Itoa(status)) {
			t.Fatalf("HTTP %d classified %v code %q, want %v", status, e.Class, e.Code, want)
		}
	})
}
