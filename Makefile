# Set-up and everyday commands. `make render` and `make test` do all set-up on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
EXAMPLE ?= examples/kawasaki-kenko-zoshin.yaml
OUT     ?= out

.PHONY: setup system-deps render test lint bench clean

$(BIN)/piagen: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Japanese font (IPAex), HarfBuzz subsetting for fast PDF writing, poppler for the PDF tests.
system-deps:
	@if ! fc-list 2>/dev/null | grep -qi ipaex || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    fonts-ipaexfont-gothic fonts-ipaexfont-mincho libharfbuzz-subset0 poppler-utils >/dev/null; \
	fi
	@command -v soffice >/dev/null || { [ "$$(id -u)" = 0 ] && S= || S=sudo; $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq libreoffice-calc >/dev/null; }  # Excel tests: LibreOffice prints and re-saves the workbooks

setup: system-deps $(BIN)/piagen

render: setup
	$(BIN)/piagen render $(EXAMPLE) --out $(OUT) --to pdf,xlsx,html

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) build dist
