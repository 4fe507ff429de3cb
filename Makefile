# The two set-up commands of README.md: `make run` (the demo site) and `make test` (the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint install-web install-test services demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The web tier: no torch, no lm-eval.
install-web: $(BIN)/python
	$(BIN)/pip install -q -e .

# Tests need the CPU evaluation stack; torch first so pip keeps the CPU build. The stamp makes
# a second call (CI runs `make test` then `make lint`) free until pyproject.toml changes.
TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev,eval]"
	scripts/ensure-chromium
	touch $@

install-test: $(TEST_STAMP)

# The embedded default: SQLite and in-process tasks unless DATABASE_URL/CELERY_BROKER_URL are set.
run: install-web
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loadcatalog
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:8000

services:
	scripts/ensure-services

# One pytest-xdist worker per core; each has its own test database and broker key prefix
# (scorecheck/settings/test.py). A file's tests stay on one worker, so its fixtures are built
# once. `make test PYTEST_ARGS=` runs them in one process.
PYTEST_ARGS ?= -n auto --dist loadfile

test: install-test services
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=scorecheck.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		ALLOWED_HOSTS=scorecheck.example $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media var test-artifacts
