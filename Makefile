# areasend: `make run` serves the app on SQLite with all data loaded; `make test` checks everything.
# Both set up what they need from scratch: Python venv, npm packages, built assets.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
# The targets here are for development: they ask for it by name, since manage.py and the WSGI
# app otherwise take the production settings (docs/decisions/0024-safe-by-default.md). A
# DJANGO_SETTINGS_MODULE or AREASEND_ENV already in the environment wins.
export AREASEND_ENV ?= development

.PHONY: run test setup chromium assets migrate data lint typecheck contracts pytest clean backup restore audit wrk bench-load bench-staff

# The task worker (reminders, letter inbox imports, watcher runs) runs beside the server and
# stops with it.
run: setup migrate data
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

test: setup chromium lint typecheck contracts pytest

setup: .stamp-venv .stamp-npm assets

# The venv is rebuilt when pyproject.toml changes.
.stamp-venv: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

.stamp-npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: .stamp-npm
	npm run --silent build

# Browser tests drive Debian's Chromium; a test tool's own browser download is never used.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

migrate: setup
	$(PY) manage.py migrate --no-input

# The last step computes the planner page's plan (docs/decisions/0041-planner-as-a-background-job.md).
data: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py load_national
	$(PY) manage.py load_demo_casework
	$(PY) manage.py plan_programme --store --weeks 39

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy areasend tests

contracts: setup
	$(BIN)/lint-imports

# One worker per core (pytest-xdist): each has its own test database and browser. Not
# --dist worksteal: a stolen test can run after a transactional one on its worker, whose flush
# has removed the reference areas the test expects (pytest-django orders them last).
pytest: setup
	$(BIN)/pytest -n auto

# Back up the database named by DATABASE_URL (FILE defaults to backups/areasend-<time>);
# restore replaces every row with a backup (docs/operations.md).
backup: .stamp-venv
	$(PY) manage.py backup_db $(FILE)

restore: .stamp-venv
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/areasend-...."; exit 1; }
	$(PY) manage.py restore_db $(FILE)

# Known vulnerabilities in Python and npm packages; needs the network to the advisory
# services, so CI runs it, not `make test` (docs/decisions/0011-supply-chain-audit.md).
audit: .stamp-venv .stamp-npm
	$(PY) -m areasend.ops.supply_chain

# The load and staff benches (docs/operations.md): wrk from Debian's packages drives the server.
wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench-load: setup wrk
	$(PY) bench/load.py

bench-staff: setup wrk
	$(PY) bench/staff.py

clean:
	rm -rf $(VENV) node_modules staticfiles areasend/static/govuk-frontend .stamp-* db.sqlite3
