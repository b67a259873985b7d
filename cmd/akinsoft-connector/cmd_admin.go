package main

import (
	"errors"
	"fmt"
	"net"
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
		Short: g.h("help.admin"),
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set-password",
		Short: g.h("help.admin.set_password"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			pw, err := readSecret(cmd, g, g.say("cmd.admin.password"))
			if err != nil {
				return err
			}
			if f, ok := cmd.InOrStdin().(*os.File); ok && isTerminal(f) {
				again, err := readSecret(cmd, g, g.say("cmd.admin.password_again"))
				if err != nil {
					return err
				}
				if again != pw {
					return g.sayErr("cmd.admin.passwords_differ")
				}
			}
			if err := status.SetPassword(path, pw); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.password_set", "path", path))
			return nil
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "set-viewer-password",
		Short: g.h("help.admin.set_viewer_password"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			pw, err := readSecret(cmd, g, g.say("cmd.admin.viewer_password"))
			if err != nil {
				return err
			}
			if f, ok := cmd.InOrStdin().(*os.File); ok && isTerminal(f) {
				again, err := readSecret(cmd, g, g.say("cmd.admin.viewer_password_again"))
				if err != nil {
					return err
				}
				if again != pw {
					return g.sayErr("cmd.admin.passwords_differ")
				}
			}
			if err := status.SetViewerPassword(path, pw); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.viewer_password_set", "path", path))
			return nil
		},
	}, &cobra.Command{
		Use:   "remove-viewer-password",
		Short: g.h("help.admin.remove_viewer_password"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			if err := status.RemoveViewerPassword(path); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.viewer_password_removed"))
			return nil
		},
	})
	token := &cobra.Command{Use: "token", Short: g.h("help.admin.token")}
	var listJSON bool
	tokenList := &cobra.Command{
		Use:   "list",
		Short: g.h("help.admin.token.list"),
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
				fmt.Fprintf(cmd.OutOrStdout(), "%-24s %s\n", t.Name, g.say("cmd.admin.token_created_at", "at", stamp(t.Created, g.zone())))
			}
			if len(c.Tokens) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.no_tokens"))
			}
			return nil
		},
	}
	jsonFlag(g, tokenList, &listJSON)
	token.AddCommand(&cobra.Command{
		Use:   "create " + g.h("help.arg.name"),
		Short: g.h("help.admin.token.create"),
		Args:  exactArgs(g, 1, "admin token create prometheus"),
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
			fmt.Fprintln(cmd.ErrOrStderr(), g.say("cmd.admin.token_created", "name", fmt.Sprintf("%q", args[0])))
			return nil
		},
	}, tokenList, &cobra.Command{
		Use:   "revoke " + g.h("help.arg.name"),
		Short: g.h("help.admin.token.revoke"),
		Args:  exactArgs(g, 1, "admin token revoke prometheus"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			if err := status.RevokeToken(path, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.token_revoked", "name", fmt.Sprintf("%q", args[0])))
			return nil
		},
	})
	cmd.AddCommand(token)
	cmd.AddCommand(&cobra.Command{
		Use:   "unlock",
		Short: g.h("help.admin.unlock"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			if err := status.Unlock(path, time.Now()); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.admin.unlocked"))
			return nil
		},
	}, &cobra.Command{
		Use:   "login-link",
		Short: g.h("help.admin.login_link"),
		Long:  g.h("help.admin.login_link.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := authPath(g)
			if err != nil {
				return err
			}
			tok, err := status.CreateLoginLink(path, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), pageURL(g)+"login/link?t="+tok)
			fmt.Fprintln(cmd.ErrOrStderr(), g.say("cmd.admin.login_link_hint"))
			return nil
		},
	})
	return cmd
}

// pageURL is the status page's address as this computer reaches it.
func pageURL(g *globals) string {
	// Without a readable config the default address is the best guess.
	st := config.Status{Listen: config.DefaultListen}
	if cfg, _ := config.Load(g.configPath, config.Options{}); cfg != nil && cfg.Status.Listen.Port != "" {
		st = cfg.Status
	}
	host, port := st.Listen.Host, st.Listen.Port
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	scheme := "http"
	if st.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + "/"
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
