# Two commands matter: `make demo` and `make test`. Each creates .venv and installs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= $(abspath ../shared)
export ALINEA_SHARED ?= $(SHARED)

.PHONY: demo test bench install system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench,postgres]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use (jing for RelaxNG, trang to check the .rng matches the .rnc; chromium and its driver for the viewer's
# browser tests); installed only when missing.
system-deps:
	@{ command -v jing && command -v trang; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq jing trang >/dev/null; \
	  else echo "jing/trang missing: run 'sudo apt-get install jing trang'"; fi; }
	@{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium chromium-driver'"; fi; }
	@{ command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else echo "PostgreSQL missing (store tests): run 'sudo apt-get install postgresql'"; fi; }
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk missing (API benchmark only): run 'sudo apt-get install wrk'"; fi; }

test: install system-deps
	$(BIN)/pytest -q

# The demo: our sample corpus ingested, aligned and exported, then served with the viewer.
DEMO_DIR := demo-out
DEMO_DB := sqlite:///$(abspath $(DEMO_DIR))/alinea.db
DEMO_TOKEN ?= demo
DEMO_PORT ?= 8000

demo: install
	mkdir -p $(DEMO_DIR)
	$(BIN)/alinea ingest examples/*.txt --db $(DEMO_DB)
	$(BIN)/alinea align --all --db $(DEMO_DB)
	$(BIN)/alinea stats --db $(DEMO_DB)
	$(BIN)/alinea export --format tei --db $(DEMO_DB) -o $(DEMO_DIR)/corpus-tei.zip
	$(BIN)/alinea export --format tmx --db $(DEMO_DB) --lang en --target-lang ru -o $(DEMO_DIR)/en-ru.tmx
	@echo
	@echo "viewer   http://127.0.0.1:$(DEMO_PORT)/viewer/"
	@echo "API docs http://127.0.0.1:$(DEMO_PORT)/docs   (write token for corrections: $(DEMO_TOKEN))"
	@echo "exports  $(DEMO_DIR)/corpus-tei.zip, $(DEMO_DIR)/en-ru.tmx"
	$(BIN)/alinea serve --db $(DEMO_DB) --host 127.0.0.1 --port $(DEMO_PORT) --token $(DEMO_TOKEN)

bench: install system-deps
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) demo-out bench-out test-artifacts
