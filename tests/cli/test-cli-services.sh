#!/bin/sh
# kestrel-cli services: the service directory edited without the app.
# Usage: test-cli-services.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0
. "$(dirname "$0")/accounts.sh"
kes_admin "$db"
kes_account "$db" admin "Ada Admin" "administrator"
kes_account "$db" second.admin "Bea Admin" "administrator"

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
run () { "$cli" --database "$db" --user admin "$@" >"$dir/out" 2>"$dir/err"; }

run services list
if [ $? -eq 0 ] && grep -q "Samaritans" "$dir/out" && [ "$(wc -l <"$dir/out")" -eq 5 ]; then
  ok "a new database lists the national numbers"
else
  not_ok "a new database lists the national numbers" "$(cat "$dir/out" "$dir/err")"
fi

run services add --kind crisis --area Norfolk --name "Norfolk crisis line" --crisis "0800 000 0001" --hours "24 hours"
id=$(cat "$dir/out")
if [ -n "$id" ] && run services list --area norfolk && grep -q "Norfolk crisis line" "$dir/out"; then
  ok "adds a crisis line for an area"
else
  not_ok "adds a crisis line for an area" "$(cat "$dir/err")"
fi

run services list --area Suffolk
if ! grep -q "Norfolk crisis line" "$dir/out"; then ok "another area doesn't see it"; else not_ok "another area doesn't see it"; fi

run services edit "$id" --crisis "0800 000 0009"
if run services list --area Norfolk && grep -q "out of hours 0800 000 0009" "$dir/out"; then
  ok "edits the number"
else
  not_ok "edits the number" "$(cat "$dir/out" "$dir/err")"
fi

run services add --kind base --name "Hellesdon base"
status=$?
if [ $status -eq 1 ] && grep -qF "Give at least one phone number" "$dir/err" && [ "$(wc -l <"$dir/err")" -eq 1 ]; then
  ok "refuses an entry without a phone number, in one line"
else
  not_ok "refuses an entry without a phone number, in one line" "exit $status" "$(cat "$dir/err")"
fi

run services withdraw "$id"
if [ $? -eq 0 ] && run services list --area Norfolk && ! grep -q "Norfolk crisis line" "$dir/out"; then
  ok "withdraws an entry"
else
  not_ok "withdraws an entry" "$(cat "$dir/out" "$dir/err")"
fi

run services edit no-such-id --name X
if [ $? -eq 1 ] && grep -qF "No service in the directory has the id no-such-id" "$dir/err"; then
  ok "names an unknown id"
else
  not_ok "names an unknown id" "$(cat "$dir/err")"
fi

# Two administrators edit the same entry from the same revision (what
# services show printed): the second save is refused as a conflict naming the
# first, and the number stays the first one's.
run_as () { user=$1; shift; "$cli" --database "$db" --user "$user" "$@" >"$dir/out" 2>"$dir/err"; }
run services add --kind crisis --area Suffolk --name "Suffolk crisis line" --crisis "0800 000 0101"
line=$(cat "$dir/out")
run services show "$line"
if grep -q "^revision	1$" "$dir/out" && grep -q "^crisis_phone	0800 000 0101$" "$dir/out"; then
  ok "services show gives the revision"
else
  not_ok "services show gives the revision" "$(cat "$dir/out" "$dir/err")"
fi
run_as admin services edit "$line" --revision 1 --crisis "0800 000 0102"
first=$?
run_as second.admin services edit "$line" --revision 1 --crisis "0800 000 0103"
second=$?
if [ $first -eq 0 ] && [ $second -eq 1 ] && grep -q "Ada Admin changed this entry of the service directory on" "$dir/err" &&
   [ "$(wc -l <"$dir/err")" -eq 1 ]; then
  ok "a second edit from the same revision is refused, naming who changed it"
else
  not_ok "a second edit from the same revision is refused, naming who changed it" "exits $first $second" "$(cat "$dir/err")"
fi
run services show "$line"
if grep -q "^revision	2$" "$dir/out" && grep -q "^crisis_phone	0800 000 0102$" "$dir/out"; then
  ok "the first edit stands"
else
  not_ok "the first edit stands" "$(cat "$dir/out")"
fi
run services withdraw "$line" --revision 1
if [ $? -eq 1 ] && grep -q "changed this entry" "$dir/err"; then
  ok "a withdrawal from an old revision is refused"
else
  not_ok "a withdrawal from an old revision is refused" "$(cat "$dir/err")"
fi
run services edit "$line" --crisis "0800 000 0104" && run services show "$line"
if grep -q "^revision	3$" "$dir/out"; then
  ok "without --revision an edit starts from the stored revision"
else
  not_ok "without --revision an edit starts from the stored revision" "$(cat "$dir/out" "$dir/err")"
fi
run services edit "$line" --revision -1 --name "X"
if [ $? -eq 1 ] && grep -q -- "--revision must be 1 or more" "$dir/err"; then
  ok "a negative revision is refused"
else
  not_ok "a negative revision is refused" "$(cat "$dir/err")"
fi

# Catchment areas (issue 21): the areas referrals come from, seeded from the
# lists that were fixed, edited like the rest of the directory.
run catchment list
if [ $? -eq 0 ] && [ "$(wc -l <"$dir/out")" -eq 4 ] && grep -q "^norfolk	own	in-use	Norfolk$" "$dir/out" &&
   grep -q "^other	outside	in-use	Elsewhere (outside the catchment)$" "$dir/out"; then
  ok "a new database lists the starting catchment areas"
else
  not_ok "a new database lists the starting catchment areas" "$(cat "$dir/out" "$dir/err")"
fi
run catchment add --name "North Essex" --membership external
if [ $? -eq 0 ] && [ "$(cat "$dir/out")" = "north-essex" ] && run catchment list &&
   grep -q "^north-essex	external	in-use	North Essex$" "$dir/out"; then
  ok "adds an area, its code made from the name"
else
  not_ok "adds an area, its code made from the name" "$(cat "$dir/out" "$dir/err")"
fi
run catchment edit north-essex --name "Colchester and Tendring" && run catchment retire north-essex && run catchment list
if grep -q "^north-essex	external	retired	Colchester and Tendring$" "$dir/out"; then
  ok "renames and retires an area, keeping its code"
else
  not_ok "renames and retires an area, keeping its code" "$(cat "$dir/out" "$dir/err")"
fi
run catchment add --name "suffolk"
if [ $? -eq 1 ] && grep -qF "another catchment area already has this name" "$dir/err"; then
  ok "refuses a second area of the same name"
else
  not_ok "refuses a second area of the same name" "$(cat "$dir/err")"
fi
kes_account "$db" cal "Cal Clinician" "clinician" North
"$cli" --database "$db" --user cal catchment restore north-essex >"$dir/out" 2>"$dir/err"
if [ $? -eq 1 ] && grep -qF "can’t change the service directory" "$dir/err" && run catchment list &&
   grep -q "^north-essex	external	retired" "$dir/out"; then
  ok "a clinician can't change the catchment"
else
  not_ok "a clinician can't change the catchment" "$(cat "$dir/out" "$dir/err")"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
