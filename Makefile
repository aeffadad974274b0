# The two commands in the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: setup build demo test bench format clean

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build

## Installs what is missing, builds, and runs the demo into ./demo.
demo: build
	$$($(SWIFT) build --show-bin-path)/cuesheet demo --out demo

## Installs what is missing and runs the whole test suite.
test: setup
	$(SWIFT) test

## Release-built benchmarks (figures for docs/benchmarks.md); scripts/bench-import.sh and
## scripts/bench-server.sh compare against sqlite3 and drive the server with wrk.
bench: setup
	$(SWIFT) build -c release --product cuesheet-bench
	for name in store expr flags pipeline match reports import; do \
	  $$($(SWIFT) build -c release --show-bin-path)/cuesheet-bench $$name || exit 1; \
	done

## Formats the tree in place; `scripts/check-format.sh` (run by CI) fails when it is not formatted.
format:
	swift-format format --in-place --recursive Sources Tests

clean:
	rm -rf .build demo
