package poll

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/statement"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// statementSpec is what a statement preset's job adds to each row: the
// customer's movements of the period, the totals worked out from them, the
// reconciliation's reply words, and for e-mail the statement as a PDF.
type statementSpec struct {
	months           int
	confirm, dispute string // the words the message asks for; empty for a plain statement
	formats          mapping.Formats
}

// statementParams passes the configured period to the preset's query.
func statementParams(params erp.Params, preset erp.Preset, s *config.Statement) erp.Params {
	if !preset.Statement || s == nil || s.Period.Months() == 0 || params["months"] != "" {
		return params
	}
	out := erp.Params{"months": strconv.Itoa(s.Period.Months())}
	for k, v := range params {
		out[k] = v
	}
	return out
}

// buildStatement sets up a statement preset's job.
func (j *Job) buildStatement(c config.Job, preset erp.Preset, f mapping.Formats) error {
	if !preset.Statement {
		return nil
	}
	months, err := erp.StatementMonths(j.params)
	if err != nil {
		return err
	}
	s := &statementSpec{months: months, formats: f}
	if preset.Reconciliation {
		rw := config.ReplyWords{Confirm: config.DefaultConfirmWords, Dispute: config.DefaultDisputeWords}
		if c.Statement != nil && len(c.Statement.ReplyWords.Confirm) > 0 && len(c.Statement.ReplyWords.Dispute) > 0 {
			rw = c.Statement.ReplyWords
		}
		s.confirm, s.dispute = rw.Confirm[0], rw.Dispute[0]
	}
	j.statement = s
	for t, cols := range erp.MovementNeeds() {
		j.Needs = addNeeds(j.Needs, t, cols...)
	}
	if j.Sample != nil {
		j.Sample[statement.Movements] = erp.StatementSampleMovements()
		s.fill(j.Sample)
	}
	return nil
}

// fill adds the movements' statement to a row's data; a row whose values
// cannot be read is refused with the reason.
func (s *statementSpec) fill(data erp.Record) *mapping.Reason {
	if s.confirm != "" {
		data[statement.ConfirmWord], data[statement.DisputeWord] = s.confirm, s.dispute
	}
	if _, ok := data[statement.Movements]; !ok {
		data[statement.Movements] = []erp.Record(nil)
	}
	st, err := statement.FromRecord(data, s.formats)
	if err != nil {
		why := mapping.R(ReasonStatementUnreadable).WithDetail(err.Error())
		return &why
	}
	st.Fill(data)
	// Dates as times, whatever the database returned (SQLite: text).
	data["DONEM_BASI"], data["DONEM_SONU"] = st.From, st.To
	return nil
}

// attachment is the e-mail's statement PDF.
func (s *statementSpec) attachment(name *mapping.Template) mapping.AttachmentSpec {
	return mapping.AttachmentSpec{Name: name, ContentType: "application/pdf", Make: func(rec mapping.Record) ([]byte, error) {
		st, err := statement.FromRecord(rec, s.formats)
		if err != nil {
			return nil, err
		}
		return st.PDF(catalog.TR, s.formats, time.Now())
	}}
}

// loadMovements reads the period's movements of the page's customers, a
// few hundred customers per query (as the contacts are read).
func (j *Job) loadMovements(ctx context.Context, src *erp.Source, page []erp.Record) (map[string][]erp.Record, error) {
	if j.statement == nil {
		return nil, nil
	}
	out, err := byCustomer(ctx, src, customerKeys(page, "CARI_BLKODU"), erp.MovementTables(), "HAREKET_CARI",
		func(cols erp.Columns, n int) (string, error) {
			q, _, err := erp.MovementsQuery(src.Dialect(), cols, j.statement.months, n)
			return q, err
		})
	if err != nil {
		return nil, fmt.Errorf("job %s: movements: %w", j.Name, err)
	}
	return out, nil
}

// ReasonStatementUnreadable: a statement's values could not be read
// exactly (a date or an amount the database returned in an odd form).
const ReasonStatementUnreadable = "poll.statement_unreadable"

// MovementVariant is a statement job's sample row with a movement column
// NULL in each of its movements (or all of MovementNullable at once), made
// as run makes a row: its movements' statement filled in, or the reason run
// would skip the row.
type MovementVariant struct {
	Nulled  []string   // the movement columns NULL
	Row     erp.Record // the row the job's templates render; nil when Refused
	Refused *mapping.Reason
	// Lines are the statement's movements as its PDF writes them (date,
	// document, description, due date, debit, credit, balance), in Turkish
	// as customers read them; Sample's are the sample's own.
	Lines, Sample [][]string
}

// MovementVariants are the variants of sample (one of Variants' rows) with
// each of the movements' columns that may be NULL, NULL, then all of them;
// none for a job that is not a statement's. check renders them, so a
// template that cannot write a movement without a due date or an amount is
// refused before run meets one.
func (j *Job) MovementVariants(sample erp.Record) []MovementVariant {
	if j.statement == nil || sample == nil {
		return nil
	}
	moves, _ := sample[statement.Movements].([]erp.Record)
	sampleLines := j.statement.lines(sample)
	variant := func(nulled []string) MovementVariant {
		row := copyRecord(sample)
		rows := make([]erp.Record, len(moves))
		for i, m := range moves {
			rows[i] = copyRecord(m)
			for _, c := range nulled {
				rows[i][c] = nil
			}
		}
		row[statement.Movements] = rows
		v := MovementVariant{Nulled: nulled, Sample: sampleLines}
		if v.Refused = j.statement.fill(row); v.Refused == nil {
			v.Row, v.Lines = row, j.statement.lines(row)
		}
		return v
	}
	nullable := erp.MovementNullable()
	out := make([]MovementVariant, 0, len(nullable)+1)
	for _, c := range nullable {
		out = append(out, variant([]string{c}))
	}
	return append(out, variant(nullable))
}

// lines are a filled row's movements as its statement's PDF writes them.
func (s *statementSpec) lines(row erp.Record) [][]string {
	st, err := statement.FromRecord(row, s.formats)
	if err != nil {
		return nil
	}
	rows, _ := st.Rows(catalog.TR, s.formats)
	return rows
}
