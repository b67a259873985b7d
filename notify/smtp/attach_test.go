package smtp_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// An attachment made on this machine reaches the server byte for byte,
// under its Turkish file name and content type, beside the text.
func TestSendWithAttachment(t *testing.T) {
	p, srv := start(t, false, nil)
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000)...)
	msg := notify.Message{ID: 7, Message: mapping.Message{Channel: "email", To: "ayse@example.com", Subject: "Hesap ekstreniz",
		Text:        "Kasım 2026 hesap ekstreniz ektedir.",
		Attachments: []mapping.Attachment{{Name: "Hesap Ekstresi Kasım 2026.pdf", ContentType: "application/pdf", Data: pdf}}}}
	if _, err := p.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := srv.Mails()
	if len(got) != 1 {
		t.Fatalf("server got %d mails", len(got))
	}
	parts, err := got[0].Parts()
	if err != nil {
		t.Fatal(err)
	}
	var text, file bool
	for _, part := range parts {
		switch {
		case part.Filename != "":
			file = true
			if part.Filename != "Hesap Ekstresi Kasım 2026.pdf" || part.ContentType != "application/pdf" || !bytes.Equal(part.Data, pdf) {
				t.Errorf("attachment = %q %s, %d bytes (equal %v)", part.Filename, part.ContentType, len(part.Data), bytes.Equal(part.Data, pdf))
			}
		case part.ContentType == "text/plain":
			text = string(part.Data) == "Kasım 2026 hesap ekstreniz ektedir."
		}
	}
	if !text || !file {
		t.Errorf("text %v, attachment %v in %+v", text, file, parts)
	}
}
