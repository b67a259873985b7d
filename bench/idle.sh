#!/usr/bin/env bash
# Measures the real binary on the demo database with the console provider:
#   - binary size (built as scripts/dist.sh builds it: static, -trimpath,
#     -s -w, version stamped),
#   - time from exec to the end of the first poll,
#   - RSS and CPU while idle for $IDLE_SECONDS (default 90: the one-minute
#     schedule polls once in it), with the RSS split into private memory
#     (RssAnon) and the binary's own pages that the kernel mapped from the
#     page cache (RssFile: shared, reclaimable, and about as large as the
#     part of the binary touched), and how much of each of the binary's
#     sections is resident (bench/resident).
# $IDLE_RUNS runs (default 3) are made; the table has their medians.
# Usage: bash bench/idle.sh            (prints Markdown table rows)
#        BENCH_BIN=path bash bench/idle.sh   (measures another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
IDLE_SECONDS=${IDLE_SECONDS:-90}
IDLE_RUNS=${IDLE_RUNS:-3}
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

bin=${BENCH_BIN:-}
if [[ -z $bin ]]; then
	bin=$work/akinsoft-connector
	stamp=github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X $stamp.version=bench" -o "$bin" ./cmd/akinsoft-connector
fi
size=$(stat -c %s "$bin")
# The demo database: 18 customers, 30 invoices (created by the demo command).
"$bin" demo --dir "$work/demo" --keep >/dev/null
cat >"$work/config.yaml" <<YAML
language: en # the log line waited for below
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: $work/demo/demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"}}
YAML

status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
# CPU time in nanoseconds, every thread's (/proc/PID/stat counts in clock
# ticks of 10 ms, too coarse for an idle minute).
cpu_ns() { cat /proc/"$pid"/task/*/schedstat | awk '{s += $1} END {printf "%.0f", s}'; }
results=$work/results
for run in $(seq "$IDLE_RUNS"); do
	rm -rf "$work/state"
	start=$(date +%s%N)
	(cd "$work" && exec "$bin" run --config "$work/config.yaml" >"$work/out.log" 2>"$work/err.log") &
	pid=$!
	until grep -q 'msg="job ran"' "$work/err.log"; do
		kill -0 "$pid" || { cat "$work/err.log"; exit 1; }
		sleep 0.005
	done
	first_poll_ms=$((($(date +%s%N) - start) / 1000000))
	t0=$(cpu_ns)
	sleep "$IDLE_SECONDS"
	t1=$(cpu_ns)
	echo "$first_poll_ms $(status VmRSS) $(status VmHWM) $(status RssAnon) $(status RssFile) $((t1 - t0))" >>"$results"
	# Which parts of the binary the RssFile is (after the idle window: the
	# tool's build must not count in it).
	go run ./bench/resident "$pid" "$bin" >"$work/resident"
	kill -TERM "$pid"
	wait "$pid" || true
	pid=
done

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
col() { awk -v c="$1" '{print $c}' "$results" | median; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}'; }
echo "| binary size (linux/amd64, as released) | $(awk -v b="$size" 'BEGIN {printf "%.1f MB", b/1048576}') |"
echo "| start to end of first poll (median of $IDLE_RUNS) | $(col 1) ms |"
echo "| idle RSS after ${IDLE_SECONDS} s (peak) | $(mb "$(col 2)") ($(mb "$(col 3)")) |"
echo "| of which private (RssAnon) / the binary's pages (RssFile) | $(mb "$(col 4)") / $(mb "$(col 5)") |"
echo "| idle CPU over ${IDLE_SECONDS} s (one poll in it) | $(awk -v d="$(col 6)" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.3f", 100 * d / 1e9 / s}') % |"
echo
echo "The binary's pages resident in the idle connector (last run):"
echo
cat "$work/resident"
