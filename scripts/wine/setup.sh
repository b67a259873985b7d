#!/usr/bin/env bash
# setup.sh prepares a Wine prefix that can run Go's windows/amd64 test binaries.
#
# Idempotent: installs wine64 and the MinGW cross compiler only when missing,
# creates the prefix once, and rebuilds the ProcessPrng shim (see
# bcryptprimitives.c for why it exists) only when it differs from the copy in
# the prefix. Quiet on success; on failure it prints what failed and the log.
# Like every setup script, it prints nothing but shell exports on stdout
# (here none): all else goes to stderr or its log.
#
# Environment:
#   WINEPREFIX  prefix directory (default $HOME/.cache/akinsoft-connector/wine)
set -euo pipefail
# No daemon started below (wineserver) may hold a caller's $(...) open.
exec 1>&2

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export WINEPREFIX=${WINEPREFIX:-$HOME/.cache/akinsoft-connector/wine}
export WINEDEBUG=-all
export DISPLAY=
# Do not offer to download Mono/Gecko: there is no one to click the dialog.
export WINEDLLOVERRIDES="mscoree,mshtml="

log=$(mktemp -t akinsoft-wine-setup.XXXXXX.log)
trap 'rm -f "$log"' EXIT

fail() {
	echo "scripts/wine/setup.sh: $*" >&2
	if [[ -s $log ]]; then
		echo "--- last lines of the log:" >&2
		tail -n 40 "$log" >&2
	fi
	exit 1
}

sh "$here/../apt-install.sh" wine64 gcc-mingw-w64-x86-64 || fail "cannot install wine64 and gcc-mingw-w64-x86-64"

wine=$(command -v wine64 || true)
[[ -n $wine ]] || wine=/usr/lib/wine/wine64
[[ -x $wine ]] || fail "wine64 is installed but no wine64 binary was found (looked in PATH and /usr/lib/wine)"
# Debian's wine64 package keeps wineserver out of PATH.
wineserver=$(command -v wineserver || true)
[[ -n $wineserver ]] || wineserver=$(dirname "$wine")/wineserver

if [[ ! -f $WINEPREFIX/system.reg ]]; then
	mkdir -p "$WINEPREFIX"
	"$wine" wineboot -i >>"$log" 2>&1 || fail "wineboot -i failed for WINEPREFIX=$WINEPREFIX"
	# wineboot returns before wineserver has written the registry to disk.
	"$wineserver" -w >>"$log" 2>&1 || true
	[[ -f $WINEPREFIX/system.reg ]] || fail "wineboot did not create $WINEPREFIX/system.reg"
fi

sys32=$WINEPREFIX/drive_c/windows/system32
[[ -d $sys32 ]] || fail "$sys32 does not exist: remove $WINEPREFIX and run again"

build=$(mktemp -d -t akinsoft-wine-shim.XXXXXX)
trap 'rm -f "$log"; rm -rf "$build"' EXIT
x86_64-w64-mingw32-gcc -shared -O2 -Wall -Werror -s \
	-o "$build/bcryptprimitives.dll" \
	"$here/bcryptprimitives.c" "$here/bcryptprimitives.def" \
	-ladvapi32 >>"$log" 2>&1 || fail "building the ProcessPrng shim failed"
if ! cmp -s "$build/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll"; then
	cp "$build/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll" || fail "cannot copy the shim into $sys32"
fi
