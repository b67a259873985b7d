package status_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The metrics a dealer alerts on: the build, finished messages by state,
// the oldest waiting message, paused channels and the provider's balance.
func TestAlertableMetrics(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	if !e.daemon.CheckBalances(context.Background()) {
		t.Fatal("the provider's balance API was not found")
	}
	_, body := e.do(e.client(), "GET", "/metrics", nil)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^akinsoft_connector_build_info\{commit="[^"]+",goversion="go[^"]+",version="dev"\} 1$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_messages_final_24h\{channel="sms",state="failed"\} 1$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_messages_final_24h\{channel="sms",state="sent"\} [1-9][0-9]*$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_messages_final_24h\{channel="sms",state="cancelled"\} 0$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_channel_paused\{channel="sms"\} 0$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_provider_balance\{channel="sms",name="credit",provider="console"\} 39$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_provider_balance_checked_timestamp_seconds\{channel="sms",provider="console"\} [0-9.e+]+$`),
	} {
		if !want.MatchString(body) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Everything was sent: nothing waits.
	if strings.Contains(body, "akinsoft_connector_oldest_waiting_message_age_seconds{") {
		t.Error("an oldest waiting message with an empty queue")
	}
	for _, secret := range []string{"+90532", "5321234567", "2024-101"} {
		if strings.Contains(body, secret) {
			t.Errorf("the metrics carry message data: %q", secret)
		}
	}
}

func TestPausedChannelAndWaitingMetrics(t *testing.T) {
	// A credentials error pauses the channel and leaves its messages queued.
	e := newEnv(t, envOpts{errs: []error{notify.Config("30", mapping.Reason{Detail: "invalid credentials"})}})
	_, body := e.do(e.client(), "GET", "/metrics", nil)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^akinsoft_connector_channel_paused\{channel="sms"\} 1$`),
		regexp.MustCompile(`(?m)^akinsoft_connector_oldest_waiting_message_age_seconds\{channel="sms"\} [0-9.e+-]+$`),
	} {
		if !want.MatchString(body) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
}

// The alert rules and the Grafana dashboard in packaging/monitoring name
// only metrics this build exports: a renamed metric would otherwise turn an
// alert silently blind.
func TestMonitoringUsesRealMetrics(t *testing.T) {
	// A paused channel: messages wait, so every metric has a series.
	e := newEnv(t, envOpts{errs: []error{notify.Config("30", mapping.Reason{Detail: "invalid credentials"})}})
	e.daemon.CheckBalances(context.Background())
	families, err := e.daemon.Metrics().Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{"up": true} // Prometheus's own, per scrape target
	for _, f := range families {
		name := f.GetName()
		exported[name] = true
		if f.GetType().String() == "HISTOGRAM" {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				exported[name+s] = true
			}
		}
	}

	var rules struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				For         string            `yaml:"for"`
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	text, err := os.ReadFile("../../packaging/monitoring/akinsoft-connector-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalWithOptions(text, &rules, yaml.DisallowUnknownField()); err != nil {
		t.Fatal(err)
	}
	exprs := map[string]string{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" || r.Expr == "" || r.Labels["severity"] == "" || r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
				t.Errorf("rule %q lacks its name, expression, severity, summary or description", r.Alert)
			}
			exprs["alert "+r.Alert] = r.Expr
		}
	}
	if len(exprs) < 8 {
		t.Fatalf("only %d alert rules read", len(exprs))
	}

	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	text, err = os.ReadFile("../../packaging/monitoring/akinsoft-connector-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, &dash); err != nil {
		t.Fatal(err)
	}
	for _, p := range dash.Panels {
		for i, tg := range p.Targets {
			exprs["panel "+p.Title+" #"+string(rune('A'+i))] = tg.Expr
		}
	}

	// Every series selector's name: an identifier that is not a function,
	// keyword or label (those are followed by "(" or sit inside by/without
	// lists, braces or quotes).
	strip := regexp.MustCompile(`"[^"]*"|\{[^}]*\}|\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)|\[[^\]]*\]`)
	ident := regexp.MustCompile(`[a-zA-Z_:][a-zA-Z0-9_:]*`)
	keywords := []string{"and", "or", "unless", "bool", "offset", "le"}
	for where, expr := range exprs {
		used := 0
		rest := strip.ReplaceAllString(expr, " ")
		for _, loc := range ident.FindAllStringIndex(rest, -1) {
			name := rest[loc[0]:loc[1]]
			if after := strings.TrimLeft(rest[loc[1]:], " \t\n"); strings.HasPrefix(after, "(") || slices.Contains(keywords, name) {
				continue
			}
			if loc[0] > 0 && strings.ContainsAny(rest[loc[0]-1:loc[0]], "0123456789.") {
				continue // a unit or exponent of a number: 3e2
			}
			used++
			if !exported[name] {
				t.Errorf("%s uses %s, which this build does not export", where, name)
			}
		}
		if used == 0 {
			t.Errorf("%s names no metric: %q", where, expr)
		}
	}
}

