package catalog

// What the connector did with a message (dispatch, outbox, presets).
func init() {
	add(map[Key]entry{
		"dispatch.daily_cap":         {tr: "bu alıcı için günlük {limit} mesaj sınırına ulaşıldı; yarın gönderilecek", en: "daily limit of {limit} messages for this recipient reached; waiting until tomorrow"},
		"dispatch.gave_up":           {tr: "{attempts} denemeden sonra vazgeçildi: {parts}", en: "gave up after {attempts} attempts: {parts}"},
		"dispatch.no_report_api":     {tr: "sağlayıcının bunu bulabilecek bir raporu yok", en: "the provider has no report that can find it"},
		"dispatch.not_delivered":     {tr: "iletilemedi: {parts}", en: "not delivered: {parts}"},
		"dispatch.opted_out":         {tr: "alıcı gönderim listesinden çıkmış (opt-out)", en: "the recipient is on the opt-out list"},
		"dispatch.optout_unreadable": {tr: "bekliyor: gönderim listesinden çıkanlar (opt-out) okunamadı", en: "waiting: the opt-out list could not be read"},
		"dispatch.proven_absent":     {tr: "sağlayıcının raporu bu gönderimi hiç almadığını gösteriyor ({parts}); yeniden gönderiliyor", en: "the provider's report proves it never took this send ({parts}); sending it again"},
		"dispatch.report_accepted":   {tr: "sağlayıcının raporuna göre kabul edildi: {parts}", en: "the provider's report shows it was accepted: {parts}"},
		"dispatch.report_silent":     {tr: "sağlayıcının raporu bu gönderimi alıp almadığını söylemedi", en: "the provider's report did not say whether it took this send"},
		"dispatch.uncertain_held":    {tr: "gönderim belirsiz: {parts}; ulaşıp ulaşmadığını sağlayıcıdan kontrol edin, sonra tekrar deneyin veya iptal edin", en: "uncertain: {parts}; check with the provider whether it arrived, then retry or cancel it"},
		"dispatch.uncertain_resend":  {tr: "gönderim belirsiz: {parts}; yeniden gönderiliyor (uncertain_sends: resend)", en: "uncertain: {parts}; sending again (uncertain_sends: resend)"},
		"outbox.forget_cancelled":    {tr: "forget ile iptal edildi: metin, kayıtlarının silinmesini isteyen bir kişiyi içeriyordu", en: "cancelled by forget: the text named a person who asked to be forgotten"},
		"outbox.forget_unchecked": {
			tr: "temizlenmiş mesajlar ve önceki forget kayıtları denetlenemedi",
			en: "purged messages and earlier forgets could not be checked"},
		"outbox.forget_kept_key": {
			tr: "{id} numaralı mesaj ({job} görevi, {channel}): tekilleştirme ya da kayıt anahtarı bu kişiyi anıyor; korundu, yoksa ERP satırına yeniden mesaj gider",
			en: "message {id} (job {job}, {channel}): its dedupe or record key names the person; kept, or the ERP row would be messaged again"},
		"outbox.forget_kept_cursor": {
			tr: "{job} görevinin imleci: konumu bu kişiyi anıyor; korundu, yoksa görev kaldığı yeri kaybeder",
			en: "cursor of job {job}: its position names the person; kept, or the job would lose its place"},
		"outbox.forget_erased":            {tr: "metin forget ile silindi: kayıtlarının silinmesini isteyen bir kişiyi içeriyordu", en: "the text was erased by forget: it named a person who asked to be forgotten"},
		"outbox.forgotten":                {tr: "alıcı kayıtlarının silinmesini istedi; yeniden göndermek için: akinsoft-connector optout remove ADRES", en: "the recipient asked to be forgotten; `akinsoft-connector optout remove ADDRESS` allows messages again"},
		"outbox.interrupted":              {tr: "gönderim sırasında program durdu; yeniden göndermeden önce sağlayıcıyla kontrol ediliyor", en: "the connector stopped during the send; checking with the provider before any resend"},
		"outbox.not_needed":               {tr: "gerek kalmadı: önceki kanaldan gönderildi", en: "not needed: an earlier channel succeeded"},
		"preset.invoice_customer_missing": {tr: "faturanın carisi (BLCRKODU={key}) CARI tablosunda yok", en: "the invoice's customer (BLCRKODU={key}) does not exist in CARI"},
		"preset.payment_customer_missing": {tr: "tahsilatın carisi (BLCRKODU={key}) CARI tablosunda yok", en: "the payment's customer (BLCRKODU={key}) does not exist in CARI"},
	})
}
