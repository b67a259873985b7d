package whatsapptest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// The webhooks Meta posts besides statuses (two-way.md): a message a
// customer sent, and a customer stopping marketing messages
// (user_preferences; its shape is [UNCONFIRMED]). Each is signed as Meta
// signs: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body, appSecret)>.

// Sign signs any body as Meta would, for a test's own bodies.
func Sign(appSecret string, body []byte) string { return sign(appSecret, body) }

func sign(appSecret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func envelope(field string, value map[string]any) []byte {
	value["messaging_product"] = "whatsapp"
	value["metadata"] = map[string]string{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"}
	body, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{
		"id": "WABA", "changes": []any{map[string]any{"field": field, "value": value}}}}})
	return body
}

// MessageWebhook is the webhook of a text message a customer (from: 905…)
// sent, with Meta's message id.
func MessageWebhook(appSecret, from, id, text string, at time.Time) (body []byte, signature string) {
	body = envelope("messages", map[string]any{
		"contacts": []any{map[string]any{"profile": map[string]string{"name": "Müşteri"}, "wa_id": from}},
		"messages": []any{map[string]any{"from": from, "id": id, "timestamp": fmt.Sprint(at.Unix()), "type": "text",
			"text": map[string]string{"body": text}}}})
	return body, sign(appSecret, body)
}

// ButtonWebhook is the webhook of a quick-reply button a customer pressed
// (a marketing template's "STOP" button, say).
func ButtonWebhook(appSecret, from, id, text string, at time.Time) (body []byte, signature string) {
	body = envelope("messages", map[string]any{
		"messages": []any{map[string]any{"from": from, "id": id, "timestamp": fmt.Sprint(at.Unix()), "type": "button",
			"button": map[string]string{"payload": text, "text": text}}}})
	return body, sign(appSecret, body)
}

// StopMarketingWebhook is the user_preferences webhook of a customer who
// stopped marketing messages.
func StopMarketingWebhook(appSecret, waID string, at time.Time) (body []byte, signature string) {
	body = envelope("user_preferences", map[string]any{
		"user_preferences": []any{map[string]any{"wa_id": waID, "detail": "User requested to stop marketing messages",
			"category": "marketing_messages", "value": "stop", "timestamp": at.Unix()}}})
	return body, sign(appSecret, body)
}

// Deliver posts a webhook to url as Meta does and returns the HTTP status.
// An empty signature sends no signature header.
func Deliver(c *http.Client, url string, body []byte, signature string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("X-Hub-Signature-256", signature)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
