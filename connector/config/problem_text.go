package config

import (
	"errors"
	"reflect"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// The words of other packages (the query check, the template parser, the
// YAML parser, the vault) turned into catalog texts, so check speaks one
// language. What is not recognised is shown as it is.

// ErrSecretNotFound is what a SecretStore returns for a name it does not
// hold; check then says so in the reader's language.
var ErrSecretNotFound = errors.New("not in the vault")

func secretProblem(name string, err error) catalog.Msg {
	if errors.Is(err, ErrSecretNotFound) {
		return say("config.secret_missing", "name", quote(name))
	}
	return say("config.secret_error", "name", quote(name), "err", err)
}

// erpMsg is a refused query or preset parameter.
func erpMsg(err error) catalog.Msg {
	var re *erp.RefusalError
	if errors.As(err, &re) {
		return catalog.ReasonMsg(re.Reason)
	}
	return msgOf(err)
}

// urlMsg is why httpclient.CheckURL refused a URL.
func urlMsg(err error) catalog.Msg {
	var ue *httpclient.URLError
	if errors.As(err, &ue) {
		return catalog.ReasonMsg(ue.Reason)
	}
	return msgOf(err)
}

func presetColumnsHint(preset erp.Preset, cols []string) catalog.Msg {
	return say("config.hint.preset_columns", "preset", preset.Name, "columns", strings.Join(cols, ", "))
}

var templateMsgs = []struct {
	re   *regexp.Regexp
	key  catalog.Key
	args []string // the names of the submatches
}{
	{regexp.MustCompile(`^function ("[^"]*") not defined$`), "config.template.func_undefined", []string{"name"}},
	{regexp.MustCompile(`^unclosed action`), "config.template.unclosed_action", nil},
	{regexp.MustCompile(`^unclosed comment`), "config.template.unclosed_comment", nil},
	{regexp.MustCompile(`^bad character (.+)$`), "config.template.bad_character", []string{"char"}},
	{regexp.MustCompile(`^(\{\{\w+\}\}) has no (\{\{end\}\})$`), "config.template.no_end", []string{"tag", "end"}},
	{regexp.MustCompile(`^the record has no column ("[^"]*")$`), "config.template.no_column", []string{"name"}},
	{regexp.MustCompile(`^the HTML ends inside a tag`), "config.template.html_unclosed", nil},
}

// templateMsg is a template problem in the catalog's words where they are
// known, else the parser's own under "template error".
func templateMsg(text string) catalog.Msg {
	for _, t := range templateMsgs {
		if m := t.re.FindStringSubmatch(text); m != nil {
			args := make([]any, 0, 2*len(t.args))
			for i, name := range t.args {
				args = append(args, name, m[i+1])
			}
			return say(t.key, args...)
		}
	}
	return say("config.template", "detail", text)
}

var (
	yamlDuplicate = regexp.MustCompile(`^mapping key ("[^"]*") already defined at \[(\d+):(\d+)\]$`)
	yamlNodeType  = regexp.MustCompile(`^(\w+) was used where (\w+) is expected$`)
	yamlUnknown   = regexp.MustCompile(`^unknown field ("[^"]*")`)
)

var yamlEscape = regexp.MustCompile(`^found unknown escape character '(.*)'$`)

// yamlSyntax are the parser's words for the mistakes a hand-edited file
// makes (an unclosed list or quote, a missing colon), in the catalog's.
var yamlSyntax = map[string]catalog.Key{
	"non-map value is specified":                                   "config.yaml_colon",
	"expected map key-value delimiter ':'":                         "config.yaml_colon",
	"could not find value for mapping key":                         "config.yaml_colon",
	"unexpected map key":                                           "config.yaml_colon",
	"',' or ']' must be specified":                                 "config.yaml_open_list",
	"sequence end token ']' not found":                             "config.yaml_open_list",
	"could not find '[' character corresponding to ']'":            "config.yaml_stray_bracket",
	"',' or '}' must be specified":                                 "config.yaml_open_map",
	"could not find flow mapping end token '}'":                    "config.yaml_open_map",
	"could not find '{' character corresponding to '}'":            "config.yaml_stray_bracket",
	"could not find end character of double-quoted text":           "config.yaml_open_quote",
	"could not find end character of single-quoted text":           "config.yaml_open_quote",
	"mapping value is not allowed in this context":                 "config.yaml_stray_colon",
	"block sequence entries are not allowed in this context":       "config.yaml_stray_dash",
	"map key definition includes an implicit line break":           "config.yaml_key_break",
	"found a tab character where an indentation space is expected": "config.tab",
	"found character '\t' that cannot start any token":             "config.tab",
}

// yamlMsg is one of go-yaml's messages in the catalog's words.
func yamlMsg(text string) catalog.Msg {
	if m := yamlDuplicate.FindStringSubmatch(text); m != nil {
		return say("config.yaml_duplicate", "key", m[1], "line", m[2], "col", m[3])
	}
	if m := yamlNodeType.FindStringSubmatch(text); m != nil {
		got, want := yamlWord(m[1]), yamlWord(m[2])
		if !got.IsZero() && !want.IsZero() {
			return say("config.yaml_node_type", "got", got, "want", want)
		}
	}
	if strings.HasPrefix(text, "value is not allowed in this context") {
		return say("config.yaml_value_context")
	}
	if m := yamlEscape.FindStringSubmatch(text); m != nil {
		return say("config.yaml_escape", "char", m[1])
	}
	if key, ok := yamlSyntax[text]; ok {
		return say(key)
	}
	return say("config.yaml_syntax", "text", text)
}

func yamlWord(w string) catalog.Msg {
	switch w {
	case "mapping", "sequence", "scalar":
		return say(catalog.Key("config.yaml_word." + w))
	}
	return catalog.Msg{}
}

// unknownKey is go-yaml's unknown field as our unknown key.
func unknownKey(text string, suggest catalog.Msg) catalog.Msg {
	key := `""`
	if m := yamlUnknown.FindStringSubmatch(text); m != nil {
		key = m[1]
	}
	return say("config.unknown_key", "key", key, "suggest", suggest)
}

// kindName describes a Go type in the words of a YAML file.
func kindName(t reflect.Type) catalog.Msg {
	if t == nil {
		return say("config.kind.value")
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return say("config.kind.whole_number")
	case reflect.Float32, reflect.Float64:
		return say("config.kind.number")
	case reflect.Bool:
		return say("config.kind.bool")
	case reflect.String:
		return say("config.kind.text")
	case reflect.Slice, reflect.Array:
		return say("config.kind.list")
	case reflect.Map, reflect.Struct:
		return say("config.kind.mapping")
	case reflect.Pointer:
		return kindName(t.Elem())
	}
	return say("config.as_is", "text", t.String())
}

func nodeKind(n ast.Node) catalog.Msg {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return say("config.kind.mapping")
	case ast.SequenceType:
		return say("config.kind.list")
	}
	return say("config.kind.value")
}
