package catalog

// The command line's words for listening and the later commands: replies,
// the opt-out list's columns, what forget says of replies and İYS answers,
// the status page's admin commands, render's attachments and the service.
func init() {
	add(map[Key]entry{
		"help.replies": {
			tr: "Müşterilerin geri yazdıkları: SMS yanıtları ve WhatsApp mesajları, retler işaretli (hizmet çalışırken de çalışır)",
			en: "What customers sent back: SMS replies and WhatsApp messages, refusals marked (works while the service runs)"},
		"help.replies.list": {
			tr: "Yanıtları listele, en yenisi önce, gönderenler maskeli",
			en: "List replies, newest first, senders masked"},
		"help.replies.channel":  {tr: "yalnızca bu kanal (sms, whatsapp)", en: "only this channel (sms, whatsapp)"},
		"help.replies.refusals": {tr: "yalnızca retler", en: "only refusals"},
		"help.replies.since": {
			tr: "yalnızca bu süre içinde gelen yanıtlar, ör. 24h, 7d (varsayılan: hepsi)",
			en: "only replies received in this period, e.g. 24h, 7d (default: all)"},

		"help.replies.answers": {
			tr: "Mutabakatlara verilen yanıtlar: her müşteri onayladı mı, itiraz mı etti, ne yazdı",
			en: "The answers to reconciliations: whether each customer confirmed or disputed the balance, and what they wrote"},
		"help.replies.answers.job": {
			tr: "account_reconciliation görevinin adı (yalnızca bir tane varsa gerekmez)",
			en: "the account_reconciliation job's name (not needed when there is only one)"},
		"help.replies.answers.since": {
			tr: "bu süre içinde giden mutabakatlar, ör. 30d",
			en: "reconciliations sent in this period, e.g. 30d"},
		"cmd.answers.no_job": {
			tr: "{file} içinde account_reconciliation hazır ayarlı görev yok: mutabakat gönderen bir görev ekleyin",
			en: "{file} has no job with preset account_reconciliation: add one that sends reconciliations"},
		"cmd.answers.which_job": {
			tr: "hangi mutabakat görevi? --job ile birini seçin: {jobs}",
			en: "which reconciliation job? Name one with --job: {jobs}"},
		"cmd.answers.none":      {tr: "yanıt yok", en: "no answer"},
		"cmd.answers.confirmed": {tr: "onayladı", en: "confirmed"},
		"cmd.answers.disputed":  {tr: "itiraz etti", en: "disputed"},
		"cmd.answers.unclear":   {tr: "belirsiz", en: "unclear"},
		"cmd.answers.count": {
			tr: "{n} mutabakat: {confirmed} onaylandı, {disputed} itiraz, {unclear} belirsiz yanıt, {none} yanıtsız",
			en: "{n} reconciliation(s): {confirmed} confirmed, {disputed} disputed, {unclear} unclear, {none} unanswered"},
		"cmd.col.customer": {tr: "MÜŞTERİ", en: "CUSTOMER"},
		"cmd.col.sent":     {tr: "GÖNDERİM", en: "SENT"},
		"cmd.col.answer":   {tr: "YANIT", en: "ANSWER"},
		"cmd.col.received": {tr: "GELİŞ", en: "RECEIVED"},
		"cmd.col.sender":   {tr: "GÖNDEREN", en: "SENDER"},
		"cmd.col.refusal":  {tr: "RET", en: "REFUSAL"},
		"cmd.col.text":     {tr: "METİN", en: "TEXT"},

		"cmd.replies.refusal": {tr: "evet", en: "yes"},
		"cmd.replies.count":   {tr: "{n} yanıt", en: "{n} reply(ies)"},
		"cmd.replies.count_limit": {
			tr: "{n} yanıt (sınıra ulaşıldı: daha fazlası için --limit kullanın)",
			en: "{n} reply(ies) (limit reached: use --limit for more)"},

		"cmd.optout.every_channel":    {tr: "tüm kanallar", en: "all"},
		"cmd.optout.scope.all":        {tr: "tüm mesajlar", en: "all"},
		"cmd.optout.scope.commercial": {tr: "ticari mesajlar", en: "commercial"},
		"cmd.optout.source.operator":  {tr: "yönetici", en: "operator"},
		"cmd.optout.source.reply":     {tr: "yanıt", en: "reply"},
		"cmd.optout.source.bounce":    {tr: "geri dönen", en: "bounce"},
		"cmd.optout.source.provider":  {tr: "sağlayıcı", en: "provider"},
		"cmd.forget.reply_texts":      {tr: "başka müşterilerin bu kişiyi anan {n} yanıtı", en: "{n} other customers' replies that name this person"},
		"cmd.forget.replies":          {tr: "{what}: kişinin {replies} yanıtı, onun hakkında saklanan {consents} İYS cevabı", en: "{what}: {replies} of their replies, {consents} cached İYS answer(s) about them"},
		"cmd.render.sms_size_one":     {tr: "{encoding}, {chars} karakter, {segments} parça", en: "{encoding}, {chars} chars, {segments} segment"},
		"cmd.render.sms_size":         {tr: "{encoding}, {chars} karakter, {segments} parça", en: "{encoding}, {chars} chars, {segments} segments"},
		"cmd.render.attachment":       {tr: "ek: {name} ({type}, {size} bayt)", en: "attachment: {name} ({type}, {size} bytes)"},
		"cmd.render.job_error":        {tr: "{job} görevi: {err}", en: "job {job}: {err}"},
		"cmd.sendtest.channel_error":  {tr: "{channel} kanalı: {err}", en: "channel {channel}: {err}"},
		"cmd.admin.unlocked":          {tr: "giriş beklemeleri kaldırıldı; çalışan durum sayfası bunu bir sonraki girişte uygular, yeniden başlatma gerekmez", en: "login waits cleared; the running status page applies it at the next login, no restart needed"},
		"cmd.admin.login_link_hint":   {tr: "bağlantıyı bu bilgisayardaki bir tarayıcıda 10 dakika içinde açın; yalnızca bir kez çalışır", en: "open it in a browser on this computer within 10 minutes; it works once"},
		"help.admin.unlock":           {tr: "Hatalı parolalardan sonraki giriş beklemelerini kaldır (başkalarınınkini de)", en: "Clear the status page's login waits after failed passwords (someone else's, too)"},
		"help.admin.login_link":       {tr: "Durum sayfasına parolasız giren tek kullanımlık bir bağlantı yaz (10 dakika geçerli)", en: "Print a one-time link that logs in to the status page without the password (valid 10 minutes)"},
		"help.admin.login_link.long": {
			tr: "Durum sayfasına parolasız giren tek kullanımlık bir bağlantı yazar.\n\n" +
				"Başkalarının hatalı girişleri ne olursa olsun, 10 dakika içinde bir kez çalışır: sayfa sizi\n" +
				"bekletiyorsa ya da parola kaybolduysa sunucuda kullanın (sonra admin set-password ile yeni\n" +
				"bir parola belirleyin).",
			en: "Print a one-time link that logs in to the status page without the password.\n\n" +
				"It works once, within 10 minutes, whatever the failed logins of others: use\n" +
				"it at the server when the page keeps you waiting or the password is lost\n" +
				"(then set a new one with admin set-password)."},
	})
}
