package catalog

// Length limits of what a message carries: an e-mail address past the SMTP
// and DNS limits, a subject that mail programs cut.
func init() {
	add(map[Key]entry{
		"limits.email_too_long": {
			tr: "e-posta adresi {address} çok uzun: {length} karakter, en fazla {max} olabilir",
			en: "e-mail address {address} is too long: {length} characters, at most {max} are allowed",
		},
		"limits.email_local_too_long": {
			tr: "e-posta adresi {address} geçersiz: @ işaretinden önceki kısım {length} karakter, en fazla {max} olabilir",
			en: "e-mail address {address} is not valid: the part before the @ has {length} characters, at most {max} are allowed",
		},
		"limits.email_label_too_long": {
			tr: "e-posta adresi {address} geçersiz: alan adının bir bölümü {length} karakter, en fazla {max} olabilir",
			en: "e-mail address {address} is not valid: a part of its domain has {length} characters, at most {max} are allowed",
		},
		"limits.subject_too_long": {
			tr: "e-posta konusu {length} karakter, en fazla {max} olabilir (Outlook fazlasını keser); şablonu kısaltın",
			en: "the e-mail subject has {length} characters, at most {max} are allowed (Outlook cuts the rest); shorten the template",
		},
	})
}
