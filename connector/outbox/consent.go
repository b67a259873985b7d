package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Consent is İYS's answer about one address, kind (MESAJ, EPOSTA) and
// recipient type (BIREYSEL, TACIR), as the connector last asked: the cache
// a commercial send is checked against, and its proof (İYS's consent date
// and source).
type Consent struct {
	Recipient     string
	Type          string
	RecipientType string
	Status        string // ONAY, RET, or "" (İYS has no record)
	ConsentDate   string
	Source        string
	Checked       time.Time
}

// Consent returns the cached answer; ok is false when there is none.
func (s *Store) Consent(ctx context.Context, recipient, typ, recipientType string) (Consent, bool, error) {
	to := mapping.NormalizeAddress(recipient, "")
	c := Consent{Recipient: to, Type: typ, RecipientType: recipientType}
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT status, consent_date, source, checked_at FROM consent WHERE recipient = ? AND type = ? AND recipient_type = ?`,
		to, typ, recipientType).Scan(&c.Status, &c.ConsentDate, &c.Source, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("read the İYS consent cache: %w", err)
	}
	c.Checked = time.UnixMilli(at)
	return c, true, nil
}

// SaveConsent stores İYS's answer.
func (s *Store) SaveConsent(ctx context.Context, c Consent) error {
	if c.Checked.IsZero() {
		c.Checked = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO consent (recipient, type, recipient_type, status, consent_date, source, checked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (recipient, type, recipient_type) DO UPDATE SET
		status = excluded.status, consent_date = excluded.consent_date, source = excluded.source, checked_at = excluded.checked_at`,
		mapping.NormalizeAddress(c.Recipient, ""), c.Type, c.RecipientType, c.Status, c.ConsentDate, c.Source, ms(c.Checked))
	if err != nil {
		return fmt.Errorf("save an İYS answer: %w", err)
	}
	return nil
}

// StaleConsents returns cached answers checked before before, oldest first:
// those the refresh asks İYS about again.
func (s *Store) StaleConsents(ctx context.Context, before time.Time, limit int) ([]Consent, error) {
	return s.consents(ctx, `SELECT recipient, type, recipient_type, status, consent_date, source, checked_at FROM consent
		WHERE checked_at < ? ORDER BY checked_at LIMIT ?`, ms(before), limit)
}

// consents reads the cached answers q selects (every column, in order).
func (s *Store) consents(ctx context.Context, q string, args ...any) ([]Consent, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read the İYS consent cache: %w", err)
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		var at int64
		if err := rows.Scan(&c.Recipient, &c.Type, &c.RecipientType, &c.Status, &c.ConsentDate, &c.Source, &at); err != nil {
			return nil, err
		}
		c.Checked = time.UnixMilli(at)
		out = append(out, c)
	}
	return out, rows.Err()
}
