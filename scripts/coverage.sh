#!/usr/bin/env bash
# `make coverage`: line coverage of the backend (library, unit and integration tests on
# PostgreSQL + Redis) with cargo-tarpaulin's LLVM engine (rustc's instrument-coverage;
# tarpaulin reads the profiles itself, so no llvm-tools are needed; its ptrace engine
# segfaulted in the integration suite). Its own target dir: the instrumented build
# would otherwise replace the normal one. Report in
# $OPSFLUX_COVERAGE_DIR (default report/ in that target dir), summary printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh >/dev/null
OPSFLUX_TEST_PYTHON=$(scripts/tools.sh python | sed -n 's/^python: //p')
export OPSFLUX_TEST_PYTHON
scripts/tools.sh tarpaulin >/dev/null
target="${OPSFLUX_COVERAGE_TARGET_DIR:-$HOME/.cache/opsflux-coverage-target}"
out="${OPSFLUX_COVERAGE_DIR:-$target/report}"
mkdir -p "$out"
# The Rust tests serve the web app's build.
[ -f web/dist/index.html ] || (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run -s build)
OPSFLUX_TEST_DATABASE=postgres cargo tarpaulin --locked --engine llvm --skip-clean \
  --target-dir "$target" -p opsflux --lib --test it \
  --exclude-files 'migrations/*' --exclude-files 'backend/examples/*' \
  --timeout 1800 --out Html --out Json --output-dir "$out" 2>&1 | tee "$out/tarpaulin.log" | grep -E '^[0-9.]+% coverage|^\|\| (Tested|Uncovered)' || true
grep -E '^[0-9.]+% coverage' "$out/tarpaulin.log" || { echo "coverage: no figure; see $out/tarpaulin.log" >&2; exit 1; }
echo "report: $out/tarpaulin-report.html"