// A balance under low_credit is a warning under its channel
// on the page, with what the account holds and the limit of its unit, in
// the page's language; the API carries the balances with their unit, and
// the one number as threshold or the lines per unit as thresholds.
func TestLowBalanceOnThePage(t *testing.T) {
	for _, lc := range []struct {
		lowCredit, tr, en string
		threshold         float64
		thresholds        map[string]float64
	}{
		{"100", "Sağlayıcı bakiyesi düşük (39 TL; sınır 100): mesajlar durmadan önce hesaba kredi yükleyin",
			"The provider&#39;s balance is low (39 TL; limit 100): top up the account before messages stop", 100, nil},
		{"{TL: 50, sms: 500}", "Sağlayıcı bakiyesi düşük (39 TL, sınır 50): mesajlar durmadan önce hesaba kredi yükleyin",
			"The provider&#39;s balance is low (39 TL, limit 50): top up the account before messages stop", 0, map[string]float64{"TL": 50, "sms": 500}},
	} {
		t.Run(lc.lowCredit, func(t *testing.T) {
			e := newEnv(t, envOpts{lowCredit: lc.lowCredit})
			if !e.daemon.CheckBalances(context.Background()) {
				t.Fatal("the provider's balance API was not found")
			}
			c, _ := e.login()
			for _, tc := range []struct{ query, want, todo, ok string }{
				{"/?lang=tr", lc.tr, "bakiyesi azaldı", "Her şey yolunda"},
				{"/?lang=en", lc.en, "balance is low", "All is well"},
			} {
				e.do(c, "GET", tc.query, nil) // the language is remembered by a cookie
				_, page := e.do(c, "GET", "/", nil)
				section := regexp.MustCompile(`(?s)<li class="active" id="channel-sms">.*?</li>`).FindString(page)
				if !strings.Contains(section, `class="alert low-credit">`+tc.want) {
					t.Errorf("%s: the channel lacks %q:\n%s", tc.query, tc.want, section)
				}
				// The owner who only reads the verdict is told too.
				if !strings.Contains(page, tc.todo) || strings.Contains(page, tc.ok) {
					t.Errorf("%s: the verdict and the to-do list do not tell the low balance (%q)", tc.query, tc.todo)
				}
			}
			_, body := e.do(c, "GET", "/api/status", nil)
			var api struct {
				Channels []struct {
					Credit struct {
						Balances   []notify.Balance   `json:"balances"`
						Threshold  float64            `json:"threshold"`
						Thresholds map[string]float64 `json:"thresholds"`
						Low        bool               `json:"low"`
					} `json:"credit"`
				} `json:"channels"`
			}
			if err := json.Unmarshal([]byte(body), &api); err != nil || len(api.Channels) != 1 || !api.Channels[0].Credit.Low ||
				!slices.Equal(api.Channels[0].Credit.Balances, []notify.Balance{{Name: "credit", Amount: 39, Unit: notify.UnitTL}}) ||
				api.Channels[0].Credit.Threshold != lc.threshold || !maps.Equal(api.Channels[0].Credit.Thresholds, lc.thresholds) {
				t.Errorf("/api/status channels (want threshold %v, thresholds %v): %v\n%s", lc.threshold, lc.thresholds, err, body)
			}
		})
	}
}
