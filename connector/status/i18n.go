package status

import (
	"net/http"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// lang is the page's language: Turkish for shop owners, English for IT
// staff who prefer it. Its words are the catalog's page.* texts.
type lang struct {
	Code string
}

func (l lang) cat() catalog.Lang { return catalog.Lang(l.Code) }

func (l lang) t(key string) string { return l.cat().Text(catalog.Key("page."+key), nil) }

func (l lang) f(key string, args ...any) string {
	return l.cat().Sprintf(catalog.Key("page."+key), args...)
}

// Why renders a reason in the page's language.
func (l lang) Why(r mapping.Reason) string { return l.cat().Reason(r) }

// T translates a key in a template.
func (l lang) T(key string) string { return l.t(key) }

// S names a message status.
func (l lang) S(status outbox.Status) string {
	if k := catalog.Key("page.status_" + string(status)); catalog.Has(k) {
		return l.cat().Text(k, nil)
	}
	return string(status)
}

func (s *Server) lang(r *http.Request) lang {
	code := s.opts.Language
	if c, err := r.Cookie("akc_lang"); err == nil {
		code = c.Value
	}
	if !knownLang(code) {
		code = "tr"
	}
	return lang{Code: code}
}

// knownLang reports whether the page has texts in code.
func knownLang(code string) bool { return code == string(catalog.TR) || code == string(catalog.EN) }
