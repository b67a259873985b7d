package erp

import (
	"context"
	"fmt"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// routineLister is a dialect whose database can hold stored routines that
// look like a table or a function in a SELECT yet write: on Firebird a
// selectable procedure without parameters is read as FROM NAME, and a
// procedure or PSQL function that calls GEN_ID advances a generator even
// inside a read-only transaction. The text alone cannot tell such a name
// from a table's, so the database's own list decides.
type routineLister interface {
	// RoutinesQuery lists NAME and KIND (P: procedure, F: function) of
	// every stored routine that can write.
	RoutinesQuery() string
}

// routines are a database's stored routine names, upper-cased as it stores
// unquoted names.
type routines struct{ procs, funcs map[string]bool }

// RoutinesQuery: procedures, and the functions written in PSQL (a legacy
// UDF has a module name; it is a library call such as RTRIM and cannot
// run SQL). Firebird 2.5 has no PSQL functions and no RDB$ENGINE_NAME, so
// the query names only columns 2.5 already has.
func (firebirdDialect) RoutinesQuery() string {
	return "SELECT TRIM(RDB$PROCEDURE_NAME) AS NAME, 'P' AS KIND FROM RDB$PROCEDURES " +
		"UNION ALL SELECT TRIM(RDB$FUNCTION_NAME), 'F' FROM RDB$FUNCTIONS WHERE RDB$MODULE_NAME IS NULL AND COALESCE(RDB$SYSTEM_FLAG, 0) = 0"
}

// refuseRoutines refuses a statement that selects from a stored procedure or
// calls a PSQL function of the database. The list is read once per source:
// the shop's schema does not change while the connector runs.
func (s *Source) refuseRoutines(ctx context.Context, st statement) error {
	rl, ok := s.dialect.(routineLister)
	if !ok {
		return nil
	}
	r, err := s.loadRoutines(ctx, rl)
	if err != nil {
		return err
	}
	for _, name := range tableNames(st.code) {
		if r.procs[name] {
			return fmt.Errorf("source %s: %w", s.name, refuse(ReasonSQLProcedure, "name", name))
		}
	}
	for i, t := range st.code {
		if t.kind == tokWord && i+1 < len(st.code) && st.code[i+1].text == "(" && r.funcs[strings.ToUpper(t.text)] {
			return fmt.Errorf("source %s: %w", s.name, refuse(ReasonSQLFunction, "name", strings.ToUpper(t.text)))
		}
	}
	return nil
}

func (s *Source) loadRoutines(ctx context.Context, rl routineLister) (*routines, error) {
	s.mu.Lock()
	r := s.routines
	s.mu.Unlock()
	if r != nil {
		return r, nil
	}
	r = &routines{procs: map[string]bool{}, funcs: map[string]bool{}}
	err := s.query(ctx, rl.RoutinesQuery(), nil, func(rec Record) error {
		name := strings.TrimSpace(fmt.Sprint(rec["NAME"]))
		if fmt.Sprint(rec["KIND"]) == "P" {
			r.procs[name] = true
		} else {
			r.funcs[name] = true
		}
		return nil
	})
	if err != nil {
		switch FailureOf(err) {
		case FailureUnreachable, FailureLogin, FailureMissing, FailureDropped:
			// The first read of a source is this one: a connection that
			// failed is the source's trouble, told as such, not this step's.
			return nil, err
		}
		return nil, catalog.Errorf("erp.routines", "err", err).Wrapping(err)
	}
	s.mu.Lock()
	s.routines = r
	s.mu.Unlock()
	return r, nil
}
