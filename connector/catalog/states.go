package catalog

// The names of message states as people read them (the outbox's Status
// values are the keys' last part).
func init() {
	add(map[Key]entry{
		"state.pending":    {tr: "Bekliyor", en: "Pending"},
		"state.sending":    {tr: "Gönderiliyor", en: "Sending"},
		"state.sent":       {tr: "Gönderildi", en: "Sent"},
		"state.delivered":  {tr: "İletildi", en: "Delivered"},
		"state.failed":     {tr: "Başarısız", en: "Failed"},
		"state.skipped":    {tr: "Atlandı", en: "Skipped"},
		"state.uncertain":  {tr: "Belirsiz", en: "Uncertain"},
		"state.held":       {tr: "Operatör bekliyor", en: "Held for operator"},
		"state.cancelled":  {tr: "İptal edildi", en: "Cancelled"},
		"state.standby":    {tr: "Yedek", en: "Standby"},
		"reason.with_code": {tr: "{reason} (kod {code})", en: "{reason} (code {code})"},
		"reason.code":      {tr: "kod {code}", en: "code {code}"},
		"class.retry":      {tr: "gönderilmedi, sonra tekrar denenecek", en: "not sent, retry later"},
		"class.permanent":  {tr: "kalıcı olarak reddedildi", en: "refused permanently"},
		"class.unknown":    {tr: "sonuç bilinmiyor", en: "outcome unknown"},
		"class.config":     {tr: "sağlayıcı ayarları veya kullanıcı bilgileri reddedildi", en: "provider configuration or credentials rejected"},
	})
}
