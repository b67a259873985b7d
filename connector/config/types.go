package config

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/robfig/cron/v3"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The types below are the config's values, parsed once when the file is
// decoded. Each reads its own YAML scalar and, when the text is not valid,
// records a positioned error and keeps its zero value, so one bad value never
// hides the others: Parse reports them all together with the rest of the
// validation. Nothing outside this package parses a config string again.

// decodeProblems collects the errors of typed values during one decode.
type decodeProblems struct{ errs Errors }

type problemsKey struct{}

func withDecodeProblems(ctx context.Context, p *decodeProblems) context.Context {
	return context.WithValue(ctx, problemsKey{}, p)
}

// scalar returns the text of a scalar node; ok is false for null.
func scalar(n ast.Node) (text string, ok bool, err error) {
	switch v := n.(type) {
	case *ast.NullNode:
		return "", false, nil
	case ast.ScalarNode:
		if s, isStr := v.(*ast.StringNode); isStr {
			return s.Value, true, nil
		}
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true, nil
		}
		return fmt.Sprint(v.GetValue()), true, nil
	}
	return "", false, bad("config.expected_text", "found", nodeKind(n))
}

// decodeScalar reads n as text and hands it to parse; a parse error becomes a
// positioned problem with hint, and the value stays unset.
func decodeScalar(ctx context.Context, n ast.Node, hint catalog.Msg, parse func(string) error) error {
	s, ok, err := scalar(n)
	if err == nil && ok {
		err = parse(s)
	}
	if err == nil {
		return nil
	}
	return decodeProblem(ctx, n, strings.TrimPrefix(n.GetPath(), "$."), err, hint)
}

// decodeProblem records err as the problem of the value at path, positioned
// at n, with hint; it returns err itself when decoding outside Parse.
func decodeProblem(ctx context.Context, n ast.Node, path string, err error, hint catalog.Msg) error {
	p, _ := ctx.Value(problemsKey{}).(*decodeProblems)
	if p == nil {
		return err // decoded outside Parse (tests): fail plainly
	}
	e := &Error{Path: path, Msg: msgOf(err), Hint: hint, decode: true}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		e.Line, e.Col = tk.Position.Line, tk.Position.Column
	}
	p.errs = append(p.errs, e)
	return nil
}

// Duration is a length of time: Go durations plus days ("90d", "7d12h",
// "15m"). Zero means unset; defaults fill it in.
type Duration time.Duration

// ParseDuration reads "90d", "7d12h", "15m" (a Go duration plus days).
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, bad("config.duration_empty")
	}
	orig := s
	var total time.Duration
	if i := strings.IndexByte(s, 'd'); i > 0 {
		days, err := strconv.Atoi(s[:i])
		if err != nil || days < 0 || days > 100000 {
			return 0, bad("config.duration", "value", quote(orig))
		}
		total = time.Duration(days) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return Duration(total), nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, bad("config.duration", "value", quote(orig))
	}
	return Duration(total + d), nil
}

// Std is the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String writes the duration as a person would in the file: "90d",
// "1h30m", "45s"; zero units are left out.
func (d Duration) String() string {
	t := time.Duration(d)
	if t == 0 {
		return "0s"
	}
	var b strings.Builder
	if t < 0 {
		b.WriteByte('-')
		t = -t
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := t / u.d; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10) + u.name)
			t -= n * u.d
		}
	}
	if t > 0 {
		b.WriteString(t.String())
	}
	return b.String()
}

func (d *Duration) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		v, err := ParseDuration(s)
		*d = v
		return err
	})
}

// Set and Type make a Duration a command-line flag value, so --since
// accepts what the file accepts (1d, 90d, 12h).
func (d *Duration) Set(s string) error {
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func (d *Duration) Type() string { return "duration" }

// MarshalYAML writes the duration as the file would.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// Rate is the most messages per second through a channel, written "10/s",
// "600/m" or "5000/h".
type Rate float64

// ParseRate reads "10/s", "600/m" or "5000/h".
func ParseRate(s string) (Rate, error) {
	n, unit, ok := strings.Cut(strings.TrimSpace(s), "/")
	v, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
	if !ok || err != nil || v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, bad("config.rate", "value", quote(s))
	}
	switch strings.TrimSpace(unit) {
	case "s":
		return Rate(v), nil
	case "m":
		return Rate(v / 60), nil
	case "h":
		return Rate(v / 3600), nil
	}
	return 0, bad("config.rate_unit", "value", quote(s))
}

