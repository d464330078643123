# One command sets up and serves the site; one sets up and runs every test.
PYTHON ?= python3
# Material prints a banner about MkDocs 2 on every build; the note in README covers it.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium

.PHONY: setup serve build test validate bench lint clean

setup: $(INSTALLED) $(if $(wildcard package.json),$(NODE_INSTALLED))

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The venv's own setuptools first (no download); when it is too old for pyproject.toml's
	@# metadata, pip builds with the pinned one instead, and only that attempt's errors are shown.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty

build: setup
	$(PY) -m mkdocs build --strict --dirty

validate: setup
	$(PY) -m build_tools validate

test: setup chromium lint
	$(PY) -m pytest -n 2

bench: setup
	$(PY) -m tests.bench.run

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	node_modules/.bin/biome ci --colors=off docs/assets/javascripts

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Для браузерных тестов нужен Chromium из Debian: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site .pytest_cache .cache
