package main

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
)

// globals are flags every command shares.
type globals struct {
	configPath string
	logLevel   string
	lang       string
	help       catalog.Lang // the language of help texts, read before the flags are
	chosen     catalog.Lang // language(), once worked out
}

// language is the language of everything the command line writes: --lang,
// else the config's language: setting, else the system locale (LC_ALL,
// LC_MESSAGES, LANG), else Turkish.
func (g *globals) language() catalog.Lang {
	if l, ok := catalog.ParseLang(g.lang); ok {
		return l
	}
	if g.chosen == "" {
		g.chosen = chooseLanguage(g.configPath)
	}
	return g.chosen
}

func chooseLanguage(configPath string) catalog.Lang {
	if cfg, _ := config.Load(configPath, config.Options{}); cfg != nil && cfg.LanguageGiven() {
		return cfg.Language.Lang()
	}
	return catalog.FromEnv()
}

// say renders a text of the command line in the reader's language.
func (g *globals) say(key catalog.Key, args ...any) string {
	return catalog.M(key, args...).In(g.language())
}

// sayErr is say as an error.
func (g *globals) sayErr(key catalog.Key, args ...any) error {
	return errors.New(g.say(key, args...))
}

// errText is err in the reader's language when it is a catalog text (the
// first one in its chain), else as it is.
func (g *globals) errText(err error) string {
	var l catalog.Localized
	if errors.As(err, &l) {
		return l.In(g.language())
	}
	return err.Error()
}

// h renders a help text (a command's description, a flag's) in the
// language the command line asks for.
func (g *globals) h(key catalog.Key) string { return g.help.Text(key, nil) }

// helpLanguage reads --lang and --config from the arguments before cobra
// parses them: the help texts are written when the commands are made.
func helpLanguage(args []string) catalog.Lang {
	g := &globals{configPath: defaultConfigPath()}
	for i, a := range args {
		next := ""
		if i+1 < len(args) {
			next = args[i+1]
		}
		switch {
		case a == "--":
			return g.language()
		case a == "--lang":
			g.lang = next
		case strings.HasPrefix(a, "--lang="):
			g.lang = strings.TrimPrefix(a, "--lang=")
		case a == "--config":
			g.configPath = next
		case strings.HasPrefix(a, "--config="):
			g.configPath = strings.TrimPrefix(a, "--config=")
		}
	}
	return g.language()
}

// newRoot makes the command tree for the command line args, its help in
// the language args ask for.
func newRoot(args []string) (*cobra.Command, *globals) {
	g := &globals{help: helpLanguage(args)}
	root := &cobra.Command{
		Use:           "akinsoft-connector",
		Short:         g.h("help.root"),
		Version:       buildinfo.Read().Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate(buildinfo.Read().String() + "\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{flagError(g.help, err)} })
	root.PersistentFlags().StringVar(&g.configPath, "config", defaultConfigPath(), g.h("help.flag.config"))
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "info", g.h("help.flag.log_level"))
	root.PersistentFlags().StringVar(&g.lang, "lang", "", g.h("help.flag.lang"))
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if _, ok := catalog.ParseLang(g.lang); g.lang != "" && !ok {
			return &usageError{g.say("cmd.flag.lang", "value", strconv.Quote(g.lang))}
		}
		return nil
	}
	root.AddCommand(newInitCmd(g), newDemoCmd(g), newRunCmd(g), newCheckCmd(g), newVersionCmd(g), newSecretsCmd(g), newAuditCmd(g), newForgetCmd(g), newOptOutCmd(g), newRenderCmd(g),
		newStatusCmd(g), newMessagesCmd(g), newRepliesCmd(g), newAdminCmd(g), newSendTestCmd(g), newServiceCmd(g), newConfigCmd(g))
	if man := newManCmd(g); man != nil {
		root.AddCommand(man)
	}
	registerCompletions(root, g)
	localizeHelp(root, g.help)
	usageExits(root, g)
	return root, g
}

