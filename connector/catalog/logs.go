package catalog

// Log messages (keys log.*): the connector's logs are written in the
// config's language; their attributes stay English identifiers for log
// tools. A text may name an attribute of its call in braces (see Logger).
func init() {
	add(map[Key]entry{
		"log.outbox.adopted": {
			tr: "giden kutusunun henüz işareti yok (hizmetin ilk başlangıcından önce init, send-test gibi bir komut oluşturmuş ya da eski bir sürümden kalmış): benimseniyor",
			en: "the outbox has no marker yet (a command such as init or send-test made it before the service's first start, or it is from an earlier version): adopting it"},
		"log.outbox.accepted": {
			tr: "giden kutusu --accept-outbox ile kabul edildi: yeniden okunan satırlar yeniden gönderilebilir",
			en: "outbox accepted with --accept-outbox: rows read again may be sent again"},
		"log.outbox.marker_failed": {
			tr: "giden kutusu işareti güncellenemedi; geri yüklenen eski bir giden kutusu fark edilmeyebilir",
			en: "could not update the outbox marker; a restored old outbox may then go unnoticed"},
		"log.poll.backfill_blocked": {
			tr: "giden kutusu yeniden oluşturulmuş ya da değiştirilmiş: bu görevin geriye dönük gönderimi yapılmaz, şimdiden başlar",
			en: "the outbox was recreated or replaced: this job's backfill is not sent again, it starts from now"},

		"log.audit.write_failed": {
			tr: "giden bir isteğin denetim satırı yazılamadı",
			en: "could not write the audit row of an outbound request"},
		"log.balance.unreadable": {
			tr: "sağlayıcının bakiyesi okunamadı; ölçüm son değeri koruyor",
			en: "could not read the provider's balance; the metric keeps the last value"},
		"log.cli.console_only": {
			tr: "günlük yalnızca konsola yazılıyor",
			en: "logging to the console only"},
		"log.daemon.cron": {
			tr: "zamanlayıcı: {event}",
			en: "cron: {event}"},
		"log.daemon.cron_error": {
			tr: "zamanlayıcı hatası: {event}",
			en: "cron: {event}"},
		"log.daemon.interrupted": {
			tr: "bağlayıcı durduğunda mesajlar gönderiliyordu; belirsiz olarak işaretlendiler ve yeniden göndermeden önce sağlayıcıyla denetlenecekler",
			en: "messages were being sent when the connector stopped; they are marked uncertain and will be checked with the provider before any resend"},
		"log.daemon.job_failed": {
			tr: "görevin çalışması başarısız; bir sonraki zamanında yeniden çalışacak",
			en: "job run failed; it will run again at its next time"},
		"log.daemon.job_stopped": {
			tr: "görev, hizmet durdurulurken yarıda kaldı; bir sonraki zamanında yeniden çalışır",
			en: "job run stopped as the service stopped; it runs again at its next time"},
		"log.daemon.job_ran": {
			tr: "görev çalıştı",
			en: "job ran"},
		"log.daemon.job_recovered": {
			tr: "görev yeniden çalışıyor: {failing_since} itibarıyla art arda {failed_runs} çalışması başarısız olmuştu",
			en: "job running again: {failed_runs} runs in a row had failed since {failing_since}"},
		"log.daemon.overlap": {
			tr: "görev bir önceki başlangıcından beri hâlâ çalışıyor; bu çalışma atlandı",
			en: "job still running from its last start; this run is skipped"},
		"log.daemon.purge_failed": {
			tr: "saklama süresi temizliği başarısız; yarın yeniden çalışacak",
			en: "retention purge failed; it runs again tomorrow"},
		"log.daemon.purged": {
			tr: "saklama süresi temizliği: eski mesaj metinleri ve alıcılar silindi",
			en: "retention purge: old message texts and recipients removed"},
		"log.daemon.waits_for_schedule": {
			tr: "görev başlangıçta çalışmaz, zamanını bekler: gününde ve saatinde gönderir",
			en: "job does not run at start; it waits for its scheduled time to send"},
		"log.daemon.runs_unread": {
			tr: "görevlerin son çalışmaları okunamadı; zamanı gelen görevler zamanlarında çalışacak",
			en: "the jobs' last runs could not be read; time-of-day jobs run at their scheduled time"},
		"log.daemon.running": {
			tr: "bağlayıcı çalışıyor",
			en: "connector running"},
		"log.daemon.started_new_year": {
			tr: "görev yeni yılın veritabanını ilk satırından okudu: geçen yılınkini okuyordu, yeni veritabanındaki faturaların hepsi yeni",
			en: "job read the new year's database from its first row: it was reading last year's, and every invoice in the new one is new"},
		"log.daemon.started_at_end": {
			tr: "görev tablonun şu anki sonundan başladı; eski satırlar gönderilmez (göndermek için backfill verin)",
			en: "job started from the current end of the table; older rows are not sent (set backfill to send them)"},
		"log.daemon.started_backfill": {
			tr: "görev geriye dönük okumayla (backfill) başladı: başlangıç imlecinden sonraki satırlar gönderilecek",
			en: "job started with a backfill: rows after the start cursor are sent"},
		"log.daemon.stopped": {
			tr: "durdu",
			en: "stopped"},
		"log.daemon.stopping": {
			tr: "duruyor: yeni görev çalışması yok; süren gönderimler bekleniyor",
			en: "stopping: no new job runs; waiting for sends in progress"},
		"log.daemon.stopping_for_reload": {
			tr: "yeni yapılandırmaya geçiliyor: eski görevler durduruluyor, süren gönderimler bekleniyor",
			en: "switching to the new config: stopping the old jobs, waiting for sends in progress"},
		"log.daemon.stopped_for_reload": {
			tr: "eski yapılandırmayla çalışma bitti; yenisiyle başlanıyor",
			en: "done with the old config; starting with the new one"},
		"log.dispatch.bad_address": {
			tr: "adres hatalı olarak işaretlendi: sağlayıcıya göre böyle bir adres yok; düzeltilene dek bu adrese giden mesajlar atlanacak",
			en: "address marked bad: the provider says it does not exist; later messages to it are skipped until it is corrected"},
		"log.dispatch.bad_address_failed": {
			tr: "adres hatalı olarak işaretlenemedi",
			en: "could not mark the address as bad"},
		"log.dispatch.daily_cap": {
			tr: "bu alıcı için günlük sınıra ulaşıldı; mesaj yarına kadar bekliyor",
			en: "daily limit for this recipient reached; the message waits until tomorrow"},
		"log.dispatch.drop_fallbacks_failed": {
			tr: "yedek kanal mesajları kaldırılamadı",
			en: "could not drop fallbacks"},
		"log.dispatch.failed": {
			tr: "gönderim başarısız",
			en: "dispatch failed"},
		"log.dispatch.fallback": {
			tr: "sıradaki kanala geçiliyor",
			en: "falling back to the next channel"},
		"log.dispatch.fallback_failed": {
			tr: "yedek kanal başlatılamadı",
			en: "could not start the fallback channel"},
		"log.dispatch.fallback_late": {
			tr: "zamanında iletilmedi; sıradaki kanala geçiliyor",
			en: "not delivered in time; falling back to the next channel"},
		"log.dispatch.fallback_undelivered": {
			tr: "iletilmedi; sıradaki kanala geçiliyor",
			en: "not delivered; falling back to the next channel"},
		"log.dispatch.gave_up": {
			tr: "mesaj denemelerden sonra gönderilemedi",
			en: "message failed after retries"},
		"log.dispatch.optout_unreadable": {
			tr: "gönderim listesinden çıkanlar okunamadı; mesaj bekliyor",
			en: "could not read the opt-out list; the message waits"},
		"log.dispatch.outcome_not_recorded": {
			tr: "gönderim sonucu kaydedilemedi; mesaj bir sonraki başlangıçta belirsiz olarak denetlenecek",
			en: "could not record a send outcome; the message will be checked as uncertain at the next start"},
		"log.dispatch.paused": {
			tr: "kanal durduruldu: sağlayıcı kullanıcı bilgilerini ya da hesap ayarlarını reddetti; mesajlar bekliyor, kaybolmaz. Kanal {minutes} dakika sonra kendiliğinden yeniden dener: sağlayıcının panelinde yapılan bir düzeltme (API erişimi, IP izni, gönderici adı) o zaman geçerli olur; parolayı (secrets set) ya da config.yaml'ı düzelttiyseniz hizmete yapılandırmayı yeniden okutun (Linux: systemctl reload akinsoft-connector, Windows: akinsoft-connector service restart)",
			en: "channel paused: the provider rejected the credentials or account settings; the messages wait, none is lost. The channel tries again by itself in {minutes} minutes: a fix made in the provider's panel (API access, allowed IP, sender name) counts then; after fixing the password (secrets set) or config.yaml, have the service read its config again (Linux: systemctl reload akinsoft-connector, Windows: akinsoft-connector service restart)"},
		"log.dispatch.paused_no_credit": {
			tr: "kanal bekliyor: sağlayıcı hesapta kredi kalmadığı için gönderimi reddetti; mesajlar bekliyor, kaybolmaz ve bu yüzden denemelerini harcamaz. Sağlayıcının panelinden kredi yükleyin: kanal {minutes} dakika sonra kendiliğinden yeniden dener, yeniden başlatma gerekmez",
			en: "channel waiting: the provider refused the send because the account has no credit left; the messages wait, none is lost nor spends its tries on it. Top up the account in the provider's panel: the channel tries again by itself in {minutes} minutes, no restart needed"},
		"log.dispatch.unpaused": {
			tr: "kanal yeniden gönderiyor: sağlayıcı gönderimi yine kabul etti (kanal {since} itibarıyla durmuştu)",
			en: "channel sending again: the provider accepted a send again (the channel had stopped at {since})"},
		"log.dispatch.proven_absent": {
			tr: "belirsiz gönderim sağlayıcıya hiç ulaşmamış; yeniden gönderilecek",
			en: "uncertain send never reached the provider; it will be sent again"},
		"log.dispatch.refused": {
			tr: "mesaj sağlayıcı tarafından reddedildi",
			en: "message refused by the provider"},
		"log.dispatch.report": {
			tr: "iletim raporu",
			en: "delivery report"},
		"log.dispatch.report_not_recorded": {
			tr: "bir iletim raporu kaydedilemedi",
			en: "could not record a delivery report"},
		"log.dispatch.reports_unreadable": {
			tr: "iletim raporları okunamadı; sonra yeniden denenecek",
			en: "delivery reports could not be read; trying again later"},
		"log.dispatch.requeue_failed": {
			tr: "belirsiz bir mesaj yeniden kuyruğa alınamadı",
			en: "could not requeue an uncertain message"},
		"log.dispatch.retry": {
			tr: "gönderim yeniden denenecek",
			en: "send will be retried"},
		"log.dispatch.sent": {
			tr: "mesajlar gönderildi",
			en: "messages sent"},
		"dispatch.bounce_note": {
			tr: "adres yok ({code}); adres düzeltilince bu listeden çıkarın",
			en: "address does not exist ({code}); remove it from this list once the address is corrected"},
		"log.dispatch.outcome": {
			tr: "gönderim sonucu",
			en: "send outcome"},
		"log.dispatch.outcome_kept": {
			tr: "bir isteğin sonucu kaydedilemedi; saklanıyor ve giden kutusuna yazılabilir olur olmaz kaydedilecek (ondan önce yeniden başlatılırsa belirsiz olarak denetlenir)",
			en: "could not record the outcome of a request; it is kept and recorded as soon as the outbox can be written (a restart before that checks it as uncertain)"},
		"log.dispatch.recorded_late": {
			tr: "giden kutusu yeniden yazılabilir olunca sonuç kaydedildi",
			en: "outcome recorded after the outbox could be written again"},
		"log.dispatch.opted_out": {
			tr: "alıcı gönderim listesinden çıkmış; mesaj atlandı",
			en: "recipient opted out; message skipped"},
		"log.dispatch.settle_failed": {
			tr: "belirsiz bir mesaj sonuçlandırılamadı",
			en: "could not settle an uncertain message"},
		"log.dispatch.settled": {
			tr: "belirsiz gönderim sonuçlandı",
			en: "uncertain send settled"},
		"log.dispatch.unknown": {
			tr: "gönderim sonucu bilinmiyor; yeniden göndermeden önce sağlayıcıyla denetlenecek",
			en: "send outcome unknown; it will be checked with the provider before any resend"},
		"log.page.action": {
			tr: "durum sayfası: operatör işlemi",
			en: "status page: operator action"},
		"log.reread.done": {
			tr: "mesajın kaydı Wolvox'tan yeniden okundu",
			en: "the message's record was read again from Wolvox"},
		"log.page.action_refused": {
			tr: "durum sayfası: operatör işlemi reddedildi",
			en: "status page: operator action refused"},
		"log.page.foreign_host": {
			tr: "durum sayfası: yabancı Host başlığı taşıyan istek reddedildi",
			en: "status page: request with a foreign Host header refused"},
		"log.page.device_cookie_failed": {
			tr: "durum sayfası: tarayıcı güvenilir olarak işaretlenemedi",
			en: "status page: could not mark the browser as trusted"},
		"log.page.bad_login_link": {
			tr: "durum sayfası: bilinmeyen, kullanılmış ya da süresi dolmuş giriş bağlantısı",
			en: "status page: unknown, used or expired login link"},
		"log.page.login_link_failed": {
			tr: "durum sayfası: giriş bağlantısı başarısız",
			en: "status page: login link failed"},
		"log.page.login_link_used": {
			tr: "durum sayfası: tek kullanımlık bağlantıyla giriş yapıldı",
			en: "status page: logged in with a one-time link"},
		"log.page.locked": {
			tr: "durum sayfası: giriş reddedildi, çok fazla hatalı deneme",
			en: "status page: login refused, too many failed attempts"},
		"log.page.login_failed": {
			tr: "durum sayfası: giriş başarısız",
			en: "status page: login failed"},
		"log.page.outbox_unreadable": {
			tr: "durum sayfası: giden kutusu okunamıyor",
			en: "status page: cannot read the outbox"},
		"log.page.template_error": {
			tr: "durum sayfası: şablon hatası",
			en: "status page: template error"},
		"log.page.wrong_password": {
			tr: "durum sayfası: parola yanlış",
			en: "status page: wrong password"},
		"log.poll.absent_columns": {
			tr: "veritabanında bu preset'in isteğe bağlı sütunları yok: boş (NULL) okunurlar, eksik bir SILINDI, IPTAL ya da AKTIF hiçbir satırı dışarıda bırakmaz",
			en: "the database lacks optional columns of this preset: they are read as empty (NULL), and a missing SILINDI, IPTAL or AKTIF leaves no row out"},
		"log.source.renamed": {
			tr: "{source} kaynağının yolu artık her yılın veritabanını gösteriyor ({database}): eski yolun veritabanı {as} olduğundan imleçleri ve mesajları bu adla sürüyor; görevler kaldıkları yerden devam eder",
			en: "the path of source {source} now names each year's database ({database}): its old path's database is {as}, so its cursors and messages go on under that name, and its jobs carry on where they were"},
		"log.poll.database_missing": {
			tr: "{source} veritabanı henüz yok (Wolvox'ta yıl açılmamış olabilir): oluşana dek atlanır ve kaynağın öbür yılının veritabanı okunur; bu uyarı bir kez yazılır, veritabanı oluşunca görevler onu kendiliğinden okur",
			en: "the database {source} does not exist yet (the year may not be opened in Wolvox): it is skipped until it does, and the source's other year's database is read; this is said once, and the jobs read it by themselves once it exists"},
		"log.reload.done": {
			tr: "yapılandırma yeniden yüklendi; görevler ve kanallar yeniden başlatılıyor",
			en: "config reloaded; restarting jobs and channels"},
		"log.reload.refused": {
			tr: "yapılandırmanın yeniden yüklenmesi reddedildi; çalışan yapılandırma kullanılmaya devam ediyor",
			en: "config reload refused; the running config stays in use"},
		"log.service.failed": {
			tr: "akinsoft-connector bir hatayla durdu; hizmet yöneticisi onu yeniden başlatacak",
			en: "akinsoft-connector stopped with an error; the service manager will restart it"},
		"log.service.folder_not_private": {
			tr: "{folder} klasörü özel değil: {problem}; ona yalnızca SYSTEM, Administrators ve hizmetin hesabı erişebilmeli",
			en: "the folder {folder} is not private: {problem}; only SYSTEM, Administrators and the service's account should have access to it"},
		"log.service.folder_private": {
			tr: "klasör yalnızca SYSTEM, Administrators ve hizmetin hesabının erişebileceği biçimde korundu",
			en: "folder made private to SYSTEM, Administrators and the service's account"},
		"log.service.no_event_log": {
			tr: "hizmet yöneticisinin günlüğü kullanılamıyor; yalnızca günlük dosyasına yazılıyor",
			en: "the service manager's log is not available; logging to the log file only"},
		"log.service.started": {
			tr: "akinsoft-connector hizmeti başladı",
			en: "akinsoft-connector service started"},
		"log.service.stop_timeout": {
			tr: "akinsoft-connector zamanında durmadı",
			en: "akinsoft-connector stop timed out"},
		"log.service.stopped": {
			tr: "akinsoft-connector hizmeti durdu",
			en: "akinsoft-connector service stopped"},
		"log.service.stopped_error": {
			tr: "akinsoft-connector bir hatayla durdu",
			en: "akinsoft-connector stopped with an error"},
		"log.status.listening": {
			tr: "durum sayfası dinliyor",
			en: "status page listening"},
		"log.status.logins_ended": {
			tr: "durum sayfasının adresi, TLS'i ya da durum klasörü değişti: herkes yeniden giriş yapacak",
			en: "the status page's address, TLS or state folder changed: everyone logs in again"},
		"log.status.not_started": {
			tr: "durum sayfası başlatılamadı; bildirimler yine gönderiliyor",
			en: "status page not started; notifications are still sent"},
		"log.status.save_next_failed": {
			tr: "görevin sonraki çalışması durum sayfası için kaydedilemedi",
			en: "could not save the job's next run for the status page"},
		"log.status.save_run_failed": {
			tr: "görevin çalışması durum sayfası için kaydedilemedi",
			en: "could not save the job run for the status page"},
		"log.status.stopped": {
			tr: "durum sayfası durdu; bildirimler yine gönderiliyor",
			en: "status page stopped; notifications are still sent"},
	})
}
