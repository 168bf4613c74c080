# Gongkai: two commands. `make run` sets up and serves; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON_VERSION ?= 3.12.1
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://gongkai:gongkai@127.0.0.1:5432/gongkai
APT_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 poppler-utils chromium chromium-driver gettext
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup venv system-deps postgres lint migrate demo worker serve test-sqlite test-postgres test-e2e clean bench

run: setup migrate demo
	@echo ""
	@echo "Gongkai: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/staff/)"
	@echo "The background worker (reminders, scheduled publishing) runs alongside; Ctrl-C stops both."
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) run_worker & \
	  $(MANAGE) runserver $(HOST):$(PORT)

setup: system-deps venv

# Debian packages the app needs: CJK fonts + HarfBuzz subsetting for PDFs, poppler for PDF checks, gettext for
# makemessages/compilemessages (and the test that makemessages finds the pure cores' strings),
# Chromium for the browser tests. Installed when run as root; otherwise we say what is missing.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing"; echo "Install them with: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: requirements.lock pyproject.toml
	@if [ ! -x $(PY) ]; then \
	  PYBIN=$$(PYENV_VERSION=$(PYTHON_VERSION) pyenv which python 2>/dev/null || command -v python3.12 || true); \
	  if [ -z "$$PYBIN" ]; then echo "Python 3.12 is required (pyenv install $(PYTHON_VERSION))"; exit 1; fi; \
	  "$$PYBIN" -m venv $(VENV); \
	fi
	$(PY) -m pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip install -q --python $(PY) --compile-bytecode -r requirements.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0

demo: venv
	$(MANAGE) load_demo

worker: venv
	$(MANAGE) run_worker

# PostgreSQL for the test run: start the Debian cluster if it is down; create role and database.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  cluster=$$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1); \
	  pg_ctlcluster --skip-systemctl-redirect $$cluster main start 2>/dev/null || pg_ctlcluster $$cluster main start; \
	  pg_isready -h 127.0.0.1 -p 5432 -t 30; }
	@psql_su() { if [ "$$(id -u)" = "0" ]; then su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$$1\""; else psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -c "$$1"; fi; }; \
	  [ "$$(psql_su "SELECT 1 FROM pg_roles WHERE rolname='gongkai'")" = "1" ] || psql_su "CREATE ROLE gongkai LOGIN PASSWORD 'gongkai' CREATEDB"; \
	  [ "$$(psql_su "SELECT 1 FROM pg_database WHERE datname='gongkai'")" = "1" ] || psql_su "CREATE DATABASE gongkai OWNER gongkai ENCODING 'UTF8' TEMPLATE template0"

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup lint postgres
	$(MANAGE) makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=ci-only-$$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 50) \
	  ALLOWED_HOSTS=gongkai.example.gov.cn $(MANAGE) check --deploy --fail-level WARNING
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-e2e

test-sqlite: venv
	$(VENV)/bin/pytest -m "not e2e"

test-postgres: venv postgres
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not e2e"

test-e2e: venv
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -m e2e

# The benchmarks, in an order that builds each database before it is used (staff_pages reads report's).
# bench/benchdb.py and bench/portal_server.py are helpers, not benchmarks (the server would never return).
BENCHES = workdays check report staff_pages cases_desk recompute portal

bench: venv
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) var/*.sqlite3*
