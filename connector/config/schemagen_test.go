package config

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/wk8/go-ordered-map/v2"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// The generator of the JSON Schema (schema.go): it is reflected from the
// Config types, so a new key is in the schema the moment it exists; the
// typed values (durations, rates, times, enums, secret references) map to
// the patterns their parsers accept, and the descriptions are the fields'
// own comments, read from this package's source files. It runs in the
// tests, which keep the generated files current (-update writes them):
// the binary carries the text, not the generator and its parsers.

// generateSchema returns the JSON Schema of the config file, indented.
func generateSchema() []byte {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true, // nothing is required but what required() says
		ExpandedStruct:             true,
		Mapper:                     valueSchema,
	}
	s := r.Reflect(&Config{})
	s.Definitions["Config"] = s // the root was expanded in place
	describe(s.Definitions, reflect.TypeOf(Config{}), fieldComments(os.DirFS(".")), map[reflect.Type]bool{})
	s.ID = SchemaID
	s.Title = "akinsoft-connector configuration"
	s.Description = "The connector's one YAML file. `akinsoft-connector check` validates it completely; this schema lets an editor complete and check it as it is written."
	refine(s.Definitions)
	delete(s.Definitions, "Config")
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic("config: the schema does not encode: " + err.Error()) // a bug in the tables below
	}
	return append(out, '\n')
}

// Patterns of the typed values, as their parsers read them.
const (
	goDuration  = `(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+`
	durationPat = `^\s*(?:0|[0-9]+d(?:` + goDuration + `)?|` + goDuration + `)\s*$`
	secretPat   = `^\$\{(?:secret|env):[A-Za-z0-9_.-]+\}$`
)

// valueSchema maps the config's typed values to schemas.
func valueSchema(t reflect.Type) *jsonschema.Schema {
	str := func(desc, pattern string, examples ...any) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Pattern: pattern, Description: desc, Examples: examples}
	}
	switch t {
	case reflect.TypeOf(Duration(0)):
		return str("A length of time: days plus a Go duration, e.g. 90d, 7d12h, 2h, 15m, 45s.", durationPat, "90d", "12h", "15m")
	case reflect.TypeOf(Rate(0)):
		return str("Messages per second, minute or hour: 10/s, 600/m, 5000/h.", `^\s*[0-9]+(?:\.[0-9]+)?\s*/\s*[smh]\s*$`, "10/s", "600/m")
	case reflect.TypeOf(Clock{}):
		return str(`A time of day, HH:MM in 24 hours; write it in quotes ("21:00").`, `^\s*(?:[01][0-9]|2[0-3]):[0-5][0-9]\s*$`, "21:00", "09:00")
	case reflect.TypeOf(Location{}):
		return &jsonschema.Schema{Type: "string", Description: "An IANA time zone name.", Examples: []any{DefaultZone},
			MinLength: ptr(uint64(1)), Not: &jsonschema.Schema{Pattern: `^\s*[Ll][Oo][Cc][Aa][Ll]\s*$`}}
	case reflect.TypeOf(Mode("")):
		return enum("created: new rows by an increasing key; changed: changed rows by a timestamp; condition: rows matching now, once per period.",
			string(ModeCreated), string(ModeChanged), string(ModeCondition))
	case reflect.TypeOf(Kind("")):
		return enum("informational (default) or commercial (campaigns, greetings: needs İYS consent).",
			string(KindInformational), string(KindCommercial))
	case reflect.TypeOf(UncertainPolicy("")):
		return enum("hold (default): an operator decides; resend: a duplicate is better than nothing.",
			string(UncertainHold), string(UncertainResend))
	case reflect.TypeOf(Backfill{}):
		return str("What a new job reads before now on its first run: none (default), all, key:N (rows after a key) or a period such as 7d.",
			`^\s*(?:none|all|key:\s*[+-]?[0-9]+|`+strings.Trim(durationPat, `^$\s*`)+`)\s*$`, "none", "7d", "key:4711")
	case reflect.TypeOf(Schedule{}):
		return str("A cron schedule: 5 fields (minute hour day month weekday), an optional leading seconds field, or @every 5m / @daily.",
			`^\s*(?:@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+\S+|(?:\S+\s+){4,5}\S+)\s*$`, "*/5 * * * *", "@every 5m", "0 10 * * *")
	case reflect.TypeOf(LogLevel{}):
		return caseless("debug, info, warn or error.", "debug", "info", "warn", "error")
	case reflect.TypeOf(ListenAddr{}):
		return str("host:port; 127.0.0.1:8750 is this machine only.", `^\s*(?:\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):[0-9]{1,5}\s*$`, "127.0.0.1:8750")
	case reflect.TypeOf(SMSEncoding{}):
		return caseless("How Turkish letters are sent: tr (Turkish single shift), gsm7, or ucs2 (each provider's own words are accepted too).",
			"tr", "turkish", "tr-single-shift", "gsm", "gsm7", "default", "ucs2", "ucs-2", "unicode")
	case reflect.TypeOf(Path("")):
		return str(`A file or folder path, relative to this file's folder. Windows paths in single quotes ('C:\Data') or with forward slashes.`,
			`^[^\x00-\x1f\x7f]*$`)
	case reflect.TypeOf(DayOffset{}):
		return str(`Days relative to the due date: "-3d" before it, "0d" on it, "+7d" after it.`, `^\s*[+-]?[0-9]+d?\s*$`, "-3d", "0d", "7d")
	case reflect.TypeOf(QuietDay{}):
		return str("A quiet day: tr_holidays (Turkish public holidays), a weekday in the plural (sundays), or a date (2026-12-31).",
			`^\s*(?:tr_holidays|(?:mon|tues|wednes|thurs|fri|satur|sun)days|[0-9]{4}-[0-9]{2}-[0-9]{2})\s*$`, "tr_holidays", "sundays")
	case reflect.TypeOf(Language("")):
		return caseless("tr (default) or en: the language of logs and reasons.", "tr", "en")
	case reflect.TypeOf(Addressees("")):
		return enum("account (default): the customer's own numbers; contacts: contact persons with the send-SMS flag; both.",
			string(AddressAccount), string(AddressContacts), string(AddressBoth))
	case reflect.TypeOf(StatementPeriod{}):
		return caseless("The whole months before the month the job runs in that a statement covers: month (default), quarter, half_year or year.",
			"month", "quarter", "half_year", "year")
	case reflect.TypeOf(InFlight(0)):
		return &jsonschema.Schema{Type: "integer", Minimum: json.Number("1"), Maximum: json.Number(strconv.Itoa(MaxInFlight)),
			Description: "A whole number from 1 to 64."}
	case reflect.TypeOf(LowCredit{}):
		line := func() *jsonschema.Schema { return &jsonschema.Schema{Type: "number", Minimum: json.Number("0")} }
		units := jsonschema.NewProperties()
		for _, u := range CreditUnits {
			units.Set(string(u), line())
		}
		one := uint64(1)
		byUnit := &jsonschema.Schema{Type: "object", Properties: units, AdditionalProperties: jsonschema.FalseSchema, MinProperties: &one}
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{line(), byUnit},
			Description: "A number, or numbers by unit (TL: NetGSM's TL credit, sms: SMS credits, packages: the packages NetGSM names itself); each 0 or more.",
			Examples:    []any{100, map[string]any{"TL": 50, "sms": 500}}}
	case reflect.TypeOf(Secret("")):
		return str("A reference, never the value: ${secret:NAME} (stored with `akinsoft-connector secrets set NAME`) or ${env:NAME}.",
			secretPat, "${secret:wolvox_db}")
	}
	return nil
}

