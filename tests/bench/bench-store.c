/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store and caseload figures on a large database: caseload load, type-to-filter
 * per keystroke, opening a record, and note search. Prints median and worst of
 * repeated runs. Usage: bench-store DATABASE [PATIENTS-TO-GENERATE]
 * (generates demo data first when the database has no patients). */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "kes-caseload-model.h"
#include "kes-clock.h"
#include "kes-demo.h"
#include "kes-due.h"
#include "kes-store-due.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

#define RUNS 7

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* printf pads by bytes, not characters: pad the target by hand so "≤" lines up. */
static void
print_row (const char *what,
           double      median,
           double      worst,
           double      cpu_median,
           const char *target)
{
  glong pad = 10 - g_utf8_strlen (target, -1);

  printf ("| %-52s | %9.2f | %9.2f | %9.2f | %s%*s |\n", what, median, worst, cpu_median, target,
          (int) MAX (pad, 0), "");
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* Wall clock and CPU time: on a shared, loaded machine the wall clock also
 * counts time spent waiting for a core, which CPU time does not. */
static void
measure (const char *what,
         BenchFunc   func,
         gpointer    data,
         const char *target)
{
  double times[RUNS], cpu[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      func (data);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  qsort (cpu, RUNS, sizeof (double), compare_doubles);
  print_row (what, times[RUNS / 2], times[RUNS - 1], cpu[RUNS / 2], target);
}

typedef struct
{
  KesStore         *store;
  KesCaseloadModel *model;
  const char       *text;
  const char       *patient_id;
  const char       *team_id;
  guint             due_items;
} Bench;

static void
load_rows (gpointer data)
{
  Bench *bench = data;
  g_autoptr(GPtrArray) rows = kes_store_load_caseload_rows (bench->store, NULL);
  g_assert (rows != NULL);
}

static void
type_keystroke (gpointer data)
{
  Bench *bench = data;
  /* Alternate so every run really refilters. */
  kes_caseload_model_set_search (bench->model, "");
  kes_caseload_model_set_search (bench->model, bench->text);
}

static void
search_notes (gpointer data)
{
  Bench *bench = data;
  g_autoptr(GPtrArray) hits = kes_store_search_notes (bench->store, bench->text, 50, NULL);
  g_assert (hits != NULL);
}

static void
list_due (gpointer data)
{
  Bench *bench = data;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) items = kes_store_list_due (bench->store, today, bench->team_id, NULL);
  g_assert (items != NULL);
  bench->due_items = items->len;
}

static void
open_record (gpointer data)
{
  Bench *bench = data;
  g_autoptr(KesPatient) patient = kes_store_load_patient (bench->store, bench->patient_id, NULL);
  g_autoptr(GListModel) notes = kes_store_list_notes (bench->store, bench->patient_id, FALSE, NULL);
  g_autoptr(GListModel) contacts = kes_store_list_contacts (bench->store, bench->patient_id, FALSE, NULL);
  g_assert (patient != NULL && notes != NULL && contacts != NULL);
}

#define LONG_RECORD_NOTES 2000

/* A patient with a long history: the record-opening figure is for 2,000
 * notes. Added once, under a name no demo patient has. */
static char *
ensure_long_record (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesTeam) team = kes_store_find_team (store, "North");
  g_autoptr(GPtrArray) rows = kes_store_load_caseload_rows (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_ascii_strncasecmp (kes_caseload_row_get_display_name (rows->pdata[i]), "Longrecord", 10) == 0)
      return g_strdup (kes_caseload_row_get_patient_id (rows->pdata[i]));

  patient = kes_patient_new ();
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Longrecord");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Bench");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1970-01-01");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  if (team != NULL)
    kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, kes_team_get_id (team));
  g_assert_true (kes_store_begin (store, &error));
  kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  for (guint n = 0; n < LONG_RECORD_NOTES; n++)
    {
      g_autoptr(KesNote) note = kes_note_new ();
      g_autofree char *when = g_strdup_printf ("20%02u-%02u-%02uT10:00:00Z", 10 + n / 336, 1 + n / 28 % 12,
                                               1 + n % 28);
      g_autofree char *body = g_strdup_printf ("Note %u of a long record: seen at home, mental state "
                                               "settled, plan reviewed with the care coordinator.", n + 1);

      kes_note_set_patient_id (note, kes_patient_get_id (patient));
      kes_note_set_written_at (note, when);
      kes_note_set_title (note, "Progress note");
      kes_note_set_body (note, body);
      g_assert_true (kes_store_save_note (store, note, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kes_store_commit (store, &error));
  return g_strdup (kes_patient_get_id (patient));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesCaseloadModel) model = kes_caseload_model_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(KesTeam) team = NULL;
  g_autofree char *long_record = NULL;
  static const char *keystrokes[] = { "w", "wa", "wag", "wagt", "wagtail", "999 0", "MHCS/DEMO/0" };
  static const char *searches[] = { "clozapine", "\"exclusion zone\"", "supp", "plan" };
  Bench bench = { 0 };
  guint count;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DATABASE [PATIENTS]\n", argv[0]);
      return 2;
    }
  store = kes_store_open (argv[1], &error);
  g_assert_no_error (error);

  /* A new file gets the demo first (which runs with no one signed in). */
  if (kes_store_needs_first_administrator (store))
    {
      KesDemoOptions options = { argc > 2 ? (guint) atoi (argv[2]) : 50000, 4, 4, 1984 };
      gint64 start = g_get_monotonic_time ();
      g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
      g_assert_no_error (error);
      printf ("generated %u demo patients (4 contacts, 4 notes each) in %.1f s\n", options.patients,
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }
  /* Someone with every role and no team reads everything. */
  actor = kes_store_sign_in (store, "bench", KES_TEST_PASSWORD, NULL);
  if (actor == NULL)
    actor = kes_test_account (store, "bench", "bench", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, actor);
  count = kes_store_count_patients (store);

  bench.store = store;
  bench.model = model;
  rows = kes_store_load_caseload_rows (store, &error);
  kes_caseload_model_set_rows (model, rows);
  bench.patient_id = kes_caseload_row_get_patient_id (rows->pdata[rows->len / 2]);

  printf ("\n%u patients, %d runs each, times in ms (median and worst wall clock; median CPU time of\n"
          "the process, which leaves out waiting for a core on a shared machine)\n\n", count, RUNS);
  printf ("| %-52s | %9s | %9s | %9s | %-10s |\n", "figure", "median", "worst", "CPU", "target");
  printf ("|%.54s|%.11s|%.11s|%.11s|%.12s|\n", "------------------------------------------------------",
          "-----------", "-----------", "-----------", "------------");
  measure ("caseload rows loaded from the store", load_rows, &bench, "(worker)");
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      g_autofree char *what = g_strdup_printf ("type-to-filter keystroke '%s'", keystrokes[i]);
      bench.text = keystrokes[i];
      measure (what, type_keystroke, &bench, "≤ 16");
    }
  measure ("open a record (register, notes, contacts)", open_record, &bench, "≤ 50");
  long_record = ensure_long_record (store);
  bench.patient_id = long_record;
  measure ("open a record with 2,000 notes", open_record, &bench, "≤ 50");
  /* The demo's "North" team: a thousand patients of a large demo. */
  team = kes_store_find_team (store, "North");
  if (team != NULL)
    {
      g_autofree char *what = NULL;

      bench.team_id = kes_team_get_id (team);
      measure ("Today list for one team", list_due, &bench, "≤ 100");
      what = g_strdup_printf ("  (%u items due for that team)", bench.due_items);
      printf ("| %-52s | %9s | %9s | %9s | %-10s |\n", what, "", "", "", "");
    }
  bench.team_id = NULL;
  measure ("Today list for all teams", list_due, &bench, "—");
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *what = g_strdup_printf ("note search '%s', first 50 hits", searches[i]);
      bench.text = searches[i];
      measure (what, search_notes, &bench, "≤ 50");
    }
  return 0;
}
