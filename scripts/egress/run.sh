#!/usr/bin/env bash
# The proof that nothing but the messages leaves the machine, rerunnable by
# a shop owner or an auditor: `sudo make egress`. It runs the real connector
# alone in a network namespace through a compressed business day, captures
# everything it sends with tcpdump, reads the capture back with tshark and
# checks it (see connector/egresstest). It keeps the capture, the TLS key
# log that decrypts it, the connector's audit listing and the summary in
# AKINSOFT_EGRESS_DIR (default: egress-proof/ here) for Wireshark or tshark.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
export CGO_ENABLED=0

die() { echo "scripts/egress/run.sh: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || die "run me as root (sudo make egress): network namespaces and packet capture need it"

sh scripts/apt-install.sh iproute2 tcpdump tshark
if [[ -z ${FIREBIRD_TEST_HOST:-} ]]; then
	out=$(bash scripts/firebird/setup.sh) || die "scripts/firebird/setup.sh failed (its messages are above)"
	re='^export [A-Za-z_][A-Za-z0-9_]*=[^`$;&|]*$'
	while IFS= read -r line; do
		[[ -z $line || $line =~ $re ]] || die "scripts/firebird/setup.sh printed a line that is not an export: $line"
	done <<<"$out"
	eval "$out"
fi
export AKINSOFT_REQUIRE_NETNS=1 AKINSOFT_REQUIRE_FIREBIRD=1
export AKINSOFT_EGRESS_DIR=${AKINSOFT_EGRESS_DIR:-$PWD/egress-proof}
go test -count=1 -v -run '^TestEgress$' ./connector/egresstest
echo
echo "egress proof: passed. Capture, key log, audit listing and summary: $AKINSOFT_EGRESS_DIR/day"
echo "open the capture decrypted: tshark -r $AKINSOFT_EGRESS_DIR/day/capture.pcap -o tls.keylog_file:$AKINSOFT_EGRESS_DIR/tls-keys.log -d tcp.port==465,tls"
