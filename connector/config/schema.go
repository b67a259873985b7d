package config

import _ "embed" // the schema's text

// The JSON Schema of the file, for editors: with the example's first line
// "# yaml-language-server: $schema=config.schema.json" VS Code (YAML
// extension), IntelliJ and Neovim complete keys and values and mark what
// `check` would refuse before it is run. It is generated from the Config
// types by the package's tests (schemagen_test.go; `go test
// ./connector/config -update` rewrites it), which fail when it is not
// current: the binary carries the text, not the generator.
//
// The schema checks shape and formats only. What needs the whole file
// (a job naming a channel that is not configured, a preset's columns) is
// `check`'s work.

// SchemaID is where the schema is published; the file beside the example
// config is the same text.
const SchemaID = "https://github.com/akinsoft-connector/akinsoft-connector/raw/main/config.schema.json"

//go:embed config.schema.json
var schema []byte

// Schema returns the JSON Schema of the config file, indented.
func Schema() []byte { return append([]byte(nil), schema...) }
