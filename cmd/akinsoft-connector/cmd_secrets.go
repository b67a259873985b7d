package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
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
		Short: "Store passwords and tokens encrypted on this machine (config refers to them as ${secret:NAME})",
	}
	cmd.PersistentFlags().StringVar(&stateDir, "state-dir", "", "vault folder (default: state_dir of the config)")
	open := func() (*vault.Vault, error) { return openVault(g, stateDir, true) }

	set := &cobra.Command{
		Use:   "set NAME",
		Short: "Store a secret; the value is read from a hidden prompt or from standard input, never from an argument",
		Args:  exactArgs(1, "secrets set NAME (the value is asked for, not given on the command line)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := open()
			if err != nil {
				return err
			}
			value, err := readSecret(cmd, args[0])
			if err != nil {
				return err
			}
			if err := v.Set(args[0], value); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "secret %s stored in %s; use ${secret:%s} in the config\n", args[0], v.Path(), args[0])
			return nil
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List secret names and when they were set (never the values)",
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
				fmt.Fprintln(cmd.OutOrStdout(), "no secrets stored")
			}
			for _, e := range entries {
				fmt.Fprintf(cmd.OutOrStdout(), "%-32s set %s\n", e.Name, stamp(e.Updated, g.zone()))
			}
			return nil
		},
	}
	jsonFlag(list, &listJSON)
	del := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a secret",
		Args:  exactArgs(1, "secrets delete NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := open()
			if err != nil {
				return err
			}
			if err := v.Delete(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "secret %s deleted\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(set, list, del)
	return cmd
}

func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageError{"usage: akinsoft-connector " + usage}
		}
		return nil
	}
}

// openVault opens the vault in the given folder, else the config's state_dir,
// else the OS default, so secrets can be stored before the config is complete.
func openVault(g *globals, stateDir string, create bool) (*vault.Vault, error) {
	if stateDir == "" {
		cfg, err := config.Load(g.configPath, config.Options{})
		if cfg != nil {
			stateDir = string(cfg.StateDir) // usable even when other parts of the file are still wrong
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	if stateDir == "" {
		stateDir = defaultStateDir()
	}
	if create {
		if err := os.MkdirAll(stateDir, 0o700); err != nil {
			return nil, fmt.Errorf("create the state folder %s: %w", stateDir, err)
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
func readSecret(cmd *cobra.Command, name string) (string, error) {
	in := cmd.InOrStdin()
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(cmd.ErrOrStderr(), "Value for %s (not shown): ", name)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cmd.ErrOrStderr())
		if err != nil {
			return "", fmt.Errorf("read the value: %w", err)
		}
		if len(b) == 0 {
			return "", errors.New("empty value: nothing stored")
		}
		return string(b), nil
	}
	b, err := io.ReadAll(bufio.NewReader(io.LimitReader(in, 64<<10)))
	if err != nil {
		return "", fmt.Errorf("read the value from standard input: %w", err)
	}
	v := strings.TrimRight(string(b), "\r\n")
	if v == "" {
		return "", errors.New("empty value on standard input: nothing stored")
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
