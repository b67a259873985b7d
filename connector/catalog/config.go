package catalog

import "github.com/akinsoft-connector/akinsoft-connector/mapping"

// The config file's problems as check and run show them (keys config.*;
// config.hint.* are the hints after them), and the refusals of queries and
// preset parameters (sql.*, preset.param_*). Names quoted from the file
// arrive quoted in {value}/{name}; {suggest} is a did-you-mean or nothing.
func init() {
	add(map[Key]entry{
		"config.max_segments":      {tr: "max_segments 1 ile 10 arasında olmalı", en: "max_segments must be between 1 and 10"},
		"config.hint.max_segments": {tr: "varsayılan {default} için hiç yazmayın", en: "leave it out for {default}, the default"},

		// The file's shape, checked before the YAML parser reads it.
		"config.too_large": {
			tr: "yapılandırma dosyası {size} KB; bir yapılandırma en fazla {max} KB olabilir",
			en: "the config file is {size} KB, more than the {max} KB a config may be"},
		"config.hint.too_large": {
			tr: "doğru dosya mı? bir yapılandırma birkaç KB olur (config.example.yaml dosyasına bakın)",
			en: "is this the right file? a config is a few KB (see config.example.yaml)"},
		"config.too_many_nodes": {
			tr: "yapılandırmada {max} taneden fazla ayar ve liste ögesi var",
			en: "the config holds more than {max} settings and list entries"},
		"config.hint.too_many_nodes": {
			tr: "doğru dosya mı? bir yapılandırmada birkaç yüz tane olur (config.example.yaml dosyasına bakın)",
			en: "is this the right file? a config holds a few hundred (see config.example.yaml)"},
		"config.too_deep": {
			tr: "yapılandırma burada {max} düzeyden daha derin iç içe",
			en: "the config is nested more than {max} levels deep here"},
		"config.hint.too_deep": {
			tr: "bir yapılandırmaya birkaç düzey yeter (config.example.yaml dosyasına bakın); köşeli parantezleri ve girintiyi kontrol edin",
			en: "a config needs a few levels (see config.example.yaml); check the brackets and indentation"},

		"config.with_hint": {tr: "{msg} (ipucu: {hint})", en: "{msg} (hint: {hint})"},
		"config.as_is":     {tr: "{text}", en: "{text}"},
		"config.required":  {tr: "{key} gerekli", en: "{key} is required"},
		"config.did_you_mean": {
			tr: "; bunu mu demek istediniz: {name}?",
			en: "; did you mean {name}?"},

		// Reading the file.
		"config.tab":       {tr: "girintide sekme (tab) karakteri kullanılmış", en: "a tab character is used for indentation"},
		"config.hint.tab":  {tr: "YAML boşluk ister; her sekmeyi iki boşlukla değiştirin", en: "YAML needs spaces; replace tabs with two spaces"},
		"config.empty":     {tr: "yapılandırma dosyası boş", en: "the config file is empty"},
		"config.multi_doc": {tr: "dosyada birden çok YAML belgesi (---) var", en: "the file holds more than one YAML document (---)"},
		"config.hint.one_doc": {
			tr: "tek belge bırakın",
			en: "keep one document"},
		"config.hint.start_from_example": {
			tr: "config.example.yaml dosyasından başlayın",
			en: "start from config.example.yaml"},
		"config.yaml_unreadable": {tr: "buradaki YAML yapısı okunamadı", en: "the YAML structure here could not be read"},
		"config.hint.yaml_tag": {
			tr: "!etiketleri silin (bu yapılandırmada YAML etiketleri kullanılmaz) ve girintiyi config.example.yaml ile karşılaştırın",
			en: "remove any !tag (YAML tags are not used in this config) and check the indentation against config.example.yaml"},
		"config.yaml_duplicate": {
			tr: "{key} anahtarı zaten [{line}:{col}] konumunda tanımlı",
			en: "mapping key {key} already defined at [{line}:{col}]"},
		"config.hint.duplicate": {
			tr: "bir anahtar aynı blokta yalnızca bir kez yazılabilir: ikisinden birini silin",
			en: "a key may appear only once in the same block: remove one of the two"},
		"config.yaml_node_type": {
			tr: "{want} beklenen yerde {got} kullanılmış",
			en: "{got} was used where {want} is expected"},
		"config.yaml_word.mapping":  {tr: "eşleme (anahtar: değer satırları)", en: "mapping"},
		"config.yaml_word.sequence": {tr: "liste", en: "sequence"},
		"config.yaml_word.scalar":   {tr: "tek değer", en: "scalar"},
		"config.hint.node_type": {
			tr: "listede her öğenin önünde '- ' olmalı; bir ayar bloğu anahtar: değer satırlarından oluşur",
			en: "a list needs '- ' before each item; a block of settings needs key: value lines"},
		"config.yaml_value_context": {tr: "bu konumda bir değer yazılamaz", en: "value is not allowed in this context"},
		"config.yaml_colon": {
			tr: "burada \"anahtar: değer\" bekleniyordu: anahtardan sonra iki nokta üst üste ve bir boşluk var mı?",
			en: "a \"key: value\" was expected here: is there a colon and a space after the key?"},
		"config.yaml_open_list": {
			tr: "[ ile açılan liste kapanmamış: öğeler virgülle ayrılır, liste ] ile biter",
			en: "a list opened with [ is not closed: items are separated by commas and the list ends with ]"},
		"config.yaml_open_map": {
			tr: "{ ile açılan blok kapanmamış: \"anahtar: değer\" çiftleri virgülle ayrılır, blok } ile biter",
			en: "a block opened with { is not closed: \"key: value\" pairs are separated by commas and the block ends with }"},
		"config.yaml_stray_bracket": {
			tr: "kapanan ] ya da } açılmamış bir listeye ya da bloğa ait",
			en: "a closing ] or } has no opening one"},
		"config.yaml_open_quote": {
			tr: "tırnak açılmış ama kapanmamış: değerin sonuna aynı tırnağı koyun",
			en: "a quote is opened and not closed: end the value with the same quote"},
		"config.yaml_stray_colon": {
			tr: "burada bir \"anahtar:\" olamaz: girintiyi denetleyin; iki nokta içeren bir değeri tırnak içine alın",
			en: "a \"key:\" cannot be here: check the indentation, and quote a value that holds a colon"},
		"config.yaml_stray_dash": {
			tr: "- ile başlayan liste öğesi burada olamaz: girintisini üstündeki anahtara göre denetleyin",
			en: "a list item (-) cannot be here: check its indentation against the key above it"},
		"config.yaml_key_break": {
			tr: "anahtar iki satıra bölünmüş: anahtar ve iki nokta aynı satırda olmalı",
			en: "a key is split over two lines: the key and its colon must be on one line"},
		"config.yaml_escape": {
			tr: "çift tırnak içinde \\{char} bir kaçış dizisi değil: Windows yollarını tek tırnakla ya da / ile yazın",
			en: "\\{char} is not an escape inside double quotes: write Windows paths in single quotes or with /"},
		"config.yaml_syntax": {tr: "YAML hatası: {text}", en: "{text}"},
		"config.hint.yaml_syntax": {
			tr: "girintiyi (yalnızca boşluk) ve tırnakları denetleyin; Windows yolları tek tırnak ya da ileri eğik çizgi ister",
			en: "check indentation (spaces only) and quoting; Windows paths need single quotes or forward slashes"},
		"config.unknown_key": {
			tr: "bilinmeyen anahtar {key}: bu sürümde böyle bir anahtar yok{suggest}",
			en: "unknown key {key}: this key does not exist in this version{suggest}"},
		"config.hint.check_spelling": {
			tr: "yazımı ve girintiyi config.example.yaml ile karşılaştırın",
			en: "check the spelling and indentation against config.example.yaml"},
		"config.type_mismatch": {
			tr: "{want} bekleniyordu, {got}{value} bulundu",
			en: "expected {want}, found {got}{value}"},
		"config.hint.type": {
			tr: "değerin türünü denetleyin: sayılar tırnaksız, listeler '- ' ile, metin tırnak içinde",
			en: "check the value's type: numbers without quotes, lists with '- ', text in quotes"},
		"config.expected_text":     {tr: "metin bekleniyordu, {found} bulundu", en: "expected text, found {found}"},
		"config.kind.whole_number": {tr: "bir tam sayı", en: "a whole number"},
		"config.kind.number":       {tr: "bir sayı", en: "a number"},
		"config.kind.bool":         {tr: "true ya da false", en: "true or false"},
		"config.kind.text":         {tr: "metin", en: "text"},
		"config.kind.list":         {tr: "bir liste", en: "a list"},
		"config.kind.mapping":      {tr: "bir eşleme (anahtar: değer satırları)", en: "a mapping (key: value lines)"},
		"config.kind.value":        {tr: "bir değer", en: "a value"},
		"config.not_utf8":          {tr: "dosya UTF-8 değil", en: "the file is not UTF-8"},
		"config.utf16_no_bom": {
			tr: "dosya bayt sırası işareti olmadan UTF-16 (\"Unicode\") olarak kaydedilmiş",
			en: "the file is saved as UTF-16 (\"Unicode\") without a byte order mark"},
		"config.not_utf8_line": {
			tr: "dosya UTF-8 değil; Windows-1254 (Türkçe Windows) olarak bu satır şöyle okunuyor: {text}",
			en: "the file is not UTF-8; as Windows-1254 (Turkish Windows) this line reads {text}"},
		"config.hint.utf8": {
			tr: "dosyayı UTF-8 olarak kaydedin (Not Defteri: Dosya > Farklı Kaydet > Kodlama: UTF-8); yoksa Türkçe harfler müşterilere \"�\" olarak ulaşır",
			en: "save the file as UTF-8 (Notepad: File > Save As > Encoding: UTF-8); otherwise Turkish letters reach customers as \"�\""},

		// Typed values.
		"config.duration_empty": {tr: "süre boş", en: "empty duration"},
		"config.duration": {
			tr: "{value} bir süre değil (ör. 90d, 12h, 15m kullanın)",
			en: "{value} is not a duration (use e.g. 90d, 12h, 15m)"},
		"config.in_flight": {
			tr: "in_flight 1 ile {max} arasında bir tam sayı olmalı, {value} değil",
			en: "in_flight must be a whole number from 1 to {max}, not {value}"},
		"config.hint.in_flight": {
			tr: "aynı anda yoldaki istek sayısı; çoğu sağlayıcı için 8 uygundur",
			en: "requests under way at once; 8 suits most providers"},
		"config.in_flight_over_rate": {
			tr: "in_flight {n}, rate {rate} ayarının bir saniyede başlattığından fazla istek demek",
			en: "in_flight {n} is more requests at once than rate {rate} starts in a second"},
		"config.hint.in_flight_over_rate": {
			tr: "{burst} ya da daha aza indirin, ya da rate değerini yükseltin",
			en: "lower it to {burst} or raise rate"},
		"config.rate": {
			tr: "{value} bir hız değil (ör. 10/s, 600/m kullanın)",
			en: "{value} is not a rate (use e.g. 10/s, 600/m)"},
		"config.rate_unit": {
			tr: "{value} bir hız değil: birim s, m ya da h olmalı",
			en: "{value} is not a rate: the unit must be s, m or h"},
		"config.clock": {tr: "{value} bir saat değil", en: "{value} is not a time of day"},
		"config.hint.clock": {
			tr: "saati SS:DD olarak yazın, ör. \"21:00\" (tırnak içinde)",
			en: "write the time as HH:MM, e.g. \"21:00\" (in quotes)"},
		"config.timezone": {tr: "bilinmeyen saat dilimi {value}", en: "unknown time zone {value}"},
		"config.hint.timezone": {
			tr: "Europe/Istanbul gibi bir IANA adı kullanın",
			en: "use an IANA name such as Europe/Istanbul"},
		"config.mode": {
			tr: "mode created, changed ya da condition olmalı, {value} değil{suggest}",
			en: "mode must be created, changed or condition, not {value}{suggest}"},
		"config.kind": {
			tr: "kind informational ya da commercial olmalı, {value} değil{suggest}",
			en: "kind must be informational or commercial, not {value}{suggest}"},
		"config.hint.kind": {
			tr: "ticari mesajlar (kampanya, kutlama) İYS onayı ister",
			en: "commercial messages (campaigns, greetings) need İYS consent"},
		"config.uncertain": {
			tr: "uncertain_sends hold ya da resend olmalı, {value} değil",
			en: "uncertain_sends must be hold or resend, not {value}"},
		"config.backfill_no_key": {tr: "backfill {value} bir anahtar vermiyor", en: "backfill {value} names no key"},
		"config.backfill_key_number": {
			tr: "backfill {value}: anahtar bir tam sayı olmalı",
			en: "backfill {value}: the key must be a whole number"},
		"config.hint.backfill": {
			tr: "7d gibi bir süre ya da bilinen bir anahtardan sonra başlamak için key:4711 kullanın",
			en: "use a period like 7d, or key:4711 to start after a known key"},
		"config.schedule":    {tr: "schedule {value} geçersiz: {detail}", en: "schedule {value} is not valid: {detail}"},
		"config.cron.empty":  {tr: "boş", en: "it is empty"},
		"config.cron.fields": {tr: "{found} alan var, 5 ya da 6 olmalı", en: "it has {found} fields, not 5 or 6"},
		"config.cron.descriptor": {
			tr: "{name} bilinmiyor; @yearly, @monthly, @weekly, @daily, @hourly ya da @every 5m kullanın",
			en: "{name} is not known; use @yearly, @monthly, @weekly, @daily, @hourly or @every 5m"},
		"config.cron.above":    {tr: "{field} alanında {value} olmaz, en çok {limit}", en: "{value} is too large for the {field} field, at most {limit}"},
		"config.cron.below":    {tr: "{field} alanında {value} olmaz, en az {limit}", en: "{value} is too small for the {field} field, at least {limit}"},
		"config.cron.reversed": {tr: "{expr} aralığı ters: başı ({start}) sonundan ({end}) büyük", en: "the range {expr} is reversed: its start ({start}) is past its end ({end})"},
		"config.cron.step":     {tr: "{expr}: / işaretinden sonra 0'dan büyük bir sayı gelmeli", en: "{expr}: / must be followed by a number above 0"},
		"config.cron.hyphens":  {tr: "{expr}: bir aralıkta tek tire olur (1-5 gibi)", en: "{expr}: a range has one hyphen (like 1-5)"},
		"config.cron.slashes":  {tr: "{expr}: tek / olur (*/15 gibi)", en: "{expr}: there is one / (like */15)"},
		"config.cron.not_number": {
			tr: "{expr} bir sayı değil; gün ve ay adları İngilizce kısaltmalardır (mon-fri, jan-dec) ya da sayılar (haftanın günü 0-6, pazar 0; ay 1-12)",
			en: "{expr} is not a number; day and month names are English abbreviations (mon-fri, jan-dec), or numbers (weekday 0-6, Sunday 0; month 1-12)"},
		"config.cron.negative":     {tr: "{expr}: eksi sayı ({value}) olmaz", en: "{expr}: a negative number ({value}) is not allowed"},
		"config.cron.location":     {tr: "{zone} saat dilimi bilinmiyor (Europe/Istanbul gibi yazın)", en: "the time zone {zone} is not known (write it like Europe/Istanbul)"},
		"config.cron.field.second": {tr: "saniye", en: "second"},
		"config.cron.field.minute": {tr: "dakika", en: "minute"},
		"config.cron.field.hour":   {tr: "saat", en: "hour"},
		"config.cron.field.dom":    {tr: "ayın günü", en: "day of month"},
		"config.cron.field.month":  {tr: "ay", en: "month"},
		"config.cron.field.dow":    {tr: "haftanın günü", en: "weekday"},
		"config.cron.field.some":   {tr: "bir", en: "a"},
		"config.schedule_every": {
			tr: "schedule {value} geçersiz: @every'den sonra en az 1s olan bir süre gelmeli (5m, 1h, 1d gibi)",
			en: "schedule {value} is not valid: @every takes a period of at least 1s (like 5m, 1h, 1d)"},
		"config.schedule_never": {
			tr: "schedule {value} hiçbir zaman gelmiyor (örneğin 31 Şubat): görev hiç çalışmaz; günü ve ayı düzeltin",
			en: "schedule {value} never comes round (31 February, for example): the job would never run; fix the day and month"},
		"config.hint.schedule": {
			tr: "5 alan (dakika saat gün ay haftanın-günü), isteğe bağlı baştaki saniye alanı ya da @every 5m / @daily",
			en: "5 fields (minute hour day month weekday), an optional leading seconds field, or @every 5m / @daily"},
		"config.log_level": {
			tr: "log düzeyi debug, info, warn ya da error olmalı, {value} değil",
			en: "log level must be debug, info, warn or error, not {value}"},
		"config.listen_format":  {tr: "{value} host:port biçiminde değil", en: "{value} is not host:port"},
		"config.listen_no_host": {tr: "{value} bir host vermiyor: her ağda dinlerdi", en: "{value} has no host: it would listen on every network"},
		"config.listen_port": {
			tr: "{value}: port 0 ile 65535 arasında bir sayı olmalı",
			en: "{value}: the port must be a number from 0 to 65535"},
		"config.hint.listen": {
			tr: "host:port yazın, ör. 127.0.0.1:8750 (yalnızca bu makine) ya da tls_cert ve parola ile 0.0.0.0:8750",
			en: "write host:port, e.g. 127.0.0.1:8750 (this machine only) or 0.0.0.0:8750 with tls_cert and a password"},
		"config.sms_encoding": {
			tr: "SMS kodlaması {value} bilinmiyor: gsm7, tr-single-shift ya da ucs2 kullanın",
			en: "SMS encoding {value} is not known: use gsm7, tr-single-shift or ucs2"},
		"config.language":    {tr: "language tr ya da en olmalı, {value} değil", en: "language must be tr or en, not {value}"},
		"config.status_host": {tr: "{value} bir bilgisayar adı değil", en: "{value} is not a computer name"},
		"config.hint.status_host": {
			tr: "yalnızca adı yazın, http:// ve port olmadan: ör. magaza-sunucu.local",
			en: "write the name alone, without http:// or a port: e.g. magaza-sunucu.local"},
		"config.path_control": {
			tr: "{value} yolunda bir denetim karakteri var",
			en: "the path {value} holds a control character"},
		"config.hint.windows_path": {
			tr: "Windows yollarını tek tırnakla ('C:\\Data\\test.db') ya da ileri eğik çizgiyle (C:/Data/test.db) yazın: çift tırnak içinde YAML \\n, \\t ve \\x'i kaçış dizisi olarak okur",
			en: "write Windows paths in single quotes ('C:\\Data\\test.db') or with forward slashes (C:/Data/test.db): in double quotes YAML reads \\n, \\t and \\x as escapes"},
		"config.day_offset": {tr: "{value} bir gün sayısı değil", en: "{value} is not a number of days"},
		"config.hint.day_offset": {
			tr: "vade tarihine göre gün: \"-3d\" önce, \"0d\" o gün, \"7d\" sonra",
			en: "days relative to the due date: \"-3d\" before it, \"0d\" on it, \"7d\" after it"},
		"config.recipients": {
			tr: "recipients account, contacts ya da both olmalı, {value} değil{suggest}",
			en: "recipients must be account, contacts or both, not {value}{suggest}"},
		"config.hint.recipients": {
			tr: "contacts, müşterinin SMS gönder işaretli CARI_YETKILI satırlarıdır",
			en: "contacts are the customer's CARI_YETKILI rows with the send-SMS flag"},
		"config.quiet_day": {tr: "{value} bir sessiz gün değil{suggest}", en: "{value} is not a quiet day{suggest}"},
		"config.hint.quiet_day": {
			tr: "tr_holidays (resmî ve dinî bayramlar), sundays gibi bir haftanın günü ya da 2026-12-31 gibi bir tarih kullanın",
			en: "use tr_holidays (Turkish public holidays), a weekday such as sundays, or a date such as 2026-12-31"},

		// Settings.
		"config.retention_short": {tr: "retention {value} çok kısa", en: "retention {value} is too short"},
		"config.hint.retention": {
			tr: "raporların eşleştirilebilmesi için en az 1d tutun",
			en: "keep at least 1d so reports can be reconciled"},
		"config.quiet_end_missing": {
			tr: "{path} gerekli: saat aralığının diğer ucu verilmiş",
			en: "{path} is required with the other end of the window"},
		"config.hint.quiet_both": {
			tr: "start ve end'in ikisini de SS:DD olarak yazın, ör. \"21:00\" (tırnak içinde)",
			en: "write both start and end as HH:MM, e.g. \"21:00\" (in quotes)"},
		"config.quiet_empty": {
			tr: "sessiz saatler {value} ile başlayıp {value} ile bitiyor: pencere boş, gece de gönderilir",
			en: "quiet hours start and end at {value}: the window is empty, and messages go out at night too"},
		"config.hint.quiet_empty": {
			tr: "gece için ör. start: \"21:00\", end: \"09:00\" yazın; sessiz saat istemiyorsanız disabled: true yazın",
			en: "for the night write e.g. start: \"21:00\", end: \"09:00\"; for no quiet hours write disabled: true"},
		"config.not_channel":   {tr: "{name} bir kanal değil{suggest}", en: "{name} is not a channel{suggest}"},
		"config.hint.channels": {tr: "kanallar: {names}", en: "the channels are {names}"},
		"config.daily_cap_negative": {
			tr: "0 (sınır yok) ya da daha büyük olmalı",
			en: "must be 0 (no cap) or more"},
		"config.tls_pair":            {tr: "tls_cert ve tls_key birlikte verilir", en: "tls_cert and tls_key go together"},
		"config.file_missing":        {tr: "{file} dosyası yok", en: "the file {file} does not exist"},
		"config.file_no_permission":  {tr: "{file} dosyası okunamıyor: bu hesabın okuma izni yok", en: "the file {file} cannot be read: this account has no permission to read it"},
		"config.file_unreadable":     {tr: "{file} dosyası okunamıyor: {err}", en: "the file {file} cannot be read: {err}"},
		"config.ca_file_no_pem":      {tr: "{file} içinde PEM biçiminde bir sertifika yok", en: "{file} holds no certificate in PEM form"},
		"config.tls_pair_unreadable": {tr: "{cert} sertifikası ile {key} anahtarı yüklenemiyor: {err}", en: "the certificate {cert} and the key {key} cannot be loaded: {err}"},
		"config.hint.ca_file": {
			tr: "yolu düzeltin; dosya \"-----BEGIN CERTIFICATE-----\" ile başlayan bir PEM dosyası olmalı ve hizmet hesabı onu okuyabilmeli",
			en: "fix the path; the file must be a PEM file starting with \"-----BEGIN CERTIFICATE-----\" that the service account can read"},
		"config.hint.tls_files": {
			tr: "tls_cert PEM sertifikayı, tls_key onun PEM özel anahtarını göstermeli; ikisini de hizmet hesabı okuyabilmeli",
			en: "tls_cert must name the PEM certificate and tls_key its PEM private key, both readable by the service account"},
		"config.hint.tls_pair": {
			tr: "tls_cert ile tls_key'in ikisini de verin ya da hiçbirini vermeyin",
			en: "give both tls_cert and tls_key, or neither"},
		"config.listen_remote": {
			tr: "status.listen {value} başka bilgisayarlardan erişilebilir",
			en: "status.listen {value} is reachable from other computers"},
		"config.hint.listen_remote": {
			tr: "status.tls_cert ve status.tls_key verin, ya da status.allow_remote: true yazın, ya da 127.0.0.1 üzerinde dinleyin",
			en: "set status.tls_cert and status.tls_key, or status.allow_remote: true, or listen on 127.0.0.1"},
		"config.no_source": {tr: "hiç kaynak (ERP veritabanı) tanımlanmamış", en: "no source is configured"},
		"config.hint.no_source": {
			tr: "ERP veritabanını sources: altına ekleyin",
			en: "add the ERP database under sources:"},
		"config.source_name":       {tr: "kaynak adı {name} geçersiz", en: "source name {name} is not valid"},
		"config.source_name_twice": {tr: "kaynak adı {name} iki kez kullanılmış", en: "source name {name} is used twice"},
		"config.hint.name": {
			tr: "küçük harf, rakam, - ve _ kullanın",
			en: "use lower-case letters, digits, - and _"},
		"config.driver": {
			tr: "driver firebird, mssql ya da sqlite olmalı, {value} değil{suggest}",
			en: "driver must be firebird, mssql or sqlite, not {value}{suggest}"},
		"config.hint.database": {
			tr: "Firebird için sunucudaki .FDB dosyasının yolu, ör. {example}",
			en: "for Firebird the .FDB path on the server, e.g. {example}"},
		"config.hint.readonly_user": {
			tr: "salt okunur bir veritabanı kullanıcısı kullanın",
			en: "use a read-only database user"},
		"config.hint.password_ref": {
			tr: "${secret:AD} yazın ve parolayı `akinsoft-connector secrets set AD` ile saklayın",
			en: "write ${secret:NAME} and store it with `akinsoft-connector secrets set NAME`"},
		"config.charset": {
			tr: "charset WIN1254, UTF8 ya da NONE olmalı, {value} değil",
			en: "charset must be WIN1254, UTF8 or NONE, not {value}"},
		"config.hint.charset": {tr: "Wolvox veritabanları WIN1254 kullanır", en: "Wolvox databases use WIN1254"},
		"config.provider": {
			tr: "{channel} için provider şunlardan biri olmalı: {allowed}; {value} değil{suggest}",
			en: "provider for {channel} must be one of {allowed}, not {value}{suggest}"},
		"config.provider_settings_missing": {
			tr: "{provider} sağlayıcısının ayarları {path} altında olmalı",
			en: "provider {provider} needs its settings under {path}"},
		"config.provider_settings_other": {
			tr: "{block} ayarları verilmiş ama sağlayıcı {provider}",
			en: "settings for {block} are given but the provider is {provider}"},
		"config.hint.remove_or_set_provider": {
			tr: "bunu silin ya da provider: {block} yazın",
			en: "remove it or set provider: {block}"},
		"config.iysfilter": {tr: "iysfilter 11 ya da 12 olmalı, {value} değil", en: "iysfilter must be 11 or 12, not {value}"},
		"config.hint.iysfilter": {
			tr: "11 bireysel alıcıların, 12 tacirlerin İYS onayını denetler",
			en: "11 checks consent of individuals (bireysel), 12 of merchants (tacir)"},
		"config.msgheader": {tr: "msgheader {value} geçersiz", en: "msgheader {value} is not valid"},
		"config.hint.msgheader": {
			tr: "onaylı gönderici başlığı: 3-11 karakter, Türkçe harf olmadan",
			en: "the approved sender title: 3-11 characters, no Turkish letters"},
		"config.smtp_port": {tr: "port {port} kullanılamaz", en: "port {port} is not allowed"},
		"config.hint.smtp_port": {
			tr: "TLS zorunlu: 587 (STARTTLS) ya da 465 (doğrudan TLS)",
			en: "TLS is required: 587 (STARTTLS) or 465 (implicit TLS)"},
		"config.smtp_from":           {tr: "from adresi {value} geçersiz", en: "from address {value} is not valid"},
		"config.webhook_url_refused": {tr: "webhook adresi {value} kullanılamaz: {why}", en: "webhook url {value} is not allowed: {why}"},

		// Jobs.
		"config.no_job": {tr: "hiç görev (job) tanımlanmamış", en: "no job is configured"},
		"config.hint.no_job": {
			tr: "yeni fatura görevi için config.example.yaml dosyasına bakın",
			en: "see config.example.yaml for a new-invoice job"},
		"config.job_name":       {tr: "görev adı {name} geçersiz", en: "job name {name} is not valid"},
		"config.job_name_twice": {tr: "görev adı {name} iki kez kullanılmış", en: "job name {name} is used twice"},
		"config.preset_and_sql": {tr: "preset ya da sql verin, ikisini birden değil", en: "give either preset or sql, not both"},
		"config.unknown_preset": {tr: "bilinmeyen preset {name}{suggest}", en: "unknown preset {name}{suggest}"},
		"config.hint.presets":   {tr: "bilinen presetler: {names}", en: "known presets: {names}"},
		"config.key_required":   {tr: "sql ile key gerekli", en: "key is required with sql"},
		"config.hint.key": {
			tr: "satırı tanımlayan sütunu yazın, ör. BLKODU",
			en: "name the column that identifies a row, e.g. BLKODU"},
		"config.job_needs_query": {tr: "görevin bir preset'i ya da sql'i olmalı", en: "job needs a preset or sql"},
		"config.hint.job_needs_query": {
			tr: "preset: new_invoices ya da sql: SELECT … ekleyin",
			en: "add preset: new_invoices, or sql: SELECT …"},
		"config.not_column": {tr: "{key} {name} bir sütun adı değil", en: "{key} {name} is not a column name"},
		"config.hint.schedule_example": {
			tr: "ör. \"@every 5m\" ya da \"*/10 9-18 * * 1-6\"",
			en: "e.g. \"@every 5m\" or \"*/10 9-18 * * 1-6\""},
		"config.commercial_mutlucell": {
			tr: "ticari bir görev mutlucell üzerinden SMS gönderemez: mutlucell'de İYS onay denetimi yok",
			en: "a commercial job cannot send SMS through mutlucell: it has no İYS consent check"},
		"config.hint.commercial_mutlucell": {
			tr: "ticari SMS'i NetGSM üzerinden gönderin (iysfilter İYS onayını denetler), iys: bölümünü ayarlayın (bağlayıcı onayı kendisi denetler) ya da bu görevden sms mesajını çıkarın",
			en: "send commercial SMS through NetGSM (iysfilter checks İYS consent), set up iys: (the connector checks consent itself), or drop the sms message from this job"},
		"config.unknown_source": {
			tr: "{name} kaynağı sources altında tanımlı değil{suggest}",
			en: "source {name} is not defined under sources{suggest}"},
		"config.sources_ambiguous": {
			tr: "birden çok kaynak var: bu görevin hangisini okuduğunu yazın",
			en: "several sources exist: say which this job reads"},
		"config.page_size": {tr: "page_size 1 ile 10000 arasında olmalı", en: "page_size must be between 1 and 10000"},
		"config.changed_needs_timestamp": {
			tr: "changed modu timestamp: ister",
			en: "changed mode needs timestamp:"},
		"config.hint.timestamp_changed": {
			tr: "satır değiştikçe değişen sütunu yazın, ör. DEGISTIRME_TARIHI",
			en: "name the column that changes with the row, e.g. DEGISTIRME_TARIHI"},
		"config.backfill_key_changed": {
			tr: "backfill {value} changed modunda kullanılamaz: satırlar anahtarla değil zamanla izlenir",
			en: "backfill {value} cannot be used in changed mode: rows are followed by time, not by key"},
		"config.hint.backfill_changed": {
			tr: "changed bir görev geriye dönük olarak bir süre (ör. 7d) ya da all ile okur",
			en: "a changed job backfills by a period (e.g. 7d) or all"},
		"config.backfill_condition": {
			tr: "backfill condition görevlerinde kullanılmaz",
			en: "backfill does not apply to a condition job"},
		"config.hint.backfill_condition": {
			tr: "backfill'i silin: condition görevi her çalışmada o an koşula uyanları okur",
			en: "remove backfill: a condition job reads what matches now on every run"},
		"config.backfill_needs_date": {
			tr: "backfill {value} kayıt zamanını tutan sütunu ister",
			en: "backfill {value} needs the column that holds the creation time"},
		"config.hint.timestamp_created": {
			tr: "timestamp: değerine kayıt zamanını tutan sütunu yazın, ör. KAYIT_TARIHI",
			en: "set timestamp: to the column that holds the creation time, e.g. KAYIT_TARIHI"},
		"config.no_message": {tr: "görev hiç mesaj göndermiyor", en: "the job sends no message"},
		"config.hint.no_message": {
			tr: "sms, whatsapp, email ya da webhook'tan en az birini ekleyin",
			en: "add at least one of sms, whatsapp, email, webhook"},
		"config.channel_no_provider": {tr: "{channel} kanalının sağlayıcısı yok", en: "channel {channel} has no provider"},
		"config.hint.configure_channel": {
			tr: "kanalı channels.{channel} altında tanımlayın",
			en: "configure the channel under channels.{channel}"},
		"config.hint.to": {
			tr: "alıcıyı tutan sütunları yazın, ör. [CEP_TEL]",
			en: "list the columns holding the recipient, e.g. [CEP_TEL]"},
		"config.column_not_in_preset": {
			tr: "{name} sütunu preset'in sonucunda yok{suggest}",
			en: "column {name} is not in the preset's result{suggest}"},
		"config.hint.preset_columns": {
			tr: "{preset} preset'inin sütunları: {columns}",
			en: "the preset {preset} gives {columns}"},
		"config.fallback_no_message": {
			tr: "yedek kanal {channel} için bu görevde mesaj yok{suggest}",
			en: "fallback channel {channel} has no message in this job{suggest}"},
		"config.hint.template": {
			tr: "{syntax} söz dizimini ve sütun adlarını denetleyin",
			en: "check the {syntax} syntax and column names"},
		"config.sequence_not_preset": {
			tr: "sequence yalnızca hatırlatma dizisi preset'i ile kullanılır",
			en: "sequence is only for a reminder sequence preset"},
		"config.hint.sequence": {
			tr: "adımları vade tarihine göre gün olan preset: invoice_reminders kullanın",
			en: "use preset: invoice_reminders, whose steps are days from the due date"},
		"config.hint.offset_example": {
			tr: "ör. \"-3d\" (vadeden 3 gün önce) ya da \"7d\" (7 gün sonra)",
			en: "e.g. \"-3d\" (3 days before the due date) or \"7d\" (7 days after)"},
		"config.offset_order": {
			tr: "offset {value} bir önceki adımdan ({prev}) sonra değil",
			en: "offset {value} is not after the step before ({prev})"},
		"config.hint.offset_order": {
			tr: "adımları en erkenden en geçe, her biri ayrı bir günde olacak biçimde sıralayın",
			en: "list the steps from the earliest to the latest, each on its own day"},
		"config.hint.contacts_key": {
			tr: "müşterinin anahtarını (CARI.BLKODU) tutan sütun, ör. CARI_BLKODU",
			en: "the column holding the customer's key (CARI.BLKODU), e.g. CARI_BLKODU"},
		"config.not_a_name": {tr: "{key} değeri {value} bir ad değil", en: "{key} {value} is not a name"},
		"config.hint.wolvox_name": {
			tr: "Wolvox veritabanında bir tablo ya da sütun adı",
			en: "a table or column name of Wolvox's database"},
		"config.staff_step_to": {tr: "personel adımında to verilemez", en: "to cannot be set on a staff step"},
		"config.hint.staff_step_to": {
			tr: "personel adımı staff altındaki adreslere gider",
			en: "a staff step goes to the addresses under staff"},
		"config.staff_no_address": {tr: "staff hiçbir adres vermiyor", en: "staff names no address"},
		"config.hint.staff_address": {
			tr: "sms, whatsapp ya da email verin: işletmenin kendi adresi",
			en: "give sms, whatsapp or email: the shop's own address"},
		"config.staff_unreachable": {
			tr: "{value} adresine {channel} gönderilemez: {reason}",
			en: "{value} cannot receive {channel}: {reason}"},
		"config.staff_whatsapp_template": {
			tr: "personele giden WhatsApp mesajı şablonunu ister",
			en: "a staff WhatsApp message needs its template"},
		"config.hint.staff_whatsapp_template": {
			tr: "adıma onaylı bir şablonla messages.whatsapp verin",
			en: "give the step messages.whatsapp with an approved template"},
		"config.staff_no_default": {
			tr: "preset'in {channel} için hazır personel mesajı yok",
			en: "the preset has no default staff message for {channel}"},
		"config.hint.staff_text": {
			tr: "adıma metniyle messages.{channel} verin",
			en: "give the step messages.{channel} with a text"},
		"config.staff_only": {
			tr: "personel adımı {channel} mesajını yalnızca personel adresine gönderir",
			en: "a staff step sends {channel} only to a staff address"},
		"config.hint.staff_only": {
			tr: "staff.{channel} ekleyin ya da bu mesajı silin",
			en: "add staff.{channel}, or remove this message"},

		// Templates: the words of Go's template parser, where they are known.
		"config.template":                {tr: "şablon hatası: {detail}", en: "{detail}"},
		"config.template.func_undefined": {tr: "{name} diye bir fonksiyon yok", en: "function {name} not defined"},
		"config.template.unclosed_action": {
			tr: "kapatılmamış eylem: }} eksik",
			en: "unclosed action"},
		"config.template.unclosed_comment": {tr: "kapatılmamış yorum", en: "unclosed comment"},
		"config.template.bad_character":    {tr: "geçersiz karakter {char}", en: "bad character {char}"},
		"config.template.no_end": {
			tr: "{tag} için {end} yok",
			en: "{tag} has no {end}"},
		"config.template.no_column": {tr: "kayıtta {name} sütunu yok", en: "the record has no column {name}"},
		// A sql: job's SELECT the database refused, said where the file
		// has the place the database named.
		"config.sql_refused": {
			tr: "kaynak {source} görevin SELECT sorgusunu kabul etmedi: {err}",
			en: "source {source} refused the job's SELECT: {err}"},
		"config.hint.sql_refused": {
			tr: "sorguyu bu konumda düzeltin ve check'i yeniden çalıştırın: check sorguyu veritabanında dener",
			en: "fix the query at this place and run check again: check tries it on the database"},
		"config.record_no_column": {
			tr: "şablondaki {name} sütunu kayıtta yok{suggest}",
			en: "the template's column {name} is not in the record{suggest}"},
		// A template that fails where a preset's optional column is NULL:
		// run would skip every such row (an invoice without a due date).
		"config.record_null": {
			tr: "{name} sütunu boş (NULL) olan satırlarda {func} çalışmaz: run bu satırları göndermeden atlar",
			en: "{func} fails on rows whose {name} is empty (NULL): run would skip those rows, not send them"},
		"config.record_null_value": {
			tr: "isteğe bağlı sütunlar ({columns}) boş (NULL) olan satırlarda {func} çalışmaz: run bu satırları göndermeden atlar",
			en: "{func} fails on rows whose optional columns ({columns}) are empty (NULL): run would skip those rows, not send them"},
		"config.record_null_other": {
			tr: "{name} sütunu boş (NULL) olan satırlarda şablon çalışmaz ({detail}): run bu satırları göndermeden atlar",
			en: "the template fails on rows whose {name} is empty (NULL) ({detail}): run would skip those rows, not send them"},
		"config.record_null_other_all": {
			tr: "isteğe bağlı sütunlar ({columns}) boş (NULL) olan satırlarda şablon çalışmaz ({detail}): run bu satırları göndermeden atlar",
			en: "the template fails on rows whose optional columns ({columns}) are empty (NULL) ({detail}): run would skip those rows, not send them"},
		// A template whose money, number, date… is given a value of
		// another kind (a text column holding "12,5 TL"); {kind} is the
		// value's kind, never the value.
		"config.record_not_number": {
			tr: "{name} sütunu sayı değil, {kind}: {func} onu yazamaz ve run bu satırları göndermeden atlar",
			en: "{name} is {kind}, not a number: {func} cannot write it, and run would skip those rows, not send them"},
		"config.record_not_number_value": {
			tr: "{func} sayı olmayan bir değer alıyor ({kind}): run bu satırları göndermeden atlar",
			en: "{func} gets a value that is not a number ({kind}): run would skip those rows, not send them"},
		"config.record_not_date": {
			tr: "{name} sütunu tarih değil, {kind}: {func} onu yazamaz ve run bu satırları göndermeden atlar",
			en: "{name} is {kind}, not a date: {func} cannot write it, and run would skip those rows, not send them"},
		"config.record_not_date_value": {
			tr: "{func} tarih olmayan bir değer alıyor ({kind}): run bu satırları göndermeden atlar",
			en: "{func} gets a value that is not a date ({kind}): run would skip those rows, not send them"},
		"config.hint.record_not_number": {
			tr: "sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin (ör. CAST(TUTAR AS NUMERIC(18,2))), veya sayı tutan başka bir alan kullanın",
			en: "select a numeric column in the sql or CAST it to a number (e.g. CAST(TUTAR AS NUMERIC(18,2))), or use another field that holds a number"},
		"config.hint.record_not_date": {
			tr: "sql'de tarih tutan sütunu seçin ya da CAST ile tarihe çevirin (ör. CAST(TARIH AS DATE)), veya tarih tutan başka bir alan kullanın",
			en: "select a date column in the sql or CAST it to a date (e.g. CAST(TARIH AS DATE)), or use another field that holds a date"},
		"config.hint.record_null": {
			tr: "{with} ile sarın ya da default ile bir değer verin: hazır sorgunun isteğe bağlı sütunları kimi satırlarda boştur",
			en: "wrap it with {with} or give it a value with default: the preset's optional columns are empty in some rows"},
		"config.hint.record_columns": {
			tr: "kayıttaki sütunlar: {columns}",
			en: "the record has {columns}"},
		"config.template.html_unclosed": {
			tr: "HTML bir etiketin, özniteliğin ya da tırnağın içinde bitiyor: her < ve \" işaretini kapatın",
			en: "the HTML ends inside a tag, an attribute or a quote: close every < and \""},

		// Secrets.
		"config.secret_plain": {
			tr: "parola ya da belirteç ${secret:AD} gibi bir başvuru olmalı, değerin kendisi değil",
			en: "a password or token must be a reference like ${secret:NAME}, not the value itself"},
		"config.hint.secret_plain": {
			tr: "`akinsoft-connector secrets set AD` ile saklayın ve buraya ${secret:AD} yazın",
			en: "store it with `akinsoft-connector secrets set NAME` and write ${secret:NAME} here"},
		"config.env_missing": {tr: "{name} ortam değişkeni tanımlı değil", en: "environment variable {name} is not set"},
		"config.hint.env_missing": {
			tr: "ortam değişkenini hizmet için tanımlayın ya da ${secret:AD} kullanın",
			en: "set the environment variable for the service, or use ${secret:NAME}"},
		"config.secret_no_vault": {tr: "{name} sırrı okunamıyor: kasa yok", en: "secret {name} cannot be read: no vault is available"},
		"config.secret_missing":  {tr: "{name} sırrı kasada yok", en: "secret {name}: not in the vault"},
		"config.secret_error":    {tr: "{name} sırrı okunamadı: {err}", en: "secret {name}: {err}"},
		"config.hint.secrets_set": {
			tr: "`akinsoft-connector secrets set {name} --config {file}` komutunu çalıştırın",
			en: "run `akinsoft-connector secrets set {name} --config {file}`"},

		// Queries and preset parameters (connector/erp).
		"sql.empty": {tr: "SQL boş", en: "the SQL is empty"},
		"sql.statements": {
			tr: "SQL birden çok komut içeriyor; tek bir SELECT yazın",
			en: "the SQL holds more than one statement; write a single SELECT"},
		"sql.not_select": {
			tr: "SQL bir SELECT olmalı, {first} değil: bağlayıcı ERP veritabanına asla yazmaz",
			en: "the SQL must be a SELECT, not {first}: the connector never writes to the ERP database"},
		"sql.forbidden": {
			tr: "SQL'de {word} kullanılamaz: bağlayıcı yalnızca okur (düz bir SELECT yazın)",
			en: "the SQL uses {word}, which is not allowed: the connector only reads (write a plain SELECT)"},
		"sql.second_select": {
			tr: "SQL birden çok komut içeriyor (UNION olmadan ikinci bir SELECT); tek bir SELECT yazın",
			en: "the SQL holds more than one statement (a second SELECT without UNION); write a single SELECT"},
		"sql.not_utf8":     {tr: "SQL geçerli bir UTF-8 metin değil", en: "the SQL is not valid UTF-8 text"},
		"sql.open_comment": {tr: "SQL'de kapanmamış bir /* yorumu var", en: "the SQL has an unterminated /* comment"},
		"sql.open_q_string": {
			tr: "SQL'de kapanmamış bir q'{open}…{close}' metni var",
			en: "the SQL has an unterminated q'{open}…{close}' string"},
		"sql.open_string": {
			tr: "SQL'de kapanmamış bir metin var ({open} açılmış, {close} ile kapanmamış)",
			en: "the SQL has an unterminated string (a {open} without its closing {close})"},
		"sql.open_name": {
			tr: "SQL'de kapanmamış tırnaklı bir ad var ({open} açılmış, {close} ile kapanmamış)",
			en: "the SQL has an unterminated quoted name (a {open} without its closing {close})"},
		"sql.control_char": {
			tr: "SQL bir kontrol karakteri içeriyor (bayt {byte}): düz metin olarak yazın",
			en: "the SQL holds a control character (byte {byte}): write it as plain text"},
		"sql.invisible_char": {
			tr: "SQL görünmeyen {char} karakterini içeriyor: düz boşluk kullanın",
			en: "the SQL holds the invisible character {char}: use plain spaces"},
		"sql.paren_close": {
			tr: "SQL'in parantezleri uyuşmuyor: bir ) sorgunun açtığından fazlasını kapatıyor; tek bir SELECT yazın",
			en: "the SQL's parentheses do not match: a ) closes more than the query opened; write a single SELECT"},
		"sql.paren_open": {
			tr: "SQL'in parantezleri uyuşmuyor: {count} ( açık kaldı; tek bir SELECT yazın",
			en: "the SQL's parentheses do not match: {count} ( left open; write a single SELECT"},
		"sql.next_value": {
			tr: "SQL'de NEXT VALUE FOR kullanılıyor; bu bir diziyi ilerletir (yazma işlemidir): bağlayıcı yalnızca okur",
			en: "the SQL uses NEXT VALUE FOR, which advances a sequence (a write): the connector only reads"},
		"sql.with_lock": {
			tr: "SQL'de WITH LOCK kullanılıyor; bu mağazanın satırlarını kilitler: bağlayıcı yalnızca okur",
			en: "the SQL uses WITH LOCK, which locks the shop's rows: the connector only reads"},
		"sql.gen_id": {
			tr: "SQL'de GEN_ID 0'dan farklı bir adımla kullanılıyor; bu salt okunur işlemde bile üreteci ilerletir: GEN_ID(ad, 0) ile okuyun",
			en: "the SQL uses GEN_ID with a step other than 0, which advances a generator even in a read-only transaction: read it with GEN_ID(name, 0)"},
		"sql.procedure_call": {
			tr: "SQL {name}(…) içinden okuyor; bu bir saklı yordam ya da tablo fonksiyonu ve yazabilir: yalnızca tablo ve görünümlerden okuyun",
			en: "the SQL reads from {name}(…), a stored procedure or table function, which can write: read tables and views only"},
		"sql.packaged_procedure": {
			tr: "SQL paketli bir yordamdan (…{name}) okuyor ve bu yazabilir: yalnızca tablo ve görünümlerden okuyun",
			en: "the SQL reads from a packaged procedure (…{name}), which can write: read tables and views only"},
		"sql.procedure": {
			tr: "SQL {name} içinden okuyor; bu bir saklı yordam ve yazabilir: yalnızca tablo ve görünümlerden okuyun",
			en: "the SQL reads from {name}, a stored procedure, which can write: read tables and views only"},
		"sql.function": {
			tr: "SQL {name} fonksiyonunu çağırıyor; bu saklı bir fonksiyon ve yazabilir: yalnızca yerleşik fonksiyonları kullanın",
			en: "the SQL calls {name}, a stored function, which can write: use built-in functions only"},
		"preset.param_list": {
			tr: "preset parametresi {name} \"1,3\" gibi bir tam sayı listesi olmalı, {value} değil",
			en: "preset parameter {name} must be a list of whole numbers like \"1,3\", not {value}"},
		"preset.param_days": {
			tr: "preset parametresi {name} bir gün sayısı olmalı ({min} ile {max} arası), {value} değil",
			en: "preset parameter {name} must be a number of days ({min} to {max}), not {value}"},
		"preset.param_allocation": {
			tr: "preset parametresi allocation fifo ya da document olmalı, {value} değil",
			en: "preset parameter allocation must be fifo or document, not {value}"},
		"preset.param_link_column": {
			tr: "preset parametresi link_column bir CARIHR sütun adı olmalı, {value} değil",
			en: "preset parameter link_column must be a CARIHR column name, not {value}"},
		"preset.param_link_to": {
			tr: "preset parametresi link_to FATURA_NO ya da BLKODU olmalı, {value} değil",
			en: "preset parameter link_to must be FATURA_NO or BLKODU, not {value}"},

		"reason.detail": {tr: "{reason}: {detail}", en: "{reason}: {detail}"},
		"reason.join":   {tr: "{a}; {b}", en: "{a}; {b}"},
	})
}

// ReasonMsg is a reason as a Msg, to be an argument of another text: its
// key and arguments, its parts joined by "; " and its detail after ": ",
// as Lang.Reason renders it.
func ReasonMsg(r mapping.Reason) Msg {
	if r.Code == "" {
		return M("config.as_is", "text", r.Detail)
	}
	m := Msg{Key: Key(r.Code), Args: r.Args}
	if len(r.Parts) > 0 {
		parts := ReasonMsg(r.Parts[len(r.Parts)-1])
		for i := len(r.Parts) - 2; i >= 0; i-- {
			parts = M("reason.join", "a", ReasonMsg(r.Parts[i]), "b", parts)
		}
		m.Sub = map[string]Msg{"parts": parts}
	}
	if r.Detail != "" {
		return M("reason.detail", "reason", m, "detail", r.Detail)
	}
	return m
}
