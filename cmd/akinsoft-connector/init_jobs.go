package main

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// proposal is one informational notification init offers: a preset with
// its Turkish default texts, under a Turkish job name, and the WhatsApp
// template the shop would have Meta approve for it.
type proposal struct {
	key, name, preset, schedule string
	wa                          waProposal
}

// waProposal is a WhatsApp template init suggests: its text as it is
// submitted to Meta ({{1}}, {{2}} … are the variables) and what fills each
// variable, in order. Meta approves the text, so the shop can only send it
// once it exists there under a name init then asks for. Meta refuses a
// template whose variables outweigh its words, or that starts or ends with
// one, hence the closing sentences.
type waProposal struct {
	meta string
	body []string
}

// text is the template as the customer reads it, in the connector's own
// template language: the outbox and the status page show it.
func (w waProposal) text() string {
	t := w.meta
	for i, v := range w.body {
		t = strings.ReplaceAll(t, "{{"+strconv.Itoa(i+1)+"}}", v)
	}
	return t
}

var proposals = []proposal{
	{"job-new-invoices", "yeni-faturalar", "new_invoices", "@every 5m", waProposal{
		"Sayın {{1}}, {{2}} tarihli {{3}} numaralı {{4}} tutarındaki faturanız düzenlenmiştir. Bizi tercih ettiğiniz için teşekkür ederiz.",
		[]string{"{{.ALICI_ADI}}", "{{date .TARIHI}}", "{{.FATURA_NO}}", "{{money .TOPLAM_GENEL_KPB}}"}}},
	{"job-invoices-due", "vade-hatirlatma", "invoices_due", "0 10 * * *", waProposal{
		"Sayın {{1}}, {{2}} no'lu faturanızın ödenmemiş {{3}} tutarının son ödeme tarihi {{4}}. Ödemenizi yaptıysanız bu mesajı dikkate almayınız.",
		[]string{"{{.ALICI_ADI}}", "{{.FATURA_NO}}", "{{money .ACIK_TUTAR}}", "{{date .VADESI}}"}}},
	{"job-invoices-overdue", "geciken-odemeler", "invoices_overdue", "30 10 * * 1-6", waProposal{
		"Sayın {{1}}, {{2}} vadeli {{3}} no'lu faturanızın {{4}} tutarı henüz ödenmemiştir. Ödemenizi yaptıysanız bu mesajı dikkate almayınız.",
		[]string{"{{.ALICI_ADI}}", "{{date .VADESI}}", "{{.FATURA_NO}}", "{{money .ACIK_TUTAR}}"}}},
	{"job-collections", "odeme-alindi", "collections", "@every 10m", waProposal{
		"Sayın {{1}}, {{2}} tarihli {{3}} tutarındaki ödemeniz hesabınıza işlenmiştir. Ödemeniz için teşekkür eder, iyi günler dileriz.",
		[]string{"{{.ALICI_ADI}}", "{{date .TARIHI}}", "{{money .TUTAR}}"}}},
}

// waTemplateKey is the question (and flag) of a proposal's WhatsApp
// template name.
func (pr proposal) waTemplateKey() string {
	return "whatsapp-template-" + strings.TrimPrefix(pr.key, "job-")
}

// textChannels are the channels a preset's default texts are for.
var textChannels = []string{"sms", "email"}

// jobFor is a proposal as a job; waTemplate is the name of its approved
// WhatsApp template, "" for none.
func (s *setup) jobFor(pr proposal, waTemplate string) config.StarterJob {
	p, _ := erp.LookupPreset(pr.preset)
	j := config.StarterJob{Name: pr.name, Preset: pr.preset, Schedule: pr.schedule,
		Comment: s.l.Text(catalog.Key("init.job."+pr.preset), nil) + ": " + s.l.Text(catalog.Key("init.job."+pr.preset+".what"), nil)}
	for _, ch := range textChannels {
		if (ch == "sms" && s.starter.SMS == nil) || (ch == "email" && s.starter.Email == nil) {
			continue
		}
		t := p.Templates[ch]
		j.Messages = append(j.Messages, config.StarterMessage{Channel: ch, Subject: t.Subject, Text: t.Text})
	}
	if s.starter.WhatsApp != nil && waTemplate != "" {
		j.Messages = append(j.Messages, config.StarterMessage{Channel: "whatsapp", Template: waTemplate, Language: "tr",
			Body: pr.wa.body, Text: pr.wa.text()})
		// With SMS too, both go: fallback: [sms] would drop the SMS of a
		// customer without WhatsApp whenever Meta tells of it later, by the
		// status webhook init does not set up (the config says how to).
	}
	return j
}

