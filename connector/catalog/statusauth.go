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
			tr: "Bu sayfa {host} adıyla açılamaz: adres çubuğuna bu bilgisayarın adresini (ör. 127.0.0.1) yazın.",
			en: "This page cannot be opened as {host}: use this computer's address (e.g. 127.0.0.1) in the address bar.",
		},
	})
}
