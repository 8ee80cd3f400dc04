# LeukoTrack: `make run` opens the app, `make test` runs the tests.
# Both create the virtual environment (.venv) and install what is missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha1(open('pyproject.toml','rb').read()).hexdigest()[:12])")
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# One test process per core (pytest-xdist); `make test PYTEST_ARGS=tests/unit` runs a part in one.
PYTEST_ARGS ?= -n auto

.PHONY: run test lint bench bundle system-deps clean

$(STAMP): pyproject.toml
	@bash scripts/ensure-system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

system-deps:
	@bash scripts/ensure-system-deps.sh

run: $(STAMP)
	$(PY) -m leukotrack $(ARGS)

test: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check leukotrack tests $(wildcard benchmarks)
	$(VENV)/bin/ruff format --check leukotrack tests $(wildcard benchmarks)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) benchmarks/run.py

bundle: $(STAMP)
	@bash scripts/ensure-system-deps.sh --bundle
	$(PY) -m pip install -q -e '.[dev,bundle]'
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging/leukotrack.spec
	bash packaging/smoke-test-bundle.sh dist/LeukoTrack

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .hypothesis
