# Prongsai: two commands set everything up (see README.md).
#   make run    demo municipality on http://127.0.0.1:$(PORT)
#   make test   the whole suite: lint, types, migrations, catalogue, SQLite, PostgreSQL, browser
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run test lint typecheck catalogue messages messages-update test-sqlite test-postgres test-browser bench clean

help:
	@echo "make run    start the demo municipality on http://127.0.0.1:$(PORT)"
	@echo "make test   run the whole test suite (SQLite, PostgreSQL, browser)"
	@echo "make bench  run the benchmarks in bench/ and print figures"

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

messages: $(VENV)/.installed
	@$(PY) manage.py compile_catalogue

# Re-extract our strings into prongsai/locale/th and list what still needs Thai (docs/translation.md).
messages-update: $(VENV)/.installed
	$(PY) manage.py update_catalogue

run: $(VENV)/.installed messages
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo --if-empty --print-accounts
	@echo "Prongsai: http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy prongsai

catalogue: $(VENV)/.installed-dev messages
	DJANGO_SETTINGS_MODULE=prongsai.settings.test $(PY) manage.py check_catalogue

migrations-check: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=prongsai.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.installed-dev messages
	env -u DATABASE_URL $(PY) -m pytest -m "not browser" -q

test-postgres: $(VENV)/.installed-dev messages
	@url="$$($(PY) scripts/postgres_url.py)"; \
	if [ -z "$$url" ]; then echo "PostgreSQL: no DATABASE_URL and nothing answers on 127.0.0.1:5432; skipping"; \
	else echo "PostgreSQL: $$url"; DATABASE_URL="$$url" $(PY) -m pytest -m "not browser" -q; fi

test-browser: $(VENV)/.installed-dev node_modules/.installed messages
	env -u DATABASE_URL $(PY) -m pytest -m browser -q

test: lint typecheck migrations-check catalogue test-sqlite test-postgres test-browser

BENCHES := bench/run.py bench/documents_bench.py bench/ita_bench.py bench/complaints_bench.py bench/disclosure_bench.py

bench: $(VENV)/.installed-dev messages
	@for script in $(BENCHES); do \
	  if [ -f $$script ]; then echo; echo "=== $$script ==="; $(PY) $$script || echo "($$script failed; continuing)"; fi; \
	done

clean:
	rm -rf $(VENV) node_modules var/static
