package status

import (
	"fmt"
	"net/http"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// lang is the page's language: Turkish for shop owners, English for IT
// staff who prefer it.
type lang struct {
	Code string
	m    map[string]string
}

func (l lang) t(key string) string {
	if s, ok := l.m[key]; ok {
		return s
	}
	return languages["en"][key]
}

func (l lang) f(key string, args ...any) string { return fmt.Sprintf(l.t(key), args...) }

// Why renders a reason in the page's language.
func (l lang) Why(r mapping.Reason) string { return catalog.Lang(l.Code).Reason(r) }

// T translates a key in a template.
func (l lang) T(key string) string { return l.t(key) }

// S names a message status.
func (l lang) S(status outbox.Status) string {
	if s, ok := l.m["status_"+string(status)]; ok {
		return s
	}
	return string(status)
}

func (s *Server) lang(r *http.Request) lang {
	code := s.opts.Language
	if c, err := r.Cookie("akc_lang"); err == nil {
		code = c.Value
	}
	if _, ok := languages[code]; !ok {
		code = "tr"
	}
	return lang{Code: code, m: languages[code]}
}

var languages = map[string]map[string]string{
	"tr": {
		"title":            "Bildirim durumu",
		"login":            "Giriş",
		"login_title":      "Yönetici girişi",
		"password":         "Parola",
		"logout":           "Çıkış",
		"no_password":      "Henüz parola belirlenmemiş. Sunucuda şu komutu çalıştırın: akinsoft-connector admin set-password",
		"bad_password":     "Parola yanlış.",
		"locked":           "Çok fazla hatalı deneme. Saat %s'den sonra tekrar deneyin.",
		"today":            "Bugün",
		"week":             "Bu hafta",
		"channel":          "Kanal",
		"total":            "Toplam",
		"jobs":             "Görevler",
		"job":              "Görev",
		"last_run":         "Son çalışma",
		"next_run":         "Sonraki çalışma",
		"duration":         "Süre",
		"rows":             "Okunan satır",
		"new":              "Yeni mesaj",
		"skipped":          "Atlanan",
		"outcome":          "Sonuç",
		"ok":               "Başarılı",
		"never":            "Henüz çalışmadı",
		"queue":            "Kuyruk",
		"due":              "Gönderilecek",
		"later":            "Bekleyen (zamanı gelmedi)",
		"sending":          "Gönderiliyor",
		"uncertain":        "Belirsiz",
		"held":             "Operatör bekliyor",
		"empty_queue":      "Kuyruk boş.",
		"channels":         "Kanallar",
		"active":           "Çalışıyor",
		"paused":           "Durduruldu",
		"low_credit":       "Sağlayıcı bakiyesi düşük: mesajlar durmadan önce hesaba kredi yükleyin",
		"problems":         "Gönderilemeyen ve atlanan mesajlar (son 7 gün)",
		"no_problems":      "Sorun yok.",
		"pending":          "Bekleyen mesajlar",
		"no_pending":       "Bekleyen mesaj yok.",
		"recent":           "Son hareketler",
		"id":               "No",
		"created":          "Oluşturma",
		"recipient":        "Alıcı",
		"record":           "Kayıt",
		"status":           "Durum",
		"reason":           "Neden",
		"attempts":         "Deneme",
		"actions":          "İşlem",
		"retry":            "Tekrar dene",
		"cancel":           "İptal et",
		"done_retry":       "%s numaralı mesaj tekrar kuyruğa alındı.",
		"done_cancel":      "%s numaralı mesaj iptal edildi.",
		"failed_retry":     "%s numaralı mesaj tekrar denenemedi: durumu değişmiş olabilir.",
		"failed_cancel":    "%s numaralı mesaj iptal edilemedi: durumu değişmiş olabilir.",
		"updated":          "Güncelleme",
		"refresh":          "Yenile",
		"status_pending":   "Bekliyor",
		"status_sending":   "Gönderiliyor",
		"status_sent":      "Gönderildi",
		"status_delivered": "İletildi",
		"status_failed":    "Başarısız",
		"status_skipped":   "Atlandı",
		"status_uncertain": "Belirsiz",
		"status_held":      "Operatör bekliyor",
		"status_cancelled": "İptal edildi",
		"status_standby":   "Yedek",
	},
	"en": {
		"title":            "Notification status",
		"login":            "Log in",
		"login_title":      "Administrator login",
		"password":         "Password",
		"logout":           "Log out",
		"no_password":      "No password is set yet. Run this on the server: akinsoft-connector admin set-password",
		"bad_password":     "Wrong password.",
		"locked":           "Too many failed attempts. Try again after %s.",
		"today":            "Today",
		"week":             "This week",
		"channel":          "Channel",
		"total":            "Total",
		"jobs":             "Jobs",
		"job":              "Job",
		"last_run":         "Last run",
		"next_run":         "Next run",
		"duration":         "Took",
		"rows":             "Rows read",
		"new":              "New messages",
		"skipped":          "Skipped",
		"outcome":          "Outcome",
		"ok":               "OK",
		"never":            "Not run yet",
		"queue":            "Queue",
		"due":              "Due now",
		"later":            "Waiting (not yet due)",
		"sending":          "Sending",
		"uncertain":        "Uncertain",
		"held":             "Held for operator",
		"empty_queue":      "The queue is empty.",
		"channels":         "Channels",
		"active":           "Running",
		"paused":           "Paused",
		"low_credit":       "The provider's balance is low: top up the account before messages stop",
		"problems":         "Failed and skipped messages (last 7 days)",
		"no_problems":      "No problems.",
		"pending":          "Pending messages",
		"no_pending":       "No pending messages.",
		"recent":           "Latest activity",
		"id":               "ID",
		"created":          "Created",
		"recipient":        "Recipient",
		"record":           "Record",
		"status":           "Status",
		"reason":           "Reason",
		"attempts":         "Attempts",
		"actions":          "Action",
		"retry":            "Retry",
		"cancel":           "Cancel",
		"done_retry":       "Message %s is queued again.",
		"done_cancel":      "Message %s is cancelled.",
		"failed_retry":     "Message %s could not be retried: its state may have changed.",
		"failed_cancel":    "Message %s could not be cancelled: its state may have changed.",
		"updated":          "Updated",
		"refresh":          "Refresh",
		"status_pending":   "Pending",
		"status_sending":   "Sending",
		"status_sent":      "Sent",
		"status_delivered": "Delivered",
		"status_failed":    "Failed",
		"status_skipped":   "Skipped",
		"status_uncertain": "Uncertain",
		"status_held":      "Held",
		"status_cancelled": "Cancelled",
		"status_standby":   "Standby",
	},
}
