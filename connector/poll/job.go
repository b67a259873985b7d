// Package poll is change detection: it runs a job's query against each of
// its ERP databases, finds the rows the job has not seen yet (new by key,
// changed by timestamp, or matching a condition this period), renders them
// into messages and enqueues them in the outbox together with the job's
// cursor, in one transaction per page.
package poll

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/quietdays"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Job is a configured notification ready to run.
type Job struct {
	Name       string
	Mode       config.Mode
	Sources    []string
	SQL        string // base SELECT of a sql: job; a preset's depends on the database (see SQLFor)
	Key        string
	DateColumn string // for backfill by period
	YearsOwn   bool   // a new year's database is read from its first row (erp.Preset.YearsOwn)
	Entity     string
	Schedule   config.Schedule
	Backfill   config.Backfill
	PageSize   int
	Commercial bool
	Fallback   []string
	Check      func(erp.Record) *mapping.Reason
	Sample     erp.Record
	Mapper     *mapping.Mapper
	DedupeKey  *mapping.Template   // nil: the mode's own (dedupe.go)
	Lag        time.Duration       // changed mode: rows younger than this wait
	Renotify   time.Duration       // condition mode: how often one row may notify again
	Needs      map[string][]string // tables/columns checked before each run

	// preset jobs: the query is built per database from its columns.
	preset erp.Preset
	params erp.Params
	warned *sync.Map // source name → absent columns already warned about

	// What a row becomes beyond one message per channel (steps.go, plan.go).
	loc          *time.Location
	region       string
	event        func(erp.Record) string // the preset's own event (shipments)
	anchor       *anchor                 // renotify periods from the row's date (anchored.go)
	steps        []Step                  // a reminder sequence, by offset
	contacts     *contactSpec            // nil: the account only
	contactSteps []*mapping.Mapper       // per step, its contact variant
	quiet        *quietdays.Calendar
	quietHours   *quietHours
	wolvox       *wolvoxLog
	// merchant tells a merchant (tacir) from an individual by the row
	// (iys.merchant_column); nil: every recipient is an individual.
	merchant  func(erp.Record) bool
	statement *statementSpec // account statements and reconciliations (statement.go)
}

// Build compiles a validated config job.
func Build(cfg *config.Config, j config.Job) (*Job, error) {
	job := &Job{
		Name: j.Name, Mode: j.Mode, Sources: j.Sources, Key: j.Key, Schedule: j.Schedule,
		Backfill: j.Backfill, PageSize: j.PageSize, Commercial: j.Kind.Commercial(),
		Fallback: j.Fallback, Entity: j.Name, DateColumn: j.Timestamp, Lag: j.Lag.Std(), Renotify: j.Renotify.Std(),
	}
	var preset erp.Preset
	if j.Preset != "" {
		var ok bool
		if preset, ok = erp.LookupPreset(j.Preset); !ok {
			return nil, fmt.Errorf("job %s: unknown preset %q", j.Name, j.Preset)
		}
		params := statementParams(sequenceParams(erp.Params(j.Params), preset, j.Sequence), preset, j.Statement)
		if _, err := preset.SQL(params); err != nil {
			return nil, fmt.Errorf("job %s: %w", j.Name, err)
		}
		job.Entity, job.Check, job.Sample, job.Needs = preset.Entity, preset.Check, copyRecord(preset.Sample), preset.Needs(params)
		job.preset, job.params, job.warned = preset, params, &sync.Map{}
		if job.Key == "" {
			job.Key = preset.Key
		}
		if job.DateColumn == "" {
			job.DateColumn = preset.DateColumn
		}
		job.YearsOwn = preset.YearsOwn
		if a := preset.Anchor; a != nil {
			first, err := a.First(params)
			if err != nil {
				return nil, fmt.Errorf("job %s: %w", j.Name, err)
			}
			job.anchor = &anchor{column: a.Column, first: first}
		}
	} else {
		job.SQL = j.SQL
	}
	formats := mapping.DefaultFormats()
	formats.Currency, formats.CurrencyPrefix, formats.Location = cfg.Formats.Currency, cfg.Formats.CurrencyPrefix, cfg.Location()
	if j.DedupeKey != "" {
		t, err := mapping.ParseText(j.Name+".dedupe_key", j.DedupeKey, formats)
		if err != nil {
			return nil, err
		}
		job.DedupeKey = t
	}
	if err := job.buildStatement(j, preset, formats); err != nil {
		return nil, fmt.Errorf("job %s: %w", j.Name, err)
	}
	b := mapperBuilder{cfg: cfg, job: j, preset: preset, formats: formats, statement: job.statement}
	m, err := b.build(j.Name, j.Messages, nil)
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", j.Name, err)
	}
	job.Mapper = m
	if i := cfg.IYS; i != nil && i.MerchantColumn != "" && job.Commercial {
		job.merchant = func(r erp.Record) bool { return i.Merchant(r[i.MerchantColumn]) }
	}
	if err := job.buildMessaging(cfg, j, preset, b); err != nil {
		return nil, fmt.Errorf("job %s: %w", j.Name, err)
	}
	return job, nil
}

