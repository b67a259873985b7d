#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it. It installs what the
# tests need (a real Firebird server, Wine for the Windows binaries, …) when
# missing, so it passes on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export CGO_ENABLED=0

step() { printf '\n==> %s\n' "$*"; }
die() { echo "scripts/test.sh: $*" >&2; exit 1; }

# make test proves every promise or fails: it runs as root (it installs
# packages, runs the Firebird server as its own user and installs the .deb),
# no test of a real part may skip, and the browser test may not be turned off.
[[ $(id -u) == 0 ]] || die "run me as root (sudo make test): I install the test servers and tools with apt, run Firebird and install the .deb"
[[ -z ${AKINSOFT_SKIP_BROWSER:-} ]] || die "AKINSOFT_SKIP_BROWSER is set: make test runs the browser test too (it installs chromium); unset it"
export AKINSOFT_REQUIRE_FIREBIRD=1 # a Firebird test that would skip fails instead

# setup SCRIPT runs a setup script and puts the variables it prints into the
# environment. Its stdout must hold only `export NAME=value` lines (the value
# a plain word or quoted without expansions): anything else there is output
# that belongs on stderr, and eval would run it as a command.
setup() {
	local out line bad=""
	out=$(bash "$1") || die "$1 failed (its messages are above)"
	local word='[A-Za-z0-9_./:@%+,=~-]*' dq='"[^"$`\\]*"' sq="'[^']*'"
	local re="^export [A-Za-z_][A-Za-z0-9_]*=($word|$dq|$sq)\$"
	while IFS= read -r line; do
		[[ -z $line || $line =~ $re ]] || bad+="    $line"$'\n'
	done <<<"$out"
	[[ -z $bad ]] || die "$1 printed on stdout lines that are not shell exports (all other output belongs on stderr); not evaluating them:"$'\n'"$bad"
	eval "$out"
}

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go mod tidy"
if ! go mod tidy -diff >/dev/null; then
	echo "go.mod/go.sum are not tidy: run go mod tidy and commit the result"; go mod tidy -diff || true; exit 1
fi

step "go vet (linux and windows)"
go vet ./...
GOOS=windows go vet ./...

step "cross builds (windows/amd64, linux/arm64)"
GOOS=windows GOARCH=amd64 go build -o /dev/null ./...
GOOS=linux GOARCH=arm64 go build -o /dev/null ./...

step "test servers and tools: Firebird 3 (ERP integration tests), chromium (status page browser test)"
setup scripts/firebird/setup.sh
[[ -n ${FIREBIRD_TEST_HOST:-} ]] || die "scripts/firebird/setup.sh printed no FIREBIRD_TEST_HOST"
setup scripts/chromium/setup.sh

step "network namespaces and packet capture (the egress test): iproute2, tcpdump, tshark"
sh scripts/apt-install.sh iproute2 tcpdump tshark
export AKINSOFT_REQUIRE_NETNS=1 # the egress test fails instead of skipping without them

step "unit and integration tests"
# systemd-analyze rates the unit's sandbox (installer tests); no running
# systemd is needed.
sh scripts/apt-install.sh systemd || die "cannot install systemd, whose systemd-analyze the installer tests need"
export AKINSOFT_REQUIRE_SYSTEMD_ANALYZE=1
go test -count=1 -timeout 20m ./...

step "short fuzz runs (a longer run: FUZZTIME=10m make test)"
# Go 1.26's fuzzing coordinator can report the end of -fuzztime itself as a
# failure ("context deadline exceeded", no failing input) when the machine is
# busy (fixed in Go 1.27). Such a run is made once more; a
# real finding writes its input to testdata/fuzz/ and fails at once.
fuzz() {
	local out rc=0
	out=$(go test "$1" -run='^$' -fuzz="^$2\$" -fuzztime="${FUZZTIME:-8s}" 2>&1) || rc=$?
	printf '%s\n' "$out"
	if ((rc != 0)) && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
		echo "fuzz: $2 ended on Go's -fuzztime deadline race with no failing input: running it once more"
		go test "$1" -run='^$' -fuzz="^$2\$" -fuzztime="${FUZZTIME:-8s}"
		return
	fi
	return "$rc"
}
fuzz ./mapping FuzzNormalizeMobile
fuzz ./mapping FuzzCountSMS
fuzz ./mapping FuzzParseText
fuzz ./connector/config FuzzParse
# Every provider answer parser: no answer, however malformed, may panic the
# daemon or be half-classified (see notify/providertest.CheckOutcome).
fuzz ./notify/netgsm FuzzAnswer
fuzz ./notify/netgsm FuzzFlexString
fuzz ./notify/netgsm FuzzReportPage
fuzz ./notify/mutlucell FuzzAnswer
fuzz ./notify/mutlucell FuzzReport
fuzz ./notify/whatsapp FuzzAnswer
fuzz ./notify/smtp FuzzClassify
fuzz ./notify/webhook FuzzAnswer
fuzz ./notify/httpclient FuzzRetryAfter

step "demo"
go run ./cmd/akinsoft-connector demo >/dev/null
echo "demo: ok"

step "Windows test binaries under Wine (DPAPI, ACLs, paths)"
setup scripts/wine/setup.sh
bash scripts/wine/gotest.sh ./connector/vault ./installer ./connector/logging ./connector/instance

step "release packages (MSI, .deb): build, inspect, install and remove"
bash scripts/test-packages.sh