// refine adds what the types alone do not say: required keys, the values
// each setting accepts, and the providers of each channel.
func refine(defs jsonschema.Definitions) {
	required := map[string][]string{
		"Config":  {"sources", "jobs"},
		"Source":  {"name", "driver", "database"},
		"Channel": {"provider"},
		"Job":     {"name", "schedule", "messages"},
	}
	for def, keys := range required {
		defs[def].Required = keys
	}
	name := func(desc string) func(*jsonschema.Schema) {
		return func(p *jsonschema.Schema) { p.Pattern = namePattern.String(); p.Description = desc }
	}
	channelList := func(p *jsonschema.Schema) { p.Items = enum("", channelNames...) }
	set := map[string]map[string]func(*jsonschema.Schema){
		"Source": {
			"name":    name("The source's name: lower-case letters, digits, - and _."),
			"driver":  replace(caseless("The database: firebird (Wolvox), mssql (SQL Server) or sqlite.", "firebird", "mssql", "sqlite")),
			"charset": replace(caseless("Firebird: WIN1254 (default, Wolvox) or UTF8.", "WIN1254", "UTF8", "NONE")),
			"port":    portRange,
		},
		"Job": {
			"name":     name("The job's name: lower-case letters, digits, - and _."),
			"preset":   func(p *jsonschema.Schema) { p.Enum = anys(erp.PresetNames()...) },
			"fallback": channelList,
		},
		"QuietHours": {"channels": channelList},
		"Status":     {"language": func(p *jsonschema.Schema) { p.Enum = anys("tr", "en") }},
		"NetGSM": {
			// 11 unquoted is a number in YAML; the loader reads both.
			"iysfilter": replace(&jsonschema.Schema{Enum: []any{"11", "12", 11, 12},
				Description: "For commercial messages: 11 checks consent of individuals (default), 12 of merchants."}),
			"msgheader": func(p *jsonschema.Schema) { p.MaxLength = ptr(uint64(11)) },
		},
		"SMTP": {"port": func(p *jsonschema.Schema) { p.Enum = []any{587, 465} }},
		"Formats": {
			"phone_region": func(p *jsonschema.Schema) { p.Pattern = `^[A-Z]{2}$` },
		},
	}
	for def, props := range set {
		for key, fn := range props {
			p, ok := defs[def].Properties.Get(key)
			if !ok {
				panic("config: schema: " + def + " has no key " + key) // a renamed field: fix the table
			}
			fn(p)
		}
	}
	// One Channel type serves every channel; each channel allows its own
	// providers.
	channels := defs["Channels"]
	for _, ch := range channelNames {
		p, _ := channels.Properties.Get(ch)
		channels.Properties.Set(ch, &jsonschema.Schema{
			Description: p.Description,
			AllOf: []*jsonschema.Schema{{Ref: p.Ref}, {Properties: props("provider", &jsonschema.Schema{
				Enum: anys(providersByChannel[ch]...), Description: "Who sends this channel's messages; console prints them instead."})}},
		})
	}
}

