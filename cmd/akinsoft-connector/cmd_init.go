package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
)

func newInitCmd(g *globals) *cobra.Command {
	var given map[string]*string
	cmd := &cobra.Command{
		Use:   "init",
		Short: g.h("help.init"),
		// The guide where the MSI or the .deb put it on this machine.
		Long: g.help.Text("help.init.long", map[string]string{"docs": filepath.Join(installer.DefaultPaths().DocDir, "init.md")}),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l := catalog.TR // Turkish first, whatever the server's locale says
			if lang, ok := catalog.ParseLang(g.lang); ok {
				l = lang
			}
			g.chosen = l // the error that may end it too
			s := &setup{g: g, l: l, p: newPrompter(cmd, l, given), cmd: cmd, out: cmd.OutOrStdout(), started: time.Now()}
			return s.run(cmd.Context())
		},
	}
	given = answerFlags(g, cmd)
	return cmd
}

// setup is one run of init: the answers so far, as the config they make.
type setup struct {
	g       *globals
	l       catalog.Lang
	p       *prompter
	cmd     *cobra.Command
	out     io.Writer
	started time.Time

	// dbYear is the year whose database init connects to when the path
	// written has {year} in it (0: this year's): last year's while the
	// shop has not opened this one in Wolvox.
	dbYear int

	cfgPath  string // absolute
	stateDir string // absolute, where the vault and the status page's passwords go
	vault    *vault.Vault
	starter  config.Starter
	// ownerPhone is the number the test message went to.
	ownerPhone string
	// store is the service's outbox, whose audit gets init's requests to
	// the providers (audit); storeTried is set once opening it was tried.
	store      *outbox.Store
	storeTried bool
}

const initSteps = 7

func (s *setup) step(n int, title catalog.Key) {
	s.p.say("init.step", "n", n, "total", initSteps, "title", s.l.Text(title, nil))
}

func (s *setup) run(ctx context.Context) error {
	s.p.say("init.welcome")
	if err := s.paths(); err != nil {
		return err
	}
	defer s.closeOutbox()
	steps := []struct {
		title catalog.Key
		do    func(context.Context) error
	}{
		{"init.step.database", s.database},
		{"init.step.channels", s.channels},
		{"init.step.test", s.testMessages},
		{"init.step.jobs", s.jobs},
		{"init.step.settings", s.settings},
		{"init.step.write", s.write},
		{"init.step.service", s.service},
	}
	for i, st := range steps {
		s.step(i+1, st.title)
		if err := st.do(ctx); err != nil {
			return err
		}
	}
	s.closeOutbox()
	handOver(s.stateDir, s.cfgPath)
	took := time.Since(s.started).Round(time.Second)
	s.p.say("init.done", "min", int(took.Minutes()), "sec", int(took.Seconds())%60)
	s.p.say("init.next_invoice")
	s.p.say("init.next_status")
	return nil
}

// paths decides where the config, the state and the logs go: beside the
// config, or the OS's folders when the config is at its default place (the
// service's data lives in /var/lib and /var/log on Linux, not in /etc).
func (s *setup) paths() error {
	abs, err := filepath.Abs(s.g.configPath)
	if err != nil {
		return err
	}
	s.cfgPath = abs
	d := installer.DefaultPaths()
	stateDir, _ := s.p.ask("state-dir", "")
	switch {
	case stateDir != "":
		if stateDir, err = filepath.Abs(stateDir); err != nil {
			return err
		}
		s.starter.StateDir = stateDir
	case abs == d.ConfigFile && filepath.Dir(d.StateDir) != filepath.Dir(abs):
		stateDir = d.StateDir
		s.starter.StateDir, s.starter.LogDir = d.StateDir, d.LogDir
	default:
		stateDir = filepath.Join(filepath.Dir(abs), "state")
	}
	s.stateDir = stateDir
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return catalog.Errorf("init.mkdir_failed", "dir", stateDir, "err", err).Wrapping(err)
	}
	v, err := openVault(s.g, stateDir, true)
	if err != nil {
		return err
	}
	s.vault = v
	s.starter.Generated = time.Now().In(config.DefaultLocation()).Format("2006-01-02 15:04 -07:00") + ", " + buildinfo.Read().Version
	return nil
}

