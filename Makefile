# The kiosk's commands. `make run` and `make test` do every set-up step themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: setup run test check screenshots lock clean soak verify-deploy bench

# The virtual environment, with exactly the locked versions; redone when the lock changes.
$(READY): requirements-dev.lock pyproject.toml scripts/install-system-packages
	scripts/install-system-packages
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $(READY)

# The kiosk's own modules compiled to bytecode, as pip compiles an installed package's (the kiosk is installed
# editable). In the lobby the program belongs to root and the kiosk user cannot write its bytecode: without this,
# every start compiled every module again, about 65 ms more to the first frame (measured). Only what changed is
# compiled again, so an update is `git pull && make setup`.
setup: $(READY)
	$(BIN)/python -m compileall -q kiosk

run: setup  ## the kiosk in a preview window, on the shipped content
	$(BIN)/python -m kiosk --windowed

test: setup  ## every test, headless
	$(BIN)/python -m pytest

check: setup  ## lint and types
	$(BIN)/ruff check kiosk tests main.py tools bench
	$(BIN)/ruff format --check kiosk tests main.py tools bench
	$(BIN)/mypy
	$(BIN)/mypy bench

verify-deploy: setup  ## systemd-analyze verify on the kiosk's unit (deploy/)
	deploy/verify

# The real kiosk, offscreen, used by a seeded random visitor: exceptions, Qt warnings and memory growth.
# `make soak ACTIONS=2000` for a quick one; SOAK_FLAGS=--no-web-engine leaves Chromium out of the reader.
ACTIONS ?= 100000
SOAK_FLAGS ?=
soak: setup  ## the soak test (ACTIONS=100000)
	$(BIN)/python tools/soak.py --actions $(ACTIONS) $(SOAK_FLAGS)

# Every performance figure against its budget: a table, and JSON in bench/results/ (not committed) to compare
# commits by. About 9 minutes on two cores; `make bench BENCH_FLAGS=--quick` for a quicker look, --strict to fail
# on a figure over budget; `python bench/run.py --help` for the rest.
BENCH_FLAGS ?=
bench: setup  ## the performance benchmark
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

screenshots: setup  ## the README's pictures
	$(BIN)/python -m kiosk render --out docs/screenshots --screen home --lang nl --size 1920x1080
	$(BIN)/python -m kiosk render --out docs/screenshots --screen global-goals --lang en --size 1920x1080
	$(BIN)/python -m kiosk render --out docs/screenshots --screen contact --lang nl --size 1080x1920
	$(BIN)/python -m kiosk render --out docs/screenshots --screen business --lang en --size 1080x1920

lock: setup  ## re-pin every dependency after changing pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --output-file requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -c requirements.lock --output-file requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
