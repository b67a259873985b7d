package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Part is one leaf of a received message's MIME tree, decoded.
type Part struct {
	ContentType string // "application/pdf"
	Filename    string // set for attachments
	Data        []byte
}

// Parts decodes the message's MIME tree into its leaves: the text and HTML
// bodies and the attachments, with their transfer encoding undone.
func (m Mail) Parts() ([]Part, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return nil, fmt.Errorf("smtptest: read message: %w", err)
	}
	return parts(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"),
		msg.Header.Get("Content-Disposition"), msg.Body)
}

// Attachments are the parts with a file name.
func (m Mail) Attachments() ([]Part, error) {
	ps, err := m.Parts()
	var out []Part
	for _, p := range ps {
		if p.Filename != "" {
			out = append(out, p)
		}
	}
	return out, err
}

func parts(ctype, cte, disp string, body io.Reader) ([]Part, error) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		var out []Part
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return out, fmt.Errorf("smtptest: read part: %w", err)
			}
			sub, err := parts(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p)
			if err != nil {
				return out, err
			}
			out = append(out, sub...)
		}
	}
	var rd io.Reader = body
	switch strings.ToLower(cte) {
	case "base64":
		rd = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		rd = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("smtptest: decode %s part: %w", mt, err)
	}
	name := ""
	if _, dp, err := mime.ParseMediaType(disp); err == nil {
		name = dp["filename"]
	}
	if name == "" {
		name = params["name"]
	}
	if dec, err := new(mime.WordDecoder).DecodeHeader(name); err == nil {
		name = dec
	}
	return []Part{{ContentType: mt, Filename: name, Data: data}}, nil
}
