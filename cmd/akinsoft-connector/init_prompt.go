package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// question is one thing init asks. Its key names the answer and the flag
// that gives it without asking; secrets have no flag (a password on the
// command line ends up in the shell's history and the process list).
type question struct {
	key    string
	text   catalog.Key
	secret bool
	// flagOnly settings are never asked: a provider's test server or a
	// proxy's CA, given as flags by those who need them.
	flagOnly bool
	// askOnly questions have no flag: they are asked on a terminal only,
	// after something failed (a script stops there instead).
	askOnly bool
	usage   catalog.Key // the flag's help
}

// questions is the one table of init's questions, in the order asked.
var questions = []question{
	{key: "driver", text: "init.q.driver", usage: "help.init.driver"},
	{key: "search", text: "init.q.search", usage: "help.init.search"},
	{key: "company", text: "init.q.company", usage: "help.init.company"},
	{key: "database", text: "init.q.database", usage: "help.init.database"},
	{key: "mssql-database", text: "init.q.mssql_database", usage: "help.init.mssql_database"},
	{key: "host", text: "init.q.host", usage: "help.init.host"},
	{key: "port", text: "init.q.port", usage: "help.init.port"},
	{key: "instance", text: "init.q.instance", usage: "help.init.instance"},
	{key: "db-user", text: "init.q.db_user", usage: "help.init.db_user"},
	{key: "db-password", text: "init.q.db_password", secret: true},
	{key: "use-anyway", text: "init.q.use_anyway", usage: "help.init.use_anyway"},
	{key: "sms", text: "init.q.sms", usage: "help.init.sms"},
	{key: "netgsm-user", text: "init.q.netgsm_user", usage: "help.init.netgsm_user"},
	{key: "netgsm-password", text: "init.q.netgsm_password", secret: true},
	{key: "netgsm-header", text: "init.q.netgsm_header", usage: "help.init.netgsm_header"},
	{key: "mutlucell-user", text: "init.q.mutlucell_user", usage: "help.init.mutlucell_user"},
	{key: "mutlucell-password", text: "init.q.mutlucell_password", secret: true},
	{key: "mutlucell-originator", text: "init.q.mutlucell_originator", usage: "help.init.mutlucell_originator"},
	{key: "whatsapp", text: "init.q.whatsapp", usage: "help.init.whatsapp"},
	{key: "whatsapp-phone-id", text: "init.q.whatsapp_phone_id", usage: "help.init.whatsapp_phone_id"},
	{key: "whatsapp-token", text: "init.q.whatsapp_token", secret: true},
	{key: "email", text: "init.q.email", usage: "help.init.email"},
	{key: "smtp-host", text: "init.q.smtp_host", usage: "help.init.smtp_host"},
	{key: "smtp-port", text: "init.q.smtp_port", usage: "help.init.smtp_port"},
	{key: "smtp-user", text: "init.q.smtp_user", usage: "help.init.smtp_user"},
	{key: "smtp-password", text: "init.q.smtp_password", secret: true},
	{key: "smtp-from", text: "init.q.smtp_from", usage: "help.init.smtp_from"},
	{key: "owner-phone", text: "init.q.owner_phone", usage: "help.init.owner_phone"},
	{key: "owner-email", text: "init.q.owner_email", usage: "help.init.owner_email"},
	{key: "job-new-invoices", text: "init.q.job", usage: "help.init.job_new_invoices"},
	{key: "whatsapp-template-new-invoices", text: "init.q.whatsapp_template", usage: "help.init.whatsapp_template_new_invoices"},
	{key: "job-invoices-due", text: "init.q.job", usage: "help.init.job_invoices_due"},
	{key: "whatsapp-template-invoices-due", text: "init.q.whatsapp_template", usage: "help.init.whatsapp_template_invoices_due"},
	{key: "job-invoices-overdue", text: "init.q.job", usage: "help.init.job_invoices_overdue"},
	{key: "whatsapp-template-invoices-overdue", text: "init.q.whatsapp_template", usage: "help.init.whatsapp_template_invoices_overdue"},
	{key: "job-collections", text: "init.q.job", usage: "help.init.job_collections"},
	{key: "whatsapp-template-collections", text: "init.q.whatsapp_template", usage: "help.init.whatsapp_template_collections"},
	{key: "quiet-hours", text: "init.q.quiet_hours", usage: "help.init.quiet_hours"},
	{key: "admin-password", text: "init.q.admin_password", secret: true},
	{key: "viewer-password", text: "init.q.viewer_password", secret: true},
	{key: "overwrite", text: "init.q.overwrite", usage: "help.init.overwrite"},
	{key: "service", text: "init.q.service", usage: "help.init.service"},
	{key: "retry", text: "init.q.retry", askOnly: true},
	{key: "netgsm-url", flagOnly: true, usage: "help.init.netgsm_url"},
	{key: "mutlucell-url", flagOnly: true, usage: "help.init.mutlucell_url"},
	{key: "whatsapp-url", flagOnly: true, usage: "help.init.whatsapp_url"},
	{key: "ca-file", flagOnly: true, usage: "help.init.ca_file"},
	{key: "state-dir", flagOnly: true, usage: "help.init.state_dir"},
}

func questionByKey(key string) question {
	for _, q := range questions {
		if q.key == key {
			return q
		}
	}
	panic("init: no question " + key)
}

// answerFlags registers a flag for every question that may have one.
func answerFlags(g *globals, cmd *cobra.Command) map[string]*string {
	given := map[string]*string{}
	for _, q := range questions {
		if q.secret || q.askOnly {
			continue
		}
		given[q.key] = cmd.Flags().String(q.key, "", g.h(q.usage))
	}
	return given
}

