# Rebound: `make run` serves the app on http://127.0.0.1:8000 with its worker, `make test` runs
# every check.
SHELL := /bin/bash
PYTHON ?= python3
UV := UV_PYTHON_DOWNLOADS=never $(PYTHON) -m uv
VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
DEV_ENV := DJANGO_DEBUG=true
PORT ?= 8000

.PHONY: run test install install-dev lint migrate check-migrations browser-deps clean

install:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --locked

install-dev: install
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

migrate: install
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) createcachetable

# The web server and the worker run side by side, each in a process group of its own (with
# its autoreloader's child); when either stops, or on Ctrl-C, both groups are stopped.
run: migrate
	@$(DEV_ENV) setsid $(MANAGE) db_worker --queue-name='*' & worker=$$!; \
	$(DEV_ENV) setsid $(MANAGE) runserver 127.0.0.1:$(PORT) & server=$$!; \
	stop() { kill -TERM -- -$$worker -$$server 2>/dev/null; }; \
	trap 'stop; wait; exit 130' INT TERM; \
	wait -n $$worker $$server; status=$$?; \
	stop; wait; exit $$status

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations:
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

test: install-dev lint check-migrations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles tests/browser/node_modules .pytest_cache
