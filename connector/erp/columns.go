package erp

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Columns are the columns one database has, by table, in upper case. A table
// the database lacks has no entry.
type Columns map[string]map[string]bool

// Has reports whether the database has table.column.
func (c Columns) Has(table, column string) bool {
	return c[strings.ToUpper(table)][strings.ToUpper(column)]
}

// Columns reads which columns the given tables have, once per table: a
// database's columns do not change while the connector runs, so later calls
// are answered from memory. A failed read is not remembered.
func (s *Source) Columns(ctx context.Context, tables []string) (Columns, error) {
	var ask []string
	s.mu.Lock()
	if s.cols == nil {
		s.cols = map[string]map[string]bool{}
	}
	for _, t := range tables {
		t = strings.ToUpper(t)
		if _, ok := s.cols[t]; !ok && !slices.Contains(ask, t) {
			ask = append(ask, t)
		}
	}
	s.mu.Unlock()
	if len(ask) > 0 {
		sort.Strings(ask)
		read := map[string]map[string]bool{}
		for _, t := range ask {
			read[t] = map[string]bool{} // stays empty when the table is absent
		}
		err := s.Query(ctx, s.dialect.ColumnsQuery(ask), nil, func(r Record) error {
			t := strings.ToUpper(strings.TrimSpace(fmt.Sprint(r["TABLE_NAME"])))
			c := strings.ToUpper(strings.TrimSpace(fmt.Sprint(r["COLUMN_NAME"])))
			if read[t] != nil {
				read[t][c] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		for t, cs := range read {
			s.cols[t] = cs
		}
		s.mu.Unlock()
	}
	out := Columns{}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range tables {
		t = strings.ToUpper(t)
		if cs := s.cols[t]; len(cs) > 0 {
			out[t] = cs
		}
	}
	return out, nil
}

// Role says what a preset does with one of its columns when a database
// lacks it. Wolvox versions and installs differ: older ones lack columns
// such as CARI.TEL2, CARI.SILINDI or FATURA.EFATURA_PDF_URL.
type Role int

const (
	// Required: the preset's logic cannot do without the column (the key,
	// the join, the date or amount the message is about, the kind of
	// invoice). A database without it is refused.
	Required Role = iota
	// Optional: only offered to templates, or one of several recipient
	// columns tried in order. An absent one is read as NULL under its name.
	Optional
	// Filter: a flag that leaves rows out (SILINDI, IPTAL, AKTIF). Absent
	// means no row is deleted, cancelled or inactive: the condition is
	// dropped.
	Filter
)

func (r Role) String() string {
	switch r {
	case Required:
		return "required"
	case Optional:
		return "optional"
	default:
		return "filter"
	}
}

// NullType is the SQL type of the NULL an absent optional column is read
// as; each dialect writes it (see Dialect.Null).
type NullType string

// The NULL types a preset column can stand in with.
const (
	NullText      NullType = "text"
	NullInt       NullType = "int"
	NullMoney     NullType = "money"
	NullDate      NullType = "date"
	NullTimestamp NullType = "timestamp"
)

// Column is one column a preset reads and what happens without it.
type Column struct {
	// Ref is the column as the preset's SQL writes it: alias.COLUMN, with
	// the aliases of tableAliases (F = FATURA, C = CARI, H = CARIHR, …).
	Ref  string
	Role Role
	// Null is the type an absent Optional column is read as.
	Null NullType
	// Keep is, for a Filter, the flag value of the rows kept; a NULL flag
	// counts as Keep (SILINDI and IPTAL keep 0, AKTIF keeps 1).
	Keep int
	// RequiredBy names a parameter that makes an Optional column required
	// when it is set (collections filters ISLEM_TURU by movement_types).
	RequiredBy string
}

// tableAliases are the aliases every preset's SQL uses for Wolvox's tables.
// G and K are a second FATURA and CARIHR inside a correlated subquery (the
// invoices after this one, the balance up to this movement); Y is a
// customer's contact persons.
var tableAliases = map[string]string{"F": "FATURA", "C": "CARI", "H": "CARIHR", "G": "FATURA", "K": "CARIHR", "Y": "CARI_YETKILI"}

func req(ref string) Column             { return Column{Ref: ref, Role: Required} }
func opt(ref string, t NullType) Column { return Column{Ref: ref, Role: Optional, Null: t} }
func filter(ref string, keep int) Column {
	return Column{Ref: ref, Role: Filter, Null: NullInt, Keep: keep}
}
func optBy(ref string, t NullType, param string) Column {
	return Column{Ref: ref, Role: Optional, Null: t, RequiredBy: param}
}

func (c Column) alias() string { a, _, _ := strings.Cut(c.Ref, "."); return a }

// Table is the column's table.
func (c Column) Table() string { return tableAliases[c.alias()] }

// Name is the column's name.
func (c Column) Name() string { _, n, _ := strings.Cut(c.Ref, "."); return n }

// String is TABLE.COLUMN.
func (c Column) String() string { return c.Table() + "." + c.Name() }

func (c Column) required(p Params) bool {
	return c.Role == Required || (c.RequiredBy != "" && p[c.RequiredBy] != "")
}

// keep is the filter's condition, e.g. COALESCE(F.SILINDI, 0) = 0.
func (c Column) keep() string { return fmt.Sprintf("COALESCE(%s, %d) = %d", c.Ref, c.Keep, c.Keep) }

// MissingColumnsError says which required columns a database lacks.
type MissingColumnsError struct {
	Preset  string
	Columns []string // TABLE.COLUMN or "table TABLE"
}

func (e *MissingColumnsError) Error() string {
	return fmt.Sprintf("preset %s cannot work without %s", e.Preset, strings.Join(e.Columns, ", "))
}

var (
	// colRef finds the column references of a preset's SQL; the aliases
	// are those of tableAliases.
	colRef = regexp.MustCompile(`\b[FCHGKY]\.[A-Z][A-Z0-9_]*\b`)
	// filterSlot marks where a table's filters go: {and:F} adds
	// " AND cond…", {where:C} adds " WHERE cond AND …"; either adds
	// nothing when the database has none of them.
	filterSlot = regexp.MustCompile(`\{(and|where):([FCHGKY])\}`)
)

// Build writes the preset's SELECT for a database that has the columns
// cols (see Source.Columns). Absent optional columns are selected as a typed
// NULL under their own name and absent filters are dropped; those columns are
// returned in absent, as TABLE.COLUMN, sorted. A database without a
// required column gets a *MissingColumnsError.
func (p Preset) Build(params Params, cols Columns) (sql string, absent []string, err error) {
	q, err := p.query(params)
	if err != nil {
		return "", nil, err
	}
	all := p.columnsFor(params)
	byRef := make(map[string]Column, len(all))
	var missing []string
	for _, c := range all {
		byRef[c.Ref] = c
		if cols.Has(c.Table(), c.Name()) {
			continue
		}
		// A table read under two aliases (G, K) names its column once.
		if c.required(params) {
			if !slices.Contains(missing, c.String()) {
				missing = append(missing, c.String())
			}
		} else if !slices.Contains(absent, c.String()) {
			absent = append(absent, c.String())
		}
	}
	sort.Strings(absent)
	if len(missing) > 0 {
		return "", absent, &MissingColumnsError{Preset: p.Name, Columns: missing}
	}
	q = filterSlot.ReplaceAllStringFunc(q, func(m string) string {
		sm := filterSlot.FindStringSubmatch(m)
		var conds []string
		for _, c := range all {
			if c.Role == Filter && c.alias() == sm[2] && cols.Has(c.Table(), c.Name()) {
				conds = append(conds, c.keep())
			}
		}
		if len(conds) == 0 {
			return ""
		}
		lead := " AND "
		if sm[1] == "where" {
			lead = " WHERE "
		}
		return lead + strings.Join(conds, " AND ")
	})
	var unknown []string
	q = colRef.ReplaceAllStringFunc(q, func(ref string) string {
		c, ok := byRef[ref]
		switch {
		case !ok:
			unknown = append(unknown, ref)
		case !cols.Has(c.Table(), c.Name()):
			return "{null:" + string(c.Null) + "}"
		}
		return ref
	})
	if len(unknown) > 0 {
		// A preset's own mistake: every column it reads must be in its table.
		return "", nil, fmt.Errorf("preset %s reads %s, which its column table does not classify", p.Name, strings.Join(unknown, ", "))
	}
	return q, absent, nil
}

// SQL is the preset's SELECT for a database that has every column of its
// table. It validates the parameters; to read a real database use Build
// with the database's columns.
func (p Preset) SQL(params Params) (string, error) {
	all := Columns{}
	for _, c := range p.columnsFor(params) {
		if all[c.Table()] == nil {
			all[c.Table()] = map[string]bool{}
		}
		all[c.Table()][c.Name()] = true
	}
	q, _, err := p.Build(params, all)
	return q, err
}

// Tables are the tables the preset reads, sorted.
func (p Preset) Tables() []string {
	var out []string
	for _, c := range p.Columns {
		if !slices.Contains(out, c.Table()) {
			out = append(out, c.Table())
		}
	}
	sort.Strings(out)
	return out
}

// Needs are the columns the preset cannot do without for these parameters,
// by table: what Source.Verify checks before a job runs.
func (p Preset) Needs(params Params) map[string][]string {
	out := map[string][]string{}
	for _, c := range p.columnsFor(params) {
		if c.required(params) && !slices.Contains(out[c.Table()], c.Name()) {
			out[c.Table()] = append(out[c.Table()], c.Name())
		}
	}
	return out
}

// columnsFor is the preset's column table plus the columns its parameters
// name (the CARIHR column that links a payment to its invoice). Those are in
// tables the preset reads anyway, so Tables stays the same.
func (p Preset) columnsFor(params Params) []Column {
	if p.extra == nil {
		return p.Columns
	}
	extra := p.extra(params)
	out := make([]Column, 0, len(p.Columns)+len(extra))
	out = append(out, p.Columns...)
	for _, c := range extra {
		if !slices.ContainsFunc(out, func(o Column) bool { return o.Ref == c.Ref }) {
			out = append(out, c)
		}
	}
	return out
}

// Nullable are the columns of the preset's rows that a real row may have
// NULL where its sample has a value: those its optional columns are
// selected as (F.VADESI AS VADESI, F.CEP_TEL AS FATURA_CEP_TEL), sorted.
// An invoice without a due date (a cash sale) is a row of new_invoices, and
// check renders the templates with these NULL too, so that a {{longdate
// .VADESI}} without {{with}} is refused there rather than skipping every
// such invoice at run time. A column the parameters make required
// (movement_types) is left out: the query then keeps only rows that have it.
func (p Preset) Nullable(params Params) []string {
	q, err := p.query(params)
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range p.columnsFor(params) {
		if c.Role != Optional || c.required(params) {
			continue
		}
		as := regexp.MustCompile(`(?:^|[^A-Za-z0-9_.])` + regexp.QuoteMeta(c.Ref) + `\s+AS\s+([A-Z_][A-Z0-9_]*)\b`)
		for _, m := range as.FindAllStringSubmatch(q, -1) {
			if v, ok := p.Sample[m[1]]; ok && v != nil && !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
	}
	sort.Strings(out)
	return out
}
