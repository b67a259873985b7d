package erp_test

import (
	"context"
	"slices"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// The database says who may write: SYSDBA (and the database's owner) may,
// the user README tells shops to create may not, and a user someone gave
// UPDATE on FATURA may.
func TestFirebirdAccess(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "access")
	ctx := context.Background()
	ro, roPass := s.ReadOnlyUser(t, "akc_ro", path)
	rw, rwPass := s.ReadOnlyUser(t, "akc_rw", path)
	admin, err := s.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(ctx, `GRANT UPDATE ON FATURA TO `+rw); err != nil {
		t.Fatal(err)
	}
	admin.Close()
	for _, tc := range []struct {
		name, user, password string
		readOnly, admin      bool
		writable             []string
	}{
		{"sysdba", s.User, s.Password, false, true, []string{"CARI", "CARIHR", "CARI_YETKILI", "FATURA"}},
		{"read-only user", ro, roPass, true, false, nil},
		{"user with UPDATE", rw, rwPass, false, false, []string{"FATURA"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := fbOptions(s, "merkez", path)
			o.User, o.Password = tc.user, tc.password
			src, err := erp.Open(o)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			a, err := src.Access(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if a.ReadOnly() != tc.readOnly || a.Admin != tc.admin || !slices.Equal(a.Writable, tc.writable) {
				t.Errorf("access = %+v, want read-only %v, admin %v, writable %v", a, tc.readOnly, tc.admin, tc.writable)
			}
			if n, err := src.Count(ctx, "CARI"); err != nil || n == 0 {
				t.Errorf("count CARI = %d, %v", n, err)
			}
		})
	}
}
