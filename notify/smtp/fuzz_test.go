package smtp

import (
	"errors"
	"fmt"
	"net/textproto"
	"strconv"
	"strings"
	"testing"

	"github.com/wneessen/go-mail"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// replyCode maps any number onto what go-mail can report: 0 (no reply
// code) or a 4xx/5xx reply; its errorCode gives nothing else.
func replyCode(n uint16) int {
	if n%201 == 0 {
		return 0
	}
	return 400 + int(n%200)
}

// go test ./notify/smtp -run='^$' -fuzz='^FuzzClassify$' -fuzztime=10m
//
// FuzzClassify feeds any reply code, enhanced code, failing stage and error
// text to the reply classifier (providers.md §5, RFC 5321 §4.2.1 and RFC
// 3463). go-mail parses the reply line; what is checked here is our reading
// of it: 4xx and temporary replies are retries, 5xx never are (except too
// many recipients), authentication replies pause the channel, only a 5.1.x
// recipient reply blames the address, and the original error stays wrapped.
func FuzzClassify(f *testing.F) {
	replies := []struct {
		code   int
		enh    string
		reason mail.SendErrReason
		temp   bool
	}{
		{421, "4.3.2", mail.ErrSMTPMailFrom, true},
		{450, "4.2.0", mail.ErrSMTPRcptTo, true},
		{451, "4.7.1", mail.ErrSMTPRcptTo, true},
		{452, "4.5.3", mail.ErrSMTPRcptTo, true},
		{454, "4.7.0", mail.ErrSMTPMailFrom, true},
		{550, "5.1.1", mail.ErrSMTPRcptTo, false},
		{550, "5.1.10", mail.ErrSMTPRcptTo, false},
		{550, "5.7.1", mail.ErrSMTPMailFrom, false},
		{552, "5.3.4", mail.ErrSMTPDataClose, false},
		{552, "5.5.3", mail.ErrSMTPRcptTo, false},
		{553, "5.1.3", mail.ErrSMTPRcptTo, false},
		{554, "5.7.1", mail.ErrSMTPDataClose, false},
		{556, "5.1.10", mail.ErrSMTPRcptTo, false},
		{535, "5.7.8", mail.ErrSMTPMailFrom, false},
		{530, "", mail.ErrSMTPMailFrom, false},
		{550, "", mail.ErrSMTPRcptTo, false},
		{0, "", mail.ErrSMTPDataClose, false},
		{0, "", mail.ErrSMTPData, false},
		{0, "", mail.ErrConnCheck, false},
		{550, "2.0.0", mail.ErrSMTPRcptTo, false},
		{450, "5.1.1", mail.ErrSMTPRcptTo, true},
		{599, "5.999.999", mail.ErrAmbiguous, false},
	}
	for _, r := range replies {
		n := uint16(0)
		if r.code != 0 {
			n = uint16(r.code - 400)
		}
		f.Add(n, r.enh, uint8(r.reason), r.temp, uint8(0), "")
	}
	for i, msg := range []string{"5.7.0 Must issue a STARTTLS command first", "Authentication failed", "", "smtp server does not support STARTTLS",
		"dial tcp: lookup mail.example.com: no such host", "tls: failed to verify certificate", "\x00\xff"} {
		for kind := range uint8(4) {
			f.Add(uint16(i*37), "", uint8(0), false, kind, msg)
		}
	}
	f.Fuzz(func(t *testing.T, n uint16, enh string, r uint8, temp bool, kind uint8, msg string) {
		code, reason := replyCode(n), mail.SendErrReason(r%uint8(mail.ErrAmbiguous+2))
		e := reply(code, enh, reason, temp)
		providertest.CheckError(t, e)
		checkReply(t, e, code, enh, reason, temp)

		// classify: the errors go-mail and the dialer hand back before or
		// without a SendError.
		var err error
		switch kind % 4 {
		case 0:
			// Any three digits: a 250 where 354 was due also comes back
			// as a textproto.Error.
			err = fmt.Errorf("smtp: %w", &textproto.Error{Code: int(n) % 1000, Msg: msg})
		case 1:
			err = errors.New(msg)
		case 2:
			err = &mail.SendError{Reason: reason}
		case 3:
			err = fmt.Errorf("%w: %s", httpclient.ErrEgressDenied, msg)
		}
		ce := notify.AsError(classify(err))
		providertest.CheckError(t, ce)
		if !errors.Is(ce, err) {
			t.Fatalf("classify(%v) lost the original error: %#v", err, ce)
		}
		var te *textproto.Error
		switch {
		case errors.Is(err, httpclient.ErrEgressDenied):
			if ce.Class != notify.ErrConfig {
				t.Fatalf("refused egress classified %v", ce.Class)
			}
		case errors.As(err, &te):
			// A session reply (greeting, STARTTLS, AUTH) is about the
			// server, never about this message.
			want := notify.ErrConfig
			if te.Code/100 == 4 {
				want = notify.ErrRetry
			}
			if ce.Class != want {
				t.Fatalf("session reply %d classified %v", te.Code, ce.Class)
			}
		case kind%4 == 1 && !strings.Contains(msg, "does not support STARTTLS") && ce.Class != notify.ErrRetry:
			t.Fatalf("network error %q classified %v: nothing was submitted", msg, ce.Class)
		}
	})
}

func checkReply(t *testing.T, e *notify.Error, code int, enh string, reason mail.SendErrReason, temp bool) {
	t.Helper()
	if code == 0 {
		want := notify.ErrRetry
		if reason == mail.ErrSMTPData || reason == mail.ErrSMTPDataClose {
			want = notify.ErrUnknown // the message may have been queued
		}
		if e.Class != want {
			t.Fatalf("no reply at stage %v classified %v, want %v", reason, e.Class, want)
		}
		return
	}
	wantCode := strconv.Itoa(code)
	if enh != "" {
		wantCode += " " + enh
	}
	if e.Code != wantCode {
		t.Fatalf("reply %d %q coded %q", code, enh, e.Code)
	}
	auth := code == 530 || code == 534 || code == 535
	switch {
	case auth && e.Class != notify.ErrConfig:
		t.Fatalf("auth reply %d classified %v", code, e.Class)
	case !auth && (temp || code/100 == 4) && (e.Class != notify.ErrRetry || e.RetryAfter <= 0):
		t.Fatalf("temporary reply %d classified %v after %v", code, e.Class, e.RetryAfter)
	case !auth && !temp && code/100 == 5 && !(code == 552 && reason == mail.ErrSMTPRcptTo) && e.Class != notify.ErrPermanent && e.Class != notify.ErrConfig:
		t.Fatalf("permanent reply %d %s classified %v", code, enh, e.Class)
	}
	if e.BadRecipient && !strings.HasPrefix(enh, "5.1.") {
		t.Fatalf("reply %d %q blames the recipient", code, enh)
	}
}
