package catalog

// Why a record produced no message on a channel (mapping's reasons).
func init() {
	add(map[Key]entry{
		"skip.no_recipient":        {tr: "alıcı yok: {fields} boş", en: "no recipient: {fields} empty"},
		"skip.no_usable_recipient": {tr: "kullanılabilir alıcı yok: {parts}", en: "no usable recipient: {parts}"},
		"skip.recipient_field":     {tr: "{field}: {parts}", en: "{field}: {parts}"},
		"skip.empty_message":       {tr: "şablon boş bir mesaj üretti", en: "the template rendered an empty message"},
		"skip.template_failed":     {tr: "şablon çalışmadı", en: "template failed"},
		"skip.template_no_column": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: kayıtta \"{column}\" sütunu yok",
			en: "template failed: {template} line {line} char {col}: the record has no column \"{column}\""},
		// A helper given a NULL: the row lacks an optional column's value
		// (an invoice without a due date).
		"skip.template_null": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: bu satırda {column} boş (NULL) ve {func} boş değeri yazamaz; {with} ile sarın ya da default ile bir değer verin",
			en: "template failed: {template} line {line} char {col}: {column} is empty (NULL) in this row and {func} cannot write an empty value; wrap it with {with} or give it a value with default"},
		"skip.template_null_value": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: {func} boş (NULL) bir değer aldı; alanı {with} ile sarın ya da default ile bir değer verin",
			en: "template failed: {template} line {line} char {col}: {func} got an empty (NULL) value; wrap the field with {with} or give it a value with default"},
		// A helper given a value of another kind: a text column holding
		// "12,5 TL" to money, an amount to date. {parts} is the value's
		// kind (valuekind.*), never the value: it may be a customer's.
		"skip.template_not_number": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: bu satırda {column} sayı değil, {parts}; {func} yalnızca sayı yazar: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin, veya başka bir alan kullanın",
			en: "template failed: {template} line {line} char {col}: {column} is not a number in this row but {parts}; {func} writes only numbers: select a numeric column in the sql or CAST it to a number, or use another field"},
		"skip.template_not_number_value": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: {func} sayı olmayan bir değer aldı ({parts}): sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin, veya başka bir alan kullanın",
			en: "template failed: {template} line {line} char {col}: {func} got a value that is not a number ({parts}): select a numeric column in the sql or CAST it to a number, or use another field"},
		"skip.template_not_date": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: bu satırda {column} tarih değil, {parts}; {func} yalnızca tarih yazar: sql'de tarih tutan sütunu seçin ya da CAST ile tarihe çevirin, veya başka bir alan kullanın",
			en: "template failed: {template} line {line} char {col}: {column} is not a date in this row but {parts}; {func} writes only dates: select a date column in the sql or CAST it to a date, or use another field"},
		"skip.template_not_date_value": {
			tr: "şablon çalışmadı: {template} şablonunun {line}. satırı, {col}. karakteri: {func} tarih olmayan bir değer aldı ({parts}): sql'de tarih tutan sütunu seçin ya da CAST ile tarihe çevirin, veya başka bir alan kullanın",
			en: "template failed: {template} line {line} char {col}: {func} got a value that is not a date ({parts}): select a date column in the sql or CAST it to a date, or use another field"},
		"valuekind.text":   {tr: "metin", en: "text"},
		"valuekind.number": {tr: "sayı", en: "a number"},
		"valuekind.date":   {tr: "tarih", en: "a date"},
		"valuekind.bool":   {tr: "doğru/yanlış değeri", en: "a true/false value"},
		"valuekind.other":  {tr: "başka türde bir değer", en: "a value of another type"},
		"skip.whatsapp_empty": {
			tr: "WhatsApp şablonunun {parts} parametresi {n} boş çıktı: WhatsApp boş parametreyi reddeder (alanı default ile sarın; işin bir yedek kanalı varsa mesaj oradan gider)",
			en: "the WhatsApp template's {parts} parameter {n} rendered empty: WhatsApp refuses empty parameters (wrap the field with default; a job with a fallback channel sends there)"},
		"whatsapp.part.header": {tr: "başlık", en: "header"},
		"whatsapp.part.body":   {tr: "gövde", en: "body"},
		"whatsapp.part.button": {tr: "düğme", en: "button"},
		"skip.render_panic":    {tr: "mesaj beklenmedik biçimde oluşturulamadı", en: "rendering failed unexpectedly"},
		"skip.too_many_segments": {tr: "SMS {segments} parça tutuyor ({encoding}) ama max_segments {max}; şablonu kısaltın veya truncate kullanın",
			en: "the SMS needs {segments} segments ({encoding}) but max_segments is {max}; shorten the template or use truncate"},
		"skip.too_many_segments_translit": {
			tr: "SMS {segments} parça tutuyor ({encoding}) ama max_segments {max}; şablonu kısaltın veya truncate kullanın, ya da transliterate: true ayarlayın",
			en: "the SMS needs {segments} segments ({encoding}) but max_segments is {max}; shorten the template or use truncate, or set transliterate: true"},
		"recipient.empty":            {tr: "alıcı yok", en: "no recipient"},
		"recipient.no_phone":         {tr: "telefon numarası yok", en: "no phone number"},
		"recipient.phone_unreadable": {tr: "telefon numarası \"{number}\" okunamadı", en: "phone number \"{number}\" could not be read"},
		"recipient.phone_too_long":   {tr: "telefon numarası \"{number}\" çok uzun", en: "phone number \"{number}\" is too long"},
		"recipient.not_a_phone":      {tr: "\"{number}\" bir telefon numarası değil", en: "phone number \"{number}\" is not a phone number"},
		"recipient.phone_invalid":    {tr: "telefon numarası \"{number}\" geçersiz", en: "phone number \"{number}\" is not a valid number"},
		"recipient.landline": {tr: "telefon numarası \"{number}\" sabit hat; SMS ve WhatsApp için cep telefonu numarası gerekir",
			en: "phone number \"{number}\" is a landline; SMS and WhatsApp need a mobile number"},
		"recipient.not_mobile": {tr: "telefon numarası \"{number}\" cep telefonu numarası değil ({parts})",
			en: "phone number \"{number}\" is not a mobile number ({parts})"},
		"phonetype.toll_free":       {tr: "ücretsiz hat", en: "toll-free"},
		"phonetype.premium_rate":    {tr: "ücretli hat", en: "premium rate"},
		"phonetype.shared_cost":     {tr: "paylaşımlı ücretli hat", en: "shared cost"},
		"phonetype.voip":            {tr: "internet telefonu", en: "VoIP"},
		"phonetype.personal":        {tr: "kişisel numara", en: "personal number"},
		"phonetype.pager":           {tr: "çağrı cihazı", en: "pager"},
		"phonetype.company":         {tr: "kurumsal numara", en: "company number"},
		"phonetype.voicemail":       {tr: "sesli mesaj", en: "voicemail"},
		"phonetype.unknown":         {tr: "türü bilinmiyor", en: "unknown type"},
		"recipient.no_email":        {tr: "e-posta adresi yok", en: "no e-mail address"},
		"recipient.email_invalid":   {tr: "e-posta adresi \"{address}\" geçersiz", en: "e-mail address \"{address}\" is not valid"},
		"recipient.email_no_domain": {tr: "e-posta adresi \"{address}\" alan adı içermiyor", en: "e-mail address \"{address}\" has no domain"},
	})
}
