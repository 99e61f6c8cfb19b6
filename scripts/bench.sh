#!/usr/bin/env bash
# `make bench`: HTTP throughput and memory of OpsFlux against the bare-framework ceiling.
#
# Builds release, then starts in a temp dir:
#   hello     backend/examples/hello.rs, bare actix-web (the "framework ceiling")
#   sqlite    `opsflux serve`, embedded default (SQLite file, in-process cache/queue)
#   pg+redis  `opsflux serve` on PostgreSQL (fresh database opsflux_bench, dropped at
#             the end) + Redis (prefix bench:), only when scripts/services.sh --check
#             says both are up
# Before each `serve`: `opsflux migrate` and a superuser (`admin create-company` +
# `admin create-user`) for the routes that need sign-in. Then it prints each opsflux
# process's idle RSS, signs in (POST /api/v1/auth/login), seeds BENCH_COMPANIES
# companies, runs wrk on /health/live (hello and opsflux) and, with the bearer token,
# /api/v1/companies?limit=50, and prints one table.
#
# Also per mode: a module package's generic record list (the lifting inspections of the
# tests' example package, BENCH_RECORDS of them, 50 per page with one filter) beside the
# companies list, a compiled table (target ≥ 70 % of its requests/s). The list is read
# by the company's administrator (scope `company`, as the people who keep a register
# read it); the companies list needs the superuser (scope `all`), who also reads the
# records across companies in a row of its own.
#
# Also per mode: GET /api/v1/auth/me (wrk, bearer token) and sign-in / refresh load
# (backend/examples/auth_load.rs: wrk cannot chain single-use refresh tokens), with the
# argon2id parameters and time per hash.
#
# And the in-process cost of a permission check (backend/examples/perm_check.rs, ns/op):
# the grant lookup alone, and what the `Ctx` extractor pays per request with the
# embedded cache (version lookups + cached grants + lookup).
#
# And the hooks engine (backend/examples/hooks_bench.rs, one thread): events/s matched
# against 100 hooks' conditions, and `execute_code` scripts/s.
#
# And the notification fan-out (backend/examples/notify_fanout.rs): one notification to
# 10,000 people of a company with 1,000 of them holding the live stream open; time until
# every inbox row is committed and until every stream has it (target < 5 s on pg+redis).
#
# And delivery (backend/examples/delivery_load.rs, one worker per mode): webhooks/s to
# a local receiver, emails/s to the test SMTP sink (scripts/smtp_sink.py), and the
# outbox relay lag (commit → first try) under a steady 200 events/s.
#
# And sequence numbers (backend/examples/sequences_bench.rs): numbers/s when 32
# concurrent write transactions each take the next number of one sequence (they queue
# on its counter row until each commits), beside the same 32-way loop doing `SELECT 1`
# or an uncontended INSERT (the ceiling), on SQLite and on PostgreSQL.
#
# And uploads (backend/examples/upload_bench.rs): a 5 MB photo through POST /api/v1/files
# (streamed, scanned by a real clamd on the test signature database, re-encoded, stored)
# 8 at a time, and its thumbnail job: p50/p99, MB/s against putting the same bytes in
# the same store (the ceiling), and how much the process grew (target: less than
# 8 x 2 x the photo's size); on a local directory with SQLite, and on S3 (moto, from the
# test virtualenv) with PostgreSQL.
#
# Targets: /health/live >= 80 % of the ceiling's requests/s; idle RSS <= 40 MB;
# /auth/me >= 70 % of the same server's /health/live; permission check < 1 us;
# hook conditions >= 10000 events/s; webhooks >= 1000/s; relay lag p99 < 200 ms.
# It is a measurement, not a test: the exit status is 0 unless BENCH_STRICT=1 and a
# target is missed.
#
# Each target is measured BENCH_ROUNDS times, interleaved (hello, sqlite, pg+redis,
# hello, ...), and the table shows medians: on a small shared VM one run alone swings
# by +-20 %, as much as the effect we look for.
#
# Env: BENCH_SECONDS (per run, default 10), BENCH_ROUNDS (default 3),
#      BENCH_WARMUP (seconds, before each target's first run, default 2),
#      BENCH_THREADS (wrk -t, default 2), BENCH_CONNECTIONS (wrk -c, default 64),
#      BENCH_COMPANIES (default 200), BENCH_RECORDS (default 200), BENCH_PG=0 (skip the pg+redis mode),
#      BENCH_LOG_LEVEL (servers' OPSFLUX_LOG_LEVEL, default warn),
#      BENCH_STRICT=1, BENCH_BUILD=0 (use the binaries already built),
#      BENCH_WEBHOOKS (default 3000), BENCH_EMAILS (default 500),
#      BENCH_SEQ_SECONDS (per sequences loop, default 5), BENCH_SEQ_CONCURRENCY (default 32),
#      CARGO_TARGET_DIR (default ~/.cache/opsflux-target).
#
# CPU pinning: none (chosen after trying it). On 2 cores wrk and the server share the
# CPUs. `taskset -c 1 wrk` (-t1 or -t2) cut both servers' requests/s by 10-30 % and did
# not reduce the run-to-run noise; pinning the server too would leave it one worker.
# Both servers get the same treatment (same cores, wrk settings, warm-up, rounds), so
# the ratio to the ceiling stays meaningful though absolute numbers include wrk's cost.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-2}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
COMPANIES="${BENCH_COMPANIES:-200}"
RECORDS="${BENCH_RECORDS:-200}"
HEALTH_TARGET=80 # % of the ceiling's requests/s
ME_TARGET=70     # /auth/me, % of the same server's /health/live requests/s
RECORDS_TARGET=70 # a package's filtered record list, % of the companies list's requests/s
RSS_TARGET=40    # MB
PG_ADMIN_URL="postgres://postgres@127.0.0.1:5432"
BENCH_DB=opsflux_bench
REDIS_URL="redis://127.0.0.1:6379"
REDIS_PREFIX="bench:"
BENCH_EMAIL="bench@example.com"
BENCH_ADMIN_EMAIL="manager@example.com" # the bench company's administrator
# Random per run; must not contain the email's local part (password policy).
BENCH_PASSWORD="Kq7!vX2m-$RANDOM$RANDOM-load-run"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/opsflux-target}"

