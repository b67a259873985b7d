package catalog

// Localized is an error people read: In gives its text in their language,
// Error the English one for programs. The command line prints the first
// Localized error in a chain in the reader's language.
type Localized interface {
	error
	In(Lang) string
}

// Error is a Localized error made of a catalog text. Err, when set, is the
// error it stands for (errors.Is finds it).
type Error struct {
	Msg Msg
	Err error
}

// Errorf is an Error of key with args (name, value pairs, as M).
func Errorf(key Key, args ...any) *Error { return &Error{Msg: M(key, args...)} }

// Wrapping returns e standing for err.
func (e *Error) Wrapping(err error) *Error { e.Err = err; return e }

func (e *Error) Error() string    { return e.Msg.In(EN) }
func (e *Error) In(l Lang) string { return e.Msg.In(l) }
func (e *Error) Unwrap() error    { return e.Err }
