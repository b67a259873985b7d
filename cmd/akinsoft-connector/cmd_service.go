package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

func newServiceCmd(g *globals) *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:   "service install|uninstall|start|stop|restart|status",
		Short: "Install and control the OS service (Windows service, systemd unit); needs admin/root",
		Long: `install registers the service to run "run --config <absolute path of --config>".
Windows: LocalSystem unless --user (a bare name becomes .\name; its password is read
from AKINSOFT_SERVICE_PASSWORD), automatic (delayed) start, restart 5 s after a failure,
Event Log source "akinsoft-connector". Linux: a hardened systemd unit running as the
akinsoft-connector user (created when missing), enabled but not started.`,
		Args:      exactArgs(1, "service install|uninstall|start|stop|restart|status"),
		ValidArgs: installer.Actions,
		RunE: func(cmd *cobra.Command, args []string) error {
			action := args[0]
			if action == "install" {
				_, err := installService(cmd, g, user)
				if err == nil {
					cmd.Printf("start it with: akinsoft-connector service start\n")
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
				cmd.Printf("%s: %s\n", installer.Name, st)
				if st != installer.StateNotInstalled {
					cmd.Printf("runs: %s\n", m.CommandLine())
				}
				return nil
			}
			if err := m.Control(action); err != nil {
				return err
			}
			cmd.Printf("%s: %s done\n", installer.Name, action)
			return nil
		},
	}
	cmd.Flags().StringVar(&user, "user", "", `account to run as (Windows: empty = LocalSystem, or .\name / DOMAIN\name; Linux: empty = akinsoft-connector)`)
	return cmd
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
	cmd.Printf("%s: install done\n", installer.Name)
	for _, f := range installer.ProtectFolders(user, opts.Folders...) {
		switch {
		case f.Problem != "":
			cmd.PrintErrf("warning: the folder %s is not private: %s\n", f.Path, f.Problem)
		case f.Changed:
			cmd.Printf("folder %s: only SYSTEM, Administrators and the service's account have access\n", f.Path)
		}
	}
	cmd.Printf("runs: %s\n", m.CommandLine())
	return m, nil
}
