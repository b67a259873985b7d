#!/usr/bin/env bash
# What the release binary's size is made of: builds it as scripts/dist.sh
# does (static, -trimpath, -s -w), and prints
#   - its size, stripped and with symbols,
#   - `go version -m` (the Go version, build settings and every module),
#   - the ELF sections (code, read-only data, pclntab: the runtime's
#     function table, which grows with the code),
#   - the code (text symbols) by module, largest first.
# Usage: bash bench/size.sh [TOP]      (TOP modules, default 25)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
top=${1:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/stripped" ./cmd/akinsoft-connector
CGO_ENABLED=0 go build -trimpath -o "$work/full" ./cmd/akinsoft-connector
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b/1048576}'; }
echo "binary (linux/amd64, -trimpath -s -w): $(mb "$(stat -c %s "$work/stripped")") ($(stat -c %s "$work/stripped") bytes); with symbols and DWARF: $(mb "$(stat -c %s "$work/full")")"
echo
go version -m "$work/stripped" | sed "s|$work/stripped|akinsoft-connector|"
echo
echo "sections:"
go tool nm -size "$work/full" >/dev/null # fail early on a toolchain without nm
# (readelf's sizes are hex; Debian's awk, mawk, has no strtonum.)
readelf -S -W "$work/stripped" | sed 's/^ *\[ *[0-9]*\] *//' | while read -r name _ _ _ size _; do
	[[ $name == .* ]] || continue
	bytes=$((16#$size))
	if ((bytes > 10485)); then
		awk -v n="$name" -v b="$bytes" 'BEGIN {printf "  %-16s %8.2f MB\n", n, b / 1048576}'
	fi
done
echo
echo "code by module (text symbols):"
go tool nm -size "$work/full" | awk -v top="$top" '
	$3 == "T" || $3 == "t" {
		n = $4; sub(/^\*/, "", n)
		# The package is the path up to the last slash, then to the first dot.
		if (match(n, /^[^(]*\//)) { pre = substr(n, 1, RLENGTH); rest = substr(n, RLENGTH + 1); split(rest, a, "."); pkg = pre a[1] }
		else { split(n, a, "."); pkg = a[1] }
		m = pkg
		if (m ~ /^(github\.com|gitlab\.com|google\.golang\.org|gopkg\.in|go\.yaml\.in|modernc\.org)\//) { k = split(m, b, "/"); m = b[1] "/" b[2] (b[1] ~ /^(github|gitlab)/ ? "/" b[3] : "") }
		else if (m ~ /^golang\.org\/x\//) { split(m, b, "/"); m = b[1] "/" b[2] "/" b[3] }
		else if (m !~ /\./) { m = "std: " m }
		size[m] += $2; total += $2
	}
	END {
		for (m in size) printf "%10.2f MB  %s\n", size[m] / 1048576, m | "sort -rn | head -" top
		close("sort -rn | head -" top)
		printf "%10.2f MB  all code\n", total / 1048576
	}'