// PerSecond is the rate in messages per second.
func (r Rate) PerSecond() float64 { return float64(r) }

// Burst is how many messages may go at once: one second's worth, at least 1.
func (r Rate) Burst() int { return max(1, int(r)) }

func (r Rate) String() string { return strconv.FormatFloat(float64(r), 'f', -1, 64) + "/s" }

func (r *Rate) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		v, err := ParseRate(s)
		*r = v
		return err
	})
}

// Clock is a time of day, "21:00", as minutes after midnight.
type Clock struct {
	minutes int
	set     bool
}

// ParseClock reads HH:MM (24 hours).
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hi, err1 := strconv.Atoi(h)
	mi, err2 := strconv.Atoi(m)
	if !ok || len(h) != 2 || len(m) != 2 || err1 != nil || err2 != nil || hi < 0 || hi > 23 || mi < 0 || mi > 59 {
		return Clock{}, bad("config.clock", "value", quote(s))
	}
	return Clock{minutes: hi*60 + mi, set: true}, nil
}

// MustClock is ParseClock for constants.
func MustClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// Minutes is the time as minutes after midnight.
func (c Clock) Minutes() int { return c.minutes }

// Within reports whether the time of day c falls in the window from start
// up to end, which may wrap midnight (21:00–09:00). Quiet hours are such a
// window, for the dispatcher and for check alike.
func (c Clock) Within(start, end Clock) bool {
	m, s, e := c.minutes, start.minutes, end.minutes
	if s <= e {
		return m >= s && m < e
	}
	return m >= s || m < e
}

// ClockOf is the time of day of t.
func ClockOf(t time.Time) Clock { return Clock{minutes: t.Hour()*60 + t.Minute(), set: true} }

// IsSet is false for a time the file did not give.
func (c Clock) IsSet() bool { return c.set }

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.minutes/60, c.minutes%60) }

func (c *Clock) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.clock"), func(s string) error {
		v, err := ParseClock(s)
		*c = v
		return err
	})
}

func (c Clock) MarshalYAML() (any, error) { return c.String(), nil }

// Location is the config's time zone, resolved once.
type Location struct{ loc *time.Location }

// ParseLocation resolves an IANA name such as Europe/Istanbul.
func ParseLocation(s string) (Location, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "local") {
		return Location{}, bad("config.timezone", "value", quote(s))
	}
	l, err := time.LoadLocation(s)
	if err != nil {
		return Location{}, bad("config.timezone", "value", quote(s))
	}
	return Location{loc: l}, nil
}

// Get returns the time zone (nil when unset).
func (l Location) Get() *time.Location { return l.loc }

func (l Location) String() string {
	if l.loc == nil {
		return ""
	}
	return l.loc.String()
}

func (l *Location) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.timezone"), func(s string) error {
		v, err := ParseLocation(s)
		*l = v
		return err
	})
}

func (l Location) MarshalYAML() (any, error) { return l.String(), nil }

// Mode is how a job detects what to send.
type Mode string

const (
	ModeUnset     Mode = ""
	ModeCreated   Mode = "created"   // new rows by an increasing key
	ModeChanged   Mode = "changed"   // changed rows by a timestamp plus key
	ModeCondition Mode = "condition" // rows matching now (due, birthdays), once per period
)

// ParseMode reads created, changed or condition.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.TrimSpace(s)); m {
	case ModeCreated, ModeChanged, ModeCondition:
		return m, nil
	}
	return ModeUnset, bad("config.mode", "value", quote(s), "suggest", didYouMean(s, []string{"created", "changed", "condition"}))
}

func (m *Mode) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		v, err := ParseMode(s)
		*m = v
		return err
	})
}

// Kind says whether a job's messages are informational or commercial.
type Kind string

const (
	KindUnset         Kind = ""
	KindInformational Kind = "informational" // invoices, reminders, payments: no consent needed
	KindCommercial    Kind = "commercial"    // campaigns, greetings: İYS consent needed
)

// ParseKind reads informational or commercial.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.TrimSpace(s)); k {
	case KindInformational, KindCommercial:
		return k, nil
	}
	return KindUnset, bad("config.kind", "value", quote(s), "suggest", didYouMean(s, []string{"informational", "commercial"}))
}

// Commercial reports whether messages need consent.
func (k Kind) Commercial() bool { return k == KindCommercial }

func (k *Kind) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.kind"), func(s string) error {
		v, err := ParseKind(s)
		*k = v
		return err
	})
}

