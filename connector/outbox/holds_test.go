package outbox

import (
	"path/filepath"
	"slices"
	"testing"
)

// A pause is kept per channel until it is resumed; resuming one that was
// never paused, or pausing twice, changes nothing.
func TestHeldChannels(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	ctx := t.Context()
	for _, step := range []struct {
		channel string
		held    bool
		want    []string
	}{
		{"sms", true, []string{"sms"}},
		{"email", true, []string{"email", "sms"}},
		{"sms", true, []string{"email", "sms"}},
		{"whatsapp", false, []string{"email", "sms"}},
		{"sms", false, []string{"email"}},
		{"email", false, nil},
	} {
		if err := s.SetHeld(ctx, step.channel, step.held); err != nil {
			t.Fatal(err)
		}
		got, err := s.HeldChannels(ctx)
		if err != nil || !slices.Equal(got, step.want) {
			t.Fatalf("after %s held=%v: %v %v, want %v", step.channel, step.held, got, err, step.want)
		}
	}
}
