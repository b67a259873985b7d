package config

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io/fs"
	"os"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// validateFiles reads the certificate files the config names, as run reads
// them when it starts: a missing CA file stopped run after check had found
// nothing, and a TLS pair that cannot be loaded left the status page or the
// webhook receiver off with only a log line to say so.
func (c *Config) validateFiles(p *problems) {
	for name, ch := range c.Channels.ByName() {
		if ch.CAFile != "" {
			caFileProblem(p, "channels."+name+".ca_file", ch.CAFile)
		}
		if ch.SMTP != nil && ch.SMTP.CAFile != "" {
			caFileProblem(p, "channels."+name+".smtp.ca_file", ch.SMTP.CAFile)
		}
	}
	if s := c.Status; !s.Disabled && s.TLSCert != "" && s.TLSKey != "" {
		tlsPairProblem(p, "status.tls_cert", s.TLSCert, s.TLSKey)
	}
	if w := c.WhatsAppWebhook; w != nil && w.TLSCert != "" && w.TLSKey != "" {
		tlsPairProblem(p, "whatsapp_webhook.tls_cert", w.TLSCert, w.TLSKey)
	}
}

func caFileProblem(p *problems, path string, file Path) {
	pem, err := os.ReadFile(string(file))
	if err != nil {
		p.add(path, fileProblem(file, err), say("config.hint.ca_file"))
		return
	}
	if !x509.NewCertPool().AppendCertsFromPEM(pem) {
		p.add(path, say("config.ca_file_no_pem", "file", quote(string(file))), say("config.hint.ca_file"))
	}
}

func tlsPairProblem(p *problems, path string, cert, key Path) {
	for _, f := range []Path{cert, key} {
		if _, err := os.Stat(string(f)); err != nil {
			p.add(path, fileProblem(f, err), say("config.hint.tls_files"))
			return
		}
	}
	if _, err := tls.LoadX509KeyPair(string(cert), string(key)); err != nil {
		p.add(path, say("config.tls_pair_unreadable", "cert", quote(string(cert)), "key", quote(string(key)), "err", err), say("config.hint.tls_files"))
	}
}

// fileProblem says why a named file cannot be read, in the reader's words
// for the two everyday causes.
func fileProblem(file Path, err error) catalog.Msg {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return say("config.file_missing", "file", quote(string(file)))
	case errors.Is(err, fs.ErrPermission):
		return say("config.file_no_permission", "file", quote(string(file)))
	}
	return say("config.file_unreadable", "file", quote(string(file)), "err", err)
}
