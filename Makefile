# Motcua: the two commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := motcua.settings

.PHONY: demo test test-fast lint install serve migrate messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py demo_signing_keys
	DEBUG=1 DEMO_MODE=1 POSTAL_URL=http://127.0.0.1:$${POSTAL_SIM_PORT:-8103} \
		NATIONAL_PORTAL_URL="$${NATIONAL_PORTAL_URL-http://127.0.0.1:$${NATIONAL_PORTAL_SIM_PORT:-8101}/api}" \
		$(BIN)/python manage.py load_demo --if-empty
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py demo_postal_operator
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py setup_national_portal_client
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py demo_population_residents
	PATH="$(CURDIR)/$(BIN):$$PATH" DEBUG=1 DEMO_MODE=1 PORT=$(PORT) MOTCUA_URL=http://127.0.0.1:$(PORT) \
		POSTAL_URL=http://127.0.0.1:$${POSTAL_SIM_PORT:-8103} \
		PAYMENT_NATIONAL_URL="$${PAYMENT_NATIONAL_URL-http://127.0.0.1:$${PAYMENT_SIM_PORT:-8102}/national}" \
		PAYMENT_PROVINCIAL_URL="$${PAYMENT_PROVINCIAL_URL-http://127.0.0.1:$${PAYMENT_SIM_PORT:-8102}/provincial}" \
		POPULATION_URL="$${POPULATION_URL-http://127.0.0.1:$${POPULATION_SIM_PORT:-8106}/api}" \
		NOTIFICATIONS_ENABLED=1 SMS_URL="$${SMS_URL-http://127.0.0.1:$${SMS_SIM_PORT:-8105}}" \
		RESULT_SIGNING_SOURCE=$${RESULT_SIGNING_SOURCE-pkcs12} RESULT_SIGNING_REMOTE_URL=http://127.0.0.1:$${SIGNING_SIM_PORT:-8104} \
		NATIONAL_PORTAL_URL="$${NATIONAL_PORTAL_URL-http://127.0.0.1:$${NATIONAL_PORTAL_SIM_PORT:-8101}/api}" \
		$(BIN)/honcho -f Procfile start

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The loop to run while working: everything but the browser tests and the demo's.
test-fast: install
	$(BIN)/pytest -m "not browser and not demo" $(PYTEST_ARGS)

# Load test on a fresh PostgreSQL database (needs a server at 127.0.0.1:5432); writes the
# results into docs/performance.md. BENCH_ARGS passes options (python -m bench.run --help).
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DEBUG=1 $(BIN)/python manage.py check
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	cd src/motcua && DEBUG=1 ../../$(BIN)/python ../../manage.py makemessages -l en --no-obsolete
	cd src/motcua && DEBUG=1 ../../$(BIN)/python ../../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var .pytest_cache
