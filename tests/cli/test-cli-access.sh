#!/bin/sh
# kestrel-cli: no one acts without signing in (unknown, missing, wrong,
# locked, disabled and one-time accounts), deny by default, team scope and
# break-glass on the register, the access log, verify finding tampering,
# backup and restore. Usage: test-cli-access.sh PATH/TO/kestrel-cli
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

# expect STATUS "STDERR FRAGMENT" DESCRIPTION -- ARGS... (run as $as; none when empty)
expect () {
  want_status=$1 want_err=$2 what=$3
  shift 4
  if [ -n "${as:-}" ]; then
    "$cli" --database "$db" --user "$as" "$@" >"$dir/out" 2>"$dir/err" </dev/null
  else
    "$cli" --database "$db" "$@" >"$dir/out" 2>"$dir/err" </dev/null
  fi
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

REFUSED="That user name and password don’t match an account"

# The demo fills a new file without signing in and prints its accounts.
expect 0 "" "demo adds patients and accounts to a new file" -- demo --patients 5 --contacts 1 --notes 1
out_has "demo.clinician" "demo prints the demo accounts"
out_has "cobalt-wren-valley" "demo prints the demo passwords"

# Counts read straight from the file, as someone with the sqlite3 shell would.
rows () { sqlite3 "$db" "$1"; }
staff_before=$(rows "SELECT count(*) FROM staff")
patients_before=$(rows "SELECT count(*) FROM patient")

as=demo.clinician
KESTREL_PASSWORD=wrong-password-here expect 1 "$REFUSED" "a wrong password is refused" -- patient list
KESTREL_PASSWORD=amber-otter-lantern expect 0 "" "the right password signs in" -- patient list
as=nobody-here
KESTREL_PASSWORD=amber-otter-lantern expect 1 "$REFUSED" "an unknown user is refused like a wrong password" -- patient list
KESTREL_PASSWORD=amber-otter-lantern expect 1 "$REFUSED" "an unknown user can't add a patient" -- patient add --family-name Mallory --given-name Eve --birth-date 1980-01-01 --ethnicity A --gender 1
KESTREL_PASSWORD=amber-otter-lantern expect 1 "$REFUSED" "an unknown user can't give themselves roles" -- account roles nobody-here administrator
as=
KESTREL_PASSWORD=amber-otter-lantern expect 1 "$REFUSED" "no --user is refused the same way" -- patient list
[ "$(rows "SELECT count(*) FROM staff")" = "$staff_before" ] && [ "$(rows "SELECT count(*) FROM patient")" = "$patients_before" ] &&
  [ "$(rows "SELECT count(*) FROM staff WHERE username = 'nobody-here'")" = 0 ] &&
  ok "refused users leave no account and no record behind" || not_ok "refused users leave no account and no record behind"
[ "$(rows "SELECT count(*) FROM audit WHERE action = 'sign-in-failed'")" -ge 5 ] && ok "each refusal is in the access log" || not_ok "each refusal is in the access log"

# Only an administrator changes roles.
as=demo.clinician
KESTREL_PASSWORD=amber-otter-lantern expect 1 "can’t manage staff accounts" "a clinician can't change roles" -- account roles demo.clinician administrator
as=demo.manager
KESTREL_PASSWORD=silver-fox-harbour expect 1 "can’t manage staff accounts" "a team manager can't change roles" -- account roles demo.carers clinician
[ "$(rows "SELECT roles FROM staff WHERE username = 'demo.clinician'")" = clinician ] && ok "the roles are unchanged" || not_ok "the roles are unchanged"

# The register: a permission, team scope, break-glass, and the access log.
as=demo.carers
KESTREL_PASSWORD=willow-ferry-summit expect 0 "" "carers' liaison lists their team's register" -- patient list --format json
grep -q '"team" : "South"' "$dir/out" && not_ok "no other team's patients are listed" "$(cat "$dir/out")" || ok "no other team's patients are listed"
grep -q '"team" : "North"' "$dir/out" && ok "their own team's are" || not_ok "their own team's are" "$(cat "$dir/out")"
south=$(rows "SELECT nhs_number FROM patient WHERE team_id = (SELECT id FROM team WHERE name = 'South') LIMIT 1")
KESTREL_PASSWORD=willow-ferry-summit expect 1 "under the South team" "another team's patient is not shown" -- patient show "$south"
KESTREL_PASSWORD=willow-ferry-summit expect 1 "can’t use emergency (break-glass) access" "carers' liaison can't break the glass" -- patient show "$south" --break-glass "Carer rang in distress"
as=demo.clinician
KESTREL_PASSWORD=amber-otter-lantern expect 0 "" "a clinician breaks the glass with a reason" -- patient show "$south" --break-glass "Crisis call out of hours"
KESTREL_PASSWORD=amber-otter-lantern expect 1 "needs a reason" "break-glass needs a reason" -- patient show "$south" --break-glass "  "
list_entries=$(rows "SELECT count(*) FROM audit WHERE action = 'list' AND summary LIKE 'patient register:%'")
[ "$list_entries" -ge 1 ] && ok "listing the register is in the access log" || not_ok "listing the register is in the access log"
rows "SELECT summary FROM audit WHERE action = 'list'" | grep -qi "[A-Z][a-z]*, " && not_ok "the listing's entry names no one" || ok "the listing's entry names no one"
[ "$(rows "SELECT count(*) FROM audit WHERE action = 'break-glass' AND summary = 'Crisis call out of hours'")" = 1 ] && ok "the break-glass reason is logged" || not_ok "the break-glass reason is logged"

as=demo.carers
KESTREL_PASSWORD=willow-ferry-summit expect 1 "Carers’ liaison staff can’t read the access log" "carers' liaison can't read the access log" -- audit
as=demo.manager
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "a manager reads the access log as JSON" -- audit --format json
out_has '"action" : "sign-in-failed"' "the failed sign-in is logged"
out_has '"action" : "sign-in"' "the sign-in is logged"
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "the access log as text" -- audit --from 2000-01-01
KESTREL_PASSWORD=silver-fox-harbour expect 2 "--format must be text or json" "audit rejects an unknown format" -- audit --format xml

# Accounts from the command line: a one-time password, a forced change, disabling.
as=demo.admin
printf 'harbour-lamp-cedar-64\n' >"$dir/one-time"
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an administrator adds an account" -- account add cara --name "Cara Clinician" --role clinician --team North --new-password-fd 3 3<"$dir/one-time"
as=cara
KESTREL_PASSWORD=harbour-lamp-cedar-64 expect 1 "one-time password" "a one-time password may only be changed" -- patient list
printf 'copper-kettle-dawn-55\n' >"$dir/new"
KESTREL_PASSWORD=harbour-lamp-cedar-64 expect 0 "" "its owner chooses their own" -- account password --new-password-fd 3 3<"$dir/new"
KESTREL_PASSWORD=copper-kettle-dawn-55 expect 0 "" "then works" -- patient list
printf 'copper-kettle-dawn-55\n' | "$cli" --database "$db" --user cara --password-fd 0 patient list >/dev/null 2>&1 && ok "the password can come from a file descriptor" || not_ok "the password can come from a file descriptor"
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an administrator disables it" -- account disable cara
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "accounts are listed with roles and state" -- account list
out_has "Disabled" "the list shows the disabled account"
as=cara
KESTREL_PASSWORD=copper-kettle-dawn-55 expect 1 "disabled" "a disabled account can't list patients" -- patient list
# Five failures lock it for everyone, with the same message; an administrator unlocks.
as=demo.liaison
for i in 1 2 3 4 5; do KESTREL_PASSWORD=not-the-password "$cli" --database "$db" --user demo.liaison patient list >/dev/null 2>&1; done
KESTREL_PASSWORD=granite-plum-orchard expect 1 "$REFUSED" "a locked account answers as an unknown one" -- patient list
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an administrator unlocks it" -- account unlock demo.liaison
as=demo.liaison
KESTREL_PASSWORD=granite-plum-orchard expect 0 "" "then it signs in" -- patient list
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an account's history" -- account history demo.liaison
out_has "unlocked demo.liaison" "the history shows the unlock"
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "verify passes" -- verify

# Backups: plain, then encrypted.
as=demo.admin
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "an administrator backs up" -- backup --folder "$dir/backups" --keep 3
plain=$(cat "$dir/out")
KESTREL_PASSWORD=cobalt-wren-valley expect 0 "" "restores to a new file" -- restore "$plain" --to "$dir/restored.db"
as=demo.manager
KESTREL_PASSWORD=silver-fox-harbour expect 0 "" "the access log after the restore" -- audit --format json
out_has '"action" : "restore"' "the restore is logged in the database it was made from"
KESTREL_PASSWORD=cobalt-wren-valley "$cli" --database "$dir/restored.db" --user demo.admin verify >"$dir/out" 2>&1 && ok "the restored database verifies" || not_ok "the restored database verifies" "$(cat "$dir/out")"
as=demo.admin
export KESTREL_PASSWORD=cobalt-wren-valley
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
if "$cli" --database "$dir/t1.db" --user demo.admin verify >"$dir/out" 2>"$dir/err"; then
  not_ok "verify finds an altered audit entry" "$(cat "$dir/out")"
elif grep -q "Access log: .*entry 3 was altered after it was written" "$dir/out"; then
  ok "verify finds an altered audit entry"
else
  not_ok "verify finds an altered audit entry" "$(cat "$dir/out")"
fi
cp "$db" "$dir/t2.db"
sqlite3 "$dir/t2.db" "DROP TRIGGER revision_no_update; UPDATE revision SET data = json_set (data, '\$.family_name', 'Altered') WHERE revision = 1 AND record_id = (SELECT id FROM record WHERE kind = 'patient' LIMIT 1);"
if "$cli" --database "$dir/t2.db" --user demo.admin verify >"$dir/out" 2>"$dir/err"; then
  not_ok "verify finds an edited revision" "$(cat "$dir/out")"
elif grep -q "column data: differs from what was written" "$dir/out"; then
  ok "verify finds an edited revision"
else
  not_ok "verify finds an edited revision" "$(cat "$dir/out")"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
