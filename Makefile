# Two commands do all set-up on a fresh machine:
#   make run   - creates .venv, installs, ingests the bundled corpus, starts the web interface
#   make test  - installs (incl. Debian chromium for the browser tests) and runs the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install system-deps ingest lint bench load

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch pinned first: the CPU wheel on disk; anything else would pull gigabytes of CUDA.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

ingest: install
	$(PY) -m assistant ingest

run: ingest
	$(PY) -m assistant serve

test: install system-deps
	$(PY) -m ruff check assistant ui tests bench
	$(PY) -m pytest -q -ra

bench: install
	$(PY) bench/ingest.py
	$(PY) bench/extract.py
	$(PY) bench/compare.py

load: ingest   # 50 concurrent web users for a minute against `serve` on ./data
	$(PY) bench/load.py --users 50 --duration 60
