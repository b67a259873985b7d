package netgsm

import (
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// classifySend maps a send/query result code (providers.md §1.2) to an
// outcome; nil means accepted.
func classifySend(code, desc string, resp *httpclient.Response) error {
	switch code {
	case "00", "01", "02":
		return nil
	case "20":
		return notify.Permanent(code, "the message text has a problem or is too long", "mesaj metni hatalı veya çok uzun")
	case "30":
		return notify.Config(code, "NetGSM rejected the usercode/password, or API access is off or this IP is not allowed (panel: Ayarlar > API işlemleri)",
			"NetGSM kullanıcı adı/şifre hatalı, API erişimi kapalı veya IP izinli değil")
	case "40":
		return notify.Config(code, "the sender name (msgheader) is not defined on the NetGSM account",
			"gönderici adı (msgheader) NetGSM hesabında tanımlı değil")
	case "50":
		return notify.Config(code, "the account may not send İYS-checked (commercial) messages",
			"hesap İYS kontrollü gönderim yapamıyor")
	case "51":
		return notify.Config(code, "no İYS brand is defined on the NetGSM account", "hesapta tanımlı İYS markası yok")
	case "60":
		return notify.Permanent(code, "no records for the criteria", "kriterlere uygun kayıt yok")
	case "70":
		return notify.Permanent(code, "NetGSM refused a missing or invalid parameter (a bug or a bad number)",
			"hatalı veya eksik parametre")
	case "80":
		return notify.Retry(code, "NetGSM's sending or query limit was exceeded", limitWait(resp))
	case "85":
		return notify.Retry(code, "NetGSM's duplicate guard: more than 20 messages to this number within a minute", limitWait(resp))
	case "100", "101", "110":
		return notify.Retry(code, "NetGSM system error", 0)
	}
	return notify.Unknown("NetGSM answered with unknown code "+code+": "+desc, nil)
}

func limitWait(resp *httpclient.Response) time.Duration {
	if resp != nil {
		if d := resp.RetryAfter(); d > 0 {
			return d
		}
	}
	return time.Minute
}
