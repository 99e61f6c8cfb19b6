#!/usr/bin/env bash
# Install test/bench tools on demand; a tool already present is left alone.
#
#   scripts/tools.sh wrk [TOOL...]   install each named tool if missing
#   scripts/tools.sh --list          list the tools this script knows
#
# One function per tool, named tool_<name>; write one and the dispatcher picks it up.
set -euo pipefail

die() { printf 'tools.sh: %s\n' "$*" >&2; exit 1; }

# Run as root: directly if we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PACKAGE...: `apt-get update` once per run, then install non-interactively.
APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ------------------------------------------------------------------ tools

# wrk: HTTP load generator (Debian package), used by scripts/bench.sh.
tool_wrk() {
    if ! command -v wrk >/dev/null 2>&1; then
        apt_install wrk
    fi
    echo "wrk: $(command -v wrk)"
}

# cargo-tarpaulin: line coverage of the backend (`make coverage`), with its LLVM engine
# (it reads the profiles itself; cargo-llvm-cov needs llvm-tools, which rustup cannot
# fetch here). Built from crates.io once, ~7 min.
tool_tarpaulin() {
    if ! command -v cargo-tarpaulin >/dev/null 2>&1; then
        cargo install --locked cargo-tarpaulin@0.37.5 >/dev/null
    fi
    echo "tarpaulin: $(command -v cargo-tarpaulin)"
}

# chromium: Debian's browser for the web app's screenshots and Playwright tests
# (playwright-core drives it; Playwright's own browser download is never used), with
# chromium-l10n: without it, its date and time inputs speak US English whatever the
# page's language (the calendar's French screenshots start it in French).
tool_chromium() {
    if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/lib/chromium/locales/fr.pak ]; then
        apt_install chromium chromium-driver chromium-l10n
    fi
    echo "chromium: /usr/bin/chromium"
}

# poppler: pdfinfo, pdftotext and pdftoppm, which read back the PDF reports in the tests.
tool_poppler() {
    if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
        apt_install poppler-utils
    fi
    echo "poppler: $(dirname "$(command -v pdftotext)")"
}

# python: a virtualenv with the test peers from PyPI (aiosmtpd: a real SMTP server;
# standardwebhooks: the reference verifier of webhook signatures; PyJWT and cryptography:
# the service-account key and JWT checks of scripts/provider_fake.py; schemathesis: the
# contract fuzzer of scripts/contract.sh; moto[server]: an S3-compatible server,
# `moto_server`, for the object store; icalendar: a real iCalendar parser for the
# calendar's feeds and invitations),
# at $OPSFLUX_PY_ENV (default ~/.cache/opsflux-py). Prints the interpreter's path.
tool_python() {
    local env="${OPSFLUX_PY_ENV:-$HOME/.cache/opsflux-py}"
    local packages=(aiosmtpd==1.4.6 standardwebhooks==1.1.0 PyJWT==2.15.1 cryptography==50.0.2 schemathesis==4.32.5
        "moto[server]==5.2.6" icalendar==7.3.2)
    # An existing virtualenv missing a package is completed by the same install.
    if ! "$env/bin/python" -c "import aiosmtpd, standardwebhooks, jwt, cryptography, schemathesis, moto.server, icalendar" \
        >/dev/null 2>&1; then
        # Debian ships ensurepip (needed by venv) in python3-venv.
        if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
            apt_install python3-venv
        fi
        python3 -m venv "$env"
        "$env/bin/pip" install -q --disable-pip-version-check "${packages[@]}"
    fi
    echo "python: $env/bin/python"
}

# clamav: Debian's clamd and sigtool, and a signature database holding only the EICAR
# test signature, at $OPSFLUX_CLAMAV_DB (default ~/.cache/opsflux-clamav). Definitions
# are never downloaded: tests need a scanner that finds EICAR, nothing more.
tool_clamav() {
    local db="${OPSFLUX_CLAMAV_DB:-$HOME/.cache/opsflux-clamav}"
    if ! command -v clamd >/dev/null 2>&1 || ! command -v sigtool >/dev/null 2>&1; then
        install_without_starting_services clamav-daemon clamav
    fi
    if [ ! -s "$db/test.ndb" ]; then
        mkdir -p "$db"
        # A body signature of the 68-byte EICAR test string, found anywhere in any file
        # (target 0, offset *): the bare eicar.com, and a document that carries it. Split
        # so this script is no test file itself (single quotes: `$` and `\` are part of it).
        # shellcheck disable=SC2016
        hex=$(printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD' '-ANTIVIRUS-TEST-FILE!$H+H*' | od -An -tx1 | tr -d ' \n')
        printf 'Eicar-Test-Signature:0:*:%s\n' "$hex" >"$db/test.ndb.tmp" && mv "$db/test.ndb.tmp" "$db/test.ndb"
        rm -f "$db/test.hdb"
    fi
    echo "clamav: $db"
}

# Installs Debian packages without starting their services: clamav-daemon and
# clamav-freshclam would otherwise be started through invoke-rc.d, the daemon failing
# without a database and freshclam trying to download one forever. policy-rc.d's
# exit 101 tells invoke-rc.d "not now"; an existing policy is left as it is.
install_without_starting_services() {
    local policy=/usr/sbin/policy-rc.d
    if [ -e "$policy" ]; then
        apt_install "$@"
        return
    fi
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    local status=0
    apt_install "$@" || status=$?
    as_root rm -f "$policy"
    return "$status"
}

# ------------------------------------------------------------------ dispatcher

list_tools() {
    declare -F | awk '$3 ~ /^tool_/ { sub(/^tool_/, "", $3); print $3 }'
}

[ "$#" -gt 0 ] || die "usage: $0 TOOL... | --list (tools: $(list_tools | paste -sd ' ' -))"
for tool in "$@"; do
    case $tool in
        --list) list_tools ;;
        -h | --help) sed -n '2,8p' "$0" ;;
        *)
            declare -F "tool_$tool" >/dev/null || die "unknown tool: $tool (known: $(list_tools | paste -sd ' ' -))"
            "tool_$tool"
            ;;
    esac
done
