#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses in tests/fuzz with clang (the project itself is built with gcc),
# compiling the core sources they need with AddressSanitizer and UndefinedBehaviorSanitizer, then
# runs each for a fixed time from its seed corpus. Fails on any crash, leak, undefined behaviour,
# assertion, GLib critical or timeout; prints executions per second and totals.
#
#   run-fuzzers.sh SOURCE-ROOT BUILD-ROOT WORK-DIR [SECONDS] [HARNESS...]
#
# The JSON and XML harnesses run for SECONDS each; the field parsers, whose coverage stops growing
# within a second or two at ~200,000 executions a second, for half that.
# BUILD-ROOT is the meson build root (for config.h). Exits 77 (meson's SKIP) only when clang or its
# libFuzzer runtime (libclang-rt-14-dev) is not installed.
set -euo pipefail

if [ "$#" -lt 3 ]; then
  echo "usage: $0 SOURCE-ROOT BUILD-ROOT WORK-DIR [SECONDS] [HARNESS...]" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
work=$3
seconds=${4:-15}
shift $(( $# < 4 ? $# : 4 ))
fuzz_src=$src/tests/fuzz

clang=""
for candidate in clang clang-14; do
  if command -v "$candidate" >/dev/null; then
    clang=$candidate
    break
  fi
done
if [ -z "$clang" ]; then
  echo "SKIP: clang is not installed (apt-get install clang libclang-rt-14-dev)"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work/obj" "$work/gen" "$work/bin" "$work/corpus" "$work/artifacts"

# The libFuzzer runtime is a separate package: without it nothing can be linked.
printf 'int LLVMFuzzerTestOneInput (const unsigned char *d, unsigned long s) { return 0; }\n' \
  > "$work/gen/probe.c"
if ! "$clang" -fsanitize=fuzzer "$work/gen/probe.c" -o "$work/gen/probe" 2>"$work/gen/probe.log"; then
  cat "$work/gen/probe.log"
  echo "SKIP: clang cannot link libFuzzer programs (apt-get install libclang-rt-14-dev)"
  exit 77
fi

modules="glib-2.0 gio-2.0 gobject-2.0 json-glib-1.0 sqlite3 libsodium libxml-2.0"
# shellcheck disable=SC2086
read -r -a pkg_cflags <<< "$(pkg-config --cflags $modules)"
# shellcheck disable=SC2086
read -r -a pkg_libs <<< "$(pkg-config --libs $modules) -lm"

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
# Every folder of core, and documents and exchange, as meson gives them (HACKING.md, Layout).
includes=(-I"$build" -I"$work/gen" -I"$src/src/documents" -I"$src/src/exchange" -I"$src/tests/support")
while IFS= read -r folder; do
  includes+=(-I"$folder")
done < <(find "$src/src/core" -type d | sort)
cflags=(-g -O1 -std=gnu17 "${sanitize[@]}"
        -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
        -DG_LOG_USE_STRUCTURED -UG_DISABLE_ASSERT
        "${includes[@]}" "${pkg_cflags[@]}")

# Core's GResources (code lists and migrations; the XML schemas; the risk tools), compiled here
# rather than taken from a build tree.
compile_resource () {
  local name=$1 c_name=$2 source_dir=$3 xml=$4; shift 4
  for kind in source:c header:h; do
    glib-compile-resources --sourcedir="$source_dir" --c-name="$c_name" "$@" --generate-${kind%:*} \
      --target="$work/gen/$name.${kind#*:}" "$xml"
  done
}
compile_resource kes-core-resources kes_core "$src/data" "$src/src/core/kestrel-core.gresource.xml"
compile_resource kes-report-resources kes_report "$src/data/schemas" \
  "$src/src/core/xml/kestrel-report.gresource.xml" --manual-register
compile_resource kes-tool-resources kes_tools "$src/data/tools" \
  "$src/src/core/risk/kestrel-tools.gresource.xml" --manual-register

harnesses=(fuzz-nhs-number fuzz-postcode fuzz-date fuzz-patient-json fuzz-record-xml fuzz-record-import)
mapfile -t sources < <(find "$src/src/core" -name 'kes-*.c' | sort)
sources+=("$work/gen/kes-core-resources.c" "$work/gen/kes-report-resources.c" "$work/gen/kes-tool-resources.c")
# XML reading and streaming import into a store, single file and whole database.
for name in documents/kes-xml-out documents/kes-atomic-file exchange/kes-flat-json exchange/kes-json-events \
            exchange/kes-record-archive exchange/kes-record-archive-read \
            exchange/kes-record-archive-write exchange/kes-record-import \
            exchange/kes-record-import-kinds exchange/kes-record-import-links exchange/kes-record-import-care-links \
            exchange/kes-record-import-risk \
            exchange/kes-record-import-rules exchange/kes-field-kinds \
            exchange/kes-record-database exchange/kes-record-export; do
  sources+=("$src/src/$name.c")
done
sources+=("$src/tests/support/kes-test-accounts.c")
if [ "$#" -gt 0 ]; then
  harnesses=("$@")
fi

start=$(date +%s)
export clang work
compile_one () {
  local source=$1; shift
  local object
  object="$work/obj/$(basename "${source%.c}").o"
  "$clang" "$@" -fsanitize=fuzzer-no-link -c "$source" -o "$object"
}
export -f compile_one
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -I{} bash -c 'compile_one "$@"' _ {} "${cflags[@]}"

for harness in "${harnesses[@]}"; do
  "$clang" "${cflags[@]}" -fsanitize=fuzzer "$fuzz_src/$harness.c" "$work"/obj/*.o \
    "${pkg_libs[@]}" -o "$work/bin/$harness"
done
echo "# built ${#harnesses[@]} harnesses with $("$clang" --version | head -n 1) in $(( $(date +%s) - start )) s"

# Every GLib critical is a bug here; GSlice off so ASan sees every allocation.
export G_DEBUG=fatal-criticals G_SLICE=always-malloc LC_ALL=C.UTF-8 TZ=UTC
asan_options=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$fuzz_src/lsan.supp:print_suppressions=0

declare -A max_len=([fuzz-patient-json]=4096 [fuzz-record-xml]=12288 [fuzz-record-import]=16384)
# These call into json-glib and libxml2, which have no frame pointers: unwinding fully at each
# malloc (ten times slower) lets a leak's stack show the library function the suppressions name.
declare -A slow_unwind=([fuzz-patient-json]=1 [fuzz-record-xml]=1 [fuzz-record-import]=1)
failed=0
total_runs=0
n=0
echo "1..${#harnesses[@]}"
for harness in "${harnesses[@]}"; do
  n=$(( n + 1 ))
  log="$work/$harness.log"
  mkdir -p "$work/corpus/$harness"
  case "$harness" in
    fuzz-patient-json|fuzz-record-xml|fuzz-record-import) run_seconds=$seconds ;;
    *) run_seconds=$(( (seconds + 1) / 2 )) ;;
  esac
  status=0
  ASAN_OPTIONS=$asan_options${slow_unwind[$harness]:+:fast_unwind_on_malloc=0} \
  "$work/bin/$harness" "$work/corpus/$harness" "$fuzz_src/corpus/$harness" \
    -max_total_time="$run_seconds" -max_len="${max_len[$harness]:-256}" -timeout=10 -rss_limit_mb=2048 \
    -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$harness-" >"$log" 2>&1 || status=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  new_units=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
  seeds=$(find "$fuzz_src/corpus/$harness" -type f | wc -l)
  summary="$harness: ${runs:-?} executions in ${run_seconds} s, ${per_second:-?} exec/s, ${seeds} seeds, ${new_units:-?} new inputs, ${coverage:-cov: ?} edges, peak RSS ${rss:-?} MB"
  total_runs=$(( total_runs + ${runs:-0} ))
  if [ "$status" -eq 0 ]; then
    echo "ok $n - $summary"
  else
    failed=$(( failed + 1 ))
    echo "not ok $n - $harness: the fuzzer stopped with status $status"
    grep -E 'ERROR|SUMMARY|runtime error|CRITICAL|ERROR:|assertion|Test unit written' "$log" | sed 's/^/# /' | head -n 20
    for artifact in "$work"/artifacts/"$harness"-*; do
      [ -f "$artifact" ] || continue
      echo "# reproducer $artifact (base64): $(base64 -w0 "$artifact" | head -c 2000)"
    done
    tail -n 60 "$log" | sed 's/^/# /'
  fi
done
echo "# ${#harnesses[@]} harnesses, $total_runs executions in total, $failed failed; $(( $(date +%s) - start )) s with the build"
[ "$failed" -eq 0 ]
