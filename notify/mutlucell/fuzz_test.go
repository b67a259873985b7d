package mutlucell

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// codes is providers.md §2.2's error table: the class each bare number
// must get on every endpoint.
var codes = map[string]error{
	"20": notify.ErrPermanent, "21": notify.ErrConfig, "22": notify.ErrRetry, "23": notify.ErrConfig,
	"24": notify.ErrRetry, "25": notify.ErrRetry, "30": notify.ErrConfig,
}

// wantClass is the class of a plain-text answer that is not a "$" success:
// a documented number gets its row of the table; anything else says nothing
// about the packet, so it is unknown (or a slow-down on HTTP 429).
func wantClass(text string, status int) error {
	if c, ok := codes[text]; ok {
		return c
	}
	if status == http.StatusTooManyRequests {
		return notify.ErrRetry
	}
	return notify.ErrUnknown
}

// go test ./notify/mutlucell -run='^$' -fuzz='^FuzzAnswer$' -fuzztime=10m
//
// FuzzAnswer feeds any body and HTTP status to the sndblkex and gtcrdtex
// readers. An accepted packet's id is exactly what stood between "$" and
// "#", its segment count is never negative, and "nothing was sent" is said
// only when Mutlucell said #0.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{"$1234567#1.0", "$88096496#2.0", "$1234567#0.0", "$1986.0", "20", "21", "22", "23", "24", "25",
		"30", "\n$1234567#1.0\r\n", "$1234567", "$#1.0", "#1.0", "$1234567#", "$1234567#1,0", "$1234567#NaN", "$1234567#-1",
		"$1234567#1e300", "$ #1.0", "$1#2#3", "0", "-20", "+20", "<html>502 Bad Gateway</html>", "", "\xff\xfe",
		strings.Repeat("9", 100)} {
		f.Add([]byte(s), 200, uint8(1))
	}
	f.Add([]byte("Too Many Requests"), 429, uint8(3))
	f.Add([]byte("$1234567#3.0"), 200, uint8(3))
	f.Fuzz(func(t *testing.T, body []byte, status int, n uint8) {
		resp := &httpclient.Response{Status: status, Header: http.Header{}, Body: body}
		msgs := int(n%8) + 1
		text := strings.TrimSpace(string(body))
		res, err := parseSend(resp, msgs)
		providertest.CheckOutcome(t, res, err)
		if err == nil {
			id, _, ok := strings.Cut(strings.TrimPrefix(text, "$"), "#")
			if !strings.HasPrefix(text, "$") || !ok || strings.TrimSpace(id) != res.ProviderID {
				t.Fatalf("%q accepted as packet %q", text, res.ProviderID)
			}
		} else if e := notify.AsError(err); strings.HasPrefix(text, "$") && strings.Contains(text, "#") && e.Class == notify.ErrPermanent {
			c, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(text[strings.Index(text, "#")+1:]), ",", ".", 1), 64)
			if err != nil || c != 0 {
				// The packet was taken; only #0 says nothing went out.
				t.Fatalf("%q called a permanent failure", text)
			}
		} else if !strings.HasPrefix(text, "$") && (e.Class != wantClass(text, status) || (codes[text] != nil && e.Code != text)) {
			t.Fatalf("%q (HTTP %d) classified %v code %q, want %v", text, status, e.Class, e.Code, wantClass(text, status))
		}

		if bs, err := parseBalance(resp); err != nil {
			providertest.CheckError(t, notify.AsError(err))
		} else if len(bs) != 1 || !strings.HasPrefix(text, "$") || math.IsNaN(bs[0].Amount) || math.IsInf(bs[0].Amount, 0) {
			t.Fatalf("credit answer %q read as %v", text, bs)
		}

		msg, err := parseCredit(resp)
		switch {
		case err != nil:
			providertest.CheckError(t, notify.AsError(err))
			if e := notify.AsError(err); e.Class != wantClass(text, status) {
				t.Fatalf("credit answer %q (HTTP %d) classified %v", text, status, e.Class)
			}
		case msg.Code == "" || !strings.HasPrefix(text, "$"):
			t.Fatalf("credit answer %q accepted as %q", text, msg)
		}
	})
}

// go test ./notify/mutlucell -run='^$' -fuzz='^FuzzReport$' -fuzztime=10m
//
// FuzzReport feeds any body to the gtblkrprtex reader. Each "<number>
// <status>" line must come out as it went in (the last line for a number
// wins), none may be dropped without an error, and every status maps to a
// known delivery state with a reason.
func FuzzReport(f *testing.F) {
	for _, s := range []string{"905551112233 3\n905551112244 2\n", "905551112233 3", "+905551112233 3\r\n905551112244 6\r\n",
		"905551112233\t3", "905551112233 3 extra", "905551112233 x\n905551112244 16", "905551112233", "20", "23", "30",
		"", "\n\n", "905551112233 -1", "905551112233 99999999999999999999", "905551112233 3\n905551112233 6",
		"+ 3", "3 905551112233", "<html>502</html>", "1 2\n3", "  20  ", "905551112233\u00a03",
		// A line longer than bufio.Scanner's 64 KiB buffer before a real one.
		strings.Repeat("x", 70_000) + "\n905551112233 3"} {
		f.Add([]byte(s), 200)
	}
	f.Add([]byte(""), 429)
	f.Fuzz(func(t *testing.T, body []byte, httpStatus int) {
		lines, err := parseReport(&httpclient.Response{Status: httpStatus, Header: http.Header{}, Body: body})
		text := strings.TrimSpace(string(body))
		if err != nil {
			if lines != nil {
				t.Fatalf("error %v came with lines", err)
			}
			providertest.CheckError(t, notify.AsError(err))
			if _, aerr := strconv.Atoi(text); aerr != nil {
				t.Fatalf("report %q read as error %v", text, err)
			}
			return
		}
		want := map[string]int{}
		for _, l := range strings.Split(text, "\n") {
			if f := strings.Fields(l); len(f) >= 2 {
				if st, err := strconv.Atoi(f[1]); err == nil {
					want[strings.TrimPrefix(f[0], "+")] = st
				}
			}
		}
		if len(lines) != len(want) {
			t.Fatalf("%d numbers read, %d listed in %.200q", len(lines), len(want), text)
		}
		for no, st := range want {
			if got, ok := lines[no]; !ok || got != st {
				t.Fatalf("number %q: status %d, %v; listed %d", no, got, ok, st)
			}
			r := notify.Report{Code: strconv.Itoa(st)}
			r.Status, r.Why = status(st)
			providertest.CheckReport(t, r)
			if (st == 3) != (r.Status == notify.StatusDelivered) {
				t.Fatalf("status %d read as %v", st, r.Status)
			}
		}
	})
}
