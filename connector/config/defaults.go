package config

import (
	"time"
	_ "time/tzdata" // Europe/Istanbul even on Windows machines without zoneinfo
)

// Every default of the file, in one place: applyDefaults fills them in, so
// the rest of the program reads set values and never decides a default of
// its own.
const (
	DefaultRate           Rate     = 10
	DefaultChannelTimeout Duration = Duration(30 * time.Second)
	DefaultSourceTimeout  Duration = Duration(30 * time.Second)
	DefaultReportEvery    Duration = Duration(2 * time.Minute)
	DefaultUncertainGrace Duration = Duration(45 * time.Minute)
	DefaultRetention      Duration = Duration(90 * 24 * time.Hour)
	DefaultYearGrace      Duration = Duration(15 * 24 * time.Hour)
	// DefaultLag is how long a changed row must be old before it is read:
	// a row whose timestamp was set before a slow commit shows up late.
	DefaultLag      Duration = Duration(2 * time.Minute)
	DefaultPageSize          = 500
	// DefaultMaxSegments is the most SMS segments one message may take
	// (about 900 Turkish characters); a longer one is skipped, never cut
	// and never billed. A job's max_segments raises or lowers it.
	DefaultMaxSegments = 6
	// MinRetention keeps bodies long enough for reports to be reconciled.
	MinRetention Duration = Duration(24 * time.Hour)
	DefaultZone           = "Europe/Istanbul"
)

var (
	DefaultQuietStart = MustClock("21:00")
	DefaultQuietEnd   = MustClock("09:00")
	DefaultListen     = ListenAddr{Host: "127.0.0.1", Port: "8750"}
)

// Wolvox's own send log, as guessed from Wolvox's naming [UNCONFIRMED]:
// every name can be set in skip_if_wolvox_sent.
const (
	DefaultWolvoxLogTable     = "MAIL_SMS_LOG"
	DefaultWolvoxLogRecipient = "ALICI"
	DefaultWolvoxLogDate      = "TARIHI"
	DefaultWolvoxLogText      = "MESAJ"
	DefaultWolvoxLogWithin    = Duration(2 * 24 * time.Hour)
	// DefaultContactsKey is the customer key every customer preset yields.
	DefaultContactsKey = "CARI_BLKODU"
)

// Statements, reconciliations and the daily summary (shops.go).
const (
	DefaultStatementMonths = 1 // the calendar month before the run
	// DefaultLowCredit is the balance under which a NetGSM or Mutlucell
	// account is reported low: the provider's own unit (TL credit or
	// messages left in a package).
	DefaultLowCredit = 100.0
)

var (
	DefaultConfirmWords = []string{"EVET", "ONAY", "ONAYLIYORUM", "TAMAM"}
	DefaultDisputeWords = []string{"HAYIR", "İTİRAZ", "RED"}
	DefaultSummaryAt    = MustClock("19:00")
)

// DefaultBatch is messages per request for a provider that batches (NetGSM
// n:n, Mutlucell); any other provider sends one message per request.
const DefaultBatch = 100

// BatchSize is the channel's batch setting: messages per request for a
// provider that can batch, requests in flight for one that cannot.
func (c *Channel) BatchSize(canBatch bool) int {
	switch {
	case c.Batch > 0:
		return c.Batch
	case canBatch:
		return DefaultBatch
	}
	return 1
}

// DefaultInFlight is how many one-message requests a channel has under way
// at once: one at a time, a provider answering in 50 ms caps a channel at
// 20 messages/s whatever its rate says.
const DefaultInFlight InFlight = 8

// InFlightLimit is the channel's in_flight setting: as given; else
// DefaultInFlight for a provider that sends one message per request (where
// an older config's batch: N meant N requests in flight), and one batch
// request at a time for a provider that batches. Never more than the rate
// lets start in a second.
func (c *Channel) InFlightLimit(canBatch bool) int {
	n := int(c.InFlight)
	switch {
	case n > 0:
	case !canBatch && c.Batch > 1:
		n = c.Batch
	case canBatch && c.BatchSize(canBatch) > 1:
		n = 1
	default:
		n = int(DefaultInFlight)
	}
	return max(1, min(n, c.Rate.Burst()))
}

// DefaultLocation is the time zone of a config that names none, for
// commands that show times without a readable config.
func DefaultLocation() *time.Location { return defaultLocation() }

func defaultLocation() *time.Location {
	if l, err := time.LoadLocation(DefaultZone); err == nil {
		return l
	}
	return time.FixedZone("+03", 3*3600)
}
