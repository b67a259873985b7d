package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// An e-mail's attachments (a statement PDF made on this machine) are kept
// with the message in one BLOB column, as JSON: [{name, content_type,
// data (base64)}]. They are personal data like the text: the retention
// purge and forget erase them with it. Only the claim for sending reads
// them; lists of messages never load them.

type storedAttachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

func encodeAttachments(as []mapping.Attachment) ([]byte, error) {
	if len(as) == 0 {
		return nil, nil
	}
	out := make([]storedAttachment, len(as))
	for i, a := range as {
		out[i] = storedAttachment{Name: a.Name, ContentType: a.ContentType, Data: a.Data}
	}
	return json.Marshal(out)
}

func decodeAttachments(b []byte) ([]mapping.Attachment, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var in []storedAttachment
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("read the message's attachments: %w", err)
	}
	out := make([]mapping.Attachment, len(in))
	for i, a := range in {
		out[i] = mapping.Attachment{Name: a.Name, ContentType: a.ContentType, Data: a.Data}
	}
	return out, nil
}

// loadAttachments fills in the attachments of claimed e-mails.
func loadAttachments(ctx context.Context, tx *sql.Tx, ms []Message) error {
	for i := range ms {
		if ms[i].Channel != "email" {
			continue
		}
		var b []byte
		if err := tx.QueryRowContext(ctx, `SELECT attachments FROM messages WHERE id = ?`, ms[i].ID).Scan(&b); err != nil {
			return err
		}
		as, err := decodeAttachments(b)
		if err != nil {
			return fmt.Errorf("message %d: %w", ms[i].ID, err)
		}
		ms[i].Attachments = as
	}
	return nil
}

// Attachments returns a message's attachments (for render, the CLI and tests).
func (s *Store) Attachments(ctx context.Context, id int64) ([]mapping.Attachment, error) {
	var b []byte
	if err := s.db.QueryRowContext(ctx, `SELECT attachments FROM messages WHERE id = ?`, id).Scan(&b); err != nil {
		return nil, fmt.Errorf("read attachments of message %d: %w", id, err)
	}
	return decodeAttachments(b)
}
