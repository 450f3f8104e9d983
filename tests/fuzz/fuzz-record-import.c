/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: untrusted case records imported into a real store,
 * signed in as an importer with every role. With the first byte even, the
 * bytes after it are one case record (read from memory and applied, as
 * kes_record_import_file does); odd, a whole-database file imported with
 * kes_record_import_database (streamed from disk, one patient at a time).
 * Either ends in an import or a refusal, never a crash, leak or undefined
 * behaviour; a refusal never shows a raw database message. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "kes-record-database.h"
#include "kes-record-import.h"
#include "kes-test-accounts.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static KesStore *store;
static char *all_path;

static void
ensure_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  KesStaff *importer;

  if (store != NULL)
    return;
  dir = g_dir_make_tmp ("kestrel-fuzz-import-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "kestrel.db", NULL);
  all_path = g_build_filename (dir, "all.xml", NULL);
  store = kes_store_open (db, &error);
  g_assert_no_error (error);
  importer = kes_test_account (store, "importer", "Ida Importer", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, importer);
  g_object_unref (importer);
}

static gboolean
contains (const uint8_t *data,
          size_t         size,
          const char    *words)
{
  size_t length = strlen (words);

  for (size_t i = 0; i + length <= size; i++)
    if (memcmp (data + i, words, length) == 0)
      return TRUE;
  return FALSE;
}

/* A refusal in words a person can act on, never the database's own. A
 * message may quote the file ("attribute 'id': '…' is not a valid value"),
 * and the fuzzer learns to put the very words looked for into it: those are
 * the file's words, not the database's. */
static void
assert_plain (const GError  *error,
              const uint8_t *data,
              size_t         size)
{
  const char *raw[] = { "the database reported", "constraint failed" };

  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    if (!contains (data, size, raw[i]))
      g_assert_null (strstr (error->message, raw[i]));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;
  ensure_store ();
  bytes = g_bytes_new (data + 1, size - 1);
  if (data[0] % 2 == 0)
    {
      g_autoptr(KesRecordArchive) archive = kes_record_archive_read_bytes (bytes, NULL, &error);

      if (archive != NULL
          && !kes_record_import_archive (store, archive, KES_RECORD_IMPORT_MERGE, NULL, &error))
        assert_plain (error, data, size);
    }
  else
    {
      g_assert_true (g_file_set_contents (all_path, (const char *) data + 1, size - 1, NULL));
      if (!kes_record_import_database (store, all_path, KES_RECORD_IMPORT_DEFAULT, NULL, NULL,
                                       &error))
        assert_plain (error, data, size);
      g_unlink (all_path);
    }
  return 0;
}
