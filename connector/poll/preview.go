package poll

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Preview is what a run at now would enqueue for one row of src: the same
// steps, contacts, quiet days and Wolvox-log check, without writing
// anything. render shows it.
func (j *Job) Preview(ctx context.Context, src *erp.Source, rec erp.Record, now time.Time) ([]Planned, error) {
	rc := &runContext{now: now}
	var err error
	if err = j.verifyLog(ctx, src); err != nil {
		return nil, err
	}
	if rc.sent, err = j.loadSent(ctx, src, now, j.region); err != nil {
		return nil, err
	}
	if rc.contacts, err = j.loadContacts(ctx, src, []erp.Record{rec}); err != nil {
		return nil, err
	}
	if rc.movements, err = j.loadMovements(ctx, src, []erp.Record{rec}); err != nil {
		return nil, err
	}
	return j.plan(src.Name(), rec, j.detector(src, now).event(rec), rc)
}

// Variant is one of a job's message sets and a row to render it with:
// check renders every step of a sequence, and the contact variant, against
// the preset's sample.
type Variant struct {
	Label  catalog.Msg // zero for a plain job
	Mapper *mapping.Mapper
	Sample erp.Record
}

// Variants are the job's message sets with the sample row each renders
// with; a plain job has one, unlabelled.
func (j *Job) Variants() []Variant {
	if len(j.steps) == 0 {
		out := []Variant{{Mapper: j.Mapper, Sample: j.Sample}}
		if j.contacts != nil {
			out = append(out, Variant{Label: catalog.M("poll.contacts"), Mapper: j.contacts.mapper, Sample: contactSample(j.Sample)})
		}
		return out
	}
	var out []Variant
	for i, s := range j.steps {
		sample := copyRecord(j.Sample)
		if sample != nil {
			sample["GECIKME_GUN"], sample["ADIM"] = int64(s.Offset), int64(i+1)
			for ch, a := range s.staff {
				sample[staffField(ch)] = a
			}
		}
		out = append(out, Variant{Label: s.Label(), Mapper: s.Mapper, Sample: sample})
		if j.contacts != nil && !s.Staff {
			out = append(out, Variant{Label: label(s.Label(), catalog.M("poll.contacts")), Mapper: j.contactSteps[i], Sample: contactSample(sample)})
		}
	}
	return out
}

// contactSample is a sample row as a contact person receives it.
func contactSample(r erp.Record) erp.Record {
	if r == nil {
		return nil
	}
	out := copyRecord(r)
	out["YETKILI_BLKODU"], out["YETKILI_ADI"], out["ALICI_ADI"] = int64(31), "Mehmet Demir", "Mehmet Demir"
	out["YETKILI_CEP_TEL"], out["YETKILI_E_MAIL"] = "0533 765 43 21", "mehmet.demir@example.com"
	return out
}

// Nullable are the columns of the job's rows that a real row may have NULL
// where the sample has a value (see erp.Preset.Nullable); check renders the
// variants' templates with them NULL too. A sql: job has none: its columns
// are the dealer's own, and check renders its newest real row instead.
func (j *Job) Nullable() []string {
	if j.preset.Name == "" {
		return nil
	}
	return j.preset.Nullable(j.params)
}
