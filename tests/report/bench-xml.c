/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "kes-caseload-model.h"
#include "kes-demo.h"
#include "kes-record-export.h"
#include "kes-record-import.h"

/* Whole-database case-record XML, export and import, beside their floors.
 *
 * The database is a demo one (KES_BENCH_PATIENTS patients, default 5,000,
 * with 40 notes each). Every patient's case record is written to a file of
 * its own: the case-record format is one patient a file (that is what a
 * subject access export and a transfer carry), each file validates against
 * its schema, and an import of one patient is one transaction, so a bad
 * file costs one patient, not the whole set.
 *
 *   export   kes_record_export_files over every patient (store queries, XML,
 *            schema check, temporary file and rename, an access log entry a
 *            patient; the log in one transaction, the folder synced once)
 *   floor    a bare xmlTextWriter loop writing the same elements,
 *            attributes and text to the same number of files
 *   import   kes_record_import_files of every file into an empty database
 *            (each file its own savepoint, committed in batches), in a
 *            child process so that its peak RSS (VmHWM) is its own
 *   floor    xmllint --stream --noout over the same files
 *
 * Each is run KES_BENCH_RUNS times (default 3); the table gives the median
 * and the worst. Peak RSS of the import is shown for a tenth of the files
 * and for all of them: it follows the largest file, not the total. */

typedef enum
{
  EV_START,
  EV_ATTR,
  EV_TEXT,
  EV_END,
} EventKind;

typedef struct
{
  EventKind  kind;
  char      *name;
  char      *value;
} Event;

typedef struct
{
  char      *path;
  GPtrArray *events;
} Shape;

static void
event_free (Event *event)
{
  g_free (event->name);
  g_free (event->value);
  g_free (event);
}

static void
shape_free (Shape *shape)
{
  g_free (shape->path);
  g_ptr_array_unref (shape->events);
  g_free (shape);
}

static void
add_event (GPtrArray  *events,
           EventKind   kind,
           const char *name,
           const char *value)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->name = g_strdup (name);
  event->value = g_strdup (value);
  g_ptr_array_add (events, event);
}

/* The elements, attributes and text of @path, for the floor to write. */
static GPtrArray *
read_shape (const char *path)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  xmlTextReaderPtr reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET);

  g_assert_nonnull (reader);
  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (reader);

          add_event (events, EV_START, (const char *) xmlTextReaderConstName (reader), NULL);
          while (xmlTextReaderMoveToNextAttribute (reader) == 1)
            add_event (events, EV_ATTR, (const char *) xmlTextReaderConstName (reader),
                       (const char *) xmlTextReaderConstValue (reader));
          xmlTextReaderMoveToElement (reader);
          if (empty)
            add_event (events, EV_END, NULL, NULL);
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        {
          add_event (events, EV_TEXT, NULL, (const char *) xmlTextReaderConstValue (reader));
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          add_event (events, EV_END, NULL, NULL);
        }
    }
  xmlFreeTextReader (reader);
  return events;
}