# The processes we start read OPSFLUX_* only from what this script sets.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OPSFLUX_' || true)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ cleanup

WORK=$(mktemp -d "${TMPDIR:-/tmp}/opsflux-bench.XXXXXX")
PIDS=()
PG_CREATED=0

redis_cleanup() {
    # Only our prefix; the shared Redis serves other tests at the same time.
    redis-cli -u "$REDIS_URL" --scan --pattern "${REDIS_PREFIX}*" 2>/dev/null |
        xargs -r redis-cli -u "$REDIS_URL" del >/dev/null 2>&1 || true
}

cleanup() {
    local status=$? pid f
    if [ "$status" -ne 0 ]; then
        # Failed: say which server died and show what the servers said.
        for pid in "${PIDS[@]}"; do
            if ! kill -0 "$pid" 2>/dev/null; then
                wait "$pid" 2>/dev/null && f=0 || f=$?
                printf 'process %s (%s) had exited, status %s\n' "$pid" "$(cat "$WORK/$pid.name" 2>/dev/null)" "$f" >&2
            fi
        done
        for f in "$WORK"/*.log; do
            [ -s "$f" ] || continue
            printf '\n--- %s (last lines)\n' "${f##*/}" >&2
            tail -n 15 "$f" >&2
        done
    fi
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$PG_CREATED" -eq 1 ]; then
        psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
        redis_cleanup
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ helpers

# A free TCP port on 127.0.0.1 (nothing answers on it), below Linux's ephemeral range
# (32768+): there, the delivery load's many client connections may hold the port.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12768))
        if ! (: >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# port_open PORT: something accepts connections on 127.0.0.1:PORT.
port_open() {
    (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_http NAME URL PID: until URL answers 2xx (60 s max), failing early if PID died.
wait_http() {
    local name=$1 url=$2 pid=$3 tries=240
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || die "$name exited; its log: $(tail -n 20 "$WORK/$name.log")"
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "$name: $url not ready after 60 s; log: $WORK/$name.log"
        sleep 0.25
    done
}

# Percentage of all CPUs' time spent busy over the next second (from /proc/stat).
cpu_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
        busy = y[1] - x[1]; idle = y[2] - x[2]
        printf "%d", (busy + idle > 0 ? 100 * busy / (busy + idle) : 0) }'
}

# Resident memory of a process in MB, from /proc/PID/status (VmRSS is in kB).
rss_mb() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# opsflux_argv MODE: sets OPSFLUX_ARGV to the command line running the opsflux binary
# with MODE's configuration in MODE's own temp dir (so no opsflux.toml of the repo is
# read). An array rather than a function: `"${OPSFLUX_ARGV[@]}" serve &` then makes $!
# the server's own pid (env execs it), which the RSS readings and kill need.
opsflux_argv() {
    local mode=$1 dir="$WORK/$1" port_var="PORT_$1"
    local -a store
    case $mode in
        sqlite) store=(OPSFLUX_DATABASE_URL="sqlite://$dir/opsflux.db?mode=rwc") ;;
        pgredis) store=(OPSFLUX_DATABASE_URL="$PG_ADMIN_URL/$BENCH_DB" OPSFLUX_REDIS_URL="$REDIS_URL"
            OPSFLUX_REDIS_PREFIX="$REDIS_PREFIX") ;;
    esac
    OPSFLUX_ARGV=(env -C "$dir"
        OPSFLUX_ENV=development OPSFLUX_HOST=127.0.0.1 OPSFLUX_PORT="${!port_var}" OPSFLUX_METRICS_ADDR=off
        OPSFLUX_HTTP_WORKERS=0 OPSFLUX_LOG_LEVEL="${BENCH_LOG_LEVEL:-warn}" OPSFLUX_LOG_FORMAT=json
        OPSFLUX_LOGIN_ATTEMPTS_PER_IP=1000000000 OPSFLUX_USER_RATE_LIMIT_PER_MINUTE=1000000000
        OPSFLUX_DATA_DIR="$dir/data" "${store[@]}" "$BIN")
}

