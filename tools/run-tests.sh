#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up and builds (tools/setup.sh), runs every test with meson, and ends with one line:
#   N passed, N failed[, N skipped]
# Extra arguments go to `meson test` (e.g. --suite data). Exits non-zero when a test failed,
# timed out or errored, or when no test ran.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

python=/usr/bin/python3
[ -x "$python" ] || python=python3

testlog=build/meson-logs/testlog.json
rm -f "$testlog"

if ! tools/setup.sh; then
  echo "run-tests: set-up or build failed; no test ran" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

meson test -C build --print-errorlogs --num-processes 2 "$@"
meson_status=$?

"$python" - "$testlog" "$meson_status" <<'PY'
import json
import sys

path, meson_status = sys.argv[1], int(sys.argv[2])
passed = failed = skipped = 0
failures = []
try:
    with open(path, encoding='utf-8') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            result = entry.get('result', 'ERROR')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
                failures.append(f"{entry.get('name', '?')}: {result}")
except FileNotFoundError:
    print(f'run-tests: {path} was not written')

for failure in failures:
    print(f'FAILED {failure}')
if passed + failed == 0:
    print('run-tests: no test ran')
elif meson_status != 0 and failed == 0:
    print(f'run-tests: meson test exited with status {meson_status}')

summary = f'{passed} passed, {failed} failed'
if skipped:
    summary += f', {skipped} skipped'
print(summary)
sys.exit(1 if failed or passed + failed == 0 or meson_status != 0 else 0)
PY
