package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// localizeHelp writes the command-line library's own words in l: the
// headings of the help page, the --help and --version flags, and the help
// and completion commands it adds. Their English texts in the catalog are
// the library's, so English help reads as before.
func localizeHelp(root *cobra.Command, l catalog.Lang) {
	// Each heading is marked first and written in l after, so that no
	// translation is matched again; "Global Flags:" before "Flags:".
	headings := []catalog.Key{"help.usage.more", "help.usage.global", "help.usage.additional", "help.usage.commands",
		"help.usage.topics", "help.usage.examples", "help.usage.aliases", "help.usage.usage", "help.usage.flags", "help.usage.command"}
	tmpl := root.UsageTemplate()
	for _, k := range headings {
		tmpl = strings.ReplaceAll(tmpl, catalog.EN.Text(k, nil), "\x00"+string(k)+"\x00")
	}
	for _, k := range headings {
		tmpl = strings.ReplaceAll(tmpl, "\x00"+string(k)+"\x00", l.Text(k, nil))
	}
	root.SetUsageTemplate(tmpl)
	if l != catalog.EN {
		// Two words come from inside the libraries, not the template: the
		// "[flags]" of the usage line and the "(default …)" of each flag.
		words := strings.NewReplacer(" [flags]", " "+l.Text("help.usage.flags_word", nil),
			"(default ", "("+l.Text("help.usage.default", nil)+" ")
		usage := root.UsageFunc()
		root.SetUsageFunc(func(c *cobra.Command) error {
			var buf bytes.Buffer
			out := c.OutOrStderr()
			c.SetOut(&buf)
			restore := nameValues(c, l)
			err := usage(c)
			restore()
			c.SetOut(out)
			_, _ = io.WriteString(out, alignFlags(words.Replace(buf.String())))
			return err
		})
	}

	if root.Version != "" {
		root.Flags().BoolP("version", "v", false, l.Text("help.flag.version", map[string]string{"name": root.DisplayName()}))
		_ = root.Flags().SetAnnotation("version", cobra.FlagSetByCobraAnnotation, []string{"true"})
	}
	root.InitDefaultHelpCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" && c.Parent() == root {
			c.Short = l.Text("help.help", nil)
			c.Long = l.Text("help.help.long", map[string]string{"name": root.DisplayName()})
			c.Run, c.RunE = nil, helpTopic(l)
		}
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, l.Text("help.flag.help", map[string]string{"name": c.DisplayName()}))
			_ = c.Flags().SetAnnotation("help", cobra.FlagSetByCobraAnnotation, []string{"true"})
		}
		c.Flags().VisitAll(oneDefault)
		c.PersistentFlags().VisitAll(oneDefault)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// valueWords name what a flag takes in the help, by the name of its type
// as the library prints it ("--since duration"), and by the flag for those
// that take a path.
var (
	valueWords = map[string]catalog.Key{"string": "help.value.string", "stringArray": "help.value.string",
		"stringSlice": "help.value.strings", "int": "help.value.int", "duration": "help.value.duration"}
	pathFlags = map[string]catalog.Key{"config": "help.value.file", "ca-file": "help.value.file",
		"state-dir": "help.value.folder", "dir": "help.value.folder", "search": "help.value.folder"}
)

// namedValue is a flag's value as the help shows it: the library prints
// the name of the value's type after the flag, in English.
type namedValue struct {
	pflag.Value
	name string
}

func (v namedValue) Type() string { return v.name }

