#!/usr/bin/env bash
# HTTP load benchmark for `cuesheet serve`, driven by wrk on loopback.
#
#   scripts/bench-server.sh [SECONDS]        # default 15 seconds per phase
#   CONFIG=debug scripts/bench-server.sh 3   # check the script quickly on a debug build
#   BIN=DIR scripts/bench-server.sh          # use the cuesheet binary already built in DIR
#
# Builds the release binary, makes a fresh database with the samples (shows, episodes, advertisers,
# campaigns, IOs and ~16,600 metrics rows), creates a token and starts the server on a free port.
# Then, each phase for SECONDS:
#   1. flag evaluation:  GET /api/v1/flags/ENABLE_MATCHMAKING?context=…   (wrk -t2 -c64)
#      then the same through OpenFeature (OFREP): POST /ofrep/v1/evaluate/flags/ENABLE_MATCHMAKING,
#      and the bulk evaluation of every flag, POST /ofrep/v1/evaluate/flags (wrk -t2 -c64 each);
#      for these three, the server's CPU time per request (utime + stime from /proc, divided by
#      the requests wrk completed) as well as requests/s; and GET /healthz (no auth, no work) right
#      after the flag phase, the ceiling the flag route is compared with on the same machine
#   2. dashboard JSON:   GET /api/v1/dashboard/ops                         (wrk -t2 -c16)
#      with the server's CPU time per request (target: over 500 req/s, issue 16)
#   3. the same dashboard reads while a loop uploads samples/metrics_daily.csv through
#      POST /api/v1/etl/upload (all-or-nothing import, ~16,600 rows each time); every upload must
#      answer 200, wrk must see no non-2xx answer and the server log no SQLITE_BUSY.
# Prints requests/s and latency percentiles from wrk. Figures go in docs/benchmarks.md (## Server).
set -euo pipefail

SECONDS_PER_PHASE="${1:-15}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-server: $tool is missing; run scripts/setup.sh" >&2; exit 1; }
done

CONFIG="${CONFIG:-release}"
if [ -z "${BIN:-}" ]; then  # BIN=DIR uses an already built cuesheet from DIR
  swift build -c "$CONFIG" --product cuesheet >/dev/null
  BIN="$(swift build -c "$CONFIG" --show-bin-path)"
fi
echo "build: $CONFIG ($BIN)"

WORK="$(mktemp -d /tmp/cuesheet-bench-server.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/cuesheet.db"
"$BIN/cuesheet" db migrate --db "$DB" >/dev/null
"$BIN/cuesheet" import samples --db "$DB" >/dev/null
TOKEN="$("$BIN/cuesheet" tokens create bench --db "$DB" 2>/dev/null)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

"$BIN/cuesheet" serve --db "$DB" --port "$PORT" --rules rules --reports reports \
  --dashboards "$WORK/dashboards" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
BASE="http://127.0.0.1:$PORT"
AUTH="Authorization: Bearer $TOKEN"
CONTEXT='%7B%22env%22%3A%22production%22%2C%22account%22%3A%7B%22id%22%3A%22acme%22%2C%22tier%22%3A%22enterprise%22%7D%7D'

echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "check: $(curl -fsS -H "$AUTH" "$BASE/api/v1/flags/ENABLE_MATCHMAKING?context=$CONTEXT")"

