#!/usr/bin/env bash
# scripts/fuzz.sh [TARGET] [SECONDS]: builds the libFuzzer targets under Fuzz/ and runs each for
# SECONDS (default 30) over its committed corpus (Fuzz/<Target>/corpus) with its dictionary.
#
# TARGET is one of: csv cel rules templates multipart cron, or all (the default).
# Builds with swiftc directly (not SwiftPM): the fuzzed code is compiled from the sources listed
# below, with -sanitize=fuzzer,address, into .build-fuzz/. Only dependency-free sources are fuzzed:
# Diagnostics, Expressions and Rules as modules, and single parser files of Ingest, Reports and
# Server compiled into the target's own module (see docs/fuzzing.md).
#
# New inputs go to .build-fuzz/corpus/<target>; crashes, leaks and timeouts to
# .build-fuzz/crashes/<target>-*; logs to .build-fuzz/logs/<target>.log.
# Exits non-zero when any target crashed (or failed to build).
#
# Environment: FUZZ_JOBS=N runs N targets at once (default 1); FUZZ_BUILD_ONLY=1 only builds;
# FUZZ_ARGS adds libFuzzer flags.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(csv cel rules templates multipart cron)
target="${1:-all}"
seconds="${2:-30}"
out=.build-fuzz
jobs="${FUZZ_JOBS:-1}"

if [[ "$target" == all ]]; then
  targets=("${all_targets[@]}")
elif [[ " ${all_targets[*]} " == *" $target "* ]]; then
  targets=("$target")
else
  echo "fuzz.sh: unknown target '$target'; the targets are: ${all_targets[*]} (or all)." >&2
  exit 2
fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "fuzz.sh: SECONDS must be a whole number ≥ 1, not '$seconds'." >&2
  exit 2
fi

mkdir -p "$out/lib" "$out/bin" "$out/crashes" "$out/logs" "$out/corpus"
flags=(-parse-as-library -swift-version 6 -O -gline-tables-only -sanitize=fuzzer,address
  -I "$out/lib" -suppress-warnings)

# True when $1 is missing or older than any of the remaining files.
stale() {
  local product="$1"
  shift
  [[ -e "$product" ]] || return 0
  [[ -n "$(find "$@" -newer "$product" -print -quit)" ]]
}

# library NAME DEP... : Sources/NAME/**/*.swift as a static library and module in $out/lib.
library() {
  local name="$1"
  shift
  local sources
  mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
  local deps=()
  for dep in "$@"; do deps+=("$out/lib/lib$dep.a"); done
  if stale "$out/lib/lib$name.a" "${sources[@]}" "${deps[@]}"; then
    echo "fuzz.sh: building module $name" >&2
    swiftc "${flags[@]}" -module-name "$name" -emit-module \
      -emit-module-path "$out/lib/$name.swiftmodule" -emit-library -static \
      -o "$out/lib/lib$name.a" "${sources[@]}"
  fi
}

# executable TARGET "SOURCES..." LIB... : Fuzz/<Dir>/fuzz.swift plus SOURCES linked with LIBs.
executable() {
  local target="$1" dir="$2" extra="$3"
  shift 3
  local sources=("Fuzz/$dir/fuzz.swift")
  # shellcheck disable=SC2206
  [[ -n "$extra" ]] && sources+=($extra)
  local libs=()
  for lib in "$@"; do libs+=("$out/lib/lib$lib.a"); done
  if stale "$out/bin/$target" "${sources[@]}" "${libs[@]}" scripts/fuzz.sh; then
    echo "fuzz.sh: building target $target" >&2
    swiftc "${flags[@]}" -module-name "Fuzz$dir" -o "$out/bin/$target" "${sources[@]}" \
      "${libs[@]}" 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol" >&2 || true
    [[ -x "$out/bin/$target" ]] || return 1
  fi
}

dir_of() {
  case "$1" in
    csv) echo CSV ;; cel) echo CEL ;; rules) echo Rules ;; templates) echo Templates ;;
    multipart) echo Multipart ;; cron) echo Cron ;;
  esac
}

build() {
  case "$1" in
    csv)
      executable csv CSV "Sources/Ingest/CSV/CSVReader.swift Sources/Ingest/CSV/CSVByteSource.swift Sources/Ingest/CSV/CSVError.swift Sources/Ingest/CSV/CSVWriter.swift"
      ;;
    cel)
      library Diagnostics
      library Expressions Diagnostics
      executable cel CEL "" Expressions Diagnostics
      ;;
    rules)
      library Diagnostics
      library Expressions Diagnostics
      library Rules Expressions Diagnostics
      executable rules Rules "" Rules Expressions Diagnostics
      ;;
    templates)
      library Diagnostics
      library Expressions Diagnostics
      executable templates Templates "Sources/Reports/Template/Template.swift Sources/Reports/Template/TemplateLexer.swift Sources/Reports/Template/TemplateLexer+Components.swift Sources/Reports/Template/TemplateParser.swift Sources/Reports/Template/TemplateExpression.swift Sources/Reports/ReportError.swift Sources/Reports/Publish/BuildOptions.swift Sources/Reports/Document/ValueFormat.swift Sources/Reports/Document/Document.swift Sources/Reports/Data/TemplateValue.swift" Expressions Diagnostics
      ;;
    multipart)
      executable multipart Multipart "Sources/Server/Upload/MultipartExtractor.swift"
      ;;
    cron)
      executable cron Cron "Sources/Reports/Schedule/CronSchedule.swift"
      ;;
  esac
}

run() {
  local target="$1" dir
  dir="$(dir_of "$target")"
  mkdir -p "$out/corpus/$target"
  local dict=()
  [[ -f "Fuzz/$dir/dict" ]] && dict=(-dict="Fuzz/$dir/dict")
  # shellcheck disable=SC2086
  # Swift seeds its hashing per process; a fixed hash seed makes a run with a fixed -seed the
  # same sequence of inputs on every machine (what CI replays is then what passed here).
  SWIFT_DETERMINISTIC_HASHING=1 SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "$out/bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" "${dict[@]}" ${FUZZ_ARGS:-} \
    "$out/corpus/$target" "Fuzz/$dir/corpus" >"$out/logs/$target.log" 2>&1
}

# Prints the figures of a finished run: executions, coverage, features, crashes.
summary() {
  local target="$1" status="$2" log="$out/logs/$1.log"
  local runs cov
  runs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1 || true)"
  cov="$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1 || true)"
  if ((status == 0)); then
    echo "fuzz.sh: $target: ok, ${runs:-?} executions, ${cov:-no coverage line}"
  else
    echo "fuzz.sh: $target: FAILED (exit $status), ${runs:-?} executions, ${cov:-?}; see $log and $out/crashes/$target-*" >&2
    grep -E 'ERROR: |Fatal error|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
  fi
}

failed=0
for t in "${targets[@]}"; do
  if ! build "$t"; then
    echo "fuzz.sh: $t: the build failed." >&2
    exit 1
  fi
done
[[ -n "${FUZZ_BUILD_ONLY:-}" ]] && exit 0

pids=()
names=()
wait_one() {
  local status=0
  wait "${pids[0]}" || status=$?
  summary "${names[0]}" "$status"
  ((status == 0)) || failed=1
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
for t in "${targets[@]}"; do
  run "$t" &
  pids+=("$!")
  names+=("$t")
  while ((${#pids[@]} >= jobs)); do wait_one; done
done
while ((${#pids[@]} > 0)); do wait_one; done
exit "$failed"
