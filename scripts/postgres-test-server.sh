#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the store tests: no Docker, only the PostgreSQL binaries.
#
#   scripts/postgres-test-server.sh start <dir>   creates a cluster in <dir>, starts it on 127.0.0.1 on a free port,
#                                                 creates the database genscheduler and prints one line on stdout:
#                                                 Host=127.0.0.1;Port=<port>;Username=postgres;Database=genscheduler
#   scripts/postgres-test-server.sh stop <dir>    stops that server (fast mode) and removes <dir>
#
# <dir> must not exist or be empty. Layout: <dir>/data (the cluster), <dir>/socket (its unix socket),
# <dir>/server.log (the server's log). Diagnostics go to stderr; a failed start prints the server log there and exits
# non-zero. Authentication is trust, for local and 127.0.0.1 connections only: a test server, never a real one.
# As root the cluster belongs to the OS user postgres (initdb refuses root); otherwise to the current user.
# The binaries come from PG_BINDIR if set, else from pg_ctl on PATH, else from /usr/lib/postgresql/15/bin.
set -euo pipefail

readonly marker=.genscheduler-test-server   # stop removes only a folder that start made
readonly start_timeout=60                   # seconds pg_ctl waits for the server to accept connections
readonly port_attempts=10

say() { printf 'postgres-test-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { die "usage: $0 start|stop <dir>"; }

[ $# -eq 2 ] || usage
command=$1
dir=$2
[ -n "$dir" ] || usage
case $dir in /*) ;; *) dir="$PWD/$dir" ;; esac
dir=${dir%/}
[ -n "$dir" ] || die "refusing to use / as the server folder"
case $dir in *\'*) die "the server folder's path must not contain a single quote: $dir" ;; esac

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then
    printf '%s\n' "$PG_BINDIR"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  else
    printf '%s\n' /usr/lib/postgresql/15/bin
  fi
}
bindir=$(find_bindir)

# The server's OS user: postgres when we are root, else ourselves.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root, but there is no OS user postgres to own the cluster"
  as_owner() { (cd "$dir" && runuser -u postgres -- "$@"); }
else
  as_owner() { (cd "$dir" && "$@"); }
fi

port_in_use() { (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

show_log() {
  if [ -s "$dir/server.log" ]; then
    say "server log ($dir/server.log):"
    sed 's/^/  | /' "$dir/server.log" >&2
  else
    say "the server wrote no log"
  fi
}

# Stops the server if its postmaster.pid is there: fast mode, then immediate if fast did not finish in time.
stop_server() {
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || return 0   # a stale pid file: nothing runs
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 && return 0
  say "fast shutdown did not finish; trying immediate"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2
}

start() {
  for tool in initdb pg_ctl psql; do
    [ -x "$bindir/$tool" ] || die "$bindir/$tool not found: install PostgreSQL 15 (Debian: postgresql-15) or set PG_BINDIR"
  done
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir is not empty"
  fi
  mkdir -p "$dir"
  : >"$dir/$marker"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  as_owner test -w "$dir" ||
    die "the server's OS user cannot write to $dir (is a parent folder closed to it?)"

  local began
  began=$(date +%s%N)
  say "$("$bindir/initdb" --version): creating a cluster in $dir/data"
  if ! as_owner timeout 120 "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale \
         >"$dir/initdb.log" 2>&1; then
    sed 's/^/  | /' "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  # The unix socket lives in <dir> too, unless its path would pass the kernel's limit (about 107 bytes).
  local socket_dir="$dir/socket"
  if [ $(( ${#socket_dir} + 20 )) -gt 107 ]; then
    say "$socket_dir is too long for a unix socket; the server listens on TCP only"
    socket_dir=
  else
    as_owner mkdir -m 700 "$socket_dir"
  fi
  cat >>"$dir/data/postgresql.conf" <<CONF

# scripts/postgres-test-server.sh: a small test server on loopback.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
shared_buffers = 16MB
max_connections = 100
logging_collector = off
CONF

  local attempt port=
  for ((attempt = 1; attempt <= port_attempts; attempt++)); do
    # Below Linux's ephemeral range (32768-60999), so outgoing connections rarely hold the port.
    port=$((10000 + RANDOM % 22000))
    if port_in_use "$port"; then
      port=
      continue
    fi
    local log_size=0
    [ -f "$dir/server.log" ] && log_size=$(wc -c <"$dir/server.log")
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t "$start_timeout" start \
         >"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    # Another process took the port between the check and the bind: try another one. Anything else is fatal.
    if tail -c +$((log_size + 1)) "$dir/server.log" 2>/dev/null | grep 'could not bind\|Address already in use' >/dev/null; then
      say "port $port was taken; trying another"
      stop_server || true
      port=
      continue
    fi
    sed 's/^/  | /' "$dir/pg_ctl.log" >&2
    stop_server || true
    show_log
    die "the server did not start"
  done
  if [ -z "$port" ]; then
    stop_server || true
    show_log
    die "found no free port in $port_attempts tries"
  fi

  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
  if ! PGCONNECT_TIMEOUT=10 timeout 60 "${psql[@]}" -d postgres -c 'CREATE DATABASE genscheduler' >&2; then
    stop_server || true
    show_log
    die "could not create the database genscheduler"
  fi
  local version
  version=$(PGCONNECT_TIMEOUT=10 timeout 60 "${psql[@]}" -d genscheduler -A -t -c 'SHOW server_version')
  local connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=genscheduler"
  printf '%s\n' "$connection" >"$dir/connection-string"
  say "PostgreSQL $version is up on 127.0.0.1:$port in $(( ($(date +%s%N) - began) / 1000000 )) ms"
  printf '%s\n' "$connection"
}

stop() {
  if [ ! -e "$dir" ]; then
    say "$dir does not exist: nothing to stop"
    return 0
  fi
  if [ -d "$dir" ] && [ -z "$(ls -A "$dir")" ]; then
    rmdir -- "$dir"   # a start that failed before it made anything
    return 0
  fi
  [ -f "$dir/$marker" ] || die "$dir was not made by '$0 start': not touching it"
  if ! stop_server; then
    show_log
    die "could not stop the server in $dir"
  fi
  rm -rf -- "$dir"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
