package outbox

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Day is what the outbox saw on one channel in a window of time (the shop
// owner's daily summary): what went out, what failed or was skipped and
// why, and what still waits.
type Day struct {
	Channel   string
	Sent      int // sent in the window (sent_at), whatever happened next
	Delivered int // of those, reported delivered
	Failed    int // ended failed in the window
	Skipped   int // made in the window and never sendable
	Waiting   int // pending or standby now
	Held      int // uncertain or held now: an operator decides
	// Reasons are the failed and skipped messages' reasons, by kind, most
	// frequent first.
	Reasons []ReasonCount
}

// ReasonCount is how many messages one kind of reason stopped. A kind is
// the reason's code with those of its parts: a landline and an invalid
// number are both "no usable recipient", but two kinds, each with its own
// fix.
type ReasonCount struct {
	Status Status
	Reason mapping.Reason // the first message's, as an example
	Count  int
	// Varied says the messages' reasons were not all the same (another
	// number, another detail): Reason is one example of them.
	Varied bool
}

// reasonKind is what DaySummary groups reasons by: the code and, in
// order, the kinds of the parts ("skip.no_usable_recipient(
// skip.recipient_field(recipient.landline))"). The arguments, such as the
// masked number, are left out; a reason without a code (an old row) is
// its own words.
func reasonKind(r mapping.Reason) string {
	if r.Code == "" {
		return "detail:" + r.Detail
	}
	if len(r.Parts) == 0 {
		return r.Code
	}
	parts := make([]string, len(r.Parts))
	for i, p := range r.Parts {
		parts[i] = reasonKind(p)
	}
	return r.Code + "(" + strings.Join(parts, ";") + ")"
}

// DaySummary counts each channel's messages for [from, to), leaving out
// the job exclude (the summary's own messages). Opt-outs added in the
// window are counted in refusals.
func (s *Store) DaySummary(ctx context.Context, from, to time.Time, exclude string) (days []Day, refusals int, err error) {
	by := map[string]*Day{}
	day := func(ch string) *Day {
		if by[ch] == nil {
			by[ch] = &Day{Channel: ch}
		}
		return by[ch]
	}
	f, t := ms(from), ms(to)
	rows, err := s.db.QueryContext(ctx, `SELECT channel, status, reason,
		sent_at IS NOT NULL AND sent_at >= ? AND sent_at < ?,
		status = ? AND updated_at >= ? AND updated_at < ?,
		status = ? AND created_at >= ? AND created_at < ?
		FROM messages
		WHERE job != ? AND ((sent_at >= ? AND sent_at < ?) OR (updated_at >= ? AND updated_at < ?) OR (created_at >= ? AND created_at < ?)
			OR status IN (?, ?, ?, ?))`,
		f, t, StatusFailed, f, t, StatusSkipped, f, t, exclude, f, t, f, t, f, t, StatusPending, StatusStandby, StatusUncertain, StatusHeld)
	if err != nil {
		return nil, 0, fmt.Errorf("read the day's messages: %w", err)
	}
	defer rows.Close()
	reasons := map[string]map[string]*ReasonCount{} // channel → status+kind → count
	first := map[*ReasonCount]string{}              // the stored reason of each group's first message
	for rows.Next() {
		var ch, reason string
		var st Status
		var sent, failed, skipped bool
		if err := rows.Scan(&ch, &st, &reason, &sent, &failed, &skipped); err != nil {
			return nil, 0, err
		}
		d := day(ch)
		switch {
		case st == StatusPending || st == StatusStandby:
			d.Waiting++
		case st == StatusUncertain || st == StatusHeld:
			d.Held++
		}
		if sent {
			d.Sent++
			if st == StatusDelivered {
				d.Delivered++
			}
		}
		if failed || skipped {
			if failed {
				d.Failed++
			} else {
				d.Skipped++
			}
			r := decodeReason(reason)
			if reasons[ch] == nil {
				reasons[ch] = map[string]*ReasonCount{}
			}
			k := string(st) + " " + reasonKind(r)
			rc := reasons[ch][k]
			if rc == nil {
				rc = &ReasonCount{Status: st, Reason: r}
				reasons[ch][k] = rc
				first[rc] = reason
			} else if reason != first[rc] {
				rc.Varied = true
			}
			rc.Count++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM optout WHERE added_at >= ? AND added_at < ?`, f, t).Scan(&refusals); err != nil {
		return nil, 0, fmt.Errorf("count the day's refusals: %w", err)
	}
	for ch, d := range by {
		for _, rc := range reasons[ch] {
			d.Reasons = append(d.Reasons, *rc)
		}
		sort.Slice(d.Reasons, func(i, j int) bool {
			if d.Reasons[i].Count != d.Reasons[j].Count {
				return d.Reasons[i].Count > d.Reasons[j].Count
			}
			if d.Reasons[i].Status != d.Reasons[j].Status {
				return d.Reasons[i].Status < d.Reasons[j].Status
			}
			return reasonKind(d.Reasons[i].Reason) < reasonKind(d.Reasons[j].Reason)
		})
		days = append(days, *d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Channel < days[j].Channel })
	return days, refusals, nil
}
