#!/usr/bin/env bash
# The floor under the connector's idle RSS: bench/floor (the Go runtime, the
# SQLite driver with one WAL database, an HTTP server and client, a poll a
# minute), built as the release is built, without and with the phone number
# library, idle for $IDLE_SECONDS (default 30), $IDLE_RUNS runs (default 3);
# prints Markdown table rows of the medians.
# Usage: bash bench/floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
IDLE_SECONDS=${IDLE_SECONDS:-30}
IDLE_RUNS=${IDLE_RUNS:-3}
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}'; }
for variant in "runtime, SQLite, HTTP:" "the same and the phone number library:phone"; do
	label=${variant%%:*} tags=${variant#*:}
	bin=$work/floor-$tags
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -tags "$tags" -o "$bin" ./bench/floor
	results=$work/results-$tags
	for run in $(seq "$IDLE_RUNS"); do
		rm -f "$work"/db*
		"$bin" "$work/db" >"$work/out" 2>&1 &
		pid=$!
		until grep -q ready "$work/out"; do
			kill -0 "$pid" || { cat "$work/out"; exit 1; }
			sleep 0.005
		done
		sleep "$IDLE_SECONDS"
		echo "$(status VmRSS) $(status RssAnon) $(status RssFile)" >>"$results"
		kill "$pid"
		wait "$pid" || true
		pid=
	done
	col() { awk -v c="$1" '{print $c}' "$results" | median; }
	echo "| $label | $(awk -v b="$(stat -c %s "$bin")" 'BEGIN {printf "%.1f MB", b/1048576}') | $(mb "$(col 1)") | $(mb "$(col 2)") / $(mb "$(col 3)") |"
done
