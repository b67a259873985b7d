package httpclient

import (
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// seconds is a delay-seconds value as strconv.Atoi reads it (a "+" too).
var seconds = regexp.MustCompile(`^\+?[0-9]+$`)

// go test ./notify/httpclient -run='^$' -fuzz='^FuzzRetryAfter$' -fuzztime=10m
//
// FuzzRetryAfter feeds any Retry-After value to the parser every provider
// and the retry policy share. A wait is never negative; a number of seconds
// is exactly that many, however large (the longest wait stands in for one
// too long to represent, so "wait very long" never turns into "retry now");
// a date gives the time left until it, or nothing once it has passed.
func FuzzRetryAfter(f *testing.F) {
	for _, v := range []string{"120", "0", " 30 ", "", "-1", "+5", "1.5", "9223372036", "9223372037", "18446744074",
		"99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), "١٢٠", "0x10", "1e3", "\x00"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Set("Retry-After", v)
		before := time.Now()
		d := RetryAfter(h)
		if d < 0 {
			t.Fatalf("Retry-After %q = %v", v, d)
		}
		v = strings.TrimSpace(h.Get("Retry-After"))
		if seconds.MatchString(v) {
			want := time.Duration(math.MaxInt64)
			if s, err := strconv.ParseUint(strings.TrimPrefix(v, "+"), 10, 64); err == nil && s <= math.MaxInt64/uint64(time.Second) {
				want = time.Duration(s) * time.Second
			}
			if d != want {
				t.Fatalf("Retry-After %q = %v, want %v", v, d, want)
			}
			return
		}
		if at, err := http.ParseTime(v); err == nil {
			if left := at.Sub(before); d > max(left, 0) {
				t.Fatalf("Retry-After %q = %v, but only %v were left", v, d, left)
			}
		} else if d != 0 {
			t.Fatalf("Retry-After %q (neither seconds nor a date) = %v", v, d)
		}
	})
}
