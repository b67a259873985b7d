package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/spf13/cobra"
)

// Every list command takes --json: one JSON document on stdout, an array
// of the rows (never null, so `jq length` says 0), for scripts and
// monitoring. The table stays the default for people.

func jsonFlag(g *globals, cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, g.h("help.flag.json"))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// nonNil makes an empty list encode as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type auditJSON struct {
	Time      time.Time `json:"time"`
	Channel   string    `json:"channel"`
	Host      string    `json:"host"`
	Recipient string    `json:"recipient"` // masked when it was stored
	BytesOut  int64     `json:"bytes_out"`
	BytesIn   int64     `json:"bytes_in"`
	Outcome   string    `json:"outcome"`
}

type optOutJSON struct {
	Recipient string    `json:"recipient"`
	Channel   string    `json:"channel"` // "" every channel
	Scope     string    `json:"scope"`   // all, or commercial only
	Source    string    `json:"source"`  // operator, reply, bounce, provider
	Added     time.Time `json:"added"`   // when it took effect
	Note      string    `json:"note,omitempty"`
}

type optOutListJSON struct {
	OptedOut []optOutJSON `json:"opted_out"`
	// Forgotten people are refused by a keyed hash only: counted, never listed.
	Forgotten int `json:"forgotten"`
}

type namedJSON struct {
	Name string    `json:"name"`
	When time.Time `json:"updated"`
}

type tokenJSON struct {
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
}
