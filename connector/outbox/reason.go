package outbox

import (
	"encoding/json"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A message's reason is stored in its reason column as JSON: the catalog
// key, its arguments and parts, and the provider's own words (see
// mapping.Reason); no sentence for a person is stored. Rows written before
// reasons had keys were migrated to {"detail": English, "args": {"tr":
// Turkish}}, which connector/catalog shows as they were.

// The reasons the outbox itself gives (their texts are in connector/catalog).
const (
	ReasonInterrupted = "outbox.interrupted" // the connector stopped during the send
	ReasonNotNeeded   = "outbox.not_needed"  // a fallback an earlier channel made unnecessary
	ReasonForgotten   = "outbox.forgotten"   // the recipient asked to be forgotten
	ReasonForgetStop  = "outbox.forget_cancelled"
	ReasonForgetErase = "outbox.forget_erased"

	// What forget keeps that still names the person (Forgotten.Left).
	ReasonForgetUnchecked  = "outbox.forget_unchecked"   // detail: why the hashes could not be read
	ReasonForgetKeptKey    = "outbox.forget_kept_key"    // id, job, channel: a message whose keys name them
	ReasonForgetKeptCursor = "outbox.forget_kept_cursor" // job: a cursor whose position names them
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonInterrupted, ReasonNotNeeded, ReasonForgotten, ReasonForgetStop, ReasonForgetErase,
	ReasonForgetUnchecked, ReasonForgetKeptKey, ReasonForgetKeptCursor}

func encodeReason(r mapping.Reason) string {
	if r.IsZero() {
		return ""
	}
	b, err := json.Marshal(r)
	if err != nil {
		return "" // a map of strings always marshals
	}
	return string(b)
}

func decodeReason(s string) mapping.Reason {
	if s == "" {
		return mapping.Reason{}
	}
	var r mapping.Reason
	if strings.HasPrefix(s, "{") && json.Unmarshal([]byte(s), &r) == nil {
		return r
	}
	return mapping.Reason{Detail: s} // not JSON: written by hand or by an old version
}
