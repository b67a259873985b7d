package netgsm

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// balanceAll asks for packages and TL credit together (stip 3; 1 is
// packages only, 2 credit only).
const balanceAll = 3

type balanceRequest struct {
	UserCode string `json:"usercode"`
	Password string `json:"password"`
	Stip     int    `json:"stip"`
	AppKey   string `json:"appkey,omitempty"`
}

// Balance asks NetGSM what the account holds (POST /balance). Unlike the
// SMS endpoints it takes the credentials in the body, not Basic auth.
// The answer's shape is not documented [UNCONFIRMED]: the SDK's types say
// {"code":"00","balance":"39,000"}, a public client reads
// {"balance":[{"amount":215,"balance_name":"..."}]}; both are read, and
// amounts as numbers or as text with a decimal comma.
func (p *Provider) Balance(ctx context.Context) ([]notify.Balance, error) {
	body, _ := json.Marshal(balanceRequest{UserCode: p.cfg.UserCode, Password: p.cfg.Password, Stip: balanceAll})
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL + "/balance", Header: h, Body: body, Idempotent: true})
	if err != nil {
		return nil, err
	}
	return parseBalance(resp)
}

func parseBalance(resp *httpclient.Response) ([]notify.Balance, error) {
	var a struct {
		Code    flexString      `json:"code"`
		Balance json.RawMessage `json:"balance"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(resp.Body), &a); err != nil || (a.Code == "" && len(a.Balance) == 0) {
		if _, err := decode(resp); err != nil {
			return nil, err
		}
		return nil, notify.Unknown(notify.Why(ReasonBalanceUnreadable, "status", resp.Status), nil)
	}
	if a.Code != "" {
		if e := classifySend(string(a.Code), "", resp); e != nil {
			return nil, e
		}
	}
	var one flexString
	if err := json.Unmarshal(a.Balance, &one); err == nil && one != "" {
		v, ok := amount(string(one))
		if !ok {
			return nil, notify.Unknown(notify.Why(ReasonBalanceNotNumber).WithDetail(string(one)), nil)
		}
		return []notify.Balance{{Name: "credit", Amount: v, Unit: notify.UnitTL}}, nil
	}
	var list []struct {
		Amount flexString `json:"amount"`
		Name   string     `json:"balance_name"`
	}
	if err := json.Unmarshal(a.Balance, &list); err != nil || len(list) == 0 {
		return nil, notify.Unknown(notify.Why(ReasonBalanceMissing), nil)
	}
	out := make([]notify.Balance, 0, len(list))
	for _, b := range list {
		v, ok := amount(string(b.Amount))
		if !ok {
			return nil, notify.Unknown(notify.Why(ReasonBalanceNotNumber).WithDetail(string(b.Amount)), nil)
		}
		// A named balance is in the unit its name says ("Sms Hizmeti -
		// Giden", "TL Bakiye"); one without a name is the TL credit.
		bal := notify.Balance{Name: strings.TrimSpace(b.Name), Amount: v}
		if bal.Name == "" {
			bal.Name, bal.Unit = "credit", notify.UnitTL
		}
		out = append(out, bal)
	}
	return out, nil
}

// amount reads "39,000", "39.5", "215" or "1.234,50": the last comma or dot
// is the decimal mark, as NetGSM writes a decimal comma ("00 39,000" is 39
// TL in the legacy answer, providers.md §1.6) and Turkish text groups
// thousands with dots.
func amount(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, ",."); i >= 0 {
		intPart := strings.NewReplacer(".", "", ",", "").Replace(s[:i])
		s = intPart + "." + s[i+1:]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
