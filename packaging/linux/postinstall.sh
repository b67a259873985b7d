#!/bin/sh
# Creates the service user and its directories. Enables nothing: the unit
# cannot run before someone writes /etc/akinsoft-connector/config.yaml.
set -e
user=akinsoft-connector
if ! getent passwd "$user" >/dev/null; then
	useradd --system --user-group --no-create-home --home-dir /var/lib/akinsoft-connector \
		--shell /usr/sbin/nologin --comment "AKINSOFT Connector" "$user"
fi
install -d -m 0750 -o "$user" -g "$user" /var/lib/akinsoft-connector /var/log/akinsoft-connector
# The service reads its config as $user; only root may change it.
chown root:"$user" /etc/akinsoft-connector /etc/akinsoft-connector/config.example.yaml
chmod 0750 /etc/akinsoft-connector
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null 2>&1 || true
	# An upgrade restarts a unit that was running; it never starts one.
	systemctl try-restart akinsoft-connector.service >/dev/null 2>&1 || true
fi
if [ ! -f /etc/akinsoft-connector/config.yaml ]; then
	cat <<'MSG'
akinsoft-connector is installed but not enabled. Next:
  cp /etc/akinsoft-connector/config.example.yaml /etc/akinsoft-connector/config.yaml
  chgrp akinsoft-connector /etc/akinsoft-connector/config.yaml && chmod 640 /etc/akinsoft-connector/config.yaml
  edit it, then: akinsoft-connector check --config /etc/akinsoft-connector/config.yaml
  runuser -u akinsoft-connector -- akinsoft-connector secrets set NAME --config /etc/akinsoft-connector/config.yaml
  systemctl enable --now akinsoft-connector
MSG
fi
