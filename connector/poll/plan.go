package poll

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/statement"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// contactSpec says how a job addresses a customer's contact persons.
type contactSpec struct {
	key     string // the row's column with the customer's key
	account bool   // the account's own numbers too (recipients: both)
	mapper  *mapping.Mapper
}

// quietHours is the config's daily window, to see where a message made in
// it would be sent: a quiet day may start when the window ends.
type quietHours struct {
	start, end int // minutes after midnight
	channels   []string
}

// Planned is one message a row becomes, as a run enqueues it, with what
// render shows of it.
type Planned struct {
	outbox.NewMessage
	SMS   *mapping.SMSInfo // an SMS's encoding and cost
	Label catalog.Msg      // the step and contact it is for ("adım +7d yetkili 31"); zero for a plain job
}

// runContext is what one run of a job in one database knows besides the
// rows: the time, and Wolvox's own recent sends.
type runContext struct {
	now  time.Time
	sent *sentIndex
	// contacts of the page's customers, by customer key.
	contacts map[string][]erp.Record
	// movements of the page's customers in a statement's period.
	movements map[string][]erp.Record
	// reread are the page's rows read before (created.go), by record key.
	reread map[string]bool
}

// plan turns one row into its messages: the reminder step it is due for,
// the account and its contacts, the quiet days and Wolvox's own log.
func (j *Job) plan(source string, rec erp.Record, ev event, rc *runContext) ([]Planned, error) {
	if rc == nil {
		rc = &runContext{now: time.Now()}
	}
	data := copyRecord(rec)
	if _, ok := data["ALICI_ADI"]; !ok {
		data["ALICI_ADI"] = rec["MUSTERI_ADI"]
	}
	if j.event != nil {
		s := j.event(rec)
		ev = event{suffix: s, period: s}
	}
	mapper := j.Mapper
	var contacts *mapping.Mapper
	if j.contacts != nil {
		contacts = j.contacts.mapper
		for _, c := range erp.ContactColumns {
			data[c] = nil
		}
	}
	staff := false
	if len(j.steps) > 0 {
		st, days, due := j.stepFor(rec, rc.now)
		if st == nil {
			return nil, nil // no step due today
		}
		i := slices.IndexFunc(j.steps, func(s Step) bool { return s.Offset == st.Offset })
		data["GECIKME_GUN"], data["ADIM"] = int64(days), int64(i+1)
		for _, ch := range []string{"sms", "whatsapp", "email"} {
			data[staffField(ch)] = st.staff[ch]
		}
		s := fmt.Sprintf("step:%+d:%s", st.Offset, due.Format("20060102"))
		ev = event{suffix: s, period: s}
		mapper = st.Mapper
		if j.contacts != nil {
			contacts = j.contactSteps[i]
		}
		staff = st.Staff
	}
	key, err := j.dedupeKey(source, data, ev)
	if err != nil {
		return nil, fmt.Errorf("job %s: dedupe key: %w", j.Name, err)
	}
	var former []string // the same event's keys in an earlier version's form
	for _, p := range ev.former {
		k, err := j.dedupeKey(source, data, conditionEvent(p))
		if err != nil {
			return nil, fmt.Errorf("job %s: dedupe key: %w", j.Name, err)
		}
		former = append(former, k)
	}
	// formerly are the former keys of the message whose key ends in suffix
	// (a contact's).
	formerly := func(suffix string) []string {
		if len(former) == 0 {
			return nil
		}
		out := make([]string, len(former))
		for i, k := range former {
			out[i] = k + suffix
		}
		return out
	}
	spaced, err := j.spacedOf(source, data, ev)
	if err != nil {
		return nil, err
	}
	var refused *mapping.Reason
	if j.Check != nil {
		refused = j.Check(rec)
	}
	if j.statement != nil && refused == nil {
		data[statement.Movements] = rc.movements[customerKey(rec["CARI_BLKODU"])]
		refused = j.statement.fill(data)
	}
	recordKey := fmt.Sprint(rec[j.Key])
	var out []Planned
	var step catalog.Msg
	if len(j.steps) > 0 {
		if st, _, _ := j.stepFor(rec, rc.now); st != nil {
			step = st.Label()
		}
	}
	emit := func(suffix string, m *mapping.Mapper, d erp.Record, who catalog.Msg) {
		for _, r := range m.Map(d) {
			msg := outbox.NewMessage{Message: r.Message, DedupeKey: key + suffix, RecordKey: recordKey, Commercial: j.Commercial,
				Merchant: j.merchant != nil && j.merchant(d), Skip: r.Skip, Standby: slices.Index(j.Fallback, r.Channel) + 1,
				About: j.about(d), FormerKeys: formerly(suffix), FormerSince: ev.since, Spaced: spaced(suffix)}
			switch {
			case refused != nil:
				msg.Skip = refused
			case msg.Skip == nil && j.wolvox != nil:
				if at, ok := rc.sent.has(msg.To, j.wolvox.document(d)); ok {
					why := mapping.R(ReasonWolvoxSent, "table", j.wolvox.table, "at", at.In(j.loc).Format("02.01.2006 15:04"))
					msg.Skip, msg.Notified = &why, true
				}
			}
			if msg.Skip == nil {
				msg.NotBefore = j.notBefore(msg.Channel, rc.now)
			}
			out = append(out, Planned{NewMessage: msg, SMS: r.SMS, Label: label(step, who)})
		}
	}
	if j.contacts == nil || j.contacts.account || staff {
		emit("", mapper, data, catalog.Msg{})
	}
	if j.contacts != nil && !staff {
		cs := rc.contacts[customerKey(rec[j.contacts.key])]
		if len(cs) == 0 && !j.contacts.account {
			why := mapping.R(ReasonNoContacts)
			for _, ch := range contacts.Channels {
				out = append(out, Planned{Label: label(step, catalog.M("poll.contacts")), NewMessage: outbox.NewMessage{
					Message: mapping.Message{Channel: ch.Channel}, DedupeKey: key + ":contact:none", RecordKey: recordKey,
					Commercial: j.Commercial, Skip: &why, About: j.about(data), FormerKeys: formerly(":contact:none"), FormerSince: ev.since, Spaced: spaced(":contact:none")}})
			}
		}
		for _, c := range cs {
			d := copyRecord(data)
			for k, v := range c {
				d[k] = v
			}
			if s, _ := c["YETKILI_ADI"].(string); strings.TrimSpace(s) != "" {
				d["ALICI_ADI"] = s
			}
			emit(fmt.Sprintf(":contact:%v", c["YETKILI_BLKODU"]), contacts, d, catalog.M("poll.contact", "id", c["YETKILI_BLKODU"]))
		}
	}
	return out, nil
}

