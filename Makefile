# Procesregie: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run alleen-lokaal test benodigdheden install install-dev lint typecheck migrations-check openapi \
        openapi-check adr \
        messages messages-check \
        pytest-sqlite pytest-lastige-momenten pytest-postgresql benchmark clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 ontbreekt ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# --no-compile: pip would byte-compile every module of every package (scipy, pandas, pm4py:
# tens of thousands); Python compiles and caches the few that are imported on first use.
$(VENV)/.base: requirements/base.txt | $(PY)
	$(PIP) install --quiet --no-compile -r requirements/base.txt
	@touch $@

$(VENV)/.dev: requirements/dev.txt requirements/base.txt | $(PY)
	$(PIP) install --quiet --no-compile -r requirements/dev.txt
	@touch $@ $(VENV)/.base

install: $(VENV)/.base
install-dev: $(VENV)/.dev

## make assets: the web pages' NL Design System CSS and htmx (and axe-core for the browser tests) from
## the npm registry at the exact versions of package-lock.json, copied into the static files.
VENDOR := statuspagina/static/statuspagina/vendor

node_modules/.package-lock.json: package.json package-lock.json
	@scripts/benodigdheden.sh --verplicht npm
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

assets: node_modules/.package-lock.json
	@mkdir -p $(VENDOR)
	cp node_modules/@utrecht/component-library-css/dist/index.css \
	    $(VENDOR)/utrecht-component-library.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md $(VENDOR)/utrecht-LICENSE.md
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css \
	    $(VENDOR)/voorbeeld-theme.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md \
	    $(VENDOR)/voorbeeld-LICENSE.md
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/htmx.org/LICENSE $(VENDOR)/htmx-LICENSE

## make run: install, migrate SQLite, load the catalogue, the demo case and users, serve on HOST:PORT
## with the background worker for report jobs beside it (scripts/serveer.py stops both on Ctrl-C).
## Only on this machine (HOST loopback): DEBUG and demo users with a known password. The .env
## it writes holds a random SECRET_KEY and no DEBUG, so other processes run without DEBUG.
run: alleen-lokaal install assets
	@$(PY) scripts/lokale_env.py .env
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(PY) manage.py createcachetable
	DEBUG=$${DEBUG:-true} $(PY) manage.py collectstatic --no-input --verbosity 0
	DEBUG=$${DEBUG:-true} $(PY) manage.py laad_catalogus
	DEBUG=$${DEBUG:-true} $(PY) manage.py laad_demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py demo_tweede_factor
	DEBUG=$${DEBUG:-true} $(PY) scripts/serveer.py -- \
	    $(VENV)/bin/gunicorn procesregie.wsgi --bind $(HOST):$(PORT) \
	    --workers 2 --access-logfile - --forwarded-allow-ips=127.0.0.1

# DEBUG and the demo users' known password only where nobody else can reach them.
alleen-lokaal:
	@case "$(HOST)" in 127.0.0.1|localhost|::1|"[::1]") ;; *) \
	    echo "make run is alleen voor deze machine (HOST=127.0.0.1): het zet DEBUG aan en maakt demogebruikers met een bekend wachtwoord."; \
	    echo "Serveren op HOST=$(HOST) doe je met productie-instellingen; zie README.md, 'In productie'."; \
	    exit 1;; esac

## make test: lint, types, migrations, OpenAPI, and the suite on SQLite and PostgreSQL.
## The checks are single-threaded, so two run side by side (-j2, output kept per check): mypy
## on one core, the others after each other on the second (ruff and mypy skip the temporary
## *.html.py that makemessages writes beside templates, see pyproject.toml). The test runs
## spread over the cores themselves and run one after the other. What runs where: README.md.
test: benodigdheden install-dev assets
	@$(MAKE) --no-print-directory -j2 --output-sync=target \
	    typecheck lint migrations-check openapi-check adr messages-check
	@$(MAKE) --no-print-directory pytest-sqlite
	@$(MAKE) --no-print-directory pytest-postgresql

## What make test needs from the machine besides Python: installed with apt-get as root, named
## otherwise (and fatal with CI=true).
benodigdheden:
	@scripts/benodigdheden.sh postgresql chromium gettext npm

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-dev
	$(VENV)/bin/mypy .

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=procesregie.settings_test $(PY) manage.py makemigrations --check --dry-run

openapi: install-dev
	DJANGO_SETTINGS_MODULE=procesregie.settings_test $(PY) manage.py spectacular \
	    --file openapi.yaml --validate --fail-on-warn

