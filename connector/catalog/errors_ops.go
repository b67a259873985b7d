package catalog

// Errors of the lower packages that tell an operator what to do: the
// vault (vault.*), the service installer (installer.*) and the ERP
// database's schema (erp.*). They are *Error values, so the command line
// and the logs write them in the reader's language; their English texts
// keep the words the sentinel errors they wrap had.
func init() {
	add(map[Key]entry{
		// The source's words around a driver's error (the driver's own
		// follow in its language, English).
		"erp.source": {tr: "kaynak {source}: {err}", en: "source {source}: {err}"},
		"erp.driver_unsupported": {
			tr: "kaynak {source}: {driver} sürücüsü desteklenmiyor (firebird, mssql ya da sqlite kullanın)",
			en: "source {source}: driver {driver} is not supported (use firebird, mssql or sqlite)"},
		"erp.unreachable": {
			tr: "kaynak {source} ({driver}): {database} veritabanına bağlanılamadı: {err}",
			en: "source {source} ({driver}): could not connect to the database {database}: {err}"},
		"daemon.source_year_changed": {
			tr: "kaynak {source}: yolu artık {now} yılının veritabanını gösteriyor, ama giden kutusundaki imleçleri ve mesajları {was} veritabanından okundu: onlarla yeni veritabanının faturaları gönderilmezdi (anahtarlar yeni yılda baştan başlar). Yılı elle değiştirmek yerine yolu bir kez şöyle yazın: {template}. Bağlayıcı her yılı kendi adıyla okur, {was} veritabanını kaldığı yerden sürdürür ve {now} veritabanını ilk faturasından okur",
			en: "source {source}: its path now names the {now} database, but its cursors and messages in the outbox were read from the {was} database: with them the new database's invoices would not be sent (keys start again in a new year). Instead of changing the year by hand, write the path once as {template}. The connector reads each year under its own name, goes on with the {was} database where it was and reads the {now} database from its first invoice"},
		"erp.database_missing": {
			tr: "kaynak {source}: {database} veritabanı sunucuda yok; yolu denetleyin: taşındı, silindi ya da yanlış yazıldı ({err})",
			en: "source {source}: database {database}: the database does not exist on the server; check the path: it was moved, deleted or mistyped ({err})"},
		"erp.database_missing_year": {
			tr: "kaynak {source}: {database} veritabanı sunucuda yok; yeni yılın veritabanıysa Wolvox onu dükkân yılı açınca oluşturur ({err})",
			en: "source {source}: database {database}: the database does not exist on the server; if this is a new year's database, Wolvox creates it when the shop opens the year ({err})"},
		"erp.no_permission": {
			tr: "kaynak {source}: {user} kullanıcısına {table} tablosunu okuma yetkisi verin: veritabanına {as} bağlanıp şunu çalıştırın: {grant} ({err})",
			en: "source {source}: give user {user} the right to read table {table}: connect to the database {as} and run: {grant} ({err})"},
		"erp.no_permission_some": {
			tr: "kaynak {source}: {user} kullanıcısına sorgunun okuduğu tabloları okuma yetkisi verin: veritabanına {as} bağlanıp her biri için GRANT SELECT ON <tablo> TO {user}; çalıştırın ({err})",
			en: "source {source}: give user {user} the right to read the tables the query reads: connect to the database {as} and run GRANT SELECT ON <table> TO {user}; for each ({err})"},
		"erp.grant_as.sysdba": {tr: "SYSDBA ile (ör. isql-fb ya da IBExpert)", en: "as SYSDBA (e.g. with isql-fb or IBExpert)"},
		"erp.grant_as.admin":  {tr: "yönetici olarak (ör. SQL Server Management Studio)", en: "as an administrator (e.g. in SQL Server Management Studio)"},
		"erp.query_failed":    {tr: "kaynak {source}: sorgu çalışmadı: {err}", en: "source {source}: query failed: {err}"},
		"erp.read_row":        {tr: "kaynak {source}: satır okunamadı: {err}", en: "source {source}: read row: {err}"},
		"erp.read_rows":       {tr: "kaynak {source}: satırlar okunamadı: {err}", en: "source {source}: read rows: {err}"},
		"erp.column_types":    {tr: "sütunların türleri okunamadı: {err}", en: "read column types: {err}"},
		"erp.routines": {
			tr: "{err} (veritabanındaki saklı yordamlar okunurken)",
			en: "{err} (while reading which stored procedures the database has)"},
		"erp.rights": {tr: "kaynak {source}: kullanıcının yetkileri okunamadı: {err}", en: "source {source}: read the user's rights: {err}"},
		"erp.rights_unknown": {
			tr: "kaynak {source}: bir {driver} kullanıcısının yetkileri öğrenilemiyor",
			en: "source {source}: cannot tell the rights of a {driver} user"},
		"erp.file_missing": {
			tr: "{database} veritabanı dosyası yok: yolu denetleyin (yapılandırma dosyasının klasörüne göre) ({err})",
			en: "database file {database} does not exist: check the path (relative to the config file's folder) ({err})"},
		"erp.file":   {tr: "{database} veritabanı dosyası: {err}", en: "database file {database}: {err}"},
		"erp.table":  {tr: "{name} tablosu", en: "table {name}"},
		"erp.column": {tr: "{name}", en: "{name}"},
		"erp.system_db": {
			tr: "kaynak {source}: {database} veritabanı, Wolvox'un kullanıcıları ve parolaları tutan sistem veritabanına (SIRKET) benziyor: kaynağı şirketin yıl veritabanına (…\\Database_FB\\<şirket>\\<yıl>\\WOLVOX.FDB) yönlendirin",
			en: "source {source}: database {database} looks like Wolvox's system database (SIRKET), which holds users and passwords: point the source at the company's year database (…\\Database_FB\\<company>\\<year>\\WOLVOX.FDB) instead"},
		"erp.lacks": {
			tr: "kaynak {source}: {database} veritabanında görevin vazgeçemeyeceği şunlar yok: {missing}. Bu bir Wolvox şirket veritabanı mı, Wolvox'un hangi sürümü? (bir preset'in yalnızca mesajlarda gösterdiği sütunlar eksik olabilir; bunlar olamaz)",
			en: "source {source}: database {database} lacks {missing}, which the job cannot do without: is this a Wolvox company database, and which Wolvox version? (columns a preset only shows in messages may be missing; these may not)"},

		// The process that holds a state folder, as Task Manager shows it.
		"instance.pid":         {tr: "PID {pid}", en: "process {pid}"},
		"instance.pid_unknown": {tr: "PID bilinmiyor", en: "process unknown"},

		"installer.no_config": {
			tr: "kurulum: yapılandırma dosyası verilmedi; yapılandırmanın tam yolunu --config ile verin",
			en: "installer: no config file given; pass --config with the config's full path"},
		"installer.unknown_action": {
			tr: "kurulum: bilinmeyen işlem {action}; şunlardan birini kullanın: {actions}",
			en: "installer: unknown action {action}; use one of {actions}"},
		"installer.config_missing": {
			tr: "kurulum: yapılandırma dosyası {path}: {err}; önce onu oluşturun (config.example.yaml dosyasından başlayın) ve `akinsoft-connector check --config {path}` çalıştırın",
			en: "installer: config file {path}: {err}; create it first (start from config.example.yaml) and run `akinsoft-connector check --config {path}`"},
		"installer.already_installed": {
			tr: "kurulum: {name} hizmeti zaten kurulu; değiştirmek için önce `akinsoft-connector service uninstall` çalıştırın",
			en: "installer: the {name} service is already installed; run `akinsoft-connector service uninstall` first to change it"},
		"installer.not_installed": {
			tr: "kurulum: {name} hizmeti kurulu değil; kaldırılacak bir şey yok",
			en: "installer: the {name} service is not installed; nothing to uninstall"},
		"installer.control_failed": {
			tr: "kurulum: {name} hizmeti için {action} yapılamadı ({platform}): {err}; {hint}",
			en: "installer: {action} the {name} service ({platform}): {err}; {hint}"},
		"installer.admin_hint.linux": {
			tr: "hizmet komutları root yetkisi ister: sudo ile çalıştırın",
			en: "service commands need root: run them with sudo"},
		"installer.admin_hint.windows": {
			tr: "hizmet komutları yönetici olarak açılmış bir komut istemi ister (Yönetici olarak çalıştır)",
			en: "service commands need an administrator command prompt (Run as administrator)"},
		"installer.admin_hint.other": {
			tr: "hizmet komutları yönetici yetkisi ister",
			en: "service commands need administrator rights"},
		"installer.no_systemd": {
			tr: "kurulum: bu Linux makinesi systemd kullanmıyor ({found} bulundu); `{command}` komutunu kendi başlatma sisteminizden çalıştırın",
			en: "installer: this Linux machine does not run systemd (found {found}); run `{command}` from your init system instead"},
		"installer.mkdir_failed": {
			tr: "kurulum: {dir} oluşturulamadı: {err}",
			en: "installer: create {dir}: {err}"},
		"installer.chown_failed": {
			tr: "kurulum: {dir} klasörü {user} kullanıcısına verilemedi: {err}",
			en: "installer: give {dir} to {user}: {err}"},
		"installer.unit_value": {
			tr: "kurulum: {value} bir systemd birimine yazılamaz (satır sonu ya da \"{{\" içeriyor); daha basit bir yol kullanın",
			en: "installer: {value} cannot be written into a systemd unit (line break or \"{{\"); use a simpler path"},
		"installer.unknown_account": {
			tr: "{account} hesabını Windows tanımıyor: {err}",
			en: "the account {account} is not known to Windows: {err}"},

		"vault.passphrase_empty": {
			tr: "kasa açılamadı: parola boş; AKINSOFT_CONNECTOR_VAULT_PASSPHRASE değişkenine boş olmayan bir değer verin ya da makine anahtarını kullanmak için değişkeni kaldırın",
			en: "open vault: the passphrase is empty; set AKINSOFT_CONNECTOR_VAULT_PASSPHRASE to a non-empty value, or unset it to use the machine key"},
		"vault.no_dir": {
			tr: "kasa açılamadı: {err} (önce {dir} klasörünü oluşturun)",
			en: "open vault: {err} (create the directory {dir} first)"},
		"vault.not_dir": {
			tr: "kasa açılamadı: {dir} bir klasör değil",
			en: "open vault: {dir} is not a directory"},
		"vault.bad_name": {
			tr: "geçersiz sır adı {name}: 1 ile 64 arası harf, rakam, '_', '.' ya da '-' kullanın",
			en: "invalid secret name {name}: use 1 to 64 letters, digits, '_', '.' or '-'"},
		"vault.not_found": {
			tr: "sır bulunamadı: {name} (`akinsoft-connector secrets set {raw}` komutunu çalıştırın)",
			en: "secret not found: {name} (run `akinsoft-connector secrets set {raw}`)"},
		"vault.needs_passphrase": {
			tr: "kasa anahtarı ya da parolası yanlış: {path} bir parolayla korunuyor; AKINSOFT_CONNECTOR_VAULT_PASSPHRASE değişkenini verin",
			en: "wrong vault key or passphrase: {path} is protected by a passphrase; set AKINSOFT_CONNECTOR_VAULT_PASSPHRASE"},
		"vault.needs_key_file": {
			tr: "kasa anahtarı ya da parolası yanlış: {path} bir parolayla değil, makinenin {key} anahtar dosyasıyla korunuyor; AKINSOFT_CONNECTOR_VAULT_PASSPHRASE değişkenini kaldırın",
			en: "wrong vault key or passphrase: {path} is protected by the machine key file {key}, not a passphrase; unset AKINSOFT_CONNECTOR_VAULT_PASSPHRASE"},
		"vault.key_does_not_open": {
			tr: "kasa anahtarı ya da parolası yanlış: anahtar {path} dosyasını açmıyor (ya da keycheck alanı bozulmuş)",
			en: "wrong vault key or passphrase: the key does not open {path} (or its keycheck field was damaged)"},
		"vault.seal_mismatch": {
			tr: "kasa dosyası bozuk ya da değiştirilmiş: {path} mühürüyle uyuşmuyor; yedekten geri yükleyin ya da silip sırları yeniden kaydedin",
			en: "vault file is damaged or was modified: {path} does not match its seal; restore it from a backup or remove it and set the secrets again"},
		"vault.secret_damaged": {
			tr: "kasa dosyası bozuk ya da değiştirilmiş: {name} sırrı çözülemiyor; `akinsoft-connector secrets set {raw}` ile yeniden kaydedin",
			en: "vault file is damaged or was modified: secret {name} does not decrypt; set it again with `akinsoft-connector secrets set {raw}`"},
		"vault.not_vault": {
			tr: "kasa dosyası bozuk ya da değiştirilmiş: {path} bir kasa dosyası değil ({err}); yedekten geri yükleyin ya da silip sırları yeniden kaydedin",
			en: "vault file is damaged or was modified: {path} is not a vault file ({err}); restore it from a backup or remove it and set the secrets again"},
		"vault.trailing": {
			tr: "kasa dosyası bozuk ya da değiştirilmiş: {path} kasadan sonra fazladan veri içeriyor; yedekten geri yükleyin ya da silip sırları yeniden kaydedin",
			en: "vault file is damaged or was modified: {path} has data after the vault; restore it from a backup or remove it and set the secrets again"},
		// A key file that is not this machine's: copied from another machine
		// (DPAPI refuses it, with its own words) or from another system.
		"vault.key_unusable": {
			tr: "kasa anahtarı ya da parolası yanlış: {path} bu makinenin kasa anahtarı değil; başka bir makineden ya da Windows'tan kopyalandıysa özgün anahtar dosyasını geri yükleyin ya da {path} ve {file} dosyalarını silip sırları bu makinede secrets set ile yeniden kaydedin",
			en: "wrong vault key or passphrase: {path} is not this machine's vault key; if it was copied from another machine or from Windows, restore the original key file, or remove {path} and {file} and set the secrets again on this machine"},
		"vault.key_unusable_os": {
			tr: "kasa anahtarı ya da parolası yanlış: {path} bu makinede çözülemiyor ({err}); başka bir makineden kopyalandıysa özgün anahtar dosyasını geri yükleyin ya da {path} ve {file} dosyalarını silip sırları bu makinede secrets set ile yeniden kaydedin",
			en: "wrong vault key or passphrase: {path} cannot be decrypted on this machine ({err}); if it was copied from another machine, restore the original key file, or remove {path} and {file} and set the secrets again on this machine"},
		"vault.key_missing": {
			tr: "kasa anahtarı ya da parolası yanlış: {path} anahtar dosyası yok, bu yüzden yanındaki kasa çözülemez; anahtar dosyasını geri yükleyin ya da {file} dosyasını silip sırları yeniden kaydedin",
			en: "wrong vault key or passphrase: the key file {path} is missing, so the vault beside it cannot be decrypted; restore the key file, or remove {file} and set the secrets again"},
		"vault.key_not_regular": {
			tr: "kasa anahtar dosyasını başkaları okuyabilir: {path} sıradan bir dosya değil (sembolik bağ ya da aygıt kabul edilmez)",
			en: "vault key file is readable by others: {path} is not a regular file (a symlink or device is refused)"},
		"vault.key_mode": {
			tr: "kasa anahtar dosyasını başkaları okuyabilir: {path} dosyasının izinleri {mode}, grup ya da diğerleri okuyabilir; `chmod 600 {path}` çalıştırın",
			en: "vault key file is readable by others: {path} has mode {mode}, group or others may read it; run `chmod 600 {path}`"},
		"vault.key_owner": {
			tr: "kasa anahtar dosyası {path} bu sürecin kullanıcısına (uid {me}) değil, {owner} kullanıcısına ait; anahtarı yalnızca sahibi kullanır. Bu sürecin kendi dosyasıysa root olarak `chown {me} {path}` çalıştırın",
			en: "vault key file {path} belongs to {owner}, not to this process's uid {me}; only its owner uses the key. If it is this process's own file, run `chown {me} {path}` as root"},
		"vault.key_owner_root": {
			tr: "kasa anahtar dosyası {path} {owner} kullanıcısına ait; root onu kullanmaz. Komutu dosyanın sahibiyle çalıştırın (hizmetin dosyasıysa: `sudo runuser -u akinsoft-connector -- akinsoft-connector …`); dosyayı root'a vermeyin, hizmet onu artık okuyamaz",
			en: "vault key file {path} belongs to {owner}; root does not use it. Run the command as the file's owner (for the service's: `sudo runuser -u akinsoft-connector -- akinsoft-connector …`); do not give the file to root, the service could no longer read it"},
		"vault.key_acl": {
			tr: "kasa anahtar dosyasını başkaları okuyabilir: {path}: {problem}; yönetici olarak `icacls \"{path}\" /inheritance:r /grant:r *S-1-5-18:F *S-1-5-32-544:F` çalıştırın",
			en: "vault key file is readable by others: {path}: {problem}; run `icacls \"{path}\" /inheritance:r /grant:r *S-1-5-18:F *S-1-5-32-544:F` as Administrator"},
		"vault.marker_damaged": {
			tr: "giden kutusu işareti {path} bozuk: durum klasörüyle birlikte geri yükleyin ya da oradaki giden kutusunu kabul etmek için silin",
			en: "the outbox marker {path} is damaged: restore it with the state folder, or delete it to accept the outbox that is there"},
	})
}
