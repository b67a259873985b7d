package netgsm

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// answers are NetGSM bodies as documented (providers.md §1.2), as the fake
// sends them, and a few a proxy or a broken deploy could put in their place.
var answers = []struct {
	status int
	body   string
}{
	{200, `{"code":"00","description":"Success","jobid":"1311033503"}`},
	{200, `{"code":"00","description":"Success","jobid":"12345,12346"}`},
	{200, `{"code":"00","description":"Success","jobid":1311033503}`},
	{200, `{"code":0,"jobid":"1"}`},
	{200, `{"code":"01","jobid":"17"}`},
	{200, `{"code":"00","description":"Success","jobid":null}`},
	{406, `{"code":"40","jobid":null,"description":"Check the msgheader parameter"}`},
	{406, `{"code":"30","description":"Invalid username, password or no API access","jobid":null}`},
	{401, `{"code":"30","description":"Invalid credentials"}`},
	{406, `{"code":"85","description":"More than 20 jobs to the same number within a minute"}`},
	{406, `{"code":"80","description":"Limit exceeded"}`},
	{406, `{"code":"100","description":"System error"}`},
	{406, `{"code":"5000","description":"?"}`},
	{200, `{"code":"00","description":"Success","msgheaders":["MAGAZA","BASKA"]}`},
	{200, `{"code":"00","msgheaders":[]}`},
	{200, `{"code":"00","description":"Success","jobs":[{"jobid":"1311033501","number":"905320000001","status":1,"operator":30,"msglen":1,"deliveredDate":"2025-01-15 14:30:05","errorCode":0},{"jobid":"1311033501","number":"905320000002","status":3,"operator":30,"msglen":1,"deliveredDate":"","errorCode":105}]}`},
	{200, `{"code":"00","jobs":[{"jobid":7,"number":5320000009,"status":0}]}`},
	{200, `{"code":"00","jobs":[]}`},
	{406, `{"code":"60","description":"No records"}`},
	// Legacy plain-text answers (§1.3) must not pass for the JSON one.
	{200, "00 361124870"},
	{200, "30"},
	{200, ""},
	{502, "<html><body>Bad Gateway</body></html>"},
	{429, ""},
	{403, "Forbidden"},
	{200, `{"code":"00","jobid":"` + strings.Repeat("9", 300) + `"}`},
	{200, "\xef\xbb\xbf{\"code\":\"00\",\"jobid\":\"1\"}"},
}

// sendCodes is §1.2's table: the class each documented code must get,
// whatever else the body says.
var sendCodes = map[string]error{
	"20": notify.ErrPermanent, "60": notify.ErrPermanent, "70": notify.ErrPermanent,
	"30": notify.ErrConfig, "40": notify.ErrConfig, "50": notify.ErrConfig, "51": notify.ErrConfig,
	"80": notify.ErrRetry, "85": notify.ErrRetry, "100": notify.ErrRetry, "101": notify.ErrRetry, "110": notify.ErrRetry,
}

func response(status int, retryAfter string, body []byte) *httpclient.Response {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &httpclient.Response{Status: status, Header: h, Body: body}
}

// codeOf is what NetGSM's result code reads as, or "" when the body has none.
func codeOf(body []byte) string {
	var a answer
	if json.Unmarshal(bytes.TrimSpace(body), &a) != nil {
		return ""
	}
	return string(a.Code)
}

// noCodeClass is the class of an answer without a result code: only the
// HTTP status speaks, and apart from credentials and slow-down it says
// nothing about this message, so only "unknown" is safe.
func noCodeClass(status int) error {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return notify.ErrConfig
	case http.StatusTooManyRequests:
		return notify.ErrRetry
	}
	return notify.ErrUnknown
}

