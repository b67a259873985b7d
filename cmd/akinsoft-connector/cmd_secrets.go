package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

// passphraseEnv moves a vault between machines without DPAPI or a key file.
const passphraseEnv = "AKINSOFT_CONNECTOR_VAULT_PASSPHRASE"

func newSecretsCmd(g *globals) *cobra.Command {
	var stateDir string
	var listJSON bool
	cmd := &cobra.Command{
		Use:   "secrets",
		Short: g.h("help.secrets"),
	}
	cmd.PersistentFlags().StringVar(&stateDir, "state-dir", "", g.h("help.secrets.state_dir"))
	open := func() (*vault.Vault, error) { return openVault(g, stateDir, true) }

	set := &cobra.Command{
		Use:   "set " + g.h("help.arg.name"),
		Short: g.h("help.secrets.set"),
		Args:  exactArgs(g, 1, "secrets set "+g.h("help.arg.name")),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := open()
			if err != nil {
				return err
			}
			value, err := readSecret(cmd, g, args[0])
			if err != nil {
				return err
			}
			if err := v.Set(args[0], value); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.secrets.stored", "name", args[0], "path", v.Path(), "ref", "${secret:"+args[0]+"}"))
			return nil
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: g.h("help.secrets.list"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := open()
			if err != nil {
				return err
			}
			entries, err := v.List()
			if err != nil {
				return err
			}
			if listJSON {
				out := []namedJSON{}
				for _, e := range entries {
					out = append(out, namedJSON{Name: e.Name, When: e.Updated})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			if len(entries) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.secrets.none"))
			}
			for _, e := range entries {
				fmt.Fprintf(cmd.OutOrStdout(), "%-32s %s\n", e.Name, g.say("cmd.secrets.set_at", "at", stamp(e.Updated, g.zone())))
			}
			return nil
		},
	}
	jsonFlag(g, list, &listJSON)
	del := &cobra.Command{
		Use:   "delete " + g.h("help.arg.name"),
		Short: g.h("help.secrets.delete"),
		Args:  exactArgs(g, 1, "secrets delete "+g.h("help.arg.name")),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := open()
			if err != nil {
				return err
			}
			if err := v.Delete(args[0]); errors.Is(err, vault.ErrNotFound) {
				// Not the vault's "run secrets set": the names it holds.
				return &usageError{g.say("cmd.secrets.delete_not_found", "name", strconv.Quote(args[0]), "cmd", commandLine(g, "secrets", "list"))}
			} else if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.secrets.deleted", "name", args[0]))
			return nil
		},
	}
	cmd.AddCommand(set, list, del)
	return cmd
}

func exactArgs(g *globals, n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageError{g.say("cmd.usage", "usage", "akinsoft-connector "+usage)}
		}
		return nil
	}
}

// minArgs is exactArgs for a command that takes n arguments or more.
func minArgs(g *globals, n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return &usageError{g.say("cmd.usage", "usage", "akinsoft-connector "+usage)}
		}
		return nil
	}
}

// openVault opens the vault in the given folder, else the config's state_dir,
// else the OS default, so secrets can be stored before the config is complete
// (only when --config is not given: a file it names must exist).
func openVault(g *globals, stateDir string, create bool) (*vault.Vault, error) {
	if stateDir == "" {
		cfg, err := config.Load(g.configPath, config.Options{})
		if cfg != nil {
			stateDir = string(cfg.StateDir) // usable even when other parts of the file are still wrong
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		} else if g.configPath != defaultConfigPath() {
			// A mistyped --config must not put the secret in the default
			// folder, where the service (reading the real file's state_dir)
			// never finds it.
			return nil, &usageError{g.say("cmd.secrets.config_missing", "file", g.configPath)}
		}
	}
	if stateDir == "" {
		stateDir = defaultStateDir()
	}
	if create {
		if err := os.MkdirAll(stateDir, 0o700); err != nil {
			return nil, fmt.Errorf("%s: %w", g.say("cmd.secrets.mkdir", "dir", stateDir), err)
		}
	}
	var opts []vault.Option
	if p := os.Getenv(passphraseEnv); p != "" {
		opts = append(opts, vault.WithPassphrase([]byte(p)))
	}
	return vault.Open(stateDir, opts...)
}

func defaultStateDir() string { return installer.DefaultPaths().StateDir }

// readSecret asks on the terminal without echo, or reads standard input
// (for scripts: echo -n "$PW" | akinsoft-connector secrets set NAME).
func readSecret(cmd *cobra.Command, g *globals, name string) (string, error) {
	in := cmd.InOrStdin()
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(cmd.ErrOrStderr(), g.say("cmd.secrets.prompt", "name", name)+" ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cmd.ErrOrStderr())
		if err != nil {
			return "", fmt.Errorf("%s: %w", g.say("cmd.secrets.read_failed"), err)
		}
		if len(b) == 0 {
			return "", g.sayErr("cmd.secrets.empty")
		}
		return string(b), nil
	}
	b, err := io.ReadAll(bufio.NewReader(io.LimitReader(in, 64<<10)))
	if err != nil {
		return "", fmt.Errorf("%s: %w", g.say("cmd.secrets.read_stdin_failed"), err)
	}
	v := strings.TrimRight(string(b), "\r\n")
	if v == "" {
		return "", g.sayErr("cmd.secrets.empty_stdin")
	}
	if strings.ContainsAny(v, "\r\n") {
		// No password or key the connector stores has a line break: two
		// lines are most often the value and its confirmation, piped in,
		// and stored as one they would match neither.
		return "", &usageError{g.say("cmd.secrets.multiline")}
	}
	return v, nil
}

// lazyVault opens the vault on the first ${secret:NAME} lookup, so a config
// without secrets runs on a machine that has no vault yet.
type lazyVault struct {
	g        *globals
	stateDir string
	v        *vault.Vault
}

func (l *lazyVault) Get(name string) (string, error) {
	if l.v == nil {
		v, err := openVault(l.g, l.stateDir, false)
		if errors.Is(err, fs.ErrNotExist) {
			// No state folder yet: no secret was ever stored, and
			// secrets set, which the problem's hint names, creates it.
			return "", config.ErrSecretNotFound
		}
		if err != nil {
			return "", err
		}
		l.v = v
	}
	value, err := l.v.Get(name)
	if errors.Is(err, vault.ErrNotFound) {
		return "", config.ErrSecretNotFound // check says so in the reader's language
	}
	return value, err
}
