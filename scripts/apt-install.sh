#!/bin/sh
# apt-install.sh installs the Debian packages the test suite and the
# release build need, when they are missing. Every setup script installs
# through it, so the rules live in one place:
#
#   - nothing happens when every package is already installed;
#   - non-interactive: no debconf question, no conffile prompt, no stdin;
#   - the package lists are refreshed first when apt does not know a
#     package (a fresh machine or container ships without lists), and once
#     more when an install fails on stale lists;
#   - nothing on stdout: setup scripts whose stdout is eval'ed call it.
#     apt's output goes to a log; on failure its end is shown on stderr.
#
#   sh scripts/apt-install.sh PACKAGE...
set -eu

me=scripts/apt-install.sh
say() { echo "$me: $*" >&2; }

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=
for p in "$@"; do
	installed "$p" || missing="$missing $p"
done
[ -n "$missing" ] || exit 0
# shellcheck disable=SC2086 # package names have no spaces
set -- $missing

if ! command -v apt-get >/dev/null 2>&1; then
	say "missing packages:$missing, and this is not a Debian/Ubuntu system: install them by hand"
	exit 1
fi
as=
if [ "$(id -u)" != 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		say "missing packages:$missing; run as root, or: apt-get install$missing"
		exit 1
	fi
	as=sudo
fi

log=$(mktemp "${TMPDIR:-/tmp}/akinsoft-apt.XXXXXX")
fail() {
	say "$*"
	if [ -s "$log" ]; then
		echo "--- last lines of the apt log ($log):" >&2
		tail -n 40 "$log" >&2
	fi
	exit 1
}

apt() {
	# shellcheck disable=SC2086 # $as is empty or sudo
	$as env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
		-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		"$@" </dev/null >>"$log" 2>&1
}

# apt-cache prints no Candidate (or "(none)") for a package no list offers.
known() {
	apt-cache policy "$1" 2>/dev/null | grep -Eq '^[[:space:]]*Candidate: [^(]'
}

say "installing$missing with apt (log: $log)"
updated=
for p in "$@"; do
	if ! known "$p"; then
		apt update || fail "apt-get update failed"
		updated=1
		break
	fi
done
if ! apt install --no-install-recommends "$@"; then
	[ -z "$updated" ] || fail "apt-get install$missing failed"
	apt update || fail "apt-get update failed"
	apt install --no-install-recommends "$@" || fail "apt-get install$missing failed"
fi
for p in "$@"; do
	installed "$p" || fail "apt-get said it installed $p, but dpkg does not list it as installed"
done
rm -f "$log"
