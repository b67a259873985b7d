package catalog

// The connector's texts about itself on the status page (keys health.*).
func init() {
	add(map[Key]entry{
		"health.outbox_unwritable": {
			tr: "Giden kutusu yazılamıyor, gönderim durdu: {err}",
			en: "The outbox cannot be written, nothing is being sent: {err}",
		},
		"health.disk_low": {
			tr: "Durum klasöründe az yer kaldı: {free} boş ({dir}). Disk dolarsa hiçbir bildirim gönderilemez; yer açın.",
			en: "Little space left in the state folder: {free} free ({dir}). On a full disk no notification can be sent; free some space.",
		},
		"health.job_failed": {
			tr: "\"{job}\" görevinin son çalışması başarısız: {err}",
			en: "The last run of job {job} failed: {err}",
		},
	})
}
