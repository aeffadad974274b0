#!/usr/bin/env bash
# Installs the Debian packages Cuesheet needs, only those that are missing.
#   libcmark-dev     Markdown → HTML for reports (linked through the CCmark module)
#   libsqlite3-dev   SQLite headers (GRDB links the system SQLite)
#   sqlite3          the sqlite3 shell: tests and the import benchmark use it
#   weasyprint       HTML → PDF for IO documents (`cuesheet io export --format pdf`)
#   poppler-utils    pdftotext and pdfinfo: the IO document tests read the PDFs back
#   chromium         headless browser: the server's browser tests and scripts/browser-check.py
#   chromium-driver  chromedriver, through which selenium drives chromium (scripts/browser-check.py)
#   wrk              HTTP load generator: scripts/bench-server.sh
set -euo pipefail

packages=(libcmark-dev libsqlite3-dev sqlite3 weasyprint poppler-utils chromium chromium-driver wrk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present (${packages[*]})"
else
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || echo "setup: apt-get update failed; trying the install anyway" >&2
  $sudo apt-get install -y -qq "${missing[@]}"
fi

# Python test helpers live in a virtual environment at .venv (never the system Python); the tests
# that drive real clients (browsers, OpenFeature SDK, API fuzzing) find it there.
cd "$(dirname "$0")/.."
requirements=scripts/requirements-test.txt
stamp=.venv/.requirements.sha256
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "setup: .venv is up to date ($requirements)"
  exit 0
fi
echo "setup: creating .venv from $requirements"
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" >"$stamp"
