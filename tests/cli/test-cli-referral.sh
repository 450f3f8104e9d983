#!/bin/sh
# kestrel-cli referral report: PDF, CSV and XML of the referral pathway report.
# Usage: test-cli-referral.sh PATH/TO/kestrel-cli
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

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
run () { "$cli" --database "$db" --user manager "$@" >"$dir/out" 2>"$dir/err"; }

run referral report --from 2026-01-01 --to 2026-12-31 --format csv --output "$dir/pathway.csv"
if [ $? -eq 0 ] && head -1 "$dir/pathway.csv" | grep -q "^table,group,received,decided,accepted,declined,redirected,median_days_to_decision"; then
  ok "writes the CSV with its header"
else
  not_ok "writes the CSV with its header" "$(cat "$dir/err")"
fi
if grep -q "^table,ethnic_category,label,decided,accepted,declined,acceptance_rate" "$dir/pathway.csv"; then
  ok "the CSV has the acceptance-by-ethnicity table"
else
  not_ok "the CSV has the acceptance-by-ethnicity table" "$(cat "$dir/pathway.csv")"
fi

run referral report --from 2026-01-01 --to 2026-12-31 --output "$dir/pathway.pdf"
if [ $? -eq 0 ] && head -c 5 "$dir/pathway.pdf" | grep -q "%PDF-"; then ok "writes the PDF by default"; else not_ok "writes the PDF by default" "$(cat "$dir/err")"; fi
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$dir/pathway.pdf" "$dir/pathway.txt"
  if grep -q "Referral Pathway Report" "$dir/pathway.txt" && grep -q "calendar days" "$dir/pathway.txt"; then
    ok "the PDF says what it counts"
  else
    not_ok "the PDF says what it counts" "$(head -20 "$dir/pathway.txt")"
  fi
fi

run referral report --from 2026-01-01 --to 2026-12-31 --format xml --output "$dir/pathway.xml"
if [ $? -eq 0 ] && grep -q "urn:kestrel:document:1" "$dir/pathway.xml"; then ok "writes the XML"; else not_ok "writes the XML" "$(cat "$dir/err")"; fi

run referral report --from 2026-01-01 --to 2026-12-31 --format docx --output "$dir/pathway.docx"
status=$?
if [ $status -eq 2 ] && grep -q "use pdf, csv or xml" "$dir/err"; then ok "refuses an unknown format"; else not_ok "refuses an unknown format" "status $status" "$(cat "$dir/err")"; fi

run referral report --from 2026-12-31 --to 2026-01-01 --format csv --output "$dir/backwards.csv"
status=$?
if [ $status -eq 1 ] && grep -q "is not a period" "$dir/err" && [ ! -e "$dir/backwards.csv" ]; then
  ok "refuses a period that ends before it starts, writing nothing"
else
  not_ok "refuses a period that ends before it starts, writing nothing" "status $status" "$(cat "$dir/err")"
fi

run referral report --from 2026-01-01 --format csv --output "$dir/x.csv"
if [ $? -eq 2 ]; then ok "needs --to"; else not_ok "needs --to" "$(cat "$dir/err")"; fi

echo "1..$n"
[ $failed -eq 0 ]
