#!/usr/bin/env bash
# Install test/bench tools on demand; a tool already present is left alone.
#
#   scripts/tools.sh wrk [TOOL...]   install each named tool if missing
#   scripts/tools.sh --list          list the tools this script knows
#
# One function per tool, named tool_<name>. To add a tool (e.g. chromium, smtp via
# `pip install aiosmtpd`), write tool_<name> and it is picked up by the dispatcher.
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
