# pathmapper: `make run` opens the editor on a sample map; `make test` runs every check.
# Both set up everything on a fresh Debian machine: system libraries, .venv, the project.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= sample_maps/community-cardiology-as-is.pathmap.json
PYTEST_ARGS ?=

.PHONY: run test lint typecheck layers pytest schema bench clean system-deps-run system-deps-test \
	package install-desktop uninstall-desktop

run: system-deps-run $(VENV)/.installed
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = "Linux" ]; then \
	  echo "pathmapper: no display found; run it on a virtual screen with: xvfb-run -a make run"; \
	else \
	  $(BIN)/pathmapper $(SAMPLE); \
	fi

test: system-deps-test $(VENV)/.installed lint layers typecheck pytest

system-deps-run:
	@bash packaging/linux/install-system-deps.sh run

system-deps-test:
	@bash packaging/linux/install-system-deps.sh test

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

layers: $(VENV)/.installed
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy

pytest: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

schema: $(VENV)/.installed
	$(BIN)/python -m pathmapper.io.schema
	$(BIN)/python -m pathmapper.standards.standards_schema

# Speed and memory against the workshop limits, one table (tests/bench, docs/performance.md).
# A minute or two; not part of `make test`. Graphviz `dot` is compared when it is installed.
bench: $(VENV)/.installed
	@bash packaging/linux/install-system-deps.sh bench
	$(BIN)/python -m tests.bench.run

# The one-folder desktop build in dist/pathmapper/ (PyInstaller, packaging/pathmapper.spec), then
# a smoke test of the built program. Slow (minutes); not part of `make test`.
package: system-deps-run $(VENV)/.installed
	@$(BIN)/python -c 'import PyInstaller' 2>/dev/null || $(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/pathmapper.spec
	bash packaging/smoke_test.sh dist/pathmapper

# Register pathmapper with the Linux desktop (menu entry, map file type, icons) for this user,
# or under $(PREFIX)/share when PREFIX is given.
install-desktop:
	@PREFIX="$(PREFIX)" bash packaging/linux/install-desktop.sh install

uninstall-desktop:
	@PREFIX="$(PREFIX)" bash packaging/linux/install-desktop.sh uninstall

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