// storeSecret puts a password in the vault under name.
func (s *setup) storeSecret(name, value string) error {
	if err := s.vault.Set(name, value); err != nil {
		return err
	}
	s.p.say("init.secret_stored", "name", name)
	return nil
}

// config renders the answers so far as a config and loads it as the
// service would, secrets from the vault included: the providers are tried
// through exactly the settings that will be written. Until the
// notifications are chosen, all of them stand in.
func (s *setup) config() (*config.Config, error) {
	st := s.starter
	if len(st.Jobs) == 0 {
		st.Jobs = s.proposedJobs()
	}
	return s.configOf(st)
}

// configOf is st's config, loaded as the service would.
func (s *setup) configOf(st config.Starter) (*config.Config, error) {
	b, err := st.Render()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Parse(s.cfgPath, b, config.Options{})
	if err != nil {
		return nil, err
	}
	if err := cfg.ResolveSecrets(s.vault); err != nil {
		return nil, err
	}
	return cfg, nil
}

// write writes the config (keeping an older one as .bak), loads it back
// and runs check on it.
func (s *setup) write(ctx context.Context) error {
	b, err := s.starter.Render()
	if err != nil {
		return err
	}
	if _, err := os.Stat(s.cfgPath); err == nil {
		ok, err := s.p.yes("overwrite", false, "path", s.cfgPath)
		if err != nil {
			return err
		}
		if !ok {
			return s.p.errorf("init.keep_existing")
		}
		bak := s.cfgPath + ".bak"
		if err := os.Rename(s.cfgPath, bak); err != nil {
			return catalog.Errorf("init.backup_failed", "path", bak, "err", err).Wrapping(err)
		}
		s.p.say("init.backup", "path", bak)
	}
	if err := os.MkdirAll(filepath.Dir(s.cfgPath), 0o755); err != nil {
		return err
	}
	tmp := s.cfgPath + ".tmp"
	// The service's account reads it (group); only its owner changes it.
	if err := os.WriteFile(tmp, b, 0o640); err != nil {
		return catalog.Errorf("init.write_failed", "err", err).Wrapping(err)
	}
	if err := os.Rename(tmp, s.cfgPath); err != nil {
		os.Remove(tmp)
		return catalog.Errorf("init.write_failed", "err", err).Wrapping(err)
	}
	s.p.say("init.written", "path", s.cfgPath)
	s.p.say("init.checking_config")
	if err := checkConfig(ctx, s.written(), s.out, false, false); err != nil {
		return s.p.errorf("init.stopped_check", "err", err)
	}
	s.p.say("init.check_passed")
	return nil
}

// written is the command line's settings for the config init wrote, in
// init's language: what check and service install print during the set-up
// reads like the rest of it.
func (s *setup) written() *globals {
	g := *s.g
	g.configPath, g.lang, g.chosen = s.cfgPath, string(s.l), s.l
	return &g
}

// service offers to install and start the service. A failure here is
// reported with the commands to run, not fatal: the config is written.
func (s *setup) service(context.Context) error {
	s.closeOutbox() // the service may open it in a moment
	ok, err := s.p.yes("service", s.p.interactive)
	if err != nil {
		return err
	}
	if !ok {
		s.p.say("init.service_later", "path", s.cfgPath)
		return nil
	}
	m, err := installService(s.cmd, s.written(), "")
	if err == nil {
		// What init wrote as root (the vault, the outbox with its audit
		// rows) is the service's before it first starts: the install has
		// just made its account, if it was not there.
		handOver(s.stateDir, s.cfgPath)
		err = m.Control("start")
	}
	if err != nil {
		s.p.say("init.service_failed", "err", err, "path", s.cfgPath)
		return nil
	}
	s.p.say("init.service_started", "name", installer.Name)
	return nil
}
