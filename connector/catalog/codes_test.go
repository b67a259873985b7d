package catalog_test

import (
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/console"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"
)

// Every reason code a layer can give has a text in the catalog (which the
// catalog's own test checks for both languages).
func TestEveryReasonCodeHasAText(t *testing.T) {
	for _, list := range []struct {
		from  string
		codes []string
	}{
		{"mapping", mapping.ReasonCodes},
		{"notify", []string{notify.ReasonUnclassified, notify.ReasonAbroad}},
		{"notify/httpclient", httpclient.ReasonCodes},
		{"notify/console", console.ReasonCodes},
		{"notify/netgsm", netgsm.ReasonCodes},
		{"notify/mutlucell", mutlucell.ReasonCodes},
		{"notify/whatsapp", whatsapp.ReasonCodes},
		{"notify/smtp", smtp.ReasonCodes},
		{"notify/webhook", webhook.ReasonCodes},
		{"connector/dispatch", dispatch.ReasonCodes},
		{"connector/outbox", outbox.ReasonCodes},
		{"connector/erp", erp.ReasonCodes},
		{"connector/poll", poll.ReasonCodes},
		{"connector/consent", consent.ReasonCodes},
	} {
		for _, code := range list.codes {
			if !catalog.Has(catalog.Key(code)) {
				t.Errorf("%s gives reason %q, which has no text in the catalog", list.from, code)
			}
		}
	}
}
