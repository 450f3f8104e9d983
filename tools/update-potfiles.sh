#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates po/POTFILES.in, sorted, from the files under src/, ui/ and data/ that hold
# translatable strings. The potfiles-complete test uses the same scan.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" "$root/tests/meta/check-potfiles.py" --update "$root"
