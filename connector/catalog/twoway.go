package catalog

// Listening as well as speaking: replies, refusals, WhatsApp statuses and
// İYS consent (connector/inbound, connector/consent, the providers' inbox,
// blacklist and İYS calls).
func init() {
	add(map[Key]entry{
		"state.read": {tr: "Okundu", en: "Read"},

		"netgsm.inbox_unreadable":     {tr: "NetGSM'in gelen kutusu cevabı (HTTP {status}) okunamadı", en: "NetGSM's inbox answer (HTTP {status}) could not be read"},
		"netgsm.blacklist_unreadable": {tr: "NetGSM'in kara liste cevabı (HTTP {status}) anlaşılamadı", en: "NetGSM's blacklist answer (HTTP {status}) could not be understood"},
		"netgsm.iys_unreadable":       {tr: "NetGSM'in İYS cevabı okunamadı", en: "NetGSM's İYS answer could not be read"},
		"netgsm.iys_refused":          {tr: "İYS isteği reddetti (kod {code})", en: "İYS refused the request (code {code})"},
		"mutlucell.no_inbox_number":   {tr: "gelen SMS'leri okumak için channels.sms.mutlucell.inbox_number (abone no) gerekli", en: "reading incoming SMS needs channels.sms.mutlucell.inbox_number (the account's receiving number)"},
		"whatsapp.131050":             {tr: "alıcı pazarlama mesajlarını durdurmuş (131050); hizmet (utility) şablonları gönderilebilir", en: "the recipient stopped marketing messages (131050); utility templates still go"},
	})
}
