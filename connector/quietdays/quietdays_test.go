package quietdays

import (
	"strings"
	"testing"
	"time"
)

// The religious holidays as Türkiye's Diyanet published them: the first
// day of Ramazan Bayramı and of Kurban Bayramı, ten years running.
var diyanet = map[int][2]string{
	2018: {"2018-06-15", "2018-08-21"},
	2019: {"2019-06-04", "2019-08-11"},
	2020: {"2020-05-24", "2020-07-31"},
	2021: {"2021-05-13", "2021-07-20"},
	2022: {"2022-05-02", "2022-07-09"},
	2023: {"2023-04-21", "2023-06-28"},
	2024: {"2024-04-10", "2024-06-16"},
	2025: {"2025-03-30", "2025-06-06"},
	2026: {"2026-03-20", "2026-05-27"},
	2027: {"2027-03-09", "2027-05-16"},
}

func TestReligiousHolidaysMatchDiyanet(t *testing.T) {
	for year, want := range diyanet {
		days := map[string][]string{}
		for _, h := range Turkey(year) {
			if h.HalfFrom == 0 {
				days[h.Name] = append(days[h.Name], h.Date.Format("2006-01-02"))
			}
		}
		r, k := days["Ramazan Bayramı"], days["Kurban Bayramı"]
		if len(r) != 3 || r[0] != want[0] {
			t.Errorf("%d: Ramazan Bayramı %v, want 3 days from %s", year, r, want[0])
		}
		if len(k) != 4 || k[0] != want[1] {
			t.Errorf("%d: Kurban Bayramı %v, want 4 days from %s", year, k, want[1])
		}
	}
}

func TestTurkey2026(t *testing.T) {
	var got []string
	for _, h := range Turkey(2026) {
		s := h.Date.Format("01-02") + " " + h.Name
		if h.HalfFrom > 0 {
			s += " (13:00)"
		}
		got = append(got, s)
	}
	want := strings.Join([]string{
		"01-01 Yılbaşı",
		"03-19 Ramazan Bayramı arifesi (13:00)", "03-20 Ramazan Bayramı", "03-21 Ramazan Bayramı", "03-22 Ramazan Bayramı",
		"04-23 Ulusal Egemenlik ve Çocuk Bayramı", "05-01 Emek ve Dayanışma Günü", "05-19 Atatürk'ü Anma, Gençlik ve Spor Bayramı",
		"05-26 Kurban Bayramı arifesi (13:00)", "05-27 Kurban Bayramı", "05-28 Kurban Bayramı", "05-29 Kurban Bayramı", "05-30 Kurban Bayramı",
		"07-15 Demokrasi ve Millî Birlik Günü", "08-30 Zafer Bayramı", "10-28 Cumhuriyet Bayramı arifesi (13:00)", "10-29 Cumhuriyet Bayramı",
	}, "\n")
	if strings.Join(got, "\n") != want {
		t.Errorf("2026:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// A year can hold two of the same religious holiday: in 2033 Ramazan
// Bayramı comes in January and again in December.
func TestTwoRamazanBayramlarıIn2033(t *testing.T) {
	n := 0
	for _, h := range Turkey(2033) {
		if h.Name == "Ramazan Bayramı" {
			n++
		}
	}
	if n != 6 {
		t.Errorf("2033 has %d Ramazan Bayramı days, want 6", n)
	}
}

func TestNotBefore(t *testing.T) {
	ist, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	c := New(Spec{TRHolidays: true, Weekdays: []time.Weekday{time.Sunday}, Dates: []time.Time{at("2026-06-01 00:00")}}, ist, 9*60)
	for _, tc := range []struct{ now, want, why string }{
		{"2026-05-25 10:00", "2026-05-25 10:00", "a working Monday"},
		{"2026-05-26 11:00", "2026-05-26 11:00", "the eve's morning is a working half day"},
		{"2026-05-26 14:00", "2026-06-02 09:00", "the eve's afternoon, four days of Kurban Bayramı, a Sunday and the shop's own date"},
		{"2026-03-21 12:00", "2026-03-23 09:00", "Ramazan Bayramı's Saturday and Sunday"},
		{"2026-10-29 08:00", "2026-10-30 09:00", "Republic Day"},
		{"2026-12-27 09:30", "2026-12-28 09:00", "a Sunday"},
	} {
		if got := c.NotBefore(at(tc.now)).Format("2006-01-02 15:04"); got != tc.want {
			t.Errorf("%s (%s): %s, want %s", tc.now, tc.why, got, tc.want)
		}
	}
	if q, name := c.Quiet(at("2026-05-27 10:00")); !q || name != "Kurban Bayramı" {
		t.Errorf("Kurban Bayramı: %v %q", q, name)
	}
	var none *Calendar
	if got := none.NotBefore(at("2026-05-27 10:00")); !got.Equal(at("2026-05-27 10:00")) {
		t.Error("a job without quiet days waits")
	}
	if New(Spec{}, ist, 540) != nil {
		t.Error("an empty spec makes a calendar")
	}
}