// nameValues gives c's flags, and those it inherits, the words of l for
// what they take, for as long as the help is written: the values keep their
// own types for parsing (the library reads a flag back by its type's name).
// It returns what puts them back.
func nameValues(c *cobra.Command, l catalog.Lang) (restore func()) {
	type saved struct {
		f   *pflag.Flag
		v   pflag.Value
		def string
	}
	var undo []saved
	seen := map[*pflag.Flag]bool{}
	name := func(f *pflag.Flag) {
		k, ok := pathFlags[f.Name]
		if !ok {
			k, ok = valueWords[f.Value.Type()]
		}
		if !ok || seen[f] {
			return
		}
		seen[f] = true
		undo = append(undo, saved{f, f.Value, f.DefValue})
		// The library takes "[]" for an empty list by the value's type
		// alone; under another name it would print it as a default.
		if f.DefValue == "[]" {
			f.DefValue = ""
		}
		f.Value = namedValue{f.Value, l.Text(k, nil)}
	}
	for p := c; p != nil; p = p.Parent() {
		p.PersistentFlags().VisitAll(name)
	}
	c.Flags().VisitAll(name)
	return func() {
		for _, s := range undo {
			s.f.Value, s.f.DefValue = s.v, s.def
		}
	}
}

// flagLine is a flag's line in the help: its names and value word, the
// spaces up to the texts' column, the text.
var flagLine = regexp.MustCompile(`^( +(?:-\S, )?--\S+(?: \S+)?)(  +)(.*)$`)

// alignFlags puts the flags' texts back in one column: the library pads
// the names by their length in bytes, and a Turkish letter ("süre", "sayı")
// is two.
func alignFlags(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		m := flagLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if extra := len(m[1]) - utf8.RuneCountInString(m[1]); extra > 0 {
			lines[i] = m[1] + m[2] + strings.Repeat(" ", extra) + m[3]
		}
	}
	return strings.Join(lines, "\n")
}

// oneDefault keeps the help from stating f's default twice. The library
// appends "(default …)" unless the value is its type's zero, and takes a
// zero config.Duration ("0s") for a value: a --since whose text says what
// no value means read "(varsayılan: hepsi) (varsayılan: 0s)". The library
// counts an empty default of a type it does not know as none.
func oneDefault(f *pflag.Flag) {
	if _, ok := f.Value.(*config.Duration); ok && f.DefValue == config.Duration(0).String() {
		f.DefValue = ""
	}
}

// helpTopic shows the help of the command args name. The library's own
// shows the nearest command's help for a word that names none (`help foo`
// is the root's help, exit 0), so a mistyped topic went unnoticed.
func helpTopic(l catalog.Lang) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		cmd, rest, err := c.Root().Find(args)
		if err != nil || cmd == nil {
			return unknownCommand(c.Root(), args[0], l)
		}
		if len(rest) > 0 && cmd.HasAvailableSubCommands() {
			return unknownCommand(cmd, rest[0], l)
		}
		return cmd.Help()
	}
}

// localizeCompletion adds the library's completion command and writes its
// descriptions in l. It runs once the command's output is set: the command
// keeps the writer it was made with.
func localizeCompletion(root *cobra.Command, g *globals) {
	l := g.help
	name := map[string]string{"name": root.Name()}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		// Added after the other commands were made strict: `completion
		// foo` would print the library's English help and succeed.
		usageExits(c, g)
		c.Short = l.Text("help.completion", nil)
		c.Long = l.Text("help.completion.long", name)
		helpFlag(c, l)
		for _, sh := range c.Commands() {
			sh.Short = l.Text("help.completion.shell", map[string]string{"shell": sh.Name()})
			// A shell the library adds later keeps the short text alone
			// rather than its English steps.
			sh.Long = ""
			if k, ok := completionSteps[sh.Name()]; ok {
				sh.Long = l.Text(k, name)
			}
			if f := sh.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = l.Text("help.completion.no_descriptions", nil)
			}
			helpFlag(sh, l)
		}
	}
}

// completionSteps are how each shell loads the script, by shell.
var completionSteps = map[string]catalog.Key{
	"bash":       "help.completion.bash.long",
	"zsh":        "help.completion.zsh.long",
	"fish":       "help.completion.fish.long",
	"powershell": "help.completion.powershell.long",
}

// helpFlag gives c its --help in l before the library would add its own
// English one ("help for completion") as the command runs.
func helpFlag(c *cobra.Command, l catalog.Lang) {
	if c.Flags().Lookup("help") == nil {
		c.Flags().BoolP("help", "h", false, l.Text("help.flag.help", map[string]string{"name": c.DisplayName()}))
	}
}
