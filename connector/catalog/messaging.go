package catalog

// The reasons a message of a reminder, contact or Wolvox-log job is
// skipped with, as the outbox and the status page show them.
func init() {
	add(map[Key]entry{
		"poll.wolvox_sent": {
			tr: "Wolvox bunu zaten göndermiş ({table}, {at})",
			en: "Wolvox already sent this ({table}, {at})"},
		"poll.absent_columns": {
			tr: "veritabanında bu preset için isteğe bağlı {columns} yok: boş (NULL) okunurlar, eksik bir SILINDI, IPTAL ya da AKTIF hiçbir satırı dışarıda bırakmaz",
			en: "the database lacks {columns}, optional for this preset: they are read as empty (NULL), and a missing SILINDI, IPTAL or AKTIF leaves no row out"},
		"poll.no_contacts": {
			tr: "müşterinin mesaj gönderilecek yetkilisi yok (CARI_YETKILI.SMS_GONDER)",
			en: "the customer has no contact person flagged for messages (CARI_YETKILI.SMS_GONDER)"},
	})
}
