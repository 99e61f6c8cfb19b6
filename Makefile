# OpsFlux entry points. `make run` and `make test` are all a newcomer needs.

# Builds are shared across clones (and CI runs) through one target dir outside the tree.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/opsflux-target
CARGO ?= cargo

.PHONY: run test bench openapi fmt lint migrate services clean help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Build and start OpsFlux on the embedded default (SQLite, in-process jobs) at http://127.0.0.1:8080
	$(CARGO) run --locked -p opsflux --bin opsflux -- serve

test: services ## Everything CI checks: fmt, clippy, Rust tests on Postgres+Redis and SQLite, embedded smoke run, OpenAPI drift
	scripts/test.sh

bench: ## Throughput, latency and memory against the framework ceiling
	scripts/bench.sh

openapi: ## Regenerate openapi/openapi.json from the code
	$(CARGO) run --locked -q -p opsflux --bin opsflux -- openapi --output openapi/openapi.json

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
	rm -rf data
