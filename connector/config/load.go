package config

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"

	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// Options change how a config is loaded.
type Options struct {
	// DefaultStateDir is used when state_dir is not set; empty means a
	// "state" folder beside the config file.
	DefaultStateDir string
}

// Load reads, decodes and validates the config file. The returned error is an
// Errors value listing every problem found with its position.
func Load(path string, opts Options) (*Config, error) {
	data, err := readConfig(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return Parse(abs, data, opts)
}

// Parse decodes and validates a config held in memory; name is used in errors
// and to resolve relative paths.
func Parse(name string, data []byte, opts Options) (*Config, error) {
	// Notepad's "Unicode" is UTF-16 with a byte order mark, which YAML
	// allows: the text is the same, so it is read as such.
	data = fromUTF16(data)
	// Notepad saves UTF-8 with a BOM; YAML parsers choke on it.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if e := checkShape(name, data); e != nil {
		return nil, Errors{e}
	}
	if e := notUTF8(name, data); e != nil {
		return nil, Errors{e}
	}
	if strings.Contains(string(data), "\t") {
		if line, col := firstTab(data); line > 0 {
			return nil, Errors{{File: name, Line: line, Col: col, Msg: say("config.tab"), Hint: say("config.hint.tab")}}
		}
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, Errors{yamlError(name, err, nil)}
	}
	cfg := &Config{file: name, positions: positionLookup{file: file, lines: strings.Split(string(data), "\n")}}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: say("config.empty"), Hint: say("config.hint.start_from_example")}}
	}
	if len(file.Docs) > 1 {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: say("config.multi_doc"), Hint: say("config.hint.one_doc")}}
	}
	if err := decode(file.Docs[0].Body, cfg); err != nil {
		// The values read before the structure broke are reported too.
		errs := cfg.decodeErrs
		for _, e := range errs {
			e.File = name
		}
		if e, ok := err.(*Error); ok {
			e.File = name
			return nil, append(errs, e).sorted()
		}
		return nil, append(errs, yamlError(name, err, file)).sorted()
	}
	cfg.applyDefaults(name, opts)
	if errs := cfg.validate(); len(errs) > 0 {
		return cfg, errs
	}
	return cfg, nil
}

// decode maps the YAML tree onto cfg. go-yaml v1.19 panics on a few
// malformed trees (a tagged, empty sequence; found by FuzzParse); a bad
// config must end in an error message, never a crashed service.
func decode(body ast.Node, cfg *Config) (err error) {
	defer func() {
		if r := recover(); r != nil {
			pos := body.GetToken().Position
			if tags := ast.Filter(ast.TagType, body); len(tags) > 0 {
				pos = tags[0].GetToken().Position
			}
			err = &Error{Line: pos.Line, Col: pos.Column, Msg: say("config.yaml_unreadable"), Hint: say("config.hint.yaml_tag")}
		}
	}()
	var typed decodeProblems
	ctx := withDecodeProblems(context.Background(), &typed)
	err = yaml.NewDecoder(bytes.NewReader(nil), yaml.DisallowUnknownField()).DecodeFromNodeContext(ctx, body, cfg)
	cfg.decodeErrs = typed.errs
	return err
}

func firstTab(data []byte) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "\t") {
			return i + 1, len(l) - len(trimmed) + 1
		}
	}
	return 0, 0
}

