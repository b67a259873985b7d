package config

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// A place in a sql: job's SELECT (its line and column as the SELECT reads)
// is the file's line and column of the same character, whatever YAML form
// holds the SELECT; forms whose lines the SELECT does not keep are not
// placed inside.
func TestSQLPlaceIsTheFiles(t *testing.T) {
	const file = `sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: literal
    key: BLKODU
    schedule: "@every 5m"
    sql: |
      SELECT BLKODU, TEL1 AS CEP,
          TEL9 AS YOK -- Ayşe'nin numarası
      FROM CARI
    messages: {sms: {to: [CEP], text: "{{.CEP}}"}}
  - name: literal-strip
    key: BLKODU
    schedule: "@every 5m"
    sql: |-

        SELECT BLKODU, ŞUBE_TEL9 FROM CARI
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: plain
    key: BLKODU
    schedule: "@every 5m"
    sql: SELECT BLKODU, 'Işık' AS AD, TEL9 FROM CARI
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - {name: flow, key: BLKODU, schedule: "@every 5m", sql: "SELECT BLKODU, TEL9 FROM CARI", messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}}
  - name: single
    key: BLKODU
    schedule: "@every 5m"
    sql: 'SELECT BLKODU, TEL9 FROM CARI'
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: escaped
    key: BLKODU
    schedule: "@every 5m"
    sql: 'SELECT BLKODU, ''x'' AS A, TEL9 FROM CARI'
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: folded
    key: BLKODU
    schedule: "@every 5m"
    sql: >
      SELECT BLKODU,
      TEL9 FROM CARI
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: plain-lines
    key: BLKODU
    schedule: "@every 5m"
    sql: SELECT BLKODU,
      TEL9 FROM CARI
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
`
	cfg, err := Parse("/shop/config.yaml", []byte(file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(file, "\n")
	// where is the file's line and column of the first marker at or after
	// the line holding after.
	where := func(after, marker string) (int, int) {
		seen := false
		for i, l := range lines {
			seen = seen || strings.Contains(l, after)
			if k := strings.Index(l, marker); seen && k >= 0 {
				return i + 1, 1 + utf8.RuneCountInString(l[:k])
			}
		}
		t.Fatalf("no %s after %s", marker, after)
		return 0, 0
	}
	for i, j := range cfg.Jobs {
		t.Run(j.Name, func(t *testing.T) {
			marker := "TEL9"
			if j.Name == "literal-strip" {
				marker = "ŞUBE_TEL9"
			}
			k := strings.Index(j.SQL, marker)
			ls := strings.LastIndexByte(j.SQL[:k], '\n') + 1
			line, col, ok := cfg.sqlPlace(fmt.Sprintf("jobs[%d].sql", i), 1+strings.Count(j.SQL[:k], "\n"), 1+utf8.RuneCountInString(j.SQL[ls:k]))
			switch j.Name {
			case "escaped", "folded", "plain-lines":
				if ok {
					t.Errorf("placed at %d:%d, in a value whose characters are not the file's", line, col)
				}
				return
			}
			wl, wc := where("name: "+j.Name, marker)
			if !ok || line != wl || col != wc {
				t.Errorf("placed at %d:%d %v, want %d:%d", line, col, ok, wl, wc)
			}
		})
	}
}
