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

## Release-built benchmarks (figures for docs/benchmarks.md).
bench: setup
	$(SWIFT) run -c release cuesheet-bench store

format:
	swift-format lint --recursive --strict Sources Tests || true

clean:
	rm -rf .build demo
