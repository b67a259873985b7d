#!/bin/sh
# The outbox, vault and logs in /var/lib and /var/log stay after removal and
# purge: they hold what was sent and the credentials; delete them by hand.
set -e
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null 2>&1 || true
fi