# start_opsflux MODE: migrate, create the bench superuser, then `opsflux serve` on a
# free port; sets PORT_<MODE> and PID_<MODE> and waits for /health/ready.
start_opsflux() {
    local mode=$1 pid
    mkdir -p "$WORK/$mode"
    printf -v "PORT_$mode" '%s' "$(free_port)"
    opsflux_argv "$mode"
    {
        "${OPSFLUX_ARGV[@]}" migrate
        "${OPSFLUX_ARGV[@]}" admin create-company --name "Bench Tenant" --slug bench-tenant
        OPSFLUX_NEW_USER_PASSWORD="$BENCH_PASSWORD" "${OPSFLUX_ARGV[@]}" admin create-user \
            --email "$BENCH_EMAIL" --name "Bench Admin" --company bench-tenant --superuser
        OPSFLUX_NEW_USER_PASSWORD="$BENCH_PASSWORD" "${OPSFLUX_ARGV[@]}" admin create-user \
            --email "$BENCH_ADMIN_EMAIL" --name "Bench Manager" --company bench-tenant
    } >"$WORK/$mode.setup.log" 2>&1 || die "setting up $mode failed: $(tail -n 5 "$WORK/$mode.setup.log")"
    "${OPSFLUX_ARGV[@]}" serve >"$WORK/$mode.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    echo "$mode" >"$WORK/$pid.name"
    printf -v "PID_$mode" '%s' "$pid"
    local port_var="PORT_$mode"
    wait_http "$mode" "http://127.0.0.1:${!port_var}/health/ready" "$pid"
    # The RSS figures are only right if $pid is the server itself, not a wrapper shell.
    [ "$(readlink -f "/proc/$pid/exe")" = "$(readlink -f "$BIN")" ] || die "pid $pid is not the opsflux server"
}

# login BASE_URL [EMAIL]: prints a fresh access token (valid 15 min) of the bench
# superuser, or of EMAIL.
login() {
    curl -fsS -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"${2:-$BENCH_EMAIL}\",\"password\":\"$BENCH_PASSWORD\"}" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# json_pick FILTER: reads JSON on stdin, prints the first `id` of `items` whose FIELD
# equals VALUE (FILTER is "FIELD=VALUE").
json_pick() {
    python3 -c 'import json, sys
field, value = sys.argv[1].split("=", 1)
print(next(i["id"] for i in json.load(sys.stdin)["items"] if i[field] == value))' "$1"
}

# seed BASE_URL: POST $COMPANIES companies, so the list route returns full pages.
seed() {
    local base=$1 i code failed=0 token
    token=$(login "$base") || true
    [ -n "$token" ] || die "could not sign in on $base as $BENCH_EMAIL"
    for i in $(seq 1 "$COMPANIES"); do
        code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/companies" \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"name\":\"Bench Company $i\"}") || true
        [ "$code" = 201 ] || failed=$((failed + 1))
    done
    [ "$failed" -eq 0 ] || die "seeding $base: $failed of $COMPANIES POSTs were not 201"
    seed_records "$base" "$token"
}

