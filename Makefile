# Two commands on a fresh clone: `make site` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

site: $(VENV)/.installed  ## Build site/ from the decks in cards/
	$(VENV)/bin/kbgen build

test: $(VENV)/.installed-test  ## Lint (ruff), type-check (mypy --strict on kbgen/) and run the whole test suite
	$(VENV)/bin/ruff check kbgen tests benchmarks tools
	$(VENV)/bin/mypy
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

serve: $(VENV)/.installed  ## Live preview at http://127.0.0.1:8000, regenerating when a deck changes
	$(VENV)/bin/kbgen serve

bench: $(VENV)/.installed-test  ## Benchmarks (see docs/benchmarks.md)
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
