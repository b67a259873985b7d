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
	case "20", "30", "40", "50", "51", "60", "70", "80", "85", "100", "101", "110":
	default:
		return notify.Unknown(notify.Why(ReasonUnknownCode, "code", code).WithDetail(desc), nil)
	}
	why := notify.Why("netgsm." + code).WithDetail(desc)
	switch code {
	case "20", "60", "70":
		return notify.Permanent(code, why)
	case "30", "40", "50", "51":
		return notify.Config(code, why)
	case "80", "85":
		return notify.Retry(code, why, limitWait(resp))
	}
	return notify.Retry(code, why, 0)
}

func limitWait(resp *httpclient.Response) time.Duration {
	if resp != nil {
		if d := resp.RetryAfter(); d > 0 {
			return d
		}
	}
	return time.Minute
}
