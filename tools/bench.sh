#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The benchmark command: installs what the benchmarks need, builds an optimised tree in
# build-bench/, prepares the demo data once (kept in build-bench/bench-data/), then prints every
# figure beside its reference, measured in the same run. Figures are printed, never asserted.
#
#   tools/bench.sh                      everything, 50,000 patients with 20 contacts and 20 notes each
#   KES_BENCH_PATIENTS=5000 tools/bench.sh
#   KES_BENCH_ONLY="store startup" tools/bench.sh     some parts: data store startup signin backup pdf xml
#
# "signin" drops the kernel's file cache (echo 3 > /proc/sys/vm/drop_caches) for its cold figures
# when it may (as root); otherwise it says so and prints the cached figures only.
#
# Times are wall clock; where a shared machine's load makes that noisy, the CPU time beside it
# says what the program itself spent.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

patients=${KES_BENCH_PATIENTS:-50000}
per_patient=${KES_BENCH_PER_PATIENT:-20}
runs=${KES_BENCH_RUNS:-5}
only=${KES_BENCH_ONLY:-data store startup signin backup verify pdf xml}
build=build-bench
data="$root/$build/bench-data"
database="$data/kestrel-$patients-$per_patient.db"
# The bench data's installation key and anchors live with it, not in the user's own folders.
export KESTREL_KEY_DIR="$data/keys" KESTREL_ANCHOR_FILE="$data/anchors" KESTREL_ANCHOR_JOURNAL=0

