package erp

import "testing"

// The GRANT each server needs, in init's form, from its refusal's words.
func TestGrantSelect(t *testing.T) {
	for _, tc := range []struct{ driver, words, want string }{
		{"firebird", "no permission for SELECT access to TABLE CARIHR", "GRANT SELECT ON CARIHR TO AKC_RO; COMMIT;"},
		{"firebird", `no permission for SELECT access to TABLE "CARIHR"`, "GRANT SELECT ON CARIHR TO AKC_RO; COMMIT;"},
		{"mssql", "mssql: The SELECT permission was denied on the object 'CARIHR', database 'WOLVOX', schema 'dbo'.", "GRANT SELECT ON dbo.CARIHR TO AKC_RO;"},
		{"mssql", "mssql: The SELECT permission was denied on the column 'KPB_ATUT' of the object 'CARIHR', database 'WOLVOX', schema 'muh'.", "GRANT SELECT ON muh.CARIHR TO AKC_RO;"},
		{"firebird", "no permission for EXECUTE access to PROCEDURE SP_X", ""},
	} {
		if got := grantSelect(tc.driver, tc.words, "AKC_RO"); got != tc.want {
			t.Errorf("grantSelect(%s, %q) = %q, want %q", tc.driver, tc.words, got, tc.want)
		}
		if tc.want != "" && GrantIn("… and run: "+tc.want+" ("+tc.words+")") != tc.want {
			t.Errorf("GrantIn does not find %q", tc.want)
		}
	}
}
