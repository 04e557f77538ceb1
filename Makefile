# One entry point for humans and CI. `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
# Extras to install: `dev` (tests, lint); CI adds `st` (sentence-transformers, pulls torch).
EXTRAS ?= dev
BIN := $(VENV)/bin
KB := $(BIN)/kb
comma := ,
INSTALLED := $(VENV)/.installed-$(subst $(comma),-,$(EXTRAS))
DEB_PACKAGES := $(shell grep -v '^\#' deb-packages.txt)
export KB_HOME ?= $(HOME)/.local/share/tdc-kb
OPENSEARCH_PORT ?= 9200
export OPENSEARCH_URL ?= http://127.0.0.1:$(OPENSEARCH_PORT)

.PHONY: setup deb-packages run serve ingest test test-fast lint format opensearch-up opensearch-down cluster-up cluster-down eval bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

setup: deb-packages $(INSTALLED) ## create .venv, install the project and the Debian packages it needs

deb-packages:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: setup ## ingest the default corpus if the index is empty, then serve on http://127.0.0.1:8000
	$(KB) ingest --if-empty --default-corpus
	$(KB) serve --host 127.0.0.1 --port 8000

test: setup opensearch-up ## the one test command
	$(BIN)/pytest -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

opensearch-up: setup ## start (or reuse) a local OpenSearch node with k-NN from Maven Central
	$(KB) opensearch up --port $(OPENSEARCH_PORT)

opensearch-down: setup ## stop the local OpenSearch node started by opensearch-up
	$(KB) opensearch down --port $(OPENSEARCH_PORT)

cluster-up: setup ## start (or reuse) a local 3-node OpenSearch cluster on ports 9201-9203
	$(KB) opensearch up --nodes 3 --port 9201

cluster-down: setup ## stop the local cluster started by cluster-up
	$(KB) opensearch down --nodes 3 --port 9201

eval: setup opensearch-up ## retrieval quality report (ALQAC, VLSP) → eval/reports/ (EVAL_ARGS="--tune" retunes)
	$(KB) eval $(EVAL_ARGS)

bench: setup opensearch-up ## speed and memory benchmarks → eval/reports/ (e.g. BENCH_ARGS="--only latency")
	$(KB) bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
