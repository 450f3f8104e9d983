/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups that prove themselves: one flipped bit anywhere in a plain or an
 * encrypted backup is refused before anything is written; an encrypted
 * backup is never on disk in clear while it is made; backups made before
 * December 2026 still restore; what a killed backup or restore left is put
 * in place or removed; each database lists and rotates only its own. */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-core-test-util.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

#define PASSPHRASE "copper kettle river"

typedef struct
{
  char     *dir;
  char     *path;
  char     *folder;
  KesStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) actor = NULL;
  KesDemoOptions options = { 40, 2, 2, 7 };

  fixture->dir = g_dir_make_tmp ("kestrel-backup-stream-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "team.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "backups", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Backups are the administrator's. */
  actor = kes_test_demo_sign_in (fixture->store, KES_ROLE_ADMINISTRATOR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kes_core_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->folder);
}

/* Files in @folder whose names start with a dot: temporary files. */
static guint
count_hidden (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      n++;
  return n;
}

static void
write_copy_with_flip (const char *from,
                      const char *to,
                      gsize       offset,
                      guint       bit)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_cmpuint (offset, <, length);
  contents[offset] ^= (char) (1u << bit);
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

/* Flips one bit at each offset in turn (and at @random_count more, chosen
 * by the test's seed); every copy must be refused with a plain message
 * before anything is written. */
static void
assert_flips_refused (Fixture    *fixture,
                      const char *backup,
                      const char *passphrase,
                      GArray     *offsets,
                      guint       random_count)
{
  g_autofree char *flipped = g_build_filename (fixture->dir, "flipped.backup", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);
  GStatBuf status;

  g_assert_cmpint (g_stat (backup, &status), ==, 0);
  for (guint i = 0; i < random_count; i++)
    {
      gsize offset = (gsize) g_test_rand_int_range (0, (gint32) status.st_size);
      g_array_append_val (offsets, offset);
    }
  for (guint i = 0; i < offsets->len; i++)
    {
      gsize offset = g_array_index (offsets, gsize, i);
      guint bit = (guint) g_test_rand_int_range (0, 8);
      g_autoptr(GError) error = NULL;

      write_copy_with_flip (backup, flipped, offset, bit);
      if (kes_backup_restore (flipped, passphrase, target, NULL, &error))
        g_error ("a backup with bit %u of byte %" G_GSIZE_FORMAT " flipped was restored", bit, offset);
      g_assert_true (g_error_matches (error, KES_ERROR, KES_ERROR_CORRUPT) ||
                     g_error_matches (error, KES_ERROR, KES_ERROR_PERMISSION));
      g_assert_true (strstr (error->message, "damaged") != NULL);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_hidden (fixture->dir), ==, 0);
    }
}

static void
test_plain_bit_flips (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = kes_backup_create (fixture->store, fixture->folder, 0, NULL, &error);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  GStatBuf status;
  /* The SQLite header (magic, page size, WAL bytes, page count), a row in
   * the middle, the last page, and each field of the trailer. */
  gsize fixed[] = { 0, 16, 18, 28, 100, 0, 0, 0, 0, 0, 0 };

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &status), ==, 0);
  fixed[5] = (gsize) status.st_size / 2;
  fixed[6] = (gsize) status.st_size - 64 - 1;
  fixed[7] = (gsize) status.st_size - 64;
  fixed[8] = (gsize) status.st_size - 56;
  fixed[9] = (gsize) status.st_size - 40;
  fixed[10] = (gsize) status.st_size - 1;
  g_array_append_vals (offsets, fixed, G_N_ELEMENTS (fixed));
  assert_flips_refused (fixture, backup, NULL, offsets, 64);
}

static void
test_encrypted_bit_flips (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = kes_backup_create (fixture->store, fixture->folder, 0, PASSPHRASE, &error);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  GStatBuf status;
  /* Magic, salt, costs, database id, stream header, the first message, the
   * middle, the final message's tag. */
  gsize fixed[] = { 0, 8, 24, 32, 40, 56, 80, 0, 0 };

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &status), ==, 0);
  fixed[7] = (gsize) status.st_size / 2;
  fixed[8] = (gsize) status.st_size - 1;
  g_array_append_vals (offsets, fixed, G_N_ELEMENTS (fixed));
  /* Each try derives the key (argon2id): fewer random offsets than plain. */
  assert_flips_refused (fixture, backup, PASSPHRASE, offsets, 12);
}

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whatever is in the folder while an encrypted backup is made. */
typedef struct
{
  const char *folder;
  guint       looks;
  guint       in_clear;
} Watch;

