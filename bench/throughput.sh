#!/usr/bin/env bash
# Dispatch against a provider that answers after 50 ms: the achieved steady
# rate as a share of the configured one, one request at a time, NetGSM n:n,
# and one message per request with 8 in flight (in process: the real
# dispatcher, outbox and NetGSM client, the fake over loopback TLS).
# Usage: bash bench/throughput.sh     (BENCH_COUNT=3: runs of each, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
go test ./connector/ -run '^$' -bench DispatchThroughput -benchtime 1x -count "${BENCH_COUNT:-3}" | grep -E '^Benchmark|^ok|FAIL'
