package main

import (
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// registerCompletions completes the values of --job, --channel, --source
// and --status wherever a command has them: names from the config given
// with --config (or the default one), states from the outbox's table.
// Cobra's own `completion bash|zsh|fish|powershell` command writes the
// scripts that ask for them.
func registerCompletions(root *cobra.Command, g *globals) {
	names := map[string]cobra.CompletionFunc{
		"job":     g.completeFromConfig(jobNames),
		"channel": g.completeFromConfig(channelNames),
		"source":  g.completeFromConfig(sourceNames),
		"status":  completeStatuses,
		"problem": completeProblems,
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, fn := range names {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, fn)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completeProblems offers the kinds of problem --problem takes.
func completeProblems(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	return withPrefix(status.RereadKinds(), prefix), cobra.ShellCompDirectiveNoFileComp
}

// completeFromConfig reads the config for names; a config with problems
// still gives what it holds, and none at all gives no names (never an
// error on the user's terminal in the middle of a word).
func (g *globals) completeFromConfig(list func(*config.Config) []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		cfg, _ := config.Load(g.configPath, config.Options{})
		if cfg == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return withPrefix(list(cfg), prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeStatuses offers each state by the outbox's name and by the
// Turkish one the listing shows, in lower case ("başarısız", "iptal
// edildi"): --status takes both. What was typed is matched as --status
// reads it, in any case and without Turkish letters, and a name it matches
// so is offered from the very letters typed on, as the shells keep only
// names that start with them: "gond" becomes "gonderildi", which --status
// reads as "gönderildi".
func completeStatuses(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	var names []string
	for _, st := range outbox.Statuses {
		names = append(names, string(st))
	}
	for _, st := range outbox.Statuses {
		names = append(names, strings.ToLowerSpecial(unicode.TurkishCase, catalog.TR.Text(stateKey(st), nil)))
	}
	typed := mapping.Fold(prefix)
	var out []string
	for _, n := range names {
		switch folded := mapping.Fold(n); {
		case strings.HasPrefix(n, prefix):
			out = append(out, n)
		case strings.HasPrefix(folded, typed):
			out = append(out, prefix+folded[len(typed):])
		}
	}
	return withPrefix(out, prefix), cobra.ShellCompDirectiveNoFileComp
}

func jobNames(cfg *config.Config) []string {
	var out []string
	for _, j := range cfg.Jobs {
		out = append(out, j.Name)
	}
	return out
}

func sourceNames(cfg *config.Config) []string {
	var out []string
	for _, s := range cfg.Sources {
		out = append(out, s.Name)
	}
	return out
}

func withPrefix(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if n != "" && strings.HasPrefix(n, prefix) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
