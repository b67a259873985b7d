package config

import (
	"regexp"
	"slices"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// The cron library's refusals are English and do not say which field is
// wrong; cronMsg says it in the catalog's words, the field named from the
// range the library quotes. What is not recognised is shown as it is.
var cronMsgs = []struct {
	re   *regexp.Regexp
	key  catalog.Key
	args []string // the names of the submatches
}{
	{regexp.MustCompile(`^empty spec string$`), "config.cron.empty", nil},
	{regexp.MustCompile(`^expected (?:exactly )?\d+(?: to \d+)? fields, found (\d+)`), "config.cron.fields", []string{"found"}},
	{regexp.MustCompile(`^unrecognized descriptor: (.*)$`), "config.cron.descriptor", []string{"name"}},
	{regexp.MustCompile(`^end of range \((\d+)\) above maximum \((\d+)\): (.*)$`), "config.cron.above", []string{"value", "limit", "expr"}},
	{regexp.MustCompile(`^beginning of range \((\d+)\) below minimum \((\d+)\): (.*)$`), "config.cron.below", []string{"value", "limit", "expr"}},
	{regexp.MustCompile(`^beginning of range \((\d+)\) beyond end of range \((\d+)\): (.*)$`), "config.cron.reversed", []string{"start", "end", "expr"}},
	{regexp.MustCompile(`^step of range should be a positive number: (.*)$`), "config.cron.step", []string{"expr"}},
	{regexp.MustCompile(`^too many hyphens: (.*)$`), "config.cron.hyphens", []string{"expr"}},
	{regexp.MustCompile(`^too many slashes: (.*)$`), "config.cron.slashes", []string{"expr"}},
	{regexp.MustCompile(`^failed to parse int from ([^:]*):`), "config.cron.not_number", []string{"expr"}},
	{regexp.MustCompile(`^negative number \((-?\d+)\) not allowed: (.*)$`), "config.cron.negative", []string{"value", "expr"}},
	{regexp.MustCompile(`^provided bad location ([^:]*):`), "config.cron.location", []string{"zone"}},
}

func cronMsg(spec string, err error) catalog.Msg {
	text := err.Error()
	for _, c := range cronMsgs {
		m := c.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		args := make([]any, 0, 2*len(c.args)+2)
		for i, name := range c.args {
			args = append(args, name, m[i+1])
			if name == "limit" {
				args = append(args, "field", cronField(spec, m[i+1], m[len(m)-1]))
			}
		}
		return catalog.M(c.key, args...)
	}
	return catalog.M("config.as_is", "text", text)
}

// cronField names the field a range error is about: the one that holds
// the expression the library quotes and has the limit it quotes.
func cronField(spec, limit, expr string) catalog.Msg {
	type field struct {
		key      catalog.Key
		min, max string
	}
	all := []field{{"config.cron.field.minute", "0", "59"}, {"config.cron.field.hour", "0", "23"},
		{"config.cron.field.dom", "1", "31"}, {"config.cron.field.month", "1", "12"}, {"config.cron.field.dow", "0", "6"}}
	parts := strings.Fields(spec)
	if len(parts) > 0 && (strings.HasPrefix(parts[0], "CRON_TZ=") || strings.HasPrefix(parts[0], "TZ=")) {
		parts = parts[1:]
	}
	if len(parts) == 6 {
		all = append([]field{{"config.cron.field.second", "0", "59"}}, all...)
	}
	var found []catalog.Key
	for i, p := range parts {
		if i < len(all) && (all[i].min == limit || all[i].max == limit) && slices.Contains(strings.Split(p, ","), expr) {
			found = append(found, all[i].key)
		}
	}
	if len(found) == 1 {
		return catalog.M(found[0])
	}
	var byLimit []catalog.Key
	for _, f := range all {
		if f.min == limit || f.max == limit {
			byLimit = append(byLimit, f.key)
		}
	}
	if len(byLimit) == 1 {
		return catalog.M(byLimit[0])
	}
	return catalog.M("config.cron.field.some")
}
