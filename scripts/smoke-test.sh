#!/usr/bin/env bash
# Smoke-tests a built `sesa` binary as an operator would run it:
#   1. zero configuration on a fresh SQLite file (development),
#   2. `migrate --check` / `migrate` exit codes,
#   3. production refusing SQLite and a weak secret, naming the variables,
#   4. production on PostgreSQL (needs SESA_TEST_POSTGRES_URL): refuses to serve while migrations are pending,
#      then serves after `sesa migrate`.
# Each server must answer 200 on /health/ready and / with the security headers. Loopback only.
#   scripts/smoke-test.sh .build/release/sesa
set -euo pipefail
BIN="$(cd "$(dirname "${1:?usage: smoke-test.sh PATH/TO/sesa}")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/sesa-smoke.XXXXXX)"
SERVER_PID=""
failures=0

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { echo "  ok   $*"; }
fail() { echo "  FAIL $*"; failures=$((failures + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# expect_status URL STATUS [curl args…]
expect_status() {
  local url=$1 want=$2; shift 2
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" || true)
  if [ "$got" = "$want" ]; then pass "$want $url"; else fail "$url answered $got, expected $want"; fi
}

# wait_status URL STATUS [curl args…] — like expect_status, but gives the instance up to 10 s to get there
# (readiness waits for the job worker's first heartbeat).
wait_status() {
  local url=$1 want=$2; shift 2
  local got=""
  for _ in $(seq 1 50); do
    got=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" || true)
    [ "$got" = "$want" ] && break
    sleep 0.2
  done
  if [ "$got" = "$want" ]; then pass "$want $url"; else fail "$url answered $got, expected $want"; fi
}

expect_headers() {
  local url=$1 headers
  headers=$(curl -s -D - -o /dev/null -H "Host: 127.0.0.1" "$url")
  for header in "content-security-policy: default-src 'none'" "x-frame-options: DENY" \
      "x-content-type-options: nosniff" "referrer-policy: strict-origin-when-cross-origin" "permissions-policy:" \
      "cross-origin-opener-policy: same-origin" "x-request-id:"; do
    if grep -qi "^$header" <<<"$headers"; then pass "header $header"; else fail "$url lacks '$header'"; fi
  done
  if grep -qi "unsafe-inline" <<<"$headers"; then fail "CSP allows unsafe-inline"; fi
}

# start_server LOGFILE ARGS… — runs `sesa serve` in the background and waits until /health answers.
start_server() {
  local log=$1; shift
  PORT=$(free_port)
  "$BIN" serve --hostname 127.0.0.1 --port "$PORT" "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "--- server log"; cat "$log"; return 1; fi
    sleep 0.2
  done
  echo "--- server log"; cat "$log"; return 1
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

echo "== 1. zero configuration (development, SQLite)"
mkdir -p "$WORK/dev" && ln -s "$ROOT/Public" "$WORK/dev/Public"
cd "$WORK/dev"
env -i PATH="$PATH" HOME="$WORK" bash -c "exec '$BIN' serve --port 0" >"$WORK/dev.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "is running at" "$WORK/dev.log" && break; sleep 0.2; done
URL=$(grep -o 'is running at http://[^ ]*' "$WORK/dev.log" | awk '{print $4}' || true)
if [ -n "$URL" ]; then pass "printed its URL: $URL"; else fail "no URL printed"; cat "$WORK/dev.log"; exit 1; fi
[ -f data/sesa.sqlite ] && pass "created data/sesa.sqlite" || fail "no data/sesa.sqlite"
for _ in $(seq 1 25); do grep -q "/setup/" "$WORK/dev.log" && break; sleep 0.2; done
grep -q "$URL/setup/" "$WORK/dev.log" && pass "printed a one-time first-administrator link" || fail "no set-up link printed"
[ "$(stat -c %a data/secret.key)" = "600" ] && pass "secret.key is 0600" || fail "secret.key mode $(stat -c %a data/secret.key)"
wait_status "$URL/health/ready" 200
expect_status "$URL/" 200
expect_headers "$URL/"
expect_status "$URL/api/v1/openapi.json" 200
expect_status "$URL/" 400 -H "Host: evil.example.com"
stop_server
cd "$ROOT"

echo "== 2. migrate --check / migrate (SQLite)"
export SESA_PUBLIC_DIR="$ROOT/Public"
export SESA_DATA_DIR="$WORK/migrate"
set +e; "$BIN" migrate --check >"$WORK/check1.log" 2>&1; status=$?; set -e
[ $status -eq 1 ] && pass "migrate --check exits 1 while pending" || fail "migrate --check exited $status while pending"
grep -q "Platform.CreateInstanceInfo" "$WORK/check1.log" && pass "pending migration listed" || fail "pending migration not listed"
"$BIN" migrate >/dev/null && pass "migrate applied" || fail "migrate failed"
"$BIN" migrate --check >/dev/null && pass "migrate --check exits 0 when up to date" || fail "migrate --check non-zero after migrate"
unset SESA_DATA_DIR

echo "== 3. production refuses SQLite and a weak secret"
set +e
SESA_ENV=production SESA_SECRET_KEY=short SESA_LOG_LEVEL=debug "$BIN" serve >"$WORK/prod-refused.log" 2>&1
status=$?
set -e
[ $status -ne 0 ] && pass "production start refused (exit $status)" || fail "production started with a weak config"
for variable in SESA_SECRET_KEY SESA_DATABASE_URL SESA_ALLOWED_HOSTS SESA_LOG_LEVEL; do
  grep -q "$variable" "$WORK/prod-refused.log" && pass "names $variable" || fail "refusal does not name $variable"
done

if [ -n "${SESA_TEST_POSTGRES_URL:-}" ]; then
  echo "== 4. production on PostgreSQL"
  PG_ADMIN="$SESA_TEST_POSTGRES_URL"
  PG_URL="${PG_ADMIN%/*}/sesa_smoke"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS sesa_smoke" -qc "CREATE DATABASE sesa_smoke" >/dev/null
  export SESA_ENV=production SESA_DATABASE_URL="$PG_URL" SESA_ALLOWED_HOSTS="127.0.0.1,localhost"
  SESA_SECRET_KEY="$(head -c 48 /dev/urandom | base64)"
  export SESA_SECRET_KEY
  set +e; "$BIN" serve --port "$(free_port)" >"$WORK/pg-refused.log" 2>&1; status=$?; set -e
  [ $status -eq 1 ] && pass "serve refuses while migrations are pending" || fail "serve exited $status with pending migrations"
  grep -q "sesa migrate" "$WORK/pg-refused.log" && pass "refusal says to run sesa migrate" || fail "refusal lacks advice"
  set +e; "$BIN" migrate --check >/dev/null 2>&1; status=$?; set -e
  [ $status -eq 1 ] && pass "migrate --check exits 1 while pending" || fail "migrate --check exited $status"
  "$BIN" migrate >/dev/null 2>&1 && pass "migrate applied" || fail "migrate failed"
  "$BIN" migrate --check >/dev/null 2>&1 && pass "migrate --check exits 0" || fail "migrate --check non-zero"
  start_server "$WORK/pg.log"
  URL="http://127.0.0.1:$PORT"
  wait_status "$URL/health/ready" 200
  expect_status "$URL/" 200 -H "Host: 127.0.0.1"
  expect_headers "$URL/"
  expect_status "$URL/metrics" 404
  expect_status "$URL/" 400 -H "Host: evil.example.com"
  grep -q '"level":"info"' "$WORK/pg.log" && pass "production logs are JSON lines" || fail "no JSON log lines"
  grep -q '"request-id"' "$WORK/pg.log" && pass "log lines carry the request id" || fail "no request id in logs"
  stop_server

  echo "== 5. a separate worker process (serve with SESA_WORKER=off + sesa worker)"
  SESA_WORKER=off start_server "$WORK/pg-noworker.log"
  URL="http://127.0.0.1:$PORT"
  expect_status "$URL/health/ready" 503
  "$BIN" worker >"$WORK/worker.log" 2>&1 &
  WORKER_PID=$!
  wait_status "$URL/health/ready" 200
  kill -TERM "$WORKER_PID"
  if wait "$WORKER_PID"; then pass "sesa worker stopped cleanly on SIGTERM"; else fail "sesa worker exit status $?"; fi
  expect_status "$URL/health/ready" 503
  stop_server
  unset SESA_ENV SESA_DATABASE_URL SESA_ALLOWED_HOSTS SESA_SECRET_KEY
else
  echo "== 4. production on PostgreSQL: skipped (SESA_TEST_POSTGRES_URL not set)"
fi

if [ $failures -gt 0 ]; then
  echo "smoke test: $failures check(s) failed"
  exit 1
fi
echo "smoke test: all checks passed"
