package poll

import (
	"context"
	"fmt"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// SampleRow returns the newest row a job's query yields in its first
// database, so check can render a job written with its own SELECT against
// real columns: a misspelled column then fails at check time, not in front
// of a customer. It returns nil when the query yields no row.
func SampleRow(ctx context.Context, sources map[string]*erp.Group, j *Job) (erp.Record, error) {
	if len(j.Sources) == 0 {
		return nil, fmt.Errorf("job %s has no source", j.Name)
	}
	group, ok := sources[j.Sources[0]]
	if !ok {
		return nil, fmt.Errorf("job %s: source %s is not open", j.Name, j.Sources[0])
	}
	srcs, err := group.Sources()
	if err != nil || len(srcs) == 0 {
		return nil, err
	}
	src := srcs[len(srcs)-1]
	base, _, err := j.SQLFor(ctx, src)
	if err != nil {
		return nil, err
	}
	q := erp.NewestQuery(src.Dialect(), base, j.Key, 1)
	var row erp.Record
	err = src.Query(ctx, q, nil, func(r erp.Record) error {
		row = r
		return erp.ErrStop
	})
	if err != nil && row == nil {
		return nil, fmt.Errorf("job %s: read a sample row: %w", j.Name, err)
	}
	return row, nil
}
