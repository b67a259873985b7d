package mutlucell

import (
	"context"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// The SMS customers send to the account's number (two-way.md, Mutlucell):
// gtincmngapi with <increport aboneno pwd startdate enddate/> answers one
// line per message, "time<TAB>number<TAB>text", or a bare error number
// (20, 23, 30). The window is written "yyyy-MM-dd HH:mm"; how the answer
// writes a time is not documented [UNCONFIRMED], so several forms are read.

const incomingLayout = "2006-01-02 15:04"

var incomingTimes = []string{"2006-01-02 15:04:05", "02.01.2006 15:04:05", "2006-01-02 15:04", "02.01.2006 15:04", "2006-01-02T15:04:05"}

var istanbul = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Istanbul"); err == nil {
		return l
	}
	return time.FixedZone("TRT", 3*3600)
}()

// Inbox returns the messages received in [from, to]. It needs the
// account's receiving number (Config.InboxNumber).
func (p *Provider) Inbox(ctx context.Context, from, to time.Time) ([]notify.Incoming, error) {
	if p.cfg.InboxNumber == "" {
		return nil, notify.Config("inbox", notify.Why(ReasonNoInboxNumber))
	}
	// The window is in whole minutes: widen it so no second is left out.
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"increport"`
		Abone   string   `xml:"aboneno,attr"`
		Pass    string   `xml:"pwd,attr"`
		Start   string   `xml:"startdate,attr"`
		End     string   `xml:"enddate,attr"`
	}{Abone: p.cfg.InboxNumber, Pass: p.cfg.Password, Start: from.In(istanbul).Format(incomingLayout),
		End: to.In(istanbul).Add(time.Minute - time.Nanosecond).Format(incomingLayout)})
	resp, err := p.post(ctx, "/gtincmngapi", body, nil, nil, true)
	if err != nil {
		return nil, err
	}
	return parseIncoming(resp)
}

func parseIncoming(resp *httpclient.Response) ([]notify.Incoming, error) {
	text := strings.TrimSpace(string(resp.Body))
	if _, err := strconv.Atoi(text); err == nil {
		return nil, classify(text, resp.Status)
	}
	var out []notify.Incoming
	for line := range strings.SplitSeq(text, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 3 {
			continue
		}
		key := strings.TrimSpace(f[0])
		from := strings.TrimSpace(f[1])
		if n, err := mapping.NormalizeRecipient("sms", from, "TR"); err == nil {
			from = n
		}
		out = append(out, notify.Incoming{From: from, Text: strings.Join(f[2:], "\t"), At: incomingTime(key), Key: key})
	}
	return out, nil
}

func incomingTime(s string) time.Time {
	for _, l := range incomingTimes {
		if t, err := time.ParseInLocation(l, s, istanbul); err == nil {
			return t
		}
	}
	return time.Time{}
}

// Blacklist adds a number to the account's blacklist (addblklst): Mutlucell
// then sends it nothing. The success answer is not documented
// [UNCONFIRMED]; the errors are bare numbers (20, 23, 30).
func (p *Provider) Blacklist(ctx context.Context, to string) error {
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"addblacklist"`
		User    string   `xml:"ka,attr"`
		Pass    string   `xml:"pwd,attr"`
		Nums    string   `xml:"nums"`
	}{User: p.cfg.User, Pass: p.cfg.Password, Nums: strings.TrimPrefix(to, "+")})
	resp, err := p.post(ctx, "/addblklst", body, []string{to}, nil, true)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(string(resp.Body))
	switch text {
	case "20", "21", "22", "23", "24", "25", "30":
		return classify(text, resp.Status)
	}
	if resp.Status/100 != 2 {
		return classify(text, resp.Status)
	}
	return nil
}
