package poll

import (
	"fmt"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// aboutDocuments are the columns naming a record's document, tried after
// the preset's own (a sql: job often selects one of them).
var aboutDocuments = []string{"FATURA_NO", "EVRAK_NO", "BELGE_NO", "CARIKODU"}

// aboutNames are the columns naming whom a record is for: the recipient
// (a contact person), the customer as the presets greet them, then the
// CARI columns a sql: job may select.
var aboutNames = []string{"ALICI_ADI", "MUSTERI_ADI", "ADI_SOYADI", "TICARI_UNVANI"}

// about names a record for the people reading the status page: its
// document and whom it is for, "2024-117 · Ayşe Yılmaz". It is stored with
// the message (and erased with it), so the page shows names without
// reading the ERP database.
func (j *Job) about(r erp.Record) string {
	var parts []string
	docs := aboutDocuments
	if d := j.preset.Document; d != "" {
		docs = append([]string{d}, docs...)
	}
	if v := first(r, docs); v != "" {
		parts = append(parts, v)
	}
	if v := first(r, aboutNames); v != "" && (len(parts) == 0 || v != parts[0]) {
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

func first(r erp.Record, cols []string) string {
	for _, c := range cols {
		if v, ok := r[c]; ok && v != nil {
			if s := strings.TrimSpace(fmt.Sprint(v)); s != "" {
				return truncate(s, 80)
			}
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
