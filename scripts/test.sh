#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it. It installs what the
# tests need (a real Firebird server, Wine for the Windows binaries, …) when
# missing, so it passes on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export CGO_ENABLED=0

step() { printf '\n==> %s\n' "$*"; }

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
eval "$(bash scripts/firebird/setup.sh)"
bash scripts/chromium/setup.sh

step "unit and integration tests"
go test -count=1 -timeout 20m ./...

step "short fuzz runs (a longer run: FUZZTIME=10m make test)"
fuzz() { go test "$1" -run='^$' -fuzz="^$2\$" -fuzztime="${FUZZTIME:-8s}"; }
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
bash scripts/wine/setup.sh
bash scripts/wine/gotest.sh ./connector/vault ./installer ./connector/logging ./connector/instance

step "release packages (MSI, .deb): build, inspect, install and remove"
bash scripts/test-packages.sh
