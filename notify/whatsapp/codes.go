package whatsapp

import (
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

type class int

const (
	cRetry class = iota
	cPermanent
	cConfig
	cNoCredit // the account cannot pay: the channel waits, no message spends its tries
)

// codeInfo is what the daemon does with one of Meta's codes; its text is
// "whatsapp.<code>" in the catalog.
type codeInfo struct {
	class    class
	after    time.Duration
	badRecip bool
}

// codes is Meta's error table as the daemon acts on it (providers.md §3.3).
// Decisions key on code, never on the HTTP status or the title.
var codes = map[int]codeInfo{
	0:      {cConfig, 0, false},
	3:      {cConfig, 0, false},
	10:     {cConfig, 0, false},
	190:    {cConfig, 0, false},
	368:    {cConfig, 0, false},
	131005: {cConfig, 0, false},
	131031: {cConfig, 0, false},
	131042: {cNoCredit, 30 * time.Minute, false}, // a payment problem on the business account
	131045: {cConfig, 0, false},
	133010: {cConfig, 0, false},
	133016: {cConfig, 0, false},

	1:      {cRetry, time.Minute, false},
	2:      {cRetry, time.Minute, false},
	4:      {cRetry, 5 * time.Minute, false},
	17:     {cRetry, 5 * time.Minute, false},
	80007:  {cRetry, 5 * time.Minute, false},
	130429: {cRetry, 10 * time.Second, false},
	131000: {cRetry, time.Minute, false},
	131016: {cRetry, time.Minute, false},
	131048: {cRetry, time.Hour, false},
	131049: {cRetry, 24 * time.Hour, false},
	131056: {cRetry, 6 * time.Second, false},
	131057: {cRetry, 10 * time.Minute, false},

	100:    {cPermanent, 0, false},
	131008: {cPermanent, 0, false},
	131009: {cPermanent, 0, false},
	131021: {cPermanent, 0, false},
	131026: {cPermanent, 0, true},
	131047: {cPermanent, 0, false},
	131051: {cPermanent, 0, false},
	131052: {cPermanent, 0, false},
	131053: {cPermanent, 0, false},
	132000: {cPermanent, 0, false},
	132001: {cPermanent, 0, false},
	132005: {cPermanent, 0, false},
	132007: {cPermanent, 0, false},
	132012: {cPermanent, 0, false},
	132015: {cPermanent, 0, false},
	132016: {cPermanent, 0, false},
	135000: {cPermanent, 0, false},
	131050: {cPermanent, 0, false},
}

// refusalCodes say the recipient refused messages of this kind: 131050,
// they stopped marketing messages (utility templates still go).
var refusalCodes = map[int]bool{131050: true}

// classify turns a Graph API error into an outcome.
func classify(code int, msg, details string, httpStatus int) error {
	c := fmt.Sprint(code)
	info, ok := codes[code]
	why := notify.Why("whatsapp." + c)
	if !ok && code >= 200 && code <= 299 {
		info, ok, why = codeInfo{cConfig, 0, false}, true, notify.Why(ReasonPermission)
	}
	if !ok {
		switch {
		case httpStatus == 429:
			return notify.Retry(c, notify.Why(ReasonSlowDown).WithDetail(msg), time.Minute)
		case httpStatus >= 500:
			return notify.Unknown(notify.Why(ReasonServerError, "status", httpStatus, "code", code).WithDetail(msg), nil)
		}
		return notify.Permanent(c, notify.Why(ReasonRefused).WithDetail(msg))
	}
	if details != "" {
		why = why.WithDetail(details)
	}
	switch info.class {
	case cConfig:
		return notify.Config(c, why)
	case cRetry:
		return notify.Retry(c, why, info.after)
	case cNoCredit:
		return notify.NoCredit(c, why, info.after)
	}
	e := notify.Permanent(c, why)
	e.BadRecipient = info.badRecip
	e.Refused = refusalCodes[code]
	return e
}

// The reasons the WhatsApp client gives besides Meta's codes
// ("whatsapp.<code>"); their texts are in connector/catalog.
const (
	ReasonPermission     = "whatsapp.permission"
	ReasonSlowDown       = "whatsapp.slow_down"
	ReasonServerError    = "whatsapp.server_error"
	ReasonRefused        = "whatsapp.refused"
	ReasonNoTemplate     = "whatsapp.no_template"
	ReasonPairWait       = "whatsapp.pair_wait"
	ReasonNoMessageID    = "whatsapp.no_message_id"
	ReasonNoErrorBody    = "whatsapp.no_error_body"
	ReasonRequestRefused = "whatsapp.request_refused"
	ReasonCheckOK        = "whatsapp.check_ok"
)

// ReasonCodes lists every reason code the client gives, for the catalog's
// completeness test.
var ReasonCodes = func() []string {
	out := []string{ReasonPermission, ReasonSlowDown, ReasonServerError, ReasonRefused, ReasonNoTemplate, ReasonPairWait,
		ReasonNoMessageID, ReasonNoErrorBody, ReasonRequestRefused, ReasonCheckOK}
	for c := range codes {
		out = append(out, "whatsapp."+fmt.Sprint(c))
	}
	return out
}()
