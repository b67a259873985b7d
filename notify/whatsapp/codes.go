package whatsapp

import (
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

type class int

const (
	cRetry class = iota
	cPermanent
	cConfig
)

type codeInfo struct {
	class    class
	en, tr   string
	after    time.Duration
	badRecip bool
}

// codes is Meta's error table as the daemon acts on it (providers.md §3.3).
// Decisions key on code, never on the HTTP status or the title.
var codes = map[int]codeInfo{
	0:      {cConfig, "WhatsApp could not authenticate the access token", "WhatsApp erişim anahtarı doğrulanamadı", 0, false},
	3:      {cConfig, "the app lacks the capability or permission for this call", "uygulamanın bu işlem için yetkisi yok", 0, false},
	10:     {cConfig, "permission denied for the WhatsApp Business account", "WhatsApp işletme hesabı için izin reddedildi", 0, false},
	190:    {cConfig, "the WhatsApp access token has expired or is invalid", "WhatsApp erişim anahtarının süresi dolmuş veya geçersiz", 0, false},
	368:    {cConfig, "temporarily blocked for policy violations", "politika ihlali nedeniyle geçici olarak engellendi", 0, false},
	131005: {cConfig, "access denied", "erişim reddedildi", 0, false},
	131031: {cConfig, "the WhatsApp Business account is locked", "WhatsApp işletme hesabı kilitli", 0, false},
	131042: {cConfig, "business eligibility payment issue", "işletme ödeme sorunu", 0, false},
	131045: {cConfig, "incorrect certificate for the phone number", "telefon numarası sertifikası hatalı", 0, false},
	133010: {cConfig, "the business phone number is not registered", "işletme telefon numarası kayıtlı değil", 0, false},
	133016: {cConfig, "too many register/deregister attempts", "çok fazla kayıt denemesi", 0, false},

	1:      {cRetry, "WhatsApp API unknown error", "WhatsApp API bilinmeyen hata", time.Minute, false},
	2:      {cRetry, "WhatsApp API service downtime or overload", "WhatsApp API hizmeti geçici olarak kullanılamıyor", time.Minute, false},
	4:      {cRetry, "app call-rate limit reached", "uygulama istek limiti aşıldı", 5 * time.Minute, false},
	17:     {cRetry, "user request limit reached", "kullanıcı istek limiti aşıldı", 5 * time.Minute, false},
	80007:  {cRetry, "WhatsApp Business account rate limit reached", "WhatsApp işletme hesabı limiti aşıldı", 5 * time.Minute, false},
	130429: {cRetry, "Cloud API message throughput reached", "mesaj gönderim hızı sınırına ulaşıldı", 10 * time.Second, false},
	131000: {cRetry, "WhatsApp: something went wrong", "WhatsApp: bir şeyler ters gitti", time.Minute, false},
	131016: {cRetry, "WhatsApp service unavailable", "WhatsApp hizmeti kullanılamıyor", time.Minute, false},
	131048: {cRetry, "spam rate limit: quality-based restriction", "kalite nedeniyle gönderim kısıtlandı", time.Hour, false},
	131049: {cRetry, "Meta chose not to deliver (per-user marketing limit)", "Meta mesajı iletmemeyi seçti (pazarlama limiti)", 24 * time.Hour, false},
	131056: {cRetry, "pair rate limit: too many messages to this recipient", "aynı alıcıya çok sık mesaj", 6 * time.Second, false},
	131057: {cRetry, "the account is in maintenance mode", "hesap bakım modunda", 10 * time.Minute, false},

	100:    {cPermanent, "invalid parameter", "geçersiz parametre", 0, false},
	131008: {cPermanent, "a required parameter is missing", "zorunlu parametre eksik", 0, false},
	131009: {cPermanent, "a parameter value is not valid", "parametre değeri geçersiz", 0, false},
	131021: {cPermanent, "the recipient cannot be the sender", "alıcı gönderen olamaz", 0, false},
	131026: {cPermanent, "message undeliverable: the number is not on WhatsApp or cannot receive it", "mesaj iletilemiyor: numara WhatsApp kullanmıyor olabilir", 0, true},
	131047: {cPermanent, "more than 24 hours since the customer last replied: only a template can be sent", "müşterinin son yanıtından bu yana 24 saatten fazla geçti", 0, false},
	131051: {cPermanent, "unsupported message type", "desteklenmeyen mesaj türü", 0, false},
	131052: {cPermanent, "media download error", "medya indirme hatası", 0, false},
	131053: {cPermanent, "media upload error", "medya yükleme hatası", 0, false},
	132000: {cPermanent, "template parameter count does not match the approved template", "şablon parametre sayısı uyuşmuyor", 0, false},
	132001: {cPermanent, "template does not exist in this language or is not approved", "şablon bu dilde yok veya onaylı değil", 0, false},
	132005: {cPermanent, "template text too long after filling in parameters", "şablon metni çok uzun", 0, false},
	132007: {cPermanent, "template format character policy violated", "şablon karakter kuralı ihlali", 0, false},
	132012: {cPermanent, "template parameter format mismatch", "şablon parametre biçimi uyuşmuyor", 0, false},
	132015: {cPermanent, "the template is paused for low quality", "şablon düşük kalite nedeniyle duraklatıldı", 0, false},
	132016: {cPermanent, "the template is disabled for low quality", "şablon düşük kalite nedeniyle devre dışı", 0, false},
	135000: {cPermanent, "generic user error", "genel kullanıcı hatası", 0, false},
}

// classify turns a Graph API error into an outcome.
func classify(code int, msg, details string, httpStatus int) error {
	c := fmt.Sprint(code)
	info, ok := codes[code]
	if !ok && code >= 200 && code <= 299 {
		info, ok = codeInfo{cConfig, "API permission missing", "API izni eksik", 0, false}, true
	}
	if !ok {
		switch {
		case httpStatus == 429:
			return notify.Retry(c, "WhatsApp asked to slow down: "+msg, time.Minute)
		case httpStatus >= 500:
			return notify.Unknown(fmt.Sprintf("WhatsApp answered HTTP %d, code %d: %s", httpStatus, code, msg), nil)
		}
		return notify.Permanent(c, "WhatsApp refused the message: "+msg, "WhatsApp mesajı reddetti")
	}
	en := info.en
	if details != "" {
		en += " (" + details + ")"
	}
	switch info.class {
	case cConfig:
		return notify.Config(c, en, info.tr)
	case cRetry:
		e := notify.Retry(c, en, info.after)
		e.ReasonTR = info.tr
		return e
	}
	e := notify.Permanent(c, en, info.tr)
	e.BadRecipient = info.badRecip
	return e
}
