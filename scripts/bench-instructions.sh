#!/usr/bin/env bash
# Instructions per evaluation of the `cuesheet-bench expr` expressions and of flag evaluation,
# under callgrind.
#
#   scripts/bench-instructions.sh [BENCH_BINARY] [SMALL] [LARGE]
#
# For each expression 1–4 and each variant (the compiled program, the hand-written Swift), runs
# `cuesheet-bench expr --only N --variant V --iterations K` under `valgrind --tool=callgrind` for
# two iteration counts K and prints (instructions(LARGE) − instructions(SMALL)) / (LARGE − SMALL):
# the set-up, compilation and process start cancel out. Instruction counts do not move with the
# machine's load, so they decide; times from `cuesheet-bench expr` go beside them.
# BENCH_BINARY defaults to the release build (`swift build -c release --product cuesheet-bench`).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${1:-$ROOT/.build/release/cuesheet-bench}"
SMALL="${2:-1000}"
LARGE="${3:-11000}"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 74
fi
if [ ! -x "$BENCH" ]; then
  echo "no benchmark binary at $BENCH; build it with: swift build -c release --product cuesheet-bench" >&2
  exit 74
fi

# valgrind 3.19 (Debian 12's) gives up on the DWARF of Swift 6 binaries ("Possibly corrupted
# debuginfo file"); a copy without debug sections runs fine, and instruction counts do not depend
# on debug information.
STRIPPED="$(mktemp /tmp/cuesheet-bench-stripped.XXXXXX)"
trap 'rm -f "$STRIPPED"' EXIT
cp "$BENCH" "$STRIPPED"
strip --strip-debug "$STRIPPED"
chmod 755 "$STRIPPED"
BENCH="$STRIPPED"

# Total instructions (Ir) of one run of `cuesheet-bench ARGS…`, from callgrind's "Collected" line.
collected() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BENCH" "$@" 2>&1 >/dev/null \
    | awk '/Collected :/ { print $NF }'
}

instructions() { collected expr --only "$1" --variant "$2" --iterations "$3"; }

echo "expr.instructions: (Ir($LARGE) - Ir($SMALL)) / $((LARGE - SMALL)) evaluations, callgrind"
for number in 1 2 3 4; do
  for variant in compiled swift; do
    small="$(instructions "$number" "$variant" "$SMALL")"
    large="$(instructions "$number" "$variant" "$LARGE")"
    awk -v n="$number" -v v="$variant" -v a="$small" -v b="$large" -v k="$((LARGE - SMALL))" \
      'BEGIN { printf "expr.%d.%s.instructions: %.1f per eval\n", n, v, (b - a) / k }'
  done
done

# Flags: the 200 generated flags of `cuesheet-bench flags`, evaluated round-robin over 64 contexts.
modes="${FLAG_MODES:-name index}"
for mode in $modes; do
  small="$(collected flags --only "$mode" --evaluations "$SMALL")"
  large="$(collected flags --only "$mode" --evaluations "$LARGE")"
  awk -v m="$mode" -v a="$small" -v b="$large" -v k="$((LARGE - SMALL))" \
    'BEGIN { printf "flags.by_%s.instructions: %.1f per eval\n", m, (b - a) / k }'
done
