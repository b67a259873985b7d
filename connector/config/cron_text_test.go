package config

import (
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// The cron library's refusals, said in Turkish with the field they are
// about, which the library's own words leave out.
func TestScheduleRefusalsSayTheField(t *testing.T) {
	for _, c := range []struct{ spec, tr string }{
		{"61 * * * *", "dakika alanında 61 olmaz, en çok 59"},
		{"70 0 10 * * *", "saniye alanında 70 olmaz, en çok 59"},
		{"0 25 * * *", "saat alanında 25 olmaz, en çok 23"},
		{"0 10 0 * *", "ayın günü alanında 0 olmaz, en az 1"},
		{"0 10 * 0 *", "ay alanında 0 olmaz, en az 1"},
		{"0 10 1,32 * *", "ayın günü alanında 32 olmaz, en çok 31"},
		{"0 10 * * 7", "haftanın günü alanında 7 olmaz, en çok 6"},
		{"CRON_TZ=Europe/Istanbul 0 25 * * *", "saat alanında 25 olmaz, en çok 23"},
		{"* * *", "3 alan var, 5 ya da 6 olmalı"},
		{"@hourlyy", "@hourlyy bilinmiyor; @yearly, @monthly, @weekly, @daily, @hourly ya da @every 5m kullanın"},
		{"0 10 * * pzt", "pzt bir sayı değil; gün ve ay adları İngilizce kısaltmalardır (mon-fri, jan-dec) ya da sayılar (haftanın günü 0-6, pazar 0; ay 1-12)"},
		{"0 10 5-2 * *", "5-2 aralığı ters: başı (5) sonundan (2) büyük"},
		{"*/0 * * * *", "*/0: / işaretinden sonra 0'dan büyük bir sayı gelmeli"},
		{"1-2-3 * * * *", "1-2-3: bir aralıkta tek tire olur (1-5 gibi)"},
		{"*/5/2 * * * *", "*/5/2: tek / olur (*/15 gibi)"},
		{"CRON_TZ=Avrupa/Ist 0 10 * * *", "Avrupa/Ist saat dilimi bilinmiyor (Europe/Istanbul gibi yazın)"},
		{"", "boş"},
	} {
		_, err := ParseSchedule(c.spec)
		if err == nil {
			t.Errorf("%q was accepted", c.spec)
			continue
		}
		want := "schedule " + quote(c.spec) + " geçersiz: " + c.tr
		if got := msgOf(err).In(catalog.TR); got != want {
			t.Errorf("%q:\n got  %s\n want %s", c.spec, got, want)
		}
	}
}
