#!/usr/bin/env bash
# Contract fuzzing: schemathesis drives every operation of openapi/openapi.json against
# the real server, signed in as a platform operator (a superuser, so every route is in
# reach), and fails on any server error and on any answer outside the documented
# statuses, content types, headers and schemas.
#
#   scripts/contract.sh [postgres|sqlite]   (default postgres: PostgreSQL + Redis)
#
# Env: CONTRACT_EXAMPLES (examples per operation, default 15), CONTRACT_SEED (default:
# fixed, so a failure reproduces; set `random` for a new one), OPSFLUX_TEST_PYTHON.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
mode="${1:-postgres}"
PGURL="${OPSFLUX_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
python="${OPSFLUX_TEST_PYTHON:-$(scripts/tools.sh python | sed -n 's/^python: //p')}"
schemathesis="$(dirname "$python")/schemathesis"

cargo build --locked -q -p opsflux --bin opsflux
bin="$CARGO_TARGET_DIR/debug/opsflux"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export OPSFLUX_PORT=$port OPSFLUX_DATA_DIR="$work/data" OPSFLUX_LOG_LEVEL=${OPSFLUX_LOG_LEVEL:-warn}
# A session outlasts the run. The fuzzer sends wrong current passwords and codes as its own
# user (password change, second-factor removal): neither those nor its sign-ins may lock the
# account it signs in again with after it ended its own session.
export OPSFLUX_ACCESS_TOKEN_TTL_SECS=3600 OPSFLUX_LOGIN_ATTEMPTS_PER_IP=1000000 OPSFLUX_ACCOUNT_LOCKOUT_FAILURES=1000000 \
  OPSFLUX_USER_RATE_LIMIT_PER_MINUTE=1000000
db=""
case $mode in
  postgres)
    db="opsflux_test_contract_$$"  # test.sh drops leftovers of this prefix
    psql "$PGURL/postgres" -qc "CREATE DATABASE \"$db\""
    export OPSFLUX_DATABASE_URL="$PGURL/$db" OPSFLUX_REDIS_URL="${OPSFLUX_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
    export OPSFLUX_REDIS_PREFIX="opsflux-contract:$$:" OPSFLUX_AUTO_MIGRATE=true
    ;;
  sqlite) ;;
  *) echo "contract.sh: unknown mode $mode (postgres|sqlite)" >&2; exit 2 ;;
esac
# The fuzzer signs in as an operator of its own: the demo administrator's address is the
# document's sign-in example, so the fuzzer's own wrong passwords would lock it out.
CONTRACT_EMAIL="contract@fuzz.opsflux.localhost"
CONTRACT_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
export CONTRACT_EMAIL CONTRACT_PASSWORD
(
  cd "$work"
  "$bin" seed-demo
  OPSFLUX_NEW_USER_PASSWORD=$CONTRACT_PASSWORD "$bin" admin create-user --email "$CONTRACT_EMAIL" \
    --name "Contract fuzzer" --company demo --superuser
) >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }

log="$work/serve.log"
(cd "$work" && exec "$bin" serve >"$log" 2>&1) &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$db" ] && psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
  [ -n "${CONTRACT_KEEP:-}" ] && echo "kept: $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done

CONTRACT_BASE=$base
export CONTRACT_BASE
export PYTHONPATH="$PWD/scripts" SCHEMATHESIS_HOOKS=contract_auth

seed=()
[ "${CONTRACT_SEED:-0}" != random ] && seed=(--seed "${CONTRACT_SEED:-20261202}")
status=0
# The notification stream answers an endless text/event-stream: a fuzzer cannot read it
# to its end (the integration tests in backend/tests/it/notifications/stream.rs do).
"$schemathesis" run openapi/openapi.json --url "$base" \
  --exclude-path /api/v1/notifications/stream \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${CONTRACT_EXAMPLES:-15}" "${seed[@]}" \
  --workers 2 --no-color --report junit --report-dir "$work/report" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (errors)" >&2
  grep -iE 'error|panic' "$log" | tail -50 >&2 || true
fi
exit "$status"
