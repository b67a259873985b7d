package poll

import (
	"maps"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// Every preset's own default messages handle its optional columns NULL,
// one at a time and all at once, as check renders them: a cash sale
// without a due date, a customer without a name, an invoice without an
// e-invoice link. A default that failed there would skip such rows, and
// check could not place the problem in the dealer's file.
func TestPresetDefaultsHandleNullColumns(t *testing.T) {
	for _, name := range erp.PresetNames() {
		t.Run(name, func(t *testing.T) {
			job := "  - name: j\n    preset: " + name + "\n    schedule: \"0 10 1 * *\"\n    messages: {sms: {}, email: {}}\n"
			p, _ := erp.LookupPreset(name)
			if len(p.Templates) == 0 {
				t.Skip("no default messages: the dealer writes them")
			}
			if p.Statement {
				job += "    statement: {period: month}\n"
			}
			if p.Sequence != nil {
				job += "    sequence: [{offset: -3d}, {offset: 0d}, {offset: 7d}]\n"
			}
			cfg, err := config.Parse("/etc/ac/config.yaml", []byte(goldenHead+job), config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			j, err := Build(cfg, cfg.Jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			nullable := j.Nullable()
			if len(nullable) == 0 {
				t.Fatal("no optional column to render NULL")
			}
			for _, v := range j.Variants() {
				for _, nulled := range append([][]string{nullable}, splitEach(nullable)...) {
					row := maps.Clone(v.Sample)
					for _, c := range nulled {
						row[c] = nil
					}
					for ch, err := range v.Mapper.TemplateErrors(row) {
						t.Errorf("%s %s with %v NULL: %v", v.Label, ch, nulled, err)
					}
				}
			}
		})
	}
}

func splitEach(cs []string) [][]string {
	out := make([][]string, len(cs))
	for i, c := range cs {
		out[i] = []string{c}
	}
	return out
}
