#!/bin/sh
# Stops and disables the unit on removal (not on upgrade).
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
	systemctl disable --now akinsoft-connector.service >/dev/null 2>&1 || true
fi
