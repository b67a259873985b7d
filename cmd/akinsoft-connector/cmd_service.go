package main

import (
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func newServiceCmd(g *globals) *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:       "service install|uninstall|start|stop|restart|status",
		Short:     g.h("help.service"),
		Long:      g.h("help.service.long"),
		Args:      actionArg(g, "service install|uninstall|start|stop|restart|status", installer.Actions),
		ValidArgs: installer.Actions,
		RunE: func(cmd *cobra.Command, args []string) error {
			action, _ := actionNamed(args[0], installer.Actions)
			if action == "install" {
				_, err := installService(cmd, g, user)
				if err == nil {
					cmd.Println(g.say("cmd.service.start_hint"))
				}
				return err
			}
			m, err := installer.NewManager(serviceOptions(g, user))
			if err != nil {
				return err
			}
			if action == "status" {
				st, err := m.Status()
				if err != nil {
					return err
				}
				cmd.Printf("%s: %s\n", installer.Name, g.say(catalog.Key("cmd.service.state."+strings.ReplaceAll(string(st), " ", "_"))))
				if st != installer.StateNotInstalled {
					cmd.Println(g.say("cmd.service.runs", "command", m.CommandLine()))
				}
				return nil
			}
			if err := m.Control(action); err != nil {
				return err
			}
			cmd.Println(g.say("cmd.service.done", "name", installer.Name, "action", action))
			return nil
		},
	}
	cmd.Flags().StringVar(&user, "user", "", g.h("help.service.user"))
	return cmd
}

// actionArg is one word of actions. A word that is none of them is a
// usage error said before anything runs: left to the installer it would be
// refused only after the service manager was looked for, as a runtime
// failure (exit 1), or not at all where there is none.
func actionArg(g *globals, usage string, actions []string) cobra.PositionalArgs {
	one := exactArgs(g, 1, usage)
	return func(cmd *cobra.Command, args []string) error {
		if err := one(cmd, args); err != nil {
			return err
		}
		if _, ok := actionNamed(args[0], actions); !ok {
			return &usageError{g.say("cli.unknown_action", "cmd", cmd.CommandPath(), "action", strconv.Quote(args[0]),
				"actions", strings.Join(actions, ", "))}
		}
		return nil
	}
}

// actionNamed is the one of actions word names, in any case: "Start",
// "STOP", and "INSTALL" or "İNSTALL" as Turkish casing writes it (folded as
// --status is, I and İ both read as i).
func actionNamed(word string, actions []string) (string, bool) {
	w := mapping.Fold(word)
	for _, a := range actions {
		if mapping.Fold(a) == w {
			return a, true
		}
	}
	return "", false
}

func serviceOptions(g *globals, user string) installer.Options {
	return installer.Options{
		ConfigFile: g.configPath,
		UserName:   user,
		Password:   os.Getenv("AKINSOFT_SERVICE_PASSWORD"),
	}
}

// installService registers the service (install), makes its folders
// private and returns its manager; init calls it too.
func installService(cmd *cobra.Command, g *globals, user string) (*installer.Manager, error) {
	opts := serviceOptions(g, user)
	// systemd must leave the config's own state and log directories writable.
	if cfg, err := config.Load(g.configPath, config.Options{}); cfg != nil && err == nil {
		opts.WritablePaths = []string{string(cfg.StateDir), string(cfg.Log.Dir)}
	}
	opts.Folders = append(privateFolders(g), installer.DefaultPaths().LogDir)
	m, err := installer.NewManager(opts)
	if err != nil {
		return nil, err
	}
	if err := m.Control("install"); err != nil {
		return nil, err
	}
	cmd.Println(g.say("cmd.service.done", "name", installer.Name, "action", "install"))
	for _, f := range installer.ProtectFolders(user, opts.Folders...) {
		switch {
		case f.Problem != "":
			cmd.PrintErrln(g.say("cmd.service.folder_not_private", "folder", f.Path, "problem", f.Problem))
		case f.Changed:
			cmd.Println(g.say("cmd.service.folder_private", "folder", f.Path))
		}
	}
	cmd.Println(g.say("cmd.service.runs", "command", m.CommandLine()))
	return m, nil
}
