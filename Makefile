# OpsFlux entry points. `make run` and `make test` are all a newcomer needs.

# Builds are shared across clones (and CI runs) through one target dir outside the tree.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/opsflux-target
CARGO ?= cargo

.PHONY: run test e2e bench coverage openapi fmt lint migrate services clean help web web-dev mobile

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: web ## Build and start OpsFlux on the embedded default (SQLite, in-process jobs) at http://127.0.0.1:8080
	$(CARGO) run --locked -p opsflux --bin opsflux -- serve

# The web app's build, redone only when a source is newer than it.
WEB_SOURCES := $(shell find web/src web/public packages/shared -type f 2>/dev/null) web/index.html web/package.json web/vite.config.ts web/tsconfig.json

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html ## Build the web app (web/dist) when its sources changed

web-dev: web/node_modules/.package-lock.json ## Vite dev server on :5173 with /api proxied to OPSFLUX_API_URL (default: `make run` on :8080)
	cd web && npm run dev

mobile/node_modules/.package-lock.json: mobile/package-lock.json
	cd mobile && npm ci --no-audit --no-fund

mobile: mobile/node_modules/.package-lock.json ## Expo dev server for the field app
	cd mobile && npm start

test: services ## Everything CI checks: fmt, clippy, Rust tests on Postgres+Redis and SQLite, web checks and tests, contract fuzzing, browser end-to-end scenarios, embedded smoke run, OpenAPI drift
	scripts/test.sh

e2e: services web ## The web app's browser scenarios against the release binary (PostgreSQL, Redis, SMTP sink, webhook receiver)
	scripts/e2e.sh

bench: ## Throughput, latency and memory against the framework ceiling; HSE at volume
	scripts/bench.sh
	scripts/bench_hse.sh
	scripts/bench_transfer.sh

coverage: ## Line coverage of the backend (cargo-tarpaulin, LLVM engine), with an HTML report
	scripts/coverage.sh

openapi: web/node_modules/.package-lock.json mobile/node_modules/.package-lock.json ## Regenerate openapi/openapi.json from the code, and the web and mobile clients' types from it
	$(CARGO) run --locked -q -p opsflux --bin opsflux -- openapi --output openapi/openapi.json
	cd web && npm run -s api:types
	cd mobile && npm run -s api:types

fmt: ## Format the code
	$(CARGO) fmt --all

lint: ## Format check and clippy, warnings are errors
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

migrate: ## Apply database migrations (OPSFLUX_DATABASE_URL)
	$(CARGO) run --locked -q -p opsflux --bin opsflux -- migrate

services: ## Make sure PostgreSQL and Redis are up (installs them if missing)
	scripts/services.sh

clean: ## Remove build output and the embedded database
	$(CARGO) clean
	rm -rf data web/dist web/node_modules mobile/dist mobile/node_modules mobile/.expo
