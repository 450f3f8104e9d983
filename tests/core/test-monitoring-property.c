/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-monitoring.h"
#include "kes-patient.h"
#include "kes-store-community.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"
#include "kes-validate.h"

/* The property the defect broke: no patient with an active or recently
 * stopped course of a monitored drug is left with nothing due for it.
 * Histories are generated at random (reproducible with --seed): several
 * courses a patient, stopped, overlapping, restarted after breaks of any
 * length, dose changes, results of every colour, some entered in error,
 * BEN thresholds and not-to-be-re-challenged records, written through the
 * store as the app writes them and read back as the record's medication
 * tab does (kes_store_list_monitoring).
 *
 * "Recently stopped" is each drug's source: clozapine monitoring goes on
 * "for at least 4 weeks after discontinuation" (SmPC); no source asks for
 * lithium levels after stopping, so for lithium only an active course (or
 * a toxic last level) must leave something due. */

#define N_PATIENTS 120
#define TODAY "2026-11-21"

typedef struct
{
  KesStore *store;
  KesStaff *author;
  GDate    *today;
  GRand    *rand;
} Fixture;

static char *
days_before (Fixture *fixture,
             int      days)
{
  g_autoptr(GDate) date = g_date_copy (fixture->today);

  if (days >= 0)
    g_date_subtract_days (date, (guint) days);
  else
    g_date_add_days (date, (guint) -days);
  return kes_date_to_iso (date);
}

static int
between (Fixture *fixture,
         int      low,
         int      high)
{
  return g_rand_int_range (fixture->rand, low, high + 1);
}

static KesCareRecord *
save (Fixture    *fixture,
      const char *patient_id,
      const char *kind,
      ...)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *record = kes_care_record_new (kind);
  const char *key;
  va_list args;

  kes_care_record_set_patient_id (record, patient_id);
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  if (!kes_store_save_care_record (fixture->store, record, KES_CHANGE_EDIT, NULL, &error))
    g_error ("Could not save a generated %s: %s", kind, error->message);
  return record;
}

static char *
new_patient (Fixture *fixture,
             guint    n)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *family = g_strdup_printf ("Generated%u", n);
  g_autofree char *birth = days_before (fixture, between (fixture, 20 * 365, 75 * 365));

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Test");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, birth);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "N");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (kes_patient_get_id (patient));
}

/* Stop dates in the history: whether a course is still on or stopped in
 * the last 4 weeks is what the property is about. */
typedef struct
{
  gboolean active;
  gboolean recently_stopped; /* within 4 weeks, today included */
} Exposure;

static void
generate_courses (Fixture    *fixture,
                  const char *patient_id,
                  const char *drug,
                  Exposure   *exposure)
{
  guint n_courses = (guint) between (fixture, 1, 3);
  int start_ago = between (fixture, 0, 900);

  for (guint c = 0; c < n_courses && start_ago >= 0; c++)
    {
      g_autofree char *start = days_before (fixture, start_ago);
      g_autofree char *stop = NULL;
      g_autofree char *dose_changed = NULL;
      g_autofree char *restarted = NULL;
      int length = between (fixture, 0, 400);
      int stop_ago = start_ago - length;
      g_autoptr(KesCareRecord) script = NULL;

      /* Open, stopped in the past or today, or stopping later. */
      if (between (fixture, 0, 3) == 0 || stop_ago < -30)
        stop = NULL;
      else
        stop = days_before (fixture, MAX (stop_ago, -30));
      if (g_str_equal (drug, "lithium") && length > 20 && between (fixture, 0, 1) == 0)
        {
          int changed_ago = start_ago - between (fixture, 1, length);
          dose_changed = days_before (fixture, MAX (changed_ago, 0));
        }
      if (between (fixture, 0, 4) == 0 && start_ago > 10)
        restarted = days_before (fixture, start_ago - between (fixture, 1, MIN (start_ago, 60)));
      script = save (fixture, patient_id, KES_CARE_PRESCRIPTION, "drug", drug, "category", drug, "dose", "x",
                     "prescriber", "Dr Test", "start_date", start, "stop_date", stop,
                     "stop_reason", stop != NULL ? "Generated" : NULL, "dose_changed_on", dose_changed,
                     "restarted_on", restarted,
                     "break_hours", restarted != NULL ? (between (fixture, 0, 1) ? "30" : "900") : NULL,
                     /* Harmless when no record stands; needed when one does. */
                     "rechallenge_reason", "Generated history", NULL);
      if (stop == NULL || stop_ago < 0)
        exposure->active = TRUE;
      else if (stop_ago <= 27)
        exposure->recently_stopped = TRUE;
      /* The next course: overlapping, the same or the next day, or after a
       * break of any length (a negative day count ends the history). */
      start_ago = stop == NULL ? start_ago - between (fixture, 0, 100) : stop_ago - between (fixture, -20, 120);
    }
}

