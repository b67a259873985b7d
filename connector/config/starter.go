package config

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
)

// Starter is a first config as `akinsoft-connector init` writes it: the
// answers of the set-up dialogue, rendered by starter.yaml.tmpl into a file
// with Turkish comments that Load accepts as it is. Passwords are never
// here, only the names of their vault entries.
type Starter struct {
	// StateDir and LogDir are written as given; empty leaves the defaults
	// (folders beside the file).
	StateDir, LogDir string
	Source           StarterSource
	// QuietStart and QuietEnd ("21:00", "09:00"); both empty turns quiet
	// hours off.
	QuietStart, QuietEnd string
	SMS, WhatsApp, Email *StarterChannel
	Jobs                 []StarterJob
	// Generated says when and by which version, for the file's header.
	Generated string
}

// StarterSource is the Wolvox database.
type StarterSource struct {
	Driver, Host string
	Port         int
	Database     string // may hold {year}
	Instance     string // SQL Server's named instance
	User         string
	Secret       string // vault entry of the password
	// Note is a comment for the database line (why it has no {year}).
	Note string
}

// StarterChannel is one channel's provider. The fields a provider does
// not use stay empty.
type StarterChannel struct {
	Provider string // netgsm, mutlucell, whatsapp_cloud, smtp
	URL      string // a provider's test server or proxy; empty: the provider's own
	CAFile   string
	User     string // NetGSM usercode, Mutlucell user, SMTP user
	Sender   string // NetGSM msgheader, Mutlucell originator, SMTP from
	Secret   string // vault entry of the password or token
	PhoneID  string // WhatsApp phone_number_id
	Host     string // SMTP
	Port     int    // SMTP
}

// StarterJob is one proposed notification.
type StarterJob struct {
	Name, Preset, Schedule string
	Comment                string // what it sends, for the comment above it
	Messages               []StarterMessage
}

// Has reports whether the job has a message on channel.
func (j StarterJob) Has(channel string) bool {
	for _, m := range j.Messages {
		if m.Channel == channel {
			return true
		}
	}
	return false
}

// StarterMessage is a job's template on one channel.
type StarterMessage struct {
	Channel, Subject, Text string
	// A WhatsApp message's approved template, its language and what fills
	// its variables, in order ({{1}}, {{2}} …); Text is then what the outbox
	// and the status page show.
	Template, Language string
	Body               []string
}

//go:embed starter.yaml.tmpl
var starterTemplate string

var starterTmpl = template.Must(template.New("starter").Funcs(template.FuncMap{
	"q":      yamlQuote,
	"scalar": yamlBlock,
}).Parse(starterTemplate))

// Render writes the config file.
func (s Starter) Render() ([]byte, error) {
	var b bytes.Buffer
	if err := starterTmpl.Execute(&b, s); err != nil {
		return nil, fmt.Errorf("write the config: %w", err)
	}
	return b.Bytes(), nil
}

// yamlQuote writes s as a single-quoted YAML scalar: backslashes of Windows
// paths stay as they are, a quote is doubled.
func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// yamlBlock writes s as a literal block indented by n spaces ("|-" and the
// lines), or as a double-quoted scalar when a literal block cannot hold it
// exactly (leading spaces, trailing spaces, control characters).
func yamlBlock(n int, s string) string {
	lines := strings.Split(s, "\n")
	literal := !strings.HasPrefix(s, " ") && !strings.ContainsAny(s, "\t\r")
	for _, l := range lines {
		if strings.HasSuffix(l, " ") {
			literal = false
		}
	}
	if !literal || !strings.Contains(s, "\n") {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		return strings.TrimSuffix(b.String(), "\n")
	}
	pad := strings.Repeat(" ", n)
	var b strings.Builder
	b.WriteString("|-")
	for _, l := range lines {
		b.WriteString("\n")
		if l != "" {
			b.WriteString(pad + l)
		}
	}
	return b.String()
}
