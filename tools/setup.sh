#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Kestrel needs (only those missing), then configures and builds
# the tree in build/. Safe to run again: a machine that has everything does no apt work.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

missing=()
while read -r package; do
  case "$package" in ''|'#'*) continue ;; esac
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$package")
  fi
done < tools/debian-packages.txt

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "setup: these packages are missing and sudo is not available: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null
fi

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
