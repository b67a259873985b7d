package erp

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// scanner converts driver values to the few types templates understand.
type scanner struct {
	names   []string
	decimal []bool
	// wall marks the columns whose times are the shop's wall clock without
	// zone, read in zone (see Zone).
	wall    []bool
	zone    Zone
	dialect Dialect
	vals    []any
	ptrs    []any
}

func newScanner(rows *sql.Rows, d Dialect, z Zone) (*scanner, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, catalog.Errorf("erp.column_types", "err", err).Wrapping(err)
	}
	s := &scanner{dialect: d, zone: z, names: make([]string, len(types)), decimal: make([]bool, len(types)), wall: make([]bool, len(types))}
	for i, t := range types {
		s.names[i] = strings.ToUpper(t.Name())
		tn := strings.ToUpper(t.DatabaseTypeName())
		s.wall[i] = zoneless(tn)
		// Drivers name exact types differently (Firebird's NUMERIC(18,2) is
		// an INT64 on the wire); a scale says it is exact either way.
		_, scale, hasScale := t.DecimalSize()
		s.decimal[i] = strings.Contains(tn, "NUMERIC") || strings.Contains(tn, "DECIMAL") || strings.Contains(tn, "MONEY") ||
			(hasScale && scale > 0 && !strings.Contains(tn, "FLOAT") && !strings.Contains(tn, "DOUBLE")) ||
			// A text value from an integer column is a scaled NUMERIC.
			tn == "INT64" || tn == "LONG" || tn == "SHORT" || tn == "INT128"
	}
	s.vals = make([]any, len(types))
	s.ptrs = make([]any, len(types))
	for i := range s.vals {
		s.ptrs[i] = &s.vals[i]
	}
	return s, nil
}

func (s *scanner) scan(rows *sql.Rows) (Record, error) {
	for i := range s.vals {
		s.vals[i] = nil
	}
	if err := rows.Scan(s.ptrs...); err != nil {
		return nil, err
	}
	rec := make(Record, len(s.names))
	for i, v := range s.vals {
		rec[s.names[i]] = s.convert(i, v)
	}
	return rec, nil
}

func (s *scanner) convert(i int, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []byte:
		if s.decimal[i] {
			if d, err := decimal.NewFromString(string(x)); err == nil {
				return d
			}
		}
		return s.dialect.DecodeText(x)
	case string:
		if s.decimal[i] {
			if d, err := decimal.NewFromString(x); err == nil {
				return d
			}
		}
		return s.dialect.DecodeText([]byte(x))
	case float64:
		if s.decimal[i] {
			// A NUMERIC(18,2) that the driver handed over as a float: the
			// shortest decimal that round-trips is the value that was stored.
			return decimal.NewFromFloat(x)
		}
		return x
	case float32:
		return float64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int:
		return int64(x)
	case time.Time:
		if s.wall[i] {
			return s.zone.Read(x)
		}
		return x
	case decimal.Decimal, int64, bool:
		return x
	case *decimal.Decimal:
		if x == nil {
			return nil
		}
		return *x
	default:
		return fmt.Sprint(x)
	}
}
