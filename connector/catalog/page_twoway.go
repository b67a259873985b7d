package catalog

// The status page's words for listening: refusals, replies, delivery
// reports per channel.
func init() {
	add(map[Key]entry{
		"page.refusals":            {tr: "Ret talepleri", en: "Refusals"},
		"page.no_refusals":         {tr: "Ret talebi yok.", en: "No refusals."},
		"page.replies":             {tr: "Gelen yanıtlar", en: "Replies"},
		"page.no_replies":          {tr: "Yanıt yok.", en: "No replies."},
		"page.took_effect":         {tr: "Geçerlilik", en: "In effect since"},
		"page.scope":               {tr: "Kapsam", en: "Scope"},
		"page.scope_all":           {tr: "tüm mesajlar", en: "every message"},
		"page.scope_commercial":    {tr: "ticari mesajlar", en: "commercial messages"},
		"page.source":              {tr: "Kaynak", en: "Source"},
		"page.source_reply":        {tr: "yanıt", en: "reply"},
		"page.source_provider":     {tr: "sağlayıcı", en: "provider"},
		"page.source_operator":     {tr: "elle eklendi (optout add)", en: "added by hand (optout add)"},
		"page.source_bounce":       {tr: "geri dönen e-posta", en: "bounced e-mail"},
		"page.source_iys":          {tr: "İYS", en: "İYS"},
		"page.every_channel":       {tr: "tüm kanallar", en: "every channel"},
		"page.text":                {tr: "Metin", en: "Text"},
		"page.sender":              {tr: "Gönderen", en: "Sender"},
		"page.refusal":             {tr: "ret", en: "refusal"},
		"page.blacklist":           {tr: "Kara liste", en: "Blacklist"},
		"page.iys":                 {tr: "İYS", en: "İYS"},
		"page.reports_delivery":    {tr: "teslim raporu alır", en: "gets delivery reports"},
		"page.no_delivery_reports": {tr: "teslim raporu almaz", en: "gets no delivery reports"},
		"page.status_read":         {tr: "Okundu", en: "Read"},
		"page.copy_pending":        {tr: "bekliyor", en: "pending"},
		"page.copy_done":           {tr: "aktarıldı", en: "done"},
		"page.copy_failed":         {tr: "başarısız: {why}", en: "failed: {why}"},
	})
}
