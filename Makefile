# The two commands a newcomer needs. Both install what is missing first (scripts/setup.sh).
SHELL := bash
.PHONY: serve test setup fuzz

# Build the app and serve it on http://127.0.0.1:8080, rebuilding on change.
serve:
	scripts/setup.sh build
	. scripts/env.sh && trunk serve

# Every check and test: lint, native, component (headless Chromium), end-to-end.
test:
	scripts/test.sh

# A mutation fuzzer over the fixtures and the hostile corpus, whole and in pieces, for MINUTES
# minutes (default 1); distinct failures are saved to tests/hostile/found/.
MINUTES ?= 1
fuzz:
	cargo run --locked --profile fuzz -p shipcheck-engine --example fuzz -- $(MINUTES)
