/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety: starts crash-writer on one database, kills it with SIGKILL
 * after a random few milliseconds, and checks that every save it reported
 * committed is there with its own content, and that nothing is half
 * written (kes_store_verify: integrity, foreign keys, complete revision
 * histories, the audit chain and revision hashes; then a raw
 * PRAGMA integrity_check on a fresh connection). The same database is used
 * for every round, so WAL recovery runs each time.
 *
 * test-crash [GTest options] WRITER [ROUNDS] */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kes-crash-util.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

static const char *writer_path;
static KesStaff *writer;  /* the account the writer acts as */
static KesStaff *checker; /* every role: reads back and verifies */
static guint rounds = 200;

typedef struct
{
  char   *kind;       /* "patient" or "note" */
  char   *id;
  gint64  revision;
  char   *patient_id; /* notes only */
  char   *token;
} Confirmed;

static void
confirmed_free (Confirmed *confirmed)
{
  g_free (confirmed->kind);
  g_free (confirmed->id);
  g_free (confirmed->patient_id);
  g_free (confirmed->token);
  g_free (confirmed);
}

/* Reads until a whole line has arrived (or the writer has gone). */
static void
read_first_line (int      fd,
                 GString *into)
{
  char buffer[4096];

  while (strchr (into->str, '\n') == NULL)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (into, buffer, n);
      else if (n < 0 && errno == EINTR)
        continue;
      else
        break;
    }
}

/* Only whole lines count: a line cut short was never fully reported. */
static void
parse_confirmed (const char *output,
                 GPtrArray  *into)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n_lines = g_strv_length (lines);

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint n_words = g_strv_length (words);
      Confirmed *confirmed;

      if (n_words == 4 && g_str_equal (words[0], "patient"))
        {
          confirmed = g_new0 (Confirmed, 1);
          confirmed->token = g_strdup (words[3]);
        }
      else if (n_words == 5 && g_str_equal (words[0], "note"))
        {
          confirmed = g_new0 (Confirmed, 1);
          confirmed->patient_id = g_strdup (words[3]);
          confirmed->token = g_strdup (words[4]);
        }
      else
        g_error ("crash-writer printed an unexpected line: “%s”", lines[i]);

      confirmed->kind = g_strdup (words[0]);
      confirmed->id = g_strdup (words[1]);
      confirmed->revision = g_ascii_strtoll (words[2], NULL, 10);
      g_assert_cmpint (confirmed->revision, >=, 1);
      g_ptr_array_add (into, confirmed);
    }
}

/* Runs the writer, kills it @run_us microseconds after it started or, with
 * @after_first_save, after it reported its first save (so that the kill
 * lands among the writes however slow the machine is to start it), and adds
 * what it reported to @confirmed. Returns how many saves it reported. */
static guint
run_writer_and_kill (const char *db_path,
                     guint32     seed,
                     gulong      run_us,
                     gboolean    after_first_save,
                     GPtrArray  *confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { writer_path, db_path, seed_text, kes_staff_get_id (writer), NULL };
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);
  guint before = confirmed->len;
  GPid pid;
  int out_fd, err_fd;
  int status = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  if (after_first_save)
    read_first_line (out_fd, output);
  g_usleep (run_us);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  kes_crash_read_all (out_fd, output);
  kes_crash_read_all (err_fd, errors);
  close (out_fd);
  close (err_fd);

  /* The writer never stops by itself: exiting means a save failed. */
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("crash-writer stopped by itself (status %d): %s", status, errors->str);

  parse_confirmed (output->str, confirmed);
  return confirmed->len - before;
}

