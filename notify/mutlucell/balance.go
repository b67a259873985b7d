package mutlucell

import (
	"context"
	"encoding/xml"
	"math"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// creditQuery asks gtcrdtex for the account's credit (providers.md §2.4).
func (p *Provider) creditQuery(ctx context.Context) (*httpclient.Response, error) {
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"smskredi"`
		User    string   `xml:"ka,attr"`
		Pass    string   `xml:"pwd,attr"`
	}{User: p.cfg.User, Pass: p.cfg.Password})
	return p.post(ctx, "/gtcrdtex", body, nil, nil, true)
}

// Balance is the account's remaining credit, in Mutlucell's SMS credits.
func (p *Provider) Balance(ctx context.Context) ([]notify.Balance, error) {
	resp, err := p.creditQuery(ctx)
	if err != nil {
		return nil, err
	}
	return parseBalance(resp)
}

// parseBalance reads "$1986.0" (a decimal comma is read too).
func parseBalance(resp *httpclient.Response) ([]notify.Balance, error) {
	text := strings.TrimSpace(string(resp.Body))
	v, ok := strings.CutPrefix(text, "$")
	if !ok {
		return nil, classify(text, resp.Status)
	}
	n, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(v), ",", ".", 1), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return nil, notify.Unknown(notify.Why(ReasonCreditNotNumber).WithDetail(trim(v)), nil)
	}
	return []notify.Balance{{Name: "credit", Amount: n, Unit: notify.UnitSMS}}, nil
}
