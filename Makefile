# The two commands a newcomer needs:
#   make run    the site on http://localhost:8080 with demo content
#   make test   every check and test, against real Postgres and a real browser

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

AXE_VERSION := 4.14.1
# html-validate 11 needs Node 22; 10.x is the newest line that runs on Node 20.
HTML_VALIDATE_VERSION := 10.17.0
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_DIR := $(CURDIR)/.data/lighthouse
NPM_DIR     := $(CURDIR)/.data/npm
AXE_JS      := $(NPM_DIR)/node_modules/axe-core/axe.min.js
HTML_VALIDATE := $(NPM_DIR)/node_modules/.bin/html-validate
ARTIFACTS   := $(CURDIR)/.data/test-artifacts
BIN         := $(CURDIR)/.data/bin/advocacy

.PHONY: help run build cluster test check-generated lint generate bench load lighthouse postgres chromium axe nginx brotli

help:
	@echo "make run     serve the site on http://localhost:8080 (ADDR overrides) with demo content"
	@echo "make test    generated code, gofmt, vet, staticcheck and every test (browser included)"
	@echo "make bench   Go benchmarks of the hot paths"
	@echo "make load    the site against nginx serving the same bytes, wrk alternated: req/s, p99 and ratio per page (ARGS=\"-duration 3s -resources 10000 -signatories 10000\")"
	@echo "make lighthouse  Lighthouse (mobile) on a running site: scores and timings (URL=http://localhost:8080/sswweek/2018)"
	@echo "make cluster two instances over one database behind nginx on http://127.0.0.1:8080 (ARGS=\"-addr 127.0.0.1:9080\")"

# --- run ---------------------------------------------------------------------

run: postgres build
	@exec $(BIN) dev

build:
	@go build -o $(BIN) ./cmd/advocacy

# Two instances (A on :8081 runs "advocacy dev", B on :8082 "advocacy
# serve") over the database of make run (or DATABASE_URL), behind nginx.
cluster: postgres nginx build
	@go build -o $(CURDIR)/.data/bin/cluster ./cmd/cluster
	@exec $(CURDIR)/.data/bin/cluster -advocacy $(BIN) $(ARGS)

# --- test --------------------------------------------------------------------

test: check-generated lint postgres chromium axe nginx brotli
	@echo "--- go test -race (real Postgres per test; Chromium, axe-core and html-validate for pages)"
	@mkdir -p $(ARTIFACTS)
	@CHROMIUM="$$(command -v chromium)" AXE_CORE_JS="$(AXE_JS)" HTML_VALIDATE="$(HTML_VALIDATE)" \
		go test -race -count=1 -timeout 30m -v -artifacts -outputdir "$(ARTIFACTS)" ./... 2>&1 \
		| grep -Ev '^=== (RUN|PAUSE|CONT|NAME)'
	@echo "--- all green; screenshots in $(ARTIFACTS)"

# Generated *_templ.go files are committed; regenerate into a scratch copy
# and fail if the result differs from what is in the tree.
check-generated:
	@echo "--- templ generate (committed output must match)"
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
		cp -r templates "$$tmp/"; \
		go tool templ generate -path "$$tmp" >"$$tmp/log" 2>&1 || { cat "$$tmp/log"; exit 1; }; \
		if ! diff -r templates "$$tmp/templates" >/dev/null; then \
			diff -r templates "$$tmp/templates" | head -40; \
			echo "generated templ code is stale: run 'make generate' and commit the result"; exit 1; \
		fi

generate:
	@go tool templ generate

lint:
	@echo "--- gofmt, go vet, staticcheck"
	@out=$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go' | grep -v '_templ\.go$$')); \
		if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@go vet ./...
	@go tool staticcheck ./...

bench: postgres
	@go test -run '^$$' -bench . -benchmem ./internal/app/ ./internal/markdown/ ./internal/sharecard/

load: postgres nginx
	@go run ./cmd/loadtest $(ARGS)

