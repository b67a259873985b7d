package poll

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// BenchmarkRenderEnqueue measures the path from a read row to a stored
// message: dedupe key, recipient normalisation, template rendering and the
// outbox insert, in pages as the poller does. Target: ≥ 20,000 messages/s.
func BenchmarkRenderEnqueue(b *testing.B) {
	ctx := context.Background()
	store, err := outbox.Open(ctx, filepath.Join(b.TempDir(), "outbox.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	cfg := &config.Config{Formats: config.Formats{Currency: "TL", PhoneRegion: "TR"}, Timezone: mustZone(b, "Europe/Istanbul")}
	job, err := Build(cfg, config.Job{Name: "new-invoices", Preset: "new_invoices", Mode: config.ModeCreated, PageSize: 500,
		Messages: config.Messages{SMS: &config.TextMessage{Text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı {{money .TOPLAM_GENEL_KPB}} tutarındaki faturanız {{date .TARIHI}} tarihinde düzenlenmiştir."}}})
	if err != nil {
		b.Fatal(err)
	}
	det := &created{job: job, now: time.Now()}
	const page = 500
	rows := make([]erp.Record, page)
	tarih := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	b.ResetTimer()
	key := int64(0)
	for done := 0; done < b.N; done += page {
		for i := range rows {
			key++
			rows[i] = erp.Record{"BLKODU": key, "FATURA_NO": fmt.Sprintf("2026-%d", key), "MUSTERI_ADI": "Ayşe Yılmaz",
				"TOPLAM_GENEL_KPB": decimal.New(125000+key, -2), "TARIHI": tarih, "CARI_BLKODU": int64(1),
				"FATURA_CEP_TEL": nil, "CEP_TEL": fmt.Sprintf("0532 %03d %02d %02d", key%1000, key%100, (key/100)%100)}
		}
		msgs, _, err := job.messages("merkez", rows, det, &runContext{now: det.now})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := store.Enqueue(ctx, outbox.Batch{Job: job.Name, Source: "merkez", Cursor: fmt.Sprint(key), Messages: msgs}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func mustZone(tb testing.TB, name string) config.Location {
	tb.Helper()
	l, err := config.ParseLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}
