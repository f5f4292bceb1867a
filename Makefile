# claude-files: every target bootstraps what it needs (.venv, node_modules) and is fast
# to rerun when nothing changed.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
GEN_PKG := generated/claude_files_openapi
# generator-templates/ overrides the generator's own templates one file at a time (the rest
# are its stock ones); each file there says what it adds.
GENERATE = PATH="$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path openapi.yaml \
	--config generator-config.yaml --custom-template-path generator-templates \
	--overwrite --meta none --fail-on-warning

.PHONY: help install generate check-generated unasync check-unasync lint spec-lint test test-fast test-install demo bench clean

help:
	@echo "make install          create .venv and install claude-files[dev] (editable, constraints.txt)"
	@echo "make generate         compile openapi.yaml into $(GEN_PKG)"
	@echo "make check-generated  fail with a diff when $(GEN_PKG) differs from what the spec gives"
	@echo "make unasync          write overlay/claude_files/_sync/ from _async/ (scripts/unasync.py)"
	@echo "make check-unasync    fail with a diff when _sync/ differs from what _async/ gives"
	@echo "make lint             ruff, mypy --strict, openapi-spec-validator, redocly lint"
	@echo "make test             check-generated + check-unasync + lint + pytest (what CI runs)"
	@echo "make test-install     the install tier alone: the wheel in clean venvs, per extras"
	@echo "make demo             the main job on the embedded mock server"
	@echo "make bench            benchmarks, written to BENCHMARKS.md"

# The venv is rebuilt when the project's dependencies change. pyproject.toml declares ranges
# (what a user's resolver sees); constraints.txt pins the exact versions we develop with.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: $(VENV)/.installed
	$(GENERATE) --output-path $(GEN_PKG)

check-generated: $(VENV)/.installed
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GENERATE) --output-path "$$tmp/pkg" >/dev/null; \
	if ! diff -ru --exclude=__pycache__ "$$tmp/pkg" $(GEN_PKG); then \
		echo "error: $(GEN_PKG) differs from what openapi.yaml and generator-config.yaml produce."; \
		echo "       generated/ is never edited by hand: run 'make generate' and commit the result."; \
		exit 1; \
	fi; \
	echo "check-generated: $(GEN_PKG) matches the spec"

unasync: $(VENV)/.installed
	$(BIN)/python scripts/unasync.py

check-unasync: $(VENV)/.installed
	$(BIN)/python scripts/unasync.py --check

spec-lint: $(VENV)/.installed node_modules/.installed
	$(BIN)/openapi-spec-validator openapi.yaml
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint openapi.yaml --format=stylish 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' -e '^$$'

lint: $(VENV)/.installed spec-lint
	$(BIN)/ruff check $(wildcard overlay tests bench demo scripts)
	$(BIN)/ruff format --check $(wildcard overlay tests bench demo scripts)
	$(BIN)/mypy

test: check-generated check-unasync lint node_modules/.installed
	$(BIN)/pytest

# pytest alone, for a quick loop while working.
test-fast: $(VENV)/.installed node_modules/.installed
	$(BIN)/pytest -x -q

# The install tier alone (make test runs it too; pytest -m "not install" leaves it out).
test-install: $(VENV)/.installed
	$(BIN)/pytest tests/install -q

demo: $(VENV)/.installed
	$(BIN)/python demo/run_demo.py

# BENCH_ARGS=--quick for a smoke run (about a minute); the full run takes ~15 minutes.
# BENCH_ARGS="--only cli" runs just the command line against curl (~5 minutes).
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
