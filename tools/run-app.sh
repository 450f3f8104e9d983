#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up and builds (tools/setup.sh), then starts Kestrel from the build tree on its local
# database. Arguments are passed to the app, e.g. tools/run-app.sh --database /tmp/test.db
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/setup.sh"

# The schema is compiled into build/data, not installed.
export GSETTINGS_SCHEMA_DIR="$root/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec "$root/build/src/app/kestrel" "$@"
