package status

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// Metrics are the connector's Prometheus metrics. Sends and job runs are
// observed as they happen; message counts, queue depth and job times are read
// from the outbox at scrape time, so they are right after a restart too.
type Metrics struct {
	reg          *prometheus.Registry
	sendDuration *prometheus.HistogramVec
	jobDuration  *prometheus.HistogramVec
	rowsRead     *prometheus.CounterVec
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
	m.reg.MustRegister(m.sendDuration, m.jobDuration, m.rowsRead, storeCollector{store},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
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
	lastRunFailedDesc = prometheus.NewDesc("akinsoft_connector_job_last_run_failed",
		"1 when the job's last run ended with an error.", []string{"job"}, nil)
	scrapeErrDesc = prometheus.NewDesc("akinsoft_connector_outbox_read_errors",
		"1 when the outbox could not be read for this scrape.", nil, nil)
)

// storeCollector reads the outbox at scrape time.
type storeCollector struct{ store *outbox.Store }

func (storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{messagesDesc, queueDesc, lastSuccessDesc, lastRunFailedDesc, scrapeErrDesc} {
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
			bad := 0.0
			if r.Err != "" {
				bad = 1
			}
			ch <- prometheus.MustNewConstMetric(lastRunFailedDesc, prometheus.GaugeValue, bad, r.Job)
		}
	} else {
		failed = 1
	}
	ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, failed)
}
