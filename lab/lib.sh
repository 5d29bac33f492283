# Shared helpers for lab/up, lab/down and lab/check. Sourced, not executed.
# shellcheck shell=bash
LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$LAB/run"
PIDS="$RUN/pids"

# Debian packages the lab needs (binary → package). redis-server, openssl and the PostgreSQL /
# MariaDB servers are on the node-svc machines already; they are listed so that a bare Debian
# machine gets them too.
LAB_PACKAGES=(
  nginx libnginx-mod-http-headers-more-filter
  xrdp samba dcmtk vsftpd openssh-server postfix
  nsd ldnsutils bind9-dnsutils openssl
  tigervnc-standalone-server inetutils-telnetd socat redis-server
  postgresql mariadb-server
)

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# The start time of a process (field 22 of /proc/PID/stat, counted after the command name,
# which may hold spaces: "nsd: xfrd"): with the PID it names the process uniquely, so a
# recycled PID is never mistaken for a lab daemon.
proc_start() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  awk '{print $20}' <<<"$stat"
}

# is_running NAME: true when lab/run/pids/NAME.pid names a live process that we started.
is_running() {
  local f="$PIDS/$1.pid" pid start
  [ -f "$f" ] || return 1
  read -r pid start <"$f" || return 1
  [ -n "${pid:-}" ] && [ -d "/proc/$pid" ] || return 1
  [ "$(proc_start "$pid")" = "${start:-}" ]
}
