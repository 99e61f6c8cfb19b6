#!/usr/bin/env bash
# Starts the real binary the way `make run` does (embedded default: SQLite file,
# in-process cache and jobs, no configuration), checks it serves, stops it with
# SIGTERM and expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
cargo build --locked -q -p opsflux --bin opsflux
bin="$CARGO_TARGET_DIR/debug/opsflux"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log="$work/serve.log"
(cd "$work" && OPSFLUX_PORT=$port exec "$bin" serve >"$log" 2>&1) &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; echo "--- server log" >&2; cat "$log" >&2; exit 1; }

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited during start-up"
  sleep 0.1
done

ready=$(curl -fsS "$base/health/ready") || fail "/health/ready did not answer 200"
grep -q '"backend":"sqlite"' <<<"$ready" || fail "not on SQLite: $ready"
grep -q '"backend":"memory"' <<<"$ready" || fail "not on the in-process cache: $ready"
curl -fsS "$base/api/docs/" | grep -q swagger-ui || fail "/api/docs/ is not the docs UI"
curl -fsS "$base/api/openapi.json" | grep -q '"openapi"' || fail "/api/openapi.json is not an OpenAPI document"
curl -fsS "$base/api/v1/companies" | grep -q '"slug":"demo"' || fail "the demo company was not seeded"
[ -f "$work/data/opsflux.db" ] || fail "no SQLite file under ./data"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM"
grep -q '"shutting down"\|shutting down' "$log" || fail "no graceful shutdown in the log"
echo "smoke: embedded mode serves /health/ready, /api/docs and the demo data, and stops cleanly"
