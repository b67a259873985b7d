package httpclient

import (
	"fmt"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// maskList is the audit's view of a request's recipients: the first one
// masked, and how many more, never a full number or address.
func maskList(rs []string) string {
	switch len(rs) {
	case 0:
		return ""
	case 1:
		return mapping.MaskRecipient(rs[0])
	}
	return fmt.Sprintf("%s (+%d)", mapping.MaskRecipient(rs[0]), len(rs)-1)
}
