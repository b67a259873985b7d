package main

import (
	"context"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// proposal is one informational notification init offers: a preset with
// its Turkish default texts, under a Turkish job name.
type proposal struct {
	key, name, preset, schedule string
}

var proposals = []proposal{
	{"job-new-invoices", "yeni-faturalar", "new_invoices", "@every 5m"},
	{"job-invoices-due", "vade-hatirlatma", "invoices_due", "0 10 * * *"},
	{"job-invoices-overdue", "geciken-odemeler", "invoices_overdue", "30 10 * * 1-6"},
	{"job-collections", "odeme-alindi", "collections", "@every 10m"},
}

// textChannels are the channels a preset's default texts are for;
// WhatsApp needs a template Meta approved, which init cannot know.
var textChannels = []string{"sms", "email"}

func (s *setup) jobFor(pr proposal) config.StarterJob {
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
	return j
}

// proposedJobs are every proposal, for the configs rendered before the
// choice is made.
func (s *setup) proposedJobs() []config.StarterJob {
	var out []config.StarterJob
	for _, pr := range proposals {
		out = append(out, s.jobFor(pr))
	}
	return out
}

// jobs shows each proposed notification as the customer would read it
// (its text rendered with the preset's sample record) and asks whether to
// add it.
func (s *setup) jobs(context.Context) error {
	if s.starter.SMS == nil && s.starter.Email == nil {
		s.p.say("init.whatsapp_jobs_note")
		return s.p.errorf("init.no_jobs")
	}
	cfg, err := s.config()
	if err != nil {
		return err
	}
	s.p.say("init.jobs_intro")
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
		if ok {
			chosen = append(chosen, s.jobFor(pr))
		}
	}
	if len(chosen) == 0 {
		return s.p.errorf("init.no_jobs")
	}
	if s.starter.WhatsApp != nil {
		s.p.say("init.whatsapp_jobs_note")
	}
	s.starter.Jobs = chosen
	return nil
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
