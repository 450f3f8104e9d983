#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots for issue 24 of the screens named there, in three looks: the
# dark style, text at 200 %, and both (KES_SHOT_LOOKS="light …" adds the
# light style at normal size). The text size is GNOME's way on X11:
# its settings daemon publishes the text scaling factor as the XSETTINGS
# Xft/DPI (96 × 1024 × factor), which GTK 4 reads; xsettingsd does the same
# here (GTK 4 has no GDK_DPI_SCALE and ignores the Xft.dpi resource).
# Usage: tools/a11y-screenshots.sh OUTDIR (build first: tools/setup.sh).
# Needs Xvfb, xdotool, xsettingsd, imagemagick.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: a11y-screenshots.sh OUTDIR}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export KESTREL_KEY_DIR="$work/key" KESTREL_ANCHOR_FILE="$work/anchor" KESTREL_ANCHOR_JOURNAL=0
export GSETTINGS_SCHEMA_DIR="$root/build/data" TZ=UTC LC_ALL=C.UTF-8
"$root/build/src/cli/kestrel-cli" --database "$work/demo.db" demo --patients 30 >/dev/null

for look in ${KES_SHOT_LOOKS:-dark text200 dark-text200}; do
  case $look in
    light) style=light dpi=96 ;;
    dark) style=dark dpi=96 ;;
    text200) style=light dpi=192 ;;
    dark-text200) style=dark dpi=192 ;;
  esac
  # The style from a settings file, as the app keeps it between runs.
  mkdir -p "$work/$look/glib-2.0/settings"
  printf '[io/github/kestrelcare/Kestrel]\nstyle=%s\n' "'$style'" >"$work/$look/glib-2.0/settings/keyfile"
  cp "$work/demo.db" "$work/$look.db"
  printf 'Xft/DPI %d\n' $((dpi * 1024)) >"$work/$look.xsettings"
  XDG_CONFIG_HOME="$work/$look" GSETTINGS_BACKEND=keyfile \
    "$root/tests/run-with-display.sh" sh -c "xsettingsd -c '$work/$look.xsettings' & xs=\$!; sleep 1; \
      /usr/bin/python3 '$root/tools/a11y-screenshots.py' '$root/build/src/app/kestrel' '$work/$look.db' '$out' '$look'; \
      rc=\$?; kill \$xs; exit \$rc"
done
