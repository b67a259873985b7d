package poll

import (
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

func TestAbout(t *testing.T) {
	payments, _ := erp.LookupPreset("collections")
	for _, tc := range []struct {
		name string
		job  Job
		r    erp.Record
		want string
	}{
		{"invoice", Job{}, erp.Record{"FATURA_NO": "2024-117", "MUSTERI_ADI": "Ayşe Yılmaz", "ALICI_ADI": "Ayşe Yılmaz"}, "2024-117 · Ayşe Yılmaz"},
		{"to a contact person", Job{}, erp.Record{"FATURA_NO": "2024-117", "MUSTERI_ADI": "Işık Mobilya A.Ş.", "ALICI_ADI": "Can Işık"}, "2024-117 · Can Işık"},
		{"payment: the preset's document first", Job{preset: payments}, erp.Record{"EVRAK_NO": "TAH-1", "FATURA_NO": "x", "MUSTERI_ADI": "Ayşe"}, "TAH-1 · Ayşe"},
		{"customer only", Job{}, erp.Record{"CARIKODU": "120.01.012", "MUSTERI_ADI": "Ayşe Yılmaz"}, "120.01.012 · Ayşe Yılmaz"},
		{"nothing known", Job{}, erp.Record{"BLKODU": int64(4)}, ""},
		{"nulls and blanks", Job{}, erp.Record{"FATURA_NO": nil, "MUSTERI_ADI": "  ", "ADI_SOYADI": "Ali"}, "Ali"},
	} {
		if got := tc.job.about(tc.r); got != tc.want {
			t.Errorf("%s: about = %q, want %q", tc.name, got, tc.want)
		}
	}
}