// UncertainPolicy is what happens to an uncertain send no report can settle.
type UncertainPolicy string

const (
	UncertainHold   UncertainPolicy = "hold"   // an operator decides (default)
	UncertainResend UncertainPolicy = "resend" // sent again: a duplicate is better than nothing
)

func (u *UncertainPolicy) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		switch v := UncertainPolicy(strings.TrimSpace(s)); v {
		case UncertainHold, UncertainResend:
			*u = v
			return nil
		}
		return bad("config.uncertain", "value", quote(s))
	})
}

// BackfillKind is what a new job reads before "now".
type BackfillKind int

const (
	BackfillNone   BackfillKind = iota // start at the current end: nothing old is sent
	BackfillAll                        // every row
	BackfillKey                        // rows after a known key ("key:4711")
	BackfillPeriod                     // rows of the last period ("7d")
)

// Backfill is the first run's start: none, all, key:N or a period.
type Backfill struct {
	Kind   BackfillKind
	Key    int64
	Period Duration
}

// ParseBackfill reads none, all, key:4711 or a period such as 7d.
func ParseBackfill(s string) (Backfill, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "none":
		return Backfill{}, nil
	case s == "all":
		return Backfill{Kind: BackfillAll}, nil
	case strings.HasPrefix(s, "key:"):
		k := strings.TrimSpace(s[4:])
		if k == "" {
			return Backfill{}, bad("config.backfill_no_key", "value", quote(s))
		}
		n, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return Backfill{}, bad("config.backfill_key_number", "value", quote(s))
		}
		return Backfill{Kind: BackfillKey, Key: n}, nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return Backfill{}, err
	}
	return Backfill{Kind: BackfillPeriod, Period: d}, nil
}

// Set reports whether the job reads old rows on its first run.
func (b Backfill) Set() bool { return b.Kind != BackfillNone }

func (b Backfill) String() string {
	switch b.Kind {
	case BackfillAll:
		return "all"
	case BackfillKey:
		return "key:" + strconv.FormatInt(b.Key, 10)
	case BackfillPeriod:
		return b.Period.String()
	}
	return "none"
}

func (b *Backfill) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.backfill"), func(s string) error {
		v, err := ParseBackfill(s)
		*b = v
		return err
	})
}

func (b Backfill) MarshalYAML() (any, error) { return b.String(), nil }

// CronParser accepts 5-field specs, an optional leading seconds field and
// descriptors such as @every 5m and @daily.
var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Schedule is a job's cron schedule, parsed once.
type Schedule struct {
	spec  string
	sched cron.Schedule
}

// minEvery is the shortest @every: the cron library runs anything shorter,
// zero and negative included, once a second, a query on the shop's ERP
// server each time.
const minEvery = time.Second

// ParseSchedule reads a cron spec (5 fields, optional seconds, @every, @daily).
// @every takes the config's durations, days too ("@every 1d"). A spec that
// never comes round ("0 10 31 2 *", 31 February) is refused: the job would
// never run, and check would have said nothing.
func ParseSchedule(s string) (Schedule, error) {
	if every, ok := strings.CutPrefix(strings.TrimSpace(s), "@every "); ok {
		d, err := ParseDuration(every)
		if err != nil || d.Std() < minEvery {
			return Schedule{}, bad("config.schedule_every", "value", quote(s))
		}
		return Schedule{spec: s, sched: cron.Every(d.Std())}, nil
	}
	sc, err := cronParser.Parse(s)
	if err != nil {
		return Schedule{}, bad("config.schedule", "value", quote(s), "detail", cronMsg(s, err))
	}
	// robfig/cron gives up after five years of no match and answers zero.
	if sc.Next(time.Now()).IsZero() {
		return Schedule{}, bad("config.schedule_never", "value", quote(s))
	}
	return Schedule{spec: s, sched: sc}, nil
}

// IsSet is false for a job without a schedule.
func (s Schedule) IsSet() bool { return s.sched != nil }

// Cron is the parsed schedule for robfig/cron.
func (s Schedule) Cron() cron.Schedule { return s.sched }

// Next is the first run after t, in t's location: give t in the config's
// time zone so "0 10 * * *" means 10:00 there.
func (s Schedule) Next(t time.Time) time.Time {
	if s.sched == nil {
		return time.Time{}
	}
	return s.sched.Next(t)
}

func (s Schedule) String() string { return s.spec }

func (s *Schedule) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.schedule"), func(v string) error {
		p, err := ParseSchedule(v)
		*s = p
		return err
	})
}

