#!/usr/bin/env bash
# Import benchmark: `cuesheet import metrics-daily` against the sqlite3 shell's `.import`.
#
#   scripts/bench-import.sh [ROWS]        # default 1000000 (about 45 MB)
#
# Generates a metrics_daily CSV (plus the shows and episodes it references), builds release
# binaries, then in one run times:
#   1. cuesheet import metrics-daily into a fresh, migrated database whose shows and episodes were
#      imported first (full validation, upsert, provenance);
#   2. a re-import of the same file (every row unchanged);
#   3. sqlite3's `.import` of the same file into a bare table with the same unique index.
# Wall time and peak memory come from /usr/bin/time -v. Figures go in docs/benchmarks.md (## Import).
set -euo pipefail

ROWS="${1:-1000000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

for tool in sqlite3 /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing ${tool##*/}" >&2
    apt-get install -y "$( [ "$tool" = sqlite3 ] && echo sqlite3 || echo time )" >/dev/null
  fi
done

swift build -c release --product cuesheet >/dev/null
swift build -c release --product cuesheet-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)"

WORK="$(mktemp -d /tmp/cuesheet-bench-import.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$BIN/cuesheet-bench" import --rows "$ROWS" --write "$WORK" >/dev/null
CSV="$WORK/metrics_daily.csv"
BYTES=$(stat -c %s "$CSV")

DB="$WORK/cuesheet.db"
"$BIN/cuesheet" db migrate --db "$DB" >/dev/null
"$BIN/cuesheet" import shows "$WORK/shows.csv" --db "$DB" >/dev/null
"$BIN/cuesheet" import episodes "$WORK/episodes.csv" --db "$DB" >/dev/null

# measure LABEL CMD... : prints wall seconds and peak RSS (MB) from GNU time.
measure() {
  local label="$1"; shift
  local log="$WORK/$label.time"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
  echo "$label $wall $rss $cpu"
}

read -r _ CS_WALL CS_RSS CS_CPU < <(measure cuesheet "$BIN/cuesheet" import metrics-daily "$CSV" --db "$DB")
read -r _ RE_WALL RE_RSS RE_CPU < <(measure reimport "$BIN/cuesheet" import metrics-daily "$CSV" --db "$DB")

BARE="$WORK/bare.db"
sqlite3 "$BARE" "CREATE TABLE metrics_daily (day TEXT NOT NULL, episode_id TEXT NOT NULL,
  source TEXT NOT NULL, downloads INTEGER NOT NULL, listeners INTEGER NOT NULL,
  impressions INTEGER NOT NULL);
  CREATE UNIQUE INDEX ux_metrics_daily_day_ep_source ON metrics_daily(day, episode_id, source);"
read -r _ SQ_WALL SQ_RSS SQ_CPU < <(measure sqlite3 sqlite3 "$BARE" ".mode csv" ".import --skip 1 $CSV metrics_daily")

IMPORTED=$(sqlite3 "$DB" "SELECT count(*) FROM metrics_daily")
BARE_ROWS=$(sqlite3 "$BARE" "SELECT count(*) FROM metrics_daily")
RATIO=$(awk -v a="$CS_WALL" -v b="$SQ_WALL" 'BEGIN { printf "%.2f", a / b }')
CPU_RATIO=$(awk -v a="$CS_CPU" -v b="$SQ_CPU" 'BEGIN { printf "%.2f", a / b }')

echo "import.rows: $ROWS rows ($BYTES bytes)"
echo "import.cuesheet_wall: $CS_WALL s ($IMPORTED rows in table)"
echo "import.cuesheet_cpu: $CS_CPU s (user + system)"
echo "import.cuesheet_peak_rss: $CS_RSS MB"
echo "import.cuesheet_rate: $(awk -v r="$ROWS" -v s="$CS_WALL" 'BEGIN { printf "%d", r / s }') rows/s"
echo "import.reimport_wall: $RE_WALL s"
echo "import.reimport_cpu: $RE_CPU s"
echo "import.reimport_peak_rss: $RE_RSS MB"
echo "import.sqlite3_wall: $SQ_WALL s ($BARE_ROWS rows in table)"
echo "import.sqlite3_cpu: $SQ_CPU s"
echo "import.sqlite3_peak_rss: $SQ_RSS MB"
echo "import.ratio_vs_sqlite3: $RATIO x wall, $CPU_RATIO x cpu (target <= 1.5)"
echo "import.load_average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