wants () { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

"$root/tools/install-packages.sh" tools/debian-packages.txt
"$root/tools/install-packages.sh" tools/bench-packages.txt

if [ ! -f "$build/build.ninja" ]; then
  meson setup --buildtype=release -Dwerror=true "$build"
fi
meson compile -C "$build" >/dev/null
mkdir -p "$data"

echo "# Kestrel benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), \
$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: $build (release); data: $patients patients, $per_patient contacts and $per_patient notes each"
echo

# ---- Demo data, made once ----
if [ ! -f "$database" ]; then
  rm -f "$database.part"*
  start=$(date +%s.%N)
  "$build/src/cli/kestrel-cli" --database "$database.part" demo --patients "$patients" \
    --contacts "$per_patient" --notes "$per_patient" >/dev/null
  awk -v start="$start" -v end="$(date +%s.%N)" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%.1f s (load average %s at the end)\n", end - start, load }' >"$database.made"
  mv "$database.part" "$database"
fi
if wants data; then
  echo "## Scale data"
  printf '| figure | measured | target |\n|---|---|---|\n'
  printf '| kestrel-cli demo: %s patients, %s contacts and notes | %s | < 60 s |\n\n' \
    "$patients" "$((patients * per_patient * 2))" "$(cat "$database.made" 2>/dev/null || echo 'made earlier')"
fi

# ---- Store: caseload, record, Today, search ----
if wants store; then
  echo "## Store (bench-store, $build/tests/bench/bench-store)"
  "$build/tests/bench/bench-store" "$database"
  echo
  echo "Reference: the same full-text queries in the sqlite3 shell, first 50 hits ranked by bm25"
  echo "(ORDER BY rank), which is how FTS5 is usually asked; Kestrel orders by newest instead."
  printf '| query | sqlite3, bm25 |\n|---|---|\n'
  for match in 'clozapine*' '"exclusion zone"' 'supp*' 'plan*'; do
    seconds=$(printf ".timer on\nSELECT count(*) FROM (SELECT rowid FROM note_fts WHERE note_fts MATCH '%s' ORDER BY rank LIMIT 50);\n" \
                "$(printf %s "$match" | sed "s/'/''/g")" | sqlite3 "$database" \
      | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p')
    awk -v match_text="$match" -v seconds="$seconds" 'BEGIN { printf "| %s | %.2f ms |\n", match_text, seconds * 1000 }'
  done
  echo
fi

# ---- Start-up to the first drawn frame, and peak memory then ----
if wants startup; then
  echo "## Start-up: exec to first drawn frame (first-frame: fork+exec, MapNotify, then the first"
  echo "## DAMAGE on the window, on a private Xvfb); $runs runs each"
  startup_script=$(mktemp)
  trap 'rm -f "$startup_script"' EXIT
  cat >"$startup_script" <<EOF
set -eu
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$root/$build/data"
measure () {
  label=\$1; shift
  set -- \$($root/$build/tests/bench/first-frame $runs "\$@" 2>/dev/null)
  printf '| %s | %.3f s | %.3f s | %.3f s | %.0f MB |\n' "\$label" "\$1" "\$2" "\$3" "\$4"
}
printf '| program | median | worst | CPU used | peak RSS |\n|---|---|---|---|---|\n'
for renderer in default cairo; do
  if [ "\$renderer" = cairo ]; then export GSK_RENDERER=cairo; fi
  measure "bare libadwaita window (\$renderer)" "$root/$build/tests/bench/bare-window"
  measure "Kestrel, $patients-patient database (\$renderer)" "$root/$build/src/app/kestrel" --database "$database"
  measure "gnome-text-editor --standalone (\$renderer)" gnome-text-editor --standalone
done
EOF
  "$root/tests/run-with-display.sh" sh "$startup_script" 2>/dev/null
  echo
  echo "Targets: Kestrel within 1.2× the bare window and faster than gnome-text-editor;"
  echo "peak RSS no more than gnome-text-editor's."
  echo
fi

# ---- Sign-in: start to a usable sign-in form, cached and from disk ----
can_drop_caches () { [ -w /proc/sys/vm/drop_caches ]; }
drop_caches () { sync; echo 3 >/proc/sys/vm/drop_caches; }
if wants signin; then
  echo "## Sign-in on the $patients-patient database (bench-check; first-frame, $runs runs each)"
  echo "What sign-in waits on (opened as the app opens it: schema, staff, teams, the access log's end),"
  echo "and the whole-file check that now runs in the background after it:"
  printf '| cache | step | time |\n|---|---|---|\n'
  "$build/tests/bench/bench-check" "$database" | sed 's/^|/| cached |/'
  if can_drop_caches; then
    drop_caches
    "$build/tests/bench/bench-check" "$database" | sed 's/^|/| cold (file cache dropped) |/'
  else
    echo "| cold | not measured: /proc/sys/vm/drop_caches is not writable here | |"
  fi
  echo
  echo "Exec to the first drawn frame, which is the sign-in form, usable (nothing greys it out):"
  signin_script=$(mktemp)
  trap 'rm -f "$signin_script" "${startup_script:-}"' EXIT
  cat >"$signin_script" <<EOF
set -eu
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$root/$build/data" GSK_RENDERER=cairo
one () { set -- \$($root/$build/tests/bench/first-frame 1 "\$@" 2>/dev/null); echo "\$1"; }
median () { sort -n | awk '{ a[NR] = \$1 } END { printf "%.3f s (worst %.3f s)", a[int((NR + 1) / 2)], a[NR] }'; }
printf '| program (cairo renderer) | cached | cold (file cache dropped before each run) |\n|---|---|---|\n'
for program in bare kestrel; do
  if [ \$program = bare ]; then set -- "$root/$build/tests/bench/bare-window"; label="bare libadwaita window"
  else set -- "$root/$build/src/app/kestrel" --database "$database"; label="Kestrel, $patients patients"; fi
  cached=\$(for i in \$(seq $runs); do one "\$@"; done | median)
  if [ -w /proc/sys/vm/drop_caches ]; then
    cold=\$(for i in \$(seq $runs); do sync; echo 3 >/proc/sys/vm/drop_caches; one "\$@"; done | median)
  else
    cold="not measured (drop_caches not writable)"
  fi
  printf '| %s | %s | %s |\n' "\$label" "\$cached" "\$cold"
done
EOF
  "$root/tests/run-with-display.sh" sh "$signin_script" 2>/dev/null
  echo
fi

# ---- Backup and restore: time and peak memory against the database's size ----
if wants backup; then
  small="$data/kestrel-5000-$per_patient.db"
  if [ ! -f "$small" ]; then
    rm -f "$small.part"*
    "$build/src/cli/kestrel-cli" --database "$small.part" demo --patients 5000 \
      --contacts "$per_patient" --notes "$per_patient" >/dev/null
    mv "$small.part" "$small"
  fi
  echo "## Backup and restore (bench-backup): peak resident memory above the process's own before each step"
  for db in "$small" "$database"; do
    if [ "$db" = "$small" ]; then flips=${KES_BENCH_FLIPS:-20}; else flips=0; fi
    echo
    echo "### $(basename "$db")"
    "$build/tests/bench/bench-backup" "$db" --flips "$flips"
    [ "$db" != "$database" ] || break
  done
  echo
fi

# ---- verify: history, access log, display tables and anchors, beside SQLite's own check ----
if wants verify; then
  echo "## verify on the $patients-patient file, beside SQLite's whole-file check (/usr/bin/time)"
  printf '| check | wall | CPU | peak RSS |\n|---|---|---|---|\n'
  measure_check () {
    label=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$data/verify-time.txt" "$@" >"$data/verify-output.txt" 2>&1 || true
    read -r wall user sys rss <"$data/verify-time.txt"
    awk -v label="$label" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" \
      'BEGIN { printf "| %s | %.1f s | %.1f s | %.0f MB |\n", label, wall, user + sys, rss / 1024 }'
  }
  measure_check "sqlite3: PRAGMA integrity_check" sqlite3 "$database" "PRAGMA integrity_check"
  measure_check "kestrel-cli verify --quick (what the app runs at start)" \
    "$build/src/cli/kestrel-cli" --database "$database" verify --quick
  measure_check "kestrel-cli verify (every part)" "$build/src/cli/kestrel-cli" --database "$database" verify
  echo
  echo "What the full check said:"
  echo
  sed 's/^/    /' "$data/verify-output.txt"
  echo
fi

# ---- Documents ----
if wants pdf; then
  echo "## 100-page report to PDF (bench-pdf)"
  "$build/tests/report/bench-pdf"
  echo
fi
if wants xml; then
  echo "## Case-record XML export and import (bench-xml; KES_BENCH_XML_PATIENTS, default 5000)"
  KES_BENCH_PATIENTS=${KES_BENCH_XML_PATIENTS:-5000} KES_BENCH_RUNS=${KES_BENCH_XML_RUNS:-3} \
    "$build/tests/report/bench-xml"
  "$build/tests/report/bench-xml-refusal"
  echo
fi
