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

// The statement PDF's words (connector/statement). Customers read it in
// Turkish; the English texts are for a shop that asks for them.
func init() {
	add(map[Key]entry{
		"statement.title":                {tr: "Hesap Ekstresi", en: "Account statement"},
		"statement.reconciliation_title": {tr: "Cari Hesap Mutabakatı", en: "Account reconciliation"},
		"statement.customer":             {tr: "Müşteri", en: "Customer"},
		"statement.code":                 {tr: "Cari kodu", en: "Account code"},
		"statement.period":               {tr: "Dönem", en: "Period"},
		"statement.col_date":             {tr: "Tarih", en: "Date"},
		"statement.col_document":         {tr: "Evrak No", en: "Document"},
		"statement.col_note":             {tr: "Açıklama", en: "Description"},
		"statement.col_due":              {tr: "Vade", en: "Due"},
		"statement.col_debit":            {tr: "Borç", en: "Debit"},
		"statement.col_credit":           {tr: "Alacak", en: "Credit"},
		"statement.col_balance":          {tr: "Bakiye", en: "Balance"},
		"statement.opening":              {tr: "Devir bakiyesi", en: "Balance brought forward"},
		"statement.totals":               {tr: "Dönem toplamı", en: "Period total"},
		"statement.closing":              {tr: "Dönem sonu bakiyesi", en: "Closing balance"},
		"statement.side_debit":           {tr: "(B)", en: "(Dr)"},
		"statement.side_credit":          {tr: "(A)", en: "(Cr)"},
		"statement.sides":                {tr: "(B): borç bakiyesi, (A): alacak bakiyesi", en: "(Dr): you owe, (Cr): we owe"},
		"statement.kind_invoice":         {tr: "Satış faturası", en: "Sales invoice"},
		"statement.kind_credit":          {tr: "Ödeme / alacak", en: "Payment / credit"},
		"statement.kind_debit":           {tr: "Borç kaydı", en: "Debit"},
		"statement.no_movements":         {tr: "Bu dönemde hareket yok.", en: "No movements in this period."},
		"statement.owed_debit":           {tr: "borç", en: "owed by you"},
		"statement.owed_credit":          {tr: "alacak", en: "owed to you"},
		"statement.reconcile": {
			tr: "Kayıtlarımıza göre {date} itibarıyla cari hesap bakiyeniz {amount} {side} tutarındadır. Bakiyeyi onaylıyorsanız \"{confirm}\", itirazınız varsa \"{dispute}\" yazarak yanıtlayınız.",
			en: "By our records your account balance on {date} is {amount} {side}. Reply \"{confirm}\" to confirm it, or \"{dispute}\" to dispute it."},
		"statement.footer": {tr: "{date} tarihinde oluşturulmuştur. Sayfa {page}", en: "Made on {date}. Page {page}"},
	})
}

func init() {
	add(map[Key]entry{
		"poll.statement_unreadable": {tr: "hesap ekstresinin değerleri okunamadı", en: "the statement's values could not be read"},
	})
}
