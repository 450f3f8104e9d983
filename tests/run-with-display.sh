#!/bin/sh
# Runs one test under its own Xvfb and D-Bus session bus.
# Usage: run-with-display.sh PROGRAM [ARGS...]
set -eu
fifo_dir=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$fifo_dir"' EXIT INT TERM
mkfifo "$fifo_dir/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo_dir/display" 2>/dev/null &
xvfb_pid=$!
read -r display_number <"$fifo_dir/display"
DISPLAY=":$display_number"
export DISPLAY
dbus-run-session -- "$@"
