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

// The shop owner's daily summary (connector/summary).
func init() {
	add(map[Key]entry{
		"summary.subject":          {tr: "Günlük özet: {date}", en: "Daily summary: {date}"},
		"summary.heading":          {tr: "{date} günü {from}-{to} arası gönderilen mesajlar:", en: "Messages of {date}, {from}-{to}:"},
		"summary.channel_sms":      {tr: "SMS", en: "SMS"},
		"summary.channel_whatsapp": {tr: "WhatsApp", en: "WhatsApp"},
		"summary.channel_email":    {tr: "E-posta", en: "E-mail"},
		"summary.channel_webhook":  {tr: "Webhook", en: "Webhook"},
		"summary.channel": {tr: "{channel}: {sent} mesaj gönderildi, {delivered} tanesinin teslim edildiği bildirildi; {failed} başarısız, {skipped} atlandı.",
			en: "{channel}: {sent} messages went out, {delivered} reported delivered; {failed} failed, {skipped} skipped."},
		"summary.reason_failed":          {tr: "  - {count} başarısız: {reason}", en: "  - {count} failed: {reason}"},
		"summary.reason_skipped":         {tr: "  - {count} atlandı: {reason}", en: "  - {count} skipped: {reason}"},
		"summary.reason_failed_example":  {tr: "  - {count} başarısız, örneğin: {reason}", en: "  - {count} failed, for example: {reason}"},
		"summary.reason_skipped_example": {tr: "  - {count} atlandı, örneğin: {reason}", en: "  - {count} skipped, for example: {reason}"},
		// Under a reason's line: what to do (the status page's fix of its kind).
		"summary.reason_fix": {tr: "    Ne yapmalı: {fix}", en: "    What to do: {fix}"},
		"summary.nothing":    {tr: "Bugün mesaj gönderilmedi.", en: "No messages went out today."},
		"summary.waiting":    {tr: "Sırada bekleyen {count} mesaj var.", en: "{count} messages are waiting their turn."},
		"summary.held": {tr: "{count} mesajın gidip gitmediği belli değil: durum sayfasından yeniden gönderin veya iptal edin.",
			en: "{count} messages may or may not have gone out: retry or cancel them on the status page."},
		"summary.refusals":    {tr: "{count} kişi mesaj almak istemediğini bildirdi; onlara artık mesaj gönderilmiyor.", en: "{count} people asked not to be messaged; they are no longer messaged."},
		"summary.no_refusals": {tr: "Mesaj almak istemediğini bildiren olmadı.", en: "Nobody asked not to be messaged."},
		"summary.credit":      {tr: "{channel} ({provider}) bakiyesi: {balances}.", en: "{channel} ({provider}) balance: {balances}."},
		"summary.credit_low": {tr: "  Bakiye {threshold} sınırının altında: mesajlar durmadan önce hesaba kredi yükleyin.",
			en: "  The balance is under {threshold}: top up the account before messages stop."},
		"summary.credit_low_each": {tr: "  Bakiye sınırının altında ({lines}): mesajlar durmadan önce hesaba kredi yükleyin.",
			en: "  The balance is under its limit ({lines}): top up the account before messages stop."},
		"summary.short": {tr: "Özet {date}: {sent} gönderildi, {delivered} teslim, {failed} başarısız, {skipped} atlandı, {refusals} ret.",
			en: "Summary {date}: {sent} sent, {delivered} delivered, {failed} failed, {skipped} skipped, {refusals} refusals."},
		"summary.short_held": {tr: "{count} mesaj karar bekliyor.", en: "{count} messages wait for a decision."},
		"summary.short_low":  {tr: "{provider} bakiyesi düşük!", en: "{provider} balance is low!"},

		// A provider's balance (status.BalanceText): its TL credit, SMS
		// credits, or a balance the provider names in its own words.
		"balance.tl":    {tr: "{amount} TL", en: "{amount} TL"},
		"balance.sms":   {tr: "{amount} SMS kredisi", en: "{amount} SMS credits"},
		"balance.named": {tr: "{name}: {amount}", en: "{name}: {amount}"},
		// A balance with the low_credit line it is compared with.
		"balance.with_line": {tr: "{balance}, sınır {threshold}", en: "{balance}, limit {threshold}"},
		// A job whose last read failed sends nothing new: the owner hears of
		// it here too, not only on a status page nobody opens. Only the kind
		// of trouble is told, never the driver's words (they can quote the
		// ERP's data, and the summary goes out through a provider).
		"summary.failing": {tr: "Dikkat: {count} görev son çalışmasında hata verdi; düzelene dek bu görevlerin yeni kayıtları için mesaj gitmiyor:",
			en: "Attention: {count} job(s) failed at their last run; until that is fixed, no messages go out for their new records:"},
		"summary.failing_job":       {tr: "  - \"{job}\": {cause}. Son başarılı çalışma: {since}.", en: "  - \"{job}\": {cause}. Last successful run: {since}."},
		"summary.failing_job_never": {tr: "  - \"{job}\": {cause}. Henüz hiç başarıyla çalışmadı.", en: "  - \"{job}\": {cause}. It has not run successfully yet."},
		"summary.failing_other":     {tr: "beklenmeyen bir hata (ayrıntısı durum sayfasında)", en: "an unexpected error (its detail is on the status page)"},
		"summary.failing_fix": {tr: "Bilgi işlem sorumlunuza iletin: `akinsoft-connector check` nedenini ve ne yapılacağını gösterir. Görevler her çalışma zamanında yeniden dener; sunucuya ulaşılamaması gibi geçici bir sorun geçince kendiliğinden düzelir, yapılandırmadaki bir sorun ise düzeltilene dek sürer.",
			en: "Pass this on to whoever looks after the computer: `akinsoft-connector check` shows the cause and what to do. The jobs try again at each of their times; a passing trouble such as an unreachable server clears by itself, one in the configuration lasts until it is fixed."},
		"summary.short_failing": {tr: "Hata veren görev(ler): {jobs}!", en: "Failing job(s): {jobs}!"},
		// A {year} source reading last year's database past January.
		"summary.year_not_opened":       {tr: "{title}. {fix}", en: "{title}. {fix}"},
		"summary.short_year_not_opened": {tr: "Wolvox'ta {year} yılı açılmamış görünüyor, {read} okunuyor.", en: "The year {year} seems not to be opened in Wolvox; {read} is read."},
	})
}
