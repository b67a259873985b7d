package outbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The store refuses a move the state table does not allow, whichever method
// asks for it, and leaves the message as it was.
func TestIllegalTransitionIsRefused(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("1", "invoice:1")); err != nil {
		t.Fatal(err)
	}
	c, err := s.Claim(ctx, "sms", 1)
	if err != nil || len(c) != 1 {
		t.Fatalf("claim: %v %v", c, err)
	}
	id := c[0].ID
	for _, tc := range []struct {
		name string
		do   func() error
	}{
		{"cancelled to sent", func() error { return s.SetStatus(ctx, id, StatusSent, StatusCancelled) }},
		{"sending to delivered", func() error { return s.SetStatus(ctx, id, StatusDelivered, StatusSending) }},
		{"a report resending a sent message", func() error {
			_, err := s.RecordReport(ctx, id, Report{Status: StatusPending}, StatusSent)
			return err
		}},
		{"a send outcome of held", func() error { return s.Finish(ctx, c[0], Outcome{Status: StatusHeld}) }},
		{"delivered back to pending", func() error { return s.SetStatus(ctx, id, StatusPending, StatusDelivered) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.do(); !errors.Is(err, ErrTransition) {
				t.Fatalf("err = %v, want ErrTransition", err)
			}
			if m, _ := s.Get(ctx, id); m.Status != StatusSending {
				t.Fatalf("the refused move changed the message to %s", m.Status)
			}
		})
	}
	// The allowed move still works.
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusSent, ProviderID: "1"}); err != nil {
		t.Fatal(err)
	}
}

// Every state appears in the table, final states have no way out but an
// operator's (retry, re-read), and nothing moves back to "new".
func TestTransitionTable(t *testing.T) {
	for _, st := range Statuses {
		if _, ok := transitions[st]; !ok {
			t.Errorf("%s has no line in the transition table", st)
		}
		if st.Final() && st != StatusFailed && st != StatusSkipped && len(transitions[st]) > 0 {
			t.Errorf("final state %s can move to %v", st, transitions[st])
		}
		if Allowed(st, StatusNew) {
			t.Errorf("%s may move back to new", st)
		}
	}
}

// docs/STATES.md draws the same table the store enforces.
func TestStateDiagramInDocs(t *testing.T) {
	b, err := os.ReadFile("../../docs/STATES.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "```mermaid\n"+StateDiagram()+"```") {
		t.Fatalf("docs/STATES.md does not hold the current diagram; replace its mermaid block with:\n%s", StateDiagram())
	}
}
