#!/usr/bin/env bash
# gotest.sh runs Go packages' tests as windows/amd64 binaries under Wine.
#
#   bash scripts/wine/gotest.sh [-run REGEXP] PKG...
#
# For each package it cross-compiles the test binary, runs it with
# `wine64 X.exe -test.v` in the package directory (as `go test` would), and
# prints a `go test`-like line: "ok", "FAIL" or "?" with the package and time.
# Wine's exit status is not always the program's, so a package passes only
# when the exit status is 0, the output ends with PASS and no test failed.
# The full output is printed when a package fails, or always with
# WINE_TEST_VERBOSE=1; skipped tests are always listed so no skip goes unseen.
#
# Environment:
#   WINEPREFIX         prefix made by setup.sh (default $HOME/.cache/akinsoft-connector/wine)
#   WINE_TEST_TIMEOUT  seconds per package before the binary is killed (default 600)
#   WINE_TEST_VERBOSE  1 to print every package's output
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
run=()
if [[ ${1:-} == -run ]]; then
	[[ $# -ge 2 ]] || { echo "usage: gotest.sh [-run REGEXP] PKG..." >&2; exit 2; }
	run=("-test.run=$2")
	shift 2
fi
if [[ $# -eq 0 ]]; then
	echo "usage: gotest.sh [-run REGEXP] PKG..." >&2
	exit 2
fi

bash "$here/setup.sh" || exit 1

export WINEPREFIX=${WINEPREFIX:-$HOME/.cache/akinsoft-connector/wine}
export WINEDEBUG=-all
export DISPLAY=
export WINEDLLOVERRIDES="mscoree,mshtml="
timeout=${WINE_TEST_TIMEOUT:-600}
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)

work=$(mktemp -d -t akinsoft-wine-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

status=0
for pkg in "$@"; do
	dir=$(go list -f '{{.Dir}}' "$pkg") || { echo "FAIL	$pkg [go list failed]"; status=1; continue; }
	pkg=$(go list -f '{{.ImportPath}}' "$pkg")
	exe=$work/$(basename "$dir").$RANDOM.test.exe
	if ! GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$exe" "$pkg"; then
		echo "FAIL	$pkg [build failed]"
		status=1
		continue
	fi
	if [[ ! -f $exe ]]; then
		echo "?   	$pkg	[no test files]"
		continue
	fi
	out=$work/out.txt
	start=$(date +%s%N)
	(cd "$dir" && timeout -k 10 "$timeout" "$wine" "$exe" -test.v "-test.timeout=${timeout}s" "${run[@]}") >"$out" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	elapsed=$(printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)))
	# Wine prints its own noise with CRLF line ends; compare without \r.
	sed -i 's/\r$//' "$out"
	reason=""
	if ((rc == 124 || rc == 137)); then
		reason="timed out after ${timeout}s"
	elif ((rc != 0)); then
		reason="exit status $rc"
	elif grep -qE '^[[:space:]]*--- FAIL|^panic:|^FAIL$' "$out"; then
		reason="a test failed"
	elif [[ $(grep -v '^[[:space:]]*$' "$out" | tail -n 1) != PASS ]]; then
		reason="output does not end with PASS"
	fi
	if [[ -n $reason ]]; then
		cat "$out"
		echo "FAIL	$pkg	$elapsed [windows/amd64 under wine: $reason]"
		status=1
		continue
	fi
	if [[ ${WINE_TEST_VERBOSE:-} == 1 ]]; then
		cat "$out"
	else
		# A skip's reason is logged between its "=== RUN" and "--- SKIP" lines.
		awk '/^=== (RUN|CONT|NAME)/ { buf = ""; next }
			/^[[:space:]]*--- SKIP/ { printf "%s%s\n", buf, $0; buf = ""; next }
			{ buf = buf $0 "\n" }' "$out"
	fi
	echo "ok  	$pkg	$elapsed [windows/amd64 under wine]"
done
exit $status
