// Package webhooktest is a shop's webhook receiver on loopback: it verifies
// the connector's signature and keeps every delivery.
package webhooktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
)

// Server is the fake receiver.
type Server struct {
	providertest.Base
	Secret string

	mu       sync.Mutex
	received []webhook.Payload
}

// New starts a receiver over TLS (plain is true: plain HTTP, the local case).
func New(secret string, plain bool) *Server {
	s := &Server{Secret: secret}
	h := http.HandlerFunc(s.handle)
	if plain {
		s.StartPlain(h)
	} else {
		s.Start(h)
	}
	return s
}

// Received returns the verified deliveries.
func (s *Server) Received() []webhook.Payload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]webhook.Payload(nil), s.received...)
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	switch s.TakeFault() {
	case providertest.FaultAuth:
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	case providertest.FaultPermanent:
		http.Error(w, "unknown customer", http.StatusUnprocessableEntity)
		return
	case providertest.FaultLimit:
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case providertest.FaultServer:
		http.Error(w, "oops", http.StatusInternalServerError)
		return
	}
	reqs := s.Requests()
	body := reqs[len(reqs)-1].Body
	if err := webhook.Verify(s.Secret, r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), body, time.Now(), 5*time.Minute); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p webhook.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.received = append(s.received, p)
	n := len(s.received)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":"shop-%d"}`, n)
}
