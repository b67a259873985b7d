#!/bin/sh
# Sets up a local Firebird 3 server for the connector's integration tests and
# benchmark: installs Debian's firebird3.0-server when missing, accepts both
# SRP and legacy authentication (Wolvox shops run 2.5 and 3.x servers), turns
# wire encryption on, listens on loopback only, gives SYSDBA a known test
# password, starts the server without systemd and waits for port 3050.
#
# Idempotent and non-interactive: run it as root before the tests.
#   scripts/firebird/setup.sh          set up and start, print the env vars
#   scripts/firebird/setup.sh restart  stop and start the server again
#   scripts/firebird/setup.sh stop     stop the server this script started
# Its stdout carries only the shell exports for the tests, so that
# `eval "$(scripts/firebird/setup.sh)"` puts them in the environment; every
# other line (its own, apt's, the server's) goes to stderr.
set -eu

# fd 3 is the real stdout, kept for the exports; everything else that any
# command below prints lands on stderr.
exec 3>&1 1>&2

PASSWORD=${FIREBIRD_TEST_PASSWORD:-akintest} # 8 characters: legacy auth ignores the rest
PORT=3050
CONF=/etc/firebird/3.0/firebird.conf
SECDB=/var/lib/firebird/3.0/system/security3.fdb
DATA=/var/lib/firebird/3.0/data
RUNDIR=/run/firebird3.0
PIDFILE=$RUNDIR/fbguard.pid
HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/$(basename "$0")