func (s Schedule) MarshalYAML() (any, error) { return s.spec, nil }

// LogLevel is debug, info, warn or error.
type LogLevel struct {
	level slog.Level
	set   bool
}

// Level is the slog level (info when unset).
func (l LogLevel) Level() slog.Level { return l.level }

// IsSet is false when the file does not set a level.
func (l LogLevel) IsSet() bool { return l.set }

func (l *LogLevel) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		var v slog.Level
		if err := v.UnmarshalText([]byte(strings.TrimSpace(s))); err != nil {
			return bad("config.log_level", "value", quote(s))
		}
		*l = LogLevel{level: v, set: true}
		return nil
	})
}

// ListenAddr is host:port for the status page.
type ListenAddr struct {
	Host, Port string
}

// ParseListenAddr reads host:port; the host is required, so the page never
// listens on every network by accident (":8750").
func ParseListenAddr(s string) (ListenAddr, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(s))
	if err != nil {
		return ListenAddr{}, bad("config.listen_format", "value", quote(s))
	}
	if host == "" {
		return ListenAddr{}, bad("config.listen_no_host", "value", quote(s))
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return ListenAddr{}, bad("config.listen_port", "value", quote(s))
	}
	return ListenAddr{Host: host, Port: port}, nil
}

// Loopback reports whether only this machine can connect.
func (a ListenAddr) Loopback() bool {
	ip := net.ParseIP(a.Host)
	return a.Host == "localhost" || ip != nil && ip.IsLoopback()
}

func (a ListenAddr) String() string {
	if a.Host == "" && a.Port == "" {
		return ""
	}
	return net.JoinHostPort(a.Host, a.Port)
}

func (a *ListenAddr) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.listen"), func(s string) error {
		v, err := ParseListenAddr(s)
		*a = v
		return err
	})
}

func (a ListenAddr) MarshalYAML() (any, error) { return a.String(), nil }

// SMSEncoding is how a provider sends Turkish letters (NetGSM encoding,
// Mutlucell charset), as the mapping's segment scheme.
type SMSEncoding struct {
	scheme mapping.Scheme
	text   string
	set    bool
}

// Scheme is the segment scheme ("" when unset: the provider's default).
func (e SMSEncoding) Scheme() mapping.Scheme { return e.scheme }

// Text is the value as written, for the provider's request.
func (e SMSEncoding) Text() string { return e.text }

// IsSet is false when the file does not say.
func (e SMSEncoding) IsSet() bool { return e.set }

func (e *SMSEncoding) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		sc, err := mapping.ParseScheme(s)
		if err != nil {
			return bad("config.sms_encoding", "value", quote(s))
		}
		*e = SMSEncoding{scheme: sc, text: s, set: true}
		return nil
	})
}

func (e SMSEncoding) MarshalYAML() (any, error) { return e.text, nil }

// Language is tr or en: the language of everything the connector writes
// for a person (logs, the command line's reasons, the status page's default).
type Language string

func (l *Language) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, noHint, func(s string) error {
		v, ok := catalog.ParseLang(s)
		if !ok {
			return bad("config.language", "value", quote(s))
		}
		*l = Language(v)
		return nil
	})
}

// Lang is the language for the catalog.
func (l Language) Lang() catalog.Lang { return catalog.Lang(l) }

// Path is a file or folder path. A Windows path in double quotes has its
// backslashes read as escapes by YAML ("C:\new\test.db" holds a newline and
// a tab), so a path with control characters is refused with that hint.
type Path string

func (p *Path) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.windows_path"), func(s string) error {
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				return bad("config.path_control", "value", quote(s))
			}
		}
		*p = Path(s)
		return nil
	})
}

func (p Path) String() string { return string(p) }

// LogValue makes the typed values read in logs as they are written in the
// file ("retention=90d", not nanoseconds).
func (d Duration) LogValue() slog.Value   { return slog.StringValue(d.String()) }
func (r Rate) LogValue() slog.Value       { return slog.StringValue(r.String()) }
func (c Clock) LogValue() slog.Value      { return slog.StringValue(c.String()) }
func (l Location) LogValue() slog.Value   { return slog.StringValue(l.String()) }
func (b Backfill) LogValue() slog.Value   { return slog.StringValue(b.String()) }
func (s Schedule) LogValue() slog.Value   { return slog.StringValue(s.String()) }
func (a ListenAddr) LogValue() slog.Value { return slog.StringValue(a.String()) }
