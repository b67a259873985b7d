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
		p.add(path+".sequence", "use preset: invoice_reminders, whose steps are days from the due date", "sequence is only for a reminder sequence preset")
	}
	prev := 0
	for i, st := range j.Sequence {
		spath := fmt.Sprintf("%s.sequence[%d]", path, i)
		if !st.Offset.IsSet() {
			if !c.hasProblemAt(p, spath+".offset") {
				p.add(spath+".offset", `e.g. "-3d" (3 days before the due date) or "7d" (7 days after)`, "offset is required")
			}
			continue
		}
		if i > 0 && st.Offset.Days() <= prev {
			p.add(spath+".offset", "list the steps from the earliest to the latest, each on its own day", "offset %s is not after the step before (%+dd)", st.Offset, prev)
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
			p.add(path+".contacts_key", "the column holding the customer's key (CARI.BLKODU), e.g. CARI_BLKODU", "contacts_key %q is not a column name", j.ContactsKey)
		} else if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, strings.ToUpper(j.ContactsKey)) {
			p.add(path+".contacts_key", "the preset "+preset.Name+" gives "+strings.Join(cols, ", "),
				"column %q is not in the preset's result%s", j.ContactsKey, didYouMean(strings.ToUpper(j.ContactsKey), cols))
		}
	}
	if w := j.SkipIfWolvoxSent; w != nil {
		wpath := path + ".skip_if_wolvox_sent"
		for _, f := range []struct{ key, v string }{{"table", w.Table}, {"recipient", w.Recipient}, {"date", w.Date}, {"text", w.Text}} {
			if !columnPattern.MatchString(f.v) {
				p.add(wpath+"."+f.key, "a table or column name of Wolvox's database", "%s %q is not a name", f.key, f.v)
			}
		}
		if w.Match != "" && w.Match != "none" {
			if !columnPattern.MatchString(w.Match) {
				p.add(wpath+".match", "", "match %q is not a column name", w.Match)
			} else if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, w.Match) {
				p.add(wpath+".match", "the preset "+preset.Name+" gives "+strings.Join(cols, ", "),
					"column %q is not in the preset's result%s", w.Match, didYouMean(w.Match, cols))
			}
		}
	}
}

// validateStepMessages checks a step's own templates like the job's.
func (c *Config) validateStepMessages(p *problems, spath string, j *Job, preset erp.Preset, channels map[string]*Channel, st ReminderStep) {
	for ch, m := range st.Messages.ByName() {
		mpath := spath + ".messages." + ch
		if channels[ch] == nil {
			p.add(mpath, "configure the channel under channels."+ch, "channel %s has no provider", ch)
		}
		if len(m.to) > 0 && st.Staff != nil {
			p.add(mpath+".to", "a staff step goes to the addresses under staff", "to cannot be set on a staff step")
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
		p.add(spath+".staff", "give sms, whatsapp or email: the shop's own address", "staff names no address")
	}
	for ch, a := range addrs {
		apath := spath + ".staff." + ch
		if channels[ch] == nil {
			p.add(apath, "configure the channel under channels."+ch, "channel %s has no provider", ch)
		}
		if _, err := mapping.NormalizeRecipient(ch, a, c.Formats.PhoneRegion); err != nil {
			p.add(apath, "", "%q cannot receive %s: %s", a, ch, catalog.EN.Reason(mapping.SkipReason(err)))
		}
		var own *channelMessage
		if st.Messages != nil {
			own = st.Messages.ByName()[ch]
		}
		switch {
		case ch == "whatsapp" && own == nil:
			p.add(apath, "give the step messages.whatsapp with an approved template", "a staff WhatsApp message needs its template")
		case own == nil && !presetDefault(preset, "staff:"+ch, "text"):
			p.add(apath, "give the step messages."+ch+" with a text", "the preset has no default staff message for %s", ch)
		}
	}
	if st.Messages != nil {
		for ch := range st.Messages.ByName() {
			if _, ok := addrs[ch]; !ok {
				p.add(spath+".messages."+ch, "add staff."+ch+", or remove this message", "a staff step sends %s only to a staff address", ch)
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
				p.add(mpath+"."+t.key, "", "%s is required", t.key)
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
