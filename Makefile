# Two commands for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup test-setup system-deps messages demo lint check ci-checks clean loadtest bench

run: setup messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Demo logins (password: demo)"
	@echo "    admin   administrator"
	@echo "    hanna   HR"
	@echo "    tara    trainer"
	@echo "    lena    learner, paid staff"
	@echo "    volker  learner, volunteer"
	@echo "  Volunteers can join with the invitation code WILLKOMMEN at /join/"
	@echo "  Open http://127.0.0.1:$(PORT)/"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: test-setup messages
	$(VENV)/bin/pytest

setup: $(VENV)/.installed node_modules/.installed system-deps

test-setup: setup $(VENV)/.installed-test system-deps
	@test -x /usr/bin/chromium || { echo "Chromium is missing: install Debian's chromium package."; exit 1; }

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

# 200 simulated learners for 60 s against gunicorn on PostgreSQL (README "Load
# test"); LOADTEST_ARGS="--users 50 --seconds 20" for a shorter run.
loadtest: setup messages $(VENV)/.installed-load
	$(PY) manage.py loadtest $(LOADTEST_ARGS)

# `make bench`: requests/s, p50/p99, queries and bytes of the lesson page, course
# page, My learning and a bare view (README "Performance"), wrk against gunicorn
# -w 2 on 127.0.0.1; PostgreSQL when DATABASE_URL points there, else SQLite.
bench: setup messages
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "Please install wrk (e.g. sudo apt-get install wrk)"; exit 1; \
		fi; \
	}
	timeout 900 $(PY) manage.py bench $(BENCH_ARGS)

$(VENV)/.installed-load: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[load]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Debian packages: gettext compiles the translations, chromium runs browser tests,
# poppler-utils (pdftotext) reads the PDFs the print tests make.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ "$(MAKECMDGOALS)" = "test" ]; then \
		[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
		command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; \
		fi; \
	fi

messages: setup
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

lint: test-setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules staticfiles .loadtest
