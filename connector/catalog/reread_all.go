package catalog

// Reading many messages again from Wolvox at once: `messages reread
// --skipped` and the page's "Read all again from Wolvox" on a group of
// problems (keys cmd.messages.reread.*, help.messages.reread.*,
// statuspage.reread_all*, log.*reread_all*).
func init() {
	add(map[Key]entry{
		// The command line.
		"help.messages.reread.skipped": {
			tr: "Wolvox'taki bir düzeltmeyle giderilebilecek her atlanan ve başarısız mesajı yeniden oku (--job, --channel, --problem ile daraltın)",
			en: "read again every skipped and failed message a correction in Wolvox can mend (narrow with --job, --channel, --problem)"},
		"help.messages.reread.job":     {tr: "--skipped ile: yalnızca bu görevin mesajları", en: "with --skipped: only this job's messages"},
		"help.messages.reread.channel": {tr: "--skipped ile: yalnızca bu kanal (sms, whatsapp, email)", en: "with --skipped: only this channel (sms, whatsapp, email)"},
		"help.messages.reread.problem": {
			tr: "--skipped ile: yalnızca bu sorun türü, durum sayfasındaki gruplar gibi: {kinds}",
			en: "with --skipped: only this kind of problem, as the status page groups them: {kinds}"},
		"help.messages.reread.dry_run": {
			tr: "--skipped ile: yeniden okunacak mesajları listele, hiçbirini okuma ya da değiştirme",
			en: "with --skipped: list the messages that would be read again; read or change none"},
		"cmd.messages.reread.ids_or_skipped": {
			tr: "mesaj numaraları ya da --skipped verin, ikisini birden değil (--job, --channel, --problem ve --dry-run --skipped ile kullanılır)",
			en: "give message IDs or --skipped, not both (--job, --channel, --problem and --dry-run go with --skipped)"},
		"cmd.messages.reread.needs_skipped": {
			tr: "--job, --channel, --problem ve --dry-run yalnızca --skipped ile kullanılır, ör. akinsoft-connector messages reread --skipped --problem no_mobile",
			en: "--job, --channel, --problem and --dry-run go with --skipped only, e.g. akinsoft-connector messages reread --skipped --problem no_mobile"},
		"cmd.messages.reread.ids_needed": {
			tr: "hangi mesajlar? numaralarını verin (messages list ile görünür) ya da Wolvox'ta düzeltilebilecek atlanan ve başarısız mesajların hepsi için --skipped",
			en: "which messages? give their IDs (messages list shows them), or --skipped for every skipped and failed message a correction in Wolvox can mend"},
		"cmd.messages.reread.bad_problem": {
			tr: "--problem {value}: bir sorun türü değil; şunlardan birini yazın: {kinds}",
			en: "--problem {value}: not a kind of problem; use one of {kinds}"},
		"cmd.messages.reread.bad_job": {
			tr: "--job {value}: yapılandırmada bu adla bir görev yok; görevler: {jobs}",
			en: "--job {value}: the config has no job of this name; its jobs: {jobs}"},
		"cmd.messages.reread.bad_channel": {
			tr: "--channel {value}: yapılandırmada bu adla bir kanal yok; kanallar: {channels}",
			en: "--channel {value}: the config has no channel of this name; its channels: {channels}"},
		"cmd.messages.reread.none": {
			tr: "yeniden okunacak mesaj yok: Wolvox'taki bir düzeltmeyle giderilebilecek atlanan ya da başarısız mesaj bulunmadı",
			en: "no messages to read again: none skipped or failed that a correction in Wolvox can mend"},
		"cmd.messages.reread.progress": {tr: "Wolvox'tan yeniden okunuyor", en: "reading again from Wolvox"},
		"cmd.messages.reread.dry_total": {
			tr: "{n} mesaj yeniden okunacak (--dry-run: hiçbiri okunmadı ya da değişmedi)",
			en: "{n} message(s) would be read again (--dry-run: none was read or changed)"},
		"cmd.messages.reread.summary":     {tr: "{n} mesajın kaydı Wolvox'tan yeniden okundu:", en: "{n} message(s) read again from Wolvox:"},
		"cmd.messages.reread.sum_pending": {tr: "{n} mesaj bugünkü bilgilerle gönderilmek üzere kuyrukta", en: "{n} queued with today's details"},
		"cmd.messages.reread.sum_still":   {tr: "{n} mesaj hâlâ gönderilemiyor, atlanmış kaldı:", en: "{n} still cannot be sent and stay skipped:"},
		"cmd.messages.reread.sum_refused": {tr: "{n} mesaj yeniden okunmadı (her biri yukarıda):", en: "{n} not read again (each one above):"},
		"cmd.messages.reread.stopped": {
			tr: "durduruldu: okunmayan mesajlar olduğu gibi duruyor; aynı komut kalanları okur",
			en: "stopped: the messages not read yet stay as they were; the same command reads the rest"},
		"cmd.messages.reread.why.gone": {
			tr: "{n}: Wolvox kaydı bu mesajı artık gerektirmiyor (Wolvox'ta silinmiş, iptal edilmiş ya da göreve artık uymuyor)",
			en: "{n}: the record no longer makes the message (deleted or cancelled in Wolvox, or no longer matching the job)"},
		"cmd.messages.reread.why.told": {
			tr: "{n}: müşteri aynı şeyi yedek kanaldan öğrendi ya da öğrenecek",
			en: "{n}: the customer heard or will hear it by the fallback channel"},
		"cmd.messages.reread.why.cancelled": {
			tr: "{n}: olayın ilk kanaldaki mesajını bir yetkili iptal etmiş; yedek kanal onun yerine göndermez",
			en: "{n}: an operator cancelled its event's message on the first channel; the fallback does not send in its place"},
		"cmd.messages.reread.why.refused": {
			tr: "{n}: müşteri bu ticari mesajı ilk kanalda reddetti; yedek kanal onun yerine göndermez",
			en: "{n}: the customer refused this commercial message on the first channel; the fallback does not send it in its place"},
		"cmd.messages.reread.why.state":        {tr: "{n}: okunurken durumu değişti", en: "{n}: its state changed meanwhile"},
		"cmd.messages.reread.why.not_mendable": {tr: "{n}: nedeni Wolvox'taki bir düzeltmeyle giderilemez", en: "{n}: a correction in Wolvox cannot mend its reason"},
		"cmd.messages.reread.why.purged":       {tr: "{n}: saklama süresi dolduğu için metni silinmiş", en: "{n}: its text was purged after the retention period"},
		"cmd.messages.reread.why.no_source":    {tr: "{n}: veritabanı artık okunmuyor", en: "{n}: its database is no longer read"},
		"cmd.messages.reread.why.no_job":       {tr: "{n}: görevi yapılandırmada artık yok", en: "{n}: its job is no longer in the config"},
		"cmd.messages.reread.why.database": {
			tr: "{n}: Wolvox veritabanı okunamadı (sunucu ya da sorgu düzelince komutu yeniden çalıştırın)",
			en: "{n}: the Wolvox database could not be read (run the command again once the server or the query is mended)"},
		"cmd.messages.reread.why.other": {tr: "{n}: başka bir nedenle (yukarıda yazıyor)", en: "{n}: for another reason (said above)"},

		// The status page: a button on a group of problems, and its flash.
		"statuspage.reread_all": {tr: "Hepsini Wolvox'tan yeniden oku ({n})", en: "Read all again from Wolvox ({n})"},
		"statuspage.reread_all.title": {
			tr: "Bu gruptaki {n} mesajın kaydını Wolvox'tan yeniden okur: cari kartlarında düzelttiğiniz numara ya da adreslerle yeniden oluşturup gönderir",
			en: "Reads the records of this group's {n} message(s) again from Wolvox: makes them again with the numbers or addresses you corrected on the account cards, and sends them"},
		"statuspage.reread_all.started": {
			tr: "\"{group}\" grubunun mesajları arka planda Wolvox'tan yeniden okunuyor: ilerlemesi ve sonucu bu sayfada görünür, sayfayı kapatabilirsiniz.",
			en: "The \"{group}\" group's messages are being read again from Wolvox in the background: this page shows how far it got and what came of it; you may close it."},
		"statuspage.reread_all.stopping": {
			tr: "\"{group}\" grubu yeniden okunmadı: hizmet şu an duruyor ya da yeniden başlıyor. Sayfa yenilenince düğmeye yeniden basın.",
			en: "The \"{group}\" group was not read again: the service is stopping or restarting just now. Press the button again once the page is back."},
		"statuspage.reread_all.busy": {
			tr: "Wolvox'tan toplu yeniden okuma zaten sürüyor (\"{group}\" grubu): Wolvox sunucusunu yormamak için aynı anda yalnızca biri çalışır. Bitince yeniden basın.",
			en: "A read all again from Wolvox is already running (the \"{group}\" group): only one runs at a time, to spare the Wolvox server. Press again once it has ended."},
		"statuspage.reread_all.running": {
			tr: "Wolvox'tan yeniden okunuyor: \"{group}\" grubu (başlangıç {time}). Şu ana dek {read} mesaj ele alındı: {pending} kuyrukta, {still} hâlâ atlanmış, {refused} reddedildi.",
			en: "Reading again from Wolvox: the \"{group}\" group (started {time}). {read} handled so far: {pending} queued, {still} still skipped, {refused} refused."},
		"statuspage.reread_all.ended": {
			tr: "Son toplu yeniden okuma: \"{group}\" grubu (bitiş {time}). {read} mesaj ele alındı: {pending} kuyrukta, {still} hâlâ atlanmış, {refused} reddedildi.",
			en: "The last read all again from Wolvox: the \"{group}\" group (ended {time}). {read} handled: {pending} queued, {still} still skipped, {refused} refused."},
		"statuspage.reread_all.stopped": {
			tr: "Yarıda kaldı (hizmet durdu ya da yeniden yüklendi, ya da giden kutusu okunamadı): okunmayan mesajlar olduğu gibi duruyor; onları okumak için grubun düğmesine yeniden basın.",
			en: "It stopped half way (the service stopped or reloaded, or the outbox could not be read): the messages not read stay as they were; press the group's button again to read them."},
		// The group's name in the lines above.
		"statuspage.reread_all.kind.no_mobile":         {tr: "Cep telefonu kayıtlı değil", en: "No mobile number"},
		"statuspage.reread_all.kind.landline":          {tr: "Numara sabit hat", en: "A landline number"},
		"statuspage.reread_all.kind.bad_phone":         {tr: "Telefon numarası hatalı", en: "A wrong phone number"},
		"statuspage.reread_all.kind.no_email":          {tr: "E-posta adresi kayıtlı değil", en: "No e-mail address"},
		"statuspage.reread_all.kind.bad_email":         {tr: "E-posta adresi hatalı", en: "A wrong e-mail address"},
		"statuspage.reread_all.kind.customer_missing":  {tr: "Faturanın carisi bulunamadı", en: "The invoice's account is missing"},
		"statuspage.reread_all.kind.template":          {tr: "Mesaj metni oluşturulamadı", en: "The text could not be made"},
		"statuspage.reread_all.kind.abroad":            {tr: "Numara yurt dışı", en: "A foreign number"},
		"statuspage.reread_all.kind.refused_recipient": {tr: "Numaraya ya da adrese ulaşılamıyor", en: "The number or address cannot be reached"},
		"statuspage.reread_all.kind.refused_content":   {tr: "Metni sağlayıcı kabul etmedi", en: "The provider refused the text"},
		"statuspage.reread_all.kind.refused":           {tr: "Sağlayıcı kabul etmedi", en: "Refused by the provider"},
		// Why the last run did not read some, by the words of
		// RereadTally.Refused: said on the page, for whoever looks at it.
		"statuspage.reread_all.why.gone": {
			tr: "{n} mesajı Wolvox kaydı artık gerektirmiyor: Wolvox'ta silinmiş ya da iptal edilmiş, göreve artık uymuyor (ör. fatura ödenmiş) ya da hatırlatmanın dönemi geçmiş.",
			en: "{n}: the record no longer makes the message: deleted or cancelled in Wolvox, no longer matching the job (e.g. the invoice was paid), or the reminder's period is over."},
		"statuspage.reread_all.why.told": {
			tr: "{n} mesaj: müşteri aynı şeyi yedek kanaldan öğrendi ya da öğrenecek, ikinci kez söylenmez.",
			en: "{n}: the customer heard or will hear the same thing by the fallback channel, and is not told twice."},
		"statuspage.reread_all.why.cancelled": {
			tr: "{n} mesaj: olayın ilk kanaldaki mesajını bir yetkili iptal etmiş; yedek kanal onun yerine göndermez.",
			en: "{n}: an operator cancelled its event's message on the first channel; the fallback does not send in its place."},
		"statuspage.reread_all.why.refused": {
			tr: "{n} mesaj: müşteri bu ticari mesajı ilk kanalda reddetti; yedek kanal onun yerine göndermez.",
			en: "{n}: the customer refused this commercial message on the first channel; the fallback does not send it in its place."},
		"statuspage.reread_all.why.state": {
			tr: "{n} mesajın durumu okunurken değişti (ör. bu arada tekrar denendi).",
			en: "{n}: its state changed meanwhile (e.g. it was retried)."},
		"statuspage.reread_all.why.not_mendable": {
			tr: "{n} mesajın nedeni Wolvox'taki bir düzeltmeyle giderilemez.",
			en: "{n}: a correction in Wolvox cannot mend its reason."},
		"statuspage.reread_all.why.purged": {
			tr: "{n} mesajın metni saklama süresi dolduğu için silinmiş.",
			en: "{n}: its text was purged after the retention period."},
		"statuspage.reread_all.why.no_source": {
			tr: "{n} mesajın veritabanı artık okunmuyor (yapılandırmadan çıkarılmış ya da yılı geçmiş).",
			en: "{n}: its database is no longer read (removed from the config, or its year is over)."},
		"statuspage.reread_all.why.no_job": {
			tr: "{n} mesajın görevi yapılandırmada artık yok.",
			en: "{n}: its job is no longer in the config."},
		"statuspage.reread_all.why.database": {
			tr: "{n} mesajın kaydı okunamadı: Wolvox veritabanına ulaşılamadı ya da sorgu reddedildi. Mesajlar olduğu gibi kaldı: sunucu ya da sorgu düzelince düğmeye yeniden basın.",
			en: "{n}: the record could not be read: the Wolvox database could not be reached or refused the query. They stay as they were: press the button again once the server or the query is mended."},
		"statuspage.reread_all.why.other": {
			tr: "{n} mesaj başka bir nedenle okunmadı; BT sorumlunuz nedenini hizmetin günlüğünde bulur.",
			en: "{n}: not read for another reason; your IT contact finds it in the service's log."},
		"statuspage.bad_problem_kind": {tr: "bilinmeyen sorun türü", en: "unknown kind of problem"},

		"log.page.reread_all_started": {
			tr: "durum sayfası: bir sorun grubunun Wolvox'tan yeniden okunması arka planda başladı",
			en: "status page: reading a group of problems again from Wolvox started in the background"},
		"log.page.reread_all_busy": {
			tr: "durum sayfası: bir sorun grubunun yeniden okunması istendi, ama biri zaten sürüyor",
			en: "status page: reading a group of problems again was asked while one is running"},
		"log.page.reread_all": {
			tr: "durum sayfası: bir sorun grubunun mesajları Wolvox'tan yeniden okundu",
			en: "status page: a group of problems was read again from Wolvox"},
		"log.page.reread_all_stopped": {
			tr: "durum sayfası: bir sorun grubunun yeniden okunması yarıda kaldı",
			en: "status page: reading a group of problems again stopped half way"},
		"log.reread.refused": {
			tr: "mesaj Wolvox'tan yeniden okunmadı",
			en: "the message was not read again from Wolvox"},
	})
}
