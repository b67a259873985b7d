// Package whatsapptest is a fake WhatsApp Cloud API on loopback speaking the
// shapes in shared/reference/providers.md §3: Bearer auth (190), templates
// (132001 unknown, 132000 parameter count), the 24-hour window (131047),
// throughput (130429) and pair rate (131056) limits, and signed status
// webhooks. 130429's HTTP status is [UNCONFIRMED] (400 or 429): a setting.
package whatsapptest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// Sent is one accepted message.
type Sent struct {
	ID       string
	To       string
	Template string
	Opaque   string
	At       time.Time
}

// Server is the fake.
type Server struct {
	providertest.Base
	Token         string
	PhoneNumberID string
	// Templates maps approved template names to their body parameter count.
	Templates map[string]int
	// InWindow lists recipients who wrote in the last 24 hours (free text allowed).
	InWindow map[string]bool
	// MPS is the throughput limit per second (0 = none).
	MPS int
	// ThroughputStatus is the HTTP status for 130429 (400 or 429).
	ThroughputStatus int
	// PairEvery is the pair-rate window (6 s).
	PairEvery time.Duration
	// MessageStatus, when set, is added to messages[] ("accepted", ...).
	MessageStatus string
	// MarketingTemplates are the templates of the marketing category; a
	// customer in StoppedMarketing gets them refused with 131050.
	MarketingTemplates map[string]bool
	StoppedMarketing   map[string]bool
	Now                func() time.Time

	mu   sync.Mutex
	n    int
	sent []Sent
	sec  []time.Time
}

// New starts a fake with one phone number and an "order_shipped" template
// with two body parameters.
func New() *Server {
	s := &Server{Token: "EAAG-test-token", PhoneNumberID: "106540352242922", Templates: map[string]int{"order_shipped": 2},
		InWindow: map[string]bool{}, ThroughputStatus: http.StatusBadRequest, PairEvery: 6 * time.Second, Now: time.Now}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{version}/{phone}/messages", s.messages)
	mux.HandleFunc("GET /{version}/{phone}", s.phone)
	s.Start(mux)
	return s
}

// Sent returns the accepted messages.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

func graphErr(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": fmt.Sprintf("(#%d) %s", code, msg),
		"type": "OAuthException", "code": code, "fbtrace_id": "AXsgnV2Cm3ZMGF3dF_cfYIn"}})
}

func (s *Server) authorized(r *http.Request) bool {
	return r.Header.Get("Authorization") == "Bearer "+s.Token
}

func (s *Server) messages(w http.ResponseWriter, r *http.Request) {
	switch s.TakeFault() {
	case providertest.FaultAuth:
		graphErr(w, 401, 190, "Invalid OAuth access token")
		return
	case providertest.FaultPermanent:
		graphErr(w, 400, 131026, "Message undeliverable")
		return
	case providertest.FaultLimit:
		graphErr(w, s.ThroughputStatus, 130429, "Rate limit hit")
		return
	case providertest.FaultServer:
		graphErr(w, 500, 131000, "Something went wrong")
		return
	}
	if !s.authorized(r) {
		graphErr(w, 401, 190, "Invalid OAuth access token")
		return
	}
	if r.PathValue("phone") != s.PhoneNumberID {
		graphErr(w, 400, 100, "Unsupported post request: unknown phone number id")
		return
	}
	var req struct {
		Product  string `json:"messaging_product"`
		To       string `json:"to"`
		Type     string `json:"type"`
		Opaque   string `json:"biz_opaque_callback_data"`
		Template *struct {
			Name     string `json:"name"`
			Language struct {
				Code string `json:"code"`
			} `json:"language"`
			Components []struct {
				Type       string            `json:"type"`
				Parameters []json.RawMessage `json:"parameters"`
			} `json:"components"`
		} `json:"template"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Product != "whatsapp" || req.To == "" {
		graphErr(w, 400, 100, "Invalid parameter")
		return
	}
	to := strings.TrimPrefix(req.To, "+")
	if req.Type != "template" {
		if !s.InWindow[to] {
			graphErr(w, 400, 131047, "Re-engagement message")
			return
		}
	} else {
		if req.Template == nil || req.Template.Language.Code == "" {
			graphErr(w, 400, 131008, "Required parameter is missing")
			return
		}
		want, ok := s.Templates[req.Template.Name]
		if !ok {
			graphErr(w, 404, 132001, "Template name does not exist in the translation")
			return
		}
		got := 0
		for _, c := range req.Template.Components {
			if c.Type == "body" {
				got += len(c.Parameters)
			}
		}
		if got != want {
			graphErr(w, 400, 132000, "Number of parameters does not match the expected number of params")
			return
		}
		s.mu.Lock()
		stopped := s.MarketingTemplates[req.Template.Name] && s.StoppedMarketing[to]
		s.mu.Unlock()
		if stopped {
			graphErr(w, 400, 131050, "Unable to deliver message: user has stopped marketing messages")
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	if s.MPS > 0 {
		recent := s.sec[:0]
		for _, t := range s.sec {
			if now.Sub(t) < time.Second {
				recent = append(recent, t)
			}
		}
		s.sec = recent
		if len(recent) >= s.MPS {
			graphErr(w, s.ThroughputStatus, 130429, "Rate limit hit")
			return
		}
		s.sec = append(s.sec, now)
	}
	for i := len(s.sent) - 1; i >= 0; i-- {
		if s.sent[i].To == to && now.Sub(s.sent[i].At) < s.PairEvery {
			graphErr(w, 400, 131056, "(Business Account, Consumer Account) pair rate limit hit")
			return
		}
	}
	s.n++
	id := fmt.Sprintf("wamid.HBgM%010d", s.n)
	name := ""
	if req.Template != nil {
		name = req.Template.Name
	}
	s.sent = append(s.sent, Sent{ID: id, To: to, Template: name, Opaque: req.Opaque, At: now})
	msg := map[string]any{"id": id}
	if s.MessageStatus != "" {
		msg["message_status"] = s.MessageStatus
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"messaging_product": "whatsapp",
		"contacts": []any{map[string]string{"input": req.To, "wa_id": to}}, "messages": []any{msg}})
}

func (s *Server) phone(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		graphErr(w, 401, 190, "Invalid OAuth access token")
		return
	}
	if r.PathValue("phone") != s.PhoneNumberID {
		graphErr(w, 400, 100, "Unsupported get request")
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"display_phone_number": "15550783881", "verified_name": "Mağaza", "id": s.PhoneNumberID})
}

// StatusWebhook builds a status webhook for a sent message, signed as Meta
// signs it: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body, appSecret)>.
func StatusWebhook(appSecret string, m Sent, status string, errCode int) (body []byte, signature string) {
	st := map[string]any{"id": m.ID, "status": status, "timestamp": fmt.Sprint(m.At.Unix()), "recipient_id": m.To}
	if m.Opaque != "" {
		st["biz_opaque_callback_data"] = m.Opaque
	}
	if errCode != 0 {
		st["errors"] = []any{map[string]any{"code": errCode, "title": "error", "message": "error"}}
	}
	body, _ = json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{
		"id": "WABA", "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp", "statuses": []any{st}}}}}}})
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return body, "sha256=" + hex.EncodeToString(mac.Sum(nil))
}
