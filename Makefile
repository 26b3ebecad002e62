# safetycode: `make demo` runs the main job on the examples, `make test` runs the tests,
# `make install` puts `safetycode` and its man page under PREFIX (default /usr/local).
# Each installs libyaml-dev and pkg-config first when they are missing (Debian/Ubuntu).
# `make test` also installs the Python packages the independent interchange checks use (jsonschema,
# PyYAML, compliance-trestle, sarif-pydantic), and skips those checks, saying so, where they cannot be had.

SWIFT ?= swift
BIN = .build/release/safetycode
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
# sudo only when PREFIX is not ours to write (PREFIX=$$HOME/.local needs none).
INSTALL_SUDO = $(shell [ "$$(id -u)" = 0 ] || [ -w "$(PREFIX)" ] || echo sudo)

.PHONY: deps pydeps build install test test-asan fuzz demo reports bench lint schemas code-tests clean
PYTHON ?= python3
PYDEPS = jsonschema==4.26.0 pyyaml compliance-trestle==5.2.0 sarif-pydantic==0.6.2

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then \
		echo "==> installing libyaml-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libyaml-dev pkg-config >/dev/null; \
	fi

pydeps:
	@if ! $(PYTHON) -c "import jsonschema, yaml, trestle, sarif_pydantic" >/dev/null 2>&1; then \
		echo "==> installing Python packages for the interchange checks: $(PYDEPS)"; \
		$(PYTHON) -m pip install -q $(PYDEPS) >/dev/null 2>&1 || \
		$(PYTHON) -m pip install -q --break-system-packages $(PYDEPS) >/dev/null 2>&1 || \
		echo "==> could not install them: the checks by python-jsonschema and compliance-trestle will be skipped"; \
	fi

build: deps
	$(SWIFT) build -c release --product safetycode

# Builds quietly (the log is shown only if the build fails), then prints each finished test,
# every failure with its details, and Swift Testing's summary line.
test: deps pydeps
	@SWIFT="$(SWIFT)" Scripts/test.sh

# The binary into PREFIX/bin and a man page, generated from the commands' help, into
# PREFIX/share/man/man1.
install: build
	$(BIN) generate-manual > .build/safetycode.1
	$(INSTALL_SUDO) install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1"
	$(INSTALL_SUDO) install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/safetycode"
	$(INSTALL_SUDO) install -m 644 .build/safetycode.1 "$(DESTDIR)$(PREFIX)/share/man/man1/safetycode.1"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/safetycode and its man page (man safetycode)"

lint: build
	$(BIN) lint Codes Submissions

# The JSON Schemas under Schemas/, made from the vocabulary and the formats.
schemas: build
	$(BIN) schema --all --out Schemas

# The code tests made from the applicability tables (Tests/Fixtures/applicability/), then every code test.
code-tests: build
	$(PYTHON) Scripts/applicability-to-code-tests.py
	$(BIN) test --coverage Codes

demo: build
	Scripts/demo.sh $(BIN) Reports

reports: demo

# A few minutes: writes 20,000 (BENCH_N) and 4N submission files to a temporary folder, removed at the end.
bench: deps
	$(SWIFT) build -c release --product safetycode
	$(SWIFT) build -c release --product safetycode-bench
	.build/release/safetycode-bench
	@SWIFT="$(SWIFT)" Scripts/bench-server.sh

# The test suite under the address sanitizer, in its own build folder. Leak detection is off:
# LeakSanitizer cannot follow pointers that Swift keeps in enum payloads with tag bits, and
# reports objects held by static storage (the codes the fuzz entries load once) as leaked.
test-asan: deps
	$(SWIFT) build --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --scratch-path .build-asan --sanitize=address --disable-xctest

# libFuzzer targets, each run for FUZZ_SECONDS (default 60); fails on any crash, hang or sanitizer report.
fuzz: deps
	Scripts/fuzz.sh

clean:
	rm -rf .build .build-asan .build-fuzz
