package main

import (
	"strconv"

	"github.com/spf13/pflag"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// countValue is a flag that counts something (--limit): a whole number in
// decimal digits, at least min. The library's int flag reads "0x10" as 16
// and "010" as 8, and took any number, so that a zero or negative --limit
// quietly meant the default.
type countValue struct {
	to       *int
	name     string
	def, min int
}

// countVar defines a count flag called name with the default def.
func countVar(fs *pflag.FlagSet, to *int, name string, def, min int, usage string) {
	*to = def
	fs.Var(countValue{to: to, name: name, def: def, min: min}, name, usage)
}

func (v countValue) String() string { return strconv.Itoa(*v.to) }

// Type is the library's word for its own int flags, which the help shows
// after the flag's name ("--limit int").
func (v countValue) Type() string { return "int" }

func (v countValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil {
		return err // a *strconv.NumError, which numberError says in the reader's language
	}
	if n < int64(v.min) {
		return catalog.Errorf("cmd.flag.count_min", "min", v.min, "example", "--"+v.name+" "+strconv.Itoa(v.def))
	}
	*v.to = int(n)
	return nil
}
