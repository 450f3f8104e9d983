#!/bin/sh
# kestrel-cli end to end: exit codes, one-line messages naming the field,
# and the register round trip. Usage: test-cli.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0

. "$(dirname "$0")/accounts.sh"
kes_tester "$db"

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# expect STATUS "STDERR FRAGMENT" DESCRIPTION -- ARGS...
expect () {
  want_status=$1 want_err=$2 what=$3
  shift 4
  "$cli" --database "$db" --user "${as:-tester}" "$@" >"$dir/out" 2>"$dir/err"
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

base="--given-name Ash --birth-date 02/06/1979 --ethnicity B --gender 1 --team North"

# A global option after the command is refused before any database is
# opened: "demo --database X" once opened (and filled) the default database.
home="$dir/home"
mkdir -p "$home"
HOME="$home" XDG_DATA_HOME="$home/data" "$cli" demo --patients 2 --database "$dir/elsewhere.db" >"$dir/out" 2>"$dir/err"
status=$?
if [ "$status" -eq 2 ] && grep -qF -- "--database goes before the command" "$dir/err" &&
   [ -z "$(find "$home" -type f)" ] && [ ! -e "$dir/elsewhere.db" ]; then
  ok "a global option after the command is refused, and no database is made"
else
  not_ok "a global option after the command is refused, and no database is made" "exit $status" \
    "$(cat "$dir/err")" "$(find "$home" -type f)"
fi

expect 0 "" "adds a valid patient" -- patient add --family-name Fieldfare $base --nhs-number "943 476 5870" --postcode "nr1 3sr" --diagnosis F20.0 --alert "Risk to staff"
id=$(cat "$dir/out")
expect 1 "NHS number 943 476 5918 fails its check: compare it with the document it came from (a letter, referral or NHS card); a digit may be wrong or two may be swapped" "refuses a wrong check digit" -- patient add --family-name Heron $base --nhs-number "943 476 5918"
expect 1 "is in the future" "refuses a future birth date" -- patient add --family-name Heron --given-name Ash --birth-date 2099-01-01 --ethnicity B --gender 1
expect 1 "Postcode “NR1” is not a UK postcode" "refuses a malformed postcode" -- patient add --family-name Heron $base --postcode NR1
expect 1 "Family name is required" "refuses an empty family name" -- patient add --family-name "" $base
expect 1 "Family name is longer than 100 characters" "refuses a family name over the length table's limit (the form's and import's)" -- patient add --family-name "$(printf '%0101d' 0 | tr 0 H)" $base
expect 1 "Ethnic category “Q” is not a known code" "refuses an unknown code" -- patient add --family-name Heron --given-name Ash --birth-date 1979-06-02 --ethnicity Q --gender 1
expect 1 "already belongs to FIELDFARE, Ash" "refuses a second patient with the same NHS number" -- patient add --family-name Other $base --nhs-number 9434765870
expect 1 "Team “West” does not exist" "refuses an unknown team" -- patient add --family-name Heron --given-name Ash --birth-date 1979-06-02 --ethnicity B --gender 1 --team West
expect 1 "under 18 on referral" "warns about an under-18 referral" -- patient add --family-name Young --given-name Kim --birth-date 2012-01-01 --ethnicity B --gender 2
expect 0 "" "accepts an under-18 referral with a reason" -- patient add --family-name Young --given-name Kim --birth-date 2012-01-01 --ethnicity B --gender 2 --age-override-reason "Transition agreed with CAMHS"
expect 2 "unknown command" "rejects an unknown command" -- patient remove
expect 2 "--format must be text or json" "rejects an unknown format" -- patient list --format xml

expect 0 "" "lists patients as JSON" -- patient list --format json
if grep -q '"nhs_number" : "9434765870"' "$dir/out" && grep -q '"name" : "FIELDFARE, Ash"' "$dir/out"; then
  ok "the JSON list holds the patient"
else
  not_ok "the JSON list holds the patient" "$(cat "$dir/out")"
fi

expect 0 "" "shows a patient by NHS number" -- patient show "943 476 5870"
if grep -q "NHS number *943 476 5870" "$dir/out" && grep -q "F20.0 Paranoid schizophrenia" "$dir/out" && grep -q "$id" "$dir/out"; then
  ok "show prints the register entry"
else
  not_ok "show prints the register entry" "$(cat "$dir/out")"
fi
expect 1 "No patient has the id, NHS number or MHCS reference" "show names an unknown patient" -- patient show 4010232137

expect 0 "" "verify passes" -- verify
grep -q "ok: the database is intact" "$dir/out" && ok "verify says the database is intact" || not_ok "verify says the database is intact" "$(cat "$dir/out")"

# The demo fills a new file only, without signing in; then its accounts sign in.
expect 1 "only fills a new, empty database" "demo refuses a database in use" -- demo --patients 3
"$cli" --database "$dir/demo.db" demo --patients 30 --contacts 2 --notes 2 >"$dir/out" 2>"$dir/err" && ok "demo fills a new file" || not_ok "demo fills a new file" "$(cat "$dir/err")"
KESTREL_PASSWORD=cobalt-wren-valley "$cli" --database "$dir/demo.db" --user demo.admin verify >"$dir/out" 2>&1 && grep -q "ok: the database is intact" "$dir/out" && ok "verify passes after demo" || not_ok "verify passes after demo" "$(cat "$dir/out")"

# A missing database is not made by a command that signs in; create-admin makes one, folder and all.
"$cli" --database "$dir/missing-dir/sub/x.db" --user tester patient list >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && [ ! -e "$dir/missing-dir" ] && grep -q "There is no Kestrel database" "$dir/err" && ok "a missing database is refused, nothing made" || not_ok "a missing database is refused, nothing made" "$(cat "$dir/err")"
kes_admin "$dir/missing-dir/sub/x.db" && [ -f "$dir/missing-dir/sub/x.db" ] && ok "create-admin creates the database folder" || not_ok "create-admin creates the database folder"

# A database from a newer Kestrel is refused clearly and left alone.
sqlite3 "$dir/newer.db" "CREATE TABLE t (x); PRAGMA user_version = 42;" 2>/dev/null
if "$cli" --database "$dir/newer.db" patient list >"$dir/out" 2>"$dir/err"; then
  not_ok "refuses a newer database"
elif grep -q "newer version of Kestrel" "$dir/err"; then
  ok "refuses a newer database"
else
  not_ok "refuses a newer database" "$(cat "$dir/err")"
fi

# Export and import: the same record through a second database comes back byte for byte.
# One fixed moment for every export (so the files compare), after the records
# above were written (import refuses a revision dated after the moment of import).
export KESTREL_NOW=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
expect 0 "" "exports a patient summary as PDF" -- export --patient 9434765870 --report summary --format pdf --output "$dir/summary.pdf"
if pdftotext "$dir/summary.pdf" - 2>/dev/null | grep -q "FIELDFARE, Ash"; then ok "the summary PDF names the patient"; else not_ok "the summary PDF names the patient"; fi
expect 0 "" "exports the case record as XML" -- export --patient 9434765870 --report record --output "$dir/record.xml"
expect 0 "" "exports a subject access folder" -- export --patient 9434765870 --report sar --output "$dir/sar"
[ -f "$dir/sar/manifest.txt" ] && [ -f "$dir/sar/subject-access.pdf" ] && ok "the subject access folder has its manifest and PDF" || not_ok "the subject access folder has its manifest and PDF"
expect 2 "--report must be summary, sar or record" "rejects an unknown report" -- export --patient 9434765870 --report letters --output "$dir/x"
db_main=$db
db="$dir/second.db"
kes_admin "$db"
kes_account "$db" importer "Ida Importer" "$KES_TEST_ALL_ROLES"
"$cli" --database "$db" --user importer import --dry-run "$dir/record.xml" >"$dir/out" 2>"$dir/err" && grep -q "Dry run: the file is sound" "$dir/out" && ok "a dry run checks the file" || not_ok "a dry run checks the file" "$(cat "$dir/err")"
"$cli" --database "$db" --user importer patient list --format json >"$dir/out" 2>/dev/null
grep -q Fieldfare "$dir/out" && not_ok "a dry run writes nothing" || ok "a dry run writes nothing"
"$cli" --database "$db" --user importer import "$dir/record.xml" >/dev/null 2>"$dir/err" && ok "imports into an empty database" || not_ok "imports into an empty database" "$(cat "$dir/err")"
"$cli" --database "$db" --user importer import "$dir/record.xml" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && grep -q "is already held in this database" "$dir/err" && ok "refuses to import a patient twice" || not_ok "refuses to import a patient twice" "$(cat "$dir/err")"
"$cli" --database "$db" --user importer export --patient 9434765870 --report record --output "$dir/again.xml" >/dev/null 2>&1
cmp -s "$dir/record.xml" "$dir/again.xml" && ok "export, import, export gives the same bytes" || not_ok "export, import, export gives the same bytes"
printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<r>&x;</r>\n' >"$dir/xxe.xml"
"$cli" --database "$db" --user importer import "$dir/xxe.xml" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] && ok "refuses a file with a DOCTYPE, in one line" || not_ok "refuses a file with a DOCTYPE" "$(cat "$dir/err")"
# The whole database in one file (export --all), through a third database and back.
db=$db_main
expect 0 "" "exports every case record to one file" -- export --all --output "$dir/all.xml"
expect 2 "--all and --output alone" "refuses --all with --patient" -- export --all --patient 9434765870 --output "$dir/x.xml"
db="$dir/third.db"
kes_admin "$db"
kes_account "$db" importer "Ida Importer" "$KES_TEST_ALL_ROLES"
# The records' author here is "tester" too (the same user in two databases): the file's tester comes
# as an author recorded elsewhere, and this database's tester is still the one who signs in.
kes_account "$db" tester "Third Tester" "clinician"
"$cli" --database "$db" --user importer import --all --dry-run "$dir/all.xml" >"$dir/out" 2>"$dir/err" && grep -q "Dry run: the file is sound" "$dir/out" && ok "a dry run checks the whole-database file" || not_ok "a dry run checks the whole-database file" "$(cat "$dir/err")"
"$cli" --database "$db" --user importer import --all "$dir/all.xml" >"$dir/out" 2>"$dir/err" && grep -q "^Imported .* patients" "$dir/out" && ok "imports the whole-database file" || not_ok "imports the whole-database file" "$(cat "$dir/out")" "$(cat "$dir/err")"
"$cli" --database "$db" --user importer export --all --output "$dir/all-again.xml" >/dev/null 2>&1
cmp -s "$dir/all.xml" "$dir/all-again.xml" && ok "export --all, import --all, export --all gives the same bytes" || not_ok "export --all, import --all, export --all gives the same bytes"
"$cli" --database "$db" --user importer account list >"$dir/out" 2>"$dir/err" && grep -q "Third Tester" "$dir/out" && ! grep -q "Test User" "$dir/out" && "$cli" --database "$db" --user tester patient list >/dev/null 2>&1 && ok "a user name in the file that is taken here stays this database's account; the file's author is not one" || not_ok "a user name in the file that is taken here stays this database's account" "$(cat "$dir/out" "$dir/err")"
as=importer
expect 1 "Nothing was imported" "refuses the whole file when a patient is already held" -- import --all "$dir/all.xml"
expect 1 "not a Kestrel whole-database export" "refuses a single case record as a whole-database file" -- import --all "$dir/record.xml"
as=
db=$db_main
unset KESTREL_NOW

echo "1..$n"
[ "$failed" -eq 0 ]
