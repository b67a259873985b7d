package catalog

// What the commands print (keys cmd.*) and the demo's story (demo.*).
func init() {
	add(map[Key]entry{
		"cmd.check.render_warning": {tr: "  {channel} {what}: uyarı: {reason}", en: "  {channel} {what}: warning: {reason}"},

		"cmd.check.sources_down": {
			tr: "{n} okuma, veritabanı yanıt vermediği için yapılamadı: bu bir bağlantı sorunu, yapılandırma dosyasının değil; sunucu açılınca check'i yeniden çalıştırın",
			en: "{n} read(s) could not be made because a database did not answer: a connection problem, not one of the config file; run check again once the server is up"},
		"cmd.check.status_off":     {tr: "durum sayfası: run onu açmazdı (bildirimler yine giderdi): {err}", en: "status page: run would leave it off (notifications would still go): {err}"},
		"cmd.check.outbox_refused": {tr: "giden kutusu: run başlamayı reddederdi: {err}", en: "outbox: run would refuse to start: {err}"},
		// check --providers' requests that no outbox could record
		// (checkProvidersAudited): one line, with why.
		"cmd.check.audit_not_recorded": {
			tr: "uyarı: sağlayıcılara yapılan {n} istek denetim kaydına (audit) yazılmadı: {why}",
			en: "warning: {n} request(s) to the providers were not written to the audit: {why}"},
		"cmd.check.audit_why.no_outbox": {
			tr: "giden kutusu ({path}) henüz yok; check onu oluşturmaz, hizmet ilk başladığında oluşturur",
			en: "the outbox ({path}) does not exist yet; check does not create it, the service does when it first starts"},
		"cmd.check.audit_why.unusable": {
			tr: "giden kutusu yukarıda belirtilen nedenle kullanılamıyor; check onu olduğu gibi bırakır",
			en: "the outbox cannot be used, for the reason given above, and check leaves it as it is"},
		"cmd.check.audit_why.unopened": {
			tr: "giden kutusu yazmak için açılamadı: {err}",
			en: "the outbox could not be opened for writing: {err}"},

		"outbox.mismatch": {
			tr: "{what}. Bu giden kutusuyla başlamak satırları yeniden yeni gibi okur ve mesajlarını ikinci kez gönderir. Durum klasörünün dosyalarını birlikte geri yükleyin (outbox.db ile {marker}) ya da bu giden kutusunu olduğu gibi kullanmak için bir kez `akinsoft-connector run {accept}` ile başlatın (görevlerin geriye dönük gönderimi o zaman yapılmaz; onları da göndermek için {backfill} ekleyin)",
			en: "{what}. A start with it would read rows again as new and send their messages a second time. Restore the state folder's files together (outbox.db with {marker}), or start once with `akinsoft-connector run {accept}` to use this outbox as it is (a job's backfill is then not sent; add {backfill} to send it too)"},
		"outbox.mismatch.missing": {
			tr: "giden kutusu {path} yok, ama durum klasöründeki {marker} bu bağlayıcının bir giden kutusu kullandığını söylüyor (son değişiklik {updated})",
			en: "the outbox {path} is missing, but the state folder's {marker} says this connector used one (last change {updated})"},
		"outbox.mismatch.replaced": {
			tr: "giden kutusu {path}, durum klasöründeki {marker} dosyasının adlandırdığı değil (bu {id}, işaret {want} diyor)",
			en: "the outbox {path} is not the one the state folder's {marker} names (it is {id}, the marker names {want})"},
		"outbox.mismatch.older": {
			tr: "giden kutusu {path}, bu bağlayıcının kullandığının eski bir kopyası ({seq}. değişiklikte; {updated} tarihinde {want}. değişikliğe ulaşmıştı): yedekten mi geri yüklendi?",
			en: "the outbox {path} is an older copy of the one this connector used (at change {seq}, it had got to {want} on {updated}): restored from a backup?"},

		"cmd.run.accept_backfill_alone": {tr: "{flag} yalnızca {with} ile birlikte kullanılır", en: "{flag} goes with {with}"},
		"cmd.error":                     {tr: "hata: {err}", en: "error: {err}"},
		"cmd.usage":                     {tr: "kullanım: {usage}", en: "usage: {usage}"},
		"cmd.flag.lang":                 {tr: "--lang {value}: tr ya da en olmalı", en: "--lang {value}: use tr or en"},
		"cmd.flag.unknown":              {tr: "bilinmeyen seçenek: {detail}", en: "unknown flag: {detail}"},
		"cmd.flag.unknown_short":        {tr: "bilinmeyen kısa seçenek: {detail}", en: "unknown shorthand flag: {detail}"},
		"cmd.flag.needs_argument":       {tr: "seçenek bir değer ister: {detail}", en: "flag needs an argument: {detail}"},
		"cmd.flag.invalid_value":        {tr: "{flag} için geçersiz değer {value}: {reason}", en: "invalid argument {value} for {flag}: {reason}"},
		"cmd.flag.not_integer": {
			tr: "tam sayı değil (ipucu: yalnızca rakamla yazın, ör. {example})",
			en: "not a whole number (hint: write it in digits only, e.g. {example})"},
		"cmd.flag.number_range": {
			tr: "bu kadar büyük bir sayı olmaz (ipucu: daha küçük bir sayı yazın, ör. {example})",
			en: "too large a number (hint: give a smaller one, e.g. {example})"},
		"cmd.flag.not_number": {
			tr: "sayı değil (ipucu: rakamla yazın, ör. {example})",
			en: "not a number (hint: write it in digits, e.g. {example})"},
		"cmd.flag.count_min": {
			tr: "{min} ya da daha büyük bir tam sayı olmalı (ipucu: ör. {example})",
			en: "use a whole number of {min} or more (hint: e.g. {example})"},
		"cmd.flag.not_bool": {
			tr: "true ya da false olmalı (ipucu: {flag} tek başına true demektir)",
			en: "use true or false (hint: {flag} alone means true)"},

		// Column headings of the tables.
		"cmd.col.id":        {tr: "NO", en: "ID"},
		"cmd.col.created":   {tr: "OLUŞTURMA", en: "CREATED"},
		"cmd.col.channel":   {tr: "KANAL", en: "CHANNEL"},
		"cmd.col.job":       {tr: "GÖREV", en: "JOB"},
		"cmd.col.recipient": {tr: "ALICI", en: "RECIPIENT"},
		"cmd.col.status":    {tr: "DURUM", en: "STATUS"},
		"cmd.col.try":       {tr: "DNM", en: "TRY"},
		"cmd.col.reason":    {tr: "NEDEN", en: "REASON"},
		"cmd.col.about":     {tr: "KONU", en: "ABOUT"},
		"cmd.col.time":      {tr: "ZAMAN", en: "TIME"},
		"cmd.col.host":      {tr: "SUNUCU", en: "HOST"},
		"cmd.col.bytes_out": {tr: "BAYT↑", en: "BYTES↑"},
		"cmd.col.bytes_in":  {tr: "BAYT↓", en: "BYTES↓"},
		"cmd.col.outcome":   {tr: "SONUÇ", en: "OUTCOME"},
		"cmd.col.scope":     {tr: "KAPSAM", en: "SCOPE"},
		"cmd.col.source":    {tr: "KAYNAK", en: "SOURCE"},
		"cmd.col.added":     {tr: "EKLENDİ", en: "ADDED"},
		"cmd.col.note":      {tr: "NOT", en: "NOTE"},

		// check
		"cmd.check.job_error": {tr: "görev {job}: {err}", en: "job {job}: {err}"},
		// What to do about a database the jobs could not read, after its
		// cause; the status page's fixes say the same at more length.
		"cmd.check.fix.login": {
			tr: "config.yaml'da kaynağın user değerini denetleyin ve parolasını `akinsoft-connector secrets set AD --config {file}` ile yeniden saklayın; AD, password satırındaki ${secret:AD} içindeki addır",
			en: "check the source's user in config.yaml and store its password again with `akinsoft-connector secrets set NAME --config {file}`, NAME as in ${secret:NAME} on its password line"},
		"cmd.check.fix.unreachable": {
			tr: "Wolvox sunucusunun açık olduğunu, kaynağın host ve port değerlerini (Firebird'de genellikle 3050) ve güvenlik duvarının bu bilgisayara izin verdiğini denetleyin",
			en: "check that the Wolvox server is on, the source's host and port (Firebird is usually 3050), and that its firewall lets this computer in"},
		"cmd.check.fix.missing": {
			tr: "kaynağın database yolunu (Firebird'de sunucunun kendi diskindeki yol) ve kullanıcının o veritabanını açma yetkisi olduğunu denetleyin",
			en: "check the source's database path (for Firebird, the path on the server's own disk) and that the user may open that database"},
		"cmd.check.fix.timeout": {
			tr: "sunucu çok yoğun ya da ağ yavaş olabilir; sürerse kaynağın timeout değerini artırın",
			en: "the server may be very busy or the network slow; if it goes on, raise the source's timeout"},
		"cmd.check.fix.dropped": {
			tr: "Wolvox sunucusunun açık kaldığını ve aradaki ağın (kablo, Wi-Fi, VPN, güvenlik duvarı) bağlantıyı kesmediğini denetleyin",
			en: "check that the Wolvox server stayed on and that the network in between (cable, Wi-Fi, VPN, firewall) did not cut the connection"},
		"cmd.check.jobs_error": {
			tr: "{n} görev aynı nedenle okuyamadı ({jobs}): {err}",
			en: "{n} jobs could not read, for one cause ({jobs}): {err}"},
		"cmd.check.job": {
			tr: "görev {job}: {mode} modu, kaynaklar {sources}, zamanlama {schedule} (sonraki: {next})",
			en: "job {job}: {mode} mode, sources {sources}, schedule {schedule} (next {next})"},
		"cmd.check.job_disabled":      {tr: "yok: görev devre dışı (disabled: true)", en: "never: the job is disabled (disabled: true)"},
		"cmd.check.ok":                {tr: "{file}: sorun yok", en: "{file}: OK"},
		"cmd.check.problems":          {tr: "{file} dosyasında {n} sorun var", en: "{n} problem(s) in {file}"},
		"cmd.check.outbox_unreadable": {tr: "giden kutusu okunamıyor: {err}", en: "cannot read the outbox: {err}"},
		"cmd.check.sources_unopened":  {tr: "kaynaklar açılamıyor: {err}", en: "cannot open the sources: {err}"},
		"cmd.check.outbox_error":      {tr: "giden kutusu: {err}", en: "outbox: {err}"},
		"cmd.check.forgotten": {
			tr: "giden kutusu: unutulmuş {n} adres her kanalda reddediliyor; anahtarları yerinde",
			en: "outbox: {n} forgotten address(es), refused on every channel; their key is in place"},
		"cmd.check.pending": {
			tr: "görev {job}: {source}: sonraki çalışmada {n} satır okunacak",
			en: "job {job}: {source}: {n} row(s) for the next run"},
		"cmd.check.database_missing": {
			tr: "{source}: okunmuyor: veritabanı henüz yok ve çalışmalar o oluşana dek onu atlar ({err})",
			en: "{source}: not read: the database does not exist yet, and runs skip it until it does ({err})"},
		// A source whose fixed path became {year} (connector.SourceRenamed).
		"cmd.check.source_renamed": {
			tr: "kaynak {source}: yolu artık her yılın veritabanını gösteriyor ve eski yolun veritabanı {as}: run onun imleçlerini ve mesajlarını bu ada taşır, görevler kaldıkları yerden sürer (aşağıdaki sayılar da böyle)",
			en: "source {source}: its path now names each year's database, and the old path's database is {as}: run files its cursors and messages under that name, and the jobs go on where they were (as the counts below do)"},
		"cmd.check.source_history_left": {
			tr: "kaynak {source}: uyarı: giden kutusunda bu adla okunmuş imleçler ve mesajlar var, ama yolu artık her yılın veritabanını gösteriyor ve eski yolun hangi yılın veritabanı olduğu bilinmiyor (bağlayıcının eski bir sürümü ya da bu yılın veya geçen yılın olmayan bir veritabanı): yıl veritabanları yeni görevlerinki gibi sonlarından başlar, bu dönem hatırlatılmış faturalar bir kez daha hatırlatılabilir",
			en: "source {source}: warning: the outbox holds cursors and messages read under this name, but its path now names each year's database and which year's the old path was is not known (an earlier version of the connector, or a database that is neither this year's nor last year's): the year databases start at their end as new jobs' do, and invoices reminded this period may be reminded once more"},
		// A {year} source's databases check does not read, each said once
		// (missingYears.say).
		"cmd.check.year_not_opened": {
			tr: "{source}: okunmuyor: {database} henüz yok; Wolvox'ta {year} yılı açılınca okunur, o zamana dek {kept} okunur",
			en: "{source}: not read: {database} does not exist yet; it is read once the year {year} is opened in Wolvox, and until then {kept} is read"},
		"cmd.check.year_not_opened_late": {
			tr: "{source}: okunmuyor: {database} yok. Wolvox'ta {year} yılı açılmamış görünüyor: açılana dek {kept} okunmaya devam eder ve bir şey kaybolmaz. Yıl açıldıysa yapılandırmadaki database yolunu denetleyin: yeni yılın veritabanını göstermiyor",
			en: "{source}: not read: {database} does not exist. The year {year} seems not to be opened in Wolvox: until it is, {kept} goes on being read and nothing is lost. If the year was opened, check the database path in the config: it does not point at the new year's database"},
		"cmd.check.last_year_missing": {
			tr: "{source}: okunmuyor: geçen yılın veritabanı {database} yok (dükkân bu yıl başladıysa böyledir); yalnızca {kept} okunur",
			en: "{source}: not read: last year's database {database} does not exist (as when the shop began this year); only {kept} is read"},
		"cmd.check.not_read_only": {tr: "kaynak {source}: {warning}", en: "source {source}: {warning}"},
		"cmd.check.absent":        {tr: "görev {job}: {source}: uyarı: {note}", en: "job {job}: {source}: warning: {note}"},
		"cmd.check.no_row": {
			tr: "görev {job}: sorgu henüz satır döndürmüyor; şablonları yalnızca söz dizimi için denetlendi",
			en: "job {job}: the query returns no row yet; its templates are checked for syntax only"},
		"cmd.secrets.multiline": {
			tr: "standart girdide birden çok satır var: değeri tek satır olarak verin (ör. echo -n \"$PAROLA\" | …); soruları yanıtlamak için komutu girdi yönlendirmeden çalıştırın",
			en: "standard input holds more than one line: give the value as one line (e.g. echo -n \"$PASSWORD\" | …); to answer the prompts, run the command without redirecting its input"},
		"cmd.check.offline_columns": {
			tr: "  şablonlar yalnızca söz dizimi için denetlendi: sorgunun sütunlarını veritabanı söyler, --offline olmadan bir satırla da denenir",
			en: "  templates checked for syntax only: the query's columns are the database's, and check without --offline renders a row with them"},
		"cmd.check.what.sample": {tr: "örnek", en: "sample"},
		"cmd.check.what.newest": {tr: "en yeni satır", en: "newest row"},
		// The sample with a preset's optional column NULL, as in real rows.
		"cmd.check.what.sample_null":     {tr: "{column} boş örnek", en: "sample with {column} empty"},
		"cmd.check.what.sample_null_all": {tr: "isteğe bağlı sütunları boş örnek", en: "sample with its optional columns empty"},
		// A statement's sample with a column of its movements NULL in each
		// (a movement without a due date, an amount, a description).
		"cmd.check.what.movement_null":     {tr: "hareketlerinde {column} boş örnek", en: "sample with {column} empty in its movements"},
		"cmd.check.what.movement_null_all": {tr: "hareketlerinin isteğe bağlı sütunları boş örnek", en: "sample with its movements' optional columns empty"},
		// Above a statement's sample lines: its PDF's headers (in the
		// reader's language; the lines are in Turkish, as customers get them).
		"cmd.check.statement_columns": {
			tr: "  ekstre sütunları (PDF'teki gibi): {columns}; bakiyedeki (B) borç, (A) alacak bakiyesidir",
			en: "  statement columns (as in the PDF, which customers read in Turkish): {columns}; (B) after a balance: the customer owes, (A): the shop owes"},
		"cmd.check.statement_sample": {
			tr: "  ekstre örneği, {n}. hareket: {line}",
			en: "  statement sample, movement {n}: {line}"},
		"cmd.check.statement_line": {
			tr: "  ekstre {what}, {n}. hareket: {line}",
			en: "  statement {what}, movement {n}: {line}"},
		"cmd.check.statement_refused": {
			tr: "  ekstre {what}: uyarı: run böyle bir satırı göndermeden atlar: {reason}",
			en: "  statement {what}: warning: run would skip such a row, not send it: {reason}"},
		"cmd.check.render_failed": {
			tr: "  {channel}: {what} için mesaj oluşturulamıyor: {err}",
			en: "  {channel}: the {what} cannot be rendered: {err}"},
		"cmd.check.not_sendable": {
			tr: "  {channel} {what}: gönderilemez ({reason}); şablonlar sorunsuz",
			en: "  {channel} {what}: not sendable ({reason}); templates render fine"},

		// status
		"cmd.status.page_disabled": {
			tr: "durum sayfası yapılandırmada kapalı, bu yüzden kanalların durdurulup durdurulmadığı bilinmiyor",
			en: "the status page is disabled in the config, so pause states are unknown"},
		"cmd.status.page_tls": {
			tr: "durum sayfası TLS ile çalışıyor; kanalların durumu için sayfayı tarayıcıda açın",
			en: "the status page speaks TLS; open it in a browser for pause states"},
		"cmd.status.no_answer": {
			tr: "hizmet {url} adresinde yanıt vermiyor: çalışıyor mu? (akinsoft-connector service status)",
			en: "the service does not answer at {url}: is it running? (akinsoft-connector service status)"},
		"cmd.status.needs_token": {
			tr: "{url} bir API belirteci istiyor: {env} ortam değişkenini tanımlayın",
			en: "{url} needs an API token: set {env}"},
		"cmd.status.bad_answer":  {tr: "{url} beklenmeyen bir yanıt verdi: {err}", en: "unexpected answer from {url}: {err}"},
		"cmd.status.jobs":        {tr: "GÖREVLER", en: "JOBS"},
		"cmd.status.jobs_header": {tr: "  GÖREV\tSON ÇALIŞMA\tSÜRE\tSATIR\tYENİ\tATLANAN\tSONUÇ\tSONRAKİ ÇALIŞMA", en: "  JOB\tLAST RUN\tTOOK\tROWS\tNEW\tSKIPPED\tOUTCOME\tNEXT RUN"},
		"cmd.status.ok":          {tr: "tamam", en: "ok"},
		"cmd.status.never_ran":   {tr: "hiç çalışmadı", en: "never ran"},
		"cmd.status.failed":      {tr: "HATA: {err}", en: "FAILED: {err}"},
		"cmd.status.grant": {
			tr: "  {job}: veritabanına yönetici olarak (Firebird'de SYSDBA ile) bağlanıp şunu çalıştırın: {grant}",
			en: "  {job}: connect to the database as an administrator (SYSDBA for Firebird) and run: {grant}"},
		"cmd.status.queue": {tr: "KUYRUK", en: "QUEUE"},
		"cmd.status.empty": {tr: "boş", en: "empty"},
		"cmd.status.queue_header": {
			tr: "  KANAL\tŞİMDİ GİDECEK\tBEKLEYEN\tGÖNDERİLİYOR\tBELİRSİZ\tOPERATÖR BEKLİYOR",
			en: "  CHANNEL\tDUE NOW\tWAITING\tSENDING\tUNCERTAIN\tHELD"},
		"cmd.status.channels":     {tr: "KANALLAR", en: "CHANNELS"},
		"cmd.status.checks":       {tr: "VERİTABANI VE GİDEN KUTUSU", en: "DATABASE AND OUTBOX"},
		"cmd.status.check.erp":    {tr: "Wolvox veritabanı", en: "Wolvox database"},
		"cmd.status.check.outbox": {tr: "giden kutusu", en: "outbox"},
		"cmd.status.paused":       {tr: "DURDURULDU: {reason}", en: "PAUSED: {reason}"},
		"cmd.status.running":      {tr: "çalışıyor", en: "running"},
		"cmd.status.running_quiet": {tr: "çalışıyor; sessiz saatlerde: {at} sonrasında gönderir",
			en: "running; in its quiet hours: sends after {at}"},
		"cmd.status.problem":     {tr: "SORUN: {err}", en: "PROBLEM: {err}"},
		"cmd.status.today":       {tr: "BUGÜN", en: "TODAY"},
		"cmd.status.no_messages": {tr: "mesaj yok", en: "no messages"},
		"cmd.status.problems": {
			tr: "SON HATALAR (başarısız, operatör bekleyen, belirsiz, atlanan; 7 gün)",
			en: "LAST ERRORS (failed, held, uncertain, skipped; 7 days)"},
		"cmd.status.none": {tr: "yok", en: "none"},
		"cmd.status.problems_header": {
			tr: "  NO\tOLUŞTURMA\tKANAL\tGÖREV\tKONU\tALICI\tDURUM\tNEDEN",
			en: "  ID\tCREATED\tCHANNEL\tJOB\tABOUT\tRECIPIENT\tSTATUS\tREASON"},
		"cmd.status.more": {
			tr: "  … {n} tane daha: akinsoft-connector messages list --status failed",
			en: "  … {n} more: akinsoft-connector messages list --status failed"},

		// messages
		"cmd.messages.bad_status": {
			tr: "bir mesaj durumu değil; şunlardan birini yazın: {names} (büyük küçük harf fark etmez; İngilizce adları da olur, ör. failed)",
			en: "not a message state; use one of {names} (in any case; the Turkish names work too, e.g. başarısız)"},
		"cmd.messages.count": {tr: "{n} mesaj", en: "{n} message(s)"},
		"cmd.messages.count_limit": {
			tr: "{n} mesaj (sınıra ulaşıldı: daha fazlası için --limit kullanın)",
			en: "{n} message(s) (limit reached: use --limit for more)"},
		"cmd.messages.ids_or_all": {tr: "mesaj numaraları ya da --all-failed verin, ikisini birden değil", en: "give message IDs or --all-failed, not both"},
		"cmd.messages.ids_needed": {
			tr: "hangi mesajlar? numaralarını verin (messages list ile görünür) ya da başarısız olanların hepsi için --all-failed",
			en: "which messages? give their IDs (messages list shows them), or --all-failed for every failed one"},
		"cmd.messages.bad_id": {
			tr: "{value} bir mesaj numarası değil (bakınız: akinsoft-connector messages list)",
			en: "{value} is not a message ID (see: akinsoft-connector messages list)"},
		"cmd.messages.refused_one":     {tr: "{id} numaralı mesaj: {err}", en: "message {id}: {err}"},
		"cmd.messages.reread.queued":   {tr: "{id} numaralı mesaj: kaydı Wolvox'tan yeniden okundu, bugünkü bilgilerle gönderilmek üzere kuyrukta", en: "message {id}: its record was read again from Wolvox and it is queued with today's details"},
		"cmd.messages.reread.still":    {tr: "{id} numaralı mesaj: kaydı yeniden okundu ama hâlâ gönderilemiyor: {reason}", en: "message {id}: its record was read again, but it still cannot be sent: {reason}"},
		"cmd.messages.reread.failed":   {tr: "{n} mesajdan {failed} tanesi yeniden okunamadı", en: "{failed} of {n} message(s) could not be read again"},
		"cmd.messages.retry.none":      {tr: "yeniden denenecek mesaj yok", en: "no messages to retry"},
		"cmd.messages.retry.progress":  {tr: "yeniden deneniyor", en: "retry"},
		"cmd.messages.retry.done":      {tr: "{n} mesaj yeniden kuyruğa alındı", en: "{n} message(s) queued again"},
		"cmd.messages.retry.done_some": {tr: "{n} mesaj yeniden kuyruğa alındı, {failed} reddedildi (yukarıya bakın)", en: "{n} message(s) queued again, {failed} refused (see above)"},
		"cmd.messages.retry.failed":    {tr: "{n} mesajdan {failed} tanesi yeniden denenemedi", en: "{failed} of {n} message(s) could not retry"},
		"cmd.messages.retry.stopped": {
			tr: "durduruldu: yeniden kuyruğa alınmayan mesajlar başarısız olarak duruyor; aynı komut kalanları kuyruğa alır",
			en: "stopped: the messages not queued again yet stay failed; the same command queues the rest"},
		"cmd.messages.cancel.none":      {tr: "iptal edilecek mesaj yok", en: "no messages to cancel"},
		"cmd.messages.cancel.progress":  {tr: "iptal ediliyor", en: "cancel"},
		"cmd.messages.cancel.done":      {tr: "{n} mesaj iptal edildi", en: "{n} message(s) cancelled"},
		"cmd.messages.cancel.done_some": {tr: "{n} mesaj iptal edildi, {failed} reddedildi (yukarıya bakın)", en: "{n} message(s) cancelled, {failed} refused (see above)"},
		"cmd.messages.cancel.failed":    {tr: "{n} mesajdan {failed} tanesi iptal edilemedi", en: "{failed} of {n} message(s) could not cancel"},

		// An operator's action refused for one message (the outbox's words,
		// after "message 61: " on the command line and in the page's log).
		"outbox.no_message": {tr: "giden kutusunda bu numarada bir mesaj yok", en: "there is no message with this ID in the outbox"},
		"outbox.wrong_state.retry": {
			tr: "durumu {is}; yalnızca {from} durumundaki mesajlar yeniden kuyruğa alınabilir",
			en: "its state is {is}; only a message in state {from} can be queued again"},
		"outbox.wrong_state.cancel": {
			tr: "durumu {is}; yalnızca {from} durumundaki mesajlar iptal edilebilir",
			en: "its state is {is}; only a message in state {from} can be cancelled"},
		"outbox.wrong_state.uncertain": {
			tr: "durumu {is}: gönderimin sonucu henüz bilinmiyor ve bağlayıcı onu sağlayıcının raporuyla kendisi denetliyor; sağlayıcı mesajı hiç almadığını kanıtlarsa kendiliğinden yeniden gönderir, aldıysa Gönderildi yapar, ikisi de kanıtlanamazsa Operatör bekliyor durumuna alır: o zaman sağlayıcının panelinde bakıp yeniden deneyebilir ya da iptal edebilirsiniz",
			en: "its state is {is}: the send's outcome is not known yet, and the connector checks it against the provider's report by itself; if the provider proves it never took the message it is sent again, if it took it the message becomes Sent, and if neither can be proven it is Held for operator: then look in the provider's panel and retry or cancel it"},
		"outbox.wrong_state": {
			tr: "durumu {is}; yalnızca {from} durumundaki mesajlar {to} durumuna geçebilir",
			en: "its state is {is}; only a message in state {from} can become {to}"},
		"outbox.standby_behind": {
			tr: "bir yedek mesaj; olayın {channel} mesajının durumu {is}: o başarısız olursa yedek kendiliğinden gider, gönderildiyse aynı şeyi ikinci kez söylerdi",
			en: "it is a standby; its event's {channel} message is {is}: the standby goes by itself if that one fails, and once it was sent the standby would say the same thing twice"},
		"outbox.wrong_state.reread": {
			tr: "durumu {is}; yalnızca {from} durumundaki bir mesaj Wolvox'tan yeniden okunabilir",
			en: "its state is {is}; only a message in state {from} can be read again from Wolvox"},
		"connector.reread_not_mendable": {
			tr: "bu mesajın nedeni Wolvox'taki bir düzeltmeyle giderilemez (ör. müşteri mesaj istemedi ya da Wolvox kendisi gönderdi): yeniden okunmaz",
			en: "a correction in Wolvox cannot mend this message's reason (e.g. the customer refused messages, or Wolvox sent it itself): it is not read again"},
		"connector.reread_refused_first": {
			tr: "müşteri bu ticari mesajı {channel} kanalında reddetti: yedek kanal onun yerine göndermez (bir kanaldaki ret, ötekine izin değildir)",
			en: "the customer refused this commercial message on {channel}: the fallback does not send it in its place (a refusal on one channel is no consent on another)"},
		"connector.reread_no_job": {
			tr: "mesajın görevi {job} yapılandırmada artık yok: yeniden okunamaz",
			en: "the message's job {job} is no longer in the config: it cannot be read again"},
		"outbox.reread_purged": {
			tr: "mesajın metni saklama süresi dolduğu için silinmiş; bu kadar eski bir mesaj yeniden okunmaz",
			en: "the message's text was purged after the retention period; a message this old is not read again"},
		"outbox.reread_changed": {
			tr: "mesaj Wolvox okunurken değişti (ör. tekrar denendi): olduğu gibi kaldı; listede yeni durumuna bakıp gerekirse yeniden basın",
			en: "the message changed while Wolvox was read (e.g. it was retried): it stays as it is; see its new state in the list and press again if need be"},
		"outbox.reread_told": {
			tr: "olayın {channel} mesajının durumu {is}: müşteri bunu o kanaldan öğrendi ya da öğrenecek, ikinci kez söylenmez",
			en: "its event's {channel} message is {is}: the customer heard or will hear it that way, and is not told twice"},
		"outbox.reread_cancelled": {
			tr: "olayın {channel} mesajını bir yetkili iptal etti: yedek kanal onun yerine göndermez",
			en: "an operator cancelled its event's {channel} message: the fallback does not send in its place"},
		"outbox.either": {tr: "{list} ya da {last}", en: "{list} or {last}"},
		"outbox.update_failed": {
			tr: "mesajın yeni durumu giden kutusuna yazılamadı: {err}",
			en: "the message's new state could not be written to the outbox: {err}"},

		// run and run --once
		"cmd.run.job_needs_once": {
			tr: "--job yalnızca --once ile çalışır; hizmet her görevi kendi zamanında çalıştırır",
			en: "--job works with --once only; the service runs every job on its schedule"},
		"cmd.instance.held": {
			tr: "durum klasörü başka bir akinsoft-connector tarafından kullanılıyor ({dir}, {holder}): önce onu durdurun (akinsoft-connector service stop) ya da buna kendi state_dir'ini verin",
			en: "the state directory is in use by another akinsoft-connector ({dir}, {holder}): stop it first (akinsoft-connector service stop), or give this one its own state_dir"},
		"cmd.once.job_disabled":  {tr: "{file} içindeki {name} görevi devre dışı (disabled: true): çalıştırmak için o satırı kaldırın", en: "the job {name} in {file} is disabled (disabled: true): remove that line to run it"},
		"cmd.once.no_job":        {tr: "{file} içinde {name} adlı görev yok (görevler: {jobs})", en: "no job named {name} in {file} (jobs: {jobs})"},
		"cmd.once.rows_progress": {tr: "görev {job}: satırlar", en: "job {job}: rows"},
		"cmd.once.job_failed":    {tr: "görev {job}: {rows} satırdan sonra başarısız: {err}", en: "job {job}: failed after {rows} rows: {err}"},
		"cmd.once.job_done": {
			tr: "görev {job}: {rows} satır okundu, {queued} mesaj kuyruğa alındı, {skipped} mesaj atlandı (nedeni giden kutusunda)",
			en: "job {job}: {rows} rows read, {queued} messages queued, {skipped} skipped with a reason"},
		"cmd.once.waits": {
			tr: "görev {job}: çalıştırılmadı: kendi gününde ve saatinde gönderir ve kaçırdığı bir çalışması yok; sonraki çalışması {next}. Şimdi çalıştırmak için: {cmd}",
			en: "job {job}: not run: it sends on its scheduled day and time and has missed no scheduled run; its next run is {next}. To run it now: {cmd}"},
		"cmd.once.sending": {tr: "gönderiliyor", en: "sending"},
		"cmd.once.sent":    {tr: "gönderildi: sağlayıcılar {n} mesajı kabul etti", en: "sent: {n} accepted by the providers"},
		"cmd.once.part.retry": {
			tr: "{n} sonra yeniden denenecek (sağlayıcı meşgul ya da ulaşılamıyor, ya da kanal durduruldu)",
			en: "{n} to be retried later (provider busy or unreachable, or channel paused)"},
		"cmd.once.part.failed": {tr: "{n} kesin reddedildi", en: "{n} refused for good"},
		"cmd.once.part.uncertain": {
			tr: "{n} net yanıt almadı (yeniden göndermeden önce sağlayıcıya sorulur)",
			en: "{n} with no clear answer (checked with the provider before any resend)"},
		"cmd.once.part.skipped":  {tr: "{n} atlandı (ret listesinde)", en: "{n} skipped (opted out)"},
		"cmd.once.part.deferred": {tr: "{n} bekliyor (günlük sınır)", en: "{n} waiting (daily limit)"},
		"cmd.once.send_stopped":  {tr: "gönderim durdu", en: "sending stopped"},
		"cmd.once.quiet": {
			tr: "{channel} sessiz saatlerde: bekleyenler {at} sonrasında gider (quiet_hours)",
			en: "{channel} is in its quiet hours: what waits goes after {at} (quiet_hours)"},
		"cmd.once.still_queued": {
			tr: "{channel} kuyruğunda hâlâ: {due} şimdi gidecek, {later} sonra (yeniden deneme zamanı, sessiz saatler, günlük sınır), {uncertain} belirsiz, {held} operatör bekliyor: hizmet bunları gönderir ya da sonuçlandırır",
			en: "still queued on {channel}: {due} due, {later} later (retry time, quiet hours, daily limit), {uncertain} uncertain, {held} held: the service sends or settles them"},
		"cmd.once.paused": {tr: "{channel} kanalı durduruldu: {reason}", en: "channel {channel} is paused: {reason}"},
		"cmd.once.failed": {tr: "{n} görev başarısız: {jobs} (yukarıdaki satırlara bakın)", en: "{n} job(s) failed: {jobs} (see the lines above)"},

		// audit, forget, optout
		"cmd.audit.count":         {tr: "son {since} içinde {n} istek", en: "{n} request(s) in the last {since}"},
		"cmd.span.days":           {tr: "{n} gün", en: "{n} day(s)"},
		"cmd.span.hours":          {tr: "{n} saat", en: "{n} hour(s)"},
		"cmd.span.minutes":        {tr: "{n} dakika", en: "{n} minute(s)"},
		"cmd.privacy.not_address": {tr: "{value} ne telefon numarası ne de e-posta adresi: {reason}", en: "{value} is neither a phone number nor an e-mail address: {reason}"},
		// A command's request outside the service whose row could not be
		// written (send-test, check --providers, init).
		"cmd.audit.write_failed": {
			tr: "uyarı: {host} isteği denetim kaydına (audit) yazılamadı: {err}",
			en: "warning: the request to {host} could not be written to the audit: {err}"},
		"cmd.forget.email_alone": {
			tr: "{args}: e-posta adresi tek başına, tek bir argüman olarak verilir; her kişi için forget'i ayrı çalıştırın",
			en: "{args}: an e-mail address is given alone, as one argument; run forget once for each person"},
		"cmd.forget.several": {
			tr: "{args} birden çok telefon numarası; forget tek bir kişiyi unutur: her biri için ayrı çalıştırın",
			en: "{args} are more than one phone number; forget erases one person: run it once for each"},
		"cmd.forget.not_one_number": {
			tr: "{args} birlikte tek bir telefon numarası değil: {reason} (forget tek bir kişiyi alır: boşluklarla da yazılabilen bir telefon numarası ya da tek bir e-posta adresi)",
			en: "{args} together are not one phone number: {reason} (forget takes one person: one phone number, which may be written with spaces, or one e-mail address)"},
		"cmd.forget.not_digits":   {tr: "{arg} bir telefon numarasının parçası değil", en: "{arg} is no part of a phone number"},
		"cmd.forget.deleted.done": {tr: "silindi", en: "deleted"},
		"cmd.forget.deleted.dry":  {tr: "silinecek", en: "would delete"},
		"cmd.forget.emptied.done": {tr: "boşaltıldı", en: "emptied"},
		"cmd.forget.emptied.dry":  {tr: "boşaltılacak", en: "would empty"},
		"cmd.forget.and_optout":   {tr: " ve gönderim listesinden çıkma kaydı", en: ", and the opt-out entry"},
		"cmd.forget.summary.done": {tr: "{who} unutuldu: {messages} mesaj, {attempts} gönderim denemesi, {audit} denetim satırı{optout}", en: "forgot {who}: {messages} message(s), {attempts} send attempt(s), {audit} audit row(s){optout}"},
		"cmd.forget.summary.dry":  {tr: "{who} unutulacak: {messages} mesaj, {attempts} gönderim denemesi, {audit} denetim satırı{optout}", en: "would forget {who}: {messages} message(s), {attempts} send attempt(s), {audit} audit row(s){optout}"},
		"cmd.forget.purged":       {tr: "(metin zaten temizlenmiş)", en: "(text already purged)"},
		"cmd.forget.mentioned":    {tr: "(başka bir adrese; metni bu kişiyi anıyor)", en: "(to another address; its text names this person)"},
		"cmd.forget.mentioned_cancelled": {
			tr: "(başka bir adrese; metni bu kişiyi anıyor; henüz gönderilmedi: iptal edildi)",
			en: "(to another address; its text names this person; not sent yet: cancelled)"},
		"cmd.forget.attempt_texts": {tr: "başka mesajların gönderim denemelerinden {n} hata metni", en: "{n} error text(s) of other messages' send attempts"},
		"cmd.forget.job_error":     {tr: "{job} görevinin son hatası", en: "the last error of job {job}"},
		"cmd.forget.optout_notes":  {tr: "başka gönderim listesi kayıtlarının {n} notu", en: "{n} note(s) of other opt-out entries"},
		"cmd.forget.kept":          {tr: "korundu: {what}", en: "kept: {what}"},
		"cmd.forget.dry_run": {
			tr: "Deneme: hiçbir şey değiştirilmedi. --dry-run olmadan adres yalnızca anahtarlı bir özet olarak kalır, böylece hiçbir kanaldan yeniden mesaj almaz.",
			en: "Dry run: nothing was changed. Without --dry-run the address is then kept only as a keyed hash, so it is not messaged again on any channel."},
		"cmd.forget.already": {
			tr: "Bu adres daha önce unutulmuştu; her kanalda reddedilmeye devam eder.",
			en: "This address had been forgotten before; it stays refused on every channel."},
		"cmd.forget.hashed": {
			tr: "Adres yalnızca anahtarlı bir özet olarak kalır; ERP onu yeniden ansa da hiçbir kanaldan mesaj almaz.",
			en: "The address is kept only as a keyed hash, so it is not messaged again on any channel, even when the ERP names it again."},
		"cmd.forget.allow_again": {
			tr: "Yeniden mesaj gönderilmesine izin vermek için: akinsoft-connector optout remove ADRES",
			en: "To allow messages to it again: akinsoft-connector optout remove ADDRESS"},
		"cmd.forget.vacuumed": {
			tr: "Bu sürümden önce boşalan alanı temizlemek için giden kutusu dosyası bir kez yeniden yazıldı.",
			en: "The outbox file was rewritten once, to clear space freed before this version."},
		"cmd.forget.wal_busy": {
			tr: "Uyarı: başka bir süreç (hizmet mi?) giden kutusunu okuyordu, bu yüzden önden yazma günlüğü (outbox.db-wal) eski sayfaları hâlâ tutuyor olabilir. Aynı forget komutunu bir dakika sonra ya da hizmet dururken yeniden çalıştırın.",
			en: "Warning: another process (the service?) was reading the outbox, so its write-ahead log (outbox.db-wal) may still hold the old pages. Run the same forget again in a minute, or with the service stopped."},
		"cmd.optout.added":      {tr: "{who} gönderim listesinden çıkarıldı (opt-out)", en: "{who} added to the opt-out list"},
		"cmd.optout.not_listed": {tr: "{who} gönderim listesinden çıkanlar arasında değil ve unutulmamış", en: "{who} is not on the opt-out list and was not forgotten"},
		"cmd.optout.removed": {
			tr: "{who} gönderim listesinden çıkanlardan silindi: ona yeniden mesaj gönderilebilir",
			en: "{who} removed from the opt-out list: messages to it are allowed again"},
		"cmd.optout.count": {tr: "gönderim listesinden çıkan {n} alıcı", en: "{n} recipient(s) opted out"},
		"cmd.optout.forgotten": {
			tr: "unutulmuş {n} adres de reddediliyor; yalnızca anahtarlı özet olarak tutulur (gösterilmez)",
			en: "{n} forgotten address(es) refused too, kept only as keyed hashes (not shown)"},
		"cmd.optout.reset_needs_yes": {
			tr: "reset-forgotten unutulan herkesin reddini kaldırır; istediğiniz buysa --yes ile çalıştırın",
			en: "reset-forgotten drops every forgotten person's refusal; run it with --yes if that is what you want"},
		"cmd.optout.reset_done": {tr: "unutulmuş {n} adres kaldırıldı; gönderim sürüyor", en: "dropped {n} forgotten address(es); sending resumes"},

		// render
		"cmd.render.needs_job":    {tr: "render için --job AD gerekli", en: "render needs --job NAME"},
		"cmd.render.key_or_limit": {tr: "ya --key ya da --limit kullanın, ikisini birden değil", en: "use either --key or --limit, not both"},
		"cmd.render.no_job":       {tr: "{file} içinde {name} adlı görev yok (görevler: {jobs})", en: "no job named {name} in {file} (jobs: {jobs})"},
		"cmd.render.no_source":    {tr: "{name} kaynağı tanımlı değil", en: "source {name} is not configured"},
		"cmd.render.absent":       {tr: "uyarı: kaynak {source}: {note}", en: "warning: source {source}: {note}"},
		"cmd.render.no_row": {
			tr: "görev {job}: {source} kaynağında {key} = {value} olan satır yok (silinmiş, iptal edilmiş ya da görevin sorgusu dışarıda bırakıyor olabilir)",
			en: "job {job}: source {source} has no row with {key} = {value} (deleted, cancelled or filtered out by the job's query?)"},
		"cmd.render.no_rows":      {tr: "görev {job}: {source} kaynağı hiç satır döndürmedi", en: "job {job}: source {source} returned no rows"},
		"cmd.render.nothing_sent": {tr: "Hiçbir şey gönderilmedi, giden kutusuna hiçbir şey yazılmadı.", en: "Nothing was sent and nothing was written to the outbox."},
		"cmd.render.header":       {tr: "── {job} {key}={value} (kaynak {source}) ──", en: "── {job} {key}={value} (source {source}) ──"},
		"cmd.render.no_step":      {tr: "bu satır için bugün zamanı gelen hatırlatma adımı yok", en: "no reminder step is due today for this row"},
		"cmd.render.skipped":      {tr: "{label}: ATLANDI: {reason}", en: "{label}: SKIPPED: {reason}"},
		"cmd.render.waits":        {tr: "bekleyeceği zaman: {at} (sessiz gün)", en: "waits until: {at} (a quiet day)"},
		"cmd.render.encoding":     {tr: "kodlama: {encoding} ({units} birim, parça başına {per})", en: "encoding: {encoding} ({units} units, {per} per segment)"},
		"cmd.render.subject":      {tr: "konu", en: "subject"},
		"cmd.render.text":         {tr: "metin", en: "text"},
		"cmd.render.template":     {tr: "şablon", en: "template"},

		// secrets, admin
		"cmd.secrets.delete_not_found": {
			tr: "kasada {name} adlı sır yok; kayıtlı adlar için: {cmd}",
			en: "the vault holds no secret named {name}; for the names it holds: {cmd}"},
		"cmd.secrets.config_missing": {
			tr: "{file} yapılandırma dosyası yok, bu yüzden sırrın hangi durum klasörüne yazılacağı bilinmiyor: yolu düzeltin ya da klasörü --state-dir ile verin",
			en: "the config file {file} does not exist, so the state folder for the secret is not known: fix the path or give the folder with --state-dir"},
		"cmd.secrets.stored":              {tr: "{name} sırrı {path} içinde saklandı; yapılandırmada {ref} yazın", en: "secret {name} stored in {path}; use {ref} in the config"},
		"cmd.secrets.none":                {tr: "saklanan sır yok", en: "no secrets stored"},
		"cmd.secrets.set_at":              {tr: "kaydedildi: {at}", en: "set {at}"},
		"cmd.secrets.deleted":             {tr: "{name} sırrı silindi", en: "secret {name} deleted"},
		"cmd.secrets.mkdir":               {tr: "durum klasörü {dir} oluşturulamadı", en: "create the state folder {dir}"},
		"cmd.secrets.prompt":              {tr: "{name} için değer (gösterilmez):", en: "Value for {name} (not shown):"},
		"cmd.secrets.read_failed":         {tr: "değer okunamadı", en: "read the value"},
		"cmd.secrets.read_stdin_failed":   {tr: "değer standart girdiden okunamadı", en: "read the value from standard input"},
		"cmd.secrets.empty":               {tr: "değer boş: hiçbir şey saklanmadı", en: "empty value: nothing stored"},
		"cmd.secrets.empty_stdin":         {tr: "standart girdide değer boş: hiçbir şey saklanmadı", en: "empty value on standard input: nothing stored"},
		"cmd.admin.password":              {tr: "yönetici parolası", en: "the admin password"},
		"cmd.admin.password_again":        {tr: "yönetici parolası (yeniden)", en: "the admin password (again)"},
		"cmd.admin.viewer_password":       {tr: "salt okunur parola", en: "the viewer password"},
		"cmd.admin.viewer_password_again": {tr: "salt okunur parola (yeniden)", en: "the viewer password (again)"},
		"cmd.admin.viewer_password_set": {
			tr: "salt okunur parola ayarlandı (bcrypt özeti {path} dosyasında); bununla giren sayfayı görür ama tekrar deneyemez, iptal edemez, duraklatamaz",
			en: "viewer password set (bcrypt hash in {path}); whoever logs in with it sees the page but cannot retry, cancel or pause"},
		"cmd.admin.viewer_password_removed": {tr: "salt okunur parola kaldırıldı", en: "viewer password removed"},
		"cmd.admin.passwords_differ":        {tr: "iki parola farklı: hiçbir şey değişmedi", en: "the two passwords differ: nothing changed"},
		"cmd.admin.password_set": {
			tr: "yönetici parolası belirlendi (bcrypt özeti {path} içinde); bir sonraki girişte geçerli, yeniden başlatma gerekmez",
			en: "admin password set (bcrypt hash in {path}); it works at the next login, no restart needed"},
		"cmd.admin.token_created_at": {tr: "oluşturma: {at}", en: "created {at}"},
		"cmd.admin.no_tokens":        {tr: "belirteç yok", en: "no tokens"},
		"cmd.admin.token_created": {
			tr: "{name} belirteci oluşturuldu; yalnızca şimdi gösteriliyor. Şöyle gönderin: Authorization: Bearer <belirteç>",
			en: "token {name} created; it is shown only now. Send it as: Authorization: Bearer <token>"},
		"cmd.admin.token_revoked": {tr: "{name} belirteci silindi", en: "token {name} revoked"},

		// send-test
		"cmd.sendtest.check_failed":  {tr: "{n} sağlayıcı denetimden geçemedi", en: "{n} provider(s) failed the check"},
		"cmd.sendtest.needs_args":    {tr: "send-test için --channel ve --to gerekli (ya da --check)", en: "send-test needs --channel and --to (or --check)"},
		"cmd.sendtest.no_channel":    {tr: "{name} kanalı tanımlı değil (tanımlı olanlar: {channels})", en: "channel {name} is not configured (configured: {channels})"},
		"cmd.sendtest.bad_to":        {tr: "--to {value}: {reason}", en: "--to {value}: {reason}"},
		"cmd.sendtest.sending":       {tr: "{to} alıcısına {provider} üzerinden bir {channel} deneme mesajı gönderiliyor…", en: "sending a test {channel} message to {to} through {provider}…"},
		"cmd.sendtest.not_accepted":  {tr: "sağlayıcı deneme mesajını kabul etmedi", en: "the provider did not accept the test message"},
		"cmd.sendtest.accepted":      {tr: "kabul edildi: sağlayıcı numarası {id}", en: "accepted: provider id {id}"},
		"cmd.sendtest.outcome.retry": {tr: "GÖNDERİLMEDİ (geçici; hizmet sonra yeniden denerdi)", en: "NOT SENT (temporary; the daemon would retry later)"},
		"cmd.sendtest.outcome.permanent": {
			tr: "REDDEDİLDİ (bu mesaj için kalıcı)",
			en: "REFUSED (permanent for this message)"},
		"cmd.sendtest.outcome.config": {
			tr: "REDDEDİLDİ: kullanıcı bilgileri ya da hesap ayarları (hizmet bu kanalı durdururdu)",
			en: "REFUSED: credentials or account settings (the daemon would pause this channel)"},
		"cmd.sendtest.outcome.unknown": {
			tr: "BİLİNMİYOR: sağlayıcı almış olabilir; yeniden göndermeden önce denetleyin",
			en: "UNKNOWN: the provider may have taken it; check before sending again"},
		"cmd.sendtest.code":             {tr: "kod:  ", en: "code:  "},
		"cmd.sendtest.reason":           {tr: "neden:", en: "reason:"},
		"cmd.sendtest.retry_after":      {tr: "yeniden deneme:", en: "retry after:"},
		"cmd.sendtest.detail":           {tr: "ayrıntı:", en: "detail:"},
		"cmd.sendtest.channel":          {tr: "kanal {channel} ({provider})", en: "channel {channel} ({provider})"},
		"cmd.sendtest.nothing_to_check": {tr: "denetlenecek bir şey yok", en: "nothing to check"},
		// A recipient send-test refuses, as the service would (cmd_sendtest.go).
		"cmd.sendtest.refused": {
			tr: "{to} alıcısına {channel} deneme mesajı gönderilmedi: {why}. {hint}",
			en: "no test {channel} message was sent to {to}: {why}. {hint}"},
		"cmd.sendtest.forgotten": {
			tr: "bu kişi `forget` ile unutuldu; ona hiçbir kanaldan mesaj gitmez",
			en: "this person was forgotten (`forget`) and gets no message on any channel"},
		"cmd.sendtest.hint.optout": {
			tr: "Denemeyi başka bir numara ya da adresle yapın; bu kayıt yanlışlıkla eklendiyse önce listeden çıkarın: {cmd}",
			en: "Test with another number or address; if the entry was added by mistake, take it off the list first: {cmd}"},
		"cmd.sendtest.hint.refused": {
			tr: "Müşterinin reddine uyulur: denemeyi başka bir numara ya da adresle yapın. Numara sizinse ve reddi siz verdiyseniz önce kaldırın: {cmd}",
			en: "The customer's refusal is honoured: test with another number or address. If the number is yours and the refusal was yours, remove it first: {cmd}"},
		"cmd.sendtest.hint.forgotten": {
			tr: "Denemeyi başka bir numara ya da adresle yapın. Kişi yeniden mesaj almak istediyse önce: {cmd}",
			en: "Test with another number or address. If the person asked for messages again, first run: {cmd}"},
		"cmd.sendtest.hint.iys": {
			tr: "Bu ret İYS'de kayıtlıdır ve ancak kişi İYS'de yeniden onay verince kalkar: denemeyi başka bir numara ya da adresle yapın.",
			en: "The refusal is recorded in İYS and is lifted only when the person consents again there: test with another number or address."},
		"cmd.sendtest.refusal_unreadable": {
			tr: "ret listesi okunamadı, deneme mesajı gönderilmedi (hizmet de okuyamadığı sürece göndermez): {err}",
			en: "the opt-out list could not be read, so no test message was sent (the service sends nothing either while it cannot read it): {err}"},

		// service
		"cmd.service.state.running":       {tr: "çalışıyor", en: "running"},
		"cmd.service.state.stopped":       {tr: "durdu", en: "stopped"},
		"cmd.service.state.not_installed": {tr: "kurulu değil", en: "not installed"},
		"cmd.service.state.unknown":       {tr: "bilinmiyor", en: "unknown"},
		"cmd.service.runs":                {tr: "çalıştırdığı: {command}", en: "runs: {command}"},
		"cmd.service.done":                {tr: "{name}: {action} tamamlandı", en: "{name}: {action} done"},
		"cmd.service.folder_not_private":  {tr: "uyarı: {folder} klasörü özel değil: {problem}", en: "warning: the folder {folder} is not private: {problem}"},
		"cmd.service.folder_private": {
			tr: "{folder} klasörü: yalnızca SYSTEM, Administrators ve hizmetin hesabı erişebilir",
			en: "folder {folder}: only SYSTEM, Administrators and the service's account have access"},
		"cmd.service.start_hint": {tr: "başlatmak için: akinsoft-connector service start", en: "start it with: akinsoft-connector service start"},

		// demo
		"demo.title":    {tr: "akinsoft-connector tanıtımı", en: "akinsoft-connector demo"},
		"demo.database": {tr: "Örnek Wolvox veritabanı: {path} ({customers} müşteri, {invoices} fatura)", en: "Demo Wolvox database: {path} ({customers} customers, {invoices} invoices)"},
		"demo.files":    {tr: "Yapılandırma: {config}   Giden kutusu: {outbox}", en: "Config: {config}   Outbox: {outbox}"},
		"demo.run1": {
			tr: "1. çalışma: \"new-invoices\" görevi mevcut faturaları okuyor (backfill: all)",
			en: "Run 1: job \"new-invoices\" over the existing invoices (backfill: all)"},
		"demo.run2":         {tr: "2. çalışma: yalnızca yeni faturalar alınıyor", en: "Run 2: only the new invoices are picked up"},
		"demo.run3":         {tr: "3. çalışma: yeni bir şey yok, hiçbir şey iki kez gönderilmiyor", en: "Run 3: nothing new, nothing sent twice"},
		"demo.new_invoices": {tr: "Mağaza {n} yeni fatura kesiyor: {invoices}", en: "The shop issues {n} new invoices: {invoices}"},
		"demo.skipped": {
			tr: "  Atlandı, gönderilemez (her biri nedeniyle birlikte giden kutusunda saklandı):",
			en: "  Skipped, not sendable (stored in the outbox with the reason):"},
		"demo.skipped_row": {tr: "fatura anahtarı {key} ({channel}): {reason}", en: "invoice key {key} ({channel}): {reason}"},
		"demo.run_summary": {
			tr: "  Okunan satır: {rows}, gönderilen mesaj: {sent}, atlanan: {skipped}",
			en: "  Rows read: {rows}, messages sent: {sent}, skipped: {skipped}"},
		"demo.total":           {tr: "{n} {state}", en: "{n} {state}"},
		"demo.state.sent":      {tr: "gönderildi", en: "sent"},
		"demo.state.delivered": {tr: "iletildi", en: "delivered"},
		"demo.state.skipped":   {tr: "atlandı", en: "skipped"},
		"demo.state.failed":    {tr: "başarısız", en: "failed"},
		"demo.state.pending":   {tr: "bekliyor", en: "pending"},
		"demo.totals":          {tr: "Giden kutusu toplamı: {totals}", en: "Outbox totals: {totals}"},
		"demo.done": {
			tr: "Bitti. Mesajlar yalnızca konsol sağlayıcısına gitti: bu makineden hiçbir şey çıkmadı.",
			en: "Done. Messages went to the console provider only: nothing left this machine."},
	})
}