// go test ./notify/netgsm -run='^$' -fuzz='^FuzzAnswer$' -fuzztime=10m
//
// FuzzAnswer feeds any body, HTTP status and Retry-After to the send and
// msgheader parsers. Beyond the outcome contract, a documented code always
// gets its documented class, and an accepted send names one job per message.
func FuzzAnswer(f *testing.F) {
	for _, a := range answers {
		f.Add([]byte(a.body), a.status, "", uint8(1))
		f.Add([]byte(a.body), a.status, "120", uint8(2))
	}
	f.Fuzz(func(t *testing.T, body []byte, status int, retryAfter string, n uint8) {
		resp := response(status, retryAfter, body)
		msgs := int(n%8) + 1
		ids, err := parseSend(resp, msgs)
		code := codeOf(body)
		if err != nil {
			if ids != nil {
				t.Fatalf("error %v came with ids %q", err, ids)
			}
			e := notify.AsError(err)
			providertest.CheckError(t, e)
			if want, ok := sendCodes[code]; ok && (e.Class != want || e.Code != code) {
				t.Fatalf("code %s classified %v (code %q), want %v", code, e.Class, e.Code, want)
			}
			if code == "" && e.Class != noCodeClass(status) {
				t.Fatalf("no code, HTTP %d classified %v", status, e.Class)
			}
		} else {
			if code != "00" && code != "01" && code != "02" {
				t.Fatalf("code %q accepted", code)
			}
			if len(ids) != msgs {
				t.Fatalf("%d ids for %d messages", len(ids), msgs)
			}
			for _, id := range ids {
				providertest.CheckOutcome(t, notify.Result{ProviderID: id}, nil)
				if strings.Contains(id, ",") {
					t.Fatalf("jobid %q was not split", id)
				}
			}
		}

		if bs, err := parseBalance(resp); err != nil {
			providertest.CheckError(t, notify.AsError(err))
		} else {
			if len(bs) == 0 || !bytes.Contains(body, []byte(`"balance"`)) {
				t.Fatalf("balance %v read from %q", bs, body)
			}
			for _, b := range bs {
				if b.Name == "" || math.IsNaN(b.Amount) || math.IsInf(b.Amount, 0) {
					t.Fatalf("balance %+v read from %q", b, body)
				}
			}
		}

		const want = "MAGAZA"
		msg, err := parseHeaders(resp, want)
		if err != nil {
			providertest.CheckError(t, notify.AsError(err))
			return
		}
		// Success must mean the account's list really holds the header.
		var list struct {
			MsgHeaders []string `json:"msgheaders"`
		}
		if msg.Code == "" || json.Unmarshal(body, &list) != nil || !slices.Contains(list.MsgHeaders, want) {
			t.Fatalf("header %q approved (%q) by a body that does not list it: %q", want, msg, body)
		}
	})
}

// go test ./notify/netgsm -run='^$' -fuzz='^FuzzFlexString$' -fuzztime=10m
//
// FuzzFlexString checks flexString against encoding/json itself: a JSON
// string is its value, a number is its literal, null leaves it empty, and
// everything else is an error rather than a guess.
func FuzzFlexString(f *testing.F) {
	for _, s := range []string{`"00"`, `0`, `30`, `"1311033503"`, `1311033503`, `null`, `""`, `-0`, `1e400`, `1.50`,
		`"\u0030\u0030"`, `true`, `{}`, `[]`, `["00"]`, `"12345,12346"`, `"\xff"`, ` 00`, `0x1F`, `"`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got flexString
		err := json.Unmarshal(b, &got)
		if !json.Valid(b) {
			if err == nil {
				t.Fatalf("invalid JSON %q read as %q", b, got)
			}
			return
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			t.Fatalf("valid JSON %q does not decode", b)
		}
		var want string
		switch v := v.(type) {
		case string:
			want = v
		case json.Number:
			want = v.String()
		case nil:
		default:
			if err == nil {
				t.Fatalf("%T %q read as %q", v, b, got)
			}
			return
		}
		if err != nil || string(got) != want {
			t.Fatalf("%q read as %q, %v; want %q", b, got, err, want)
		}
	})
}

// go test ./notify/netgsm -run='^$' -fuzz='^FuzzReportPage$' -fuzztime=10m
//
// FuzzReportPage feeds any body to the report page reader and matches each
// row it returns. A page that lists rows must give all of them or an error:
// a page silently read as empty would make an uncertain send look absent
// and, after uncertain_grace, be sent a second time.
func FuzzReportPage(f *testing.F) {
	for _, a := range answers {
		f.Add([]byte(a.body), a.status)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		rows, err := reportPage(response(status, "", body))
		if err != nil {
			if rows != nil {
				t.Fatalf("error %v came with rows", err)
			}
			providertest.CheckError(t, notify.AsError(err))
			return
		}
		var listed struct {
			Jobs []json.RawMessage `json:"jobs"`
		}
		if json.Unmarshal(body, &listed) == nil && codeOf(body) != "60" && len(listed.Jobs) != len(rows) {
			t.Fatalf("page lists %d rows, read %d without an error: %q", len(listed.Jobs), len(rows), body)
		}
		for i, r := range rows {
			to := "+0" // no number: matched by job only
			if n := string(r.Number); len(n) >= 10 {
				if no, err := Number(n[len(n)-10:]); err == nil {
					to = "+90" + no
				}
			}
			s := notify.Sent{ID: int64(i + 1), ProviderID: string(r.JobID), To: to}
			for _, byJob := range []bool{true, false} {
				rep, ok := match(rows, s, byJob)
				if !ok {
					t.Fatalf("row %d (%+v) not found by its own jobid and number (byJob %v)", i, r, byJob)
				}
				providertest.CheckReport(t, rep)
				if rep.ID != s.ID || rep.To != s.To || (byJob && rep.ProviderID != s.ProviderID) {
					t.Fatalf("report %+v does not answer %+v", rep, s)
				}
				st, err := strconv.Atoi(rep.Code)
				if err != nil || (st == 1) != (rep.Status == notify.StatusDelivered) || (st == 0) != (rep.Status == notify.StatusPending) {
					t.Fatalf("report status %q read as %v", rep.Code, rep.Status)
				}
			}
		}
	})
}
