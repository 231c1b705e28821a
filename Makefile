# Set-up and everyday commands. `make render` and `make test` do all set-up on a fresh machine
# (Debian 12 or 13, even a minimal one): system packages with apt (as root, or with sudo), then
# .venv with the exact versions of requirements.lock. `make lock` refreshes the lock.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
EXAMPLE ?= examples/kawasaki-kenko-zoshin.yaml
OUT     ?= out

# Debian packages (names valid on Debian 12 and 13), one group a line. `cmd:package` counts as
# present when the command exists (installed some other way); a plain name when dpkg has it or a
# command of that name exists.
SYSTEM_PACKAGES += python3 python3-venv git make procps ca-certificates
SYSTEM_PACKAGES += libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig   # WeasyPrint
SYSTEM_PACKAGES += fonts-ipaexfont-gothic fonts-ipaexfont-mincho                      # IPAex, embedded
SYSTEM_PACKAGES += fonts-noto-cjk                                  # Noto Sans CJK JP: ➊–➓, not in IPAex
SYSTEM_PACKAGES += poppler-utils                                                      # PDF tests
SYSTEM_PACKAGES += nodejs npm                                     # yaml-language-server editor test
SYSTEM_PACKAGES += soffice:libreoffice-calc-nogui      # Excel tests: LibreOffice prints and re-saves
SYSTEM_PACKAGES += chromium:chromium                   # headless Chromium loads the HTML pages

.PHONY: setup system-deps render test lint lock bench clean

$(BIN)/piagen: pyproject.toml requirements.lock | system-deps
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

system-deps:
	@missing=; for p in $(SYSTEM_PACKAGES); do \
	  command -v $${p%%:*} >/dev/null \
	    || dpkg-query -W -f='$${db:Status-Status}' $${p#*:} 2>/dev/null | grep -qx installed \
	    || missing="$$missing $${p#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq -o DPkg::Lock::Timeout=900 && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 \
	    --no-install-recommends $$missing >/dev/null; \
	fi

setup: $(BIN)/piagen

render: setup
	$(BIN)/piagen render $(EXAMPLE) --out $(OUT) --to pdf,xlsx,html

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# The exact versions of every dependency (runtime, the test extra and hatchling for the editable
# install) with their hashes, for every platform and Python >= 3.11 (uv's universal resolution).
# Commit requirements.lock after `make test` passes with it (`rm -rf .venv` first).
lock: | system-deps
	$(PY) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install -q uv==0.13.9
	echo hatchling editables | tr " " "\n" > $(VENV)-lock/build.in
	$(VENV)-lock/bin/uv pip compile -q --universal --python-version 3.11 --generate-hashes \
	  --extra test --no-emit-package piagen --custom-compile-command 'make lock' \
	  -o requirements.lock pyproject.toml $(VENV)-lock/build.in
	rm -rf $(VENV)-lock

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) build dist
