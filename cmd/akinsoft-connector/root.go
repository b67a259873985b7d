package main

import (
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
)

// globals are flags every command shares.
type globals struct {
	configPath string
	logLevel   string
	lang       string
}

// language is the language reasons are shown in: --lang, else the
// environment's locale, else English like the rest of the command line
// for now.
func (g *globals) language() catalog.Lang {
	if l, ok := catalog.ParseLang(g.lang); ok {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l, ok := catalog.ParseLang(os.Getenv(v)); ok {
			return l
		}
	}
	return catalog.EN
}

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:           "akinsoft-connector",
		Short:         "Send customers SMS, WhatsApp and e-mail notifications from an AKINSOFT Wolvox database",
		Version:       buildinfo.Read().Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate(buildinfo.Read().String() + "\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.PersistentFlags().StringVar(&g.configPath, "config", defaultConfigPath(), "path of the config file")
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "info", "debug, info, warn or error")
	root.PersistentFlags().StringVar(&g.lang, "lang", "", "language of reasons and messages: tr or en (default: the system locale)")
	root.AddCommand(newDemoCmd(g), newRunCmd(g), newCheckCmd(g), newVersionCmd(), newSecretsCmd(g), newAuditCmd(g), newForgetCmd(g), newOptOutCmd(g), newRenderCmd(g),
		newStatusCmd(g), newMessagesCmd(g), newAdminCmd(g), newSendTestCmd(g), newServiceCmd(g), newConfigCmd(g))
	if man := newManCmd(); man != nil {
		root.AddCommand(man)
	}
	registerCompletions(root, g)
	usageExits(root)
	return root
}

// usageExits makes every wrong command line a usage error (exit 2): an
// unknown subcommand, and the argument checks of each command. Cobra itself
// reports those as plain errors, and for an unknown subcommand of a group
// (`messages lst`) prints the group's help and succeeds.
func usageExits(c *cobra.Command) {
	for _, sub := range c.Commands() {
		usageExits(sub)
	}
	if c.HasAvailableSubCommands() && !c.Runnable() {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return unknownCommand(cmd, args[0])
		}
		return
	}
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				if _, ok := err.(*usageError); ok {
					return err
				}
				return &usageError{err.Error()}
			}
			return nil
		}
	}
}

func unknownCommand(cmd *cobra.Command, name string) error {
	suggest := ""
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor does not apply
	}
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		suggest = catalog.FromEnv().Text("cli.did_you_mean", map[string]string{"names": strings.Join(s, ", ")})
	}
	return &usageError{catalog.FromEnv().Text("cli.unknown_command",
		map[string]string{"cmd": `"` + name + `"`, "parent": cmd.CommandPath(), "suggest": suggest})}
}

func (g *globals) logger(cmd *cobra.Command) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
}

func defaultConfigPath() string { return installer.DefaultPaths().ConfigFile }

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date (the same as --version)",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			cmd.Println(buildinfo.Read().String())
		},
	}
}