// SQLFor is the job's base SELECT for one database. A preset's is built for
// the columns that database has (each year's database may differ): optional
// columns it lacks are read as NULL and returned in absent, as TABLE.COLUMN.
func (j *Job) SQLFor(ctx context.Context, src *erp.Source) (sql string, absent []string, err error) {
	if j.preset.Name == "" {
		return j.SQL, nil, nil
	}
	cols, err := src.Columns(ctx, j.preset.Tables())
	if err != nil {
		return "", nil, fmt.Errorf("job %s: %w", j.Name, err)
	}
	sql, absent, err = j.preset.Build(j.params, cols)
	if err != nil {
		return "", nil, fmt.Errorf("job %s: source %s: %w", j.Name, src.Name(), err)
	}
	return sql, absent, nil
}

// forSource is j with SQL set to its SELECT for src. The first time a source
// lacks optional columns, warn names them: once per job and source, not per run.
func (j *Job) forSource(ctx context.Context, src *erp.Source, warn func(msg string, kv ...any)) (*Job, error) {
	sql, absent, err := j.SQLFor(ctx, src)
	if err != nil {
		return nil, err
	}
	if len(absent) > 0 && warn != nil {
		if _, seen := j.warned.LoadOrStore(src.Name(), true); !seen {
			warn(AbsentWarning, "job", j.Name, "source", src.Name(), "columns", strings.Join(absent, ", "))
		}
	}
	if sql == j.SQL {
		return j, nil
	}
	c := *j
	c.SQL = sql
	return &c, nil
}

// AbsentWarning is logged once per job and source whose database lacks
// optional columns of the job's preset; its columns attribute names them.
// It is a catalog key, as every log message is.
const AbsentWarning = "log.poll.absent_columns"

// ReasonAbsentColumns says, for check and render, which optional columns a
// database lacks and what that means (connector/catalog has the text).
const ReasonAbsentColumns = "poll.absent_columns"

// AbsentNote is ReasonAbsentColumns for the absent columns.
func AbsentNote(absent []string) mapping.Reason {
	return mapping.R(ReasonAbsentColumns, "columns", strings.Join(absent, ", "))
}

// smsSettings tells the mapper what the SMS provider can send, so segment
// counts and max_segments match what the shop pays for.
func smsSettings(s *mapping.ChannelSpec, ch *config.Channel, maxSegments int, translit bool) error {
	s.MaxSegments, s.Transliterate = maxSegments, translit
	if ch == nil {
		return nil
	}
	var enc config.SMSEncoding
	var reserve *int
	switch {
	case ch.NetGSM != nil:
		enc, reserve = ch.NetGSM.Encoding, ch.NetGSM.OperatorReserve
	case ch.Mutlucell != nil:
		enc, reserve = ch.Mutlucell.Charset, ch.Mutlucell.OperatorReserve
	}
	scheme := enc.Scheme()
	if !enc.IsSet() {
		scheme = mapping.SchemeTurkish
	}
	s.Scheme = scheme
	if scheme == mapping.SchemeGSM7 {
		// Without the Turkish setting the providers replace Turkish letters
		// themselves; doing it here keeps the outbox and the count honest.
		s.Transliterate = true
	}
	if reserve != nil {
		s.OperatorReserve = *reserve
	}
	return nil
}

func whatsAppSource(w *config.WhatsAppMessage) mapping.WhatsAppSource {
	conv := func(ps []config.WAParam) []mapping.WhatsAppParam {
		var out []mapping.WhatsAppParam
		for _, p := range ps {
			out = append(out, mapping.WhatsAppParam{Type: p.Type, Value: p.Value, Name: p.Name, Code: p.Code, Amount: p.Amount,
				Filename: p.Filename})
		}
		return out
	}
	src := mapping.WhatsAppSource{Template: w.Template, Language: w.Language, Header: conv(w.Header), Body: conv(w.Body)}
	for _, b := range w.Buttons {
		src.Buttons = append(src.Buttons, mapping.WhatsAppButton{SubType: b.SubType, Index: b.Index, Value: b.Value})
	}
	return src
}

// Location is the config's time zone, the one the job's times are in.
func (j *Job) Location() *time.Location { return j.loc }
