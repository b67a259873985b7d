package outbox

import (
	"errors"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// The refusals of an operator's action on one message (retry, cancel),
// which the command line and the status page's log show to people: each is
// a catalog text (connector/catalog, keys outbox.*) standing for one of
// these, for code that tells them apart.
var (
	// ErrNoMessage is an ID the outbox has no message under.
	ErrNoMessage = errors.New("no such message")
	// ErrWrongState is a message not in a state the change starts from.
	ErrWrongState = errors.New("the message is not in a state this change starts from")
)

// wrongStateKeys say what the operator could not do, by the state asked
// for: "only failed messages can be queued again" tells more than a move
// to "pending".
var wrongStateKeys = map[Status]catalog.Key{
	StatusPending:   "outbox.wrong_state.retry",
	StatusCancelled: "outbox.wrong_state.cancel",
}

// wrongState refuses to move a message that is in is to to, which only
// messages in from may make.
func wrongState(is, to Status, from []Status) error {
	key, ok := wrongStateKeys[to]
	if !ok {
		key = "outbox.wrong_state"
	}
	if is == StatusUncertain && (to == StatusPending || to == StatusCancelled) {
		// Retry and Cancel are refused until the provider's report has
		// spoken: say what happens then, not only that the state is wrong.
		key = "outbox.wrong_state.uncertain"
	}
	return catalog.Errorf(key, "is", stateText(is), "from", eitherState(from), "to", stateText(to)).Wrapping(ErrWrongState)
}

// stateText is st as the listing names it, in the reader's language.
func stateText(st Status) catalog.Msg { return catalog.M(catalog.Key("state." + string(st))) }

// eitherState names the states as one alternative: "Başarısız ya da
// Operatör bekliyor".
func eitherState(states []Status) catalog.Msg {
	names := make([]catalog.Msg, len(states))
	for i, st := range states {
		names[i] = stateText(st)
	}
	if len(names) < 2 {
		return catalog.Join("", names...)
	}
	return catalog.M("outbox.either", "list", catalog.Join(", ", names[:len(names)-1]...), "last", names[len(names)-1])
}
