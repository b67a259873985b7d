package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// presetDefault reports whether the preset has a Turkish default for a
// channel's subject or text, so the job may leave it out.
func presetDefault(preset erp.Preset, channel, key string) bool {
	t, ok := preset.Templates[channel]
	switch {
	case !ok:
		return false
	case key == "subject":
		return t.Subject != ""
	case key == "text":
		return t.Text != ""
	}
	return false
}

// validateMessaging checks the settings of messaging.go.
func (c *Config) validateMessaging(p *problems, path string, j *Job, preset erp.Preset, channels map[string]*Channel) {
	if len(j.Sequence) > 0 && preset.Sequence == nil {
		p.add(path+".sequence", say("config.sequence_not_preset"), say("config.hint.sequence"))
	}
	prev := 0
	for i, st := range j.Sequence {
		spath := fmt.Sprintf("%s.sequence[%d]", path, i)
		if !st.Offset.IsSet() {
			if !c.hasProblemAt(p, spath+".offset") {
				p.add(spath+".offset", say("config.required", "key", "offset"), say("config.hint.offset_example"))
			}
			continue
		}
		if i > 0 && st.Offset.Days() <= prev {
			p.add(spath+".offset", say("config.offset_order", "value", st.Offset, "prev", fmt.Sprintf("%+dd", prev)), say("config.hint.offset_order"))
		}
		prev = st.Offset.Days()
		if st.Messages != nil {
			c.validateStepMessages(p, spath, j, preset, channels, st)
		}
		if st.Staff != nil {
			c.validateStaff(p, spath, j, preset, channels, st)
		}
	}
	if j.Recipients.Contacts() {
		// A preset's result is known without a database; a job's own
		// SELECT is checked when it runs.
		if !columnPattern.MatchString(j.ContactsKey) {
			p.add(path+".contacts_key", say("config.not_column", "key", "contacts_key", "name", quote(j.ContactsKey)), say("config.hint.contacts_key"))
		} else if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, strings.ToUpper(j.ContactsKey)) {
			p.add(path+".contacts_key", say("config.column_not_in_preset", "name", quote(j.ContactsKey), "suggest", didYouMean(strings.ToUpper(j.ContactsKey), cols)),
				presetColumnsHint(preset, cols))
		}
	}
	if w := j.SkipIfWolvoxSent; w != nil {
		wpath := path + ".skip_if_wolvox_sent"
		for _, f := range []struct{ key, v string }{{"table", w.Table}, {"recipient", w.Recipient}, {"date", w.Date}, {"text", w.Text}} {
			if !columnPattern.MatchString(f.v) {
				p.add(wpath+"."+f.key, say("config.not_a_name", "key", f.key, "value", quote(f.v)), say("config.hint.wolvox_name"))
			}
		}
		if w.Match != "" && w.Match != "none" {
			if !columnPattern.MatchString(w.Match) {
				p.add(wpath+".match", say("config.not_column", "key", "match", "name", quote(w.Match)), noHint)
			} else if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, w.Match) {
				p.add(wpath+".match", say("config.column_not_in_preset", "name", quote(w.Match), "suggest", didYouMean(w.Match, cols)),
					presetColumnsHint(preset, cols))
			}
		}
	}
}

// validateStepMessages checks a step's own templates like the job's.
func (c *Config) validateStepMessages(p *problems, spath string, j *Job, preset erp.Preset, channels map[string]*Channel, st ReminderStep) {
	for ch, m := range st.Messages.ByName() {
		mpath := spath + ".messages." + ch
		if channels[ch] == nil {
			p.add(mpath, say("config.channel_no_provider", "channel", ch), say("config.hint.configure_channel", "channel", ch))
		}
		if len(m.to) > 0 && st.Staff != nil {
			p.add(mpath+".to", say("config.staff_step_to"), say("config.hint.staff_step_to"))
		}
		key := ch
		if st.Staff != nil {
			key = "staff:" + ch
		}
		c.validateTemplates(p, mpath, j.Name+".sequence", key, m, preset)
	}
}

// validateStaff checks the shop's own addresses of a staff step.
func (c *Config) validateStaff(p *problems, spath string, j *Job, preset erp.Preset, channels map[string]*Channel, st ReminderStep) {
	addrs := st.Staff.ByChannel()
	if len(addrs) == 0 {
		p.add(spath+".staff", say("config.staff_no_address"), say("config.hint.staff_address"))
	}
	for ch, a := range addrs {
		apath := spath + ".staff." + ch
		if channels[ch] == nil {
			p.add(apath, say("config.channel_no_provider", "channel", ch), say("config.hint.configure_channel", "channel", ch))
		}
		if _, err := mapping.NormalizeRecipient(ch, a, c.Formats.PhoneRegion); err != nil {
			p.add(apath, say("config.staff_unreachable", "value", quote(a), "channel", ch, "reason", catalog.ReasonMsg(mapping.SkipReason(err))), noHint)
		}
		var own *channelMessage
		if st.Messages != nil {
			own = st.Messages.ByName()[ch]
		}
		switch {
		case ch == "whatsapp" && own == nil:
			p.add(apath, say("config.staff_whatsapp_template"), say("config.hint.staff_whatsapp_template"))
		case own == nil && !presetDefault(preset, "staff:"+ch, "text"):
			p.add(apath, say("config.staff_no_default", "channel", ch), say("config.hint.staff_text", "channel", ch))
		}
	}
	if st.Messages != nil {
		for ch := range st.Messages.ByName() {
			if _, ok := addrs[ch]; !ok {
				p.add(spath+".messages."+ch, say("config.staff_only", "channel", ch), say("config.hint.staff_only", "channel", ch))
			}
		}
	}
}

// validateTemplates parses one channel's templates, a missing required one
// being refused unless the preset has a default under key.
func (c *Config) validateTemplates(p *problems, mpath, name, key string, m *channelMessage, preset erp.Preset) {
	for _, t := range m.templates {
		if t.src == "" {
			if t.required && !presetDefault(preset, key, t.key) {
				p.add(mpath+"."+t.key, say("config.required", "key", t.key), noHint)
			}
			continue
		}
		var err error
		if t.html {
			_, err = mapping.ParseHTML(name+"."+t.key, t.src, mapping.Formats{})
		} else {
			_, err = mapping.ParseText(name+"."+t.key, t.src, mapping.Formats{})
		}
		if err != nil {
			c.templateProblem(p, mpath+"."+t.key, err)
		}
	}
}
