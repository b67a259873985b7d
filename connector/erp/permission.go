package erp

import (
	"regexp"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// A read the database refused because its user may not read a table: the
// dealer is told which table and the GRANT that lets the user read it, in
// init's form (init.how_to_ro_*), run once in each year's database.

var (
	// Firebird: no permission for SELECT access to TABLE CARIHR (quoted,
	// "CARIHR", from Firebird 4 on).
	deniedFirebird = regexp.MustCompile(`access to (?:TABLE|VIEW) "?([A-Za-z0-9_$]+)"?`)
	// SQL Server, 229 and 230: The SELECT permission was denied on the
	// [column 'KPB_ATUT' of the] object 'CARIHR', database 'WOLVOX',
	// schema 'dbo'.
	deniedMSSQL = regexp.MustCompile(`(?:on|of) the object '([^']+)'(?:, database '[^']*', schema '([^']+)')?`)
	// grantIn finds the statement permissionErr wrote.
	grantIn = regexp.MustCompile(`GRANT SELECT ON [^ ]+ TO [^ ;]+;(?: COMMIT;)?`)
)

// permissionErr is a refused read told with its fix.
func (s *Source) permissionErr(err error) error {
	user := s.user
	if user == "" {
		user = "<user>"
	}
	as := catalog.M("erp.grant_as.admin")
	if s.dialect.Name() == "firebird" {
		as = catalog.M("erp.grant_as.sysdba")
	}
	grant := grantSelect(s.dialect.Name(), err.Error(), user)
	if grant == "" {
		return catalog.Errorf("erp.no_permission_some", "source", s.name, "user", user, "as", as, "err", driverWords(err)).Wrapping(err)
	}
	return catalog.Errorf("erp.no_permission", "source", s.name, "user", user, "table", deniedTable(err.Error()),
		"as", as, "grant", grant, "err", driverWords(err)).Wrapping(err)
}

// deniedTable is the table a refusal names, "" when it names none.
func deniedTable(words string) string {
	if m := deniedFirebird.FindStringSubmatch(words); m != nil {
		return m[1]
	}
	if m := deniedMSSQL.FindStringSubmatch(words); m != nil {
		return m[1]
	}
	return ""
}

// grantSelect is the statement that lets user read the table the refusal
// names, in the driver's SQL; "" when it names none.
func grantSelect(driver, words, user string) string {
	table := deniedTable(words)
	if table == "" {
		return ""
	}
	switch driver {
	case "mssql":
		schema := "dbo"
		if m := deniedMSSQL.FindStringSubmatch(words); m != nil && m[2] != "" {
			schema = m[2]
		}
		return "GRANT SELECT ON " + schema + "." + table + " TO " + user + ";"
	case "firebird":
		// isql-fb keeps a GRANT uncommitted until told.
		return "GRANT SELECT ON " + table + " TO " + user + "; COMMIT;"
	}
	return "GRANT SELECT ON " + table + " TO " + user + ";"
}

// GrantIn is the GRANT a failed read's stored words give (the status
// page's fix), "" when they give none.
func GrantIn(words string) string {
	return strings.TrimSpace(grantIn.FindString(words))
}
