package catalog

// The reasons a message of a reminder, contact or Wolvox-log job is
// skipped with, as the outbox and the status page show them.
func init() {
	add(map[Key]entry{
		"poll.wolvox_sent": {
			tr: "Wolvox bunu zaten göndermiş ({table}, {at})",
			en: "Wolvox already sent this ({table}, {at})"},
		"poll.no_contacts": {
			tr: "müşterinin mesaj gönderilecek yetkilisi yok (CARI_YETKILI.SMS_GONDER)",
			en: "the customer has no contact person flagged for messages (CARI_YETKILI.SMS_GONDER)"},
	})
}
