package catalog

// Listening as well as speaking: replies, refusals, WhatsApp statuses and
// İYS consent (connector/inbound, connector/consent, the providers' inbox,
// blacklist and İYS calls).
func init() {
	add(map[Key]entry{
		"state.read": {tr: "Okundu", en: "Read"},

		"netgsm.inbox_unreadable":      {tr: "NetGSM'in gelen kutusu cevabı (HTTP {status}) okunamadı", en: "NetGSM's inbox answer (HTTP {status}) could not be read"},
		"netgsm.blacklist_unreadable":  {tr: "NetGSM'in kara liste cevabı (HTTP {status}) anlaşılamadı", en: "NetGSM's blacklist answer (HTTP {status}) could not be understood"},
		"netgsm.iys_unreadable":        {tr: "NetGSM'in İYS cevabı okunamadı", en: "NetGSM's İYS answer could not be read"},
		"netgsm.iys_refused":           {tr: "İYS isteği reddetti (kod {code})", en: "İYS refused the request (code {code})"},
		"mutlucell.no_inbox_number":    {tr: "gelen SMS'leri okumak için channels.sms.mutlucell.inbox_number (abone no) gerekli", en: "reading incoming SMS needs channels.sms.mutlucell.inbox_number (the account's receiving number)"},
		"dispatch.refused_by_reply":    {tr: "alıcı bu kanaldan gelen mesajlara ret yanıtı verdi ({at} itibarıyla)", en: "the recipient refused this channel by reply (in effect since {at})"},
		"dispatch.refused_by_provider": {tr: "alıcı bu kanalın ticari mesajlarını sağlayıcıda durdurdu ({at} itibarıyla)", en: "the recipient stopped this channel's commercial messages at the provider (in effect since {at})"},
		"dispatch.no_consent":          {tr: "İYS onayı yok: {parts}", en: "no İYS consent: {parts}"},
		"dispatch.consent_unreadable":  {tr: "bekliyor: İYS onayı sorgulanamadı", en: "waiting: İYS consent could not be checked"},
		"dispatch.refused_no_fallback": {tr: "gönderilmedi: ticari mesaj {channel} kanalında reddedildi ve bu kanalın onayı bilinmiyor (iys: ayarı yok)", en: "not sent: the commercial message was refused on {channel} and this channel's consent is not known (no iys: setting)"},
		"dispatch.no_status":           {tr: "WhatsApp {grace} içinde durum bildirmedi", en: "WhatsApp sent no status within {grace}"},
		"consent.none":                 {tr: "İYS'de bu adres için onay kaydı yok", en: "İYS holds no consent for this address"},
		"consent.refused":              {tr: "İYS'de ret kaydı var ({date}, kaynak {source})", en: "İYS holds a refusal ({date}, source {source})"},
		"whatsapp.131050":              {tr: "alıcı pazarlama mesajlarını durdurmuş (131050); hizmet (utility) şablonları gönderilebilir", en: "the recipient stopped marketing messages (131050); utility templates still go"},
	})
}