// notBefore is when a message made at now may go: later only when its
// job's quiet days say so. A message made in the quiet hours would go when
// they end; when that is on a quiet day, it waits for the working day after.
func (j *Job) notBefore(channel string, now time.Time) time.Time {
	if j.quiet == nil {
		return time.Time{}
	}
	t := now
	if q := j.quietHours; q != nil && slices.Contains(q.channels, channel) {
		t = q.after(now.In(j.loc))
	}
	if nb := j.quiet.NotBefore(t); !nb.Equal(t) {
		return nb
	}
	return time.Time{} // the dispatcher's quiet hours see to the rest
}

// after is t, or the end of the quiet window t falls in.
func (q *quietHours) after(t time.Time) time.Time {
	m := t.Hour()*60 + t.Minute()
	in := m >= q.start && m < q.end
	if q.start > q.end {
		in = m >= q.start || m < q.end
	}
	if !in {
		return t
	}
	end := time.Date(t.Year(), t.Month(), t.Day(), 0, q.end, 0, 0, t.Location())
	if !end.After(t) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}

// customerKey is a customer's key as the contacts are filed under.
func customerKey(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

// contactBatch is how many customers one contacts query asks about:
// Firebird takes at most 1500 values in an IN list.
const contactBatch = 500

// loadContacts reads the flagged contacts of the page's customers, a few
// hundred customers per query.
func (j *Job) loadContacts(ctx context.Context, src *erp.Source, page []erp.Record) (map[string][]erp.Record, error) {
	if j.contacts == nil {
		return nil, nil
	}
	if len(page) > 0 {
		if _, ok := page[0][j.contacts.key]; !ok {
			return nil, fmt.Errorf("job %s: %w", j.Name, catalog.Errorf("poll.contacts_key_missing", "key", j.contacts.key))
		}
	}
	out, err := byCustomer(ctx, src, customerKeys(page, j.contacts.key), erp.ContactTables(), "YETKILI_CARI",
		func(cols erp.Columns, n int) (string, error) {
			q, _, err := erp.ContactsQuery(src.Dialect(), cols, n)
			return q, err
		})
	if err != nil {
		return nil, fmt.Errorf("job %s: contacts: %w", j.Name, err)
	}
	for _, rs := range out {
		for _, r := range rs {
			delete(r, "YETKILI_CARI")
		}
	}
	return out, nil
}

// customerKeys are the distinct customer keys in column col of the page,
// as numbers where they are numbers (BLKODU is an integer).
func customerKeys(page []erp.Record, col string) []any {
	var keys []any
	seen := map[string]bool{}
	for _, r := range page {
		k := customerKey(r[col])
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if n, err := strconv.ParseInt(k, 10, 64); err == nil {
			keys = append(keys, n)
		} else {
			keys = append(keys, k)
		}
	}
	return keys
}

// byCustomer reads the rows of tables for the customers with keys,
// contactBatch customers per query (query builds it for n of them), by
// the customer key each row carries in keyCol.
func byCustomer(ctx context.Context, src *erp.Source, keys []any, tables []string, keyCol string,
	query func(cols erp.Columns, n int) (string, error)) (map[string][]erp.Record, error) {
	out := map[string][]erp.Record{}
	if len(keys) == 0 {
		return out, nil
	}
	cols, err := src.Columns(ctx, tables)
	if err != nil {
		return nil, err
	}
	for len(keys) > 0 {
		n := min(len(keys), contactBatch)
		q, err := query(cols, n)
		if err != nil {
			return nil, err
		}
		err = src.Query(ctx, q, keys[:n], func(r erp.Record) error {
			k := customerKey(r[keyCol])
			out[k] = append(out[k], r)
			return nil
		})
		if err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// wolvoxLog is where a job looks for what Wolvox sent itself.
type wolvoxLog struct {
	table, recipient, date, text string
	match                        string // the row's column to find in Wolvox's text; "" matches by recipient
	within                       time.Duration
}

func (w *wolvoxLog) document(rec erp.Record) string {
	if w.match == "" {
		return ""
	}
	s, _ := rec[w.match].(string)
	if s == "" && rec[w.match] != nil {
		s = fmt.Sprint(rec[w.match])
	}
	return strings.TrimSpace(s)
}

// sentIndex is Wolvox's sends of the last `within`, by recipient in the
// connector's own spelling (E.164, lower-case e-mail). It holds one run's
// window of the log, not the table.
type sentIndex struct {
	byTo      map[string][]sentRow
	matchText bool
}

type sentRow struct {
	at   time.Time
	text string
}

// has reports whether Wolvox sent to to within the window and, when the
// job matches by document, whether its text names doc. A row without a
// document value is never taken as sent: only a proven send skips.
func (s *sentIndex) has(to, doc string) (time.Time, bool) {
	if s == nil || to == "" {
		return time.Time{}, false
	}
	for _, r := range s.byTo[to] {
		if !s.matchText {
			return r.at, true
		}
		if doc != "" && strings.Contains(r.text, doc) {
			return r.at, true
		}
	}
	return time.Time{}, false
}

// loadSent reads Wolvox's log from `within` before now on.
func (j *Job) loadSent(ctx context.Context, src *erp.Source, now time.Time, region string) (*sentIndex, error) {
	w := j.wolvox
	if w == nil {
		return nil, nil
	}
	idx := &sentIndex{byTo: map[string][]sentRow{}, matchText: w.text != ""}
	d := src.Dialect()
	err := src.Query(ctx, erp.WolvoxLogQuery(d, w.table, w.recipient, w.date, w.text), []any{now.Add(-w.within)},
		func(r erp.Record) error {
			raw, _ := r["ALICI"].(string)
			to := ""
			for _, ch := range []string{"sms", "email"} {
				if n, err := mapping.NormalizeRecipient(ch, raw, region); err == nil {
					to = n
					break
				}
			}
			if to == "" {
				return nil // not an address the connector would send to
			}
			at, _ := r["TARIHI"].(time.Time)
			text, _ := r["METIN"].(string)
			idx.byTo[to] = append(idx.byTo[to], sentRow{at: at, text: text})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("job %s: skip_if_wolvox_sent: read %s: %w", j.Name, w.table, err)
	}
	return idx, nil
}

// verifyLog checks that the database has Wolvox's log as the job names it,
// and otherwise says which columns it does have: the log's shape is not
// known for every Wolvox version, so the names are settings.
func (j *Job) verifyLog(ctx context.Context, src *erp.Source) error {
	w := j.wolvox
	if w == nil {
		return nil
	}
	cols, err := src.Columns(ctx, []string{w.table})
	if err != nil {
		return err
	}
	have := cols[w.table]
	if have == nil {
		return fmt.Errorf("job %s: %w", j.Name, catalog.Errorf("poll.wolvox_log_no_table", "source", src.Name(), "table", w.table))
	}
	for _, c := range []struct{ key, col string }{{"recipient", w.recipient}, {"date", w.date}, {"text", w.text}} {
		if c.col != "" && !have[c.col] {
			names := make([]string, 0, len(have))
			for n := range have {
				names = append(names, n)
			}
			slices.Sort(names)
			return fmt.Errorf("job %s: %w", j.Name, catalog.Errorf("poll.wolvox_log_no_column", "table", w.table, "source", src.Name(),
				"column", c.col, "setting", c.key, "columns", strings.Join(names, ", ")))
		}
	}
	return nil
}

// The reasons poll gives (their texts are in connector/catalog).
const (
	ReasonWolvoxSent = "poll.wolvox_sent" // Wolvox itself sent this message already
	ReasonNoContacts = "poll.no_contacts" // a contacts-only job, and no contact of the customer may be messaged
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonWolvoxSent, ReasonNoContacts, ReasonAbsentColumns, ReasonStatementUnreadable}

// seriesMark stands for the interval's number while a key is made, to find
// where the number goes in a job's own dedupe_key form too.
const seriesMark = "\x00"

// spacedOf is, for a message whose key ends in suffix (a contact's), the
// series ev's key belongs to; nil for an event of no series, and for a
// job's dedupe_key that leaves the number out (every interval has one key)
// or names it twice.
func (j *Job) spacedOf(source string, data erp.Record, ev event) (func(suffix string) *outbox.Spaced, error) {
	none := func(string) *outbox.Spaced { return nil }
	if ev.series == "" {
		return none, nil
	}
	k, err := j.dedupeKey(source, data, event{suffix: ev.series + seriesMark, period: ev.series + seriesMark})
	if err != nil {
		return nil, fmt.Errorf("job %s: dedupe key: %w", j.Name, err)
	}
	prefix, rest, ok := strings.Cut(k, seriesMark)
	if !ok || strings.Contains(rest, seriesMark) {
		return none, nil
	}
	renumbered := ""
	if ev.renumbered != "" {
		if renumbered, err = j.dedupeKey(source, data, event{suffix: ev.renumbered, period: ev.renumbered}); err != nil {
			return nil, fmt.Errorf("job %s: dedupe key: %w", j.Name, err)
		}
	}
	return func(suffix string) *outbox.Spaced {
		sp := &outbox.Spaced{Prefix: prefix, Suffix: rest + suffix, Since: ev.spaced, Began: ev.since}
		if renumbered != "" {
			sp.Renumbered = renumbered + suffix
		}
		return sp
	}, nil
}
