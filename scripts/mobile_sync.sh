#!/usr/bin/env bash
# The mobile app's outbox against the real server (mobile/scripts/sync-against-server.mjs):
# 100 reports captured offline, sent through 100 reconnections whose connection is cut
# after the server answered and before the app heard it, then a clean pass; exactly 100
# incidents must be on the server for the field worker, none lost, none twice, photos
# identical; and the web app's incident list, read as the HSE manager 50 at a time, shows
# each report exactly once (issue #18's done criterion). The server binary on a fresh
# PostgreSQL database (dropped at the end) and Redis, with the demo (`seed-demo`).
# `make test` runs it after the e2e step, which builds the (debug) binary.
#
#   scripts/mobile_sync.sh        (needs `cd mobile && npm ci`; builds the debug binary if need be)
#
# Env: SYNC_REPORTS (default 100), CARGO_TARGET_DIR, OPSFLUX_TEST_POSTGRES_URL,
#      OPSFLUX_TEST_REDIS_URL, SYNC_KEEP=1 keeps the work directory (server log, store).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
PGURL="${OPSFLUX_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
REDIS_URL="${OPSFLUX_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
bin="$CARGO_TARGET_DIR/debug/opsflux"
# The server gets only the settings below (none of the caller's OPSFLUX_*).
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OPSFLUX_' || true)

die() { printf 'mobile_sync.sh: %s\n' "$*" >&2; exit 1; }
cargo build --locked -q -p opsflux --bin opsflux
[ -d mobile/node_modules/typescript ] || die "run npm ci in mobile/ first"

work=$(mktemp -d "${TMPDIR:-/tmp}/opsflux-mobile-sync.XXXXXX")
db="opsflux_test_mobile_sync_$$"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql "$PGURL/postgres" -qAt -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli --scan --pattern "opsflux-mobile-sync:$$:*" 2>/dev/null | xargs -r redis-cli del >/dev/null 2>&1 || true
  if [ -n "${SYNC_KEEP:-}" ]; then echo "mobile_sync.sh: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export OPSFLUX_ENV=test OPSFLUX_HOST=127.0.0.1 OPSFLUX_PORT="$port" OPSFLUX_METRICS_ADDR=off
export OPSFLUX_LOG_LEVEL=warn OPSFLUX_DATA_DIR="$work/data" OPSFLUX_PUBLIC_URL="http://127.0.0.1:$port"
export OPSFLUX_DATABASE_URL="$PGURL/$db"
export OPSFLUX_REDIS_URL="$REDIS_URL" OPSFLUX_REDIS_PREFIX="opsflux-mobile-sync:$$:"
# Retries count against the limits a phone on a bad link would also meet: raised here,
# where one user makes hundreds of requests in a minute.
export OPSFLUX_LOGIN_ATTEMPTS_PER_IP=1000000 OPSFLUX_USER_RATE_LIMIT_PER_MINUTE=1000000
export OPSFLUX_FILES_UPLOADS_PER_MINUTE=1000000

PGOPTIONS='-c client_min_messages=warning' psql "$PGURL/postgres" -qAt -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null
{ "$bin" migrate && "$bin" seed-demo; } >"$work/seed.log" 2>&1 || die "seeding failed: $(tail -5 "$work/seed.log")"
"$bin" serve >"$work/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null && break; sleep 0.25; done
curl -fsS -o /dev/null "$base/health/ready" || die "the server did not start: $(tail -5 "$work/serve.log")"

started=$(date +%s)
status=0
OPSFLUX_URL="$base" SYNC_EMAIL=field.worker@demo.opsflux.localhost \
  SYNC_PASSWORD="$(sed -n 2p "$work/data/demo-admin.txt")" SYNC_WORK="$work" \
  node mobile/scripts/sync-against-server.mjs || status=$?
echo "mobile_sync.sh: $(($(date +%s) - started)) s, exit $status" >&2
exit "$status"
