package connector

import (
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// handover is what a config reload carries from the daemon it stops to the
// one it starts: what people did by hand, which no config says. A reload
// rebuilds every channel and the status page, and without it an operator's
// pause was lifted (the held message sent at once) and everyone logged out.
// It lives in memory only: a restart, or a crash, starts without it, as the
// README says of a pause.
type handover struct {
	held   []string       // the channels an operator paused
	page   pageScope      // where and how the status page listened
	logins *status.Logins // its sessions; nil when it did not run
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

// handOver is what the daemon replacing this stopped one takes over. Run
// has returned, so the page is closed and no Pause or Resume can follow.
func (d *Daemon) handOver() handover {
	d.mu.Lock()
	h := handover{page: pageScopeOf(d.cfg), logins: d.logins}
	d.mu.Unlock()
	for _, name := range d.channelNames() {
		if d.channels[name].Held() {
			h.held = append(h.held, name)
		}
	}
	return h
}

// takeOver holds again the channels an operator held in the daemon this
// one replaces, before Run starts any of them sending, and keeps the
// page's logins for startStatus. A channel the new config no longer has
// has nothing to hold. The old daemon finished its sends before it
// stopped, so nothing is under way to be cut short or sent twice.
func (d *Daemon) takeOver(h handover) {
	for _, name := range h.held {
		if c, ok := d.channels[name]; ok {
			c.HoldOver()
		}
	}
	d.mu.Lock()
	d.carried = h
	d.mu.Unlock()
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
