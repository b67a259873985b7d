#!/usr/bin/env bash
# The dispatch target: 20,000 invoices in SQLite, `run --once` end to end
# (poll, render, enqueue, send) to the NetGSM fake on loopback, under GNU
# time, with NetGSM's n:n requests of 100 and with one message per request
# and 16 in flight. Prints, per case, every run and the medians: wall time,
# CPU time, max RSS (and at the peak, private memory + the binary's pages).
# Usage: bash bench/dispatch.sh
#   BENCH_RUNS=5            runs of each case (default 3)
#   BENCH_N=20000           invoices
#   BENCH_BIN=path          measure another build (BENCH_NO_IN_FLIGHT=1 for
#                           one that has no in_flight setting)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
[[ -x /usr/bin/time ]] || sh scripts/apt-install.sh time
go test ./bench/dispatch/ -run '^$' -bench 'RunOnce20k' -benchtime 1x -timeout 60m -v | grep -E 'harness_test|^Benchmark|^ok|FAIL'
