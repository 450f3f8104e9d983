#!/bin/sh
# kestrel-cli equality-report: PDF, CSV and XML, counts protected as NHS Digital does
# (rules/disclosure.ini: 0 to 7 hidden as "*", others rounded to the nearest 5).
# Usage: test-cli-equality.sh PATH/TO/kestrel-cli
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/kestrel.db"
n=0
failed=0
. "$(dirname "$0")/accounts.sh"
kes_admin "$db"
kes_account "$db" manager "Mo Manager" "team-manager"
# The legal status is a clinical record (one home, issue 20): a clinician
# registers the patients, the manager runs the report.
kes_account "$db" clinician "Cal Clinician" "clinician"

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
run () { "$cli" --database "$db" --user manager "$@" >"$dir/out" 2>"$dir/err"; }
register () { "$cli" --database "$db" --user clinician "$@" >"$dir/out" 2>"$dir/err"; }

i=0
while [ $i -lt 3 ]; do
  register patient add --family-name "Campbell$i" --given-name Dee --birth-date 1990-01-01 --ethnicity M --gender 1 --legal-status 09 || not_ok "adds patient" "$(cat "$dir/err")"
  i=$((i + 1))
done
i=0
while [ $i -lt 12 ]; do
  register patient add --family-name "Smith$i" --given-name Sam --birth-date 1970-01-01 --ethnicity A --gender 2 --legal-status 03 || not_ok "adds patient" "$(cat "$dir/err")"
  i=$((i + 1))
done

run equality-report --from 2020-01-01 --to 2030-12-31 --format csv --output "$dir/eq.csv"
if [ $? -eq 0 ] && [ -s "$dir/eq.csv" ]; then ok "writes the CSV"; else not_ok "writes the CSV" "$(cat "$dir/err")"; fi

row=$(grep -F ",Black or Black British: Caribbean,Caseload," "$dir/eq.csv")
case "$row" in
  *",*,"*) ok "a category with 3 people shows *" ;;
  *) not_ok "a category with 3 people shows *" "$row" ;;
esac
if grep -F "Caribbean" "$dir/eq.csv" | grep -q ",3,"; then
  not_ok "the number 3 appears nowhere for that category" "$(grep -F Caribbean "$dir/eq.csv")"
else
  ok "the number 3 appears nowhere for that category"
fi
if grep -F ",All,Caseload,15," "$dir/eq.csv" >/dev/null && grep -F "White: British,Caseload,10," "$dir/eq.csv" >/dev/null; then
  ok "the 12 is rounded to 10 beside the total of 15, so 15 - 10 says nothing"
else
  not_ok "the 12 is rounded to 10 beside the total of 15" "$(grep -F Caseload "$dir/eq.csv" | head -25)"
fi
if grep -F "White: Irish,Caseload,*," "$dir/eq.csv" >/dev/null && ! grep -F ",Caseload,0," "$dir/eq.csv" >/dev/null; then
  ok "empty groups are listed and hidden, not shown as 0"
else
  not_ok "empty groups are listed and hidden, not shown as 0" "$(grep -F Caseload "$dir/eq.csv" | head -25)"
fi
if grep -F ",All,Referrals received,*," "$dir/eq.csv" >/dev/null && ! grep -F "not available" "$dir/eq.csv" >/dev/null; then
  ok "referrals and recalls are counted (none in this database: hidden)"
else
  not_ok "referrals and recalls are counted (none in this database: hidden)" "$(grep -F Referrals "$dir/eq.csv" | head -3)"
fi

# A stricter local rule is allowed, a looser one refused.
run equality-report --from 2020-01-01 --to 2030-12-31 --format csv --suppress-up-to 12 --round-to 10 --output "$dir/strict.csv"
if [ $? -eq 0 ] && grep -F "White: British,Caseload,*," "$dir/strict.csv" >/dev/null && grep -F ",All,Caseload,20," "$dir/strict.csv" >/dev/null; then
  ok "a stricter local rule hides up to 12 and rounds to 10"
else
  not_ok "a stricter local rule hides up to 12 and rounds to 10" "$(cat "$dir/err")" "$(grep -F Caseload "$dir/strict.csv" | head -3)"
fi
run equality-report --from 2020-01-01 --to 2030-12-31 --format csv --suppress-up-to 4 --output "$dir/loose.csv"
if [ $? -eq 1 ] && grep -qF "never less" "$dir/err" && [ ! -e "$dir/loose.csv" ]; then
  ok "a looser rule (hide up to 4) is refused"
else
  not_ok "a looser rule (hide up to 4) is refused" "$(cat "$dir/err")"
fi

run equality-report --from 2020-01-01 --to 2030-12-31 --format pdf --output "$dir/eq.pdf"
if [ $? -eq 0 ] && head -c 5 "$dir/eq.pdf" | grep -q "%PDF-"; then ok "writes the PDF"; else not_ok "writes the PDF" "$(cat "$dir/err")"; fi
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext -layout "$dir/eq.pdf" "$dir/eq.txt"
  line=$(grep "Black or Black" "$dir/eq.txt" | head -1)
  case "$line" in
    *"*"*) ok "the PDF shows * for that category" ;;
    *) not_ok "the PDF shows * for that category" "$line" ;;
  esac
fi

run equality-report --from 2020-01-01 --to 2030-12-31 --format xml --output "$dir/eq.xml"
if [ $? -eq 0 ] && grep -q "urn:kestrel:document:1" "$dir/eq.xml"; then ok "writes the XML"; else not_ok "writes the XML" "$(cat "$dir/err")"; fi

run equality-report --from 2030-01-01 --to 2020-01-01 --format csv --output "$dir/bad.csv"
if [ $? -eq 1 ] && grep -qF "The period ends before it starts" "$dir/err"; then ok "refuses a backwards period"; else not_ok "refuses a backwards period" "$(cat "$dir/err")"; fi

run equality-report --from 2020-01-01 --to 2030-12-31 --format docx --output "$dir/x"
if [ $? -eq 2 ]; then ok "refuses an unknown format"; else not_ok "refuses an unknown format"; fi

# The liaison and diversion activity report (no screenings in this database).
run liaison-report --from 2026-11-01 --to 2026-11-30 --format csv --output "$dir/ld.csv"
if [ $? -eq 0 ] && head -1 "$dir/ld.csv" | grep -qx "period_from,period_to,breakdown,category,count" &&
   grep -qF "2026-11-01,2026-11-30,Setting,Police custody,*" "$dir/ld.csv" &&
   grep -qF "Outcome,All,*" "$dir/ld.csv"; then
  ok "liaison-report writes the CSV"
else
  not_ok "liaison-report writes the CSV" "$(cat "$dir/err")" "$(head -3 "$dir/ld.csv" 2>/dev/null)"
fi
run liaison-report --from 2026-11-01 --to 2026-11-30 --output "$dir/ld.pdf"
if [ $? -eq 0 ] && head -c 5 "$dir/ld.pdf" | grep -q "%PDF-"; then ok "liaison-report writes the PDF"; else not_ok "liaison-report writes the PDF" "$(cat "$dir/err")"; fi
run liaison-report --from 2026-11-30 --to 2026-11-01 --output "$dir/bad.pdf"
if [ $? -eq 1 ] && grep -qF "The period ends before it starts" "$dir/err"; then ok "liaison-report refuses a backwards period"; else not_ok "liaison-report refuses a backwards period" "$(cat "$dir/err")"; fi

echo "1..$n"
[ "$failed" -eq 0 ]