// yamlError turns a go-yaml error into our positioned error with a hint.
func yamlError(file string, err error, tree *ast.File) *Error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		text := ye.GetMessage()
		e := &Error{File: file, Msg: yamlMsg(text)}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
		var unknown *yaml.UnknownFieldError
		var typeErr *yaml.TypeError
		var dup *yaml.DuplicateKeyError
		var nodeType *yaml.UnexpectedNodeTypeError
		switch {
		case errors.As(err, &dup), strings.Contains(text, "already defined"):
			e.Hint = say("config.hint.duplicate")
		case errors.As(err, &nodeType):
			e.Hint = say("config.hint.node_type")
		case errors.As(err, &unknown):
			var suggest catalog.Msg
			if parent, key, ok := keyPathAt(tree, e.Line, e.Col); ok {
				suggest = didYouMean(key, keysAt(parent))
			}
			e.Msg = unknownKey(text, suggest)
			e.Hint = say("config.hint.check_spelling")
		case errors.As(err, &typeErr):
			value := ""
			if tk := typeErr.Token; tk != nil {
				value = " " + quote(tk.Value)
			}
			e.Msg = say("config.type_mismatch", "want", kindName(typeErr.DstType), "got", kindName(typeErr.SrcType), "value", value)
			e.Hint = say("config.hint.type")
		default:
			e.Hint = say("config.hint.yaml_syntax")
		}
		if open := unclosedOpener(ye.GetToken(), yamlSyntax[text]); open != nil {
			e.Line, e.Col = open.Position.Line, open.Position.Column // where the dealer left it open
		}
		if open := quoteRunOn(ye.GetToken()); open != nil && strings.HasPrefix(text, "value is not allowed in this context") {
			// A quote left open swallows the lines after it up to the
			// next quote, and the parser trips there, lines later.
			e.Line, e.Col = open.Position.Line, open.Position.Column
			e.Msg, e.Hint = say("config.yaml_open_quote"), say("config.hint.yaml_syntax")
		}
		return e
	}
	return &Error{File: file, Line: 1, Col: 1, Msg: msgOf(err)}
}

func (c *Config) applyDefaults(file string, opts Options) {
	dir := filepath.Dir(file)
	if c.StateDir == "" {
		c.StateDir = Path(opts.DefaultStateDir)
		if c.StateDir == "" {
			c.StateDir = "state"
		}
	}
	c.StateDir = resolvePath(dir, c.StateDir)
	if c.Log.Dir != "" {
		c.Log.Dir = resolvePath(dir, c.Log.Dir)
	}
	if c.Timezone.Get() == nil {
		c.Timezone = Location{loc: defaultLocation()}
	}
	setDefault(&c.Retention, DefaultRetention)
	setDefault(&c.UncertainGrace, DefaultUncertainGrace)
	if c.Uncertain == "" {
		c.Uncertain = UncertainHold
	}
	if c.QuietHours == nil {
		c.QuietHours = &QuietHours{}
	}
	if !c.QuietHours.Start.IsSet() && !c.QuietHours.End.IsSet() {
		c.QuietHours.Start, c.QuietHours.End = DefaultQuietStart, DefaultQuietEnd
	}
	if c.QuietHours.Channels == nil {
		c.QuietHours.Channels = []string{"sms", "whatsapp"}
	}
	if c.Status.Listen == (ListenAddr{}) {
		c.Status.Listen = DefaultListen
	}
	c.languageGiven = c.Language != ""
	if c.Language == "" {
		c.Language = Language(catalog.TR)
	}
	if c.Status.Language == "" {
		c.Status.Language = string(c.Language)
	}
	if c.Formats.Currency == "" {
		c.Formats.Currency = "TL"
	}
	if c.Formats.PhoneRegion == "" {
		c.Formats.PhoneRegion = "TR"
	}
	for i := range c.Sources {
		s := &c.Sources[i]
		s.Driver = strings.ToLower(s.Driver)
		switch s.Driver {
		case "firebird":
			if s.Port == 0 {
				s.Port = 3050
			}
			if s.Charset == "" {
				s.Charset = "WIN1254"
			}
		case "mssql":
			if s.Port == 0 && s.Instance == "" {
				s.Port = 1433
			}
		case "sqlite":
			s.Database = resolvePath(dir, s.Database)
		}
		if s.Host == "" && s.Driver != "sqlite" {
			s.Host = "127.0.0.1"
		}
		setDefault(&s.YearGrace, DefaultYearGrace)
		setDefault(&s.Timeout, DefaultSourceTimeout)
	}
	for _, ch := range c.Channels.ByName() {
		if ch.Rate == 0 {
			ch.Rate = DefaultRate
		}
		setDefault(&ch.Timeout, DefaultChannelTimeout)
		setDefault(&ch.ReportEvery, DefaultReportEvery)
	}
	for i := range c.Jobs {
		j := &c.Jobs[i]
		if j.Kind == KindUnset {
			j.Kind = KindInformational
		}
		if len(j.Sources) == 0 && len(c.Sources) == 1 {
			j.Sources = []string{c.Sources[0].Name}
		}
		if j.PageSize == 0 {
			j.PageSize = DefaultPageSize
		}
		if j.MaxSegments == 0 {
			j.MaxSegments = DefaultMaxSegments
		}
		preset, _ := erp.LookupPreset(j.Preset)
		if j.Mode == ModeUnset {
			j.Mode = Mode(preset.Mode)
		}
		if j.Mode == ModeUnset {
			j.Mode = ModeCreated
		}
		if j.Renotify == 0 && preset.Renotify != "" {
			if d, err := ParseDuration(preset.Renotify); err == nil {
				j.Renotify = d
			}
		}
		setDefault(&j.Lag, DefaultLag)
		j.applyMessagingDefaults()
		if j.Statement == nil && (j.Preset == "account_statements" || j.Preset == "account_reconciliation") {
			j.Statement = &Statement{}
		}
	}
	c.applyTwoWayDefaults()
	c.applyShopDefaults()
}

