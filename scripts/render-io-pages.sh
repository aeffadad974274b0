#!/usr/bin/env bash
# Renders every page of the sample campaign's IO document to PNG, to look at before shipping a
# layout change (issue #17): builds the demo database from samples/, exports the campaign's PDF
# with each template (classic, modern) and one single-line IO, then runs pdftoppm on each PDF.
#
#   scripts/render-io-pages.sh [CAMPAIGN] [IO] [OUT]     # default: cmp-002 IO-1005 .build/io-pages
#
# Needs a built `cuesheet` (.build/debug/cuesheet, or $CUESHEET), WeasyPrint and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
campaign="${1:-cmp-002}"
io="${2:-IO-1005}"
out="${3:-.build/io-pages}"
cuesheet="${CUESHEET:-.build/debug/cuesheet}"
for tool in pdftoppm pdfinfo weasyprint; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (run scripts/setup.sh)" >&2; exit 74; }
done
[ -x "$cuesheet" ] || { echo "error: no cuesheet binary at $cuesheet; build first or set CUESHEET" >&2; exit 74; }
rm -rf "$out"
mkdir -p "$out"
"$cuesheet" demo --out "$out/demo" >/dev/null
export CUESHEET_BUILD_TIME="${CUESHEET_BUILD_TIME:-2026-11-25T06:00:00Z}"
for template in classic modern; do
  for scope in "--campaign $campaign" "$io"; do
    name="$(echo "$scope" | sed 's/--campaign //')-$template"
    # shellcheck disable=SC2086
    CUESHEET_FLAG_IO_TEMPLATE="$template" "$cuesheet" io export $scope --db "$out/demo/cuesheet.db" \
      --format pdf --out "$out/$name/" >/dev/null 2>"$out/$name.warnings.txt" || {
      cat "$out/$name.warnings.txt" >&2; exit 1; }
    mv "$out/$name"/*.pdf "$out/$name.pdf" && rmdir "$out/$name"
    pdftoppm -r 70 -png "$out/$name.pdf" "$out/$name"
    pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/{print $2}')
    echo "$out/$name.pdf: $pages page(s) → $(ls "$out/$name"-*.png | tr '\n' ' ')"
  done
done
