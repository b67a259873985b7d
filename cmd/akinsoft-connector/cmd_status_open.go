package main

import (
	"fmt"
	"net"
	"os/exec"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// newStatusOpenCmd opens the status page in the browser: the Start-menu
// entry the MSI installs runs it, so a shop owner finds the page without
// knowing its address.
func newStatusOpenCmd(g *globals) *cobra.Command {
	var noBrowser bool
	cmd := &cobra.Command{
		Use:   "open",
		Short: g.h("help.status.open"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang := g.language()
			url, err := statusPageURL(g)
			if err != nil {
				return err
			}
			if noBrowser {
				cmd.Println(url)
				return nil
			}
			cmd.Println(lang.Text("cli.status_open", map[string]string{"url": url}))
			if err := openBrowser(url); err != nil {
				return fmt.Errorf("%s: %w", lang.Text("cli.status_open_failed", map[string]string{"url": url}), err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&noBrowser, "no-browser", false, g.h("help.status.open.no_browser"))
	return cmd
}

// statusPageURL is the page's address on this machine, from the config's
// status settings; without a readable config, the default address (the
// MSI's shortcut works before the config is written).
func statusPageURL(g *globals) (string, error) {
	st := config.Status{Listen: config.DefaultListen}
	if cfg, _ := config.Load(g.configPath, config.Options{}); cfg != nil {
		st = cfg.Status
	}
	if st.Disabled {
		return "", g.sayErr("cli.status_disabled")
	}
	host := st.Listen.Host
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1" // listening on every address: this machine is one of them
	}
	scheme := "http"
	if st.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, st.Listen.Port) + "/", nil
}

// openBrowser hands url to the desktop's default browser.
func openBrowser(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		c = exec.Command("open", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	return c.Start()
}
