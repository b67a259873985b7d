package status

import (
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// The page's own texts come from the catalog (keys statuspage.*) in the
// page's language; these are the helpers the templates use for them.

// C renders a catalog text; args are name, value pairs.
func (l lang) C(key string, args ...any) string {
	return catalog.M(catalog.Key(key), args...).In(l.cat())
}

// Copy is the state of a refusal's copy at the provider's blacklist or in
// İYS as people read it: waiting, made, or failed with why (the error is
// kept as it was recorded).
func (l lang) Copy(state string) string {
	switch {
	case state == outbox.SyncPending:
		return l.t("copy_pending")
	case state == outbox.SyncDone:
		return l.t("copy_done")
	case strings.HasPrefix(state, outbox.SyncFailed):
		return l.C("page.copy_failed", "why", strings.TrimSpace(strings.TrimPrefix(state, outbox.SyncFailed)))
	}
	return state
}

// ChannelName is a channel as people call it ("E-posta", not "email").
func (l lang) ChannelName(channel string) string {
	k := catalog.Key("statuspage.channel." + channel)
	if !catalog.Has(k) {
		return channel
	}
	return l.cat().Text(k, nil)
}

// AboutOf names a message's record for people: "Fatura 2024-117 · Ayşe
// Yılmaz", or "Kayıt 4711" for one stored before labels existed (or
// emptied by the retention purge).
func (l lang) AboutOf(v MessageView) string {
	if v.About == "" {
		return l.C("statuspage.record", "key", v.Record)
	}
	if k := catalog.Key("statuspage.entity." + v.Entity); catalog.Has(k) {
		return l.cat().Text(k, nil) + " " + v.About
	}
	return v.About
}

// when writes a coming time the way people say it: "bugün 09:00",
// "yarın 09:00", "05.12 09:00".
func (l lang) when(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	hm := t.Format("15:04")
	day := func(x time.Time) time.Time { return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, loc) }
	switch day(t).Sub(day(now)).Hours() / 24 {
	case 0:
		return l.C("statuspage.time.today", "time", hm)
	case 1:
		return l.C("statuspage.time.tomorrow", "time", hm)
	}
	return l.C("statuspage.time.date", "date", t.Format("02.01"), "time", hm)
}

// entityOf is the kind of record a dedupe key names ("invoice:merkez:4711:created").
func entityOf(dedupeKey string) string {
	e, _, _ := strings.Cut(dedupeKey, ":")
	return e
}

// LowCredit is the warning under a channel whose balance is low.
func (l lang) LowCredit(c Credit) string { return c.Warning(l.cat()) }

// QuietNow says until when a channel's quiet hours hold.
func (p pageData) QuietNow(until time.Time) string {
	return p.C("statuspage.quiet_now", "time", p.when(until, p.now, p.loc))
}

// FilterStatuses are the states the list of all messages can be
// filtered by.
func (p pageData) FilterStatuses() []outbox.Status { return outbox.Statuses }