// prompter asks the questions on the terminal, or reads the answers one a
// line from standard input when it is not one (a script), or takes them
// from flags. Only on a terminal is a wrong answer asked again: a script's
// next line belongs to the next question.
type prompter struct {
	l           catalog.Lang
	out         io.Writer
	in          *bufio.Reader
	tty         *os.File // standard input when it is a terminal
	interactive bool
	flags       map[string]*string
	changed     func(string) bool
}

func newPrompter(cmd *cobra.Command, l catalog.Lang, flags map[string]*string) *prompter {
	p := &prompter{l: l, out: cmd.OutOrStdout(), in: bufio.NewReader(cmd.InOrStdin()), flags: flags,
		changed: func(name string) bool { return cmd.Flags().Changed(name) }}
	if f, ok := cmd.InOrStdin().(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty, p.interactive = f, true
	}
	return p
}

// say prints a catalog text.
func (p *prompter) say(key catalog.Key, args ...any) {
	fmt.Fprintln(p.out, catalog.M(key, args...).In(p.l))
}

// errorf is a catalog text as an error.
func (p *prompter) errorf(key catalog.Key, args ...any) error {
	return errors.New(catalog.M(key, args...).In(p.l))
}

// ask returns the answer to a question: its flag, else what is typed or
// the next line of standard input, else def. An empty answer is def.
func (p *prompter) ask(key, def string, args ...any) (string, error) {
	q := questionByKey(key)
	if f := p.flags[key]; f != nil && p.changed(key) {
		if !q.flagOnly {
			p.say("init.answer_from_flag", "question", catalog.M(q.text, args...).In(p.l), "answer", *f, "flag", key)
		}
		return strings.TrimSpace(*f), nil
	}
	if q.flagOnly {
		return def, nil
	}
	text := catalog.M(q.text, args...).In(p.l)
	if def != "" && !q.secret {
		fmt.Fprintf(p.out, "%s [%s]: ", text, def)
	} else {
		fmt.Fprintf(p.out, "%s: ", text)
	}
	var line string
	if q.secret && p.tty != nil {
		b, err := term.ReadPassword(int(p.tty.Fd()))
		fmt.Fprintln(p.out)
		if err != nil {
			return "", catalog.Errorf("init.read_failed", "err", err).Wrapping(err)
		}
		line = string(b)
	} else {
		s, err := p.in.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", catalog.Errorf("init.read_failed", "err", err).Wrapping(err)
		}
		if errors.Is(err, io.EOF) && s == "" {
			fmt.Fprintln(p.out)
			if def != "" || optionalSecret[key] {
				return def, nil
			}
			if q.secret {
				return "", p.errorf("init.no_answer_secret", "question", text)
			}
			return "", p.errorf("init.no_answer", "question", text, "flag", key)
		}
		line = strings.TrimRight(s, "\r\n")
		if !p.interactive && !q.secret {
			fmt.Fprintln(p.out, line) // the transcript of a scripted run reads like a typed one
		} else if !p.interactive {
			fmt.Fprintln(p.out)
		}
	}
	if q.secret {
		return line, nil // spaces may belong to a password
	}
	if line = strings.TrimSpace(line); line == "" {
		return def, nil
	}
	return line, nil
}

// optionalSecret are the secrets that may be left empty.
var optionalSecret = map[string]bool{"admin-password": true, "viewer-password": true}

// askValid asks until check accepts the answer (on a terminal) or returns
// its complaint (from a script or a flag).
func (p *prompter) askValid(key, def string, check func(string) (string, error), args ...any) (string, error) {
	for {
		a, err := p.ask(key, def, args...)
		if err != nil {
			return "", err
		}
		v, err := check(a)
		if err == nil {
			return v, nil
		}
		msg := p.errorf("init.bad_answer", "err", err)
		if !p.interactive || p.changed(key) {
			return "", fmt.Errorf("--%s: %w", key, msg)
		}
		fmt.Fprintln(p.out, msg)
	}
}

// yes asks a yes/no question.
func (p *prompter) yes(key string, def bool, args ...any) (bool, error) {
	d := p.l.Text("init.no_word", nil)
	if def {
		d = p.l.Text("init.yes_word", nil)
	}
	v, err := p.askValid(key, d, func(s string) (string, error) {
		switch strings.ToLower(s) {
		case "e", "evet", "y", "yes", "true", "1":
			return "y", nil
		case "h", "hayır", "hayir", "n", "no", "false", "0":
			return "n", nil
		}
		return "", p.errorf("init.bad_yes_no")
	}, args...)
	return v == "y", err
}

// choice asks for one of the options (matched without case).
func (p *prompter) choice(key, def string, options ...string) (string, error) {
	return p.askValid(key, def, func(s string) (string, error) {
		for _, o := range options {
			if strings.EqualFold(s, o) {
				return o, nil
			}
		}
		return "", p.errorf("init.bad_choice", "choices", strings.Join(options, ", "))
	})
}

// number asks for 1…max.
func (p *prompter) number(key string, def, max int) (int, error) {
	v, err := p.askValid(key, strconv.Itoa(def), func(s string) (string, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > max {
			return "", p.errorf("init.bad_number", "max", max)
		}
		return s, nil
	})
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// required asks for a value that may not be empty.
func (p *prompter) required(key, def string, args ...any) (string, error) {
	return p.askValid(key, def, func(s string) (string, error) {
		if s == "" {
			return "", p.errorf("init.empty")
		}
		return s, nil
	}, args...)
}
