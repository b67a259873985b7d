// Package statement makes account statements (cari ekstre) and
// reconciliations (mutabakat): the balance carried into a period, the
// period's movements with the running balance, and the closing balance,
// as a PDF made on this machine with a font that has every Turkish letter
// embedded; and it reads a customer's reply to a reconciliation.
package statement

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The record fields a statement is read from (preset account_statements;
// see connector/erp/statements.go) and those a job adds to it.
const (
	// Movements holds the period's movements, as erp.MovementsQuery yields
	// them: TARIHI, VADESI, EVRAK_NO, ISLEM_TURU, ACIKLAMA, BORC, ALACAK.
	Movements = "HAREKETLER"
	// ConfirmWord and DisputeWord are the reply words a reconciliation
	// asks for.
	ConfirmWord = "ONAY_KELIMESI"
	DisputeWord = "ITIRAZ_KELIMESI"
	// Count is the number of movements, for templates.
	Count = "HAREKET_SAYISI"
)

// Line is one movement of the period.
type Line struct {
	Date     time.Time
	Due      time.Time // zero when the movement has none
	Document string
	Kind     int64 // Wolvox's ISLEM_TURU; 0 when unknown
	Note     string
	Debit    decimal.Decimal
	Credit   decimal.Decimal
	Balance  decimal.Decimal // after this movement
}

// Statement is one customer's account over one period.
type Statement struct {
	Customer string // the name to show (MUSTERI_ADI)
	Code     string // CARIKODU
	From, To time.Time
	Opening  decimal.Decimal // carried into the period (DEVIR)
	Lines    []Line
	Debit    decimal.Decimal // the period's debits
	Credit   decimal.Decimal // the period's credits
	Closing  decimal.Decimal // Opening + Debit − Credit
	// Confirm and Dispute are a reconciliation's reply words; empty for a
	// plain statement.
	Confirm, Dispute string
}

// FromRecord reads a statement from a statement preset's row with its
// movements. The totals are worked out from the movements themselves, so
// the PDF's lines always add up to the totals it shows; Fill writes them
// back into the record for the message's text.
func FromRecord(rec mapping.Record, f mapping.Formats) (Statement, error) {
	var s Statement
	var err error
	s.Customer, s.Code = text(rec["MUSTERI_ADI"]), text(rec["CARIKODU"])
	if s.From, err = mapping.Time(rec["DONEM_BASI"], f); err != nil {
		return s, fmt.Errorf("DONEM_BASI: %w", err)
	}
	if s.To, err = mapping.Time(rec["DONEM_SONU"], f); err != nil {
		return s, fmt.Errorf("DONEM_SONU: %w", err)
	}
	if s.Opening, err = amount(rec["DEVIR"]); err != nil {
		return s, fmt.Errorf("DEVIR: %w", err)
	}
	s.Confirm, s.Dispute = text(rec[ConfirmWord]), text(rec[DisputeWord])
	moves, _ := rec[Movements].([]map[string]any)
	balance := s.Opening
	for i, m := range moves {
		var l Line
		if l.Date, err = mapping.Time(m["TARIHI"], f); err != nil {
			return s, fmt.Errorf("movement %d: TARIHI: %w", i+1, err)
		}
		if m["VADESI"] != nil {
			if l.Due, err = mapping.Time(m["VADESI"], f); err != nil {
				return s, fmt.Errorf("movement %d: VADESI: %w", i+1, err)
			}
		}
		if l.Debit, err = amount(m["BORC"]); err != nil {
			return s, fmt.Errorf("movement %d: BORC: %w", i+1, err)
		}
		if l.Credit, err = amount(m["ALACAK"]); err != nil {
			return s, fmt.Errorf("movement %d: ALACAK: %w", i+1, err)
		}
		l.Document, l.Note = text(m["EVRAK_NO"]), text(m["ACIKLAMA"])
		if k, ok := m["ISLEM_TURU"].(int64); ok {
			l.Kind = k
		}
		balance = balance.Add(l.Debit).Sub(l.Credit)
		l.Balance = balance
		s.Debit, s.Credit = s.Debit.Add(l.Debit), s.Credit.Add(l.Credit)
		s.Lines = append(s.Lines, l)
	}
	s.Closing = balance
	return s, nil
}

// Fill writes the statement's totals into rec, over the preset's sums:
// the text a customer reads says what the PDF shows.
func (s Statement) Fill(rec mapping.Record) {
	rec["DEVIR"], rec["DONEM_BORC"], rec["DONEM_ALACAK"], rec["BAKIYE"] = s.Opening, s.Debit, s.Credit, s.Closing
	rec[Count] = int64(len(s.Lines))
}

// amount reads money exactly; a NULL is zero (a movement with only a debit
// has no credit).
func amount(v any) (decimal.Decimal, error) {
	if v == nil {
		return decimal.Zero, nil
	}
	return mapping.Decimal(v)
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}
