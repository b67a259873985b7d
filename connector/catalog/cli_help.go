package catalog

// The command line's help: what each command and flag does (keys help.*),
// and the headings of the help page itself (help.usage.*, whose English
// texts are the command-line library's own words they replace).
func init() {
	add(map[Key]entry{
		"help.admin.set_viewer_password": {
			tr: "Mağaza sahibi için salt okunur bir parola belirle: Tekrar dene, İptal ve Duraklat olmadan durum sayfası",
			en: "Set a read-only password for the shop owner: the status page without Retry, Cancel and Pause"},
		"help.admin.remove_viewer_password": {tr: "Salt okunur parolayı kaldır", en: "Remove the read-only password"},

		"help.root": {
			tr: "AKINSOFT Wolvox veritabanından müşterilere SMS, WhatsApp ve e-posta bildirimleri gönderir",
			en: "Send customers SMS, WhatsApp and e-mail notifications from an AKINSOFT Wolvox database"},
		"help.flag.config":    {tr: "yapılandırma dosyasının yolu", en: "path of the config file"},
		"help.flag.log_level": {tr: "debug, info, warn ya da error", en: "debug, info, warn or error"},
		"help.flag.lang": {
			tr: "komut satırının dili: tr ya da en (varsayılan: yapılandırmadaki language, yoksa sistemin dili, yoksa Türkçe)",
			en: "language of the command line: tr or en (default: the config's language, else the system locale, else Turkish)"},
		"help.flag.help":    {tr: "{name} için yardım", en: "help for {name}"},
		"help.flag.version": {tr: "{name} sürümünü göster", en: "version for {name}"},
		"help.flag.json":    {tr: "tablo yerine JSON yaz", en: "print JSON instead of a table"},
		"help.version": {
			tr: "Sürümü, commit'i ve derleme tarihini yaz (--version ile aynı)",
			en: "Print the version, commit and build date (the same as --version)"},
		"help.help": {tr: "Bir komut hakkında yardım", en: "Help about any command"},
		"help.help.long": {
			tr: "help, programdaki her komut için yardım gösterir.\nAyrıntılar için: {name} help [komut]",
			en: "Help provides help for any command in the application.\nSimply type {name} help [path to command] for full details."},
		"help.completion": {
			tr: "Kabuk için otomatik tamamlama betiğini üret",
			en: "Generate the autocompletion script for the specified shell"},
		"help.completion.shell": {
			tr: "{shell} için otomatik tamamlama betiğini üret",
			en: "Generate the autocompletion script for {shell}"},
		// The English texts are the library's own, so English help reads as
		// it did; the Turkish ones say the same steps.
		"help.completion.long": {
			tr: "{name} için, seçilen kabuğa uygun otomatik tamamlama betiğini üretir.\n" +
				"Betiğin nasıl kurulacağını her kabuğun kendi yardımı anlatır.\n",
			en: "Generate the autocompletion script for {name} for the specified shell.\n" +
				"See each sub-command's help for details on how to use the generated script.\n"},
		"help.completion.no_descriptions": {
			tr: "tamamlama önerilerini açıklamasız yaz",
			en: "disable completion descriptions"},
		"help.completion.bash.long": {
			tr: "bash kabuğu için otomatik tamamlama betiğini üretir.\n\n" +
				"Betik 'bash-completion' paketine ihtiyaç duyar. Kurulu değilse işletim\n" +
				"sisteminin paket yöneticisiyle kurabilirsiniz.\n\n" +
				"Tamamlamayı açık kabukta hemen kullanmak için:\n\n" +
				"\tsource <({name} completion bash)\n\n" +
				"Her yeni oturumda kullanmak için bir kez çalıştırın:\n\n" +
				"Linux:\n\n" +
				"\t{name} completion bash > /etc/bash_completion.d/{name}\n\n" +
				"macOS:\n\n" +
				"\t{name} completion bash > $(brew --prefix)/etc/bash_completion.d/{name}\n\n" +
				"Ayarın geçerli olması için yeni bir kabuk açın.\n",
			en: "Generate the autocompletion script for the bash shell.\n\n" +
				"This script depends on the 'bash-completion' package.\n" +
				"If it is not installed already, you can install it via your OS's package manager.\n\n" +
				"To load completions in your current shell session:\n\n" +
				"\tsource <({name} completion bash)\n\n" +
				"To load completions for every new session, execute once:\n\n" +
				"#### Linux:\n\n" +
				"\t{name} completion bash > /etc/bash_completion.d/{name}\n\n" +
				"#### macOS:\n\n" +
				"\t{name} completion bash > $(brew --prefix)/etc/bash_completion.d/{name}\n\n" +
				"You will need to start a new shell for this setup to take effect.\n"},
		"help.completion.zsh.long": {
			tr: "zsh kabuğu için otomatik tamamlama betiğini üretir.\n\n" +
				"Kabuk tamamlaması ortamınızda henüz açık değilse önce onu açmanız gerekir.\n" +
				"Bunun için bir kez şunu çalıştırabilirsiniz:\n\n" +
				"\techo \"autoload -U compinit; compinit\" >> ~/.zshrc\n\n" +
				"Tamamlamayı açık kabukta hemen kullanmak için:\n\n" +
				"\tsource <({name} completion zsh)\n\n" +
				"Her yeni oturumda kullanmak için bir kez çalıştırın:\n\n" +
				"Linux:\n\n" +
				"\t{name} completion zsh > \"${fpath[1]}/_{name}\"\n\n" +
				"macOS:\n\n" +
				"\t{name} completion zsh > $(brew --prefix)/share/zsh/site-functions/_{name}\n\n" +
				"Ayarın geçerli olması için yeni bir kabuk açın.\n",
			en: "Generate the autocompletion script for the zsh shell.\n\n" +
				"If shell completion is not already enabled in your environment you will need\n" +
				"to enable it.  You can execute the following once:\n\n" +
				"\techo \"autoload -U compinit; compinit\" >> ~/.zshrc\n\n" +
				"To load completions in your current shell session:\n\n" +
				"\tsource <({name} completion zsh)\n\n" +
				"To load completions for every new session, execute once:\n\n" +
				"#### Linux:\n\n" +
				"\t{name} completion zsh > \"${fpath[1]}/_{name}\"\n\n" +
				"#### macOS:\n\n" +
				"\t{name} completion zsh > $(brew --prefix)/share/zsh/site-functions/_{name}\n\n" +
				"You will need to start a new shell for this setup to take effect.\n"},
		"help.completion.fish.long": {
			tr: "fish kabuğu için otomatik tamamlama betiğini üretir.\n\n" +
				"Tamamlamayı açık kabukta hemen kullanmak için:\n\n" +
				"\t{name} completion fish | source\n\n" +
				"Her yeni oturumda kullanmak için bir kez çalıştırın:\n\n" +
				"\t{name} completion fish > ~/.config/fish/completions/{name}.fish\n\n" +
				"Ayarın geçerli olması için yeni bir kabuk açın.\n",
			en: "Generate the autocompletion script for the fish shell.\n\n" +
				"To load completions in your current shell session:\n\n" +
				"\t{name} completion fish | source\n\n" +
				"To load completions for every new session, execute once:\n\n" +
				"\t{name} completion fish > ~/.config/fish/completions/{name}.fish\n\n" +
				"You will need to start a new shell for this setup to take effect.\n"},
		"help.completion.powershell.long": {
			tr: "PowerShell için otomatik tamamlama betiğini üretir.\n\n" +
				"Tamamlamayı açık oturumda hemen kullanmak için:\n\n" +
				"\t{name} completion powershell | Out-String | Invoke-Expression\n\n" +
				"Her yeni oturumda kullanmak için yukarıdaki komutun çıktısını PowerShell\n" +
				"profilinize ekleyin.\n",
			en: "Generate the autocompletion script for powershell.\n\n" +
				"To load completions in your current shell session:\n\n" +
				"\t{name} completion powershell | Out-String | Invoke-Expression\n\n" +
				"To load completions for every new session, add the output of the above command\n" +
				"to your powershell profile.\n"},

		"help.usage.usage":      {tr: "Kullanım:", en: "Usage:"},
		"help.usage.aliases":    {tr: "Diğer adları:", en: "Aliases:"},
		"help.usage.examples":   {tr: "Örnekler:", en: "Examples:"},
		"help.usage.commands":   {tr: "Komutlar:", en: "Available Commands:"},
		"help.usage.additional": {tr: "Diğer komutlar:", en: "Additional Commands:"},
		"help.usage.global":     {tr: "Genel seçenekler:", en: "Global Flags:"},
		"help.usage.flags":      {tr: "Seçenekler:", en: "Flags:"},
		"help.usage.topics":     {tr: "Diğer yardım konuları:", en: "Additional help topics:"},
		"help.usage.command":    {tr: "[komut]", en: "[command]"},
		"help.usage.flags_word": {tr: "[seçenekler]", en: "[flags]"},
		"help.usage.default":    {tr: "varsayılan:", en: "default"},
		// What a command takes after its name, in its usage line
		// ("secrets set AD"); README.tr.md writes them so too.
		"help.arg.name": {tr: "AD", en: "NAME"},
		"help.arg.ids":  {tr: "NO...", en: "ID..."},
		"help.arg.reread_skipped": {tr: "--skipped [--job AD] [--channel KANAL] [--problem TÜR] [--dry-run]",
			en: "--skipped [--job NAME] [--channel CH] [--problem KIND] [--dry-run]"},
		"help.arg.recipient": {tr: "TELEFON|E-POSTA", en: "PHONE|EMAIL"},
		// What a flag takes, after its name ("--since süre"); the English
		// words are the library's own.
		"help.value.string":   {tr: "metin", en: "string"},
		"help.value.strings":  {tr: "metinler", en: "strings"},
		"help.value.int":      {tr: "sayı", en: "int"},
		"help.value.duration": {tr: "süre", en: "duration"},
		"help.value.file":     {tr: "dosya", en: "string"},
		"help.value.folder":   {tr: "klasör", en: "string"},
		"help.usage.more": {
			tr: "Bir komutun ayrıntıları için: \"{{.CommandPath}} [komut] --help\"",
			en: "Use \"{{.CommandPath}} [command] --help\" for more information about a command."},

		"help.demo": {
			tr: "Hattı gömülü bir örnek Wolvox veritabanında çalıştır; sunucu, ağ ya da yapılandırma gerekmez",
			en: "Run the pipeline on an embedded demo Wolvox database; needs no server, network or config"},
		"help.demo.dir": {
			tr: "örnek veritabanı ve giden kutusu için klasör (varsayılan: sonra silinen geçici bir klasör)",
			en: "folder for the demo database and outbox (default: a temporary folder, removed afterwards)"},
		"help.demo.keep":    {tr: "giden kutusunu incelemek için geçici klasörü silme", en: "keep the temporary folder to inspect the outbox"},
		"help.demo.verbose": {tr: "hizmetin günlüğünü göster", en: "show the daemon's logs"},

		"help.run": {
			tr: "Bağlayıcıyı Ctrl+C / SIGTERM gelene dek ön planda çalıştır (SIGHUP yapılandırmayı yeniden okur); hizmet de bunu çalıştırır",
			en: "Run the connector in the foreground until Ctrl+C / SIGTERM (SIGHUP reloads the config); the service runs this too"},
		"help.run.long": {
			tr: "Bağlayıcıyı Ctrl+C / SIGTERM gelene dek ön planda çalıştırır (SIGHUP yapılandırmayı yeniden okur); hizmet de bunu çalıştırır.\n\n" +
				"--once ile görevleri (hepsini ya da --job ile adı verilenleri) bir kez okur, zamanı gelenleri\n" +
				"gönderir ve ilerlemeyi göstererek çıkar: yeni bir görevi denemek ya da hizmet dururken geriye\n" +
				"dönük bir okumayı (backfill) bitirmek için kullanın. Günün belli bir saatinde gönderen görevler\n" +
				"(hatırlatmalar, ekstreler: mode: condition) hizmetin başlangıcındaki gibi yalnızca son başarılı\n" +
				"çalışmalarından beri bir zamanlarını kaçırdılarsa çalışır; hiç çalışmamış olan zamanını bekler.\n" +
				"Bekleyenler sonraki çalışma zamanlarıyla yazılır; birini hemen çalıştırmak için --job AD verin.",
			en: "Run the connector in the foreground until Ctrl+C / SIGTERM (SIGHUP reloads the config); the service runs this too.\n\n" +
				"With --once it polls the jobs once (all, or those named with --job), sends\n" +
				"what is due and exits, showing progress: use it to try a new job or to push a\n" +
				"backfill through while the service is stopped. A job that sends at a time of day\n" +
				"(reminders, statements: mode: condition) runs only when it missed a scheduled run\n" +
				"since its last success, as at the service's start; one that never ran waits for its\n" +
				"time. The jobs that wait are listed with their next run; --job NAME runs one now."},
		"help.run.once": {
			tr: "bir kez oku, zamanı gelenleri gönder ve çık (terminalde ilerleme çubuğuyla); saatli görevler (hatırlatma, ekstre) yalnızca bir zamanlarını kaçırdılarsa çalışır",
			en: "poll once, send what is due, and exit (with a progress bar on a terminal); time-of-day jobs (reminders, statements) run only when they missed a scheduled run"},
		"help.run.accept_outbox": {
			tr: "durum klasöründeki outbox.id dosyasının adlandırmadığı bir outbox ile başla (eksik, başka ya da eski bir kopya); görevler geriye dönük gönderimlerini yeniden göndermez",
			en: "start with an outbox the state folder's outbox.id does not name (missing, another, or an older copy); jobs do not send their backfill again"},
		"help.run.accept_backfill": {
			tr: "{flag} ile: görevler geriye dönük gönderimlerini kabul edilen outbox'a yapsın (mesajları ikinci kez gidebilir)",
			en: "with {flag}: let jobs send their backfill into the accepted outbox (their messages may go out a second time)"},
		"help.run.job": {
			tr: "--once ile: yalnızca bu görev, zamanlamasına bakılmadan hemen (birden çok için tekrarlayın)",
			en: "with --once: only this job, run now whatever its schedule (repeat for more)"},

		"help.check": {
			tr: "Yapılandırmayı doğrula (her sorun dosya:satır:sütun ile), örnek mesajları oluştur, her görevin sonraki çalışmada okuyacağı satırları say",
			en: "Validate the config (every problem with file:line:col), render samples, count the rows each job's next run would read"},
		"help.check.offline": {
			tr: "ERP veritabanlarına bağlanma (yalnızca söz dizimi, şablonlar ve sırlar)",
			en: "do not connect to the ERP databases (syntax, templates and secrets only)"},
		"help.check.providers": {
			tr: "her sağlayıcının kullanıcı bilgilerini de doğrula (mesaj gönderilmez; istekler audit listesine yazılır)",
			en: "also verify each provider's credentials (no message is sent; the requests are written to the audit)"},

		"help.secrets": {
			tr: "Parolaları ve belirteçleri bu makinede şifreli sakla (yapılandırma onları ${secret:AD} diye anar)",
			en: "Store passwords and tokens encrypted on this machine (config refers to them as ${secret:NAME})"},
		"help.secrets.state_dir": {
			tr: "kasa klasörü (varsayılan: yapılandırmadaki state_dir)",
			en: "vault folder (default: state_dir of the config)"},
		"help.secrets.set": {
			tr: "Bir sır sakla; değer gizli bir istemden ya da standart girdiden okunur, asla bir argümandan değil",
			en: "Store a secret; the value is read from a hidden prompt or from standard input, never from an argument"},
		"help.secrets.list": {
			tr: "Sırların adlarını ve ne zaman kaydedildiklerini listele (değerleri asla)",
			en: "List secret names and when they were set (never the values)"},
		"help.secrets.delete": {tr: "Bir sırrı sil", en: "Delete a secret"},

		"help.audit": {
			tr: "Bu makineden çıkan her isteği listele (hizmetinkiler, send-test, check --providers ve init): zaman, sunucu, kanal, maskeli alıcı, bayt, sonuç",
			en: "List every request that left this machine (the service's, send-test's, check --providers' and init's): time, host, channel, masked recipient, bytes, outcome"},
		"help.audit.since": {tr: "ne kadar geriye, ör. 24h, 7d", en: "how far back, e.g. 24h, 7d"},
		"help.forget": {
			tr: "Bir kişi hakkında bu makinede saklanan her şeyi sil; reddi anahtarlı bir özet olarak kalır",
			en: "Erase everything stored about a person on this machine; their refusal is kept as a keyed hash"},
		"help.forget.long": {
			tr: "Bir kişi hakkında bu makinede saklanan her şeyi siler: ona giden mesajları (her kanalda, bekleyenler\n" +
				"de), gönderim denemelerini ve denetim satırlarını, gönderim listesinden çıkma (opt-out) kaydını ve onu\n" +
				"anan başka her mesajın ya da hatanın metnini (bir webhook gövdesi, numarayı anan bir e-posta). Silinen\n" +
				"baytların üzerine giden kutusu dosyasında ve önden yazma günlüğünde (WAL) yazılır.\n\n" +
				"Numara her yazımla, tırnaklı ya da tırnaksız verilebilir (+90 533 234 56 78, 0533 234-5678, 5332345678,\n" +
				"...); e-posta adresi tek bir argümandır, büyük-küçük harf fark etmez. Birden çok numara reddedilir.\n" +
				"Yasanın istediği, okunabilir bir adres olmadan saklanır: ERP kişiyi yeniden andığında ona mesaj\n" +
				"gitmesini önleyen anahtarlı bir özet. `optout remove` bunu kaldırır.\n\n" +
				"--dry-run neyin silineceğini listeler, hiçbir şeyi değiştirmez.",
			en: "Erase everything stored about a person on this machine: messages to them (on every channel,\n" +
				"also those still waiting), their send attempts and audit rows, their opt-out entry, and the text of\n" +
				"any other message or error that names them (a webhook body, an e-mail quoting the number). The\n" +
				"deleted bytes are overwritten in the outbox file and its write-ahead log.\n\n" +
				"The number may be written in any spelling, quoted or not (+90 533 234 56 78, 0533 234-5678,\n" +
				"5332345678, ...); an e-mail address is one argument, in any case. Several numbers are refused.\n" +
				"What the law needs is kept without a readable address: a keyed hash that keeps the person from\n" +
				"being messaged again when the ERP names them. `optout remove` lifts it.\n\n" +
				"--dry-run lists what would go and changes nothing."},
		"help.forget.dry_run": {tr: "silinecekleri listele, hiçbir şeyi değiştirme", en: "list what would be erased, change nothing"},
		"help.optout": {
			tr: "Mesaj gönderilmeyecek kişilerin listesini yönet (her gönderimden önce bakılır)",
			en: "Manage the list of people who must not be messaged (checked before every send)"},
		"help.optout.add":      {tr: "Bu alıcıya bir daha asla mesaj gönderme", en: "Never message this recipient again"},
		"help.optout.add.note": {tr: "neden (ör. \"25.11.2026'da telefonla istedi\")", en: "why (e.g. \"asked by phone on 25.11.2026\")"},
		"help.optout.remove":   {tr: "Bu alıcıya yeniden mesaj gönderilmesine izin ver", en: "Allow messages to this recipient again"},
		"help.optout.list":     {tr: "Gönderim listesinden çıkanları göster", en: "Show the opt-out list"},
		"help.optout.reset": {
			tr: "Anahtar dosyası suppression.key kalıcı olarak kaybolduğunda, unutulan kişilerin retlerini kaldır",
			en: "Drop the refusals of forgotten people, when the key file suppression.key is lost for good"},
		"help.optout.reset.long": {
			tr: "Unutulan kişiler adreslerinin anahtarlı bir özetiyle reddedilir; anahtarı durum klasöründeki\n" +
				"suppression.key dosyasıdır. Bu dosya olmadan hiçbir özet denetlenemez, bu yüzden hiçbir şey\n" +
				"gönderilmez. Yapabiliyorsanız durum klasörünün bir yedeğinden geri yükleyin. Kalıcı olarak\n" +
				"kaybolduysa bu komut özetleri kaldırır: unutulan kişilere, ERP onları andığında yeniden mesaj\n" +
				"gidebilir (adreslerini biliyorsanız optout add ile ekleyin).",
			en: "Forgotten people are refused by a keyed hash of their address; its key is suppression.key in the\n" +
				"state folder. Without that file no hash can be checked, so nothing is sent at all. Restore it from a\n" +
				"backup of the state folder if you can. If it is lost for good, this drops the hashes: the people who\n" +
				"were forgotten can then be messaged again when the ERP names them (add them with optout add if you\n" +
				"know their addresses)."},
		"help.optout.reset.yes": {tr: "onayla", en: "confirm"},

		"help.render": {
			tr: "Bir görevin mesajlarını gerçek satırlar için oluştur; giden kutusuna yazmaz, hiçbir şey göndermez",
			en: "Render a job's messages for real rows, without writing the outbox or sending anything"},
		"help.render.long": {
			tr: "render bir görevin sorgusundan satırlar okur (en yeni --limit satır ya da anahtarı --key olan satır) ve\n" +
				"her kanalın mesajını, alıcısını (--show-recipients yoksa maskeli), SMS kodlamasını ve parça sayısını\n" +
				"yazar. ERP'yi salt okunur açar; ne giden kutusuna ne de bir sağlayıcıya dokunur.",
			en: "render reads rows of a job's query (the newest --limit rows, or the row whose key is --key) and prints\n" +
				"each channel's message, recipient (masked unless --show-recipients), SMS encoding and segment count.\n" +
				"It opens the ERP read-only and touches neither the outbox nor any provider."},
		"help.render.job":    {tr: "oluşturulacak görevin adı (gerekli)", en: "name of the job to render (required)"},
		"help.render.source": {tr: "okunacak kaynak (varsayılan: görevin ilk kaynağı)", en: "source to read (default: the job's first source)"},
		"help.render.key": {
			tr: "yalnızca bu anahtarlı satırı oluştur (ör. faturanın BLKODU'su)",
			en: "render only the row with this key (e.g. the invoice's BLKODU)"},
		"help.render.limit": {tr: "en yeni N satırı oluştur (1 ya da daha çok)", en: "render the newest N rows (1 or more)"},
		"help.render.show_recipients": {
			tr: "telefon numaralarını ve e-posta adreslerini tam yaz",
			en: "print phone numbers and e-mail addresses in full"},

		"help.status": {
			tr: "Görevleri, kuyruğu, kanalları ve son hataları göster (hizmet çalışırken de olur)",
			en: "Show jobs, the queue, channels and the last errors (works while the service runs)"},
		"help.status.long": {
			tr: "Durum sayfasının gösterdiğini tarayıcısız gösterir: her görevin son ve sonraki çalışması, kanal\n" +
				"başına kuyruk, bugünün mesajları, son hatalar ve nedenleri, bir kanalın durdurulup durdurulmadığı.\n" +
				"Görev ve mesaj bilgileri giden kutusu dosyasından, durdurma durumları çalışan hizmetin /readyz\n" +
				"adresinden gelir.",
			en: "Show what the status page shows, without a browser: each job's last and next run,\n" +
				"the queue per channel, today's messages, the last failures with their reasons,\n" +
				"and whether a channel is paused. Job and message facts come from the outbox\n" +
				"file; pause states come from the running service's /readyz."},
		"help.status.json": {tr: "JSON yaz (sayfanın /api/status adresiyle aynı)", en: "print JSON (the same as the page's /api/status)"},
		"help.status.open": {
			tr: "Durum sayfasını tarayıcıda aç (Başlat menüsündeki kısayol bunu çalıştırır)",
			en: "Open the status page in the browser (the Start-menu entry runs this)"},
		"help.status.open.no_browser": {tr: "yalnızca adresi yaz", en: "only print the address"},

		// The state in the example of messages list, as README.tr.md
		// writes it: the list takes either language's name.
		"help.messages.list.example_status": {tr: "başarısız", en: "failed"},
		"help.messages": {
			tr: "Giden kutusundaki mesajları listele, yeniden dene, Wolvox'tan yeniden oku ya da iptal et (hizmet çalışırken de olur)",
			en: "List, retry, re-read from Wolvox or cancel messages in the outbox (works while the service runs)"},
		"help.messages.list": {
			tr: "Mesajları en yeniden başlayarak, alıcılar maskeli listele",
			en: "List messages, newest first, recipients masked"},
		"help.messages.list.status": {
			tr: "yalnızca bu durumdaki mesajlar: {names} (İngilizce adları da olur, ör. failed)",
			en: "only messages in this state: {names} (the Turkish names work too, e.g. başarısız)"},
		"help.messages.channel": {tr: "yalnızca bu kanal", en: "only this channel"},
		"help.messages.job":     {tr: "yalnızca bu görev", en: "only this job"},
		"help.messages.list.since": {
			tr: "yalnızca bu sürede oluşturulan mesajlar, ör. 24h, 7d (varsayılan: hepsi)",
			en: "only messages created in this period, e.g. 24h, 7d (default: all)"},
		"help.messages.list.limit": {tr: "en çok bu kadar satır (1 ya da daha çok)", en: "at most this many rows (1 or more)"},
		"help.messages.retry": {
			tr: "Başarısız (ya da operatör bekleyen) mesajları yeniden kuyruğa al",
			en: "Queue failed (or operator-held) messages again"},
		"help.messages.retry.long": {
			tr: "Başarısız ya da bekletilen mesajları yeniden kuyruğa alır. Çalışan hizmet onları kuyruğa bir\n" +
				"sonraki bakışında (15 saniye içinde) gönderir. Bekletilen bir mesaj müşteriye zaten ulaşmış\n" +
				"olabilir: yalnızca ulaşmadığını bildiğinizde yeniden deneyin.",
			en: "Queue failed or held messages again. The running service sends them at its next\n" +
				"look at the queue (within 15 seconds). A held message may already have reached\n" +
				"the customer: retry it only when you know it did not."},
		"help.messages.retry.all": {
			tr: "her başarısız mesajı yeniden dene (--since ve --channel ile daraltın)",
			en: "retry every failed message (narrow with --since and --channel)"},
		"help.messages.retry.since": {
			tr: "--all-failed ile: yalnızca bu sürede oluşturulan mesajlar (varsayılan: hepsi)",
			en: "with --all-failed: only messages created in this period (default: all)"},
		"help.messages.retry.channel": {tr: "--all-failed ile: yalnızca bu kanal", en: "with --all-failed: only this channel"},
		"help.messages.reread": {
			tr: "Atlanan ya da başarısız mesajların kaydını Wolvox'tan yeniden okuyup bugünkü bilgilerle kuyruğa al",
			en: "Read skipped or failed messages' records again from Wolvox and queue them with today's details"},
		"help.messages.reread.long": {
			tr: "Bir müşterinin cep telefonu ya da adresi Wolvox'ta eklendi ya da düzeltildiyse, o yüzden atlanan ya da\n" +
				"başarısız olan mesajın tek kaydını görevin kendi sorgusuyla yeniden okur ve mesajı görevin bugün\n" +
				"yapacağı gibi yeni numaraya ya da adrese kuyruğa alır (çalışan hizmet 15 saniye içinde gönderir).\n" +
				"Kayıt hâlâ mesajlanamıyorsa mesaj bugünkü nedeniyle atlanmış kalır. Silinmiş, iptal edilmiş ya da\n" +
				"göreve artık uymayan kayıtlarda, mesaj istemeyen müşteride ve müşteriye yedek kanalın zaten\n" +
				"söylediği olayda reddedilir. retry ise mesajı kaydedildiği gibi aynı adrese yeniden gönderir.\n\n" +
				"--skipped, Wolvox'taki bir düzeltmeyle giderilebilecek her atlanan ve başarısız mesajı okur (mesaj\n" +
				"istemeyen müşterininkini asla); --job, --channel ve --problem daraltır, --dry-run yalnızca listeler.\n" +
				"Sonunda kaç mesajın kuyruğa alındığını, kaçının hangi nedenle atlanmış kaldığını ve kaçının neden\n" +
				"okunmadığını söyler; biri okunmadıysa komut başarısız çıkar.",
			en: "When a customer's mobile number or address was added or corrected in Wolvox, reads the one record\n" +
				"of a message skipped or failed for it again with the job's own query, and queues the message as\n" +
				"the job would make it today, to the new number or address (the running service sends it within\n" +
				"15 seconds). If the record still cannot be messaged, the message stays skipped with today's\n" +
				"reason. Refused for a record deleted, cancelled or no longer matching the job, a customer who\n" +
				"refused messages, and an event its fallback channel already told. retry sends the message as stored.\n\n" +
				"--skipped reads every skipped and failed message a correction in Wolvox can mend (never one of a\n" +
				"customer who refused messages); --job, --channel and --problem narrow it, --dry-run only lists.\n" +
				"It ends with how many were queued, how many stay skipped and why, and how many were not read and\n" +
				"why; if any was not read, the command fails."},
		"help.messages.cancel": {
			tr: "Bekleyen (ya da operatör bekleyen) mesajları hiç gönderilmemek üzere iptal et",
			en: "Cancel pending (or operator-held) messages so they are never sent"},

		"help.admin": {
			tr: "Durum sayfasına erişim: yönetici parolası ve salt okunur API belirteçleri",
			en: "Status page access: the admin password and read-only API tokens"},
		"help.admin.set_password": {
			tr: "Durum sayfasının yönetici parolasını belirle (ekrana yazılmadan sorulur ya da standart girdiden okunur)",
			en: "Set the status page's admin password (asked without echo, or read from standard input)"},
		"help.admin.token": {
			tr: "İzleme için salt okunur API belirteçleri (/api/status ve bu makine dışından /metrics)",
			en: "Read-only API tokens for monitoring (/api/status, and /metrics beyond loopback)"},
		"help.admin.token.list":   {tr: "Belirteç adlarını listele (belirteçlerin kendisini asla)", en: "List token names (never the tokens)"},
		"help.admin.token.create": {tr: "Bir belirteç oluştur; yalnızca bir kez gösterilir", en: "Create a token; it is shown once"},
		"help.admin.token.revoke": {tr: "Bir belirteci sil", en: "Delete a token"},

		"help.send_test": {
			tr: "Tanımlı bir kanaldan gerçek bir deneme mesajı gönder ve sağlayıcının yanıtını yaz",
			en: "Send one real test message through a configured channel and print the provider's answer"},
		"help.send_test.long": {
			tr: "send-test kanalın tanımlı sağlayıcısından TEK bir gerçek mesaj gönderir ve sağlayıcının\n" +
				"yanıtını olduğu gibi yazar. Mesajı giden kutusuna eklemez (durum sayfasında görünmez); göndermeden\n" +
				"önce alıcının retlerine (ret listesi, forget, İYS) bakar, isteği denetim kaydına (audit) yazar.\n\n" +
				"  akinsoft-connector send-test --config DOSYA --channel sms --to 05321234567\n" +
				"  akinsoft-connector send-test --channel whatsapp --to 05321234567 --template hello_world --language en_US\n" +
				"  akinsoft-connector send-test --check        (göndermeden her sağlayıcının kullanıcı bilgilerini doğrular)",
			en: "send-test sends ONE real message through the channel's configured provider and prints\n" +
				"exactly what the provider answered. It adds no message to the outbox (the status page does not\n" +
				"show it); it checks the recipient's refusals first (opt-outs, forget, İYS) and writes its request\n" +
				"to the audit.\n\n" +
				"  akinsoft-connector send-test --config FILE --channel sms --to 05321234567\n" +
				"  akinsoft-connector send-test --channel whatsapp --to 05321234567 --template hello_world --language en_US\n" +
				"  akinsoft-connector send-test --check        (verify every provider's credentials without sending)"},
		"help.send_test.channel": {
			tr: "denenecek kanal: sms, whatsapp, email ya da webhook",
			en: "channel to test: sms, whatsapp, email or webhook"},
		"help.send_test.to": {
			tr: "alıcı: bir cep telefonu numarası (0532…, +90532…) ya da bir e-posta adresi",
			en: "recipient: a mobile number (0532…, +90532…) or an e-mail address"},
		"help.send_test.text":    {tr: "mesaj metni (sms, email, webhook)", en: "message text (sms, email, webhook)"},
		"help.send_test.subject": {tr: "e-posta konusu", en: "e-mail subject"},
		"help.send_test.template": {
			tr: "WhatsApp: parametresiz, onaylı bir şablon",
			en: "WhatsApp: an approved template without parameters"},
		"help.send_test.language": {tr: "WhatsApp: şablonun dil kodu", en: "WhatsApp: the template's language code"},
		"help.send_test.check": {
			tr: "göndermeden kullanıcı bilgilerini doğrula (bakiye, gönderici adları, giriş)",
			en: "verify credentials (balance, sender names, login) without sending"},

		"help.service": {
			tr: "İşletim sistemi hizmetini kur ve yönet (Windows hizmeti, systemd birimi); yönetici/root ister",
			en: "Install and control the OS service (Windows service, systemd unit); needs admin/root"},
		"help.service.long": {
			tr: "install, hizmeti \"run --config <--config'in tam yolu>\" çalıştıracak biçimde kaydeder.\n" +
				"Windows: --user verilmezse LocalSystem (yalın bir ad .\\ad olur; parolası AKINSOFT_SERVICE_PASSWORD\n" +
				"ortam değişkeninden okunur), otomatik (gecikmeli) başlatma, bir hatadan 5 sn sonra yeniden başlatma,\n" +
				"\"akinsoft-connector\" Olay Günlüğü kaynağı. Linux: akinsoft-connector kullanıcısıyla (yoksa oluşturulur)\n" +
				"çalışan, sıkılaştırılmış bir systemd birimi; etkinleştirilir ama başlatılmaz.",
			en: "install registers the service to run \"run --config <absolute path of --config>\".\n" +
				"Windows: LocalSystem unless --user (a bare name becomes .\\name; its password is read\n" +
				"from AKINSOFT_SERVICE_PASSWORD), automatic (delayed) start, restart 5 s after a failure,\n" +
				"Event Log source \"akinsoft-connector\". Linux: a hardened systemd unit running as the\n" +
				"akinsoft-connector user (created when missing), enabled but not started."},
		"help.service.user": {
			tr: "hizmetin çalışacağı hesap (Windows: boş = LocalSystem, ya da .\\ad / ETKİ_ALANI\\ad; Linux: boş = akinsoft-connector)",
			en: "account to run as (Windows: empty = LocalSystem, or .\\name / DOMAIN\\name; Linux: empty = akinsoft-connector)"},

		"help.config": {tr: "Yapılandırma dosyası araçları", en: "Tools for the config file"},
		"help.config.schema": {
			tr: "Yapılandırma dosyasının JSON Şemasını yaz; YAML'ı tamamlayan ve denetleyen düzenleyiciler için",
			en: "Print the config file's JSON Schema, for editors that complete and check YAML"},
		"help.config.schema.long": {
			tr: "schema yapılandırma dosyasının JSON Şemasını yazar. Paketler onu config.example.yaml'ın yanına\n" +
				"config.schema.json olarak kurar; config.example.yaml'ın ilk satırı\n" +
				"  # yaml-language-server: $schema=config.schema.json\n" +
				"VS Code (YAML eklentisi), IntelliJ ve Neovim'in anahtarları ve değerleri tamamlamasını ve yazarken\n" +
				"hataları işaretlemesini sağlar. Tam deneme yine check'tir: şema biçimi ve kalıpları bilir, görevlerinizin\n" +
				"hangi kanalları ve sütunları kullandığını bilmez.",
			en: "schema prints the JSON Schema of the config file. The packages install it as\n" +
				"config.schema.json beside config.example.yaml, whose first line\n" +
				"  # yaml-language-server: $schema=config.schema.json\n" +
				"makes VS Code (YAML extension), IntelliJ and Neovim complete keys and values and\n" +
				"mark mistakes as you type. check is still the full test: the schema knows the\n" +
				"shape and the formats, not which channels and columns your jobs use."},
		"help.gen_man": {tr: "Kılavuz (man) sayfalarını DIR içine yaz", en: "Write the man pages into DIR"},
	})
}
