package connector_test

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

// A shop that opens the page by a DNS alias lists it in status.hosts; any
// other name is still refused (DNS rebinding).
func TestStatusPageAnswersToTheNamesInStatusHosts(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := `state_dir: state
status: {listen: "127.0.0.1:0", hosts: [Magaza-Sunucu.local, mağaza.local]}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "0 3 * * *"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`
	cfg := loadConfig(t, dir, y)
	log := &syncBuf{}
	d, err := connector.New(context.Background(), cfg, connector.Options{Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()
	listening := regexp.MustCompile(`url=http://(127\.0\.0\.1:\d+)/`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(log.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("the status page did not start:\n%s", log)
	}
	port := addr[strings.LastIndex(addr, ":"):]
	for _, tc := range []struct {
		host string
		want int
	}{
		{"magaza-sunucu.local" + port, http.StatusOK},
		{"MAGAZA-SUNUCU.LOCAL.", http.StatusOK},
		{"xn--maaza-l1a.local" + port, http.StatusOK}, // mağaza.local, as a browser sends it
		{"baska-sunucu.local" + port, http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest("GET", "http://"+addr+"/healthz", nil)
		req.Host = tc.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("Host %s: %s, want %d", tc.host, resp.Status, tc.want)
		}
	}
}
