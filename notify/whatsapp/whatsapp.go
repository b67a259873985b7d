// Package whatsapp sends template messages through the WhatsApp Cloud API.
// Only templates are sent: business-initiated free text fails outside the
// 24-hour window (131047). The Cloud API has no report endpoint to poll
// (status arrives by webhook), so this provider is not a notify.Reporter.
// Facts: shared/reference/providers.md §3.
package whatsapp

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// DefaultURL and DefaultVersion are the Graph API defaults.
const (
	DefaultURL     = "https://graph.facebook.com"
	DefaultVersion = "v23.0"
)

// Config is one WhatsApp business phone number.
type Config struct {
	URL           string
	APIVersion    string
	PhoneNumberID string
	Token         string
	// PairEvery is the least time between two messages to one recipient
	// (about 6 s per Meta's pair rate limit, 131056).
	PairEvery time.Duration
}

// Provider is one business phone number. It is safe for concurrent use.
type Provider struct {
	cfg Config
	c   *httpclient.Client
	now func() time.Time

	mu   sync.Mutex
	last map[string]time.Time // recipient → last send
}

// New returns a provider sending through c; throughput (80 mps by default at
// Meta) is the client's rate limit.
func New(cfg Config, c *httpclient.Client) *Provider {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultVersion
	}
	if cfg.PairEvery <= 0 {
		cfg.PairEvery = 6 * time.Second
	}
	return &Provider{cfg: cfg, c: c, now: time.Now, last: map[string]time.Time{}}
}

type request struct {
	MessagingProduct string          `json:"messaging_product"`
	RecipientType    string          `json:"recipient_type"`
	To               string          `json:"to"`
	Type             string          `json:"type"`
	Template         json.RawMessage `json:"template"`
	// BizOpaque carries the outbox id back in status webhooks.
	BizOpaque string `json:"biz_opaque_callback_data,omitempty"`
}

type graphError struct {
	Error *struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		// Code is a pointer because 0 is a real code (authentication)
		// and must not be read into a body that has none.
		Code      *int `json:"code"`
		ErrorData struct {
			Details string `json:"details"`
		} `json:"error_data"`
	} `json:"error"`
}

// Send sends one template message.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	if len(m.Payload) == 0 || !json.Valid(m.Payload) {
		return notify.Result{}, notify.Permanent("template", notify.Why(ReasonNoTemplate))
	}
	to := strings.TrimPrefix(m.To, "+")
	if wait := p.reserve(to); wait > 0 {
		// Not sent: Meta would refuse it with 131056 anyway.
		e := notify.Retry("131056", notify.Why(ReasonPairWait), wait)
		return notify.Result{}, e
	}
	body, _ := json.Marshal(request{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: "template",
		Template: m.Payload, BizOpaque: opaque(m.ID)})
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost,
		URL:    fmt.Sprintf("%s/%s/%s/messages", p.cfg.URL, p.cfg.APIVersion, url.PathEscape(p.cfg.PhoneNumberID)),
		Header: p.header(), Body: body, Recipients: []string{m.To}, MessageIDs: []int64{m.ID}})
	if err != nil {
		return notify.Result{}, err
	}
	return parseSend(resp)
}

// parseSend reads the Graph API's answer to a send: the message id, or the
// classified error.
func parseSend(resp *httpclient.Response) (notify.Result, error) {
	if resp.Status/100 == 2 {
		// Any 2xx: Meta took the request, so it is accepted or, without
		// an id, unknown, but never refused.
		var ok struct {
			Messages []struct {
				ID            string `json:"id"`
				MessageStatus string `json:"message_status"`
			} `json:"messages"`
		}
		if json.Unmarshal(resp.Body, &ok) == nil && len(ok.Messages) > 0 && strings.TrimSpace(ok.Messages[0].ID) != "" {
			return notify.Result{ProviderID: ok.Messages[0].ID}, nil
		}
		return notify.Result{}, notify.Unknown(notify.Why(ReasonNoMessageID, "status", resp.Status), nil)
	}
	return notify.Result{}, errorOf(resp)
}

func errorOf(resp *httpclient.Response) error {
	var ge graphError
	if json.Unmarshal(resp.Body, &ge) != nil || ge.Error == nil || ge.Error.Code == nil {
		if resp.Status >= 500 {
			return notify.Unknown(notify.Why(ReasonNoErrorBody, "status", resp.Status), nil)
		}
		if resp.Status == http.StatusTooManyRequests {
			return notify.Retry("http 429", notify.Why(ReasonSlowDown), max(resp.RetryAfter(), time.Minute))
		}
		return notify.Permanent(fmt.Sprintf("http %d", resp.Status), notify.Why(ReasonRequestRefused))
	}
	err := classify(*ge.Error.Code, ge.Error.Message, ge.Error.ErrorData.Details, resp.Status)
	if e, ok := err.(*notify.Error); ok && e.RetryAfter > 0 {
		e.RetryAfter = max(e.RetryAfter, resp.RetryAfter())
	}
	return err
}

func opaque(id int64) string {
	if id == 0 {
		return ""
	}
	return "outbox-" + strconv.FormatInt(id, 10)
}

// reserve claims the recipient's next slot; it returns how long to wait when
// the last message to them was too recent.
func (p *Provider) reserve(to string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if last, ok := p.last[to]; ok && now.Sub(last) < p.cfg.PairEvery {
		return p.cfg.PairEvery - now.Sub(last)
	}
	p.last[to] = now
	if len(p.last) > 10000 {
		for k, t := range p.last {
			if now.Sub(t) >= p.cfg.PairEvery {
				delete(p.last, k)
			}
		}
	}
	return 0
}

func (p *Provider) header() http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Authorization", "Bearer "+p.cfg.Token)
	return h
}

// Check verifies the token and phone number id without sending.
func (p *Provider) Check(ctx context.Context) (mapping.Reason, error) {
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodGet,
		URL:    fmt.Sprintf("%s/%s/%s?fields=display_phone_number,verified_name", p.cfg.URL, p.cfg.APIVersion, url.PathEscape(p.cfg.PhoneNumberID)),
		Header: p.header(), Idempotent: true})
	if err != nil {
		return mapping.Reason{}, err
	}
	if resp.Status != http.StatusOK {
		return mapping.Reason{}, errorOf(resp)
	}
	var info struct {
		Display string `json:"display_phone_number"`
		Name    string `json:"verified_name"`
	}
	_ = json.Unmarshal(resp.Body, &info)
	return notify.Why(ReasonCheckOK, "number", info.Display, "name", info.Name), nil
}
