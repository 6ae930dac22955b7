# Two commands for a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The stamp records a successful install; it is stale when pyproject.toml is newer.
STAMP := $(VENV)/.installed

.PHONY: run test bench venv clean

# A venv whose interpreter no longer runs (Python upgraded, checkout moved) is rebuilt.
venv:
	@$(PY) -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || rm -rf $(VENV)
	@$(MAKE) --no-print-directory $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	@touch $(STAMP)

run: venv
	$(VENV)/bin/vendor-review $(ARGS)

# The static checks first (pinned in the `lint` extra): a new finding fails the run.
test: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest $(PYTEST_ARGS)

bench: venv
	$(PY) bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .mypy_cache .ruff_cache
