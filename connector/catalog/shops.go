package catalog

// What shops send beyond a message per row: bounded messages, attachments,
// account statements and reconciliations, the owner's daily summary and the
// low-credit alert.
func init() {
	add(map[Key]entry{
		"skip.too_long": {tr: "{channel} mesajı çok uzun: şablonun çıktısı {limit} bayt sınırını aşıyor; gönderilmedi, şablonu kısaltın",
			en: "the {channel} message is too long: the template's output passes its limit of {limit} bytes; not sent, shorten the template"},
		"skip.too_long_chars": {tr: "{channel} parametresi çok uzun: {limit} karakter sınırını aşıyor; gönderilmedi, şablonu kısaltın",
			en: "a {channel} parameter is too long: it passes the limit of {limit} characters; not sent, shorten the template"},
		"skip.attachment_failed": {tr: "ek {name} oluşturulamadı", en: "the attachment {name} could not be made"},
	})
}
