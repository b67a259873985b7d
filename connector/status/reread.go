package status

import (
	"errors"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// rereadRefusalKeys name why a re-read was refused, by the catalog key of
// the refusal the daemon's parts give: the word the page's flash is chosen
// by after the redirect (page.failed_reread_<word>).
var rereadRefusalKeys = map[catalog.Key]string{
	"poll.reread_gone":               "gone",
	"poll.reread_no_source":          "no_source",
	"outbox.reread_told":             "told",
	"outbox.reread_cancelled":        "cancelled",
	"connector.reread_refused_first": "refused",
	"outbox.reread_purged":           "purged",
	"outbox.wrong_state.reread":      "state",
	"outbox.reread_changed":          "state",
	"connector.reread_not_mendable":  "not_mendable",
	"connector.reread_no_job":        "no_job",
}

// RereadRefusedAsGiven reports whether err refused a re-read for the
// message itself or what the config says of it (its state, a record that
// no longer makes it, its job or database no longer in the config): the
// same re-read is refused again until one of them changes. A database that
// could not be read, or a refusal of no known kind, is not: the next try
// may pass.
func RereadRefusedAsGiven(err error) bool {
	why := rereadRefusal(err)
	return why != "database" && why != "other"
}

// rereadRefusal is the word that says why err refused a re-read.
func rereadRefusal(err error) string {
	var ce *catalog.Error
	if errors.As(err, &ce) {
		if why, ok := rereadRefusalKeys[ce.Msg.Key]; ok {
			return why
		}
	}
	if f := erp.FailureOf(err); f != erp.FailureNone && f != erp.FailureOther {
		return "database"
	}
	return "other"
}
