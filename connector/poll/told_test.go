package poll

import (
	"errors"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// Rows a job cannot follow (a custom query's key or timestamp column of the
// wrong kind) are told in the reader's language with what to choose instead.
func TestRowsThatCannotBeFollowedAreTold(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		tr   string
	}{
		{"no key", errOf(keyOf(erp.Record{"UNVANI": "Ayşe"}, "BLKODU")), "anahtar sütunu BLKODU sorgunun sonucunda yok ya da NULL"},
		{"text key", errOf(keyOf(erp.Record{"BLKODU": "A-17"}, "BLKODU")), "anahtar sütunu BLKODU tam sayı değil, A-17 (string) tutuyor"},
		{"date key", errOf(keyOf(erp.Record{"BLKODU": true}, "BLKODU")), "anahtar sütunu BLKODU tam sayı değil, true (bool) tutuyor"},
		// A job whose mode was changed under the same name finds the other
		// mode's position saved.
		{"created, saved changed", errOf(parseKeyCursor("2026-12-01T10:00:00Z|17|2026-11-30T09:00:00Z|3", "BLKODU")),
			"görevin kayıtlı okuma konumu (2026-12-01T10:00:00Z|17|2026-11-30T09:00:00Z|3) changed kipinde kaydedilmiş, görev şimdi created kipinde: görevin mode değerini geri alın ya da göreve yeni bir ad verin"},
		{"changed, saved created", errOf(parseChangedCursor("4711")),
			"görevin kayıtlı okuma konumu (4711) created kipinde kaydedilmiş, görev şimdi changed kipinde"},
		{"damaged key cursor", errOf(parseKeyCursor("47x1", "BLKODU")), "görevin kayıtlı okuma konumu (47x1) bir tam sayı değil, oysa BLKODU anahtarına göre okunuyor"},
		{"damaged changed cursor", errOf(parseChangedCursor("dün|17|x|3")), "görevin kayıtlı okuma konumu (dün|17|x|3) okunamıyor"},
		{"short changed cursor", errOf(parseChangedCursor("a|b")), "görevin kayıtlı okuma konumu (a|b) okunamıyor"},
		{"text timestamp", errOf(positionOf(erp.Record{"DEGISTIRME_TARIHI": "dün", "BLKODU": int64(1)}, "DEGISTIRME_TARIHI", "BLKODU")),
			"zaman sütunu DEGISTIRME_TARIHI tarih ve saat değil, dün (string) tutuyor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l catalog.Localized
			if !errors.As(tc.err, &l) || !strings.HasPrefix(l.In(catalog.TR), tc.tr) || l.In(catalog.EN) == l.In(catalog.TR) {
				t.Errorf("error = %v, want a text starting %q", tc.err, tc.tr)
			}
		})
	}
	if n, err := keyOf(erp.Record{"BLKODU": "4711"}, "BLKODU"); n != 4711 || err != nil {
		t.Errorf("a key written as text: %d, %v", n, err)
	}
}

func errOf[T any](_ T, err error) error { return err }
