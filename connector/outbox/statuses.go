package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// byProviderIDQuery finds a message by the provider's id and channel;
// its condition on an empty id lets SQLite use the partial index
// messages_provider.
const byProviderIDQuery = `SELECT ` + messageCols + ` FROM messages WHERE provider_id = ? AND provider_id != ''
	AND channel = ? ORDER BY id DESC LIMIT 1`

// ByProviderID returns the message of a channel the provider knows by id
// (a WhatsApp status names its wamid); ok is false when none is.
func (s *Store) ByProviderID(ctx context.Context, channel, providerID string) (Message, bool, error) {
	if providerID == "" {
		return Message{}, false, nil
	}
	m, err := scanMessage(s.db.QueryRowContext(ctx, byProviderIDQuery, providerID, channel))
	if errors.Is(err, sql.ErrNoRows) {
		return Message{}, false, nil
	}
	if err != nil {
		return Message{}, false, fmt.Errorf("find the message of %s %s: %w", channel, providerID, err)
	}
	return m, true, nil
}

// CancelStandby cancels an event's waiting fallbacks, saying why: a
// commercial message refused on one channel does not go by another without
// that channel's consent.
func (s *Store) CancelStandby(ctx context.Context, dedupeKey string, why mapping.Reason) (int, error) {
	if err := checkMove(StatusCancelled, StatusStandby); err != nil {
		return 0, err
	}
	res, err := s.hot.dropStandby.exec(ctx, nil, encodeReason(why), ms(s.now()), dedupeKey)
	if err != nil {
		return 0, fmt.Errorf("cancel fallbacks for %s: %w", dedupeKey, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
