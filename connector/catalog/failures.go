package catalog

// The kinds of trouble that stop a read from the ERP database (erp.Failure):
// the cause (the driver's own words follow it, "job.failed.told"), and on
// the status page what to do about it.
func init() {
	add(map[Key]entry{
		"job.failed.other": {tr: "{err}", en: "{err}"},
		"job.failed.told":  {tr: "{cause} ({err})", en: "{cause} ({err})"},
		"job.failed.unreachable": {
			tr: "veritabanı sunucusuna ulaşılamadı",
			en: "the database server could not be reached"},
		"job.failed.login": {
			tr: "veritabanı kullanıcı adını ya da parolayı kabul etmedi",
			en: "the database refused the user name or password"},
		"job.failed.missing": {
			tr: "veritabanı açılamadı: yok ya da bu kullanıcı açamıyor",
			en: "the database could not be opened: it does not exist, or this user may not open it"},
		"job.failed.schema": {
			tr: "sorgudaki bir tablo ya da sütun veritabanında yok",
			en: "a table or column the query names is not in the database"},
		"job.failed.permission": {
			tr: "veritabanı kullanıcısının sorgudaki bir tabloyu okuma yetkisi yok",
			en: "the database user may not read a table the query names"},
		"job.failed.timeout": {
			tr: "veritabanı zamanında yanıt vermedi",
			en: "the database did not answer in time"},
		"job.failed.dropped": {
			tr: "veritabanıyla bağlantı okuma sırasında koptu",
			en: "the connection to the database was cut while reading"},

		// A query's rows that cannot be followed: its own SQL, most often.
		// The parts of a job render and check show apart.
		"poll.step":       {tr: "adım {offset}", en: "step {offset}"},
		"poll.step_staff": {tr: "adım {offset} (personel)", en: "step {offset} (staff)"},
		"poll.contacts":   {tr: "yetkililer", en: "contacts"},
		"poll.contact":    {tr: "yetkili {id}", en: "contact {id}"},

		// An operator's re-read of one message's record (poll.Reread).
		"poll.reread_gone": {
			tr: "görev {job} {key} anahtarlı kaydı bugün bu mesajı yapacak biçimde bulamadı: kayıt Wolvox'ta silinmiş ya da iptal edilmiş, artık göreve uymuyor (ör. fatura ödenmiş) ya da hatırlatmanın dönemi geçmiş; mesaj olduğu gibi kaldı",
			en: "job {job} found no record with key {key} that makes this message today: it was deleted or cancelled in Wolvox, no longer matches the job (e.g. the invoice was paid), or the reminder's period is over; the message stays as it was"},
		"poll.reread_no_source": {
			tr: "görev {job} {source} veritabanını artık okumuyor (yapılandırmadan çıkarılmış ya da yılı geçmiş): mesaj yeniden okunamaz",
			en: "job {job} no longer reads the database {source} (removed from the config, or its year is over): the message cannot be read again"},
		"poll.key_missing": {
			tr: "anahtar sütunu {key} sorgunun sonucunda yok ya da NULL: sorgu her satır için {key} sütununda bir tam sayı döndürmeli",
			en: "key column {key} is NULL or missing in the query's result: the query must return a whole number in {key} for every row"},
		"poll.key_not_integer": {
			tr: "anahtar sütunu {key} tam sayı değil, {value} tutuyor: key olarak artan bir tam sayı sütunu seçin (Wolvox'ta BLKODU)",
			en: "key column {key} holds {value}, not a whole number: choose an increasing whole-number column as key (BLKODU in Wolvox)"},
		"poll.timestamp_not_time": {
			tr: "zaman sütunu {ts} tarih ve saat değil, {value} tutuyor: timestamp olarak TIMESTAMP türünde bir sütun seçin (ör. DEGISTIRME_TARIHI)",
			en: "timestamp column {ts} holds {value}, not a date and time: choose a TIMESTAMP column as timestamp (e.g. DEGISTIRME_TARIHI)"},

		// A saved read position the job cannot go on from. A job's mode
		// changed under the same name is the usual cause: a new name starts
		// it afresh from now, with no flood.
		"poll.cursor_other_mode": {
			tr: "görevin kayıtlı okuma konumu ({cursor}) {saved} kipinde kaydedilmiş, görev şimdi {mode} kipinde: görevin mode değerini geri alın ya da göreve yeni bir ad verin (yeni adıyla görev, backfill yazılı değilse, eski kayıtları göndermeden şu andan itibaren başlar)",
			en: "the job's saved read position ({cursor}) was saved in {saved} mode and the job is now in {mode} mode: put the job's mode back, or give the job a new name (under a new name, unless it has a backfill, it starts from now without sending past records)"},
		"poll.cursor_damaged": {
			tr: "görevin kayıtlı okuma konumu ({cursor}) bir tam sayı değil, oysa {key} anahtarına göre okunuyor: outbox.db bozulmuş olabilir; göreve yeni bir ad verin (yeni adıyla görev, backfill yazılı değilse, eski kayıtları göndermeden şu andan itibaren başlar)",
			en: "the job's saved read position ({cursor}) is not a whole number, yet the job reads by its key {key}: outbox.db may be damaged; give the job a new name (under a new name, unless it has a backfill, it starts from now without sending past records)"},
		"poll.cursor_damaged_changed": {
			tr: "görevin kayıtlı okuma konumu ({cursor}) okunamıyor (zaman|anahtar|zaman|anahtar olmalı): outbox.db bozulmuş olabilir; göreve yeni bir ad verin (yeni adıyla görev, backfill yazılı değilse, eski kayıtları göndermeden şu andan itibaren başlar)",
			en: "the job's saved read position ({cursor}) cannot be read (it should be time|key|time|key): outbox.db may be damaged; give the job a new name (under a new name, unless it has a backfill, it starts from now without sending past records)"},
		"poll.contacts_key_missing": {
			tr: "contacts_key {key} görevin sorgusunun bir sütunu değil: müşterinin CARI.BLKODU değerini tutan sütunun adını yazın",
			en: "contacts_key {key} is not a column of the job's query: name the column holding the customer's CARI.BLKODU"},
		"poll.wolvox_log_no_table": {
			tr: "skip_if_wolvox_sent: {source} kaynağında {table} tablosu yok; skip_if_wolvox_sent.table değerine Wolvox'un kendi gönderdiği mesajları kaydettiği tablonun adını yazın",
			en: "skip_if_wolvox_sent: source {source} has no table {table}; set skip_if_wolvox_sent.table to the table Wolvox logs its own messages in"},
		"poll.wolvox_log_no_column": {
			tr: "skip_if_wolvox_sent: {source} kaynağındaki {table} tablosunda {column} sütunu yok; skip_if_wolvox_sent.{setting} değerine şunlardan birini yazın: {columns}",
			en: "skip_if_wolvox_sent: table {table} of source {source} has no column {column}; set skip_if_wolvox_sent.{setting} to one of {columns}"},

		"statuspage.fix.job_failed.unreachable": {
			tr: "Son deneme {when}: {cause}. Wolvox sunucusunun açık olduğunu, config.yaml'daki kaynağın host ve port değerlerini (Firebird'de genellikle 3050) ve güvenlik duvarının bu bilgisayara izin verdiğini denetleyin; görev kendiliğinden yeniden dener.",
			en: "Last try {when}: {cause}. Check that the Wolvox server is on, the source's host and port in config.yaml (Firebird is usually 3050), and that its firewall lets this computer in; the job tries again by itself."},
		"statuspage.fix.job_failed.login": {
			tr: "Son deneme {when}: {cause}. config.yaml'da kaynağın user değerini denetleyin ve parolasını hizmetin yapılandırmasıyla yeniden saklayın: `akinsoft-connector secrets set AD --config <config.yaml'ın yolu>` (AD, password satırındaki {ref} içindeki addır; Linux'ta komutu `runuser -u akinsoft-connector --` ile başlatın). Görev bir sonraki zamanında yeni parolayla dener.",
			en: "Last try {when}: {cause}. Check the source's user in config.yaml and store its password again with the service's config: `akinsoft-connector secrets set NAME --config <path of config.yaml>` (NAME as in {ref} on its password line; on Linux start the command with `runuser -u akinsoft-connector --`). The job tries the new password at its next time."},
		"statuspage.fix.job_failed.missing": {
			tr: "Son deneme {when}: {cause}. config.yaml'da kaynağın database yolunu denetleyin (Firebird'de bu, sunucunun kendi diskindeki yoldur) ve kullanıcının o veritabanını açma yetkisi olduğunu denetleyin; görev kendiliğinden yeniden dener. (Her yılı kendi veritabanından okunan bir kaynağın Wolvox'ta henüz açılmamış yılı bir hata değildir: sayfa onu ayrıca yazar.)",
			en: "Last try {when}: {cause}. Check the source's database path in config.yaml (for Firebird, the path on the server's own disk) and that the user may open that database; the job tries again by itself. (A year not opened yet in Wolvox, of a source read year by year, is no failure: the page says so apart.)"},
		"statuspage.fix.job_failed.schema": {
			tr: "Son deneme {when}: {cause}. `akinsoft-connector check` hangi tablonun ya da sütunun eksik olduğunu gösterir: Wolvox sürümü farklıysa görevin sorgusunu ya da alanlarını buna göre düzeltin. Düzeltilene dek görev her seferinde aynı yerde durur.",
			en: "Last try {when}: {cause}. `akinsoft-connector check` shows which table or column is missing: if the Wolvox version differs, change the job's query or fields to match. Until then the job stops at the same place every time."},
		"statuspage.fix.job_failed.permission": {
			tr: "Son deneme {when}: {cause}. Wolvox sunucusunda veritabanına yönetici olarak bağlanın (Firebird'de SYSDBA ile, ör. isql-fb ya da IBExpert; SQL Server'da Management Studio'da) ve şunu çalıştırın: `{grant}`. Her yılın veritabanında yineleyin; başka bir yetki vermeyin. Görev bir sonraki zamanında yeniden dener.",
			en: "Last try {when}: {cause}. On the Wolvox server, connect to the database as an administrator (SYSDBA for Firebird, e.g. with isql-fb or IBExpert; Management Studio for SQL Server) and run: `{grant}`. Repeat it in each year's database; grant nothing else. The job tries again at its next time."},
		"statuspage.grant_unknown": {tr: "GRANT SELECT ON <tablo> TO <kullanıcı>;", en: "GRANT SELECT ON <table> TO <user>;"},
		"statuspage.fix.job_failed.timeout": {
			tr: "Son deneme {when}: {cause}. Sunucu çok yoğun ya da ağ yavaş olabilir; sürerse config.yaml'da kaynağın timeout değerini artırın. Görev kendiliğinden yeniden dener.",
			en: "Last try {when}: {cause}. The server may be very busy or the network slow; if it goes on, raise the source's timeout in config.yaml. The job tries again by itself."},
		"statuspage.fix.job_failed.dropped": {
			tr: "Son deneme {when}: {cause}. Wolvox sunucusunun açık kaldığını ve bu bilgisayarla arasındaki ağın (kablo, Wi-Fi, VPN, güvenlik duvarı) bağlantıyı kesmediğini denetleyin. Görev bir sonraki zamanında yeni bir bağlantıyla yeniden dener; okuyup sıraya aldığı satırları yeniden göndermez.",
			en: "Last try {when}: {cause}. Check that the Wolvox server stayed on and that the network between it and this computer (cable, Wi-Fi, VPN, firewall) did not cut the connection. The job tries again with a new connection at its next time; the rows it read and queued are not sent again."},
	})
}
