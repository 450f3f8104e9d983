/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long Kestrel takes to refuse the hostile case records of issue 17:
 * one element with 200,000 attributes, a file of 10 million character
 * references, and 1 GB of blank space before a whole-database file's root
 * (written, then read). Each file is written once,
 * then read through the safe reader as an import would
 * (kes_record_archive_read_file, kes_record_import_database's reader);
 * the time to the refusal, the peak RSS so far and the message are
 * printed. Figures only, never asserted. KES_BENCH_BLANK_MB sets the
 * blank-space file's size (default 1024). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "kes-record-archive.h"
#include "kes-record-database.h"
#include "kes-test-accounts.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define RECORD_OPEN "<record xmlns=\"urn:kestrel:record:1\" version=\"2\" " \
                    "exported=\"2026-11-21T13:00:00Z\">"
#define REVISION_OPEN "<teams/><staff/><patient id=\"01a24fd0-94fd-7056-8f6c-9f4af916041e\">" \
  "<revision number=\"1\" change=\"create\" author=\"afe00257-0a39-4eff-9d8f-8b55d241915d\" " \
  "at=\"2026-11-21T09:00:00Z\"><data><family-name>"

static void
write_repeated (FILE       *file,
                const char *unit,
                guint64     times)
{
  g_autoptr(GString) block = g_string_new (NULL);
  guint per_block = MAX (1, 65536 / strlen (unit));

  for (guint i = 0; i < per_block; i++)
    g_string_append (block, unit);
  for (guint64 done = 0; done < times; done += per_block)
    fwrite (block->str, 1, strlen (unit) * MIN ((guint64) per_block, times - done), file);
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void
report (const char *what,
        const char *path,
        gint64      start,
        GError     *error)
{
  GStatBuf st;

  g_stat (path, &st);
  g_print ("| %s | %.1f MB | %.3f s | %.1f MB | %s |\n", what, st.st_size / 1e6,
           (g_get_monotonic_time () - start) / 1e6, peak_rss_kib () / 1024.0,
           error != NULL ? error->message : "accepted (!)");
}

static void
time_read (const char *what,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  gint64 start = g_get_monotonic_time ();

  archive = kes_record_archive_read_file (path, NULL, &error);
  report (what, path, start, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("kestrel-bench-refusal-XXXXXX", &error);
  g_autofree char *attrs = g_build_filename (root, "attributes.xml", NULL);
  g_autofree char *refs = g_build_filename (root, "char-refs.xml", NULL);
  g_autofree char *blank = g_build_filename (root, "blank.xml", NULL);
  g_autofree char *db = g_build_filename (root, "target.db", NULL);
  const char *env = g_getenv ("KES_BENCH_BLANK_MB");
  guint64 blank_mb = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 1024;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  FILE *file;
  gint64 start;

  g_assert_no_error (error);

  file = g_fopen (attrs, "w");
  fputs (HEAD RECORD_OPEN "<teams", file);
  for (guint i = 0; i < 200000; i++)
    fprintf (file, " a%u=\"x\"", i);
  fputs ("/></record>\n", file);
  fclose (file);

  file = g_fopen (refs, "w");
  fputs (HEAD RECORD_OPEN REVISION_OPEN, file);
  write_repeated (file, "&#65;", 10000000);
  fputs ("</family-name></data></revision></patient></record>\n", file);
  fclose (file);

  file = g_fopen (blank, "w");
  write_repeated (file, " ", blank_mb * 1024 * 1024);
  fputs (HEAD "<case-records xmlns=\"urn:kestrel:record:1\" version=\"2\" "
         "exported=\"2026-11-21T13:00:00Z\"></case-records>\n", file);
  fclose (file);

  g_print ("\nRefusing hostile case records (the time to the refusal, from opening the file)\n\n");
  g_print ("| file | size | refused in | peak RSS so far | message |\n|---|---|---|---|---|\n");
  time_read ("one element with 200,000 attributes", attrs);
  time_read ("10,000,000 character references", refs);

  store = kes_store_open (db, &error);
  g_assert_no_error (error);
  actor = kes_test_account (store, "bench.user", "Bench User", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, actor);
  start = g_get_monotonic_time ();
  kes_record_import_database (store, blank, KES_RECORD_IMPORT_DEFAULT, NULL, NULL, &error);
  report ("import --all, blank space before the root", blank, start, error);

  g_clear_object (&store);
  g_remove (attrs);
  g_remove (refs);
  g_remove (blank);
  g_remove (db);
  g_rmdir (root);
  return 0;
}
