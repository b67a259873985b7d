package netgsm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// İYS through NetGSM (NetİYS; two-way.md, netgsm/netiys): POST /iys/search
// reads one address's consent, POST /iys/add records one. Both take
// {"header": {username, password, brandCode}, "body": {"data": [...]}}, as
// NetGSM's own library sends them; the reference also reads the three as
// HTTP headers [UNCONFIRMED], so they go both ways. Answers are
// {"code": 0, "error": false, ...}, or a code and the error's text
// ("50": no record).

// IYSConfig is one İYS brand at NetGSM.
type IYSConfig struct {
	URL       string // default DefaultURL
	UserCode  string
	Password  string
	BrandCode string
}

// IYS reads and records consents of one brand.
type IYS struct {
	cfg IYSConfig
	c   *httpclient.Client
}

// NewIYS returns a client sending through c.
func NewIYS(cfg IYSConfig, c *httpclient.Client) *IYS {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	return &IYS{cfg: cfg, c: c}
}

// İYS's words.
const (
	IYSMessage    = "MESAJ"    // SMS and other messages
	IYSEmail      = "EPOSTA"   // e-mail
	IYSIndividual = "BIREYSEL" // a person: needs prior consent
	IYSMerchant   = "TACIR"    // a merchant or tradesman: needs none, may refuse
	IYSApproved   = "ONAY"
	IYSRefused    = "RET"
)

// IYSRecord is İYS's consent of one address.
type IYSRecord struct {
	Found       bool   // false: İYS holds nothing for the address
	Status      string // ONAY or RET
	ConsentDate string // as İYS wrote it
	Source      string // HS_WEB, HS_MESAJ, ...
}

type iysHeader struct {
	Username  string `json:"username"`
	Password  string `json:"password"`
	BrandCode string `json:"brandCode"`
}

type iysItem struct {
	Type          string `json:"type"`
	Source        string `json:"source,omitempty"`
	Recipient     string `json:"recipient"`
	Status        string `json:"status,omitempty"`
	ConsentDate   string `json:"consentDate,omitempty"`
	RecipientType string `json:"recipientType"`
}

type iysRequest struct {
	Header iysHeader `json:"header"`
	Body   struct {
		Data []iysItem `json:"data"`
	} `json:"body"`
}

type iysAnswer struct {
	Code  flexString      `json:"code"`
	Error json.RawMessage `json:"error"`
	Query *struct {
		Status      string `json:"status"`
		ConsentDate string `json:"consentDate"`
		Source      string `json:"source"`
	} `json:"query"`
}

// Search reads the consent of recipient (+905… or an e-mail address) of
// kind typ (IYSMessage, IYSEmail) for recipientType.
func (y *IYS) Search(ctx context.Context, typ, recipient, recipientType string) (IYSRecord, error) {
	a, err := y.post(ctx, "/iys/search", iysItem{Type: typ, Recipient: recipient, RecipientType: recipientType})
	if err != nil {
		return IYSRecord{}, err
	}
	switch a.Code {
	case "0", "00":
		if a.Query == nil {
			return IYSRecord{}, notify.Unknown(notify.Why(ReasonIYSUnreadable), nil)
		}
		return IYSRecord{Found: true, Status: strings.ToUpper(strings.TrimSpace(a.Query.Status)), ConsentDate: a.Query.ConsentDate,
			Source: a.Query.Source}, nil
	case "50":
		return IYSRecord{}, nil // "Kayıt Bulunamadı": no consent recorded
	}
	return IYSRecord{}, iysError(a)
}

// Refuse records in İYS that recipient refused messages of kind typ at
// when, received by source (HS_MESAJ: by a message).
func (y *IYS) Refuse(ctx context.Context, typ, recipient, recipientType, source string, when time.Time) error {
	a, err := y.post(ctx, "/iys/add", iysItem{Type: typ, Source: source, Recipient: recipient, Status: IYSRefused,
		ConsentDate: when.In(istanbul).Format("2006-01-02 15:04:05"), RecipientType: recipientType})
	if err != nil {
		return err
	}
	if a.Code == "0" || a.Code == "00" {
		return nil
	}
	return iysError(a)
}

func (y *IYS) post(ctx context.Context, path string, item iysItem) (iysAnswer, error) {
	req := iysRequest{Header: iysHeader{Username: y.cfg.UserCode, Password: y.cfg.Password, BrandCode: y.cfg.BrandCode}}
	req.Body.Data = []iysItem{item}
	body, _ := json.Marshal(req)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("username", y.cfg.UserCode)
	h.Set("password", y.cfg.Password)
	h.Set("brandCode", y.cfg.BrandCode)
	resp, err := y.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: y.cfg.URL + path, Header: h, Body: body,
		Recipients: []string{item.Recipient}, Idempotent: true})
	if err != nil {
		return iysAnswer{}, err
	}
	var a iysAnswer
	if err := json.Unmarshal(bytes.TrimSpace(resp.Body), &a); err != nil || a.Code == "" {
		switch {
		case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
			return a, notify.Config(fmt.Sprintf("http %d", resp.Status), notify.Why(ReasonHTTPCredentials, "status", resp.Status))
		case resp.Status >= 500:
			return a, notify.Retry(fmt.Sprintf("http %d", resp.Status), notify.Why(ReasonNoResultCode, "status", resp.Status), time.Minute)
		}
		return a, notify.Unknown(notify.Why(ReasonIYSUnreadable), nil)
	}
	return a, nil
}

// iysError classifies an İYS answer that is not a success: wrong
// credentials or brand (30, 51: the channel's settings), a limit (80), a
// system error (100+), or a refusal of the record itself.
func iysError(a iysAnswer) error {
	var text string
	if json.Unmarshal(a.Error, &text) != nil {
		text = strings.Trim(string(a.Error), `"`)
	}
	why := notify.Why(ReasonIYSRefused, "code", string(a.Code)).WithDetail(text)
	switch a.Code {
	case "30", "51":
		return notify.Config(string(a.Code), why)
	case "80":
		return notify.Retry(string(a.Code), why, time.Minute)
	case "100", "101", "110":
		return notify.Retry(string(a.Code), why, 5*time.Minute)
	}
	return notify.Permanent(string(a.Code), why)
}

// IYSRecipient is an address as İYS wants it: +905… for a phone, the
// address for an e-mail.
func IYSRecipient(to string) string {
	if strings.Contains(to, "@") {
		return strings.ToLower(strings.TrimSpace(to))
	}
	if n, err := mapping.NormalizeRecipient("sms", to, "TR"); err == nil {
		return n
	}
	return to
}