// replace swaps a property's schema for s, keeping its description when s
// has none.
func replace(s *jsonschema.Schema) func(*jsonschema.Schema) {
	return func(p *jsonschema.Schema) {
		desc := p.Description
		*p = *s
		if p.Description == "" {
			p.Description = desc
		}
	}
}

func portRange(p *jsonschema.Schema) {
	p.Minimum, p.Maximum = json.Number("0"), json.Number("65535")
}

func enum(desc string, values ...string) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Enum: anys(values...), Description: desc}
}

// caseless accepts the values in any case, as their parser does, and still
// offers the usual spelling for completion.
func caseless(desc string, values ...string) *jsonschema.Schema {
	alts := make([]string, len(values))
	for i, v := range values {
		var b strings.Builder
		for _, r := range v {
			up, low := strings.ToUpper(string(r)), strings.ToLower(string(r))
			if up == low {
				if strings.ContainsRune(`.+*?()|[]{}^$\`, r) {
					b.WriteByte('\\')
				}
				b.WriteRune(r)
				continue
			}
			b.WriteString("[" + up + low + "]")
		}
		alts[i] = b.String()
	}
	return &jsonschema.Schema{Type: "string", Description: desc, AnyOf: []*jsonschema.Schema{
		{Enum: anys(values...)},
		{Pattern: `^\s*(?:` + strings.Join(alts, "|") + `)\s*$`},
	}}
}

func props(key string, s *jsonschema.Schema) *orderedmap.OrderedMap[string, *jsonschema.Schema] {
	m := jsonschema.NewProperties()
	m.Set(key, s)
	return m
}

func anys(values ...string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// describe puts each field's comment in its property's description, before
// what the value's type says about its format. defs holds every struct's
// schema by type name, the root's too.
func describe(defs jsonschema.Definitions, t reflect.Type, comments map[string]string, seen map[reflect.Type]bool) {
	s := defs[t.Name()]
	if s == nil || s.Properties == nil || seen[t] {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		p, ok := s.Properties.Get(strings.Split(f.Tag.Get("yaml"), ",")[0])
		if !f.IsExported() || !ok {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			ft = ft.Elem()
		}
		// The reflector drops a mapped type's description; put it back
		// after the field's own words.
		format := ""
		if vs := valueSchema(ft); vs != nil {
			format = vs.Description
		} else if ft.Kind() == reflect.Struct {
			describe(defs, ft, comments, seen)
		}
		p.Description = strings.TrimSpace(sentence(comments[t.Name()+"."+f.Name]) + " " + format)
	}
}

// sentence ends a comment with a full stop, so the format text after it
// reads as its own sentence.
func sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ")") && strings.HasSuffix(strings.TrimSuffix(s, ")"), ".") {
		return s
	}
	return s + "."
}

// fieldComments reads the doc and line comments of the struct fields in
// the package's source files: "Job.Renotify" → its comment.
func fieldComments(src fs.FS) map[string]string {
	comments := map[string]string{}
	names, _ := fs.Glob(src, "*.go")
	for _, name := range names {
		text, err := fs.ReadFile(src, name)
		if err != nil || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if f, err := parser.ParseFile(token.NewFileSet(), name, text, parser.ParseComments); err == nil {
			structComments(f, comments)
		}
	}
	return comments
}

func structComments(f *ast.File, comments map[string]string) {
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return false
		}
		for _, field := range st.Fields.List {
			text := strings.Join(strings.Fields(field.Doc.Text()+" "+field.Comment.Text()), " ")
			for _, n := range field.Names {
				comments[ts.Name.Name+"."+n.Name] = text
			}
		}
		return false
	})
}