# Lighthouse's mobile preset (simulated slow 4G and CPU) on a page of a site
# already running (make run), with the Chromium the browser tests use.
URL ?= http://localhost:8080/sswweek/2018
lighthouse: chromium
	@if [ ! -x "$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse" ]; then \
		command -v npm >/dev/null || { echo "npm not found: it installs Lighthouse (sudo apt-get install npm)"; exit 1; }; \
		echo "--- installing lighthouse $(LIGHTHOUSE_VERSION) from npm into .data/lighthouse"; \
		npm install --prefix "$(LIGHTHOUSE_DIR)" --no-save --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION) >/dev/null; \
	fi
	@curl -fsS -o /dev/null "$(URL)" || { echo "nothing answers $(URL): start the site first (make run)"; exit 1; }
	@CHROME_PATH="$$(command -v chromium)" "$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse" "$(URL)" --quiet \
		--only-categories=performance,accessibility,best-practices,seo \
		--chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$(LIGHTHOUSE_DIR)/report.json"
	@node -e 'const r = require(process.argv[1]); for (const c of Object.values(r.categories)) console.log(c.title.padEnd(26), Math.round(c.score * 100)); for (const k of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) console.log("  " + r.audits[k].title.padEnd(24), r.audits[k].displayValue);' "$(LIGHTHOUSE_DIR)/report.json"

# --- what the commands need, installed when missing --------------------------

# PostgreSQL server binaries for the embedded cluster (not needed when
# DATABASE_URL / TEST_DATABASE_URL point at a server).
postgres:
	@if [ -z "$${DATABASE_URL:-}$${TEST_DATABASE_URL:-}" ] \
		&& ! command -v postgres >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "--- installing PostgreSQL server binaries (Debian postgresql-15)"; \
			apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null; \
		else \
			echo "PostgreSQL server binaries not found: install Debian's postgresql-15 package (sudo apt-get install postgresql-15) or set DATABASE_URL"; exit 1; \
		fi; \
	fi

chromium:
	@if ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "--- installing Debian's chromium for the browser tests"; \
			apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium not found: the browser tests need Debian's chromium package (sudo apt-get install chromium)"; exit 1; \
		fi; \
	fi

# nginx in front of two instances, for the two-instance test and make
# cluster, and as the static-file yardstick of make load. NGINX names
# another binary.
nginx:
	@if [ -z "$${NGINX:-}" ] && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "--- installing Debian's nginx-light (nginx in front of two instances)"; \
			apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; \
		else \
			echo "nginx not found: the two-instance test and make cluster need Debian's nginx-light package (sudo apt-get install nginx-light), or NGINX set to an nginx binary"; exit 1; \
		fi; \
	elif [ -n "$${NGINX:-}" ] && [ ! -x "$$NGINX" ]; then \
		echo "NGINX=$$NGINX is not an executable nginx"; exit 1; \
	fi

# The reference brotli decoder: the page cache's tests check that what it
# sends decodes with it, as a browser's would.
brotli:
	@if ! command -v brotli >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "--- installing Debian's brotli (the reference decoder for the page cache's tests)"; \
			apt-get update -qq && apt-get install -y -qq brotli >/dev/null; \
		else \
			echo "brotli not found: the page cache's tests need Debian's brotli package (sudo apt-get install brotli)"; exit 1; \
		fi; \
	fi

# axe-core (accessibility, run inside Chromium) and html-validate (markup,
# run with Node) for the page tests; one install so npm keeps both.
axe:
	@if [ ! -f "$(AXE_JS)" ] || ! grep -q '"version": "$(AXE_VERSION)"' "$(NPM_DIR)/node_modules/axe-core/package.json" \
		|| [ ! -x "$(HTML_VALIDATE)" ] || ! grep -q '"version": "$(HTML_VALIDATE_VERSION)"' "$(NPM_DIR)/node_modules/html-validate/package.json"; then \
		command -v npm >/dev/null || { echo "npm not found: it installs axe-core and html-validate for the page tests (sudo apt-get install npm)"; exit 1; }; \
		echo "--- installing axe-core $(AXE_VERSION) and html-validate $(HTML_VALIDATE_VERSION) from npm into .data/npm"; \
		mkdir -p "$(NPM_DIR)"; \
		npm install --prefix "$(NPM_DIR)" --no-save --no-audit --no-fund --loglevel=error \
			axe-core@$(AXE_VERSION) html-validate@$(HTML_VALIDATE_VERSION) >/dev/null; \
	fi
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a == 20 && b >= 19) ? 0 : 1)' 2>/dev/null \
		|| { echo "html-validate $(HTML_VALIDATE_VERSION) needs Node.js 20.19 or newer (found $$(node --version 2>/dev/null || echo none))"; exit 1; }
