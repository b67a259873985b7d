package whatsapp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// What Meta posts to a webhook (providers.md §3.5, two-way.md): statuses
// of sent messages (sent, delivered, read, failed), messages customers
// send, and a customer stopping marketing messages (user_preferences,
// whose shape is [UNCONFIRMED]: read leniently). Every POST is signed with
// X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>.

// SignatureHeader is the header Meta signs a webhook's body in.
const SignatureHeader = "X-Hub-Signature-256"

// VerifySignature reports whether header signs body with secret, comparing
// in constant time. A missing or malformed header does not.
func VerifySignature(secret string, body []byte, header string) bool {
	hexSum, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok || secret == "" {
		return false
	}
	got, err := hex.DecodeString(hexSum)
	if err != nil || len(got) != sha256.Size {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Sign is the header value Meta would send for body, for the fake.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Webhook is what one POST carries.
type Webhook struct {
	Statuses []Status
	Messages []Inbound
	// StoppedMarketing are the numbers (E.164 without +, as Meta writes
	// them) of customers who stopped marketing messages.
	StoppedMarketing []string
}

// Status is one message's status.
type Status struct {
	ID        string // the wamid the send returned
	Status    string // sent, delivered, read, failed
	At        time.Time
	Recipient string
	// OutboxID is the outbox id carried in biz_opaque_callback_data (0:
	// none): it finds a message whose send never returned its wamid.
	OutboxID int64
	Errors   []StatusError
}

// StatusError is why a message failed.
type StatusError struct {
	Code    int
	Title   string
	Details string
}

// Inbound is one message a customer sent.
type Inbound struct {
	ID   string // its wamid
	From string // as Meta writes it: digits with the country code
	At   time.Time
	Type string // text, button, interactive, ...
	// Text is what the customer wrote or the button they pressed.
	Text string
}

type webhookBody struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Statuses []struct {
					ID        string `json:"id"`
					Status    string `json:"status"`
					Timestamp string `json:"timestamp"`
					Recipient string `json:"recipient_id"`
					Opaque    string `json:"biz_opaque_callback_data"`
					Errors    []struct {
						Code      int    `json:"code"`
						Title     string `json:"title"`
						ErrorData struct {
							Details string `json:"details"`
						} `json:"error_data"`
					} `json:"errors"`
				} `json:"statuses"`
				Messages []struct {
					ID        string `json:"id"`
					From      string `json:"from"`
					Timestamp string `json:"timestamp"`
					Type      string `json:"type"`
					Text      struct {
						Body string `json:"body"`
					} `json:"text"`
					Button struct {
						Payload string `json:"payload"`
						Text    string `json:"text"`
					} `json:"button"`
					Interactive struct {
						ButtonReply struct {
							ID    string `json:"id"`
							Title string `json:"title"`
						} `json:"button_reply"`
					} `json:"interactive"`
				} `json:"messages"`
				UserPreferences []struct {
					WaID     string `json:"wa_id"`
					Category string `json:"category"`
					Value    string `json:"value"`
				} `json:"user_preferences"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

// ParseWebhook reads a webhook's body. Fields it does not know are left
// alone: Meta adds them over time.
func ParseWebhook(body []byte) (Webhook, error) {
	var b webhookBody
	if err := json.Unmarshal(body, &b); err != nil {
		return Webhook{}, fmt.Errorf("not a WhatsApp webhook: %w", err)
	}
	if b.Object != "" && b.Object != "whatsapp_business_account" {
		return Webhook{}, fmt.Errorf("not a WhatsApp webhook: object %q", b.Object)
	}
	var w Webhook
	for _, e := range b.Entry {
		for _, c := range e.Changes {
			v := c.Value
			for _, s := range v.Statuses {
				st := Status{ID: s.ID, Status: strings.ToLower(s.Status), At: unix(s.Timestamp), Recipient: s.Recipient, OutboxID: OutboxID(s.Opaque)}
				for _, e := range s.Errors {
					st.Errors = append(st.Errors, StatusError{Code: e.Code, Title: e.Title, Details: e.ErrorData.Details})
				}
				w.Statuses = append(w.Statuses, st)
			}
			for _, m := range v.Messages {
				in := Inbound{ID: m.ID, From: m.From, At: unix(m.Timestamp), Type: m.Type}
				switch {
				case m.Text.Body != "":
					in.Text = m.Text.Body
				case m.Button.Payload != "" || m.Button.Text != "":
					in.Text = m.Button.Text
					if in.Text == "" {
						in.Text = m.Button.Payload
					}
				case m.Interactive.ButtonReply.Title != "":
					in.Text = m.Interactive.ButtonReply.Title
				}
				w.Messages = append(w.Messages, in)
			}
			for _, p := range v.UserPreferences {
				if strings.EqualFold(p.Value, "stop") && (p.Category == "" || strings.Contains(strings.ToLower(p.Category), "marketing")) {
					w.StoppedMarketing = append(w.StoppedMarketing, p.WaID)
				}
			}
		}
	}
	return w, nil
}

// OutboxID reads "outbox-<id>" (what Send puts in biz_opaque_callback_data).
func OutboxID(opaque string) int64 {
	s, ok := strings.CutPrefix(opaque, "outbox-")
	if !ok {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

func unix(s string) time.Time {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(n, 0)
}

// StatusReason is the catalog key of a failed status's first error
// ("whatsapp.<code>" when the code has a text, else ReasonRefused), and
// whether that error is a refusal (131050).
func StatusReason(s Status) (key, code string, refused bool) {
	if len(s.Errors) == 0 {
		return ReasonRefused, "", false
	}
	c := s.Errors[0].Code
	if _, ok := codes[c]; ok {
		return "whatsapp." + strconv.Itoa(c), strconv.Itoa(c), refusalCodes[c]
	}
	return ReasonRefused, strconv.Itoa(c), false
}
