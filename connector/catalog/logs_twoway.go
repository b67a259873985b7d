package catalog

// Log messages of listening (connector/inbound, connector/consent, the
// two-way side of connector/dispatch), of an operator's pause, the daily
// summary and the low-credit alert. The attributes stay English
// identifiers, as in logs.go.
func init() {
	add(map[Key]entry{
		"log.balance.low": {
			tr: "sağlayıcının bakiyesi kanalın low_credit sınırının altında: mesajlar başarısız olmadan hesaba yükleme yapın",
			en: "the provider's balance is under the channel's low_credit: top up the account before messages fail"},

		"log.consent.refresh_failed": {
			tr: "İYS onayları yenilenemedi; sonra yeniden denenecek",
			en: "İYS consents could not be refreshed; trying again later"},
		"log.consent.refreshed": {
			tr: "İYS onayları yenilendi",
			en: "İYS consents refreshed"},

		"log.dispatch.held": {
			tr: "kanal bir yönetici tarafından duraklatıldı",
			en: "channel paused by an operator"},
		"log.dispatch.still_held": {
			tr: "kanal, bir yöneticinin duraklatmasıyla, yeniden başlatma ya da yeniden yüklemeden sonra da bekliyor; durum sayfasındaki Devam ettir düğmesi sürdürür",
			en: "channel stays paused by an operator after the restart or reload; Resume on the status page lets it send"},
		"log.dispatch.held_no_page": {
			tr: "kanal bir yöneticinin duraklatmasıyla bekliyor ama durum sayfası kapalı (status.disabled): sayfayı açın, yeniden başlatın ve Devam ettir'e basın",
			en: "channel is paused by an operator but the status page is disabled (status.disabled): enable it, restart and press Resume"},
		"log.dispatch.hold_not_saved": {
			tr: "kanal duraklatıldı ama bu kaydedilemedi: bir yeniden başlatma duraklatmayı kaldırır",
			en: "channel paused, but the pause could not be saved: a restart would lift it"},
		"log.dispatch.resume_not_saved": {
			tr: "kanal devam ediyor ama bu kaydedilemedi: bir yeniden başlatmadan sonra yine duraklatılmış olur",
			en: "channel resumed, but this could not be saved: after a restart it would be paused again"},
		"log.dispatch.resumed": {
			tr: "kanal bir yönetici tarafından devam ettirildi",
			en: "channel resumed by an operator"},
		"log.dispatch.consent_unreadable": {
			tr: "İYS onayı denetlenemedi; ticari mesaj bekliyor",
			en: "could not check İYS consent; the commercial message waits"},
		"log.dispatch.no_consent": {
			tr: "ticari mesaj atlandı: İYS onayı yok",
			en: "commercial message skipped: no İYS consent"},
		"log.dispatch.cancel_fallbacks_failed": {
			tr: "reddedilen bir mesajın yedek kanal mesajları iptal edilemedi",
			en: "could not cancel the fallbacks of a refused message"},
		"log.dispatch.fallbacks_cancelled": {
			tr: "ticari mesaj reddedildi: diğer kanallardaki onayı bilinmediği için yedek kanal mesajları iptal edildi",
			en: "refused commercial message: its fallbacks are cancelled, no consent of theirs is known"},
		"log.dispatch.fallback_refused": {
			tr: "bu kanalda reddedildi; sıradaki kanala geçiliyor",
			en: "refused on this channel; falling back to the next one"},
		"log.dispatch.refusal_not_recorded": {
			tr: "alıcının reddi kaydedilemedi",
			en: "could not record the recipient's refusal"},
		"log.dispatch.marketing_stopped": {
			tr: "alıcı WhatsApp'ta pazarlama mesajlarını durdurdu; bundan sonra ona giden ticari mesajlar atlanacak",
			en: "the recipient stopped marketing messages on WhatsApp; commercial messages to them are skipped from now on"},
		"log.dispatch.status": {
			tr: "durum bildirimi",
			en: "status"},

		"log.inbound.refusal": {
			tr: "ret alındı: gönderen bundan sonra bu kanalın ticari mesajlarını almaz; fatura ve hatırlatma gibi bilgilendirme mesajları, kanunun izin verdiği gibi, gitmeye devam eder (onları da durdurmak için replies.stop_informational: true)",
			en: "refusal received: the sender gets no more commercial messages on this channel; informational ones such as invoices and reminders keep going, as the law allows (replies.stop_informational: true stops them too)"},
		"log.inbound.refusal_all": {
			tr: "ret alındı: gönderen bundan sonra bu kanaldan hiçbir mesaj almaz, fatura ve hatırlatmalar da durur (replies.stop_informational)",
			en: "refusal received: the sender gets no more messages on this channel, invoices and reminders included (replies.stop_informational)"},
		"log.inbound.replies_read": {
			tr: "yanıtlar okundu",
			en: "replies read"},
		"log.inbound.inbox_unreadable": {
			tr: "SMS gelen kutusu okunamadı; yanıtlar ve retler bir sonraki denemede yeniden okunacak",
			en: "the SMS inbox could not be read; replies and refusals are read again at the next try"},
		"log.inbound.copy_failed": {
			tr: "bir ret aktarılamadı; burada saklanıyor ve gönderimleri yine de durduruyor",
			en: "a refusal could not be copied; it is kept here and stops the sends all the same"},
		"log.inbound.copy_later": {
			tr: "bir ret henüz aktarılamadı; sonra yeniden denenecek",
			en: "a refusal could not be copied yet; trying again later"},
		"log.inbound.sync_failed": {
			tr: "retler kara listeye ya da İYS'ye aktarılamadı; sonra yeniden denenecek",
			en: "refusals could not be copied to the blacklist or İYS; trying again later"},
		"log.inbound.synced": {
			tr: "retler sağlayıcının kara listesine ya da İYS'ye aktarıldı",
			en: "refusals copied to the provider's blacklist or İYS"},

		"log.webhook.bad_verify_token": {
			tr: "WhatsApp webhook'u: doğrulama belirteci (verify token) yanlış olan bir doğrulama isteği reddedildi",
			en: "WhatsApp webhook: a verification request with the wrong verify token was refused"},
		"log.webhook.verified": {
			tr: "WhatsApp webhook'u Meta tarafından doğrulandı",
			en: "WhatsApp webhook verified by Meta"},
		"log.webhook.bad_signature": {
			tr: "WhatsApp webhook'u: geçerli imzası olmayan bir POST reddedildi (app_secret, Meta uygulamasının gizli anahtarı mı?)",
			en: "WhatsApp webhook: a POST without a valid signature was refused (is app_secret the Meta app's secret?)"},
		"log.webhook.unreadable": {
			tr: "WhatsApp webhook'u: imzalı bir gövde okunamadı; yok sayılıyor",
			en: "WhatsApp webhook: a signed body could not be read; it is ignored"},
		"log.webhook.not_recorded": {
			tr: "WhatsApp webhook'u kaydedilemedi; Meta onu yeniden gönderecek",
			en: "WhatsApp webhook could not be recorded; Meta will send it again"},
		"log.webhook.not_started": {
			tr: "WhatsApp webhook alıcısı başlatılamadı; mesajlar yine gönderiliyor, ama durumları gelmeyecek",
			en: "WhatsApp webhook receiver not started; messages are still sent, without statuses"},
		"log.webhook.listening": {
			tr: "WhatsApp webhook alıcısı dinliyor",
			en: "WhatsApp webhook receiver listening"},
		"log.webhook.stopped": {
			tr: "WhatsApp webhook alıcısı durdu; mesajlar yine gönderiliyor, ama durumları gelmeyecek",
			en: "WhatsApp webhook receiver stopped; messages are still sent, without statuses"},
		"log.twoway.mutlucell_no_inbox": {
			tr: "SMS yanıtları ve retler okunmuyor: Mutlucell'in gelen kutusu için channels.sms.mutlucell.inbox_number (hesabın mesaj alan numarası) gerekli",
			en: "SMS replies and refusals are not read: Mutlucell's inbox needs channels.sms.mutlucell.inbox_number (the account's receiving number)"},

		"log.summary.failed": {
			tr: "günlük özet hazırlanamadı; yarın yeniden denenecek",
			en: "could not make the daily summary; it is tried again tomorrow"},
		"log.summary.schedule_failed": {
			tr: "günlük özet zamanlanamadı",
			en: "could not schedule the daily summary"},
		"log.summary.queued": {
			tr: "günlük özet dükkân sahibi için kuyruğa alındı",
			en: "daily summary queued for the shop owner"},
	})
}
