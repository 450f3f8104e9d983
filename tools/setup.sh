#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Kestrel needs (only those missing), then configures and builds
# the tree in build/. Safe to run again: a machine that has everything does no apt work.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/tools/install-packages.sh" tools/debian-packages.txt

# Warnings are errors: a new warning fails the build (and so CI), not a later reader.
setup_options=(-Dwerror=true)

if [ -f build/build.ninja ]; then
  : # configured; ninja re-runs meson by itself when a meson.build changes
elif [ -f build/meson-private/coredata.dat ]; then
  meson setup --reconfigure "${setup_options[@]}" build || meson setup --wipe "${setup_options[@]}" build
else
  meson setup "${setup_options[@]}" build
fi

meson compile -C build
