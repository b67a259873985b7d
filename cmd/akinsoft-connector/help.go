package main

import (
	"bytes"
	"io"
	"strings"

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
			err := usage(c)
			c.SetOut(out)
			_, _ = io.WriteString(out, words.Replace(buf.String()))
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
