# Accounts for the kestrel-cli tests, made the way an administrator makes
# them: the first administrator with `account create-admin`, then accounts
# added with a one-time password that their owner replaces. Sourced by the
# test-cli*.sh scripts after they set $cli.
#
# Every account's password is $KES_TEST_PASSWORD, exported as
# KESTREL_PASSWORD so that `"$cli" --database DB --user NAME …` signs in.

KES_TEST_ADMIN_PASSWORD="amber-lantern-orchard-12"
KES_TEST_ONE_TIME="heron-basalt-willow-38"
KES_TEST_PASSWORD="plover-quartz-meadow-71"
KES_TEST_ALL_ROLES="clinician social-supervisor carers-liaison liaison-diversion team-manager administrator"
export KESTREL_PASSWORD="$KES_TEST_PASSWORD"
unset KESTREL_NEW_PASSWORD

# kes_admin DB: the database's first administrator, test.admin.
kes_admin () {
  printf '%s\n' "$KES_TEST_ADMIN_PASSWORD" |
    "$cli" --database "$1" --password-fd 0 account create-admin test.admin --name "Test Administrator" >/dev/null
}

# kes_account DB USER "Full Name" "ROLE ROLE…" [TEAM]: an account ready to use.
kes_account () {
  kes_db=$1 kes_user=$2 kes_name=$3 kes_roles=$4 kes_team=${5:-}
  set --
  for kes_role in $kes_roles; do set -- "$@" --role "$kes_role"; done
  [ -n "$kes_team" ] && set -- "$@" --team "$kes_team"
  printf '%s\n' "$KES_TEST_ONE_TIME" |
    KESTREL_PASSWORD="$KES_TEST_ADMIN_PASSWORD" "$cli" --database "$kes_db" --user test.admin \
      account add "$kes_user" --name "$kes_name" --new-password-fd 0 "$@" >/dev/null &&
  printf '%s\n' "$KES_TEST_PASSWORD" |
    KESTREL_PASSWORD="$KES_TEST_ONE_TIME" "$cli" --database "$kes_db" --user "$kes_user" \
      account password --new-password-fd 0 >/dev/null
}

# kes_tester DB: a new database with test.admin and "tester", who holds every
# role and no team.
kes_tester () {
  kes_admin "$1" && kes_account "$1" tester "Test User" "$KES_TEST_ALL_ROLES"
}
