#!/usr/bin/env bash
# (shellcheck: functions are called indirectly through ensure(); /etc/postgresql holds only version names.)
# shellcheck disable=SC2317,SC2012
# Make sure the local test peers are up: PostgreSQL (127.0.0.1:5432, trust auth,
# user `postgres`, database `test`) and Redis (127.0.0.1:6379).
#
#   scripts/services.sh           ensure both are up (install/configure/start as needed)
#   scripts/services.sh --check   only report; exit 1 if one is down
#
# Idempotent: a service whose port already answers is left alone, so on a machine
# where both run this is a quick no-op. It never stops anything.
# Env: SERVICES_TIMEOUT (seconds to wait for each service, default 30);
#      PG_PORT / REDIS_PORT override the ports (defaults 5432 / 6379).
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"          # the port the cluster is configured with
REDIS_HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
TIMEOUT="${SERVICES_TIMEOUT:-30}"
HBA_MARK="# opsflux: trust local TCP connections (scripts/services.sh)"

log() { printf '%s\n' "$*"; }
die() { printf 'services.sh: %s\n' "$*" >&2; exit 1; }

# Run as root: directly if we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Run as the `postgres` OS user (peer auth on the local socket works whatever pg_hba says).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# True if something accepts TCP connections on host:port (bash /dev/tcp, 2 s max).
port_open() {
    timeout 2 bash -c ": >/dev/tcp/$1/$2" 2>/dev/null
}

# ---------------------------------------------------------------- PostgreSQL

pg_answers() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
    else
        port_open "$PG_HOST" "$PG_PORT"
    fi
}

pg_installed() {
    command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(pg_version)" ]
}

# Newest cluster version under /etc/postgresql (e.g. 15), empty if none.
pg_version() {
    ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

pg_start() {
    as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main start
}

# Trust auth for 127.0.0.1 / ::1 (first matching pg_hba line wins, so prepend), and
# database `test`. Both steps are no-ops when already done.
pg_configure() {
    local hba
    hba="/etc/postgresql/$(pg_version)/main/pg_hba.conf"
    # Skip the pg_hba edit when TCP trust already works (e.g. configured by hand).
    if ! psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -w -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 &&
        ! as_root grep -qF "$HBA_MARK" "$hba"; then
        as_root sed -i "1i $HBA_MARK\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust" "$hba"
        as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main reload
    fi
    if [ "$(as_postgres psql -p "$PG_PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]; then
        as_postgres createdb -p "$PG_PORT" test
    fi
}

# ---------------------------------------------------------------- Redis

redis_answers() {
    if command -v redis-cli >/dev/null 2>&1; then
        [ "$(timeout 2 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
    else
        port_open "$REDIS_HOST" "$REDIS_PORT"
    fi
}

redis_installed() {
    command -v redis-server >/dev/null 2>&1
}

redis_start() {
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no >/dev/null
}

# ---------------------------------------------------------------- common

# wait_for NAME CHECK_FUNCTION: poll every 0.5 s until it answers or TIMEOUT passes.
wait_for() {
    local name=$1 check=$2 tries=$((TIMEOUT * 2))
    while ! "$check"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "$name did not answer within ${TIMEOUT}s"
        sleep 0.5
    done
}

# ensure NAME ADDRESS PREFIX: PREFIX_answers / PREFIX_installed / PREFIX_start
# (and PREFIX_configure after an install, if defined).
ensure() {
    local name=$1 addr=$2 p=$3
    if "${p}_answers"; then
        log "$name: up on $addr"
        return
    fi
    if [ "$CHECK_ONLY" -eq 1 ]; then
        if "${p}_installed"; then log "$name: DOWN on $addr (installed, stopped)"; else log "$name: DOWN on $addr (not installed)"; fi
        STATUS=1
        return
    fi
    local what=started
    if ! "${p}_installed"; then
        case $p in
            pg) apt_install postgresql postgresql-client ;;
            redis) apt_install redis-server redis-tools ;;
        esac
        what="installed and started"
    fi
    # The Debian package may already have started it; start only if still silent.
    "${p}_answers" || "${p}_start"
    wait_for "$name" "${p}_answers"
    if [ "$p" = pg ]; then pg_configure; fi
    log "$name: $what on $addr"
}

CHECK_ONLY=0
STATUS=0
case "${1:-}" in
    "") ;;
    --check) CHECK_ONLY=1 ;;
    -h | --help) sed -n '4,13p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (usage: $0 [--check])" ;;
esac

ensure postgres "$PG_HOST:$PG_PORT" pg
ensure redis "$REDIS_HOST:$REDIS_PORT" redis
exit "$STATUS"
