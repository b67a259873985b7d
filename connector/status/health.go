package status

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// LowDisk is the free space in the state folder below which the page, the
// metrics and /readyz warn: the outbox grows with every message, and a full
// disk stops the connector recording (and so sending) anything.
const LowDisk = 512 << 20

// Health is what the running connector knows of its own trouble. It is
// kept in memory, not read from the outbox: on a full disk the outbox can
// record neither the failed job runs nor its own failed writes.
type Health struct {
	// Outbox is what the store knows of its writes since it opened.
	Outbox outbox.WriteHealth
	// Jobs holds each job that ran, with the error of its last run.
	Jobs map[string]JobHealth
	// StateDir is the state folder; DiskFree its free bytes, DiskErr why
	// they could not be read.
	StateDir string
	DiskFree uint64
	DiskErr  error
	// NotOpened are the {year} sources reading last year's database past
	// January's window, this year's not existing: the year not opened in
	// Wolvox yet, or a path that does not point at its database.
	NotOpened []erp.NotOpened
}

// NotOpenedText is what the page's list and the status command say of a
// year not opened: its title and what it means.
func NotOpenedText(l catalog.Lang, n erp.NotOpened) (title, fix string) {
	base, _, _ := strings.Cut(n.Source, "@")
	args := map[string]string{"year": strconv.Itoa(n.Year), "source": base, "database": n.Database, "read": n.Read}
	return l.Text("statuspage.fix.year_not_opened.title", args), l.Text("statuspage.fix.year_not_opened", args)
}

// NotOpenedLine is a year not opened in one line, for the status command.
func NotOpenedLine(l catalog.Lang, n erp.NotOpened) string {
	base, _, _ := strings.Cut(n.Source, "@")
	return l.Text("statuspage.year_not_opened.short", map[string]string{"year": strconv.Itoa(n.Year), "source": base, "database": n.Database, "read": n.Read})
}

// JobHealth is how a job's last run ended: Err is empty if it succeeded,
// Failure its kind if not.
type JobHealth struct {
	Err     string
	ErrTR   string // Err in Turkish, when the connector wrote it
	Failure erp.Failure
}

// DiskLow reports whether the state folder is nearly full.
func (h Health) DiskLow() bool { return h.DiskErr == nil && h.StateDir != "" && h.DiskFree < LowDisk }

// FailedJobs lists the jobs whose last run failed, sorted, as "job: error".
func (h Health) FailedJobs() []string {
	var out []string
	for job, j := range h.Jobs {
		if j.Err != "" {
			out = append(out, job+": "+j.Err)
		}
	}
	sort.Strings(out)
	return out
}

// Warnings are the page's lines about the connector itself, in l.
func (h Health) Warnings(l catalog.Lang) []string {
	var out []string
	if h.Outbox.Failing() {
		out = append(out, l.Text("health.outbox_unwritable", map[string]string{"err": h.Outbox.LastError}))
	}
	if h.DiskLow() {
		out = append(out, l.Text("health.disk_low", map[string]string{"free": megabytes(h.DiskFree), "dir": h.StateDir}))
	}
	jobs := make([]string, 0, len(h.Jobs))
	for job, j := range h.Jobs {
		if j.Err != "" {
			jobs = append(jobs, job)
		}
	}
	sort.Strings(jobs)
	for _, job := range jobs {
		out = append(out, l.Text("health.job_failed", map[string]string{"job": job, "err": jobOutcome(l, h.Jobs[job].Failure, h.Jobs[job].Err, h.Jobs[job].ErrTR).Text}))
	}
	return out
}

func megabytes(b uint64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(b)/(1<<20)), ".0") + " MB"
}

// StateDisk reads the free space of the folder the outbox lives in.
func StateDisk(dir string) (uint64, error) { return freeBytes(dir) }