// usageExits makes every wrong command line a usage error (exit 2): an
// unknown subcommand, and the argument checks of each command. Cobra itself
// reports those as plain errors, and for an unknown subcommand of a group
// (`messages lst`) prints the group's help and succeeds.
func usageExits(c *cobra.Command, g *globals) {
	for _, sub := range c.Commands() {
		usageExits(sub, g)
	}
	if c.HasAvailableSubCommands() && !c.Runnable() {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return unknownCommand(cmd, args[0], g.language())
		}
		return
	}
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				if _, ok := err.(*usageError); ok {
					return err
				}
				return argsError(cmd, args, err, g.language())
			}
			return nil
		}
	}
}

// argsError says in lang what the library's own argument checks found
// (cobra.NoArgs, cobra.MinimumNArgs), which it words in English only.
func argsError(cmd *cobra.Command, args []string, err error, lang catalog.Lang) error {
	// A word after a command that takes none: the error is the one
	// cobra.NoArgs gives for these args (compared with it, not with its
	// English words).
	if noArgs := cobra.NoArgs(cmd, args); noArgs != nil && noArgs.Error() == err.Error() {
		if cmd.HasAvailableSubCommands() {
			return unknownCommand(cmd, args[0], lang)
		}
		return &usageError{lang.Text("cli.no_args", map[string]string{"cmd": cmd.CommandPath(), "arg": strconv.Quote(args[0])})}
	}
	return &usageError{lang.Text("cmd.usage", map[string]string{"usage": strings.TrimSuffix(cmd.UseLine(), " [flags]")})}
}

func unknownCommand(cmd *cobra.Command, name string, lang catalog.Lang) error {
	suggest := ""
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor does not apply
	}
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		suggest = lang.Text("cli.did_you_mean", map[string]string{"names": strings.Join(s, ", ")})
	}
	return &usageError{lang.Text("cli.unknown_command",
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

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: g.h("help.version"),
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			cmd.Println(buildinfo.Read().String())
		},
	}
}

// flagErrors are the command-line library's words for a wrong flag, by the
// start of its message; the rest of the message follows as {detail}.
var flagErrors = []struct {
	prefix string
	key    catalog.Key
}{
	{"unknown flag: ", "cmd.flag.unknown"},
	{"unknown shorthand flag: ", "cmd.flag.unknown_short"},
	{"flag needs an argument: ", "cmd.flag.needs_argument"},
}

// flagError is a wrong flag in lang.
func flagError(lang catalog.Lang, err error) string {
	var invalid *pflag.InvalidValueError
	if errors.As(err, &invalid) {
		flag := invalid.GetFlag()
		reason := config.Describe(invalid.Unwrap(), lang)
		var l catalog.Localized
		var num *strconv.NumError
		switch {
		case errors.As(invalid.Unwrap(), &l):
			reason = l.In(lang) // a flag's own value type refusing it (--status)
		case errors.As(invalid.Unwrap(), &num):
			reason = numberError(lang, flag, num)
		}
		return lang.Text("cmd.flag.invalid_value", map[string]string{"flag": "--" + flag.Name,
			"value": strconv.Quote(invalid.GetValue()), "reason": reason})
	}
	msg := err.Error()
	for _, f := range flagErrors {
		if rest, ok := strings.CutPrefix(msg, f.prefix); ok {
			return lang.Text(f.key, map[string]string{"detail": rest})
		}
	}
	return msg
}

// numberError is why the library's number and yes/no flags refused a
// value, which strconv says in English ("strconv.ParseInt: parsing \"abc\":
// invalid syntax"); the hint shows the flag with a value it takes.
func numberError(lang catalog.Lang, flag *pflag.Flag, num *strconv.NumError) string {
	example := "--" + flag.Name + " 10"
	if d := flag.DefValue; d != "" && d != "0" {
		example = "--" + flag.Name + " " + d
	}
	args := map[string]string{"flag": "--" + flag.Name, "example": example}
	switch {
	case num.Func == "ParseBool":
		return lang.Text("cmd.flag.not_bool", args)
	case errors.Is(num.Err, strconv.ErrRange):
		return lang.Text("cmd.flag.number_range", args)
	case num.Func == "ParseInt" || num.Func == "ParseUint":
		return lang.Text("cmd.flag.not_integer", args)
	}
	return lang.Text("cmd.flag.not_number", args)
}
