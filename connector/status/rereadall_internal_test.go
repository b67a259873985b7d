package status

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Every word a refusal is told by has its place in a bulk re-read's
// summary, and every kind a bulk re-read takes is one the page groups by.
func TestRereadAllTables(t *testing.T) {
	for key, word := range rereadRefusalKeys {
		if !slices.Contains(rereadRefusalWords, word) {
			t.Errorf("%s's word %q is not in rereadRefusalWords", key, word)
		}
	}
	for _, w := range []string{"database", "other"} {
		if !slices.Contains(rereadRefusalWords, w) {
			t.Errorf("rereadRefusal's %q is not in rereadRefusalWords", w)
		}
	}
	for _, k := range RereadKinds() {
		if !slices.Contains(problemKinds, k) {
			t.Errorf("re-read kind %q is no kind the page groups by", k)
		}
	}
}

// The page's line on a bulk re-read, in both languages: while it runs,
// what it read so far; once ended, what came of it with each refusal's
// reason in words (none sends the reader to the log but the unknown one),
// and when it stopped half way, what to do.
func TestRereadRunLine(t *testing.T) {
	start := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	tally := RereadTally{Pending: 3, Still: map[string]int{"no_mobile": 2}, Refused: map[string]int{"database": 4, "gone": 1}}
	for _, tc := range []struct {
		name, lang string
		run        RereadRun
		want       []string // in the line, then each refusal, then the stop
		refused    int
		bad        bool
	}{
		{name: "running", lang: "tr", run: RereadRun{Kind: "no_mobile", Started: start, Tally: tally},
			want: []string{"Wolvox'tan yeniden okunuyor: \"Cep telefonu kayıtlı değil\" grubu (başlangıç 04.12.2026 10:00:00 +00:00). Şu ana dek 10 mesaj ele alındı: 3 kuyrukta, 2 hâlâ atlanmış, 5 reddedildi."}},
		{name: "running", lang: "en", run: RereadRun{Kind: "no_mobile", Started: start, Tally: tally},
			want: []string{"Reading again from Wolvox: the \"No mobile number\" group (started 04.12.2026 10:00:00 +00:00). 10 handled so far: 3 queued, 2 still skipped, 5 refused."}},
		{name: "ended", lang: "tr", run: RereadRun{Kind: "bad_phone", Started: start, Ended: start.Add(time.Minute), Tally: tally}, refused: 2, bad: true,
			want: []string{"Son toplu yeniden okuma: \"Telefon numarası hatalı\" grubu (bitiş 04.12.2026 10:01:00 +00:00). 10 mesaj ele alındı: 3 kuyrukta, 2 hâlâ atlanmış, 5 reddedildi.",
				"1 mesajı Wolvox kaydı artık gerektirmiyor", "4 mesajın kaydı okunamadı: Wolvox veritabanına ulaşılamadı"}},
		{name: "ended", lang: "en", run: RereadRun{Kind: "bad_phone", Started: start, Ended: start.Add(time.Minute), Tally: tally}, refused: 2, bad: true,
			want: []string{"The last read all again from Wolvox: the \"A wrong phone number\" group (ended 04.12.2026 10:01:00 +00:00). 10 handled: 3 queued, 2 still skipped, 5 refused.",
				"1: the record no longer makes the message", "4: the record could not be read"}},
		{name: "all went", lang: "en", run: RereadRun{Kind: "landline", Started: start, Ended: start, Tally: RereadTally{Pending: 2}},
			want: []string{"2 handled: 2 queued, 0 still skipped, 0 refused."}},
		{name: "stopped", lang: "tr", run: RereadRun{Kind: "landline", Started: start, Ended: start, Tally: RereadTally{Pending: 2}, Stopped: true}, bad: true,
			want: []string{"2 mesaj ele alındı: 2 kuyrukta", "Yarıda kaldı (hizmet durdu ya da yeniden yüklendi"}},
		{name: "stopped", lang: "en", run: RereadRun{Kind: "landline", Started: start, Ended: start, Tally: RereadTally{Pending: 2}, Stopped: true}, bad: true,
			want: []string{"2 handled: 2 queued", "It stopped half way (the service stopped or reloaded"}},
	} {
		t.Run(tc.name+"/"+tc.lang, func(t *testing.T) {
			p := &pageData{lang: lang{Code: tc.lang}, loc: time.UTC}
			v := p.rereadRun(tc.run, true)
			if v == nil || v.Running != tc.run.Running() || v.Bad != tc.bad || len(v.Refused) != tc.refused || (v.Stopped != "") != tc.run.Stopped {
				t.Fatalf("view = %+v", v)
			}
			got := append(append([]string{v.Line}, v.Refused...), v.Stopped)
			for i, want := range tc.want {
				if i >= len(got) || !strings.Contains(got[i], want) {
					t.Errorf("part %d = %q, want it to hold %q", i, got, want)
				}
			}
			for _, s := range got[:len(got)-1] {
				if strings.Contains(s, "günlük") || strings.Contains(s, "log") {
					t.Errorf("%q sends the reader to the log", s)
				}
			}
		})
	}
	p := &pageData{lang: lang{Code: "tr"}, loc: time.UTC}
	if v := p.rereadRun(RereadRun{}, false); v != nil {
		t.Errorf("no run yet: %+v", v)
	}
	if v := p.rereadRun(RereadRun{Kind: "nope", Started: start}, true); v != nil {
		t.Errorf("a run of no kind the page has: %+v", v)
	}
}
