package catalog

// The status page's login: waits after failed passwords, one-time links,
// requests for another host.
func init() {
	add(map[Key]entry{
		"statusauth.wait": {
			tr: "Çok fazla hatalı deneme. {seconds} saniye sonra (saat {time}) tekrar deneyin. Sunucuda `akinsoft-connector admin login-link` ile parola sormadan giriş bağlantısı alabilirsiniz.",
			en: "Too many failed attempts. Try again in {seconds} seconds (at {time}). At the server, `akinsoft-connector admin login-link` gives a link that logs in without the password.",
		},
		"statusauth.bad_link": {
			tr: "Giriş bağlantısı geçersiz, kullanılmış ya da süresi dolmuş. Sunucuda `akinsoft-connector admin login-link` ile yenisini alın.",
			en: "The login link is unknown, used or expired. Get a new one at the server with `akinsoft-connector admin login-link`.",
		},
		"statusauth.foreign_host": {
			tr: "Bu sayfa {host} adıyla açılamaz: adres çubuğuna bu bilgisayarın adresini (ör. 127.0.0.1) yazın ya da bu adı config.yaml'da status.hosts listesine ekleyin.",
			en: "This page cannot be opened as {host}: use this computer's address (e.g. 127.0.0.1) in the address bar, or add the name to status.hosts in config.yaml.",
		},
		"statusauth.no_password": {
			tr: "yönetici parolası ayarlanmamış: sunucuda `akinsoft-connector admin set-password` komutunu çalıştırın",
			en: "no admin password is set: run `akinsoft-connector admin set-password` on the server"},
		"statusauth.credentials_unreadable": {
			tr: "durum sayfasının giriş bilgileri ({path}) okunamadı: {err}",
			en: "read the status page credentials {path}: {err}"},
		"statusauth.credentials_damaged": {
			tr: "durum sayfasının giriş bilgileri ({path}) bozuk: {err} (dosyayı silip parolayı yeniden ayarlayın)",
			en: "the status page credentials {path} are damaged: {err} (delete the file and set the password again)"},
		"statusauth.mkdir_failed": {
			tr: "durum klasörü oluşturulamadı: {err}",
			en: "create the state directory: {err}"},
		"statusauth.write_failed": {
			tr: "durum sayfasının giriş bilgileri yazılamadı: {err}",
			en: "write the status page credentials: {err}"},
		"statusauth.short_password": {
			tr: "parola en az {n} karakter olmalı",
			en: "the password must have at least {n} characters"},
		"statusauth.long_password": {
			tr: "parola en çok 72 bayt olabilir (bcrypt gerisini yok sayar)",
			en: "the password must be at most 72 bytes (bcrypt ignores the rest)"},
		"statusauth.viewer_same": {
			tr: "salt okunur parola yönetici parolasından farklı olmalı",
			en: "the viewer password must differ from the admin password"},
		"statusauth.token_name": {
			tr: "belirtece bir ad verin, ör. onu kullanan izleme sisteminin adı",
			en: "give the token a name, e.g. the monitoring system that uses it"},
		"statusauth.token_exists": {
			tr: "{name} adlı bir belirteç zaten var: önce onu silin ya da başka bir ad seçin",
			en: "a token named {name} exists: revoke it first or choose another name"},
		"statusauth.no_token": {
			tr: "{name} adlı bir belirteç yok",
			en: "no token named {name}"},
		"statusauth.token_required": {
			tr: "bir API belirteci gerekli: `akinsoft-connector admin token create AD` ile oluşturun",
			en: "an API token is required: create one with `akinsoft-connector admin token create NAME`"},
		"statusauth.log_in_first": {
			tr: "önce giriş yapın",
			en: "log in first"},
		"statusauth.csrf": {
			tr: "form eskimiş (CSRF denetimi başarısız): sayfayı yenileyip yeniden deneyin",
			en: "the form is out of date (CSRF check failed): reload the page and try again"},
		"statusauth.listen_remote": {
			tr: "status.listen {listen} adresine başka bilgisayarlardan erişilebilir: status.tls_cert ile status.tls_key verin, ya da status.allow_remote: true yazın, ya da 127.0.0.1 üzerinde dinleyin",
			en: "status.listen {listen} is reachable from other computers: set status.tls_cert and status.tls_key, or status.allow_remote: true, or listen on 127.0.0.1"},
		"statusauth.listen_remote_password": {
			tr: "status.listen {listen} adresine başka bilgisayarlardan erişilebilir, bu yüzden sayfa bir parola ister: {err}",
			en: "status.listen {listen} is reachable from other computers, so the page needs a password: {err}"},
		"statusauth.listen_failed": {
			tr: "durum sayfası: {addr} dinlenemiyor: {err} (portu başka bir program kullanıyor olabilir: status.listen ayarını değiştirin)",
			en: "status page: listen on {addr}: {err} (another program may use the port: change status.listen)"},
		"statusauth.tls_failed": {
			tr: "durum sayfası: status.tls_cert/tls_key yüklenemedi: {err}",
			en: "status page: load status.tls_cert/tls_key: {err}"},
		"statuspage.bad_message_id": {
			tr: "geçersiz mesaj numarası",
			en: "bad message id"},
		"statuspage.outbox_unreadable": {
			tr: "giden kutusu okunamıyor: {err}",
			en: "cannot read the outbox: {err}"},
		"statuspage.template_error": {
			tr: "durum sayfası şablon hatası: {err}",
			en: "status page template error: {err}"},
	})
}
