package catalog

// The help of `akinsoft-connector init` (help.init.*: the command and the
// flag of each question) and its own errors. help.init.long's {docs} is
// init.md where the packages install it on this OS (installer.Paths.DocDir).
func init() {
	add(map[Key]entry{
		"help.init": {
			tr: "Türkçe kurulum sihirbazı: Wolvox veritabanını bul, sağlayıcıyı ayarlayıp dene, check denetiminden geçen bir yapılandırma yaz",
			en: "Guided set-up in Turkish: find the Wolvox database, set up and test the provider, write a config that passes check"},
		"help.init.long": {
			tr: "init, bağlayıcının ihtiyaç duyduğu bilgileri Türkçe sorar (İngilizce için --lang en) ve yapılandırmayı --config ile\n" +
				"verilen yere yazar: Wolvox şirket veritabanlarını bulur (Windows'ta her sürücünün AKINSOFT klasörü,\n" +
				"başka yerde sizin verdiğiniz klasör; SQL Server'da adıyla), yalnızca okuma yetkili bir kullanıcıyla\n" +
				"bağlanır (ve böyle bir kullanıcının nasıl oluşturulacağını söyler), her parolayı şifreli kasada saklar,\n" +
				"SMS/WhatsApp/e-posta sağlayıcısının bilgilerini denetler ve kendi telefonunuza bir deneme mesajı\n" +
				"gönderir, bilgilendirme bildirimlerini Türkçe metinleriyle önerir, açıklamalı bir yapılandırma yazar,\n" +
				"onu check ile denetler ve hizmeti kurup başlatmayı önerir.\n\n" +
				"Bir betikten yanıtları standart girdiden satır satır ya da seçenek olarak verin (--driver, --company,\n" +
				"--sms, …); parolalar yalnızca standart girdiden.\nHer soru için {docs} dosyasına bakın.",
			en: "init asks, in Turkish (--lang en for English), for what the connector needs and writes the\n" +
				"config at --config: it finds the Wolvox company databases (every drive's AKINSOFT folder on\n" +
				"Windows, a folder you name elsewhere; SQL Server by name), connects with a read-only user\n" +
				"(and says how to create one), stores every password in the encrypted vault, checks the\n" +
				"SMS/WhatsApp/e-mail provider's credentials and sends a test message to your own phone,\n" +
				"proposes the informational notifications with their Turkish texts, writes a commented config,\n" +
				"runs check on it, and offers to install and start the service.\n\n" +
				"From a script, give the answers one a line on standard input, or as flags (--driver, --company,\n" +
				"--sms, …); passwords only on standard input.\nSee {docs} for every question."},

		"help.init.driver":                             {tr: "veritabanı sunucusu: firebird ya da mssql", en: "database server: firebird or mssql"},
		"help.init.search":                             {tr: "Wolvox veritabanlarının aranacağı klasör (Windows: her sürücünün AKINSOFT klasörü)", en: "folder to look for Wolvox databases in (Windows: every drive's AKINSOFT folder)"},
		"help.init.company":                            {tr: "bulunan şirketin numarası (1, 2, …)", en: "number of the company found (1, 2, …)"},
		"help.init.database":                           {tr: "veritabanı dosyası (Firebird) ya da adı (SQL Server); {year} kullanılabilir", en: "database file (Firebird) or name (SQL Server); {year} is allowed"},
		"help.init.mssql_database":                     {tr: "SQL Server veritabanının adı, ör. WOLVOX8_001_2026_WOLVOX", en: "SQL Server database name, e.g. WOLVOX8_001_2026_WOLVOX"},
		"help.init.host":                               {tr: "veritabanı sunucusunun adresi", en: "database server address"},
		"help.init.port":                               {tr: "veritabanı sunucusunun portu", en: "database server port"},
		"help.init.instance":                           {tr: "SQL Server adlandırılmış örneği", en: "SQL Server named instance"},
		"help.init.db_user":                            {tr: "okuma yetkili veritabanı kullanıcısı", en: "read-only database user"},
		"help.init.use_anyway":                         {tr: "yazabilen bir kullanıcıyla devam et (evet/hayır)", en: "go on with a user that can write (yes/no)"},
		"help.init.sms":                                {tr: "SMS sağlayıcısı: netgsm, mutlucell ya da yok", en: "SMS provider: netgsm, mutlucell or none"},
		"help.init.netgsm_user":                        {tr: "NetGSM kullanıcı kodu", en: "NetGSM user code"},
		"help.init.netgsm_header":                      {tr: "onaylı NetGSM SMS başlığı", en: "approved NetGSM SMS header"},
		"help.init.mutlucell_user":                     {tr: "Mutlucell kullanıcı adı", en: "Mutlucell user name"},
		"help.init.mutlucell_originator":               {tr: "onaylı Mutlucell SMS başlığı", en: "approved Mutlucell SMS header"},
		"help.init.whatsapp":                           {tr: "WhatsApp Cloud API'yi ayarla (evet/hayır)", en: "set up WhatsApp Cloud API (yes/no)"},
		"help.init.whatsapp_phone_id":                  {tr: "WhatsApp phone_number_id", en: "WhatsApp phone_number_id"},
		"help.init.email":                              {tr: "SMTP ile e-postayı ayarla (evet/hayır)", en: "set up e-mail over SMTP (yes/no)"},
		"help.init.smtp_host":                          {tr: "SMTP sunucusu", en: "SMTP server"},
		"help.init.smtp_port":                          {tr: "SMTP portu", en: "SMTP port"},
		"help.init.smtp_user":                          {tr: "SMTP kullanıcısı", en: "SMTP user"},
		"help.init.smtp_from":                          {tr: "gönderen adresi", en: "sender address"},
		"help.init.owner_phone":                        {tr: "deneme SMS'i/WhatsApp mesajı için kendi cep telefonunuz", en: "your own mobile number, for the test SMS/WhatsApp"},
		"help.init.owner_email":                        {tr: "deneme e-postası için kendi e-posta adresiniz", en: "your own e-mail address, for the test e-mail"},
		"help.init.job_new_invoices":                   {tr: "yeni fatura bildirimini ekle (evet/hayır)", en: "add the new invoice notification (yes/no)"},
		"help.init.job_invoices_due":                   {tr: "vade hatırlatmasını ekle (evet/hayır)", en: "add the due date reminder (yes/no)"},
		"help.init.job_invoices_overdue":               {tr: "geciken ödeme hatırlatmasını ekle (evet/hayır)", en: "add the overdue reminder (yes/no)"},
		"help.init.job_collections":                    {tr: "ödeme alındı bildirimini ekle (evet/hayır)", en: "add the payment received notification (yes/no)"},
		"help.init.whatsapp_template_new_invoices":     {tr: "yeni fatura bildiriminin Meta'da onaylı WhatsApp şablonunun adı", en: "name of the new invoice notification's WhatsApp template Meta approved"},
		"help.init.whatsapp_template_invoices_due":     {tr: "vade hatırlatmasının Meta'da onaylı WhatsApp şablonunun adı", en: "name of the falling-due reminder's WhatsApp template Meta approved"},
		"help.init.whatsapp_template_invoices_overdue": {tr: "geciken ödeme hatırlatmasının Meta'da onaylı WhatsApp şablonunun adı", en: "name of the overdue reminder's WhatsApp template Meta approved"},
		"help.init.whatsapp_template_collections":      {tr: "ödeme alındı bildiriminin Meta'da onaylı WhatsApp şablonunun adı", en: "name of the payment received notification's WhatsApp template Meta approved"},
		"help.init.quiet_hours":                        {tr: "SMS/WhatsApp gönderilmeyecek saatler, ör. 21:00-09:00, ya da yok", en: "hours without SMS/WhatsApp, e.g. 21:00-09:00, or none"},
		"help.init.overwrite":                          {tr: "var olan yapılandırmanın üzerine yaz, eskisini .bak olarak sakla (evet/hayır)", en: "overwrite an existing config, keeping it as .bak (yes/no)"},
		"help.init.service":                            {tr: "hizmeti kurup başlat (evet/hayır)", en: "install and start the service (yes/no)"},
		"help.init.netgsm_url":                         {tr: "NetGSM API adresi (bir deneme sunucusu ya da vekil)", en: "NetGSM API address (a test server or proxy)"},
		"help.init.mutlucell_url":                      {tr: "Mutlucell API adresi (bir deneme sunucusu ya da vekil)", en: "Mutlucell API address (a test server or proxy)"},
		"help.init.whatsapp_url":                       {tr: "WhatsApp Cloud API adresi (bir deneme sunucusu ya da vekil)", en: "WhatsApp Cloud API address (a test server or proxy)"},
		"help.init.ca_file":                            {tr: "sağlayıcılar için ek CA sertifikası (TLS trafiğini inceleyen bir güvenlik duvarı için)", en: "extra CA certificate for the providers (a TLS-inspecting firewall)"},
		"help.init.state_dir":                          {tr: "yapılandırmaya yazılacak durum klasörü (varsayılan: yapılandırmanın yanı ya da işletim sisteminin varsayılanı)", en: "state folder to write into the config (default: beside the config, or the OS default)"},

		"init.mkdir_failed":  {tr: "durum klasörü {dir} oluşturulamadı: {err}", en: "create the state folder {dir}: {err}"},
		"init.backup_failed": {tr: "eski yapılandırma {path} olarak saklanamadı: {err}", en: "keep the old config as {path}: {err}"},
		"init.write_failed":  {tr: "yapılandırma yazılamadı: {err}", en: "write the config: {err}"},
		"init.read_failed":   {tr: "yanıt okunamadı: {err}", en: "read the answer: {err}"},
	})
}
