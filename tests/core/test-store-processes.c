/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A second process is normal: two connections in this process (as the app
 * has, with its workers) and another process that opens the file, writes and
 * closes (as kestrel-cli does). That process must see this one's connections:
 * if this process had dropped its locks on the file, the other would take
 * itself for the last user, checkpoint and delete the write-ahead log, and
 * every later commit here would go to a deleted file and be lost. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

#define CHILD_DATABASE "KES_TEST_CHILD_DATABASE"
#define CHILD_NHS      "KES_TEST_CHILD_NHS"

static KesStore *
open_as (const char *path,
         const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) actor = NULL;
  KesStore *store = kes_store_open (path, &error);

  g_assert_no_error (error);
  /* Signed in as @username, whose account the first use makes. */
  actor = kes_store_sign_in (store, username, KES_TEST_PASSWORD, NULL);
  if (actor == NULL)
    {
      actor = kes_test_account (store, username, username, NULL, KES_TEST_ALL_ROLES);
      kes_test_sign_in (store, actor);
    }
  return store;
}

/* Each patient has its own NHS number (from the 999 test range). */
static void
add_patient (KesStore   *store,
             const char *family_name,
             const char *nhs_number)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family_name);
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs_number);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static char *deleted_companion (const char *path);

/* Run in the second process only: opens, writes, closes. */
static void
test_child_writes_and_closes (void)
{
  const char *path = g_getenv (CHILD_DATABASE);
  KesStore *store;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /store-processes/wal-survives-another-process");
      return;
    }
  g_assert_nonnull (path);
  store = open_as (path, "cli.user");
  add_patient (store, "Childwriter", g_getenv (CHILD_NHS));
  g_object_unref (store);
}

/* Another process opens the file, adds a patient with @nhs_number, closes. */
static void
run_other_process (const char *path,
                   const char *nhs_number)
{
  g_autofree char *deleted = NULL;

  g_setenv (CHILD_DATABASE, path, TRUE);
  g_setenv (CHILD_NHS, nhs_number, TRUE);
  g_test_trap_subprocess ("/store-processes/child-writes-and-closes", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_unsetenv (CHILD_DATABASE);
  g_unsetenv (CHILD_NHS);

  deleted = deleted_companion (path);
  if (deleted != NULL)
    g_error ("The other process deleted a file this one writes to: %s", deleted);
}

/* Whether a descriptor of this process points at a deleted -wal or -shm of
 * @path: the file SQLite writes to has been unlinked under it. */
static char *
deleted_companion (const char *path)
{
  g_autofree char *resolved = realpath (path, NULL);
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *fd = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (fd, NULL);

      if (target != NULL && g_str_has_prefix (target, resolved) &&
          g_str_has_suffix (target, " (deleted)"))
        return g_steal_pointer (&target);
    }
  return NULL;
}

/* The family name of the patient with @nhs_number, or NULL. */
static char *
family_name_of (KesStore   *store,
                const char *nhs_number)
{
  g_autoptr(KesPatient) patient = kes_store_find_patient (store, nhs_number, NULL);

  return patient != NULL ? g_strdup (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME)) : NULL;
}

static void
assert_patient (KesStore   *store,
                const char *nhs_number,
                const char *family_name)
{
  g_autofree char *found = family_name_of (store, nhs_number);

  g_assert_cmpstr (found, ==, family_name);
}

static void
test_wal_survives_another_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-processes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kestrel.db", NULL);
  g_autoptr(KesStore) reopened = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  KesStore *first, *second;

  first = open_as (path, "app.user");
  add_patient (first, "Firstwrite", "9990000026");
  /* The second connection (a worker's): opening it must leave the first's
   * locks in place. */
  second = open_as (path, "app.worker");
  assert_patient (second, "9990000026", "Firstwrite");

  run_other_process (path, "9990000018");

  /* Both connections keep writing, and see the other process's writes; a
   * second visit from the other process comes in between. */
  add_patient (first, "Secondwrite", "9990000034");
  run_other_process (path, "9990000069");
  add_patient (second, "Thirdwrite", "9990000042");
  assert_patient (first, "9990000018", "Childwriter");
  assert_patient (first, "9990000069", "Childwriter");
  g_object_unref (second);
  g_object_unref (first);

  /* Everything committed is in the file. */
  reopened = open_as (path, "app.user");
  assert_patient (reopened, "9990000026", "Firstwrite");
  assert_patient (reopened, "9990000034", "Secondwrite");
  assert_patient (reopened, "9990000042", "Thirdwrite");
  assert_patient (reopened, "9990000018", "Childwriter");
  assert_patient (reopened, "9990000069", "Childwriter");
  problems = kes_store_verify (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&reopened);

  kes_core_test_remove_database (dir, path);
}

/* The files SQLite makes beside a new database are as private as it. */
static void
test_new_files_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-private-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kestrel.db", NULL);
  g_autoptr(KesStore) store = open_as (path, "app.user");

  add_patient (store, "Private", "9990000050");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      GStatBuf info;

      g_assert_cmpint (g_stat (file, &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0077, ==, 0);
    }
  g_clear_object (&store);
  kes_core_test_remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-processes/child-writes-and-closes", test_child_writes_and_closes);
  g_test_add_func ("/store-processes/wal-survives-another-process", test_wal_survives_another_process);
  g_test_add_func ("/store-processes/new-files-private", test_new_files_private);
  return g_test_run ();
}
