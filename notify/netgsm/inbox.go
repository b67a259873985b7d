package netgsm

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// The SMS customers send to the account's number (two-way.md, NetGSM):
// GET /sms/rest/v2/inbox lists them by time. Asked without a window it
// lists each message once only, so a reader that crashed before storing
// what it read would lose it: every read names its window.

// inboxLayout is the window's format (ddMMyyyyHHmmss, Istanbul time).
const inboxLayout = "02012006150405"

// inboxTimes are the forms a listed message's datetime may take: the
// documents give none [UNCONFIRMED], so each one NetGSM writes elsewhere is
// read.
var inboxTimes = []string{"02.01.2006 15:04:05", "2006-01-02 15:04:05", "02.01.2006 15:04", "2006-01-02T15:04:05",
	"02012006150405", "020120061504", "2006-01-02 15:04"}

// Inbox returns the messages received in [from, to].
func (p *Provider) Inbox(ctx context.Context, from, to time.Time) ([]notify.Incoming, error) {
	q := url.Values{}
	q.Set("startdate", from.In(istanbul).Format(inboxLayout))
	q.Set("stopdate", to.In(istanbul).Format(inboxLayout))
	if p.cfg.AppName != "" {
		q.Set("appname", p.cfg.AppName)
	}
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodGet, URL: p.cfg.URL + "/sms/rest/v2/inbox?" + q.Encode(),
		Header: p.header(), Idempotent: true})
	if err != nil {
		return nil, err
	}
	return parseInbox(resp)
}

func parseInbox(resp *httpclient.Response) ([]notify.Incoming, error) {
	var a struct {
		Code     flexString `json:"code"`
		Messages []struct {
			Message  string     `json:"message"`
			Sender   flexString `json:"sender"`
			Receiver flexString `json:"receiver"`
			Datetime flexString `json:"datetime"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(resp.Body, &a); err != nil || a.Code == "" {
		if _, err := decode(resp); err != nil {
			return nil, err
		}
		return nil, notify.Unknown(notify.Why(ReasonInboxUnreadable, "status", resp.Status), nil)
	}
	switch a.Code {
	case "00", "0":
	case "40":
		return nil, nil // no messages in the window
	default:
		if e := classifySend(string(a.Code), "", resp); e != nil {
			return nil, e
		}
	}
	out := make([]notify.Incoming, 0, len(a.Messages))
	for _, m := range a.Messages {
		key := strings.TrimSpace(string(m.Datetime))
		out = append(out, notify.Incoming{From: sender(string(m.Sender)), To: strings.TrimSpace(string(m.Receiver)),
			Text: m.Message, At: inboxTime(key), Key: key})
	}
	return out, nil
}

// sender gives a listed sender its E.164 form where it is a Turkish
// mobile number (NetGSM writes 90… or 5…), as the opt-out list holds it.
func sender(s string) string {
	s = strings.TrimSpace(s)
	if to, err := mapping.NormalizeRecipient("sms", s, "TR"); err == nil {
		return to
	}
	return s
}

func inboxTime(s string) time.Time {
	for _, l := range inboxTimes {
		if t, err := time.ParseInLocation(l, s, istanbul); err == nil {
			return t
		}
	}
	return time.Time{}
}

type blacklistRequest struct {
	XMLName xml.Name `xml:"mainbody"`
	Header  struct {
		UserCode string `xml:"usercode"`
		Password string `xml:"password"`
		Tip      int    `xml:"tip"` // 1 add, 2 remove
	} `xml:"header"`
	Body blacklistBody `xml:"body"`
}

type blacklistBody struct {
	Number []string `xml:"number"`
}

// Blacklist adds a number to the account's blacklist (POST /sms/blacklist,
// tip 1; netgsm/API KaraListe.java): NetGSM then sends it nothing from this
// account, informational messages included (report status 15).
func (p *Provider) Blacklist(ctx context.Context, to string) error {
	no, err := Number(to)
	if err != nil {
		return err
	}
	req := blacklistRequest{Body: blacklistBody{Number: []string{no}}}
	req.Header.UserCode, req.Header.Password, req.Header.Tip = p.cfg.UserCode, p.cfg.Password, 1
	body, _ := xml.Marshal(req)
	h := http.Header{}
	h.Set("Content-Type", "text/xml; charset=UTF-8")
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL + "/sms/blacklist", Header: h,
		Body: append([]byte(xml.Header), body...), Recipients: []string{to}, Idempotent: true})
	if err != nil {
		return err
	}
	return parseBlacklist(resp)
}

// parseBlacklist reads the plain-text answer: "OK" (the sample's) or "00"
// on success, else a result code.
func parseBlacklist(resp *httpclient.Response) error {
	text := strings.TrimSpace(string(resp.Body))
	code, _, _ := strings.Cut(text, " ")
	switch {
	case strings.EqualFold(text, "ok"), code == "00", code == "0":
		return nil
	case code != "" && strings.Trim(code, "0123456789") == "":
		if e := classifySend(code, "", resp); e != nil {
			return e
		}
		return nil
	}
	if resp.Status/100 != 2 {
		_, err := decode(resp)
		return err
	}
	return notify.Unknown(notify.Why(ReasonBlacklistUnreadable, "status", resp.Status).WithDetail(trimText(text)), nil)
}

func trimText(s string) string {
	if len(s) > 80 {
		return s[:80]
	}
	return s
}
