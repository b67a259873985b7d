package mutlucell

import (
	"context"
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// Reports queries each packet's report, skipping packets that are too young
// or were queried too recently (Mutlucell blocks accounts that poll faster).
// Uncertain sends (no packet id) cannot be matched: Mutlucell's search by
// number has no documented answer format, so they are left to the operator.
func (p *Provider) Reports(ctx context.Context, sent []notify.Sent) ([]notify.Report, error) {
	byPacket := map[string][]notify.Sent{}
	var order []string
	for _, s := range sent {
		if s.ProviderID == "" {
			continue
		}
		if _, ok := byPacket[s.ProviderID]; !ok {
			order = append(order, s.ProviderID)
		}
		byPacket[s.ProviderID] = append(byPacket[s.ProviderID], s)
	}
	var out []notify.Report
	for _, id := range order {
		group := byPacket[id]
		if !p.due(id, group) {
			continue
		}
		lines, err := p.report(ctx, id)
		if err != nil {
			return out, err
		}
		for _, s := range group {
			st, ok := lines[strings.TrimPrefix(s.To, "+")]
			if !ok {
				continue
			}
			r := notify.Report{ID: s.ID, ProviderID: id, To: s.To, Code: strconv.Itoa(st), At: p.now()}
			r.Status, r.Why = status(st)
			out = append(out, r)
		}
	}
	return out, nil
}

// due applies the polling rule and, when a query may go, records it.
func (p *Provider) due(id string, group []notify.Sent) bool {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range group {
		if now.Sub(s.At) < p.cfg.FirstReport {
			return false
		}
	}
	if last, ok := p.lastQuery[id]; ok && now.Sub(last) < p.cfg.ReportEvery {
		return false
	}
	p.lastQuery[id] = now
	return true
}

func (p *Provider) report(ctx context.Context, id string) (map[string]int, error) {
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"smsrapor"`
		User    string   `xml:"ka,attr"`
		Pass    string   `xml:"pwd,attr"`
		ID      string   `xml:"id,attr"`
	}{User: p.cfg.User, Pass: p.cfg.Password, ID: id})
	resp, err := p.post(ctx, "/gtblkrprtex", body, nil, nil, true)
	if err != nil {
		return nil, err
	}
	return parseReport(resp)
}

// parseReport reads gtblkrprtex's answer: one "<number> <status>" line per
// number, or a bare error number.
func parseReport(resp *httpclient.Response) (map[string]int, error) {
	text := strings.TrimSpace(string(resp.Body))
	if _, err := strconv.Atoi(text); err == nil && !strings.Contains(text, " ") {
		return nil, classify(text, resp.Status)
	}
	out := map[string]int{}
	// Not bufio.Scanner: it stops without a word at a line over 64 KiB,
	// and every number after it would look unreported.
	for line := range strings.SplitSeq(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if st, err := strconv.Atoi(f[1]); err == nil {
			out[strings.TrimPrefix(f[0], "+")] = st
		}
	}
	return out, nil
}

// reportStates are the report codes with a text of their own
// ("mutlucell.report.<code>" in the catalog).
var reportStates = map[int]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 11: true,
	12: true, 13: true, 15: true, 16: true, 17: true, 18: true, 19: true, 20: true}

// status maps gtblkrprtex codes (providers.md §2.3): 3 is delivered; 1, 2
// and 4 are still on their way.
func status(st int) (notify.DeliveryStatus, mapping.Reason) {
	reason := notify.Why(ReasonReportStatus, "status", st)
	if reportStates[st] {
		reason = notify.Why("mutlucell.report." + strconv.Itoa(st))
	}
	switch st {
	case 1, 2, 4:
		return notify.StatusPending, reason
	case 3:
		return notify.StatusDelivered, reason
	}
	return notify.StatusFailed, reason
}
