package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

func newAdminCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin",
		Short: "Status page access: the admin password, the shop owner's read-only password and API tokens",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set-password",
		Short: "Set the status page's admin password (asked without echo, or read from standard input)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			pw, err := readSecret(cmd, "the admin password")
			if err != nil {
				return err
			}
			if f, ok := cmd.InOrStdin().(*os.File); ok && isTerminal(f) {
				again, err := readSecret(cmd, "the admin password (again)")
				if err != nil {
					return err
				}
				if again != pw {
					return errors.New("the two passwords differ: nothing changed")
				}
			}
			if err := status.SetPassword(path, pw); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "admin password set (bcrypt hash in %s); it works at the next login, no restart needed\n", path)
			return nil
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "set-viewer-password",
		Short: "Set a read-only password for the shop owner: the status page without Retry, Cancel and Pause",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			pw, err := readSecret(cmd, "the viewer password")
			if err != nil {
				return err
			}
			if f, ok := cmd.InOrStdin().(*os.File); ok && isTerminal(f) {
				again, err := readSecret(cmd, "the viewer password (again)")
				if err != nil {
					return err
				}
				if again != pw {
					return errors.New("the two passwords differ: nothing changed")
				}
			}
			if err := status.SetViewerPassword(path, pw); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "viewer password set (bcrypt hash in %s); whoever logs in with it sees the page but cannot retry, cancel or pause\n", path)
			return nil
		},
	}, &cobra.Command{
		Use:   "remove-viewer-password",
		Short: "Remove the read-only password",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			if err := status.RemoveViewerPassword(path); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "viewer password removed")
			return nil
		},
	})
	token := &cobra.Command{Use: "token", Short: "Read-only API tokens for monitoring (/api/status, and /metrics beyond loopback)"}
	var listJSON bool
	tokenList := &cobra.Command{
		Use:   "list",
		Short: "List token names (never the tokens)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			c, err := status.LoadCredentials(path)
			if err != nil {
				return err
			}
			if listJSON {
				out := []tokenJSON{}
				for _, t := range c.Tokens {
					out = append(out, tokenJSON{Name: t.Name, Created: t.Created})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			for _, t := range c.Tokens {
				fmt.Fprintf(cmd.OutOrStdout(), "%-24s created %s\n", t.Name, stamp(t.Created, g.zone()))
			}
			if len(c.Tokens) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no tokens")
			}
			return nil
		},
	}
	jsonFlag(tokenList, &listJSON)
	token.AddCommand(&cobra.Command{
		Use:   "create NAME",
		Short: "Create a token; it is shown once",
		Args:  exactArgs(1, "admin token create prometheus"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			tok, err := status.CreateToken(path, args[0], time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), tok)
			fmt.Fprintf(cmd.ErrOrStderr(), "token %q created; it is shown only now. Send it as: Authorization: Bearer <token>\n", args[0])
			return nil
		},
	}, tokenList, &cobra.Command{
		Use:   "revoke NAME",
		Short: "Delete a token",
		Args:  exactArgs(1, "admin token revoke prometheus"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			if err := status.RevokeToken(path, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "token %q revoked\n", args[0])
			return nil
		},
	})
	cmd.AddCommand(token)
	return cmd
}

// authPath is the credentials file in the config's state directory (or the
// OS default when the config cannot say).
func authPath(g *globals) (string, error) {
	cfg, err := config.Load(g.configPath, config.Options{})
	stateDir := ""
	if cfg != nil {
		stateDir = string(cfg.StateDir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	if stateDir == "" {
		stateDir = defaultStateDir()
	}
	return status.AuthPath(stateDir), nil
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
