# Two commands for a newcomer: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PORT ?= 5000
STAMPS := .make
GOVUK := node_modules/govuk-frontend/dist/govuk
SASS := node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps
SCSS := $(wildcard app/assets/scss/*.scss)
JS := $(wildcard app/assets/js/*.js)

.PHONY: run setup test lint assets db bench bench-server bench-board clean

run: setup db ## Install, migrate, load frameworks and demo data, then serve
	@$(BIN)/python -m app.welcome --port $(PORT)
	@$(FLASK) run --host 127.0.0.1 --port $(PORT)

setup: $(STAMPS)/python $(STAMPS)/assets

db: setup
	@mkdir -p instance
	@$(FLASK) prepare

$(STAMPS)/python: requirements.txt
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(STAMPS)/python-dev: $(STAMPS)/python requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# GOV.UK Frontend's fonts, images and JavaScript, the service's own scripts (app/assets/js),
# and one stylesheet per brand, into app/static.
$(STAMPS)/assets: $(STAMPS)/node $(SCSS) $(JS)
	@rm -rf app/static && mkdir -p app/static
	@cp -R $(GOVUK)/assets/. app/static/
	@cp $(GOVUK)/govuk-frontend.min.js app/static/
	@cp app/assets/js/*.js app/static/
	$(SASS) app/assets/scss/council.scss app/static/council.css
	$(SASS) app/assets/scss/govuk.scss app/static/govuk.css
	@touch $@

assets: $(STAMPS)/assets

lint: $(STAMPS)/python-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMPS)/python-dev $(STAMPS)/assets ## Everything the tests need, then the whole suite
	@bash scripts/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Page timings and SQL query counts at growing volumes (benchmarks/README.md). Not a test.
bench: $(STAMPS)/python-dev ## Time the self-assessment pages; fails if a page's query count grows
	$(BIN)/python -m benchmarks.self_assessment_pages $(BENCH_ARGS)

# Requests a second through gunicorn and wrk on PostgreSQL, against the bare layout. Not a test.
bench-server: $(STAMPS)/python-dev ## Serve the demo data with gunicorn; load each page with wrk
	$(BIN)/python -m benchmarks.server_pages $(BENCH_ARGS)

# The board's pages at 100 and 1,000 projects: wrk through gunicorn against the bare layout,
# median time, SQL queries and size. SQLite unless BENCH_ARGS="--database-url postgresql+...".
bench-board: $(STAMPS)/python-dev ## Seed 100 and 1,000 projects; measure the board's pages
	$(BIN)/python -m benchmarks.board $(BENCH_ARGS)

clean:
	rm -rf $(STAMPS) app/static node_modules $(VENV)
