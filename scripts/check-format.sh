#!/usr/bin/env bash
# Fails when Sources/ or Tests/ differ from what swift-format (with .swift-format) produces.
# Fix with `make format`. Rules the formatter cannot fix (long string literals) are not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r Sources Tests .swift-format "$scratch"/
(cd "$scratch" && swift-format format --in-place --recursive Sources Tests)
if ! diff -r -q Sources "$scratch/Sources" >/dev/null || ! diff -r -q Tests "$scratch/Tests" >/dev/null; then
  echo "check-format: these files are not formatted (run \`make format\`):" >&2
  diff -r -q Sources "$scratch/Sources" | sed 's/^/  /' >&2 || true
  diff -r -q Tests "$scratch/Tests" | sed 's/^/  /' >&2 || true
  exit 1
fi
echo "check-format: Sources/ and Tests/ are formatted"
