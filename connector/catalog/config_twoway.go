package catalog

// Problems of the two-way settings: replies, the WhatsApp status webhook,
// İYS and commercial messages (connector/config/validate_twoway.go).
func init() {
	add(map[Key]entry{
		"config.twoway.refusal_word": {
			tr: "ret sözcüğü {word} tek bir sözcük değil",
			en: "refusal word {word} is not one word"},
		"config.hint.twoway.refusal_word": {tr: "her biri tek sözcük olsun, örneğin IPTAL", en: "one word each, e.g. IPTAL"},
		"config.twoway.overlap": {
			tr: "overlap {overlap}, every {every} süresinden kısa",
			en: "overlap {overlap} is shorter than every {every}"},
		"config.hint.twoway.overlap": {
			tr: "en az iki okuma arasındaki süre kadar geriye dönük sorun",
			en: "ask again for at least as long as between two reads"},
		"config.twoway.confirm_text": {tr: "confirm_text boş", en: "confirm_text is empty"},
		"config.twoway.confirm_stops": {
			tr: "onay mesajı gönderilemez: stop_informational ile ret onu da durdurur",
			en: "a confirmation cannot be sent: with stop_informational the refusal stops it too"},
		"config.hint.twoway.confirm_stops": {
			tr: "confirm ya da stop_informational ayarlarından birini kaldırın",
			en: "drop confirm, or stop_informational"},
		"config.twoway.not_delivered": {
			tr: "not_delivered_within {channel} kanalında çalışamaz: bu kanal mesajın teslim edildiğini hiç öğrenmez, süre dolunca her mesaj yedek kanaldan da giderdi",
			en: "not_delivered_within cannot work on {channel}: it never learns that a message was delivered, so every message would also go by the fallback once the time has passed"},
		"config.hint.twoway.not_delivered": {
			tr: "not_delivered_within ayarını kaldırın: reddedilen ya da başarısız olan mesaj yine yedek kanala geçer",
			en: "remove not_delivered_within: a refused or failed message still falls back"},
		"config.hint.twoway.not_delivered_whatsapp": {
			tr: "WhatsApp teslimi yalnızca bir durum webhook'una bildirir: whatsapp_webhook kurun (adım adım: {guide_tr}, \"WhatsApp durumları\"; İngilizcesi: {guide_en}) ya da not_delivered_within ayarını kaldırın (reddedilen ya da başarısız olan mesaj yine yedek kanala geçer)",
			en: "WhatsApp reports delivery only to a status webhook: set up whatsapp_webhook ({guide_en}, \"Replies, refusals, WhatsApp statuses and İYS\"; step by step in Turkish: {guide_tr}), or remove not_delivered_within (a refused or failed message still falls back)"},
		"config.twoway.webhook_channel": {
			tr: "whatsapp_webhook için WhatsApp Cloud API kanalı gerekir",
			en: "whatsapp_webhook needs the WhatsApp Cloud API channel"},
		"config.hint.twoway.webhook_channel": {
			tr: "channels.whatsapp kanalını whatsapp_cloud sağlayıcısıyla ayarlayın ya da whatsapp_webhook bölümünü kaldırın",
			en: "configure channels.whatsapp with provider whatsapp_cloud, or remove whatsapp_webhook"},
		"config.hint.twoway.verify_token": {
			tr: "uzun, rastgele bir metin uydurun, `akinsoft-connector secrets set wa_verify_token` ile saklayın ve Meta'nın webhook ayarına aynısını yazın",
			en: "make up a long random text, store it with `akinsoft-connector secrets set wa_verify_token`, and type the same in Meta's webhook setup"},
		"config.twoway.app_secret": {
			tr: "app_secret gerekli: o olmadan hiçbir duruma güvenilemez",
			en: "app_secret is required: without it no status could be trusted"},
		"config.hint.twoway.app_secret": {
			tr: "Meta'nın uygulama panelindeki (App settings > Basic) uygulama gizli anahtarı; `akinsoft-connector secrets set wa_app_secret` ile saklayın",
			en: "the app secret from Meta's App Dashboard (App settings > Basic), stored with `akinsoft-connector secrets set wa_app_secret`"},
		"config.twoway.path":          {tr: "path {path} bir URL yolu değil", en: "path {path} is not a URL path"},
		"config.hint.twoway.path":     {tr: "örneğin /whatsapp", en: "e.g. /whatsapp"},
		"config.twoway.max_body":      {tr: "max_body_kb 1 ile 10240 arasında olmalı", en: "max_body_kb must be between 1 and 10240"},
		"config.hint.twoway.max_body": {tr: "Meta'nın webhook'ları birkaç KB'dir; 1024 fazlasıyla yeter", en: "Meta's webhooks are a few KB; 1024 is plenty"},
		"config.twoway.tls_pair":      {tr: "tls_cert ve tls_key birlikte verilir", en: "tls_cert and tls_key go together"},
		"config.hint.twoway.tls_pair": {tr: "tls_cert ile tls_key'in ikisini de verin ya da hiçbirini vermeyin", en: "give both tls_cert and tls_key, or neither"},
		"config.twoway.listen_remote": {
			tr: "whatsapp_webhook.listen {listen} adresine başka bilgisayarlardan TLS olmadan ulaşılabilir",
			en: "whatsapp_webhook.listen {listen} is reachable from other computers without TLS"},
		"config.hint.twoway.listen_remote": {
			tr: "ters vekil ya da tünelin arkasında 127.0.0.1 üzerinde dinleyin, ya da tls_cert ve tls_key verin, ya da başka makinedeki bir vekil için allow_remote: true yazın",
			en: "listen on 127.0.0.1 behind the reverse proxy or tunnel, or set tls_cert and tls_key, or allow_remote: true for a proxy on another machine"},
		"config.twoway.listen_status": {
			tr: "whatsapp_webhook.listen durum sayfasının adresiyle aynı",
			en: "whatsapp_webhook.listen is the status page's address"},
		"config.hint.twoway.listen_status": {
			tr: "alıcının kendi dinleyicisi vardır: ona başka bir port verin, örneğin 127.0.0.1:8751",
			en: "the receiver has its own listener: give it another port, e.g. 127.0.0.1:8751"},
		"config.twoway.brand_code": {tr: "brand_code {value} geçerli değil", en: "brand_code {value} is not valid"},
		"config.hint.twoway.brand_code": {
			tr: "İYS ya da NetGSM panelindeki İYS marka kodu, yalnızca rakamlar",
			en: "the İYS brand code (marka kodu) from the İYS or NetGSM panel, digits only"},
		"config.hint.twoway.iys_usercode": {
			tr: "İYS NetGSM üzerinden okunur: NetGSM hesabının usercode ve parolasını buraya yazın ya da SMS için NetGSM kullanın",
			en: "İYS is read through NetGSM: give the NetGSM account's usercode and password here, or use NetGSM for SMS"},
		"config.twoway.iys_password": {tr: "usercode ile password gerekli", en: "password is required with usercode"},
		"config.hint.twoway.iys_password": {
			tr: "${secret:AD} yazın ve `akinsoft-connector secrets set AD` ile saklayın",
			en: "write ${secret:NAME} and store it with `akinsoft-connector secrets set NAME`"},
		"config.hint.twoway.merchant_column": {
			tr: "görevlerin satırlarındaki bir sütun, örneğin TICARI_UNVANI",
			en: "a column of the jobs' rows, e.g. TICARI_UNVANI"},
		"config.twoway.iys_refresh":      {tr: "refresh {value} çok kısa", en: "refresh {value} is too short"},
		"config.hint.twoway.iys_refresh": {tr: "İYS yanıtları seyrek değişir; varsayılan 24h", en: "İYS answers change rarely; 24h is the default"},
		"config.twoway.no_sender_identity": {
			tr: "ticari bir mesaj kimin gönderdiğini söylemeli: commercial.sender_identity ayarlı değil",
			en: "a commercial message must say who sends it: commercial.sender_identity is not set"},
		"config.hint.twoway.no_sender_identity": {
			tr: "ticari unvanı (ya da MERSİS numarasını) commercial.sender_identity altına yazın ve görevin metinlerine koyun",
			en: "write the trade name (or MERSİS number) under commercial.sender_identity and put it in the job's texts"},
		"config.twoway.merchant_not_in_preset": {
			tr: "iys.merchant_column {column} presetin sonucunda yok{suggest}",
			en: "iys.merchant_column {column} is not in the preset's result{suggest}"},
		"config.twoway.refusal_unread": {
			tr: "bu ticari SMS alıcıya {word} yazıp yanıtlamasını söylüyor, ama SMS yanıtları okunmuyor: her ret kaybolur",
			en: "this commercial SMS tells the recipient to reply {word}, but SMS replies are not read: every refusal would be lost"},
		"config.hint.twoway.refusal_unread_mutlucell": {
			tr: "channels.sms.mutlucell.inbox_number'a hesabın mesaj alan numarasını (abone no) yazın; retler başka bir numaraya (İYS'ninkine) gidiyorsa bunu commercial.refusal_instruction ile yazın",
			en: "set channels.sms.mutlucell.inbox_number to the account's receiving number; if refusals go to another number (İYS's), say how with commercial.refusal_instruction"},
		"config.hint.twoway.refusal_unread_disabled": {
			tr: "retlerin okunması için replies.disabled: true satırını kaldırın; retler başka bir numaraya (İYS'ninkine) gidiyorsa bunu commercial.refusal_instruction ile yazın",
			en: "remove replies.disabled: true so refusals are read; if refusals go to another number (İYS's), say how with commercial.refusal_instruction"},
		"config.hint.twoway.refusal_unread_provider": {
			tr: "{provider} sağlayıcısının gelen kutusu okunamıyor; retler başka bir numaraya (İYS'ninkine) gidiyorsa bunu commercial.refusal_instruction ile yazın",
			en: "the inbox of provider {provider} cannot be read; if refusals go to another number (İYS's), say how with commercial.refusal_instruction"},
		"config.twoway.no_refusal": {
			tr: "ticari bir mesaj ücretsiz olarak nasıl reddedileceğini söylemeli",
			en: "a commercial message must say how to refuse it, free of charge"},
		"config.hint.twoway.no_refusal": {
			tr: "nasıl reddedileceğini ekleyin, örneğin \"RET yazıp 0850 123 45 67'ye gönderin\" (şunlardan biri: {markers})",
			en: "add how to refuse, e.g. \"RET yazıp 0850 123 45 67'ye gönderin\" (any of: {markers})"},
		"config.twoway.no_sender": {tr: "ticari bir mesaj kimin gönderdiğini söylemeli", en: "a commercial message must say who sends it"},
		"config.hint.twoway.no_sender": {
			tr: "commercial.sender_identity değerlerinden birini ekleyin: {names}",
			en: "add one of commercial.sender_identity: {names}"},
	})
}
