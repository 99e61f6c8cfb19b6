#!/usr/bin/env bash
# `make test`: every check CI runs, fastest first. Needs PostgreSQL and Redis
# (`scripts/services.sh` makes sure of them).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
PGURL="${OPSFLUX_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "test peers (SMTP sink, webhook verifier, provider fake, S3 server: a Python virtualenv; clamd; poppler)"
OPSFLUX_TEST_PYTHON=$(scripts/tools.sh python | sed -n 's/^python: //p')
export OPSFLUX_TEST_PYTHON
# Each clamd test starts its own clamd on this EICAR-only database (~0.1 s to start).
OPSFLUX_TEST_CLAMAV_DB=$(scripts/tools.sh clamav | sed -n 's/^clamav: //p')
export OPSFLUX_TEST_CLAMAV_DB
# The PDF reports are read back with pdfinfo, pdftotext and pdftoppm.
scripts/tools.sh poppler >/dev/null

step "web app: dependencies and build (the Rust tests serve web/dist)"
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run -s build)

step "format"
cargo fmt --all --check

step "clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "OpenAPI drift"
cargo run --locked -q -p opsflux --bin opsflux -- openapi --output "${TMPDIR:-/tmp}/opsflux-openapi.json"
if ! diff -u openapi/openapi.json "${TMPDIR:-/tmp}/opsflux-openapi.json"; then
  echo "openapi/openapi.json differs from the code: run 'make openapi' and commit the result." >&2
  exit 1
fi
(cd web && npx openapi-typescript "${TMPDIR:-/tmp}/opsflux-openapi.json" -o "${TMPDIR:-/tmp}/opsflux-schema.d.ts" >/dev/null)
# The mobile app's types come from the same generator (openapi-typescript 7.13 in both lock
# files), so they must equal the same output.
for schema in web/src/lib/api/schema.d.ts mobile/src/api/schema.d.ts; do
  if ! diff -u "$schema" "${TMPDIR:-/tmp}/opsflux-schema.d.ts"; then
    echo "$schema differs from the API: run 'make openapi' and commit the result." >&2
    exit 1
  fi
done

# The web checks need no database: they run beside the Rust suites (CI has 2 cores).
web_log="${TMPDIR:-/tmp}/opsflux-web-checks.log"
(
  cd web
  set -e
  echo "-- tsc --noEmit" && npm run -s typecheck
  echo "-- eslint" && npm run -s lint
  echo "-- prettier --check" && npm run -s format:check
  echo "-- vitest" && npx vitest run --reporter=dot
) >"$web_log" 2>&1 &
web_pid=$!

# The mobile app's checks likewise (jest on one worker: the Rust suites need the cores),
# and its web export (mobile/dist), opened in Chromium after the e2e step.
mobile_log="${TMPDIR:-/tmp}/opsflux-mobile-checks.log"
(
  cd mobile
  set -e
  echo "-- npm ci" && npm ci --no-audit --no-fund --loglevel=error
  echo "-- tsc --noEmit" && npm run -s typecheck
  echo "-- eslint" && npm run -s lint
  echo "-- prettier --check" && npm run -s format:check
  echo "-- jest" && npx jest --ci --maxWorkers=1
  echo "-- expo export --platform web" && rm -rf dist && npm run -s export:web >/dev/null
) >"$mobile_log" 2>&1 &
mobile_pid=$!

# Test databases of an interrupted earlier run.
psql "$PGURL/postgres" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'opsflux_test_%'" |
  while read -r db; do psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; done

if cargo nextest --version >/dev/null 2>&1; then
  run_tests() { cargo nextest run --locked --workspace --no-fail-fast "$@"; }
  only_integration=(-E 'binary(it)')
else
  run_tests() { cargo test --locked --workspace --no-fail-fast "$@"; }
  only_integration=(--test it)
fi

step "tests on PostgreSQL + Redis"
OPSFLUX_TEST_DATABASE=postgres run_tests

step "integration tests on SQLite (embedded mode)"
OPSFLUX_TEST_DATABASE=sqlite run_tests "${only_integration[@]}"

step "web app: types, lint, format, unit tests (ran beside the Rust suites)"
web_status=0
wait "$web_pid" || web_status=$?
cat "$web_log"
[ "$web_status" -eq 0 ] || { echo "web checks failed" >&2; exit 1; }

step "mobile app: dependencies, types, lint, format, unit tests, web export (ran beside the Rust suites)"
mobile_status=0
wait "$mobile_pid" || mobile_status=$?
cat "$mobile_log"
[ "$mobile_status" -eq 0 ] || { echo "mobile checks failed" >&2; exit 1; }

# After the Rust suites, not beside them: its load made their timing-sensitive fault
# tests (SMTP and Redis outages) miss their windows on 2 cores.
step "contract fuzzing of openapi/openapi.json (schemathesis, PostgreSQL + Redis)"
scripts/contract.sh postgres

step "web app end to end (Playwright scenarios: the server binary, PostgreSQL + Redis, SMTP, webhooks)"
scripts/e2e.sh

# Both need what the e2e step brought: Debian's Chromium, the server binary.
step "mobile app: its web export renders sign-in and the report form (headless Chromium, ~5 s)"
chromium=$(scripts/tools.sh chromium | sed -n 's/^chromium: //p')
(cd mobile && CHROMIUM="$chromium" node scripts/screenshots.mjs --check dist)

step "mobile app: 100 offline reports through 100 cut reconnections against the server (~30 s)"
scripts/mobile_sync.sh

step "smoke run of the embedded default"
scripts/smoke.sh

printf '\n\033[1;32mAll checks passed.\033[0m\n'
