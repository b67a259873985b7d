#!/usr/bin/env bash
# The memory target: a backfill of 1,000,000 invoices from Firebird through
# render, enqueue and dispatch (NetGSM n:n) to the fake, `run --once` end to
# end under GNU time, next to the same at 20,000; prints the peak RSS and
# the time per message at both, and their ratio. Needs the Firebird test
# server: as root, eval "$(bash scripts/firebird/setup.sh)" first. The
# databases are created once (about a minute for 1M) and kept.
# Usage: bash bench/backfill.sh
#   BENCH_RUNS=1            runs of each size (default 3)
#   BENCH_BACKFILL_N=200000 the large size (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
[[ -x /usr/bin/time ]] || sh scripts/apt-install.sh time
[[ -n ${FIREBIRD_TEST_HOST:-} ]] || { echo 'bench/backfill.sh: no Firebird test server: as root, eval "$(bash scripts/firebird/setup.sh)" first' >&2; exit 1; }
go test ./bench/dispatch/ -run '^$' -bench 'BackfillFirebird' -benchtime 1x -timeout 180m -v | grep -E 'harness_test|firebird_bench|^Benchmark|^ok|FAIL'
