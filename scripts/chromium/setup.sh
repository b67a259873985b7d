#!/usr/bin/env bash
# Installs Debian's chromium for the status page's browser test
# (connector/status, TestBrowser*). Safe to run again: does nothing when
# chromium is already there.
#
# Like every setup script, its stdout carries only shell exports
# (CHROMIUM_PATH), so `eval "$(bash scripts/chromium/setup.sh)"` works;
# everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x $bin ]]; then
	if [[ -n ${CHROMIUM_PATH:-} ]]; then
		echo "scripts/chromium/setup.sh: CHROMIUM_PATH=$bin is not an executable" >&2
		exit 1
	fi
	sh "$here/../apt-install.sh" chromium
fi
[[ $bin != *"'"* ]] || { echo "scripts/chromium/setup.sh: CHROMIUM_PATH may not hold '" >&2; exit 1; }
echo "chromium: $("$bin" --version 2>/dev/null || echo "$bin")" >&2
echo "export CHROMIUM_PATH='$bin'" >&3
