package main

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// An operator who tries to retry or cancel a message whose send is
// uncertain (NetGSM's answer lost on the way back) is refused, and told
// what happens to it instead: the connector settles it with the provider's
// report, sends it again only on a proof it never arrived, and holds it for
// them otherwise. "Only Failed or Held can be queued again" left them
// guessing whether to wait, or for what. The real NetGSM client and fake.
func TestUncertainMessageRefusalsSayWhatHappens(t *testing.T) {
	noLocale(t)
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	fake := netgsmtest.New()
	defer fake.Close()
	fake.DropNext(1) // the request is read, the answer never comes
	ca := filepath.Join(dir, "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	t.Setenv("UNCERTAIN_NETGSM_PASSWORD", fake.Password)
	path := filepath.Join(dir, "config.yaml")
	y := strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)
	y = strings.Replace(y, "    provider: console\n", fmt.Sprintf(`    provider: netgsm
    ca_file: %s
    netgsm: {url: %q, usercode: %q, password: "${env:UNCERTAIN_NETGSM_PASSWORD}", msgheader: MAGAZA}
`, ca, fake.URL(), fake.User), 1)
	os.WriteFile(path, []byte(y), 0o600)
	if code, out, errOut := runEN(t, "run", "--once", "--config", path, "--job", "new-invoices"); code != exitOK {
		t.Fatalf("run --once exit %d:\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runEN(t, "messages", "list", "--status", "uncertain", "--json", "--config", path)
	var listed []struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &listed); code != exitOK || err != nil || len(listed) == 0 {
		t.Fatalf("no uncertain message after the lost answer (exit %d, %v):\n%s\n%s", code, err, out, errOut)
	}
	id := fmt.Sprint(listed[0].ID)
	for _, tc := range []struct {
		lang, action string
		want         []string
	}{
		{"tr", "retry", []string{id + " numaralı mesaj: durumu Belirsiz: gönderimin sonucu henüz bilinmiyor ve bağlayıcı onu sağlayıcının raporuyla kendisi denetliyor",
			"hiç almadığını kanıtlarsa kendiliğinden yeniden gönderir", "Operatör bekliyor durumuna alır: o zaman sağlayıcının panelinde bakıp yeniden deneyebilir ya da iptal edebilirsiniz"}},
		{"tr", "cancel", []string{id + " numaralı mesaj: durumu Belirsiz: gönderimin sonucu henüz bilinmiyor"}},
		{"en", "retry", []string{"message " + id + ": its state is Uncertain: the send's outcome is not known yet", "if neither can be proven it is Held for operator"}},
		{"en", "cancel", []string{"message " + id + ": its state is Uncertain: the send's outcome is not known yet"}},
	} {
		t.Run(tc.lang+" "+tc.action, func(t *testing.T) {
			code, out, errOut := runCLI(t, "--lang", tc.lang, "messages", tc.action, id, "--config", path)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("the refusal lacks %q:\n%s%s", w, errOut, out)
				}
			}
		})
	}
	if n := fake.Count("/sms/rest/v2/send"); n != 1 {
		t.Errorf("NetGSM got %d send requests, want the one whose answer was lost: an uncertain send is never repeated by hand", n)
	}
}
