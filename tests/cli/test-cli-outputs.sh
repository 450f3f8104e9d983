#!/bin/sh
# kestrel-cli: outputs never touch the database. Every command that writes a
# file or folder refuses the open database and its -wal, -shm and -journal,
# and any name that reaches one of them (a symbolic link, "..", a hard link):
# exit 1, one clear line, nothing written, the database intact. Commands that
# read a file (restore, import) refuse them too.
# Usage: test-cli-outputs.sh PATH/TO/kestrel-cli
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

# Every run as the demo administrator or manager, with their password.
run_as () {
  user=$1 password=$2
  shift 2
  KESTREL_PASSWORD=$password "$cli" --database "$db" --user "$user" "$@" >"$dir/out" 2>"$dir/err" </dev/null
}
admin () { run_as demo.admin cobalt-wren-valley "$@"; }
manager () { run_as demo.manager silver-fox-harbour "$@"; }
clinician () { run_as demo.clinician amber-otter-lantern "$@"; }

if ! "$cli" --database "$db" --user setup demo --patients 3 --contacts 1 --notes 1 >"$dir/out" 2>"$dir/err"; then
  not_ok "demo data" "$(cat "$dir/err")"
  echo "1..$n"
  exit 1
fi
nhs=$(clinician patient list --format json && grep -o '"nhs_number" *: *"[0-9]*"' "$dir/out" | head -1 | grep -o '[0-9]\{10\}')
[ -n "$nhs" ] && ok "a patient to export ($nhs)" || not_ok "a patient to export" "$(cat "$dir/out" "$dir/err")"

# Names that reach the database or its companions.
mkdir "$dir/sub" "$dir/elsewhere"
ln -s "$db" "$dir/link-to-db"
ln -s "$db-journal" "$dir/link-to-journal"
ln -s "$dir" "$dir/elsewhere/back"
ln "$db" "$dir/hard-link.pdf"
targets="$db $db-wal $db-shm $db-journal $dir/sub/../kestrel.db $dir/link-to-db $dir/link-to-journal
$dir/elsewhere/back/kestrel.db-wal $dir/hard-link.pdf"

size_before=$(stat -c %s "$db")
inode_before=$(stat -c %i "$db")

# expect_refused DESCRIPTION COMMAND… (the target is already in the command)
expect_refused () {
  what=$1
  shift
  "$@"
  status=$?
  if [ $status -ne 1 ]; then
    not_ok "$what" "exit $status, wanted 1" "$(cat "$dir/err")"
  elif ! grep -q "is the database Kestrel has open, or one of the files SQLite keeps beside it" "$dir/err"; then
    not_ok "$what" "stderr lacks the refusal" "$(cat "$dir/err")"
  elif [ "$(wc -l <"$dir/err")" -ne 1 ]; then
    not_ok "$what" "the error is not one line" "$(cat "$dir/err")"
  elif [ -e "$db-journal" ]; then
    not_ok "$what" "a -journal appeared beside the database"
  elif [ "$(stat -c %i "$db")" != "$inode_before" ] || ! head -c 15 "$db" | grep -q "SQLite format 3"; then
    not_ok "$what" "the database file was replaced"
  else
    ok "$what"
  fi
}

for target in $targets; do
  name=${target#"$dir"/}
  expect_refused "export summary PDF refuses $name" clinician export --patient "$nhs" --report summary --format pdf --output "$target"
  expect_refused "export summary XML refuses $name" clinician export --patient "$nhs" --report summary --format xml --output "$target"
  expect_refused "export case record refuses $name" clinician export --patient "$nhs" --report record --output "$target"
  expect_refused "export subject access folder refuses $name" clinician export --patient "$nhs" --report sar --output "$target"
  expect_refused "export --all refuses $name" manager export --all --output "$target"
  for format in pdf csv xml; do
    expect_refused "referral report ($format) refuses $name" manager referral report --from 2020-01-01 --to 2030-12-31 --format $format --output "$target"
    expect_refused "equality report ($format) refuses $name" manager equality-report --from 2020-01-01 --to 2030-12-31 --format $format --output "$target"
    expect_refused "liaison report ($format) refuses $name" manager liaison-report --from 2020-01-01 --to 2030-12-31 --format $format --output "$target"
  done
  expect_refused "backup refuses the folder $name" admin backup --folder "$target"
done

# Restore: a -journal that SQLite would replay into the database, directly
# or through a link; the database itself is refused as before.
admin backup --folder "$dir/backups" && backup=$(cat "$dir/out")
[ -f "${backup:-}" ] && ok "a backup to restore" || not_ok "a backup to restore" "$(cat "$dir/err")"
for target in "$db-journal" "$dir/link-to-journal" "$db" "$dir/sub/../kestrel.db-wal"; do
  expect_refused "restore refuses ${target#"$dir"/}" admin restore "$backup" --to "$target"
done

# Nor is the database read as a file (a backup to restore, a file to import):
# opening and closing it outside SQLite would drop this process's locks.
expect_not_read () {
  what=$1
  shift
  "$@"
  status=$?
  if [ $status -ne 1 ] || ! grep -q "not a file to read from" "$dir/err" || [ "$(wc -l <"$dir/err")" -ne 1 ]; then
    not_ok "$what" "exit $status" "$(cat "$dir/err")"
  else
    ok "$what"
  fi
}
for target in "$db" "$db-wal" "$dir/link-to-db" "$dir/hard-link.pdf"; do
  name=${target#"$dir"/}
  expect_not_read "restore does not read $name" admin restore "$target" --to "$dir/restored-$$.db"
  expect_not_read "import does not read $name" admin import --dry-run "$target"
  expect_not_read "import --all does not read $name" clinician import --all --dry-run "$target"
done
[ ! -e "$dir/restored-$$.db" ] && ok "nothing restored" || not_ok "nothing restored"

# Beside the database is fine, and the database is as it was.
clinician export --patient "$nhs" --report summary --format pdf --output "$dir/summary.pdf" &&
  [ -s "$dir/summary.pdf" ] && ok "a summary beside the database is written" ||
  not_ok "a summary beside the database is written" "$(cat "$dir/err")"
admin verify && ok "verify passes after every refusal" || not_ok "verify passes after every refusal" "$(cat "$dir/out" "$dir/err")"
[ "$(stat -c %s "$db")" -ge "$size_before" ] && [ "$(stat -c %i "$db")" = "$inode_before" ] &&
  ok "the database is the same file" || not_ok "the database is the same file"
leftovers=$(find "$dir" -name '.kestrel-*' | wc -l)
[ "$leftovers" -eq 0 ] && ok "no temporary files left" || not_ok "no temporary files left" "$(find "$dir" -name '.kestrel-*')"

echo "1..$n"
[ $failed -eq 0 ]