log() { echo "firebird-setup: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
	log "run me as root (I install packages and start the server as the firebird user)"
	exit 1
fi
# The exports are single-quoted and the password goes into SQL: keep
# quotes and backslashes out of both.
for v in "$PASSWORD" "$SELF"; do
	case $v in
	*"'"* | *'\'*)
		log "neither FIREBIRD_TEST_PASSWORD nor this script's path ($SELF) may hold ' or \\"
		exit 2
		;;
	esac
done

listening() {
	# bash's /dev/tcp is not in sh; use a tiny probe that needs no extra package.
	timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null
}

# installed is set when this run installed the server package.
installed=
install() {
	pkgs=
	if [ ! -x /usr/sbin/fbguard ] || ! command -v isql-fb >/dev/null 2>&1; then
		pkgs="firebird3.0-server firebird3.0-utils"
		installed=1
	fi
	# stop finds the guard and the server with ps and pgrep; minimal
	# images (Debian's container image) have neither.
	if ! command -v ps >/dev/null 2>&1 || ! command -v pgrep >/dev/null 2>&1; then
		pkgs="$pkgs procps"
	fi
	[ -n "$pkgs" ] || return 0
	# The package asks for a SYSDBA password on first install: preseed it.
	echo "firebird3.0-server shared/firebird/sysdba_password/first_install password $PASSWORD" | debconf-set-selections
	echo "firebird3.0-server shared/firebird/sysdba_password/upgrade_reconfigure password $PASSWORD" | debconf-set-selections
	# shellcheck disable=SC2086 # a list of package names
	sh "$HERE/../apt-install.sh" $pkgs
}

# release_distro_server stops the server Debian's package started on
# install (systemd starts and enables firebird3.0.service; without systemd
# the init script may start it). That server has neither this
# configuration nor our pid file, and the tests must be able to restart
# the server they use.
release_distro_server() {
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet firebird3.0.service 2>/dev/null; then
		log "stopping and disabling Debian's firebird3.0 service: the test server is run by this script"
		systemctl disable --now firebird3.0.service
	elif [ -x /etc/init.d/firebird3.0 ]; then
		log "stopping the firebird3.0 server the package's init script started"
		/etc/init.d/firebird3.0 stop
	fi
}

# setconf KEY VALUE replaces or appends one firebird.conf setting.
setconf() {
	if grep -Eq "^[[:space:]]*$1[[:space:]]*=" "$CONF"; then
		sed -i -E "s|^[[:space:]]*$1[[:space:]]*=.*|$1 = $2|" "$CONF"
	else
		echo "$1 = $2" >>"$CONF"
	fi
}

# configure sets what the tests need; changed is set when that altered
# firebird.conf, which a running server reads only when it starts.
changed=
configure() {
	before=$(cksum <"$CONF")
	setconf AuthServer "Srp, Legacy_Auth"
	setconf UserManager "Srp, Legacy_UserManager"
	setconf WireCrypt Enabled
	setconf RemoteBindAddress 127.0.0.1
	setconf RemoteServicePort "$PORT"
	[ "$(cksum <"$CONF")" = "$before" ] || changed=1
}

logs_in() {
	fbsvcmgr "127.0.0.1/$PORT:service_mgr" -user SYSDBA -password "$PASSWORD" -info_server_version >/dev/null 2>&1
}

stop() {
	pid=
	guard=
	if [ -f "$PIDFILE" ]; then
		# The pid file names the server; its parent is fbguard, which would
		# restart a killed server: stop the guard first, then the server.
		pid=$(cat "$PIDFILE")
		guard=$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ' || true)
		if [ -z "$guard" ] || [ "$(ps -o comm= -p "$guard" 2>/dev/null)" != fbguard ]; then
			guard=
		fi
	fi
	if [ -z "$pid" ]; then
		# No pid file (another run removed it, or the Debian service started
		# the server): find the guard and the server by name.
		# Signal every match: a defunct guard from an earlier stop may
		# also carry the name.
		guard=$(pgrep -x fbguard | tr '\n' ' ' || true)
		pid=$(pgrep -x firebird | tr '\n' ' ' || true)
	fi
	i=0
	while listening; do
		if [ $((i % 10)) = 0 ]; then
			# A server with open attachments may take long to shut down;
			# after 3 s it is killed, as a power cut or crash would.
			sig=TERM
			[ $i -ge 30 ] && sig=KILL
			# shellcheck disable=SC2086 # lists of pids
			[ -n "$guard" ] && kill -s $sig $guard 2>/dev/null || true
			# shellcheck disable=SC2086
			[ -n "$pid" ] && kill -s $sig $pid 2>/dev/null || true
		fi
		i=$((i + 1))
		if [ $i -gt 150 ]; then
			log "the server on port $PORT did not stop (was it started by something else?)"
			exit 1
		fi
		sleep 0.1
	done
	rm -f "$PIDFILE"
}

# set_password runs while the server is down: the embedded engine opens the
# security database directly, so no current password is needed.
set_password() {
	runuser -u firebird -- isql-fb -q -user SYSDBA "$SECDB" >/dev/null <<SQL
CREATE OR ALTER USER SYSDBA PASSWORD '$PASSWORD' USING PLUGIN Srp;
CREATE OR ALTER USER SYSDBA PASSWORD '$PASSWORD' USING PLUGIN Legacy_UserManager;
COMMIT;
SQL
	sed -i -E "s|^ISC_PASSWORD=.*|ISC_PASSWORD=\"$PASSWORD\"|" /etc/firebird/3.0/SYSDBA.password 2>/dev/null || true
}

start() {
	mkdir -p "$RUNDIR"
	chown firebird:firebird "$RUNDIR"
	# 3>&-: the daemon must not hold the stdout a caller's $(...) waits on.
	runuser -u firebird -- /usr/sbin/fbguard -daemon -forever -pidfile "$PIDFILE" 3>&-
	i=0
	until listening; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			log "the server did not answer on 127.0.0.1:$PORT within 30 s; see /var/log/firebird/firebird3.0.log"
			exit 1
		fi
		sleep 0.1
	done
	# The port opens before the server accepts attachments: wait until the
	# service manager answers a real login.
	i=0
	until logs_in; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			log "the server answers on port $PORT but refuses SYSDBA's login; see /var/log/firebird/firebird3.0.log"
			exit 1
		fi
		sleep 0.1
	done
}

case "${1:-setup}" in
stop)
	stop
	exit 0
	;;
restart)
	stop
	start
	exit 0
	;;
setup) ;;
*)
	log "usage: $0 [setup|restart|stop]"
	exit 2
	;;
esac

install
configure
if [ -n "$installed" ] && listening && [ ! -f "$PIDFILE" ]; then
	release_distro_server
fi
if listening; then
	if [ -f "$PIDFILE" ]; then
		# Ours. Other tests may be using it right now: restart only when
		# the configuration changed or the password is not the one asked.
		if [ -n "$changed" ] || ! logs_in; then
			log "restarting the server so the configuration and password apply"
			stop
		fi
	else
		log "a server not started by this script answers on port $PORT; using it as it is"
	fi
fi
if ! listening; then
	set_password
	start
fi
mkdir -p "$DATA"
chown firebird:firebird "$DATA"
log "Firebird answers on 127.0.0.1:$PORT"
cat >&3 <<ENV
export FIREBIRD_TEST_HOST='127.0.0.1'
export FIREBIRD_TEST_PORT='$PORT'
export FIREBIRD_TEST_USER='SYSDBA'
export FIREBIRD_TEST_PASSWORD='$PASSWORD'
export FIREBIRD_TEST_DIR='$DATA'
export FIREBIRD_TEST_RESTART='$SELF restart'
ENV
