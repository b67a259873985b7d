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
