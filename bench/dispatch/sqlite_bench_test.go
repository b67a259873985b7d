package dispatchbench

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

// invoicesDB writes a Wolvox-shaped SQLite database (the demo's schema)
// with n sales invoices, each to its own customer and mobile number: one
// number getting many messages within a minute is refused by NetGSM.
func invoicesDB(b testing.TB, n int) string {
	b.Helper()
	return writeInvoicesDB(b, filepath.Join(b.TempDir(), "wolvox.db"), n)
}

func writeInvoicesDB(b testing.TB, path string, n int) string {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{demo.Schema,
		fmt.Sprintf(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)
		INSERT INTO CARI (BLKODU, CARIKODU, ADI, SOYADI, ADI_SOYADI, CEP_TEL, KAYIT_TARIHI)
		SELECT 100000 + i, '120.02.' || i, 'Ayşe', 'Yılmaz', 'Ayşe Yılmaz ' || i, '0532' || printf('%%07d', i), '2026-11-01 09:00:00' FROM k`, n),
		fmt.Sprintf(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)
		INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB, FATURA_DURUMU, KAYIT_TARIHI)
		SELECT 1000 + i, 100000 + i, '2026-' || printf('%%06d', i), 'A', '2026-11-25', '2026-12-25', 1200.50 + i %% 1000, 1, '2026-11-25 10:00:00' FROM k`, n),
	} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// BenchmarkRunOnce20k is the dispatch target: 20,000 invoices in SQLite,
// `run --once` end to end to the NetGSM fake answering at once, with
// NetGSM's n:n requests of 100 messages and with one message per request
// and 16 requests in flight. Run with -benchtime=1x; BENCH_RUNS (default 3)
// runs are made of each and the medians reported. BENCH_NO_IN_FLIGHT=1
// measures a binary that has no in_flight setting (one request at a time).
func BenchmarkRunOnce20k(b *testing.B) {
	n := envInt("BENCH_N", 20000)
	runs := envInt("BENCH_RUNS", 3)
	single := channel{Batch: 1, InFlight: 16}
	if envInt("BENCH_NO_IN_FLIGHT", 0) == 1 {
		single.InFlight = 0
	}
	for _, bc := range []struct {
		name string
		ch   channel
	}{
		{"batch100", channel{Batch: 100}},
		{fmt.Sprintf("single_inflight%d", single.InFlight), single},
	} {
		b.Run(bc.name, func(b *testing.B) {
			db := invoicesDB(b, n)
			source := fmt.Sprintf("  - {name: merkez, driver: sqlite, database: '%s'}", db)
			for b.Loop() {
				var rs []result
				for range runs {
					rs = append(rs, runOnce(b, source, bc.ch, n, 0))
				}
				report(b, bc.name, n, rs)
			}
		})
	}
}