// sampleTemplate stands for the template's name in the configs rendered
// before it is known, to show the WhatsApp text with a sample record.
const sampleTemplate = "onayli_sablon"

// proposedJobs are every proposal, for the configs rendered before the
// choice is made.
func (s *setup) proposedJobs() []config.StarterJob {
	var out []config.StarterJob
	for _, pr := range proposals {
		out = append(out, s.jobFor(pr, sampleTemplate))
	}
	return out
}

// jobs shows each proposed notification as the customer would read it
// (its text rendered with the preset's sample record) and asks whether to
// add it.
func (s *setup) jobs(ctx context.Context) error {
	cfg, err := s.config()
	if err != nil {
		return err
	}
	s.p.say("init.jobs_intro")
	if s.starter.WhatsApp != nil {
		s.p.say("init.whatsapp_templates_intro", "readme", filepath.Join(installer.DefaultPaths().DocDir, "README.md"))
	}
	var chosen []config.StarterJob
	for i, pr := range proposals {
		title := s.l.Text(catalog.Key("init.job."+pr.preset), nil)
		s.p.say("init.job_line", "name", title, "what", s.l.Text(catalog.Key("init.job."+pr.preset+".what"), nil),
			"when", s.l.Text(catalog.Key("init.job."+pr.preset+".when"), nil))
		job, err := poll.Build(cfg, cfg.Jobs[i])
		if err != nil {
			return err
		}
		if vs := job.Variants(); len(vs) > 0 && vs[0].Sample != nil {
			for _, r := range vs[0].Mapper.Map(vs[0].Sample) {
				text := r.Text
				if r.Subject != "" {
					text = r.Subject + " | " + text
				}
				s.p.say("init.job_sample", "channel", r.Channel, "text", oneLine(text, 400))
			}
		}
		ok, err := s.p.yes(pr.key, true, "name", title)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		name, err := s.waTemplate(ctx, pr, title)
		if err != nil {
			return err
		}
		j := s.jobFor(pr, name)
		if len(j.Messages) == 0 {
			s.p.say("init.job_no_channel", "name", title)
			continue
		}
		chosen = append(chosen, j)
	}
	if len(chosen) == 0 {
		return s.p.errorf("init.no_jobs")
	}
	s.starter.Jobs = chosen
	return nil
}

// waTemplate asks, when WhatsApp is set up, for the name under which Meta
// approved the proposal's template, and tries it; "" sends the
// notification without WhatsApp.
func (s *setup) waTemplate(ctx context.Context, pr proposal, title string) (string, error) {
	if s.starter.WhatsApp == nil {
		return "", nil
	}
	vars := make([]string, len(pr.wa.body))
	for i, v := range pr.wa.body {
		vars[i] = "{{" + strconv.Itoa(i+1) + "}} = " + v
	}
	s.p.say("init.whatsapp_template", "name", title, "text", pr.wa.meta, "vars", strings.Join(vars, ", "))
	for {
		name, err := s.p.askValid(pr.waTemplateKey(), "", func(a string) (string, error) {
			switch strings.ToLower(a) {
			case "", "yok", "none":
				return "", nil
			case "e", "evet", "y", "yes", "h", "hayır", "hayir", "n", "no":
				// An answer script written before this question existed:
				// its next line is the next notification's answer.
				return "", s.p.errorf("init.template_name_not_answer")
			}
			if !validTemplateName(a) {
				return "", s.p.errorf("init.bad_template_name")
			}
			return a, nil
		}, "name", title)
		if err != nil || name == "" {
			return name, err
		}
		err = s.tryTemplate(ctx, pr, name)
		if err == nil {
			return name, nil
		}
		var refused templateRefused
		if !errors.As(err, &refused) || !s.p.interactive || s.p.changed(pr.waTemplateKey()) {
			// A name from a flag would only be tried again as it is.
			return "", err
		}
		s.p.say("init.template_ask_again")
	}
}

