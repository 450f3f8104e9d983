#!/bin/sh
# kestrel-cli: accounts and sign-in, the access log, verify finding
# tampering, backup and restore. Usage: test-cli-access.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0
unset KESTREL_PASSWORD KESTREL_NEW_PASSWORD

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# expect STATUS "STDERR FRAGMENT" DESCRIPTION -- ARGS... (run as $as, default tester)
expect () {
  want_status=$1 want_err=$2 what=$3
  shift 4
  "$cli" --database "$db" --user "${as:-tester}" "$@" >"$dir/out" 2>"$dir/err" </dev/null
  status=$?
  if [ "$status" -ne "$want_status" ]; then
    not_ok "$what" "exit $status, wanted $want_status" "$(cat "$dir/err")"
  elif [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$dir/err"; then
    not_ok "$what" "stderr lacks: $want_err" "$(cat "$dir/err")"
  elif [ "$want_status" -ne 0 ] && [ "$(wc -l <"$dir/err")" -ne 1 ]; then
    not_ok "$what" "error message is not one line" "$(cat "$dir/err")"
  else
    ok "$what"
  fi
}
out_has () { if grep -qF -- "$1" "$dir/out"; then ok "$2"; else not_ok "$2" "$(cat "$dir/out")"; fi; }

expect 0 "" "demo adds patients and accounts" -- demo --patients 5 --contacts 1 --notes 1
out_has "demo.clinician" "demo prints the demo accounts"
out_has "cobalt-wren-valley" "demo prints the demo passwords"

as=demo.clinician
KESTREL_PASSWORD=wrong-password-here expect 1 "don’t match an account" "a wrong password is refused" -- patient list
KESTREL_PASSWORD=amber-otter-lantern expect 0 "" "the right password signs in" -- patient list
as=nobody-here
KESTREL_PASSWORD=amber-otter-lantern expect 0 "" "a user without a password needs none (transitional)" -- patient list
as=demo.carers
KESTREL_PASSWORD=willow-ferry-summit expect 1 "Carers’ liaison staff can’t read the access log" "carers' liaison can't read the access log" -- audit
as=demo.manager
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "a manager reads the access log as JSON" -- audit --format json
out_has '"action" : "sign-in-failed"' "the failed sign-in is logged"
out_has '"action" : "sign-in"' "the sign-in is logged"
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "the access log as text" -- audit --from 2000-01-01
KESTREL_PASSWORD=silver-fox-harbour expect 2 "--format must be text or json" "audit rejects an unknown format" -- audit --format xml
as=
expect 0 "" "verify passes" -- verify

# Backups: plain, then encrypted.
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an administrator backs up" -- backup --folder "$dir/backups" --keep 3
plain=$(cat "$dir/out")
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "restores to a new file" -- restore "$plain" --to "$dir/restored.db"
as=demo.manager
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "the access log after the restore" -- audit --format json
out_has '"action" : "restore"' "the restore is logged in the database it was made from"
as=
"$cli" --database "$dir/restored.db" --user tester verify >"$dir/out" 2>&1 && ok "the restored database verifies" || not_ok "the restored database verifies" "$(cat "$dir/out")"
expect 1 "already exists" "restore never overwrites" -- restore "$plain" --to "$dir/restored.db"
export BACKUP_PASS="correct horse battery staple"
expect 0 "" "an encrypted backup" -- backup --folder "$dir/backups" --passphrase-env BACKUP_PASS
enc=$(cat "$dir/out")
if grep -q "SQLite format 3" "$enc" || grep -qi "demo" "$enc"; then not_ok "the encrypted backup holds nothing in clear"; else ok "the encrypted backup holds nothing in clear"; fi
expect 1 "is encrypted" "restore asks for the passphrase" -- restore "$enc" --to "$dir/r2.db"
WRONG="not the passphrase" expect 1 "passphrase is wrong" "a wrong passphrase is refused" -- restore "$enc" --passphrase-env WRONG --to "$dir/r2.db"
expect 0 "" "the right passphrase restores" -- restore "$enc" --passphrase-env BACKUP_PASS --to "$dir/r2.db"
expect 2 "--folder is required" "backup needs a folder" -- backup

# Tampering with the file behind Kestrel's back is found.
cp "$db" "$dir/t1.db"
sqlite3 "$dir/t1.db" "DROP TRIGGER audit_no_update; UPDATE audit SET summary = 'nothing to see' WHERE seq = 3;"
if "$cli" --database "$dir/t1.db" --user tester verify >"$dir/out" 2>"$dir/err"; then
  not_ok "verify finds an altered audit entry" "$(cat "$dir/out")"
elif grep -q "Access log: .*entry 3 was altered after it was written" "$dir/out"; then
  ok "verify finds an altered audit entry"
else
  not_ok "verify finds an altered audit entry" "$(cat "$dir/out")"
fi
cp "$db" "$dir/t2.db"
sqlite3 "$dir/t2.db" "DROP TRIGGER revision_no_update; UPDATE revision SET data = json_set (data, '\$.family_name', 'Altered') WHERE revision = 1 AND record_id = (SELECT id FROM record WHERE kind = 'patient' LIMIT 1);"
if "$cli" --database "$dir/t2.db" --user tester verify >"$dir/out" 2>"$dir/err"; then
  not_ok "verify finds an edited revision" "$(cat "$dir/out")"
elif grep -q "column data: differs from what was written" "$dir/out"; then
  ok "verify finds an edited revision"
else
  not_ok "verify finds an edited revision" "$(cat "$dir/out")"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
