package quietdays

import (
	"time"

	"github.com/hablullah/go-hijri"
)

// Holiday is one Turkish public holiday (Law 2429 on national and general
// holidays). HalfFrom, when set, makes it a half day from that hour: the
// eves (arife) of the two religious holidays and of Republic Day.
type Holiday struct {
	Date     time.Time // midnight UTC of the day
	Name     string    // in Turkish, as the calendar says it
	HalfFrom int       // hour the half day starts; 0: the whole day
}

// fixed are the holidays with a fixed Gregorian date.
var fixed = []struct {
	month    time.Month
	day      int
	name     string
	halfFrom int
	since    int // the first year it was a holiday
}{
	{time.January, 1, "Yılbaşı", 0, 0},
	{time.April, 23, "Ulusal Egemenlik ve Çocuk Bayramı", 0, 0},
	{time.May, 1, "Emek ve Dayanışma Günü", 0, 2009},
	{time.May, 19, "Atatürk'ü Anma, Gençlik ve Spor Bayramı", 0, 0},
	{time.July, 15, "Demokrasi ve Millî Birlik Günü", 0, 2017},
	{time.August, 30, "Zafer Bayramı", 0, 0},
	{time.October, 28, "Cumhuriyet Bayramı arifesi", 13, 0},
	{time.October, 29, "Cumhuriyet Bayramı", 0, 0},
}

// Turkey lists the public holidays of a Gregorian year, in date order.
//
// Ramazan Bayramı (1–3 Şevval, three days) and Kurban Bayramı (10–13
// Zilhicce, four days) follow the lunar Hijri calendar and move about eleven
// days earlier each year. Their dates come from the Umm al-Qura calendar
// (github.com/hablullah/go-hijri, a table of lunations through 2077), which
// gave the dates Türkiye's Diyanet published for every year the tests check
// (2018–2027). Should the two ever differ, a job's quiet_days takes the
// extra date.
func Turkey(year int) []Holiday {
	var out []Holiday
	for _, f := range fixed {
		if year >= f.since {
			out = append(out, Holiday{Date: day(year, f.month, f.day), Name: f.name, HalfFrom: f.halfFrom})
		}
	}
	// A Gregorian year holds parts of two Hijri years (in 2033, both
	// Ramazan Bayramları fall in the one year): try each that could.
	approx := int64(float64(year-622) * 33 / 32)
	for hy := approx - 1; hy <= approx+2; hy++ {
		out = append(out, religious(hy, 10, 1, 3, "Ramazan Bayramı", year)...)
		out = append(out, religious(hy, 12, 10, 4, "Kurban Bayramı", year)...)
	}
	sortHolidays(out)
	return out
}

// religious is a religious holiday of Hijri year hy starting on month/day,
// lasting days, with its eve (arife) a half day from 13:00; only the days
// that fall in the Gregorian year are kept.
func religious(hy, month, first int64, days int, name string, year int) []Holiday {
	if hy < 1356 || hy > 1500 {
		return nil // outside the table (1937–2077)
	}
	start := hijri.UmmAlQuraDate{Year: hy, Month: month, Day: first}.ToGregorian()
	start = day(start.Year(), start.Month(), start.Day())
	var out []Holiday
	eve := start.AddDate(0, 0, -1)
	if eve.Year() == year {
		out = append(out, Holiday{Date: eve, Name: name + " arifesi", HalfFrom: 13})
	}
	for i := range days {
		d := start.AddDate(0, 0, i)
		if d.Year() == year {
			out = append(out, Holiday{Date: d, Name: name, HalfFrom: 0})
		}
	}
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func sortHolidays(hs []Holiday) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date.Before(hs[j-1].Date); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}
