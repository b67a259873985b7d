package erp

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"slices"
	"strings"
	"syscall"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/nakagami/firebirdsql"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Failure is the kind of trouble that stopped a read from a source. The
// drivers speak English and each in its own way; a person is told the cause
// and its fix in their own language from this kind (the catalog's
// "job.failed.*" texts), with the driver's words kept as the detail.
type Failure string

const (
	FailureNone        Failure = ""
	FailureUnreachable Failure = "unreachable" // no server answers at that address
	FailureLogin       Failure = "login"       // the server refused the user name or password
	FailureMissing     Failure = "missing"     // no such database on the server, or not for this user
	FailureSchema      Failure = "schema"      // a table or column the query names does not exist
	FailurePermission  Failure = "permission"  // the user may not read a table the query names
	FailureTimeout     Failure = "timeout"     // the server did not answer in time
	FailureDropped     Failure = "dropped"     // the connection was cut while the query ran or its rows were read
	FailureOther       Failure = "other"
)

// Failures are the kinds a failed read can have (for the catalog's tests).
var Failures = []Failure{FailureUnreachable, FailureLogin, FailureMissing, FailureSchema, FailurePermission, FailureTimeout, FailureDropped, FailureOther}

// FailureOf says what kind of trouble err is. The driver's own codes are
// asked first (Firebird's GDS codes, SQL Server's error numbers); SQLite has
// only its English texts, which are stable.
func FailureOf(err error) Failure {
	if err == nil {
		return FailureNone
	}
	if errors.Is(err, context.Canceled) {
		// A read the connector stopped itself (shutdown): a cancelled dial
		// is a net.OpError too, and must not be told as an unreachable server.
		return FailureOther
	}
	var fb *firebirdsql.FbError
	if errors.As(err, &fb) {
		switch {
		case slices.Contains(fb.GDSCodes, firebirdsql.ISCLogin), slices.Contains(fb.GDSCodes, firebirdsql.ISCLoginError):
			return FailureLogin
		case slices.Contains(fb.GDSCodes, firebirdsql.ISCIoError):
			return FailureMissing
		case slices.Contains(fb.GDSCodes, firebirdsql.ISCDsqlFieldErr), slices.Contains(fb.GDSCodes, firebirdsql.ISCDsqlRelationErr):
			return FailureSchema
		case slices.Contains(fb.GDSCodes, firebirdsql.ISCNoPriv):
			return FailurePermission
		case slices.Contains(fb.GDSCodes, firebirdsql.ISCNetworkError):
			return FailureUnreachable
		}
	}
	var ms mssql.Error
	if errors.As(err, &ms) {
		// A refused database comes as 4060 followed by 18456 (the login
		// failed because of it), and Number is the last of them.
		numbers := []int32{ms.Number}
		for _, e := range ms.All {
			numbers = append(numbers, e.Number)
		}
		switch {
		case slices.Contains(numbers, 4060): // Cannot open database requested by the login
			return FailureMissing
		case slices.Contains(numbers, 18456): // Login failed for user
			return FailureLogin
		case slices.Contains(numbers, 207), slices.Contains(numbers, 208): // Invalid column name, Invalid object name
			return FailureSchema
		case slices.Contains(numbers, 229), slices.Contains(numbers, 230): // The SELECT permission was denied on the object / column
			return FailurePermission
		}
	}
	if errors.Is(err, ErrDatabaseMissing) || missingDatabase(err) {
		return FailureMissing
	}
	var op *net.OpError
	var dns *net.DNSError
	if errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial" {
		return FailureUnreachable
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return FailureTimeout
	}
	if dropped(err) {
		return FailureDropped
	}
	m := err.Error()
	switch {
	// Firebird's driver answers a refused SRP login with isc_login's text
	// alone, not with its code.
	case strings.Contains(m, "user name and password are not defined"):
		return FailureLogin
	case strings.Contains(m, "no such table"), strings.Contains(m, "no such column"):
		return FailureSchema
	case strings.Contains(m, "no permission for SELECT access"):
		return FailurePermission
	}
	return FailureOther
}

// dropped recognises a connection that ended under a query: the server or
// the network closed it (the drivers say io.EOF, "bad connection"), reset
// it, or a read or write on it failed. A connection that could not be made
// at all is a dial's error, told as an unreachable server before this.
func dropped(err error) bool {
	var op *net.OpError
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) ||
		errors.As(err, &op) && op.Op != "dial"
}

// Cause is the kind in people's words; zero for a kind without one.
func (f Failure) Cause() catalog.Msg {
	if f.key() == "job.failed.other" {
		return catalog.Msg{}
	}
	return catalog.M(f.key())
}

// Told is a failed read's error text, as stored, the way people read it:
// the cause of its kind first, in their language, then the driver's words.
func (f Failure) Told(detail string) catalog.Msg {
	if c := f.Cause(); !c.IsZero() {
		return catalog.M("job.failed.told", "cause", c, "err", detail)
	}
	return catalog.M("job.failed.other", "err", detail)
}

// FixKey is the status page's advice for a job whose last read failed so.
func (f Failure) FixKey() catalog.Key {
	if f.key() == "job.failed.other" {
		return "statuspage.fix.job_failed"
	}
	return "statuspage.fix.job_failed." + catalog.Key(f)
}

func (f Failure) key() catalog.Key {
	if f == FailureNone || !slices.Contains(Failures, f) {
		f = FailureOther // what an older or newer binary stored, too
	}
	return "job.failed." + catalog.Key(f)
}

// Explain returns err with the cause of its kind told first, as a catalog
// error (logs and the command line write it in their language); errors.Is
// and errors.As still find err and what it wraps.
func Explain(err error) error {
	f := FailureOf(err)
	if f == FailureNone || f == FailureOther {
		return err
	}
	return catalog.Errorf("job.failed.told", "cause", f.Cause(), "err", err).Wrapping(err)
}
