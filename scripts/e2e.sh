#!/usr/bin/env bash
# The web app end to end (web/e2e/scenarios.test.mjs, node:test + playwright-core with
# Debian's Chromium): the server binary (the debug build the Rust suites use; its
# dependencies are optimised) serving the built web app on a fresh
# PostgreSQL database and Redis, a worker process beside it (with Redis, `serve` runs
# no jobs), the SMTP sink and the webhook receiver. Stops what it started; the exit
# status is the suite's.
#
#   scripts/e2e.sh        (after `cd web && npm ci && npm run build`: `make e2e` does it)
#
# Env: OPSFLUX_TEST_PYTHON, OPSFLUX_TEST_POSTGRES_URL, OPSFLUX_TEST_REDIS_URL, CHROMIUM,
# E2E_KEEP=1 keeps the work directory (logs, mails, failure screenshots), E2E_ONLY=<regex>
# runs only the scenarios whose name matches (node --test-name-pattern).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
PGURL="${OPSFLUX_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
python="${OPSFLUX_TEST_PYTHON:-$(scripts/tools.sh python | sed -n 's/^python: //p')}"
chromium="${CHROMIUM:-$(scripts/tools.sh chromium | sed -n 's/^chromium: //p')}"
if [ ! -f web/dist/index.html ] || [ ! -d web/node_modules/playwright-core ]; then
  echo "e2e.sh: build the web app first (cd web && npm ci && npm run build)" >&2
  exit 2
fi

# The binary embeds web/dist: built after it. The debug build, as contract fuzzing and
# the smoke run: a release build (thin LTO) would cost `make test` ~8 min on 2 cores.
cargo build --locked -q -p opsflux --bin opsflux
bin="$CARGO_TARGET_DIR/debug/opsflux"

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port) smtp_port=$(free_port) hook_port=$(free_port)
db="opsflux_test_e2e_$$"  # test.sh drops leftovers of this prefix
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
  if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
psql "$PGURL/postgres" -qc "CREATE DATABASE \"$db\""

export OPSFLUX_ENV=test OPSFLUX_PORT=$port OPSFLUX_METRICS_ADDR=off OPSFLUX_LOG_LEVEL=${OPSFLUX_LOG_LEVEL:-info}
export OPSFLUX_DATA_DIR="$work/data" OPSFLUX_PUBLIC_URL="http://127.0.0.1:$port"
export OPSFLUX_DATABASE_URL="$PGURL/$db" OPSFLUX_AUTO_MIGRATE=true
export OPSFLUX_REDIS_URL="${OPSFLUX_TEST_REDIS_URL:-redis://127.0.0.1:6379}" OPSFLUX_REDIS_PREFIX="opsflux-e2e:$$:"
export OPSFLUX_SMTP_URL="smtp://127.0.0.1:$smtp_port"
export OPSFLUX_WEBHOOK_ALLOWED_HOSTS="127.0.0.1:$hook_port"
# Short-lived access tokens: scenario 4 watches one expire mid-session, and every other
# scenario goes through refreshes too.
export OPSFLUX_ACCESS_TOKEN_TTL_SECS=3

# Started in the background and remembered, to be stopped by pid.
start() {
  local log=$1; shift
  "$@" >"$work/$log.log" 2>&1 &
  pids+=($!)
}
fail() {
  echo "e2e: $*" >&2
  for log in serve worker; do
    [ -f "$work/$log.log" ] && { echo "--- $log log (last 80 lines)" >&2; tail -80 "$work/$log.log" >&2; }
  done
  exit 1
}
wait_for_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nothing listens on port $1 ($2)"
}

start smtp "$python" scripts/smtp_sink.py --port "$smtp_port" --dir "$work/mail"
start receiver "$python" scripts/webhook_receiver.py --port "$hook_port"
(cd "$work" && "$bin" seed-demo) >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }
start serve "$bin" serve
start worker "$bin" worker
wait_for_port "$smtp_port" "SMTP sink"
wait_for_port "$hook_port" "webhook receiver"
base="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$base/health/ready" >/dev/null || fail "the server did not become ready"

echo "e2e: OpsFlux at $base (PostgreSQL $db, Redis, worker), SMTP :$smtp_port, receiver :$hook_port"
started=$(date +%s)
status=0
(
  cd web
  OPSFLUX_URL=$base E2E_MAIL_DIR="$work/mail" E2E_WEBHOOK_RECEIVER="http://127.0.0.1:$hook_port" \
    E2E_ARTIFACTS="$work/artifacts" CHROMIUM=$chromium \
    node --test --test-reporter=spec ${E2E_ONLY:+"--test-name-pattern=$E2E_ONLY"} e2e/scenarios.test.mjs
) || status=$?
echo "e2e: suite took $(($(date +%s) - started)) s"
if [ "$status" -ne 0 ]; then
  E2E_KEEP=1
  fail "the suite failed (status $status); screenshots in $work/artifacts"
fi
