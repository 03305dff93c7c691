# The two set-up commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-deps run test lint typecheck pytest bench docs clean validate

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium runs the page tests; Playwright never downloads a browser.
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian chromium for the page tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: /usr/bin/chromium missing and not root: the browser tests will skip" >&2; \
	  fi; \
	fi

run: install
	$(BIN)/openitu db upgrade
	$(BIN)/openitu data load
	$(BIN)/openitu serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy src

# Two workers (the CI machine's cores); each test file runs whole on one of them, so a
# module's browser and server are started once.
PYTEST_WORKERS ?= 2
pytest: install system-deps
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: lint typecheck pytest

# Rewrite the command and API references from the code (tests/test_docs.py checks them).
docs: install
	$(BIN)/python scripts/reference_docs.py

# The models against the ITU-R reference implementations over their whole domain:
# REFERENCE is a checkout of eeveetza/Py1546 or eeveetza/Py452, a folder holding them, or
# itur (comma-separated for several); CASES (default 10000) and SEED are passed on.
CASES ?= 10000
validate: install
	@if [ -z "$(REFERENCE)" ]; then echo "usage: make validate REFERENCE=path[,path|itur] [CASES=n] [SEED=n]" >&2; exit 2; fi
	$(BIN)/python scripts/validate.py "$(REFERENCE)" --cases $(CASES) $(if $(SEED),--seed $(SEED))

# Every benchmark in one run, each printing its ratios (peer libraries go into
# benchmarks/.peers-venv, never into the package's environment).
bench: install
	$(BIN)/python benchmarks/bench_spectrum.py
	$(BIN)/python benchmarks/bench_p452.py
	$(BIN)/python benchmarks/bench_p1546.py
	$(BIN)/python benchmarks/bench_earth_space.py --points 100000 --itur-points 2000
	$(BIN)/python benchmarks/bench_numbering.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_register.py
	$(BIN)/python benchmarks/bench_impact.py
	$(BIN)/python benchmarks/bench_space.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
