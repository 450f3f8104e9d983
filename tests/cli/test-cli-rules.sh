#!/bin/sh
# kestrel-cli rules: every rule block and code list with its source; reviews past their
# date flagged. The clock is set with KESTREL_NOW.
# Usage: test-cli-rules.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
. "$(dirname "$0")/accounts.sh"
kes_admin "$db"
kes_account "$db" reviewer "Rule Reviewer" "clinician"
# Every call goes through here, so adding credentials later is one place.
run () { "$cli" --database "$db" --user reviewer "$@" >"$dir/out" 2>"$dir/err"; }

KESTREL_NOW=2026-12-07T09:00:00Z run rules
status=$?
if [ $status -eq 0 ] && grep -qF "medication:lithium-toxic  [published]" "$dir/out" &&
   grep -qF "medication:lithium-toxic.toxic = 1.5" "$dir/out" &&
   grep -qF "Lithium monitoring (Specialist Pharmacy Service)" "$dir/out"; then
  ok "lists a block with its source and its rules"
else
  not_ok "lists a block with its source and its rules" "$(cat "$dir/err")" "$(head -20 "$dir/out")"
fi
if grep -qF "medication:clozapine-thresholds-ben  [unconfirmed]" "$dir/out" &&
   grep -qF "template-sources:moj-cd-report@2024-10.2  [unconfirmed]" "$dir/out" &&
   grep -qF "codes:mappa-category  [published]" "$dir/out"; then
  ok "says which sources could not be confirmed"
else
  not_ok "says which sources could not be confirmed" "$(grep -F unconfirmed "$dir/out" | head -5)"
fi
if ! grep -qF "REVIEW OVERDUE" "$dir/out" && tail -1 "$dir/out" | grep -qF "0 overdue for review, 0 with incomplete sources"; then
  ok "nothing is overdue today"
else
  not_ok "nothing is overdue today" "$(tail -1 "$dir/out")"
fi

# The day before, of and after a review-by date (2027-03-07 for the urgent-report list).
for day in 2027-03-06 2027-03-07; do
  KESTREL_NOW=${day}T09:00:00Z run rules --overdue --check
  if [ $? -eq 0 ] && ! grep -qF "codes:moj-urgent-trigger" "$dir/out"; then
    ok "not overdue on $day"
  else
    not_ok "not overdue on $day" "$(grep -F moj-urgent "$dir/out")"
  fi
done
KESTREL_NOW=2027-03-08T09:00:00Z run rules --overdue --check
status=$?
if [ $status -eq 1 ] && grep -qF "codes:moj-urgent-trigger  [unconfirmed]  review by 2027-03-07  REVIEW OVERDUE" "$dir/out" &&
   ! grep -qF "medication:lithium-toxic" "$dir/out"; then
  ok "overdue the day after, and --check fails"
else
  not_ok "overdue the day after, and --check fails" "status $status" "$(head -5 "$dir/out")"
fi

KESTREL_NOW=2028-01-01T09:00:00Z run rules --format tsv
if [ $? -eq 0 ] && head -1 "$dir/out" | grep -q "^id	status	review_by	overdue	source" &&
   grep -q "^medication:lithium-toxic	published	2027-12-07	overdue	" "$dir/out"; then
  ok "writes TSV with the overdue column"
else
  not_ok "writes TSV with the overdue column" "$(head -3 "$dir/out")"
fi
run rules --format yaml
if [ $? -eq 2 ]; then ok "refuses an unknown format"; else not_ok "refuses an unknown format"; fi

echo "1..$n"
[ "$failed" -eq 0 ]
