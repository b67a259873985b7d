package netgsm

import (
	"encoding/json"
	"errors"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// reportPage reads one /sms/rest/v2/report answer into its rows. Code 60 (no
// (more) records) is an empty page, not an error; a page whose rows cannot
// be read is an error, never an empty last page: an uncertain send would
// then look absent and be sent again. A pure function, so it is fuzzed
// without a server.
func reportPage(resp *httpclient.Response) ([]reportRow, error) {
	var a struct {
		Code        flexString  `json:"code"`
		Description string      `json:"description"`
		Jobs        []reportRow `json:"jobs"`
	}
	if err := json.Unmarshal(resp.Body, &a); err != nil || a.Code == "" {
		if _, err := decode(resp); err != nil {
			return nil, err
		}
		// A result code but rows of an unexpected shape ("status":"1"):
		// decode alone would call it a success with no rows, so an
		// uncertain send would look absent and be sent again.
		return nil, notify.Retry("report", notify.Why(ReasonReportUnreadable), 0)
	}
	if a.Code == "60" {
		return nil, nil
	}
	if err := classifySend(string(a.Code), a.Description, resp); err != nil {
		if errors.Is(err, notify.ErrUnknown) {
			err = notify.Retry(string(a.Code), notify.Why(ReasonReportFailed).WithDetail(a.Description), 0)
		}
		return nil, err
	}
	return a.Jobs, nil
}
