#!/usr/bin/env bash
# Installs Debian's chromium for the status page's browser test
# (connector/status, TestBrowser*). Safe to run again: does nothing when
# chromium is already there. Other jobs may hold the apt lock, hence the
# lock timeout.
set -euo pipefail

bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then
	echo "chromium: $("$bin" --version 2>/dev/null || echo "$bin")"
	exit 0
fi
if ! command -v apt-get >/dev/null; then
	echo "chromium is missing and this is not a Debian system: install chromium and set CHROMIUM_PATH, or set AKINSOFT_SKIP_BROWSER=1" >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
apt_get() { $sudo apt-get -o DPkg::Lock::Timeout=600 "$@"; }
# A fresh container has no package lists; a stale one may point at removed versions.
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
	apt_get update
fi
if ! apt_get install -y --no-install-recommends chromium; then
	apt_get update
	apt_get install -y --no-install-recommends chromium
fi
"$bin" --version
