/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-test-dump"

#include "config.h"

#include <string.h>

#include "kes-record-export.h"
#include "kes-test-dump.h"

char *
kes_test_dump_without_audit (KesTestStore *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  const char *argv[] = { "sqlite3", path, ".dump", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "INSERT INTO audit "))
      g_string_append_printf (kept, "%s\n", lines[i]);

  return g_string_free (g_steal_pointer (&kept), FALSE);
}

void
kes_test_assert_plain_refusal (const GError *error,
                               const char   *expected)
{
  g_assert_nonnull (error);
  g_test_message ("refused: %.300s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_null (strstr (error->message, "constraint"));
  g_assert_null (strstr (error->message, "the database reported"));
}

void
kes_test_import_bytes (KesStore             *store,
                       GBytes               *xml,
                       KesRecordImportFlags  flags,
                       GError              **error)
{
  g_autoptr(KesRecordArchive) archive = kes_record_archive_read_bytes (xml, NULL, error);

  if (archive != NULL)
    kes_record_import_archive (store, archive, flags, NULL, error);
}

char *
kes_test_zoe_case_record (const char *now)
{
  static char *exported = NULL;

  if (exported == NULL)
    {
      g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) xml = NULL;

      kes_test_set_now (now);
      xml = kes_record_export_bytes (source->store, source->patient_id, &error);
      g_assert_no_error (error);
      exported = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
    }

  return g_strdup (exported);
}
