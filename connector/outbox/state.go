package outbox

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Status is a message's state in the outbox.
type Status string

// Message states.
const (
	StatusNew       Status = ""          // not stored yet: only as the start of an insert
	StatusPending   Status = "pending"   // waiting for its turn (or for quiet hours / a retry delay)
	StatusSending   Status = "sending"   // its request has left or is leaving: the provider may have it
	StatusSent      Status = "sent"      // accepted by the provider
	StatusDelivered Status = "delivered" // the provider's report says it arrived
	StatusRead      Status = "read"      // the recipient opened it (WhatsApp's status webhook)
	StatusFailed    Status = "failed"    // permanently refused or undeliverable
	StatusSkipped   Status = "skipped"   // never sendable (bad recipient, opt-out, template error); reason kept
	StatusUncertain Status = "uncertain" // may or may not have reached the provider; reconcile before resending
	StatusHeld      Status = "held"      // uncertain and not reconcilable: waits for an operator
	StatusCancelled Status = "cancelled" // cancelled by an operator, or a fallback no longer needed
	StatusStandby   Status = "standby"   // a fallback, sent only if the earlier channel fails
)

// Statuses lists every state a stored message can be in, in the order of
// its life.
var Statuses = []Status{StatusStandby, StatusPending, StatusSending, StatusUncertain, StatusHeld,
	StatusSent, StatusDelivered, StatusRead, StatusFailed, StatusSkipped, StatusCancelled}

// transitions is the one table of the moves a message may make; the store
// refuses any other (ErrTransition) inside the transaction that would make
// it. Each line says why the move exists.
var transitions = map[Status][]Status{
	StatusNew: {
		StatusPending, // enqueued
		StatusSkipped, // enqueued but not sendable (no recipient, template error)
		StatusStandby, // enqueued as a fallback channel
	},
	StatusStandby: {
		StatusPending,   // the earlier channel failed: the fallback goes
		StatusCancelled, // the earlier channel succeeded: not needed
	},
	StatusPending: {
		StatusSending,   // its request leaves now
		StatusSkipped,   // the recipient opted out before its request
		StatusCancelled, // cancelled by an operator
	},
	StatusSending: {
		StatusSent,      // the provider accepted it
		StatusFailed,    // refused for good, or retries exhausted
		StatusPending,   // retry later, channel paused, daily cap, or the request never started
		StatusUncertain, // no answer after the request went out, or a crash during the send
	},
	StatusUncertain: {
		StatusSent,      // the provider's report shows it was accepted
		StatusDelivered, // ... and delivered
		StatusRead,      // ... and read (a status webhook)
		StatusFailed,    // ... and failed
		StatusPending,   // the provider proved it never took it, or uncertain_sends: resend
		StatusHeld,      // nobody can tell: an operator decides
	},
	StatusHeld: {
		StatusPending,   // an operator retries it
		StatusCancelled, // an operator cancels it
		StatusSent,      // a late status webhook shows the provider took it
		StatusDelivered, // ... and delivered it
		StatusRead,      // ... and it was read
		StatusFailed,    // ... and it failed
	},
	StatusSent: {
		StatusDelivered, // delivery report
		StatusRead,      // read (a status webhook; "read" may come without "delivered")
		StatusFailed,    // delivery report: not delivered
	},
	StatusFailed: {
		StatusPending, // an operator retries it, or re-reads its record from Wolvox (Reaim)
		StatusSkipped, // an operator re-read its record, and today it cannot be sent: today's reason (Reaim)
	},
	StatusDelivered: {
		StatusRead, // the recipient opened it (a status webhook)
	},
	StatusRead: {},
	StatusSkipped: {
		StatusPending, // an operator re-read its record, corrected in Wolvox, and it can be sent now (Reaim)
	},
	StatusCancelled: {},
}

// ErrTransition is returned for a move the state table does not allow.
var ErrTransition = errors.New("this change of message state is not allowed")

// Allowed reports whether a message may move from one state to another.
func Allowed(from, to Status) bool { return slices.Contains(transitions[from], to) }

// checkMove refuses a move from any of from to to that the table forbids.
func checkMove(to Status, from ...Status) error {
	if len(from) == 0 {
		return fmt.Errorf("a move to %s needs the states it may come from", to)
	}
	for _, f := range from {
		if !Allowed(f, to) {
			return fmt.Errorf("%s → %s: %w", nameOf(f), to, ErrTransition)
		}
	}
	return nil
}

func nameOf(s Status) string {
	if s == StatusNew {
		return "(new)"
	}
	return string(s)
}

// Final reports whether a message in s will not change by itself any more.
// A delivered message is not: WhatsApp may still report it read.
func (s Status) Final() bool {
	switch s {
	case StatusRead, StatusFailed, StatusSkipped, StatusCancelled:
		return true
	}
	return false
}

// StateDiagram draws the transition table as a Mermaid state diagram for
// docs/STATES.md (a test keeps the document and the table the same).
func StateDiagram() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	for _, from := range append([]Status{StatusNew}, Statuses...) {
		for _, to := range transitions[from] {
			f := string(from)
			if from == StatusNew {
				f = "[*]"
			}
			fmt.Fprintf(&b, "    %s --> %s\n", f, to)
		}
	}
	for _, s := range Statuses {
		if len(transitions[s]) == 0 {
			fmt.Fprintf(&b, "    %s --> [*]\n", s)
		}
	}
	return b.String()
}
