#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the core and CLI test suites again in a second build with AddressSanitizer, LeakSanitizer
# and UndefinedBehaviorSanitizer. Only the targets those suites need are built, so a part of the
# tree that does not build under sanitizers (or at all, mid-change) does not stop it. Fails on any
# failing test and on any sanitizer report, including one from a child process whose exit status
# a test expected to be non-zero (reports go to files, not only to stderr).
#
#   run-sanitized-tests.sh SOURCE-ROOT BUILD-DIR [SUITE...]     (suites default to core and cli)
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 SOURCE-ROOT BUILD-DIR [SUITE...]" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$2
shift 2
suites=("$@")
if [ "${#suites[@]}" -eq 0 ]; then
  suites=(core cli)
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
start=$(date +%s)

if [ ! -f "$build/build.ninja" ]; then
  rm -rf "$build"
  meson setup "$build" "$src" -Db_sanitize=address,undefined -Db_lundef=false >"$build.setup.log" 2>&1 || {
    cat "$build.setup.log"
    echo "run-sanitized-tests: meson setup failed"
    exit 1
  }
fi
# Regenerate first if the tree's meson files changed since the last run, so that the
# introspection below knows every test (a stale build.ninja lists yesterday's tests).
ninja -C "$build" build.ninja >"$build.regen.log" 2>&1 || {
  cat "$build.regen.log"
  echo "run-sanitized-tests: meson could not regenerate the sanitized build"
  exit 1
}

# The files the chosen suites' tests run and depend on.
mapfile -t outputs < <(cd "$build" && "$python" - "${suites[@]}" <<'PY'
import json
import os
import subprocess
import sys

suites = set(sys.argv[1:])
def introspect(what):
    return json.loads(subprocess.check_output(['meson', 'introspect', '--' + what, '.']))

targets = {t['id']: t for t in introspect('targets')}
by_file = {f: t for t in targets.values() for f in t['filename']}
wanted = set()
for test in introspect('tests'):
    if not suites & {s.split(':')[-1] for s in test['suite']}:
        continue
    for word in test['cmd'] + test.get('depends', []):
        if word in targets:
            wanted.update(targets[word]['filename'])
        elif word in by_file:
            wanted.add(word)
for name in sorted(wanted):
    print(os.path.relpath(name, '.'))
PY
)
if [ "${#outputs[@]}" -eq 0 ]; then
  echo "run-sanitized-tests: no test in suites ${suites[*]}"
  exit 1
fi
ninja -C "$build" "${outputs[@]}" >"$build.ninja.log" 2>&1 || {
  tail -n 80 "$build.ninja.log"
  echo "run-sanitized-tests: the sanitized build failed"
  exit 1
}
built=$(date +%s)
echo "# built ${#outputs[@]} targets with -fsanitize=address,undefined in $(( built - start )) s"

reports=$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$reports/asan
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan
export LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0
export G_SLICE=always-malloc

suite_args=()
for suite in "${suites[@]}"; do
  suite_args+=(--suite "$suite")
done
status=0
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
  "${suite_args[@]}" >"$build.test.log" 2>&1 || status=$?
grep -E '^ *[0-9]+/[0-9]+ ' "$build.test.log" | sed 's/^/# /' || true

found=0
for report in "$reports"/*; do
  [ -f "$report" ] || continue
  found=$(( found + 1 ))
  echo "# sanitizer report $report:"
  sed 's/^/#   /' "$report" | head -n 60
done
if [ "$status" -ne 0 ]; then
  tail -n 100 "$build.test.log" | sed 's/^/# /'
fi
echo "# suites ${suites[*]}: meson test exited $status, $found sanitizer reports, $(( $(date +%s) - start )) s in all"
[ "$status" -eq 0 ] && [ "$found" -eq 0 ]