static void
generate_clozapine (Fixture    *fixture,
                    const char *patient_id,
                    Exposure   *exposure)
{
  gboolean ben = between (fixture, 0, 4) == 0;
  guint n_results = (guint) between (fixture, 0, 8);
  static const char * const lights[] = { "green", "amber", "red" };

  g_autofree char *long_ago = days_before (fixture, 1000);
  g_autofree char *flagged = days_before (fixture, between (fixture, 0, 300));

  if (ben)
    g_object_unref (save (fixture, patient_id, KES_CARE_CLOZAPINE_MONITORING, "decided_on", long_ago,
                          "monitoring_service", "ztas", "thresholds", "ben", "decided_by", "Dr Test",
                          "reason", "Haematology review", NULL));
  generate_courses (fixture, patient_id, "clozapine", exposure);
  for (guint i = 0; i < n_results; i++)
    {
      g_autofree char *taken = days_before (fixture, between (fixture, 0, 900));
      int kind = between (fixture, 0, 9);
      const char *wbc = kind == 0 ? "2.6" : kind == 1 ? "3.2" : "6.0";
      const char *anc = kind == 0 ? "1.2" : kind == 1 ? "1.8" : "3.5";
      g_autoptr(KesCareRecord) fbc = save (fixture, patient_id, KES_CARE_FBC, "taken_on", taken, "wbc", wbc,
                                           "neutrophils", anc,
                                           "service_light", ben ? lights[between (fixture, 0, 2)] : NULL, NULL);

      if (between (fixture, 0, 9) == 0)
        {
          g_autoptr(GError) error = NULL;
          g_assert_true (kes_store_mark_care_record_entered_in_error (fixture->store, fbc, "Generated", &error));
        }
    }
  if (between (fixture, 0, 5) == 0)
    g_object_unref (save (fixture, patient_id, KES_CARE_CLOZAPINE_NO_RECHALLENGE,
                          "decided_on", flagged, "decided_by", "Dr Test", "reason", "Generated", NULL));
}

static void
generate_lithium (Fixture    *fixture,
                  const char *patient_id,
                  Exposure   *exposure)
{
  guint n_levels = (guint) between (fixture, 0, 6);
  g_autofree char *decided = days_before (fixture, 500);

  if (between (fixture, 0, 3) == 0)
    g_object_unref (save (fixture, patient_id, KES_CARE_LITHIUM_PLAN, "decided_on", decided,
                          "target_range", "higher", "decided_by", "Dr Test", "reason", "Relapse on 0.6-0.8",
                          "interacting_drugs", between (fixture, 0, 1) ? "true" : NULL, NULL));
  generate_courses (fixture, patient_id, "lithium", exposure);
  for (guint i = 0; i < n_levels; i++)
    {
      g_autofree char *taken = days_before (fixture, between (fixture, 0, 900));
      g_autofree char *value = g_strdup_printf ("%.2f", between (fixture, 30, 170) / 100.0);

      g_object_unref (save (fixture, patient_id, KES_CARE_LITHIUM_LEVEL, "taken_on", taken, "level", value, NULL));
    }
}

static guint
count_kind (GPtrArray  *items,
            const char *kind,
            Fixture    *fixture)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      KesMonitoringItem *item = items->pdata[i];

      if (!g_str_equal (item->kind, kind))
        continue;
      n++;
      /* Past a danger threshold: always due today. */
      if (item->urgent)
        g_assert_cmpint (g_date_compare (item->due, fixture->today), ==, 0);
    }
  return n;
}

static void
test_never_nothing_due (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso (TODAY "T09:00:00Z");
  Fixture fixture = { 0 };
  guint checked[2] = { 0, 0 };

  kes_clock_set_fixed (now);
  fixture.store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture.author = kes_test_account_titled (fixture.store, "prop", "Property Test", "CPN", "North", NULL,
                                            KES_ROLE_CLINICIAN);
  kes_store_set_actor (fixture.store, fixture.author);
  fixture.today = kes_date_from_iso (TODAY);
  fixture.rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint n = 0; n < N_PATIENTS; n++)
    {
      g_autofree char *patient_id = new_patient (&fixture, n);
      gboolean clozapine = n % 2 == 0;
      Exposure exposure = { FALSE, FALSE };
      g_autoptr(GPtrArray) items = NULL;

      if (clozapine)
        generate_clozapine (&fixture, patient_id, &exposure);
      else
        generate_lithium (&fixture, patient_id, &exposure);
      items = kes_store_list_monitoring (fixture.store, patient_id, fixture.today, &error);
      g_assert_no_error (error);
      if (clozapine && (exposure.active || exposure.recently_stopped))
        {
          if (count_kind (items, "clozapine-fbc", &fixture) == 0)
            g_error ("patient %u: clozapine active or stopped in the last 4 weeks, nothing due", n);
          checked[0]++;
        }
      else if (!clozapine && exposure.active)
        {
          if (count_kind (items, "lithium-level", &fixture) == 0)
            g_error ("patient %u: lithium active, no level due", n);
          checked[1]++;
        }
      else
        count_kind (items, clozapine ? "clozapine-fbc" : "lithium-level", &fixture);
    }
  /* The generator does reach the cases it is about. */
  g_test_message ("%u clozapine and %u lithium histories had an active or recent course", checked[0], checked[1]);
  g_assert_cmpuint (checked[0], >, N_PATIENTS / 8);
  g_assert_cmpuint (checked[1], >, N_PATIENTS / 8);

  g_rand_free (fixture.rand);
  g_date_free (fixture.today);
  g_clear_object (&fixture.author);
  g_clear_object (&fixture.store);
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/monitoring/property/never-nothing-due", test_never_nothing_due);
  return g_test_run ();
}