openapi-check: install-dev
	DJANGO_SETTINGS_MODULE=procesregie.settings_test $(PY) manage.py spectacular \
	    --file $(VENV)/openapi.generated.yaml --validate --fail-on-warn
	@cmp -s openapi.yaml $(VENV)/openapi.generated.yaml || \
	    { echo "openapi.yaml is verouderd: draai 'make openapi' en commit het."; exit 1; }

## The NL API Design Rules 2.1 on the committed document: Spectral (npm, exact version in
## package-lock.json) with this project's ruleset adr.spectral.yml; any error or warning fails.
adr: assets
	node_modules/.bin/spectral lint --fail-severity=warn --ruleset adr.spectral.yml openapi.yaml

MAKEMESSAGES = DJANGO_SETTINGS_MODULE=procesregie.settings_test $(PY) manage.py makemessages \
    -l en --no-location --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=node_modules

## Translations: Dutch source strings, English catalogue in locale/en (po and compiled mo).
messages: install-dev
	$(MAKEMESSAGES)
	DJANGO_SETTINGS_MODULE=procesregie.settings_test $(PY) manage.py compilemessages -l en --ignore=.venv

messages-check: install-dev
	@cp locale/en/LC_MESSAGES/django.po $(VENV)/django.po.committed
	@$(MAKEMESSAGES) >/dev/null
	@diff -q -I '^"POT-Creation-Date' $(VENV)/django.po.committed locale/en/LC_MESSAGES/django.po \
	    >/dev/null || { cp $(VENV)/django.po.committed locale/en/LC_MESSAGES/django.po; \
	    echo "locale/en is verouderd: draai 'make messages', vertaal en commit."; exit 1; }
	@cp $(VENV)/django.po.committed locale/en/LC_MESSAGES/django.po
	@msgattrib --untranslated locale/en/LC_MESSAGES/django.po | grep -q '^msgid "[^"]' && \
	    { echo "locale/en heeft onvertaalde teksten."; exit 1; } || true
	@# A fuzzy entry is a guess of msgmerge's (another sentence's translation), never compiled.
	@msgattrib --only-fuzzy locale/en/LC_MESSAGES/django.po | grep -q '^msgid "[^"]' && \
	    { echo "locale/en heeft vage (fuzzy) vertalingen: controleer ze en haal 'fuzzy' weg."; exit 1; } || true
	@msgattrib --only-fuzzy locale/en/LC_MESSAGES/django.po | grep -q '^msgid' && \
	    { echo "locale/en heeft vage (fuzzy) vertalingen: controleer en vertaal ze."; exit 1; } || true
	@msgfmt --check -o $(VENV)/django.mo locale/en/LC_MESSAGES/django.po
	@cmp -s $(VENV)/django.mo locale/en/LC_MESSAGES/django.mo || \
	    { echo "django.mo is verouderd: draai 'make messages' en commit."; exit 1; }

# Both runs spread the suite over the machine's cores (pytest-xdist); worksteal keeps both
# busy to the end when a few long tests (the property tests) come late.
XDIST := -n auto --dist worksteal

# The whole suite on SQLite: the browser tests, the property tests at full strength, and the
# date-sensitive modules (marker datumgevoelig) also with the clock at awkward moments of the
# Dutch calendar (23:30 UTC, both nights the clocks change, New Year's Eve 23:59), in the
# same session.
pytest-sqlite: install-dev
	env -u DATABASE_URL $(VENV)/bin/pytest -p no:cacheprovider -q $(XDIST) --lastige-momenten \
	    --hypothesis-profile=volledig

# Only the date-sensitive modules, now and at the awkward moments (part of pytest-sqlite).
pytest-lastige-momenten: install-dev
	env -u DATABASE_URL $(VENV)/bin/pytest -p no:cacheprovider -q $(XDIST) -m datumgevoelig \
	    --lastige-momenten

# The whole suite again on PostgreSQL, but for the browser tests (pages, not the database) and
# the tests marked databaseonafhankelijk (no database at all), which the SQLite run has; with
# the property tests' repeat profile (a fifth of the examples).
pytest-postgresql: install-dev
	$(PY) scripts/met_postgres.py -- $(VENV)/bin/pytest -p no:cacheprovider -q $(XDIST) \
	    -m 'not benchmark and not browser and not databaseonafhankelijk' \
	    --hypothesis-profile=herhaling

## make benchmark: speed and memory on large cases, on demand (see docs/benchmarks.md): on
## SQLite, then on a throw-away PostgreSQL cluster, each module in a process (and test
## database) of its own. BENCHMARKS narrows it to some modules.
BENCHMARKS ?= tests/benchmarks
benchmark: install-dev
	env -u DATABASE_URL $(PY) scripts/benchmarks.py $(BENCHMARKS)
	$(PY) scripts/met_postgres.py -- $(PY) scripts/benchmarks.py $(BENCHMARKS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
