package connector

import (
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// handover is what a config reload carries from the daemon it stops to the
// one it starts: the status page's logins, which no config says, and what
// its last bulk re-read did. A reload rebuilds the status page, and
// without it everyone was logged out. It lives in memory only: a restart,
// or a crash, starts without it. An operator's pause is kept in the outbox
// instead (restoreHolds), so that a restart keeps it too.
type handover struct {
	page   pageScope      // where and how the status page listened
	logins *status.Logins // its sessions; nil when it did not run
	// reread is the page's last bulk re-read (ended: the stop ended it),
	// so that the page goes on saying what came of it, or that the reload
	// stopped it half way.
	reread *status.RereadRun
}

// pageScope is what a status page's logins belong to.
type pageScope struct {
	listen   string
	tls      bool
	authFile string
}

func pageScopeOf(cfg *config.Config) pageScope {
	return pageScope{listen: cfg.Status.Listen.String(), tls: cfg.Status.TLSCert != "", authFile: status.AuthPath(string(cfg.StateDir))}
}

// handOver is what the daemon replacing this stopped one takes over.
func (d *Daemon) handOver() handover {
	h := handover{page: pageScopeOf(d.cfg)}
	if run, ok := d.RereadAllRun(); ok {
		h.reread = &run
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	h.logins = d.logins
	return h
}

// takeOver keeps the page's logins for startStatus, and its last bulk
// re-read for the page to show.
func (d *Daemon) takeOver(h handover) {
	d.mu.Lock()
	d.carried = h
	d.mu.Unlock()
	if h.reread != nil {
		d.bulk.mu.Lock()
		if !d.bulk.has {
			d.bulk.run, d.bulk.has = *h.reread, true
		}
		d.bulk.mu.Unlock()
	}
}

// carriedLogins are the sessions of the page this one replaces when it
// listens where and as that one did. Had the address, TLS or the state
// folder (the credentials file) changed, everyone logs in again: the
// browsers' cookies were given to another page, and a session that
// travelled over plain HTTP must not live on once the page takes TLS. A
// password changed with `admin set-password` needs nothing here: the page
// ends each session opened under the old password at its next request.
func (d *Daemon) carriedLogins() *status.Logins {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.carried.logins == nil {
		return nil
	}
	if d.carried.page != pageScopeOf(d.cfg) {
		d.log.Info("log.status.logins_ended")
		return nil
	}
	return d.carried.logins
}

// keepLogins notes the running page's logins for handOver.
func (d *Daemon) keepLogins(l *status.Logins) {
	d.mu.Lock()
	d.logins = l
	d.mu.Unlock()
}
