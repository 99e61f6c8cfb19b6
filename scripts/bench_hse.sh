#!/usr/bin/env bash
# `make bench`, HSE part: the module at volume on PostgreSQL + Redis (skipped when they
# are down). The release `opsflux serve` on a fresh database (opsflux_bench_hse, dropped
# at the end) with the demo (`seed-demo`: its people, sites, hours, 200 incidents) and
# BENCH_INCIDENTS more (default 10,000, backend/examples/hse_bench.rs), then, in
# BENCH_ROUNDS interleaved rounds of BENCH_SECONDS:
#   list (company)  GET /api/v1/hse/incidents?limit=50 as the HSE manager, wrk -c64
#   list ceiling    the same list query in-process (hse_bench ceiling: sea-orm, no
#                   HTTP, auth or JSON), 64 tasks: the raw ceiling
#   list (own)      the same route as a field worker (scope own), wrk -c64
#   kpis            GET /api/v1/hse/kpis (last 12 months), wrk -c8
# then the KPIs right after a report (21 times, one at a time: the figures the cache
# keeps are read again), then BENCH_ROUNDS of
#   create          POST /api/v1/hse/incidents without photos, wrk -c32
# (last, so the KPIs count the seeded incidents only), and the PDF of one incident with
# 5 photos (median of 5 downloads).
# Targets: list >= 40 % of the ceiling and p99 < 25 ms; create p99 < 50 ms; KPIs p99 <
# 100 ms. A measurement, not a test: exit 0 unless BENCH_STRICT=1 and a target is missed.
#
# Env: BENCH_SECONDS (default 10), BENCH_ROUNDS (3), BENCH_INCIDENTS (10000),
#      BENCH_BUILD=0 (use the binaries already built), BENCH_STRICT=1, CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DURATION="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-3}"
INCIDENTS="${BENCH_INCIDENTS:-10000}"
PG_ADMIN_URL="postgres://postgres@127.0.0.1:5432"
DB=opsflux_bench_hse
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OPSFLUX_' || true)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench_hse.sh: %s\n' "$*" >&2; exit 1; }

if ! "$ROOT/scripts/services.sh" --check >/dev/null 2>&1; then
    log "PostgreSQL or Redis is down: the HSE benchmark needs both; skipped"
    exit 0
fi
command -v wrk >/dev/null || "$ROOT/scripts/tools.sh" wrk >/dev/null

