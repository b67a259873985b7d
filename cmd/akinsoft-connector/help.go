package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
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
		}
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, l.Text("help.flag.help", map[string]string{"name": c.DisplayName()}))
			_ = c.Flags().SetAnnotation("help", cobra.FlagSetByCobraAnnotation, []string{"true"})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// localizeCompletion adds the library's completion command and writes its
// descriptions in l. It runs once the command's output is set: the command
// keeps the writer it was made with.
func localizeCompletion(root *cobra.Command, l catalog.Lang) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Short = l.Text("help.completion", nil)
		for _, sh := range c.Commands() {
			sh.Short = l.Text("help.completion.shell", map[string]string{"shell": sh.Name()})
			if sh.Flags().Lookup("help") == nil {
				sh.Flags().BoolP("help", "h", false, l.Text("help.flag.help", map[string]string{"name": sh.DisplayName()}))
			}
		}
	}
}
