#!/bin/sh
# kestrel-cli: history that can't be rewritten unnoticed (issue 18). verify's
# parts and exit statuses, the anchors a run leaves behind, anchors kept
# elsewhere (--anchors), a database on a computer without its key, and the
# append-only rules dropped with the sqlite3 shell and put back.
# Usage: test-cli-history.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0
unset KESTREL_PASSWORD KESTREL_NEW_PASSWORD
# This installation's anchors, apart from every other test's.
export KESTREL_ANCHOR_FILE="$dir/anchors"

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# expect STATUS "OUTPUT FRAGMENT" DESCRIPTION -- ARGS... (as the demo administrator; stdout and stderr)
expect () {
  want_status=$1 want=$2 what=$3
  shift 4
  KESTREL_PASSWORD=cobalt-wren-valley "$cli" --database "$db" --user demo.admin "$@" >"$dir/out" 2>&1 </dev/null
  status=$?
  if [ "$status" -ne "$want_status" ]; then
    not_ok "$what" "exit $status, wanted $want_status" "$(cat "$dir/out")"
  elif [ -n "$want" ] && ! grep -qF -- "$want" "$dir/out"; then
    not_ok "$what" "output lacks: $want" "$(cat "$dir/out")"
  else
    ok "$what"
  fi
}

if ! "$cli" --database "$db" --user setup demo --patients 5 --contacts 1 --notes 1 >"$dir/out" 2>&1; then
  not_ok "demo data" "$(cat "$dir/out")"
  echo "1..$n"
  exit 1
fi

expect 0 "ok: the database is intact" "verify passes" -- verify
for part in "Database file:" "Append-only rules: 14 rules; ok" "Record histories:" "Access log:" "Revisions:" \
            "Display tables:" "Anchors:"; do
  grep -qF -- "$part" "$dir/out" && ok "verify says $part" || not_ok "verify says $part" "$(cat "$dir/out")"
done
expect 0 "ok: the database is intact" "verify --quick passes" -- verify --quick
expect 2 "--anchors needs at least one file" "--anchors without a file" -- verify --anchors
expect 2 "files are only read with --anchors" "a file without --anchors" -- verify "$dir/anchors"

# Every run that added to the log anchored its head in the anchor file.
grep -q "^kestrel-anchor-1 db=.* reason=close key=.* sig=" "$dir/anchors" \
  && ok "runs anchor the head when they close" || not_ok "runs anchor the head when they close" "$(cat "$dir/anchors" 2>&1)"

# A backup carries its anchor; copied off the machine, it still finds a truncation.
expect 0 "" "a backup" -- backup --folder "$dir/backups"
backup=$(cat "$dir/out")
cp "$db" "$dir/cut.db"
sqlite3 "$dir/cut.db" "DROP TRIGGER audit_no_delete; DROP TRIGGER chain_anchor_no_delete;
  DELETE FROM audit WHERE seq >= (SELECT max (seq) - 3 FROM chain_anchor);
  DELETE FROM chain_anchor;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER chain_anchor_no_delete BEFORE DELETE ON chain_anchor BEGIN SELECT RAISE (ABORT, 'anchors are append-only'); END;"
# The attacker's copy has its own anchors: this installation's file is out of reach.
db="$dir/cut.db"
KESTREL_ANCHOR_FILE="$dir/cut-anchors" expect 0 "ok: the database is intact" \
  "with every anchor gone, the cut is not seen" -- verify
KESTREL_ANCHOR_FILE="$dir/cut-anchors" expect 1 "but the anchor of" "the backup's anchor finds it" \
  -- verify --anchors "$backup"
# As `journalctl -t kestrel -o cat` would print it.
sqlite3 "$backup" "SELECT 'Kestrel access log anchor: ' || anchor FROM chain_anchor" >"$dir/journal.txt"
KESTREL_ANCHOR_FILE="$dir/cut-anchors" expect 1 "but the anchor of" "an anchor from the journal finds it" \
  -- verify --anchors "$dir/journal.txt"

# Another computer, without this installation's key: never "intact".
cp "$dir/kestrel.db" "$dir/moved.db"
db="$dir/moved.db"
KESTREL_KEY_DIR="$dir/other-computer" KESTREL_ANCHOR_FILE="$dir/other-anchors" \
  expect 3 "cannot be verified without the installation key" "a database moved without its key cannot be verified" \
  -- verify
grep -q "intact" "$dir/out" && not_ok "it is not called intact" "$(cat "$dir/out")" || ok "it is not called intact"
db="$dir/kestrel.db"

# The append-only rules dropped with the shell: nothing is saved until an administrator puts them back.
sqlite3 "$db" "DROP TRIGGER revision_no_update"
expect 1 "revision_no_update" "verify names the missing rule" -- verify
KESTREL_PASSWORD=cobalt-wren-valley "$cli" --database "$db" --user demo.admin patient add --family-name Smith \
  --given-name Alex --birth-date 1984-03-07 --nhs-number 9434765919 --ethnicity A --gender 1 --team North \
  >"$dir/out" 2>&1
[ $? -eq 1 ] && grep -q "Nothing was saved" "$dir/out" \
  && ok "a save is refused in plain words" || not_ok "a save is refused in plain words" "$(cat "$dir/out")"
KESTREL_PASSWORD=amber-otter-lantern "$cli" --database "$db" --user demo.clinician guards restore >"$dir/out" 2>&1
[ $? -eq 1 ] && ok "a clinician can't put them back" || not_ok "a clinician can't put them back" "$(cat "$dir/out")"
expect 0 "Put back: revision_no_update" "an administrator puts them back" -- guards restore
expect 0 "ok: the database is intact" "verify passes again" -- verify
KESTREL_PASSWORD=cobalt-wren-valley "$cli" --database "$db" --user demo.admin audit --format json >"$dir/out" 2>&1
grep -q '"action" : "guards-restored"' "$dir/out" && ok "putting them back is logged" || not_ok "putting them back is logged" "$(cat "$dir/out")"

echo "1..$n"
[ "$failed" -eq 0 ]