// templateRefused is Meta's refusal of a template's name, language or
// variables: on a terminal, init asks for the name again.
type templateRefused struct{ error }

// tryTemplate sends the notification with the template name, filled with
// the sample customer, to the owner's phone: Meta's answer says whether
// the name, the language and the number of variables are the ones it
// approved, before any customer's message depends on them.
func (s *setup) tryTemplate(ctx context.Context, pr proposal, name string) error {
	st := s.starter
	j := s.jobFor(pr, name)
	j.Messages = j.Messages[len(j.Messages)-1:] // the WhatsApp one
	st.Jobs = []config.StarterJob{j}
	cfg, err := s.configOf(st)
	if err != nil {
		return err
	}
	job, err := poll.Build(cfg, cfg.Jobs[0])
	if err != nil {
		return err
	}
	vs := job.Variants()
	if len(vs) == 0 || vs[0].Sample == nil {
		return nil // nothing to fill it with; the first real message tells
	}
	var msg mapping.Message
	for _, r := range vs[0].Mapper.Map(vs[0].Sample) {
		if r.Channel == "whatsapp" && r.Skip == nil {
			msg = r.Message
		}
	}
	if msg.Payload == nil {
		return nil
	}
	if msg.To, err = mapping.NormalizeMobile(s.ownerPhone, "TR"); err != nil {
		return err
	}
	p, _, err := s.newProvider(ctx, "whatsapp", msg.To)
	if err != nil {
		return err
	}
	s.p.say("init.sending_template", "template", name, "to", mapping.MaskRecipient(msg.To))
	return s.trySend(ctx, p, notify.Message{DedupeKey: "send-test-" + name, Message: msg}, func(err error) error {
		switch notify.Classify(err) {
		case notify.ErrPermanent, notify.ErrConfig: // not a passing trouble: the name, language or variables
			s.p.say("init.template_refused", "template", name, "reason", s.l.ProviderError(notify.AsError(err)))
			return templateRefused{s.p.errorf("init.stopped_template", "template", name)}
		}
		return nil
	})
}

// validTemplateName is Meta's rule for a template's name: lower-case
// letters, digits and underscores, at most 512 of them.
func validTemplateName(n string) bool {
	if n == "" || len(n) > 512 {
		return false
	}
	for _, r := range n {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// settings asks for the quiet hours and the status page's passwords.
func (s *setup) settings(context.Context) error {
	hours, err := s.p.askValid("quiet-hours", "21:00-09:00", func(a string) (string, error) {
		if strings.EqualFold(a, "yok") || strings.EqualFold(a, "none") {
			return "", nil
		}
		start, end, ok := strings.Cut(a, "-")
		if !ok {
			return "", s.p.errorf("init.bad_hours")
		}
		from, err1 := config.ParseClock(strings.TrimSpace(start))
		to, err2 := config.ParseClock(strings.TrimSpace(end))
		if err1 != nil || err2 != nil {
			return "", s.p.errorf("init.bad_hours")
		}
		return from.String() + "-" + to.String(), nil
	})
	if err != nil {
		return err
	}
	if hours == "" {
		s.starter.QuietStart, s.starter.QuietEnd = "", ""
		s.p.say("init.quiet_off")
	} else {
		s.starter.QuietStart, s.starter.QuietEnd, _ = strings.Cut(hours, "-")
	}
	auth := status.AuthPath(s.stateDir)
	for _, pw := range []struct {
		key  string
		role catalog.Key
		set  func(path, pw string) error
	}{
		{"admin-password", "init.role_admin", status.SetPassword},
		{"viewer-password", "init.role_viewer", status.SetViewerPassword},
	} {
		for {
			v, err := s.p.ask(pw.key, "")
			if err != nil {
				return err
			}
			if v == "" {
				break
			}
			if len([]rune(v)) < status.MinPasswordLength {
				err = s.p.errorf("init.short_password", "n", status.MinPasswordLength)
			} else {
				err = pw.set(auth, v)
			}
			if err == nil {
				s.p.say("init.password_set", "role", s.l.Text(pw.role, nil))
				break
			}
			if !s.p.interactive {
				return s.p.errorf("init.bad_answer", "err", err)
			}
			s.p.say("init.bad_answer", "err", err)
		}
	}
	return nil
}
