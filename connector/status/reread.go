package status

import (
	"errors"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// rereadRefusals name why a re-read was refused, as the page's flash says
// it after the redirect (page.failed_reread_<why>): a word from this list in
// the address, never a text, so that no link can make the page say
// something else.
var rereadRefusals = []string{"gone", "no_source", "told", "purged", "state", "not_mendable", "no_job", "database", "other"}

// rereadRefusalKeys are the refusals the daemon's parts give, by their
// catalog key.
var rereadRefusalKeys = map[catalog.Key]string{
	"poll.reread_gone":              "gone",
	"poll.reread_no_source":         "no_source",
	"outbox.reread_told":            "told",
	"outbox.reread_purged":          "purged",
	"outbox.wrong_state.reread":     "state",
	"outbox.reread_changed":         "state",
	"connector.reread_not_mendable": "not_mendable",
	"connector.reread_no_job":       "no_job",
}

// rereadRefusal is the word of rereadRefusals that says why err refused a
// re-read.
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
