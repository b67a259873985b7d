package inbound

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"
)

// The receiver of WhatsApp's webhooks (opt-in, on a listener of its own,
// never the status page's). Meta first checks the address with a GET
// (hub.mode=subscribe, hub.verify_token, hub.challenge: the challenge is
// echoed when the token matches), then POSTs statuses and messages, each
// signed with the app secret. Unsigned, badly signed or oversized bodies
// are refused before anything is read from them. Meta retries a POST that
// did not get a 200 for days, so handling one twice changes nothing: a
// status moves a message only forward, a message is stored once.

// Settler records a status (dispatch.Channel.Settle).
type Settler interface {
	Settle(ctx context.Context, u dispatch.StatusUpdate) (bool, error)
}

// Receiver handles WhatsApp's webhooks.
type Receiver struct {
	Path        string
	VerifyToken string
	AppSecret   string
	MaxBody     int64
	Store       *outbox.Store
	Settler     Settler
	// Refusal says what a message that refuses brings (nil: none does).
	Refusal func(outbox.NewReply) *outbox.Refusal
	Log     *slog.Logger
	// Stored is told what a webhook's messages stored.
	Stored func(outbox.StoredReplies)
}

func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path != rc.Path {
		http.NotFound(w, r)
		return
	}
	switch r.Method {
	case http.MethodGet:
		rc.verify(w, r)
	case http.MethodPost:
		rc.post(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// verify answers Meta's subscription handshake.
func (rc *Receiver) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	token := q.Get("hub.verify_token")
	if q.Get("hub.mode") != "subscribe" || rc.VerifyToken == "" ||
		subtle.ConstantTimeCompare([]byte(token), []byte(rc.VerifyToken)) != 1 {
		rc.Log.Warn("log.webhook.bad_verify_token", "remote", r.RemoteAddr)
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, q.Get("hub.challenge"))
	rc.Log.Info("log.webhook.verified")
}

func (rc *Receiver) post(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > rc.MaxBody {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rc.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "body could not be read", http.StatusBadRequest)
		return
	}
	if !whatsapp.VerifySignature(rc.AppSecret, body, r.Header.Get(whatsapp.SignatureHeader)) {
		rc.Log.Warn("log.webhook.bad_signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	hook, err := whatsapp.ParseWebhook(body)
	if err != nil {
		// Signed by Meta but not understood: answering an error would only
		// make Meta retry it for days.
		rc.Log.Warn("log.webhook.unreadable", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := rc.handle(r.Context(), hook); err != nil {
		// Not stored: Meta retries, and a retry changes nothing twice.
		rc.Log.Error("log.webhook.not_recorded", "err", err)
		http.Error(w, "could not be recorded", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (rc *Receiver) handle(ctx context.Context, h whatsapp.Webhook) error {
	for _, s := range h.Statuses {
		u, ok := statusUpdate(s)
		if !ok {
			continue
		}
		if _, err := rc.Settler.Settle(ctx, u); err != nil && !errors.Is(err, dispatch.ErrUnknownMessage) {
			return err
		}
	}
	if len(h.Messages) > 0 {
		batch := outbox.ReplyBatch{Classify: rc.Refusal}
		for _, m := range h.Messages {
			batch.Replies = append(batch.Replies, outbox.NewReply{Channel: notify.ChannelWhatsApp, Provider: "whatsapp_cloud",
				From: "+" + strings.TrimPrefix(m.From, "+"), Text: m.Text, At: m.At, Key: m.ID})
		}
		st, err := rc.Store.StoreReplies(ctx, batch)
		if err != nil {
			return err
		}
		if rc.Stored != nil && len(st.New) > 0 {
			rc.Stored(st)
		}
	}
	for _, n := range h.StoppedMarketing {
		err := rc.Store.AddOptOut(ctx, outbox.OptOutEntry{Recipient: "+" + strings.TrimPrefix(n, "+"), Channel: notify.ChannelWhatsApp,
			Scope: outbox.ScopeCommercial, Source: outbox.SourceProvider, Note: "WhatsApp: stopped marketing messages"})
		if err != nil {
			return err
		}
	}
	return nil
}

// statusUpdate maps Meta's status to the outbox's; ok is false for one
// that settles nothing.
func statusUpdate(s whatsapp.Status) (dispatch.StatusUpdate, bool) {
	u := dispatch.StatusUpdate{OutboxID: s.OutboxID, ProviderID: s.ID}
	switch s.Status {
	case "sent":
		u.Status = outbox.StatusSent
	case "delivered":
		u.Status = outbox.StatusDelivered
	case "read":
		u.Status = outbox.StatusRead
	case "failed":
		u.Status = outbox.StatusFailed
		key, code, refused := whatsapp.StatusReason(s)
		u.Code, u.Refused, u.Why = code, refused, mapping.R(key)
		if len(s.Errors) > 0 && s.Errors[0].Details != "" {
			u.Why = u.Why.WithDetail(s.Errors[0].Details)
		}
	default:
		return u, false
	}
	if u.OutboxID == 0 && u.ProviderID == "" {
		return u, false
	}
	return u, true
}

// Listen opens the receiver's listener, with TLS when a certificate is
// given (normally a reverse proxy or a tunnel in front terminates it).
func Listen(addr, certFile, keyFile string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("WhatsApp webhook: listen on %s: %w (is another program using the port?)", addr, err)
	}
	if certFile == "" {
		return l, nil
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		l.Close()
		return nil, fmt.Errorf("WhatsApp webhook: %w", err)
	}
	return tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}), nil
}

// Serve serves h on l until ctx ends.
func Serve(ctx context.Context, l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(sctx)
		case <-done:
		}
	}()
	err := srv.Serve(l)
	close(done)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