static void
check_confirmed (KesStore  *store,
                 Confirmed *confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = kes_store_list_revisions (store, confirmed->id, &error);
  KesRevision *revision;

  g_assert_no_error (error);
  g_assert_nonnull (revisions);
  /* The whole history is there, oldest first, including the reported revision. */
  g_assert_cmpuint (revisions->len, >=, confirmed->revision);
  for (guint i = 0; i < revisions->len; i++)
    g_assert_cmpint (kes_revision_get_revision (g_ptr_array_index (revisions, i)), ==, i + 1);
  revision = g_ptr_array_index (revisions, confirmed->revision - 1);
  g_assert_cmpstr (kes_revision_get_record_id (revision), ==, confirmed->id);
  g_assert_nonnull (strstr (kes_revision_get_data (revision), confirmed->token));

  if (g_str_equal (confirmed->kind, "patient"))
    {
      g_autoptr(KesPatient) patient = kes_store_load_patient (store, confirmed->id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (patient);
      g_assert_cmpint (kes_patient_get_revision (patient), >=, confirmed->revision);
      g_assert_cmpint (kes_patient_get_revision (patient), ==, revisions->len);
    }
  else
    {
      g_autoptr(GListModel) notes = kes_store_list_notes (store, confirmed->patient_id, FALSE, &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (notes) && !found; i++)
        {
          g_autoptr(KesNote) note = g_list_model_get_item (notes, i);

          if (g_strcmp0 (kes_note_get_id (note), confirmed->id) == 0)
            {
              found = TRUE;
              g_assert_nonnull (strstr (kes_note_get_body (note), confirmed->token));
            }
        }
      g_assert_true (found);
    }
}

static void
check_raw_integrity (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Opens the database as the app would after a crash, and checks it. */
static KesStore *
open_and_verify (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (db_path, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  kes_store_set_actor (store, checker);
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  return g_steal_pointer (&store);
}

static void
test_sigkill_during_writes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) confirmed = g_ptr_array_new_with_free_func ((GDestroyNotify) confirmed_free);
  g_autofree char *dir = g_dir_make_tmp ("kestrel-crash-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint32 seed = g_test_rand_int ();
  guint rounds_with_writes = 0;
  guint rounds_after_first_save = 0;
  guint most_in_a_round = 0;
  gdouble writer_seconds = 0;

  g_assert_no_error (error);
  db_path = g_build_filename (dir, "kestrel.db", NULL);
  g_test_message ("database %s, seed %u (rerun with --seed to repeat the kill times)", db_path, seed);

  /* The writer's account and the checker's, made once. */
  {
    g_autoptr(KesStore) setup = kes_store_open (db_path, &error);

    g_assert_no_error (error);
    writer = kes_test_account (setup, "crash-writer", "Crash Writer", NULL, KES_ROLE_CLINICIAN);
    checker = kes_test_account (setup, "crash-checker", "Crash Checker", NULL, KES_TEST_ALL_ROLES);
  }

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(KesStore) store = NULL;
      guint first = confirmed->len;
      gulong run_us = g_test_rand_int_range (5000, 60001);
      /* One round in four is killed on a timer from the start, which may
       * land while the writer opens, recovers or migrates the database. */
      gboolean after_first_save = round % 4 != 0;
      guint written;

      writer_seconds += run_us / 1e6;
      written = run_writer_and_kill (db_path, seed + round, run_us, after_first_save, confirmed);
      if (after_first_save)
        {
          g_assert_cmpuint (written, >=, 1);
          rounds_after_first_save++;
        }
      if (written > 0)
        rounds_with_writes++;
      most_in_a_round = MAX (most_in_a_round, written);

      store = open_and_verify (db_path);
      for (guint i = first; i < confirmed->len; i++)
        check_confirmed (store, g_ptr_array_index (confirmed, i));
      g_clear_object (&store);
      check_raw_integrity (db_path);
    }

  /* Finally, everything from every round is still there. */
  {
    g_autoptr(KesStore) store = open_and_verify (db_path);
    guint patients = 0, notes = 0;

    for (guint i = 0; i < confirmed->len; i++)
      {
        Confirmed *each = g_ptr_array_index (confirmed, i);

        check_confirmed (store, each);
        if (g_str_equal (each->kind, "note"))
          notes++;
        else if (each->revision == 1)
          patients++;
      }
    g_test_message ("%u rounds killed with SIGKILL, %u of them 5-60 ms after the first save "
                    "and the rest 5-60 ms after starting the writer "
                    "(%u with at least one confirmed save, "
                    "at most %u in one round); %u saves confirmed and found intact "
                    "(%u patients created, %u patient edits, %u notes); "
                    "%u patients in the database; writer ran %.2f s, test took %.2f s",
                    rounds, rounds_after_first_save, rounds_with_writes, most_in_a_round, confirmed->len,
                    patients, confirmed->len - patients - notes, notes,
                    kes_store_count_patients (store), writer_seconds,
                    g_timer_elapsed (timer, NULL));
    g_assert_cmpuint (kes_store_count_patients (store), >=, patients);
  }

  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *path = g_strconcat (db_path, *suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s [GTest options] WRITER [ROUNDS]", argv[0]);
  writer_path = argv[1];
  if (argc > 2)
    rounds = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  g_test_add_func ("/crash/sigkill-during-writes", test_sigkill_during_writes);
  return g_test_run ();
}
