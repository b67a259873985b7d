#!/usr/bin/env bash
# Measures the real binary on the demo database with the console provider:
#   - binary size (stripped, as shipped),
#   - time from exec to the end of the first poll,
#   - RSS and CPU while idle for $IDLE_SECONDS (default 60).
# Usage: bash bench/idle.sh            (prints a Markdown table row set)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
IDLE_SECONDS=${IDLE_SECONDS:-60}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/akinsoft-connector" ./cmd/akinsoft-connector
size=$(stat -c %s "$work/akinsoft-connector")
# The demo database: 18 customers, 30 invoices (created by the demo command).
"$work/akinsoft-connector" demo --dir "$work/demo" --keep >/dev/null
cat > "$work/config.yaml" <<YAML
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: $work/demo/demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"}}
YAML

start=$(date +%s%N)
"$work/akinsoft-connector" run --config "$work/config.yaml" >"$work/out.log" 2>"$work/err.log" &
pid=$!
until grep -q 'msg="job ran"' "$work/err.log"; do
	kill -0 "$pid" || { cat "$work/err.log"; exit 1; }
	sleep 0.005
done
first_poll_ms=$(( ($(date +%s%N) - start) / 1000000 ))

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks)
sleep "$IDLE_SECONDS"
t1=$(ticks)
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
cpu_pct=$(awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.3f", 100 * d / hz / s}')
kill -TERM "$pid"; wait "$pid" || true

echo "| binary size (linux/amd64, stripped) | $(awk -v b="$size" 'BEGIN {printf "%.1f MB", b/1048576}') |"
echo "| start to end of first poll | ${first_poll_ms} ms |"
echo "| idle RSS after ${IDLE_SECONDS} s (peak) | $((rss_kb / 1024)) MB ($((hwm_kb / 1024)) MB) |"
echo "| idle CPU over ${IDLE_SECONDS} s | ${cpu_pct} % |"
