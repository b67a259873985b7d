package poll_test

import (
	"context"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// newFirebirdZone is a Wolvox database on the real server whose newest
// change is 22:00 on New Year's Eve, shop time. onUTCMachine must come
// first: firebirdsql reads TIMESTAMP into time.Local, which is what went
// wrong on the dealer's UTC machine.
func newFirebirdZone(t *testing.T, name string) *zoneEnv {
	t.Helper()
	s := erptest.Firebird(t)
	path := s.Path(t, name)
	// The driver writes a time's own wall clock: 22:00 in Istanbul.
	db, err := s.CreateWolvox(context.Background(), path, shopTime("2026-12-31 22:00:00"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	t.Setenv("AC_UNUSED", "x")
	return newZoneEnv(t, db, erp.Options{Driver: "firebird", Host: s.Host, Port: s.Port, Database: path,
		User: s.User, Password: s.Password, Charset: "WIN1254"}, fbHead+"jobs:\n")
}

func TestFirebirdTimesAreTheShopsWallClock(t *testing.T) {
	onUTCMachine(t)
	checkShopWallClock(t, newFirebirdZone(t, "zone"))
}

func TestFirebirdCursorSavedBeforeTheUpgradeResumes(t *testing.T) {
	onUTCMachine(t)
	checkSavedCursorResumes(t, newFirebirdZone(t, "zoneup"))
}
