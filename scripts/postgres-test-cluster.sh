#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL on 127.0.0.1 for tests and CI. Run as root.
#   scripts/postgres-test-cluster.sh start   # prints SESA_TEST_POSTGRES_URL=postgres://…
#   scripts/postgres-test-cluster.sh stop
# Its own data directory and port (not 5432), trust auth on loopback only, fsync off: test data is throwaway.
# It never touches /etc/postgresql, so it is safe beside another PostgreSQL on the machine.
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGROOT="${PGROOT:-/tmp/sesa-pg-$PGPORT}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_postgres() {
  if [ -z "$(find_bin)" ]; then
    echo "Installing PostgreSQL (apt)…" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

case "${1:-start}" in
  start)
    install_postgres
    PGBIN="$(find_bin)"
    if [ -f "$PGROOT/data/postmaster.pid" ]; then
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGROOT"
    install -d -o postgres -g postgres -m 700 "$PGROOT"
    # postgres refuses to run as root: initdb/pg_ctl run as the 'postgres' system user.
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --no-locale \
      >"$PGROOT/initdb.log"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
      -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE sesa_test;" >/dev/null
    echo "SESA_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PGPORT/sesa_test"
    ;;
  stop)
    PGBIN="$(find_bin)"
    [ -n "$PGBIN" ] && [ -d "$PGROOT/data" ] && \
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGROOT"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
