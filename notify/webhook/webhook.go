// Package webhook posts each message as JSON to a shop's own system, signed
// with HMAC-SHA256 so the receiver can prove it came from this connector.
//
// Signature: X-Akinsoft-Signature: sha256=<hex HMAC-SHA256(secret, ts + "." + body)>
// with ts in X-Akinsoft-Timestamp (Unix seconds); binding the time stops a
// captured request from being replayed later. Idempotency-Key carries the
// event's dedupe key so a receiver can drop a duplicate.
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// Header names.
const (
	SignatureHeader = "X-Akinsoft-Signature"
	TimestampHeader = "X-Akinsoft-Timestamp"
)

// Config is one receiving endpoint.
type Config struct {
	URL    string
	Secret string
}

// Provider posts messages to the endpoint.
type Provider struct {
	cfg Config
	c   *httpclient.Client
	now func() time.Time
}

// New returns a webhook provider.
func New(cfg Config, c *httpclient.Client) *Provider {
	return &Provider{cfg: cfg, c: c, now: time.Now}
}

// Payload is the JSON body a receiver gets.
type Payload struct {
	ID        int64     `json:"id"`
	Channel   string    `json:"channel"`
	DedupeKey string    `json:"dedupe_key"`
	To        string    `json:"to"`
	Subject   string    `json:"subject,omitempty"`
	Text      string    `json:"text"`
	HTML      string    `json:"html,omitempty"`
	SentAt    time.Time `json:"sent_at"`
}

// Sign returns the signature header value for body sent at ts.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(ts, 10) + "."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a received request's signature and that its timestamp is
// within skew of now; receivers written in Go can use it as is.
func Verify(secret, tsHeader, sigHeader string, body []byte, now time.Time, skew time.Duration) error {
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return errors.New("missing or bad timestamp")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > skew || d < -skew {
		return errors.New("timestamp outside the allowed window")
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(sigHeader)) {
		return errors.New("signature does not match")
	}
	return nil
}

// Send posts one message.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	now := p.now()
	body, _ := json.Marshal(Payload{ID: m.ID, Channel: m.Channel, DedupeKey: m.DedupeKey, To: m.To, Subject: m.Subject,
		Text: m.Text, HTML: m.HTML, SentAt: now.UTC()})
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(TimestampHeader, strconv.FormatInt(now.Unix(), 10))
	h.Set(SignatureHeader, Sign(p.cfg.Secret, now.Unix(), body))
	if m.DedupeKey != "" {
		h.Set("Idempotency-Key", m.DedupeKey+"/"+m.Channel)
	}
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL, Header: h, Body: body, Recipients: []string{m.To}, MessageIDs: []int64{m.ID}})
	if err != nil {
		return notify.Result{}, err
	}
	return parseAnswer(resp, m.ID)
}

// parseAnswer classifies the receiver's answer to the message with outbox
// id; a receiver may name its own id for the message in {"id": "..."}.
func parseAnswer(resp *httpclient.Response, id int64) (notify.Result, error) {
	code := "http " + strconv.Itoa(resp.Status)
	switch {
	case resp.Status >= 200 && resp.Status < 300:
		var ans struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(resp.Body, &ans)
		if strings.TrimSpace(ans.ID) == "" {
			// A blank id would name nothing in logs or reconciliation.
			ans.ID = "webhook-" + strconv.FormatInt(id, 10)
		}
		return notify.Result{ProviderID: ans.ID}, nil
	case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
		return notify.Result{}, notify.Config(code, notify.Why(ReasonSignature))
	case resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusRequestTimeout:
		return notify.Result{}, notify.Retry(code, notify.Why(ReasonSlowDown), max(resp.RetryAfter(), 30*time.Second))
	case resp.Status >= 500:
		return notify.Result{}, notify.Unknown(notify.Why(ReasonServerError, "status", resp.Status), nil)
	}
	return notify.Result{}, notify.Permanent(code, notify.Why(ReasonRefused, "status", resp.Status))
}

// The reasons the webhook client gives (their texts are in connector/catalog).
const (
	ReasonSignature   = "webhook.signature"
	ReasonSlowDown    = "webhook.slow_down"
	ReasonServerError = "webhook.server_error"
	ReasonRefused     = "webhook.refused"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonSignature, ReasonSlowDown, ReasonServerError, ReasonRefused}
