# Quick start: `make run` (server with demo data on http://127.0.0.1:5000) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PORT   ?= 5000
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-fast test-e2e prod-check lint format install translations messages system browser nginx db clean

run: install translations system db
	PORT=$(PORT) $(FLASK) serve

db: install
	$(FLASK) wait-db
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty

test: install translations system browser lint
	$(BIN)/pytest

test-fast: install translations system
	$(BIN)/pytest -m "not e2e and not slow"

test-e2e: install translations system browser
	$(BIN)/pytest -m e2e

# The shipped deploy/ for real: PostgreSQL (prodcheck_test), Redis, nginx, two gunicorn processes, Chromium.
prod-check: install translations browser nginx
	$(BIN)/python -m deploy.check.prod_check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Compiled catalogues are build output (*.mo is git-ignored); the .po files are the source.
translations: install
	$(BIN)/pybabel compile -d translations

# Re-extract the user-facing strings after changing templates or code, then translate translations/en.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# What the server needs from Debian: Pango for WeasyPrint (the dossier forms' PDFs), DejaVu (tickets) and
# espeak-ng (rebuilding the default voice clips).
system:
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	   && command -v espeak-ng > /dev/null; } || { \
	  echo "Installing Debian's Pango (WeasyPrint), DejaVu fonts and espeak-ng"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 espeak-ng \
	    fonts-dejavu-core > /dev/null; }

# The browser tests drive Debian's Chromium (no browser downloads are possible here); PDFs are read with poppler.
browser:
	@{ command -v chromium && command -v pdftotext; } > /dev/null || { \
	  echo "Installing Debian's chromium and poppler-utils for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core \
	    poppler-utils > /dev/null; }

# prod-check runs Debian's nginx (as a child process with its own temporary configuration).
nginx:
	@command -v nginx > /dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for make prod-check"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light > /dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
