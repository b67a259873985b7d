package erp

import (
	"fmt"
	"strings"
)

// contacts reads a customer's contact persons (CARI_YETKILI) that the shop
// flagged with Wolvox's own "send SMS" flag: a job with recipients:
// contacts or both messages them. The flag is required: without it the
// connector could not tell whom the shop wants messaged. Wolvox has one flag;
// the connector reads it as "may be messaged" on every channel.
var contacts = Preset{
	Name: "contacts",
	Columns: []Column{req("Y.BLKODU"), req("Y.BLCRKODU"), req("Y.SMS_GONDER"),
		opt("Y.ADI_SOYADI", NullText), opt("Y.CEP_TELEFONU", NullText), opt("Y.E_MAIL", NullText)},
}

// ContactColumns are the columns a contact adds to a row for templates and
// recipients, besides the row's own.
var ContactColumns = []string{"YETKILI_BLKODU", "YETKILI_ADI", "YETKILI_CEP_TEL", "YETKILI_E_MAIL"}

// ContactTables are the tables the contacts are read from.
func ContactTables() []string { return contacts.Tables() }

// ContactNeeds are the contact columns a database must have.
func ContactNeeds() map[string][]string { return contacts.Needs(nil) }

// ContactsQuery selects the flagged contacts of n customers, bound as the
// n parameters, in customer and key order, for a database with cols.
func ContactsQuery(d Dialect, cols Columns, n int) (sql string, absent []string, err error) {
	if n < 1 {
		return "", nil, fmt.Errorf("contacts of no customer")
	}
	marks := make([]string, n)
	for i := range marks {
		marks[i] = d.Placeholder(i + 1)
	}
	p := contacts
	p.query = func(Params) (string, error) {
		return `SELECT Y.BLKODU AS YETKILI_BLKODU, Y.BLCRKODU AS YETKILI_CARI, Y.ADI_SOYADI AS YETKILI_ADI,
	Y.CEP_TELEFONU AS YETKILI_CEP_TEL, Y.E_MAIL AS YETKILI_E_MAIL
FROM CARI_YETKILI Y
WHERE Y.SMS_GONDER = 1 AND Y.BLCRKODU IN (` + strings.Join(marks, ", ") + `)
ORDER BY Y.BLCRKODU, Y.BLKODU`, nil
	}
	q, absent, err := p.Build(nil, cols)
	if err != nil {
		return "", absent, err
	}
	return ExpandTokens(d, q), absent, nil
}

// WolvoxLogQuery reads Wolvox's own send log since the bound time: the
// recipient as Wolvox wrote it, when, and (when text is set) the message.
// The names come from the config, which checked them as plain identifiers.
func WolvoxLogQuery(d Dialect, table, recipient, date, text string) string {
	t := d.Null(NullText)
	if text != "" {
		t = text
	}
	return fmt.Sprintf("SELECT %s AS ALICI, %s AS TARIHI, %s AS METIN FROM %s WHERE %s >= %s",
		recipient, date, t, table, date, d.Placeholder(1))
}
