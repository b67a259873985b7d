package status

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Metrics are the connector's Prometheus metrics. Sends and job runs are
// observed as they happen; message counts, queue depth and job times are read
// from the outbox at scrape time, so they are right after a restart too.
// Only counts, names of jobs and channels, and the build leave the machine
// this way: never a recipient or a message.
type Metrics struct {
	reg          *prometheus.Registry
	sendDuration *prometheus.HistogramVec
	jobDuration  *prometheus.HistogramVec
	rowsRead     *prometheus.CounterVec
	balance      *prometheus.GaugeVec
	balanceAt    *prometheus.GaugeVec
	channels     *channelCollector
	credits      *credits // the last balance checks and the low-credit gauge (credit.go)
	health       *healthCollector
}

// NewMetrics builds the metrics on their own registry (no global state).
func NewMetrics(store *outbox.Store) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		sendDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "akinsoft_connector_provider_request_duration_seconds",
			Help:    "Time a provider took to answer a send, by channel and outcome.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"channel", "outcome"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "akinsoft_connector_poll_duration_seconds",
			Help:    "Time a job run took to read the ERP and enqueue its messages.",
			Buckets: []float64{.1, .5, 1, 5, 15, 60, 300},
		}, []string{"job"}),
		rowsRead: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "akinsoft_connector_rows_read_total",
			Help: "ERP rows read by job runs.",
		}, []string{"job"}),
	}
	m.balance = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "akinsoft_connector_provider_balance",
		Help: "What the channel's provider account holds, by the provider's own balance API (NetGSM: TL credit or a package's messages, by name; Mutlucell: SMS credits). Set only after a check succeeded; checked every 30 minutes, not per scrape.",
	}, []string{"channel", "provider", "name"})
	m.balanceAt = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "akinsoft_connector_provider_balance_checked_timestamp_seconds",
		Help: "When the channel's provider balance was last read successfully.",
	}, []string{"channel", "provider"})
	m.channels = &channelCollector{}
	m.credits = newCredits()
	m.health = &healthCollector{}
	b := buildinfo.Read()
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "akinsoft_connector_build_info",
		Help:        "Always 1; the labels say which build runs.",
		ConstLabels: prometheus.Labels{"version": b.Version, "commit": b.ShortCommit(), "goversion": b.GoVersion},
	})
	build.Set(1)
	m.reg.MustRegister(m.sendDuration, m.jobDuration, m.rowsRead, m.balance, m.balanceAt, m.credits.low, build, m.channels, m.health, storeCollector{store},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// WatchChannels makes the metrics ask states for every channel's pause
// state at each scrape (the running daemon's ChannelStates).
func (m *Metrics) WatchChannels(states func() []ChannelState) {
	m.channels.mu.Lock()
	m.channels.states = states
	m.channels.mu.Unlock()
}

// WatchHealth makes the metrics ask health for the daemon's own trouble at
// each scrape (the running daemon's Health).
func (m *Metrics) WatchHealth(health func() Health) {
	m.health.mu.Lock()
	m.health.health = health
	m.health.mu.Unlock()
}

var (
	writeErrorsDesc = prometheus.NewDesc("akinsoft_connector_outbox_write_errors_total",
		"Writes to the outbox that failed because its file could not be written (full disk, read-only, rights) since the connector started; while they fail nothing is sent.",
		nil, nil)
	writeFailingDesc = prometheus.NewDesc("akinsoft_connector_outbox_write_failing",
		"1 while the outbox's last write failed.", nil, nil)
	diskFreeDesc = prometheus.NewDesc("akinsoft_connector_state_disk_free_bytes",
		"Free space in the state folder, where the outbox grows with every message.", nil, nil)
	diskLowDesc = prometheus.NewDesc("akinsoft_connector_state_disk_low",
		"1 when the state folder has less than 512 MB free: on a full disk no notification can be sent.", nil, nil)
	lastRunFailedDesc = prometheus.NewDesc("akinsoft_connector_job_last_run_failed",
		"1 when the job's last run ended with an error (kept in memory: on a full disk the outbox cannot record it).", []string{"job"}, nil)
)

// healthCollector reads the daemon's health at scrape time.
type healthCollector struct {
	mu     sync.Mutex
	health func() Health
}

func (c *healthCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{writeErrorsDesc, writeFailingDesc, diskFreeDesc, diskLowDesc, lastRunFailedDesc} {
		ch <- d
	}
}

func (c *healthCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	health := c.health
	c.mu.Unlock()
	if health == nil {
		return
	}
	h := health()
	ch <- prometheus.MustNewConstMetric(writeErrorsDesc, prometheus.CounterValue, float64(h.Outbox.Errors))
	ch <- prometheus.MustNewConstMetric(writeFailingDesc, prometheus.GaugeValue, b2f(h.Outbox.Failing()))
	if h.DiskErr == nil && h.StateDir != "" {
		ch <- prometheus.MustNewConstMetric(diskFreeDesc, prometheus.GaugeValue, float64(h.DiskFree))
		ch <- prometheus.MustNewConstMetric(diskLowDesc, prometheus.GaugeValue, b2f(h.DiskLow()))
	}
	for job, j := range h.Jobs {
		ch <- prometheus.MustNewConstMetric(lastRunFailedDesc, prometheus.GaugeValue, b2f(j.Err != ""), job)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// SetBalance records a successful balance check of a channel's provider;
// it replaces what the last one said, so a package that ran out and
// disappeared from the answer disappears here too.
func (m *Metrics) SetBalance(channel, provider string, bs []notify.Balance, at time.Time) {
	m.balance.DeletePartialMatch(prometheus.Labels{"channel": channel})
	for _, b := range bs {
		m.balance.WithLabelValues(channel, provider, b.Name).Set(b.Amount)
	}
	m.balanceAt.WithLabelValues(channel, provider).Set(float64(at.UnixMilli()) / 1000)
}

var pausedDesc = prometheus.NewDesc("akinsoft_connector_channel_paused",
	"1 while the channel is paused because its provider refused the credentials or account settings (it sends nothing until fixed).",
	[]string{"channel"}, nil)

// channelCollector reads the daemon's channel states at scrape time.
type channelCollector struct {
	mu     sync.Mutex
	states func() []ChannelState
}

func (c *channelCollector) Describe(ch chan<- *prometheus.Desc) { ch <- pausedDesc }

func (c *channelCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	states := c.states
	c.mu.Unlock()
	if states == nil {
		return
	}
	for _, s := range states() {
		v := 0.0
		if s.Paused {
			v = 1
		}
		ch <- prometheus.MustNewConstMetric(pausedDesc, prometheus.GaugeValue, v, s.Name)
	}
}

// Registry is what /metrics serves.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ObserveSend records one provider call. status is the message's state after
// it; "pending" means the send will be retried.
func (m *Metrics) ObserveSend(channel string, d time.Duration, status outbox.Status) {
	label := string(status)
	if status == outbox.StatusPending {
		label = "retry"
	}
	m.sendDuration.WithLabelValues(channel, label).Observe(d.Seconds())
}

// ObserveJob records one job run.
func (m *Metrics) ObserveJob(job string, d time.Duration, rows int) {
	m.jobDuration.WithLabelValues(job).Observe(d.Seconds())
	m.rowsRead.WithLabelValues(job).Add(float64(rows))
}

var (
	messagesDesc = prometheus.NewDesc("akinsoft_connector_messages",
		"Messages in the outbox by channel and status.", []string{"channel", "status"}, nil)
	queueDesc = prometheus.NewDesc("akinsoft_connector_queue_depth",
		"Messages not yet finished (pending, sending, uncertain, held) by channel.", []string{"channel"}, nil)
	lastSuccessDesc = prometheus.NewDesc("akinsoft_connector_job_last_success_timestamp_seconds",
		"When each job last ran without error (0: never).", []string{"job"}, nil)
	scrapeErrDesc = prometheus.NewDesc("akinsoft_connector_outbox_read_errors",
		"1 when the outbox could not be read for this scrape.", nil, nil)
	finalDesc = prometheus.NewDesc("akinsoft_connector_messages_final_24h",
		"Messages created in the last 24 hours that the connector is done with, by channel and final state (sent, delivered, failed, skipped, cancelled). Read from the outbox, so operators' retries and cancels count too.",
		[]string{"channel", "state"}, nil)
	oldestDesc = prometheus.NewDesc("akinsoft_connector_oldest_waiting_message_age_seconds",
		"Age of the oldest message still waiting to be sent (pending or being sent), by channel; quiet hours and retry delays keep messages waiting too.",
		[]string{"channel"}, nil)
)

// finalStates are the states after which the connector sends nothing more
// (a sent message may still get its delivery report).
var finalStates = []outbox.Status{outbox.StatusSent, outbox.StatusDelivered, outbox.StatusFailed, outbox.StatusSkipped, outbox.StatusCancelled}

// storeCollector reads the outbox at scrape time.
type storeCollector struct{ store *outbox.Store }

func (storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{messagesDesc, queueDesc, lastSuccessDesc, scrapeErrDesc, finalDesc, oldestDesc} {
		ch <- d
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	failed := 0.0
	if counts, err := c.store.Counts(ctx, time.Time{}); err == nil {
		for channel, byStatus := range counts {
			for st, n := range byStatus {
				ch <- prometheus.MustNewConstMetric(messagesDesc, prometheus.GaugeValue, float64(n), channel, string(st))
			}
		}
	} else {
		failed = 1
	}
	if counts, err := c.store.Counts(ctx, time.Now().Add(-24*time.Hour)); err == nil {
		for channel, byStatus := range counts {
			for _, st := range finalStates {
				ch <- prometheus.MustNewConstMetric(finalDesc, prometheus.GaugeValue, float64(byStatus[st]), channel, string(st))
			}
		}
	} else {
		failed = 1
	}
	if ages, err := c.store.OldestWaiting(ctx); err == nil {
		for channel, age := range ages {
			ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, age.Seconds(), channel)
		}
	} else {
		failed = 1
	}
	if qs, err := c.store.Queues(ctx); err == nil {
		for _, q := range qs {
			ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(q.Depth()), q.Channel)
		}
	} else {
		failed = 1
	}
	if runs, err := c.store.JobRuns(ctx); err == nil {
		for _, r := range runs {
			ts := 0.0
			if !r.LastSuccess.IsZero() {
				ts = float64(r.LastSuccess.UnixMilli()) / 1000
			}
			ch <- prometheus.MustNewConstMetric(lastSuccessDesc, prometheus.GaugeValue, ts, r.Job)
		}
	} else {
		failed = 1
	}
	ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, failed)
}