static void
write_shape (const Shape *shape)
{
  xmlTextWriterPtr writer = xmlNewTextWriterFilename (shape->path, 0);

  g_assert_nonnull (writer);
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL);
  for (guint i = 0; i < shape->events->len; i++)
    {
      Event *event = g_ptr_array_index (shape->events, i);

      switch (event->kind)
        {
        case EV_START:
          xmlTextWriterStartElement (writer, BAD_CAST event->name);
          break;
        case EV_ATTR:
          xmlTextWriterWriteAttribute (writer, BAD_CAST event->name, BAD_CAST event->value);
          break;
        case EV_TEXT:
          xmlTextWriterWriteString (writer, BAD_CAST event->value);
          break;
        case EV_END:
          xmlTextWriterEndElement (writer);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

/* Child: imports the first @count files of @dir into a new database at
 * @db, then prints "<seconds> <peak RSS KiB>". */
static int
import_child (const char *dir,
              const char *db,
              guint       count)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  guint imported = 0;
  gint64 start;

  store = kes_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("patient-%05u.xml", i);

      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_add (paths, NULL);

  start = g_get_monotonic_time ();
  if (!kes_record_import_files (store, (const char * const *) paths->pdata, KES_RECORD_IMPORT_DEFAULT,
                                &imported, &problems, &error))
    g_error ("import failed: %s", error->message);
  if (problems->len > 0)
    g_error ("import of %s", (const char *) g_ptr_array_index (problems, 0));
  g_assert_cmpuint (imported, ==, count);
  g_print ("%.3f %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - start) / 1e6, peak_rss_kib ());
  return 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
summarise (GArray *times,
           double *median,
           double *worst)
{
  g_array_sort (times, compare_double);
  *median = g_array_index (times, double, times->len / 2);
  *worst = g_array_index (times, double, times->len - 1);
}

static void
remove_db (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

static void
remove_files (const char *dir,
              guint       count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("patient-%05u.xml", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* Runs this program as an import child; returns seconds and peak RSS. */
static void
run_import_child (const char *self_path,
                  const char *dir,
                  const char *db,
                  guint       count,
                  double     *seconds,
                  gint64     *rss_kib)
{
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  const char *argv[] = { self_path, "--import-child", dir, db, count_text, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  remove_db (db);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (sscanf (out, "%lf %" G_GINT64_FORMAT, seconds, rss_kib), ==, 2);
}

static double
run_xmllint (const char *dir,
             guint       count)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  g_ptr_array_add (argv, g_strdup ("xmllint"));
  g_ptr_array_add (argv, g_strdup ("--stream"));
  g_ptr_array_add (argv, g_strdup ("--noout"));
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("patient-%05u.xml", i);
      g_ptr_array_add (argv, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint n_patients = 5000, runs = 3;
  const char *env;
  g_autofree char *root = NULL, *source = NULL, *out_dir = NULL, *floor_dir = NULL, *target = NULL;
  g_autofree char *self_path = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) shapes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) export_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lint_times = g_array_new (FALSE, FALSE, sizeof (double));
  KesDemoOptions options = { 0 };
  guint64 total_bytes = 0, largest = 0;
  gint64 rss_all = 0, rss_tenth = 0, start;
  double generate_s, median, worst, floor_median, floor_worst, tenth_s;

  if (argc == 5 && g_str_equal (argv[1], "--import-child"))
    return import_child (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));

  if ((env = g_getenv ("KES_BENCH_PATIENTS")) != NULL)
    n_patients = MAX (10, (guint) g_ascii_strtoull (env, NULL, 10));
  if ((env = g_getenv ("KES_BENCH_RUNS")) != NULL)
    runs = MAX (1, (guint) g_ascii_strtoull (env, NULL, 10));
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  root = g_dir_make_tmp ("kestrel-bench-xml-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_build_filename (root, "source.db", NULL);
  out_dir = g_build_filename (root, "export", NULL);
  floor_dir = g_build_filename (root, "floor", NULL);
  target = g_build_filename (root, "target.db", NULL);
  g_mkdir (out_dir, 0700);
  g_mkdir (floor_dir, 0700);

  /* The demo database. */
  store = kes_store_open (source, &error);
  g_assert_no_error (error);
  actor = kes_store_add_staff (store, "bench.user", "Bench User", "Benchmark", NULL, NULL, &error);
  g_assert_no_error (error);
  kes_store_set_actor (store, actor);
  options.patients = n_patients;
  options.contacts_per_patient = 0;
  options.notes_per_patient = 40;
  options.seed = 20261121;
  start = g_get_monotonic_time ();
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  generate_s = (g_get_monotonic_time () - start) / 1e6;
  rows = kes_store_load_caseload_rows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, n_patients);

  /* Export: every patient to a file of its own. */
  for (guint run = 0; run < runs; run++)
    {
      double seconds;

      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n_patients; i++)
        {
          g_autofree char *name = g_strdup_printf ("patient-%05u.xml", i);

          g_ptr_array_add (ids, (gpointer) kes_caseload_row_get_patient_id (g_ptr_array_index (rows, i)));
          g_ptr_array_add (paths, g_build_filename (out_dir, name, NULL));
        }
      g_ptr_array_add (ids, NULL);
      g_ptr_array_add (paths, NULL);

      start = g_get_monotonic_time ();
      if (!kes_record_export_files (store, (const char * const *) ids->pdata,
                                    (const char * const *) paths->pdata, NULL, &error))
        g_error ("export failed: %s", error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (export_times, seconds);
    }

  /* The floor's input, read once and not timed. */
  shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) shape_free);
  for (guint i = 0; i < n_patients; i++)
    {
      g_autofree char *name = g_strdup_printf ("patient-%05u.xml", i);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      Shape *shape = g_new0 (Shape, 1);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      total_bytes += st.st_size;
      largest = MAX (largest, (guint64) st.st_size);
      shape->path = g_build_filename (floor_dir, name, NULL);
      shape->events = read_shape (path);
      g_ptr_array_add (shapes, shape);
    }

  for (guint run = 0; run < runs; run++)
    {
      double seconds;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < shapes->len; i++)
        write_shape (g_ptr_array_index (shapes, i));
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (floor_times, seconds);
    }
  g_clear_pointer (&shapes, g_ptr_array_unref);

  /* Import into an empty database, and its floor. */
  g_clear_object (&store);
  run_import_child (self_path, out_dir, target, MAX (1, n_patients / 10), &tenth_s, &rss_tenth);
  for (guint run = 0; run < runs; run++)
    {
      double seconds, lint;
      gint64 rss;

      run_import_child (self_path, out_dir, target, n_patients, &seconds, &rss);
      rss_all = MAX (rss_all, rss);
      g_array_append_val (import_times, seconds);
      lint = run_xmllint (out_dir, n_patients);
      g_array_append_val (lint_times, lint);
    }

  g_print ("\nCase-record XML, %u patients x 40 notes, one file a patient: %.1f MB in all, "
           "largest file %.1f kB (demo data made in %.1f s)\n",
           n_patients, total_bytes / 1e6, largest / 1e3, generate_s);
  g_print ("%u runs each; seconds, median / worst\n\n", runs);
  g_print ("| step | Kestrel | floor | floor is |\n|---|---|---|---|\n");
  summarise (export_times, &median, &worst);
  summarise (floor_times, &floor_median, &floor_worst);
  g_print ("| export, every patient | %.2f / %.2f | %.2f / %.2f | bare xmlTextWriter, same shape |\n",
           median, worst, floor_median, floor_worst);
  summarise (import_times, &median, &worst);
  summarise (lint_times, &floor_median, &floor_worst);
  g_print ("| import into an empty database | %.2f / %.2f | %.2f / %.2f | xmllint --stream --noout |\n",
           median, worst, floor_median, floor_worst);
  g_print ("\nImport peak RSS (VmHWM of the importing process): %.1f MB for %u files "
           "(%.1f MB, %.2f s), %.1f MB for all %u files (%.1f MB)\n",
           rss_tenth / 1024.0, MAX (1, n_patients / 10), total_bytes / 10 / 1e6, tenth_s,
           rss_all / 1024.0, n_patients, total_bytes / 1e6);

  remove_files (out_dir, n_patients);
  remove_files (floor_dir, n_patients);
  remove_db (source);
  remove_db (target);
  g_rmdir (root);
  return 0;
}
