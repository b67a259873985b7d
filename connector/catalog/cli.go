package catalog

// The command line's own texts: exit-code problems, the version line, the
// folder-rights check and the monitoring texts (keys cli.*).
func init() {
	add(map[Key]entry{
		"cli.config_missing": {
			tr: "{path}: yapılandırma dosyası yok (ipucu: akinsoft-connector init ile oluşturun, config.example.yaml dosyasını bu ada kopyalayıp düzenleyin ya da yolu --config ile verin)",
			en: "{path}: the config file does not exist (hint: create it with akinsoft-connector init, copy config.example.yaml to this name and edit it, or give the path with --config)",
		},
		"cli.config_unreadable": {
			tr: "{path}: yapılandırma dosyası okunamıyor: {err} (ipucu: dosyanın haklarını denetleyin; Linux'ta komutu root olarak ya da runuser -u akinsoft-connector ile çalıştırın)",
			en: "{path}: the config file cannot be read: {err} (hint: check the file's rights; on Linux run the command as root or with runuser -u akinsoft-connector)",
		},
		"cli.unknown_command": {
			tr: "{parent} için bilinmeyen komut: {cmd}{suggest} (ipucu: komutları {parent} --help listeler)",
			en: "unknown command {cmd} for {parent}{suggest} (hint: {parent} --help lists the commands)",
		},
		"cli.status_open": {
			tr: "Durum sayfası tarayıcıda açılıyor: {url}",
			en: "Opening the status page in the browser: {url}",
		},
		"cli.status_open_failed": {
			tr: "tarayıcı açılamadı; adresi elle açın: {url}",
			en: "the browser could not be started; open the address by hand: {url}",
		},
		"cli.status_disabled": {
			tr: "durum sayfası yapılandırmada kapalı (status.disabled: true)",
			en: "the status page is disabled in the config (status.disabled: true)",
		},
		"cli.unknown_action": {
			tr: "{cmd} için bilinmeyen işlem: {action} (şunlardan birini yazın: {actions})",
			en: "unknown action {action} for {cmd} (use one of {actions})",
		},
		"cli.no_args": {
			tr: "{cmd} ek bir sözcük almaz, {arg} fazla (ipucu: seçeneklerini {cmd} --help listeler)",
			en: "{cmd} takes no arguments, {arg} is one too many (hint: {cmd} --help lists its flags)",
		},
		"cli.did_you_mean": {
			tr: "; bunu mu demek istediniz: {names}?",
			en: "; did you mean {names}?",
		},
	})
}
