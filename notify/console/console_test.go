package console

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestConsoleOutput(t *testing.T) {
	var buf bytes.Buffer
	p := New("sms", &buf)
	msgs := []notify.Message{
		{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "Sayın Ayşe Yılmaz, 2024-117 numaralı 1.250,00 TL tutarındaki faturanız hazır."}},
		{Message: mapping.Message{Channel: "email", To: "ayse.yilmaz@example.com", Subject: "Faturanız hazır: 2024-117", Text: "Sayın Ayşe Yılmaz,\n\nİyi günler dileriz.\n"}},
	}
	for i, m := range msgs {
		res, err := p.Send(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"console-1", "console-2"}[i]; res.ProviderID != want {
			t.Errorf("provider id = %s, want %s", res.ProviderID, want)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("1234567")) || bytes.Contains(buf.Bytes(), []byte("ayse.yilmaz@")) {
		t.Errorf("recipient not masked:\n%s", buf.String())
	}
	golden := "testdata/output.golden"
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("output differs from %s:\n%s", golden, buf.String())
	}
}

func TestConsoleRefusesAfterShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New("sms", &bytes.Buffer{}).Send(ctx, notify.Message{Message: mapping.Message{To: "+905321234567", Text: "x"}})
	if notify.Classify(err) != notify.ErrRetry {
		t.Fatalf("send after shutdown = %v, want retry-later", err)
	}
}
