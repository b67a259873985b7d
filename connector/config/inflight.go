package config

import (
	"context"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// InFlight is how many requests a channel has under way at once, 1 to
// MaxInFlight; zero means unset (InFlightLimit decides).
type InFlight int

// MaxInFlight bounds in_flight: more requests at once to one provider
// account only earns its throttling.
const MaxInFlight = 64

// ParseInFlight reads a whole number from 1 to MaxInFlight.
func ParseInFlight(s string) (InFlight, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > MaxInFlight {
		return 0, bad("config.in_flight", "max", MaxInFlight, "value", quote(s))
	}
	return InFlight(n), nil
}

func (n *InFlight) UnmarshalYAML(ctx context.Context, node ast.Node) error {
	return decodeScalar(ctx, node, say("config.hint.in_flight"), func(s string) error {
		v, err := ParseInFlight(s)
		*n = v
		return err
	})
}
