# The two commands in the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: setup build demo test bench format clean install

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

## Installs the release binary as $(PREFIX)/bin/cuesheet and the files it ships with (the default
## rules, the samples, report and IO templates, IO terms) under $(PREFIX)/share/cuesheet/, copied
## from this checkout; `cuesheet` then works from any directory (docs/architecture.md, "Shipped
## files"). `make install PREFIX=$$HOME/.local` needs no root.
PREFIX ?= /usr/local
install:
	$(SWIFT) build -c release --product cuesheet
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/cuesheet"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/cuesheet" "$(PREFIX)/bin/cuesheet"
	rm -rf "$(PREFIX)/share/cuesheet/rules" "$(PREFIX)/share/cuesheet/samples" "$(PREFIX)/share/cuesheet/reports"
	cp -R rules samples reports "$(PREFIX)/share/cuesheet/"

## Formats the tree in place; `scripts/check-format.sh` (run by CI) fails when it is not formatted.
format:
	swift-format format --in-place --recursive Sources Tests

clean:
	rm -rf .build demo
