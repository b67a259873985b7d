package status_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Past January's window a {year} source whose year's database does not
// exist reads last year's: nothing is lost, but a shop that did open the
// year with the path pointing elsewhere would send nothing entered in it.
// The page lists it (amber) with what it means, /readyz stays ready and
// says it in the reader's language; in January's window, and once the
// year is opened, nothing is said.
func TestAYearNotOpenedIsOnThePage(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	for _, tc := range []struct {
		name  string
		years []string
		now   time.Time
		said  bool
	}{
		{"February, the year not opened", []string{"2026"}, time.Date(2027, 2, 3, 11, 0, 0, 0, ist), true},
		{"in January's window", []string{"2026"}, time.Date(2027, 1, 5, 11, 0, 0, 0, ist), false},
		{"February, the year opened", []string{"2026", "2027"}, time.Date(2027, 2, 3, 11, 0, 0, 0, ist), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			for _, y := range tc.years {
				os.MkdirAll(filepath.Join(dir, y), 0o700)
				if err := demo.CreateDB(ctx, filepath.Join(dir, y, "demo.db")); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "config.yaml")
			yaml := strings.Replace(strings.Replace(ownerConfig, "    backfill: all\n", "", 1), "database: demo.db", "database: '{year}/demo.db'", 1)
			if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			clk := &clock{t: tc.now}
			d, err := connector.New(ctx, cfg, connector.Options{Providers: map[string]notify.Provider{"sms": &provider{}, "email": &provider{}}, Now: clk.now})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			e := &env{t: t, dir: dir, daemon: d, store: d.Store(), authFile: status.AuthPath(string(cfg.StateDir)), clock: clk}
			status.SetPassword(e.authFile, password)
			srv, _ := status.New(status.Options{Store: e.store, Probe: d, AuthFile: e.authFile, Location: cfg.Location(), Now: clk.now})
			e.srv = httptest.NewServer(srv)
			defer e.srv.Close()
			c, _ := e.login()
			_, page := e.do(c, "GET", "/", nil) // before any run or /readyz asked the server

			resp, body := e.do(c, "GET", "/readyz", nil)
			var ready struct {
				Ready     bool              `json:"ready"`
				Checks    map[string]string `json:"checks"`
				NotOpened []string          `json:"not_opened"`
			}
			if err := json.Unmarshal([]byte(body), &ready); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 || !ready.Ready || ready.Checks["erp"] != "ok" {
				t.Errorf("/readyz: %s %s", resp.Status, body)
			}
			line := "demo: Wolvox'ta 2027 yılı açılmamış görünüyor (" + filepath.Join(dir, "2027", "demo.db") + " yok); açılana dek demo@2026 okunuyor"
			if said := len(ready.NotOpened) == 1 && ready.NotOpened[0] == line; said != tc.said {
				t.Errorf("/readyz says %q, want it said %v:\n%s", ready.NotOpened, tc.said, line)
			}

			title := "Wolvox&#39;ta 2027 yılı açılmamış görünüyor (demo)"
			if strings.Contains(page, title) != tc.said {
				t.Errorf("the page lists %q: %v, want %v", title, strings.Contains(page, title), tc.said)
			}
			if tc.said {
				v := section(t, page, "verdict")
				if strings.Contains(v, `class="verdict ok"`) || !strings.Contains(v, "Wolvox&#39;ta 2027 yılı açılmamış") {
					t.Errorf("verdict = %s", v)
				}
				if !strings.Contains(page, "Yıl açılana dek bağlayıcı demo@2026 veritabanını okumaya devam ediyor") {
					t.Error("the page does not say last year's is read")
				}
				e.do(c, "GET", "/?lang=en", nil)
				_, en := e.do(c, "GET", "/", nil)
				if !strings.Contains(en, "The year 2027 seems not to be opened in Wolvox (demo)") {
					t.Error("the English page does not list it")
				}
			}
		})
	}
}
