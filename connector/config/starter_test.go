package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// What init writes is a config Load accepts as it is, with every value the
// dialogue gave and no password, and it reads as the golden file does.
func TestStarterRendersAValidConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Starter
	}{
		{"firebird-netgsm-smtp", Starter{
			Generated:  "2026-11-25 10:00 +03:00, sürüm test",
			QuietStart: "21:00", QuietEnd: "09:00",
			Source: StarterSource{Driver: "firebird", Host: "127.0.0.1", Port: 3050,
				Database: `C:\AKINSOFT\Wolvox8\Database_FB\01\{year}\WOLVOX.FDB`, User: "CONNECTOR_RO", Secret: "wolvox_db"},
			SMS: &StarterChannel{Provider: "netgsm", User: "8501234567", Sender: "MAGAZAM", Secret: "netgsm"},
			Email: &StarterChannel{Provider: "smtp", Host: "smtp.example.com", Port: 587, User: "bildirim@example.com",
				Sender: "bildirim@example.com", Secret: "smtp"},
			Jobs: []StarterJob{
				{Name: "yeni-faturalar", Preset: "new_invoices", Schedule: "@every 5m", Comment: "Yeni satış faturası",
					Messages: []StarterMessage{{Channel: "sms", Text: "Sayın {{.ALICI_ADI}}, {{.FATURA_NO}} numaralı faturanız düzenlenmiştir."},
						{Channel: "email", Subject: "Faturanız hazır: {{.FATURA_NO}}", Text: "Sayın {{.ALICI_ADI}},\n\nFaturanız: {{.FATURA_NO}}\n\nİyi günler dileriz."}}},
				{Name: "vade-hatirlatma", Preset: "invoices_due", Schedule: "0 10 * * *", Comment: "Vadesi yaklaşan",
					Messages: []StarterMessage{{Channel: "sms", Text: "Sayın {{.ALICI_ADI}}, son ödeme {{date .VADESI}}. Ödediyseniz dikkate almayınız."}}},
			},
		}},
		{"mssql-mutlucell-whatsapp", Starter{
			Generated: "2026-11-25 10:00 +03:00, sürüm test", StateDir: "/var/lib/akinsoft-connector", LogDir: "/var/log/akinsoft-connector",
			Source: StarterSource{Driver: "mssql", Host: "192.0.2.10", Port: 1433, Instance: "WOLVOX",
				Database: "WOLVOX8_001_{year}_WOLVOX", User: "connector_ro", Secret: "wolvox_db", Note: "it's {year}"},
			SMS:      &StarterChannel{Provider: "mutlucell", User: "magazam", Sender: "MAGAZAM", Secret: "mutlucell", URL: "https://mutlucell.example/", CAFile: "testdata/ca.pem"},
			WhatsApp: &StarterChannel{Provider: "whatsapp_cloud", PhoneID: "106540352242922", Secret: "whatsapp_token"},
			Jobs: []StarterJob{{Name: "odeme-alindi", Preset: "collections", Schedule: "@every 10m", Comment: "Ödeme alındı",
				Messages: []StarterMessage{{Channel: "sms", Text: "  leading space and a quote ' and \"double\"\nsecond line "},
					{Channel: "whatsapp", Template: "odeme_alindi", Language: "tr", Body: []string{"{{.ALICI_ADI}}", "{{money .TUTAR}}"},
						Text: "Sayın {{.ALICI_ADI}}, {{money .TUTAR}} tutarındaki ödemeniz alınmıştır."}},
			}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.s.Render()
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "starter", tc.name+".yaml")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				os.WriteFile(golden, b, 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file (run go test -update): %v", err)
			}
			if string(want) != string(b) {
				t.Errorf("the config differs from %s (run go test -update and read the diff):\n%s", golden, b)
			}
			t.Setenv("AC_UNUSED", "")
			cfg, err := Parse(filepath.Join(t.TempDir(), "config.yaml"), b, Options{})
			if err != nil {
				t.Fatalf("the written config does not load:\n%v\n%s", err, b)
			}
			if got := string(cfg.Sources[0].Database); got != tc.s.Source.Database {
				t.Errorf("database = %q, want %q", got, tc.s.Source.Database)
			}
			if len(cfg.Jobs) != len(tc.s.Jobs) {
				t.Fatalf("%d jobs, want %d", len(cfg.Jobs), len(tc.s.Jobs))
			}
			for i, j := range tc.s.Jobs {
				if len(cfg.Jobs[i].Fallback) != 0 {
					t.Errorf("job %s fallback %v: init writes none, both channels go", j.Name, cfg.Jobs[i].Fallback)
				}
				for _, m := range j.Messages {
					var text string
					switch m.Channel {
					case "sms":
						text = cfg.Jobs[i].Messages.SMS.Text
					case "email":
						text = cfg.Jobs[i].Messages.Email.Text
						if cfg.Jobs[i].Messages.Email.Subject != m.Subject {
							t.Errorf("subject = %q, want %q", cfg.Jobs[i].Messages.Email.Subject, m.Subject)
						}
					case "whatsapp":
						w := cfg.Jobs[i].Messages.WhatsApp
						text = w.Text
						var body []string
						for _, p := range w.Body {
							body = append(body, p.Type+":"+p.Value)
						}
						want := make([]string, len(m.Body))
						for k, v := range m.Body {
							want[k] = "text:" + v
						}
						if w.Template != m.Template || w.Language != m.Language || !slices.Equal(body, want) {
							t.Errorf("whatsapp %s/%s %v, want %s/%s %v", w.Template, w.Language, body, m.Template, m.Language, want)
						}
					}
					if text != m.Text {
						t.Errorf("job %s %s text = %q, want %q", j.Name, m.Channel, text, m.Text)
					}
				}
			}
		})
	}
}