static void
watch_progress_cb (double   fraction,
                   gpointer user_data)
{
  Watch *watch = user_data;
  g_autoptr(GDir) dir = g_dir_open (watch->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (watch->folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      watch->looks++;
      if (contains (contents, length, "SQLite format 3"))
        watch->in_clear++;
      /* The schema's own words, on page 1 of any database in clear. */
      if (contains (contents, length, "data_hash") || contains (contents, length, "CREATE TABLE"))
        watch->in_clear++;
    }
}

static void
test_never_in_clear (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesBackupReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { fixture->folder, 0, 0 };

  report = kes_backup_create_full (fixture->store, fixture->folder, 0, PASSPHRASE, watch_progress_cb, &watch,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* Looked at the working copy and the file being written, at every step. */
  g_assert_cmpuint (watch.looks, >=, 4);
  g_assert_cmpuint (watch.in_clear, ==, 0);
  g_assert_cmpuint (count_hidden (fixture->folder), ==, 0);
}

/* Both kinds restore to exactly what was backed up, and record whose they are. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = kes_core_test_dump_revisions (fixture->path);
  g_autofree char *id = kes_store_get_database_id (fixture->store, NULL);
  const char *passphrases[] = { NULL, PASSPHRASE };

  for (guint i = 0; i < G_N_ELEMENTS (passphrases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = g_strdup_printf ("%s/restored-%u.db", fixture->dir, i);
      g_autofree char *backup = kes_backup_create (fixture->store, fixture->folder, 0, passphrases[i], &error);
      g_autofree char *after = NULL;
      g_autofree char *restored_id = NULL;
      g_autoptr(GPtrArray) listed = NULL;
      g_autoptr(KesStore) restored = NULL;

      g_assert_no_error (error);
      listed = kes_backup_list_folder (fixture->folder, id, &error);
      g_assert_cmpuint (listed->len, ==, i + 1);
      g_assert_cmpstr (((KesBackupFile *) g_ptr_array_index (listed, 0))->database_id, ==, id);
      g_assert_true (kes_backup_restore (backup, passphrases[i], target, NULL, &error));
      g_assert_no_error (error);
      after = kes_core_test_dump_revisions (target);
      g_assert_cmpstr (before, ==, after);
      restored = kes_store_open (target, &error);
      g_assert_no_error (error);
      restored_id = kes_store_get_database_id (restored, NULL);
      g_assert_cmpstr (restored_id, ==, id);
    }
}

/* ---- Backups made before December 2026 ---- */

static char *
unpack_fixture (const char *dir,
                const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "backups", name, NULL);
  g_autofree char *unpacked = g_strndup (name, strlen (name) - (g_str_has_suffix (name, ".gz") ? 3 : 0));
  char *path = g_build_filename (dir, unpacked, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  in = G_INPUT_STREAM (g_file_read (from, NULL, &error));
  g_assert_no_error (error);
  if (g_str_has_suffix (name, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      GInputStream *raw = in;

      in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
      g_object_unref (raw);
    }
  out = G_OUTPUT_STREAM (g_file_replace (to, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_legacy_restored (const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) restored = kes_store_open (target, &error);
  g_autoptr(KesStaff) reader = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  /* Brought up to this version's schema, with an identity of its own now. */
  g_assert_cmpint (kes_store_get_user_version (restored), ==, kes_store_schema_version ());
  id = kes_store_get_database_id (restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (id), ==, 32);
  /* From before passwords: its first administrator is made now, to read it. */
  reader = kes_test_admin (restored);
  kes_store_set_actor (restored, reader);
  g_assert_cmpuint (kes_store_count_patients (restored), ==, 1);
  problems = kes_store_verify (restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_legacy_plain (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *backup = unpack_fixture (fixture->dir, "legacy-plain.db.gz");
  g_autofree char *target = g_build_filename (fixture->dir, "from-legacy.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_backup_is_encrypted (backup, &error));
  g_assert_no_error (error);
  g_assert_true (kes_backup_restore (backup, NULL, target, NULL, &error));
  g_assert_no_error (error);
  assert_legacy_restored (target);
}

static void
test_legacy_encrypted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *backup = unpack_fixture (fixture->dir, "legacy-encrypted.kbak");
  g_autofree char *target = g_build_filename (fixture->dir, "from-legacy.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_backup_is_encrypted (backup, &error));
  g_assert_false (kes_backup_restore (backup, "copper kettle rover", target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_true (kes_backup_restore (backup, PASSPHRASE, target, NULL, &error));
  g_assert_no_error (error);
  assert_legacy_restored (target);
}

/* An old plain backup carries no checksum: verification is what finds an
 * edit made with the sqlite3 shell. */
static void
test_legacy_tampered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *backup = unpack_fixture (fixture->dir, "legacy-plain.db.gz");
  g_autofree char *target = g_build_filename (fixture->dir, "from-legacy.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (kes_backup_restore (backup, NULL, target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "failed verification"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* ---- What killed processes leave behind ---- */

static char *
stray (const char *folder,
       const char *name,
       const char *database_id,
       long        pid,
       const char *kind,
       const char *contents)
{
  g_autofree char *file = g_strdup_printf (".%s.%s.%ld.20261121T090000Z.%s", name, database_id, pid, kind);
  char *path = g_build_filename (folder, file, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_clean_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = kes_store_get_database_id (fixture->store, NULL);
  const char *other = "0123456789abcdef0123456789abcdef";
  const long gone = G_MAXINT - 11; /* no process has this id */
  g_autofree char *unlogged = NULL;
  g_autofree char *logged = NULL;
  g_autofree char *logged_restore = NULL;
  g_autofree char *others = NULL;
  g_autofree char *others_work = NULL;
  g_autofree char *running = NULL;
  g_autofree char *companion = NULL;
  g_autofree char *placed = g_build_filename (fixture->folder, "kestrel-backup-20261121T090000Z-02.db", NULL);
  g_autofree char *placed_restore = g_build_filename (fixture->folder, "restored.db", NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  /* Killed before its entry: removed, with SQLite's companion. */
  unlogged = stray (fixture->folder, "kestrel-backup-20261121T090000Z-01.db", id, gone, "part", "half");
  companion = g_strconcat (unlogged, "-journal", NULL);
  g_assert_true (g_file_set_contents (companion, "journal", -1, NULL));
  /* Killed between its entry and its name: put in place. */
  logged = stray (fixture->folder, "kestrel-backup-20261121T090000Z-02.db", id, gone, "part", "whole");
  logged_restore = stray (fixture->folder, "restored.db", id, gone, "part", "whole database");
  g_assert_true (kes_store_audit (fixture->store, KES_AUDIT_BACKUP, NULL, NULL,
                                  "kestrel-backup-20261121T090000Z-02.db", &error));
  g_assert_true (kes_store_audit (fixture->store, KES_AUDIT_RESTORE, NULL, NULL,
                                  "kestrel-backup-20261120T090000Z-01.kbak to restored.db", &error));
  g_assert_no_error (error);
  /* Another database's: for its own log to decide; its working copy is anyone's. */
  others = stray (fixture->folder, "kestrel-backup-20261121T090000Z-03.db", other, gone, "part", "theirs");
  others_work = stray (fixture->folder, "kestrel-backup-20261121T090000Z-03.db", other, gone, "work", "sealed");
  /* A process still running (this one): left alone. */
  running = stray (fixture->folder, "kestrel-backup-20261121T090000Z-04.db", id, (long) getpid (), "part", "busy");

  listed = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);

  g_assert_cmpuint (kes_backup_clean_folder (fixture->store, fixture->folder), ==, 4);
  g_assert_false (g_file_test (unlogged, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (companion, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (logged, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (placed, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (logged_restore, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (placed_restore, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (others, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (others_work, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (running, G_FILE_TEST_EXISTS));
}

/* Two databases backing up into one folder, keeping two each: neither
 * removes the other's. */
static void
test_rotation_per_database (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(KesStore) other = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kes_store_get_database_id (fixture->store, NULL);
  g_autofree char *other_id = NULL;
  guint mine = 0;

  other = kes_store_open (other_path, &error);
  g_assert_no_error (error);
  actor = kes_test_admin (other);
  kes_store_set_actor (other, actor);
  other_id = kes_store_get_database_id (other, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = kes_backup_create (fixture->store, fixture->folder, 2, NULL, &error);
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      b = kes_backup_create (other, fixture->folder, 2, NULL, &error);
      g_assert_no_error (error);
    }
  all = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    mine += g_strcmp0 (((KesBackupFile *) g_ptr_array_index (all, i))->database_id, id) == 0;
  g_assert_cmpuint (mine, ==, 2);
  g_assert_cmpstr (id, !=, other_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup-stream/plain-bit-flips", test_plain_bit_flips);
  ADD ("/backup-stream/encrypted-bit-flips", test_encrypted_bit_flips);
  ADD ("/backup-stream/never-in-clear", test_never_in_clear);
  ADD ("/backup-stream/round-trip", test_round_trip);
  ADD ("/backup-stream/legacy-plain", test_legacy_plain);
  ADD ("/backup-stream/legacy-encrypted", test_legacy_encrypted);
  ADD ("/backup-stream/legacy-tampered", test_legacy_tampered);
  ADD ("/backup-stream/clean-folder", test_clean_folder);
  ADD ("/backup-stream/rotation-per-database", test_rotation_per_database);
#undef ADD

  return g_test_run ();
}