func setDefault(d *Duration, def Duration) {
	if *d == 0 {
		*d = def
	}
}

func resolvePath(dir string, p Path) Path {
	if p == "" || filepath.IsAbs(string(p)) || isWindowsAbs(string(p)) {
		return p
	}
	return Path(filepath.Join(dir, string(p)))
}

// isWindowsAbs accepts C:/… and C:\… on any OS, so a config written for a
// Windows server validates on a Linux workstation too.
func isWindowsAbs(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// notUTF8 refuses a file that is not UTF-8. A Turkish Windows editor saves
// Windows-1254: read as UTF-8 its ı and ş become "�", and customers would get
// "Say�n". The error shows the line as Windows-1254 would read it.
func notUTF8(name string, data []byte) *Error {
	if looksUTF16(data) { // valid UTF-8 too when all its letters are ASCII
		return &Error{File: name, Line: 1, Col: 1, Msg: say("config.utf16_no_bom"), Hint: say("config.hint.utf8")}
	}
	if utf8.Valid(data) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	lines := bytes.Split(data, []byte("\n"))
	text := ""
	if line-1 < len(lines) {
		if b, err := charmap.Windows1254.NewDecoder().Bytes(lines[line-1]); err == nil {
			text = strings.TrimSpace(string(b))
		}
	}
	msg := say("config.not_utf8")
	if text != "" {
		msg = say("config.not_utf8_line", "text", quote(text))
	}
	return &Error{File: name, Line: line, Col: col, Msg: msg, Hint: say("config.hint.utf8")}
}

// quoteRunOn is the quoted value just before tk that starts on an earlier
// line and runs over a line end: most often a value whose closing quote is
// missing, the quote then closing at the next one in the file.
func quoteRunOn(tk *token.Token) *token.Token {
	if tk == nil || tk.Position == nil {
		return nil
	}
	p := tk.Prev
	if p == nil || p.Position == nil || (p.Type != token.DoubleQuoteType && p.Type != token.SingleQuoteType) {
		return nil
	}
	if p.Position.Line < tk.Position.Line && strings.Contains(p.Origin, "\n") {
		return p
	}
	return nil
}

// unclosedOpener is the [ or { an unclosed-list or -block error is about:
// the parser trips where the list should have ended, often a line later.
func unclosedOpener(tk *token.Token, key catalog.Key) *token.Token {
	start, end := token.SequenceStartType, token.SequenceEndType
	switch key {
	case "config.yaml_open_list":
	case "config.yaml_open_map":
		start, end = token.MappingStartType, token.MappingEndType
	default:
		return nil
	}
	depth := 0
	for p := tk; p != nil; p = p.Prev {
		switch p.Type {
		case end:
			depth++
		case start:
			if depth == 0 {
				if p.Position == nil {
					return nil
				}
				return p
			}
			depth--
		}
	}
	return nil
}

// fromUTF16 is data as UTF-8 when it starts with a UTF-16 byte order mark,
// else data as it is.
func fromUTF16(data []byte) []byte {
	var order unicode.Endianness
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = unicode.LittleEndian
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = unicode.BigEndian
	default:
		return data
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return data // then told as not UTF-8, as any other encoding
	}
	return out
}

// looksUTF16 is UTF-16 without a byte order mark: a config is mostly ASCII,
// which UTF-16 writes with a zero byte beside every letter. Without the
// mark the byte order is a guess, so it is refused rather than read.
func looksUTF16(data []byte) bool {
	head := data[:min(len(data), 512)]
	return len(head) >= 4 && bytes.Count(head, []byte{0}) >= len(head)/4
}