# seed_records BASE_URL TOKEN: installs the example module package (the lifting
# inspections register of the tests), turns it on for the bench company and creates
# RECORDS inspections, a quarter of them cranes, so the filtered list returns full pages.
seed_records() {
    local base=$1 token=$2 i code failed=0 types=(crane hoist sling shackle)
    rm -f "$WORK/lifting.zip"
    (cd "$ROOT/backend/tests/fixtures/modules/lifting" && python3 -m zipfile -c "$WORK/lifting.zip" ./*)
    code=$(curl -sS -o "$WORK/install.json" -w '%{http_code}' -X POST "$base/api/v1/modules/packages" \
        -H "Authorization: Bearer $token" -F "file=@$WORK/lifting.zip") || true
    [ "$code" = 201 ] || die "installing the example package on $base: $code $(cat "$WORK/install.json")"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/modules/lifting/enable" \
        -H "Authorization: Bearer $token") || true
    [ "$code" = 200 ] || die "enabling the example package on $base: $code"
    local company_id user_id role_id
    # The superuser belongs to the bench company (the company list is 200 pages deep by now).
    company_id=$(curl -fsS "$base/api/v1/auth/me" -H "Authorization: Bearer $token" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["company"]["id"])')
    user_id=$(curl -fsS "$base/api/v1/users?limit=200&company_id=$company_id" -H "Authorization: Bearer $token" |
        json_pick email="$BENCH_ADMIN_EMAIL")
    role_id=$(curl -fsS "$base/api/v1/roles?company_id=$company_id" -H "Authorization: Bearer $token" | json_pick code=admin)
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "$base/api/v1/users/$user_id/roles/$role_id" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{}') || true
    [ "$code" = 204 ] || die "making $BENCH_ADMIN_EMAIL the bench company's administrator on $base: $code"
    for i in $(seq 1 "$RECORDS"); do
        code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/m/lifting/inspection" \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"data\":{\"equipment\":\"Bench equipment $i\",\"equipment_type\":\"${types[$((i % 4))]}\",\"due_date\":\"2027-01-31\",\"safe_working_load_kg\":$((i * 10))}}") || true
        [ "$code" = 201 ] || failed=$((failed + 1))
    done
    [ "$failed" -eq 0 ] || die "seeding $base: $failed of $RECORDS inspections were not 201"
}

# run_wrk ROUND LABEL URL [WRK_ARG...]: (warm up in round 1), then measure; appends
# "round label rps p50_ms p99_ms errors" to $WORK/results (latencies in ms whatever
# unit wrk printed).
run_wrk() {
    local round=$1 label=$2 url=$3 out
    shift 3
    log "round $round/$ROUNDS: wrk $label ($url)"
    if [ "$round" -eq 1 ] && [ "$WARMUP" -gt 0 ]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$url" >/dev/null
    fi
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url") ||
        die "wrk failed on $label ($url)"
    printf '%s\n' "$out" | awk -v round="$round" -v label="$label" '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        $1 == "50%"           { p50 = ms($2) }
        $1 == "99%"           { p99 = ms($2) }
        /^Requests\/sec:/     { rps = $2 }
        /Non-2xx or 3xx/      { errors += $NF }
        /Socket errors:/      { for (i = 4; i <= NF; i += 2) errors += $i }
        END { printf "%s\t%s\t%s\t%.2f\t%.2f\t%d\n", round, label, rps, p50, p99, errors }
    ' >>"$WORK/results"
}

mode_name() { case $1 in sqlite) echo "sqlite" ;; pgredis) echo "pg+redis" ;; esac; }

# ------------------------------------------------------------------ build & start

if [ "${BENCH_BUILD:-1}" != 0 ]; then
    log "building release (opsflux + hello example)"
    cargo build --release -p opsflux --bin opsflux --example hello --example auth_load --example perm_check --example delivery_load --example hooks_bench \
        --example notify_fanout --example sequences_bench --example upload_bench
fi
BIN="$CARGO_TARGET_DIR/release/opsflux"
HELLO="$CARGO_TARGET_DIR/release/examples/hello"
AUTH_LOAD="$CARGO_TARGET_DIR/release/examples/auth_load"
PERM_CHECK="$CARGO_TARGET_DIR/release/examples/perm_check"
DELIVERY_LOAD="$CARGO_TARGET_DIR/release/examples/delivery_load"
HOOKS_BENCH="$CARGO_TARGET_DIR/release/examples/hooks_bench"
NOTIFY_FANOUT="$CARGO_TARGET_DIR/release/examples/notify_fanout"
SEQUENCES_BENCH="$CARGO_TARGET_DIR/release/examples/sequences_bench"
UPLOAD_BENCH="$CARGO_TARGET_DIR/release/examples/upload_bench"
{ [ -x "$BIN" ] && [ -x "$HELLO" ] && [ -x "$AUTH_LOAD" ] && [ -x "$PERM_CHECK" ] && [ -x "$DELIVERY_LOAD" ] &&
    [ -x "$HOOKS_BENCH" ] && [ -x "$NOTIFY_FANOUT" ] && [ -x "$SEQUENCES_BENCH" ]; } ||
    die "missing $BIN or an example (build them, or drop BENCH_BUILD=0)"

log "timing the in-process permission check"
PERM_NS=$("$PERM_CHECK" 2>"$WORK/perm_check.err") || die "perm_check: $(cat "$WORK/perm_check.err")"

log "timing the hooks engine"
HOOKS_RATES=$("$HOOKS_BENCH" 2>"$WORK/hooks_bench.err") || die "hooks_bench: $(cat "$WORK/hooks_bench.err")"

OPSFLUX_TEST_PYTHON=$("$ROOT/scripts/tools.sh" python | sed -n 's/^python: //p')
export OPSFLUX_TEST_PYTHON
DELIVERY_MODES=(sqlite)
if [ "${BENCH_PG:-1}" != 0 ] && "$ROOT/scripts/services.sh" --check >/dev/null 2>&1; then
    DELIVERY_MODES+=(pgredis)
fi
: >"$WORK/delivery"
for mode in "${DELIVERY_MODES[@]}"; do
    log "delivery load ($mode): ${BENCH_WEBHOOKS:-3000} webhooks, ${BENCH_EMAILS:-500} emails"
    "$DELIVERY_LOAD" "$mode" "${BENCH_WEBHOOKS:-3000}" "${BENCH_EMAILS:-500}" 2>"$WORK/delivery.err" |
        sed "s/^/$mode\t/" >>"$WORK/delivery" || die "delivery_load: $(tail -5 "$WORK/delivery.err")"
done
: >"$WORK/fanout"
for mode in "${DELIVERY_MODES[@]}"; do
    log "notification fan-out ($mode): ${BENCH_FANOUT_PEOPLE:-10000} people, ${BENCH_FANOUT_STREAMS:-1000} open streams"
    "$NOTIFY_FANOUT" "$mode" "${BENCH_FANOUT_PEOPLE:-10000}" "${BENCH_FANOUT_STREAMS:-1000}" 2>"$WORK/fanout.err" |
        sed "s/^/$mode\t/" >>"$WORK/fanout" || die "notify_fanout: $(tail -5 "$WORK/fanout.err")"
done
: >"$WORK/sequences"
for mode in "${DELIVERY_MODES[@]}"; do
    db=$mode
    [ "$mode" = pgredis ] && db=postgres # numbers need no Redis
    log "sequence numbers ($db): ${BENCH_SEQ_CONCURRENCY:-32} concurrent transactions"
    "$SEQUENCES_BENCH" "$db" "${BENCH_SEQ_SECONDS:-5}" "${BENCH_SEQ_CONCURRENCY:-32}" 2>"$WORK/sequences.err" |
        sed "s/^/$db\t/" >>"$WORK/sequences" || die "sequences_bench: $(tail -5 "$WORK/sequences.err")"
done

# Uploads: a clamd on the test signature database, and moto for S3.
CLAMAV_DB=$("$ROOT/scripts/tools.sh" clamav | sed -n 's/^clamav: //p')
CLAMD_PORT=$(free_port)
printf 'DatabaseDirectory %s\nTCPSocket %s\nTCPAddr 127.0.0.1\nForeground yes\nStreamMaxLength 100M\nLogFile %s\nTemporaryDirectory %s\n' \
    "$CLAMAV_DB" "$CLAMD_PORT" "$WORK/clamd.log" "$WORK" >"$WORK/clamd.conf"
clamd -c "$WORK/clamd.conf" >/dev/null 2>&1 &
PIDS+=("$!")
echo clamd >"$WORK/$!.name"
for _ in $(seq 1 100); do port_open "$CLAMD_PORT" && break; sleep 0.1; done
: >"$WORK/uploads"
log "uploads (local directory, SQLite): 5 MB photos, 8 at a time"
"$UPLOAD_BENCH" local "tcp://127.0.0.1:$CLAMD_PORT" 2>"$WORK/uploads.err" |
    sed "s/^/local\t/" >>"$WORK/uploads" || die "upload_bench: $(tail -5 "$WORK/uploads.err")"
if [[ " ${DELIVERY_MODES[*]} " == *" pgredis "* ]]; then
    S3_PORT=$(free_port)
    "$(dirname "$OPSFLUX_TEST_PYTHON")/moto_server" -p "$S3_PORT" >"$WORK/moto.log" 2>&1 &
    PIDS+=("$!")
    echo moto_server >"$WORK/$!.name"
    for _ in $(seq 1 100); do port_open "$S3_PORT" && break; sleep 0.1; done
    curl -fsS -X PUT "http://127.0.0.1:$S3_PORT/opsflux-bench" >/dev/null
    log "uploads (S3, PostgreSQL): 5 MB photos, 8 at a time"
    "$UPLOAD_BENCH" s3 "tcp://127.0.0.1:$CLAMD_PORT" \
        "s3://opsflux-bench?endpoint=http://127.0.0.1:$S3_PORT&region=us-east-1&access_key_id=test&secret_access_key=test&allow_http=true" \
        2>"$WORK/uploads.err" | sed "s/^/s3\t/" >>"$WORK/uploads" || die "upload_bench: $(tail -5 "$WORK/uploads.err")"
fi

"$ROOT/scripts/tools.sh" wrk >/dev/null

MODES=(sqlite)
if [ "${BENCH_PG:-1}" != 0 ] && "$ROOT/scripts/services.sh" --check >/dev/null 2>&1; then
    MODES+=(pgredis)
else
    log "PostgreSQL or Redis not up (or BENCH_PG=0): skipping the pg+redis mode"
fi

log "starting hello (framework ceiling)"
PORT_hello=$(free_port)
PORT="$PORT_hello" "$HELLO" >"$WORK/hello.log" 2>&1 &
PIDS+=("$!")
wait_http hello "http://127.0.0.1:$PORT_hello/health/live" "$!"

log "starting opsflux serve (sqlite)"
start_opsflux sqlite

if [[ " ${MODES[*]} " == *" pgredis "* ]]; then
    log "starting opsflux serve (pg+redis, database $BENCH_DB)"
    PGOPTIONS='-c client_min_messages=warning' \
        psql "$PG_ADMIN_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
    psql "$PG_ADMIN_URL/postgres" -qAt -c "CREATE DATABASE $BENCH_DB" >/dev/null
    PG_CREATED=1
    redis_cleanup
    start_opsflux pgredis
fi

# ------------------------------------------------------------------ measure

declare -A RSS_IDLE RSS_LOADED
for mode in "${MODES[@]}"; do
    pid_var="PID_$mode"
    RSS_IDLE[$mode]=$(rss_mb "${!pid_var}")
    log "idle RSS $(mode_name "$mode"): ${RSS_IDLE[$mode]} MB (target ≤ $RSS_TARGET MB)"
done

for mode in "${MODES[@]}"; do
    port_var="PORT_$mode"
    log "seeding $COMPANIES companies ($mode)"
    seed "http://127.0.0.1:${!port_var}"
done
# The planner's statistics, as autovacuum keeps them on a live database: right after the
# seeding it would still plan for empty tables (a package's filtered list then runs a
# nested loop over every row: 9 % of the companies list's requests/s instead of 55 %).
if [[ " ${MODES[*]} " == *" pgredis "* ]]; then
    psql "$PG_ADMIN_URL/$BENCH_DB" -qc ANALYZE
fi

# Our servers are idle now: CPU used over 1 s is someone else's (a build, tests...).
CPU_BEFORE=$(cpu_busy)
if [ "$CPU_BEFORE" -gt 15 ]; then
    log "warning: other processes use ${CPU_BEFORE} % of the CPUs; the numbers will be noisy"
fi

: >"$WORK/results"
# The /health/live runs follow the ceiling's run directly, so each round's ratio
# compares runs made under the same machine conditions.
for round in $(seq 1 "$ROUNDS"); do
    run_wrk "$round" hello "http://127.0.0.1:$PORT_hello/health/live"
    for mode in "${MODES[@]}"; do
        port_var="PORT_$mode"
        run_wrk "$round" "$mode-live" "http://127.0.0.1:${!port_var}/health/live"
    done
    for mode in "${MODES[@]}"; do
        port_var="PORT_$mode"
        base="http://127.0.0.1:${!port_var}"
        token=$(login "$base") || true # fresh each round: access tokens live 15 min
        [ -n "$token" ] || die "could not sign in on $base"
        run_wrk "$round" "$mode-list" "$base/api/v1/companies?limit=50" -H "Authorization: Bearer $token"
        manager_token=$(login "$base" "$BENCH_ADMIN_EMAIL") || true
        [ -n "$manager_token" ] || die "could not sign in on $base as $BENCH_ADMIN_EMAIL"
        run_wrk "$round" "$mode-records" "$base/api/v1/m/lifting/inspection?limit=50&equipment_type=crane" \
            -H "Authorization: Bearer $manager_token"
        run_wrk "$round" "$mode-records-all" "$base/api/v1/m/lifting/inspection?limit=50&equipment_type=crane" \
            -H "Authorization: Bearer $token"
        run_wrk "$round" "$mode-me" "$base/api/v1/auth/me" -H "Authorization: Bearer $token"
        log "round $round/$ROUNDS: sign-in and refresh load ($mode)"
        CONCURRENCY="$CONNECTIONS" SECONDS="$DURATION" "$AUTH_LOAD" "$base" "$BENCH_EMAIL" "$BENCH_PASSWORD" \
            "$round" "$mode" >>"$WORK/results" 2>"$WORK/auth_load.err" || die "auth_load: $(cat "$WORK/auth_load.err")"
    done
done
HASHING=$(cat "$WORK/auth_load.err")
for mode in "${MODES[@]}"; do
    pid_var="PID_$mode"
    RSS_LOADED[$mode]=$(rss_mb "${!pid_var}")
done

# Per label: median req/s, p50, p99 over the rounds, errors summed, and the median of
# the per-round ratios to that round's ceiling (paired, so drifts in machine load
# cancel out) -> $WORK/summary: "label rps p50 p99 errors ratio%".
awk -F'\t' '
    function median(list,   n, v, i, j, t) {
        n = split(list, v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { round[NR] = $1; label[NR] = $2; value[NR] = $3
      rps[$2] = rps[$2] " " $3; p50[$2] = p50[$2] " " $4; p99[$2] = p99[$2] " " $5; err[$2] += $6
      if ($2 == "hello") ceiling[$1] = $3 }
    END {
        for (i = 1; i <= NR; i++) if (ceiling[round[i]] > 0) ratio[label[i]] = ratio[label[i]] " " 100 * value[i] / ceiling[round[i]]
        for (l in rps) printf "%s\t%s\t%s\t%s\t%d\t%s\n", l, median(rps[l]), median(p50[l]), median(p99[l]), err[l], median(ratio[l])
    }
' "$WORK/results" >"$WORK/summary"

# ------------------------------------------------------------------ report

missed=0

# row TARGET LABEL CHECK: one wrk line of the table; CHECK=health applies the ratio target.
row() {
    awk -F'\t' -v label="$2" -v target="$1" -v check="$3" -v min="$HEALTH_TARGET" '
        $1 == label {
            ratio = $6
            mark = ""
            if (check == "health") mark = (ratio >= min ? "PASS" : "FAIL") " (≥ " min " % of ceiling)"
            if ($5 > 0) mark = mark " " $5 " errors/non-2xx!"
            printf "%-40s %10.0f %9.2f %9.2f %8.1f %%  %s\n", target, $2, $3, $4, ratio, mark
            if (check == "health" && ratio < min) exit 1
        }' "$WORK/summary"
}

rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
echo
echo "OpsFlux bench  git $rev  $(nproc) cores  CPU busy before: $CPU_BEFORE %  $COMPANIES companies"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; medians of $ROUNDS interleaved rounds (vs hello: median of per-round ratios)"
echo "Targets: /health/live ≥ $HEALTH_TARGET % of ceiling (req/s); idle RSS ≤ $RSS_TARGET MB;"
echo "         /auth/me ≥ $ME_TARGET % of the same mode's /health/live (req/s)"
echo "Sign-in cost: $HASHING"
echo
printf '%-40s %10s %9s %9s %10s  %s\n' target 'req/s' 'p50 ms' 'p99 ms' 'vs hello' check
printf '%-40s %10s %9s %9s %10s  %s\n' ---------------------------------------- ---------- --------- --------- ---------- -----
row "hello  GET /health/live (ceiling)" hello none
for mode in "${MODES[@]}"; do
    name=$(mode_name "$mode")
    row "$name GET /health/live" "$mode-live" health || missed=1
    row "$name GET /api/v1/companies?limit=50" "$mode-list" none
    list_ratio=$(awk -F'\t' -v m="$mode" '$1 == m "-live" { live = $2 } $1 == m "-list" { list = $2 }
        END { r = 0; if (live > 0) r = 100 * list / live; printf "%.1f", r }' "$WORK/summary")
    printf '%-40s %10s\n' "  companies list vs $name /health/live" "$list_ratio %"
    row "$name GET /api/v1/m/…/inspection?filter" "$mode-records" none
    row "  the same, superuser (all companies)" "$mode-records-all" none
    records_ratio=$(awk -F'\t' -v m="$mode" '$1 == m "-list" { list = $2 } $1 == m "-records" { records = $2 }
        END { r = 0; if (list > 0) r = 100 * records / list; printf "%.1f", r }' "$WORK/summary")
    if awk -v r="$records_ratio" -v t="$RECORDS_TARGET" 'BEGIN { exit !(r >= t) }'; then mark=PASS; else mark=FAIL; missed=1; fi
    printf '%-40s %10s %9s %9s %10s  %s\n' "  package records vs companies list" "$records_ratio %" '' '' '' "$mark (≥ $RECORDS_TARGET %)"
    row "$name GET /api/v1/auth/me" "$mode-me" none
    me_ratio=$(awk -F'\t' -v m="$mode" '$1 == m "-live" { live = $2 } $1 == m "-me" { me = $2 }
        END { r = 0; if (live > 0) r = 100 * me / live; printf "%.1f", r }' "$WORK/summary")
    if awk -v r="$me_ratio" -v t="$ME_TARGET" 'BEGIN { exit !(r >= t) }'; then mark=PASS; else mark=FAIL; missed=1; fi
    printf '%-40s %10s %9s %9s %10s  %s\n' "  /auth/me vs $name /health/live" "$me_ratio %" '' '' '' "$mark (≥ $ME_TARGET %)"
    row "$name POST /api/v1/auth/login" "$mode-login" none
    row "$name POST /api/v1/auth/refresh" "$mode-refresh" none
    rss=${RSS_IDLE[$mode]}
    if awk -v r="$rss" -v t="$RSS_TARGET" 'BEGIN { exit !(r <= t) }'; then mark=PASS; else mark=FAIL; missed=1; fi
    printf '%-40s %10s %9s %9s %10s  %s\n' "$name idle RSS (after load: ${RSS_LOADED[$mode]} MB)" "$rss MB" '' '' '' "$mark (≤ $RSS_TARGET MB)"
done

echo
printf '%-40s %10s %12s  %s\n' 'in-process permission check' 'ns/op' iterations check
while IFS=$'\t' read -r label ns iterations; do
    case $label in
    require) what="EffectivePermissions::require" ;;
    effective) what="cache::effective + require (per request)" ;;
    *) what=$label ;;
    esac
    if awk -v n="$ns" 'BEGIN { exit !(n < 1000) }'; then mark="PASS (< 1000 ns)"; else mark="FAIL (< 1000 ns)"; missed=1; fi
    printf '%-40s %10s %12s  %s\n' "$what" "$ns" "$iterations" "$mark"
done <<<"$PERM_NS"

echo
printf '%-40s %10s %12s  %s\n' 'hooks engine (one thread)' 'per s' count check
while IFS=$'\t' read -r label rate count; do
    case $label in
    conditions) what="events through 100 hooks' conditions" target=10000 ;;
    scripts) what="execute_code scripts" target="" ;;
    *) what=$label target="" ;;
    esac
    mark=""
    if [ -n "$target" ]; then
        if awk -v r="$rate" -v t="$target" 'BEGIN { exit !(r >= t) }'; then mark="PASS (>= $target)"; else mark="FAIL (>= $target)"; missed=1; fi
    fi
    printf '%-40s %10s %12s  %s\n' "$what" "$rate" "$count" "$mark"
done <<<"$HOOKS_RATES"

echo
printf '%-40s %10s %12s  %s\n' 'delivery (one worker)' value count check
while IFS=$'\t' read -r mode label value count; do
    name=$(mode_name "$mode")
    case $label in
    webhooks) what="$name webhooks/s" target=">= 1000" ;;
    emails) what="$name emails/s (SMTP sink)" target="" ;;
    lag_p50_ms) what="$name relay lag p50 ms" target="" ;;
    lag_p99_ms) what="$name relay lag p99 ms" target="< 200" ;;
    *) what="$name $label" target="" ;;
    esac
    mark=""
    if [ -n "$target" ]; then
        if awk -v v="$value" -v t="$target" 'BEGIN { split(t, p, " "); exit !((p[1] == ">=" && v >= p[2]) || (p[1] == "<" && v < p[2])) }'; then
            mark="PASS ($target)"
        else
            mark="FAIL ($target)"
            missed=1
        fi
    fi
    printf '%-40s %10s %12s  %s\n' "$what" "$value" "$count" "$mark"
done <"$WORK/delivery"

echo
printf '%-40s %10s %12s  %s\n' 'one notification to many people' ms count check
while IFS=$'\t' read -r mode label ms count; do
    name=$(mode_name "$mode")
    case $label in
    rows) what="$name inbox rows committed" target="" ;;
    streams) what="$name every open stream has it" target=5000 ;;
    *) what="$name $label" target="" ;;
    esac
    mark=""
    if [ -n "$target" ] && [ "$mode" = pgredis ]; then
        if [ "$ms" -lt "$target" ]; then mark="PASS (< $target ms)"; else mark="FAIL (< $target ms)"; missed=1; fi
    fi
    printf '%-40s %10s %12s  %s\n' "$what" "$ms" "$count" "$mark"
done <"$WORK/fanout"

echo
printf '%-40s %10s %12s %9s %9s %10s\n' "numbers, ${BENCH_SEQ_CONCURRENCY:-32} concurrent transactions" 'per s' count 'p50 ms' 'p99 ms' 'vs insert'
awk -F'\t' '
    $2 == "insert" { ceiling[$1] = $3 }
    { rows[NR] = $0 }
    END {
        for (i = 1; i <= NR; i++) {
            split(rows[i], f, "\t")
            what = f[1] " " (f[2] == "select1" ? "SELECT 1 + commit" : f[2] == "insert" ? "INSERT + commit (ceiling)" : "sequences::next + commit")
            ratio = ceiling[f[1]] > 0 ? sprintf("%.1f %%", 100 * f[3] / ceiling[f[1]]) : ""
            printf "%-40s %10s %12s %9s %9s %10s\n", what, f[3], f[4], f[5], f[6], ratio
        }
    }' "$WORK/sequences"

echo
printf '%-40s %10s %s\n' "uploads of a 5 MB photo, 8 at a time" value unit
awk -F'\t' '
    { value[$1, $2] = $3; unit[$1, $2] = $4; if (!($1 in seen)) { seen[$1] = 1; stores[++n] = $1 } }
    END {
        for (i = 1; i <= n; i++) {
            s = stores[i]
            split("photo upload_p50 upload_p99 thumbnail upload_throughput store_copy_throughput peak_rss_growth rss_budget", names, " ")
            for (j = 1; j <= 8; j++) printf "%-40s %10s %s\n", s " " names[j], value[s, names[j]], unit[s, names[j]]
            if (value[s, "store_copy_throughput"] > 0)
                printf "%-40s %9.1f %% %s\n", s " upload vs store copy", 100 * value[s, "upload_throughput"] / value[s, "store_copy_throughput"], ""
            printf "%-40s %10s\n", s " RSS target (growth < budget)", (value[s, "peak_rss_growth"] + 0 < value[s, "rss_budget"] + 0) ? "PASS" : "FAIL"
        }
    }' "$WORK/uploads"

if [ "$missed" -eq 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