report() {  # NAME FILE: requests/s, p50, p99 and errors from wrk --latency output
  local name="$1" file="$2"
  local rps p50 p99 non2xx errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p50=$(awk '$1 == "50%" {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$file"); non2xx="${non2xx:-0}"
  errors=$(awk '/Socket errors/ {print}' "$file"); errors="${errors:-none}"
  echo "$name.requests_per_second: $rps req/s"
  echo "$name.latency_p50: $p50"
  echo "$name.latency_p99: $p99"
  echo "$name.non_2xx: $non2xx"
  echo "$name.socket_errors: $errors"
}

server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
cpu_per_request() {  # NAME FILE TICKS_BEFORE TICKS_AFTER: server CPU µs per completed request
  local requests
  requests=$(awk '/requests in/ {print $1}' "$2")
  echo "$1.server_cpu_per_request: $(awk -v t="$(( $4 - $3 ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {if (n > 0) printf "%.1f", t / hz / n * 1e6; else print "n/a"}') µs"
}

before=$(server_cpu_ticks)
wrk -t2 -c64 -d"${SECONDS_PER_PHASE}s" --latency -H "$AUTH" \
  "$BASE/api/v1/flags/ENABLE_MATCHMAKING?context=$CONTEXT" >"$WORK/flags.txt"
report flag_eval "$WORK/flags.txt"
cpu_per_request flag_eval "$WORK/flags.txt" "$before" "$(server_cpu_ticks)"

# The same load on /healthz: what the server does with no auth and no work, in the same minute.
before=$(server_cpu_ticks)
wrk -t2 -c64 -d"${SECONDS_PER_PHASE}s" --latency "$BASE/healthz" >"$WORK/healthz.txt"
report healthz "$WORK/healthz.txt"
cpu_per_request healthz "$WORK/healthz.txt" "$before" "$(server_cpu_ticks)"

# OpenFeature (OFREP): the same evaluation, then every flag at once, with the same context.
cat >"$WORK/ofrep.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"context": {"targetingKey": "acme", "env": "production", "account": {"tier": "enterprise"}}}'
LUA
echo "check: $(curl -fsS -H "$AUTH" -H 'Content-Type: application/json' \
  --data-binary '{"context": {"targetingKey": "acme", "env": "production", "account": {"tier": "enterprise"}}}' \
  "$BASE/ofrep/v1/evaluate/flags/ENABLE_MATCHMAKING")"
before=$(server_cpu_ticks)
wrk -t2 -c64 -d"${SECONDS_PER_PHASE}s" --latency -H "$AUTH" -s "$WORK/ofrep.lua" \
  "$BASE/ofrep/v1/evaluate/flags/ENABLE_MATCHMAKING" >"$WORK/ofrep-single.txt"
report ofrep_single "$WORK/ofrep-single.txt"
cpu_per_request ofrep_single "$WORK/ofrep-single.txt" "$before" "$(server_cpu_ticks)"
before=$(server_cpu_ticks)
wrk -t2 -c64 -d"${SECONDS_PER_PHASE}s" --latency -H "$AUTH" -s "$WORK/ofrep.lua" \
  "$BASE/ofrep/v1/evaluate/flags" >"$WORK/ofrep-bulk.txt"
report ofrep_bulk "$WORK/ofrep-bulk.txt"
cpu_per_request ofrep_bulk "$WORK/ofrep-bulk.txt" "$before" "$(server_cpu_ticks)"

before=$(server_cpu_ticks)
wrk -t2 -c16 -d"${SECONDS_PER_PHASE}s" --latency -H "$AUTH" "$BASE/api/v1/dashboard/ops" >"$WORK/ops.txt"
report dashboard_ops "$WORK/ops.txt"
cpu_per_request dashboard_ops "$WORK/ops.txt" "$before" "$(server_cpu_ticks)"

# Phase 3: uploads while the dashboard is read.
: >"$WORK/uploads.txt"
(
  end=$((SECONDS + SECONDS_PER_PHASE))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H "$AUTH" -H 'Content-Type: text/csv' \
      --data-binary @samples/metrics_daily.csv "$BASE/api/v1/etl/upload?kind=metrics-daily" >>"$WORK/uploads.txt"
  done
) &
UPLOADER=$!
wrk -t2 -c16 -d"${SECONDS_PER_PHASE}s" --latency -H "$AUTH" "$BASE/api/v1/dashboard/ops" >"$WORK/mixed.txt"
wait "$UPLOADER"
report dashboard_during_uploads "$WORK/mixed.txt"
uploads=$(wc -l <"$WORK/uploads.txt")
failed=$(awk '$1 != "200"' "$WORK/uploads.txt" | wc -l)
echo "uploads.completed: $uploads"
echo "uploads.failed: $failed"
echo "uploads.mean_seconds: $(awk '{s += $2} END {if (NR) printf "%.3f", s / NR; else print 0}' "$WORK/uploads.txt")"
busy=$(grep -c -i 'SQLITE_BUSY\|database is locked' "$WORK/server.log" || true)
echo "server_log.sqlite_busy: $busy"

status=0
mixed_non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/mixed.txt")
if [ "$failed" -ne 0 ] || [ "$busy" -ne 0 ] || [ -n "$mixed_non2xx" ]; then
  echo "bench-server: FAILED: uploads failed ($failed), SQLITE_BUSY ($busy) or non-2xx reads (${mixed_non2xx:-0})" >&2
  status=1
fi
rps=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/flags.txt")
echo "flag_eval.target: 25000 req/s ($([ "$rps" -gt 25000 ] && echo met || echo NOT met))"
healthz_rps=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/healthz.txt")
echo "flag_eval.vs_healthz: $(awk -v a="$rps" -v b="$healthz_rps" 'BEGIN {if (a > 0) printf "%.2f", b / a; else print "n/a"}') (healthz req/s ÷ flag req/s; the moonshot is ≤ 1.5)"
ofrep_rps=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/ofrep-single.txt")
echo "ofrep_single.vs_flag_eval: $(awk -v a="$ofrep_rps" -v b="$rps" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}') × the own route's rate"
exit "$status"
