# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed
# The suite runs on every core (pytest-xdist); each worker has its own test
# database, media, private storage and page cache. Tests marked `serial` share
# one worker. PYTEST_WORKERS=0 runs everything in this process.
PYTEST_WORKERS ?= auto
PYTEST_ARGS    ?= -n $(PYTEST_WORKERS) --dist loadgroup --durations=20

.PHONY: run test install migrate demo lint format test-fast test-postgres chromium pdf-deps gettext bench load clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core; }

# WeasyPrint needs Pango, and generated PDFs embed DejaVu fonts (Latin, Norwegian,
# Swedish, Serbian Cyrillic and Latin). HarfBuzz-Subset subsets the fonts in C
# (without it WeasyPrint falls back to fontTools, several times slower per PDF).
pdf-deps:
	@{ fc-list 2>/dev/null | grep -q "DejaVu Sans" && ldconfig -p | grep -q libpangoft2 \
	   && ldconfig -p | grep -q libharfbuzz-subset; } || { \
	  echo "Installing DejaVu fonts and Pango for PDF rendering"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    fonts-dejavu-core fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; }

# The catalogue test extracts the strings (xgettext) and checks them (msgfmt).
gettext:
	@command -v xgettext >/dev/null && command -v msgfmt >/dev/null || { \
	  echo "Installing GNU gettext for the catalogue test"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r portal plugins jurisdictions content -x '*/migrations/*' -s B404

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install chromium pdf-deps gettext lint
	$(PY) manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: install
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m "not e2e and not slow"

# What depends on the database, on PostgreSQL: everything but the browser tests.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  $(VENV)/bin/pytest $(PYTEST_ARGS) -m "not e2e"

# Bundle benchmark (DESIGN.md section 8): 30 and 120 students, portal against the
# bare libraries, cold and warm. Figures go to docs/performance.md.
bench: install pdf-deps
	$(PY) bench/bundle_bench.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

# The production shape on one machine (docs/deploy.md): two gunicorn app processes
# on 127.0.0.1:8101 and :8102 and one task worker against the local PostgreSQL.
# PORTAL_BASE_URL (default: the first app process) is the address in e-mails, in the
# Wagtail Site record and in the headless API's html_url/detail_url.
prod-demo: install
	PORTAL_BASE_URL="$${PORTAL_BASE_URL:-http://127.0.0.1:$$(set -- $${PROD_DEMO_PORTS:-8101}; echo $$1)}" \
	  scripts/prod_demo.sh
.PHONY: prod-demo

# Load scenario (bench/locustfile.py) against gunicorn on loopback, PostgreSQL and
# 10,000 bulk students: fixed time and users; figures go to docs/performance.md.
load: install
	scripts/load.sh
