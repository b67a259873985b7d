package catalog

// Problems of the statement and daily-summary settings
// (connector/config/shops.go).
func init() {
	add(map[Key]entry{
		"config.shops.period": {
			tr: "period month, quarter, half_year ya da year olmalı, {value} değil{suggest}",
			en: "period must be month, quarter, half_year or year, not {value}{suggest}"},
		"config.hint.shops.period": {
			tr: "ekstre, görevin çalıştığı aydan önceki tam ayları kapsar: görevi ayın 1'inde çalıştırın",
			en: "the statement covers the whole months before the month the job runs in: schedule it on the 1st"},
		"config.shops.statement_preset": {
			tr: "statement yalnızca bir ekstre preseti içindir",
			en: "statement is only for a statement preset"},
		"config.hint.shops.statement_preset": {
			tr: "preset: account_statements ya da account_reconciliation kullanın",
			en: "use preset: account_statements or account_reconciliation"},
		"config.shops.reply_word": {
			tr: "yanıt sözcüğü {word} tek bir sözcük değil",
			en: "reply word {word} is not one word"},
		"config.hint.shops.reply_word": {
			tr: "müşterinin yazabileceği tek bir sözcük, örneğin EVET",
			en: "one word the customer can type, e.g. EVET"},
		"config.shops.reply_word_both": {
			tr: "yanıt sözcüğü {word} hem confirm hem dispute listesinde",
			en: "reply word {word} is in confirm and in dispute"},
		"config.hint.shops.reply_word_both": {
			tr: "bir sözcük hem onaylayıp hem itiraz edemez",
			en: "a word cannot both confirm and dispute"},
		"config.shops.summary_channel": {
			tr: "channel email, sms ya da whatsapp olmalı, {value} değil{suggest}",
			en: "channel must be email, sms or whatsapp, not {value}{suggest}"},
		"config.shops.summary_quiet": {
			tr: "günlük özet {at:loc} {channel} ile gidemez: {start}-{end} sessiz saatleri içinde; sabaha kalır",
			en: "the daily summary cannot go at {at} by {channel}: that is inside the quiet hours {start}-{end}; it would wait for the morning"},
		"config.hint.shops.summary_quiet": {
			tr: "at için {start:abl} önce bir saat seçin, ya da özeti e-postayla gönderin (channel: email)",
			en: "pick a time before {start} for at, or send the summary by e-mail (channel: email)"},
		"config.shops.summary_channel_missing": {
			tr: "{channel} kanalı ayarlanmamış",
			en: "channel {channel} is not configured"},
		"config.hint.shops.summary_channel_missing": {
			tr: "onu channels altında ayarlayın ya da başka birini seçin",
			en: "configure it under channels, or choose another"},
		"config.hint.shops.summary_to": {
			tr: "mağaza sahibinin e-posta adresi ya da cep telefonu numarası",
			en: "the shop owner's e-mail address or mobile number"},
		"config.shops.low_credit":      {tr: "low_credit eksi olamaz", en: "low_credit must not be negative"},
		"config.hint.shops.low_credit": {tr: "0 uyarıyı kapatır", en: "0 turns the alert off"},
		"config.shops.low_credit_number": {
			tr: "low_credit sınırı bir sayı olmalı, {value} değil",
			en: "a low_credit line must be a number, not {value}"},
		"config.hint.shops.low_credit_number": {
			tr: "tek sayı her bakiye için aynı sınırdır (low_credit: 100); birim başına sınır: low_credit: {TL: 50, packages: 200} (NetGSM), {sms: 500} (Mutlucell)",
			en: "one number is the same line for every balance (low_credit: 100); a line per unit: low_credit: {TL: 50, packages: 200} (NetGSM), {sms: 500} (Mutlucell)"},
		"config.shops.low_credit_not_reported": {
			tr: "{provider} bakiyeyi {unit} olarak bildirmez ({units} bildirir): bu sınır hiç karşılaştırılmaz ve uyarı gelmez",
			en: "{provider} reports no balance in {unit} (it reports {units}): this line would never be compared, and no alert would come"},
		"config.hint.shops.low_credit_not_reported": {
			tr: "sınırı şu birimlerden biri için yazın: {units}; ya da tek sayı verin (low_credit: 100)",
			en: "give the line for one of {units}; or give one number (low_credit: 100)"},
		"config.shops.low_credit_empty": {
			tr: "low_credit boş: hiçbir birim için sınır yok (uyarıyı kapatmak için 0 yazın)",
			en: "low_credit is empty: it gives no unit a line (write 0 to turn the alert off)"},
		"config.shops.low_credit_unit": {
			tr: "low_credit birimi TL, sms ya da packages olmalı, {unit} değil{suggest}",
			en: "a low_credit unit must be TL, sms or packages, not {unit}{suggest}"},
		"config.hint.shops.low_credit_unit": {
			tr: "TL: NetGSM'in TL bakiyesi; sms: SMS kredisi (Mutlucell); packages: NetGSM'in kendi adıyla bildirdiği paketler (\"Sms Hizmeti - Giden\")",
			en: "TL: NetGSM's TL credit; sms: SMS credits (Mutlucell); packages: the packages NetGSM names itself (\"Sms Hizmeti - Giden\")"},
	})
}
