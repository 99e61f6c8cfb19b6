#!/usr/bin/env bash
# `make bench`, import/export and calendar part, on PostgreSQL + Redis (skipped when they
# are down), in-process (backend/examples/transfer_bench.rs) on a fresh database
# (opsflux_bench_transfer, dropped at the end) with the demo seeded:
#   import      BENCH_IMPORT_ROWS users-like rows (default 100,000) from a CSV through
#               the import task (checks, invitation, role, audit, event, email queued
#               per row), rows/s and how much the process's peak memory grew
#   ceiling     the same rows as plain batched INSERTs of 1,000: the ceiling
#   export      BENCH_EXPORT_INCIDENTS incidents (default 100,000, seeded by
#               hse_bench) exported to XLSX by the export task: rows/s, memory growth
#   expand      1,000 recurring events expanded over a year: occurrences/s
# A measurement, not a test: exit 0 unless a step fails.
#
# Env: BENCH_IMPORT_ROWS, BENCH_EXPORT_INCIDENTS, BENCH_BUILD=0, CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROWS="${BENCH_IMPORT_ROWS:-100000}"
INCIDENTS="${BENCH_EXPORT_INCIDENTS:-100000}"
PG_ADMIN_URL="postgres://postgres@127.0.0.1:5432"
DB=opsflux_bench_transfer
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OPSFLUX_' || true)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench_transfer.sh: %s\n' "$*" >&2; exit 1; }

if ! "$ROOT/scripts/services.sh" --check >/dev/null 2>&1; then
    log "PostgreSQL or Redis is down: the import/export benchmark needs both; skipped"
    exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/opsflux-bench-transfer.XXXXXX")
cleanup() {
    psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    redis-cli --scan --pattern 'bench-transfer:*' 2>/dev/null | xargs -r redis-cli del >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${BENCH_BUILD:-1}" != 0 ]; then
    log "building release (opsflux, hse_bench, transfer_bench)"
    cargo build --release --locked -p opsflux --bin opsflux --example hse_bench --example transfer_bench
fi
BIN="$CARGO_TARGET_DIR/release/opsflux"
HSE_BENCH="$CARGO_TARGET_DIR/release/examples/hse_bench"
BENCH="$CARGO_TARGET_DIR/release/examples/transfer_bench"
[ -x "$BIN" ] && [ -x "$HSE_BENCH" ] && [ -x "$BENCH" ] || die "missing binaries (build them, or drop BENCH_BUILD=0)"

export OPSFLUX_ENV=development OPSFLUX_LOG_LEVEL=warn OPSFLUX_DATA_DIR="$WORK/data" OPSFLUX_METRICS_ADDR=off
export OPSFLUX_DATABASE_URL="$PG_ADMIN_URL/$DB" OPSFLUX_REDIS_URL="redis://127.0.0.1:6379" OPSFLUX_REDIS_PREFIX="bench-transfer:"
psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
log "migrating, seeding the demo and $INCIDENTS incidents"
{ "$BIN" migrate && "$BIN" seed-demo && "$HSE_BENCH" seed "$INCIDENTS"; } >"$WORK/seed.log" 2>&1 ||
    die "seeding failed: $(tail -5 "$WORK/seed.log")"
psql "$PG_ADMIN_URL/$DB" -qAt -c "ANALYZE" >/dev/null

log "importing $ROWS rows"
read -r _ import_s import_rate import_mb < <("$BENCH" import "$ROWS")
log "the batched-insert ceiling"
read -r _ ceiling_s ceiling_rate < <("$BENCH" ceiling "$ROWS")
log "exporting the incidents to XLSX"
read -r export_rows export_s export_rate export_mb < <("$BENCH" export)
read -r events occurrences expand_ms < <("$BENCH" expand 1000)

printf '\n%-44s %12s %10s %12s %14s\n' "import / export (PostgreSQL)" "rows" "seconds" "rows/s" "peak growth"
printf '%-44s %12s %10s %12s %11s MB\n' "import users (check, invite, audit, event)" "$ROWS" "$import_s" "$import_rate" "$import_mb"
printf '%-44s %12s %10s %12s %14s\n' "ceiling: batched INSERT of the same rows" "$ROWS" "$ceiling_s" "$ceiling_rate" "-"
printf '%-44s %12s %10s %12s %11s MB\n' "export incidents to XLSX" "${export_rows%.*}" "$export_s" "$export_rate" "$export_mb"
awk -v a="$import_rate" -v c="$ceiling_rate" 'BEGIN { printf "import at %.1f %% of the ceiling\n", 100 * a / c }'
awk -v e="$events" -v o="$occurrences" -v ms="$expand_ms" \
    'BEGIN { printf "calendar: %d recurring events over a year: %d occurrences in %d ms (%.0f occurrences/s)\n", e, o, ms, o / (ms > 0 ? ms : 1) * 1000 }'
