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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
metrics_port=$(free_port)
log="$work/serve.log"
(cd "$work" && OPSFLUX_PORT=$port OPSFLUX_METRICS_ADDR=127.0.0.1:$metrics_port exec "$bin" serve >"$log" 2>&1) &
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
# Bodies are read whole before grepping: `curl | grep -q` under pipefail fails when grep
# stops reading early.
docs=$(curl -fsS "$base/api/docs/") || fail "/api/docs/ did not answer"
grep -q swagger-ui <<<"$docs" || fail "/api/docs/ is not the docs UI"
document=$(curl -fsS "$base/api/openapi.json") || fail "/api/openapi.json did not answer"
grep -q '"openapi"' <<<"$document" || fail "/api/openapi.json is not an OpenAPI document"
# The web app, served from the binary at / and at its client routes.
page=$(curl -fsS "$base/admin/users") || fail "/admin/users (a web app route) did not answer"
grep -q '<div id="root">' <<<"$page" || fail "/admin/users is not the web app's index.html"
[ -f "$work/data/opsflux.db" ] || fail "no SQLite file under ./data"
[ "$(stat -c %a "$work/data/secret-key")" = 600 ] || fail "no owner-only generated secret in ./data/secret-key"
# Metrics on their own listener only.
metrics=$(curl -fsS "http://127.0.0.1:$metrics_port/metrics") || fail "/metrics did not answer on the metrics listener"
grep -q opsflux_http_requests_total <<<"$metrics" || fail "/metrics has no request counters"
grep -q 'opsflux_deliveries_stuck{channel="email"} 0' <<<"$metrics" || fail "/metrics does not count stuck deliveries"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics")" = 404 ] || fail "/metrics is served on the API port"

# The demo administrator, as a newcomer would use it from the docs page: sign in,
# set up an authenticator app, sign in again with a code.
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
post() { curl -fsS "$base$1" -H 'content-type: application/json' "${@:3}" -d "$2"; }
creds="$work/data/demo-admin.txt"
[ -f "$creds" ] || fail "no demo credentials file"
email=$(sed -n 1p "$creds"); password=$(sed -n 2p "$creds")
grep -q "Demo sign-in:  $email / $password" "$log" || fail "the demo credentials were not printed"
login_body="{\"email\":\"$email\",\"password\":\"$password\"}"
token=$(post /api/v1/auth/login "$login_body" | json access_token) || fail "demo admin cannot sign in"
auth=(-H "authorization: Bearer $token")
secret=$(post /api/v1/auth/mfa/totp/enroll '' "${auth[@]}" | json secret) || fail "TOTP enrolment failed"
post /api/v1/auth/mfa/totp/confirm "{\"code\":\"$(scripts/totp.py "$secret")\"}" "${auth[@]}" >/dev/null ||
  fail "TOTP confirmation failed"
mfa_token=$(post /api/v1/auth/login "$login_body" | json mfa_token) || fail "second sign-in did not ask for a code"
# The confirmation spent this 30-second code; the app's next one is accepted.
verify_body="{\"mfa_token\":\"$mfa_token\",\"method\":\"totp\",\"code\":\"$(scripts/totp.py "$secret" 30)\"}"
token=$(post /api/v1/auth/mfa/verify "$verify_body" | json access_token) || fail "TOTP sign-in failed"
me=$(curl -fsS "$base/api/v1/auth/me" -H "authorization: Bearer $token") || fail "/auth/me refused the token"
grep -q '"totp":true' <<<"$me" || fail "/auth/me does not show TOTP enabled: $me"
grep -q '"slug":"demo"' <<<"$me" || fail "the demo admin is not in the demo company: $me"
ls "$work/data/outbox/"*.eml >/dev/null 2>&1 || fail "no alert email in the outbox"

kill -TERM "$pid"
stopping=$SECONDS
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM"
# Nothing in progress: no reason to use the 30 s grace period.
[ $((SECONDS - stopping)) -le 5 ] || fail "took $((SECONDS - stopping)) s to stop after SIGTERM"
grep -q '"worker stopped"' "$log" || fail "the in-process workers did not stop cleanly"
grep -q '"shutting down"\|shutting down' "$log" || fail "no graceful shutdown in the log"
echo "smoke: embedded mode serves /health/ready and /api/docs, the demo admin signs in with TOTP, and it stops cleanly"