WORK=$(mktemp -d "${TMPDIR:-/tmp}/opsflux-bench-hse.XXXXXX")
PID=
cleanup() {
    [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
    psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    redis-cli --scan --pattern 'bench-hse:*' 2>/dev/null | xargs -r redis-cli del >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${BENCH_BUILD:-1}" != 0 ]; then
    log "building release (opsflux + hse_bench)"
    cargo build --release --locked -p opsflux --bin opsflux --example hse_bench
fi
BIN="$CARGO_TARGET_DIR/release/opsflux"
HSE_BENCH="$CARGO_TARGET_DIR/release/examples/hse_bench"
[ -x "$BIN" ] && [ -x "$HSE_BENCH" ] || die "missing $BIN or $HSE_BENCH (build them, or drop BENCH_BUILD=0)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export OPSFLUX_ENV=development OPSFLUX_HOST=127.0.0.1 OPSFLUX_PORT="$port" OPSFLUX_METRICS_ADDR=off
export OPSFLUX_LOG_LEVEL=warn OPSFLUX_DATA_DIR="$WORK/data" OPSFLUX_DATABASE_URL="$PG_ADMIN_URL/$DB"
export OPSFLUX_REDIS_URL="redis://127.0.0.1:6379" OPSFLUX_REDIS_PREFIX="bench-hse:"
export OPSFLUX_LOGIN_ATTEMPTS_PER_IP=1000000000 OPSFLUX_USER_RATE_LIMIT_PER_MINUTE=1000000000
psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
log "migrating and seeding the demo, then $INCIDENTS more incidents"
{ "$BIN" migrate && "$BIN" seed-demo && "$HSE_BENCH" seed "$INCIDENTS"; } >"$WORK/seed.log" 2>&1 ||
    die "seeding failed: $(tail -5 "$WORK/seed.log")"
psql "$PG_ADMIN_URL/$DB" -qAt -c "ANALYZE" >/dev/null
"$BIN" serve >"$WORK/serve.log" 2>&1 &
PID=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null && break; sleep 0.25; done
curl -fsS -o /dev/null "$base/health/ready" || die "the server did not start: $(tail -5 "$WORK/serve.log")"

password=$(sed -n 2p "$WORK/data/demo-admin.txt")
login() {
    curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$password\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
manager=$(login hse.manager@demo.opsflux.localhost)
worker=$(login field.worker@demo.opsflux.localhost)
[ -n "$manager" ] && [ -n "$worker" ] || die "the demo people could not sign in"

# An incident with 5 photos (1600×1200 of noise: a photo's weight), for the PDF.
photo_ids=()
for n in 1 2 3 4 5; do
    python3 - "$WORK/photo$n.png" <<'PY'
import os, struct, sys, zlib
w, h = 1600, 1200
rows = b"".join(b"\x00" + os.urandom(w * 3) for _ in range(h))
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
header = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
PY
    id=$(curl -fsS -X POST "$base/api/v1/files?purpose=hse.photo" -H "Authorization: Bearer $worker" \
        -F "file=@$WORK/photo$n.png" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || die "uploading photo $n failed"
    photo_ids+=("\"$id\"")
done
occurred=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
report() {
    printf '{"title":"Bench report from the pipe deck","description":"A load shifted during a routine lift on the pipe deck.","severity":"medium","incident_type":"near_miss","occurred_at":"%s","location":"Pipe deck"%s}' \
        "$occurred" "$1"
}
incident=$(curl -fsS -X POST "$base/api/v1/hse/incidents" -H "Authorization: Bearer $worker" \
    -H 'Content-Type: application/json' -d "$(report ",\"photo_ids\":[$(IFS=,; echo "${photo_ids[*]}")]")" |
    sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
[ -n "$incident" ] || die "reporting the incident with photos failed"
pdf_ms=()
for _ in 1 2 3 4 5; do
    pdf_ms+=("$(curl -fsS -o "$WORK/incident.pdf" -w '%{time_total}' "$base/api/v1/hse/incidents/$incident/pdf" \
        -H "Authorization: Bearer $manager" | awk '{ printf "%.0f", $1 * 1000 }')")
done
pdf_median=$(printf '%s\n' "${pdf_ms[@]}" | sort -n | sed -n 3p)
pdf_kb=$(( $(stat -c %s "$WORK/incident.pdf") / 1024 ))

cat >"$WORK/create.lua" <<LUA
wrk.method = "POST"
wrk.body = '$(report "")'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $worker"
LUA

# run_wrk ROUND LABEL CONNECTIONS URL [WRK_ARG...]: appends "label rps p50 p99 errors".
run_wrk() {
    local round=$1 label=$2 connections=$3 url=$4
    shift 4
    log "round $round/$ROUNDS: $label"
    [ "$round" -eq 1 ] && wrk -t2 -c"$connections" -d2s "$@" "$url" >/dev/null
    wrk -t2 -c"$connections" -d"${DURATION}s" --latency "$@" "$url" | awk -v label="$label" '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx/ { errors += $NF }
        /Socket errors:/ { for (i = 4; i <= NF; i += 2) errors += $i }
        END { printf "%s\t%s\t%.2f\t%.2f\t%d\n", label, rps, p50, p99, errors }' >>"$WORK/results"
}
: >"$WORK/results"
list="$base/api/v1/hse/incidents?limit=50"
for round in $(seq 1 "$ROUNDS"); do
    run_wrk "$round" "list (company)" 64 "$list" -H "Authorization: Bearer $manager"
    log "round $round/$ROUNDS: list ceiling"
    "$HSE_BENCH" ceiling "$DURATION" 64 | awk '{ printf "list ceiling\t%s\t%s\t%s\t0\n", $1, $3, $4 }' >>"$WORK/results"
    run_wrk "$round" "list (own)" 64 "$list" -H "Authorization: Bearer $worker"
    run_wrk "$round" "kpis" 8 "$base/api/v1/hse/kpis" -H "Authorization: Bearer $manager"
done
# The KPIs as the first reader after a change gets them (the incident figures read
# again, not kept): a report, then the KPIs, one after the other.
kpi_fresh_ms=()
for _ in $(seq 1 21); do
    curl -fsS -o /dev/null -X POST "$base/api/v1/hse/incidents" -H "Authorization: Bearer $worker" \
        -H 'Content-Type: application/json' -d "$(report "")"
    kpi_fresh_ms+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$base/api/v1/hse/kpis" \
        -H "Authorization: Bearer $manager" | awk '{ printf "%.1f", $1 * 1000 }')")
done
kpi_fresh=$(printf '%s\n' "${kpi_fresh_ms[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%s ms median, %s ms slowest", v[int((NR + 1) / 2)], v[NR] }')
# Reports last: each adds an incident, and the KPIs above are over the seeded ones.
for round in $(seq 1 "$ROUNDS"); do
    run_wrk "$round" "create" 32 "$base/api/v1/hse/incidents" -s "$WORK/create.lua"
done

# Medians per label; the list's share of the ceiling; each target.
awk -F'\t' -v strict="${BENCH_STRICT:-0}" -v fresh="$kpi_fresh" -v pdf="$pdf_median" -v kb="$pdf_kb" -v n="$INCIDENTS" '
    function median(list,   v, k, i, j, t) {
        k = split(list, v, " ")
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return v[int((k + 1) / 2)]
    }
    { rps[$1] = rps[$1] " " $2; p50[$1] = p50[$1] " " $3; p99[$1] = p99[$1] " " $4; err[$1] += $5; order[$1] = NR }
    END {
        printf "\nHSE on pg+redis, %d + 200 incidents; medians of rounds\n", n
        printf "%-16s %10s %9s %9s %7s\n", "", "req/s", "p50 ms", "p99 ms", "errors"
        split("list (company)|list ceiling|list (own)|create|kpis", labels, "|")
        for (i = 1; i <= 5; i++) { l = labels[i]; printf "%-16s %10.0f %9.2f %9.2f %7d\n", l, median(rps[l]), median(p50[l]), median(p99[l]), err[l] }
        share = 100 * median(rps["list (company)"]) / median(rps["list ceiling"])
        printf "\nlist (company) = %.1f %% of the ceiling (target >= 40 %%), p99 %.2f ms (target < 25)\n", share, median(p99["list (company)"])
        printf "create p99 %.2f ms (target < 50); kpis p99 %.2f ms (target < 100)\n", median(p99["create"]), median(p99["kpis"])
        printf "kpis right after a report (figures read again), one at a time: %s\n", fresh
        printf "PDF of one incident with 5 photos: %d ms (median of 5), %d KB\n", pdf, kb
        missed = share < 40 || median(p99["list (company)"]) >= 25 || median(p99["create"]) >= 50 || median(p99["kpis"]) >= 100
        for (l in err) if (err[l] > 0) { printf "%s: %d errors\n", l, err[l]; missed = 1 }
        if (missed) print "a target is missed"
        exit (strict == 1 && missed) ? 1 : 0
    }' "$WORK/results"
