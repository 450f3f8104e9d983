/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-moj-incident.h"
#include "kes-moj-schedule.h"
#include "kes-store-due.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"

/* ---- Schedule: pure date rules ---- */

static const KesMojSchedule *
schedule (void)
{
  return kes_moj_schedule_get_default ();
}

static void
assert_due (const char *discharge,
            guint       n,
            const char *expected)
{
  g_autofree char *due = kes_moj_schedule_due_date (schedule (), discharge, n);
  g_assert_cmpstr (due, ==, expected);
}

static void
test_schedule_data (void)
{
  KesMojSchedule parsed;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (schedule ()->first_report_days, ==, 28);
  g_assert_cmpuint (schedule ()->interval_months, ==, 3);
  g_assert_cmpuint (schedule ()->warning_days, ==, 7);
  g_assert_cmpuint (schedule ()->address_notice_days, ==, 14);
  /* A changed cycle is a data edit; a missing key is refused by name. */
  g_assert_true (kes_moj_schedule_parse ("[report]\nfirst-report-days=21\ninterval-months=6\n"
                                         "[tribunal]\nfirst-from-months=6\nfirst-to-months=12\nperiod-months=12\n"
                                         "[address]\nnotice-days=28\n"
                                         "[warnings]\nreport-days=3\naddress-days=7\n", &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed.interval_months, ==, 6);
  {
    g_autofree char *due = kes_moj_schedule_due_date (&parsed, "2026-01-10", 1);
    g_assert_cmpstr (due, ==, "2026-07-10");
  }
  g_assert_false (kes_moj_schedule_parse ("[report]\nfirst-report-days=28\n", &parsed, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "interval-months"));
}

static void
test_schedule_month_ends (void)
{
  /* 31 Jan: first report 28 days on, then the 3-monthly dates clamp to the
   * month end but are always counted from the discharge, so they come back
   * to the 31st where the month has one. */
  assert_due ("2026-01-31", 0, "2026-02-28");
  assert_due ("2026-01-31", 1, "2026-04-30");
  assert_due ("2026-01-31", 2, "2026-07-31");
  assert_due ("2026-01-31", 3, "2026-10-31");
  assert_due ("2026-01-31", 4, "2027-01-31");
  /* 30 Nov + 3 months: 28 Feb, or 29 Feb in a leap year. */
  assert_due ("2026-11-30", 1, "2027-02-28");
  assert_due ("2027-11-30", 1, "2028-02-29");
  assert_due ("2023-11-30", 1, "2024-02-29");
  /* Discharged on 29 Feb: a year on there is no 29 Feb. */
  assert_due ("2028-02-29", 0, "2028-03-28");
  assert_due ("2028-02-29", 4, "2029-02-28");
  assert_due ("2028-02-29", 16, "2032-02-29");
  /* The first report crosses a year end and a leap day. */
  assert_due ("2026-12-10", 0, "2027-01-07");
  assert_due ("2028-02-10", 0, "2028-03-09");
  assert_due ("2027-02-10", 0, "2027-03-10");
  /* Typed as DD/MM/YYYY; nonsense gives nothing. */
  assert_due ("31/08/2026", 2, "2027-02-28");
  assert_due ("2026-02-30", 0, NULL);
  assert_due ("", 0, NULL);
  {
    g_autoptr(GDate) date = kes_date_from_iso ("2026-08-31");
    g_autoptr(GDate) later = kes_date_add_months_clamped (date, 6);
    g_autofree char *iso = kes_date_to_iso (later);
    g_assert_cmpstr (iso, ==, "2027-02-28");
  }
}

static void
test_schedule_next_due (void)
{
  const char *first_only[] = { "2026-02-28", NULL };
  const char *two[] = { "2026-04-30", "2026-02-28", NULL };
  const char *second_only[] = { "2026-04-30", NULL };
  g_autofree char *a = kes_moj_schedule_next_due (schedule (), "2026-01-31", NULL);
  g_autofree char *b = kes_moj_schedule_next_due (schedule (), "2026-01-31", first_only);
  g_autofree char *c = kes_moj_schedule_next_due (schedule (), "2026-01-31", two);
  g_autofree char *d = kes_moj_schedule_next_due (schedule (), "2026-01-31", second_only);

  g_assert_cmpstr (a, ==, "2026-02-28");
  g_assert_cmpstr (b, ==, "2026-04-30");
  g_assert_cmpstr (c, ==, "2026-07-31");
  /* A missed first report stays owed even after a later one went in. */
  g_assert_cmpstr (d, ==, "2026-02-28");
}

static void
test_tribunal_windows (void)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GDate) today = kes_date_from_iso ("2028-06-01");

  g_assert_true (kes_moj_tribunal_window (schedule (), "2026-01-31", 0, &from, &to));
  g_assert_cmpstr (from, ==, "2027-01-31");
  g_assert_cmpstr (to, ==, "2028-01-30");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_true (kes_moj_tribunal_window (schedule (), "2026-01-31", 1, &from, &to));
  g_assert_cmpstr (from, ==, "2028-01-31");
  g_assert_cmpstr (to, ==, "2030-01-30");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_true (kes_moj_tribunal_window (schedule (), "2026-01-31", 2, &from, &to));
  g_assert_cmpstr (from, ==, "2030-01-31");
  g_assert_cmpstr (to, ==, "2032-01-30");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_true (kes_moj_tribunal_window_on (schedule (), "2026-01-31", today, &from, &to));
  g_assert_cmpstr (from, ==, "2028-01-31");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  /* Discharged on a leap day. */
  g_assert_true (kes_moj_tribunal_window (schedule (), "2024-02-29", 0, &from, &to));
  g_assert_cmpstr (from, ==, "2025-02-28");
  g_assert_cmpstr (to, ==, "2026-02-27");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_false (kes_moj_tribunal_window (schedule (), "nonsense", 0, &from, &to));
  {
    g_autofree char *notice = kes_moj_address_notice_due (schedule (), "2026-03-10");
    g_assert_cmpstr (notice, ==, "2026-02-24");
  }
}

/* ---- Store fixture ---- */

typedef struct
{
  KesStore   *store;
  KesStaff   *social;
  KesStaff   *clinical;
  KesStaff   *other;
  KesPatient *patient;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *aliases[] = { "Johnny Crane", NULL };

  set_now ("2026-01-10T09:00:00Z");
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->social = kes_test_account_titled (fixture->store, "sam", "Sam Social", "Social supervisor", "North",
                                             "01603 100200", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->clinical = kes_test_account_titled (fixture->store, "cara", "Dr Cara Clinic", "Consultant psychiatrist", "North",
                                               "01603 100300", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->other = kes_test_account_titled (fixture->store, "otto", "Otto Other", "CPN", "North",
                                            NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->social);

  fixture->patient = kes_patient_new ();
  kes_patient_set_text (fixture->patient, KES_PATIENT_FAMILY_NAME, "Crane");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GIVEN_NAME, "John");
  kes_patient_set_text (fixture->patient, KES_PATIENT_BIRTH_DATE, "1979-05-02");
  kes_patient_set_text (fixture->patient, KES_PATIENT_NHS_NUMBER, "9434765919");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (fixture->patient, KES_PATIENT_TEAM_ID, "North");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ADDRESS, "12 Heron Court, Norwich");
  kes_patient_set_text (fixture->patient, KES_PATIENT_POSTCODE, "NR1 3SR");
  kes_patient_set_text (fixture->patient, KES_PATIENT_SUPERVISOR_ID, kes_staff_get_id (fixture->social));
  kes_patient_set_text (fixture->patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (fixture->clinical));
  kes_patient_set_list (fixture->patient, KES_PATIENT_ALIASES, aliases);
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->social);
  g_clear_object (&fixture->clinical);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static KesMojRecord *
save_status (Fixture    *fixture,
             const char *effective,
             const char *discharge)
{
  g_autoptr(GError) error = NULL;
  KesMojRecord *status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (fixture->patient));

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", effective);
  kes_moj_record_set_text (status, "order_date", "2019-06-01");
  kes_moj_record_set_text (status, "restriction_date", "2019-06-01");
  kes_moj_record_set_text (status, "court", "Norwich Crown Court");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "conditional_discharge_date", discharge);
  kes_moj_record_set_text (status, "mappa_category", "2");
  kes_moj_record_set_text (status, "mappa_level", "1");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return status;
}

static GPtrArray *
due_on (Fixture    *fixture,
        const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_date_from_iso (iso);
  g_autoptr(GPtrArray) all = kes_store_list_due (fixture->store, today, NULL, &error);
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_str_has_prefix (kes_due_item_get_kind (all->pdata[i]), "moj-"))
      g_ptr_array_add (mine, g_object_ref (all->pdata[i]));
  return mine;
}

static void
assert_single_due (Fixture       *fixture,
                   const char    *today,
                   const char    *due_date,
                   KesDueUrgency  urgency)
{
  g_autoptr(GPtrArray) items = due_on (fixture, today);

  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_kind (items->pdata[0]), ==, "moj-report");
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, due_date);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, urgency);
  g_assert_cmpstr (kes_due_item_get_target (items->pdata[0]), ==, "patient/moj");
}

static void
assert_nothing_due (Fixture    *fixture,
                    const char *today)
{
  g_autoptr(GPtrArray) items = due_on (fixture, today);
  g_assert_cmpuint (items->len, ==, 0);
}

static KesMojRecord *
new_report (Fixture    *fixture,
            const char *type,
            const char *due)
{
  KesMojRecord *report = kes_moj_report_new (kes_patient_get_id (fixture->patient), "moj-cd-report", "2024-10",
                                             type, due);

  kes_moj_report_add_part (report, "A", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_add_part (report, "B", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_add_part (report, "C", KES_MOJ_SIGNER_CLINICAL);
  kes_moj_report_set_value (report, "A.name", "John CRANE");
  kes_moj_report_set_value (report, "B.recommendation", "Continue conditional discharge");
  kes_moj_report_set_value (report, "C.insight", "Good insight");
  return report;
}

static void
sign_all (Fixture      *fixture,
          KesMojRecord *report)
{
  g_autoptr(GError) error = NULL;
  const char *parts[] = { "A", "B", "C" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      kes_store_set_actor (fixture->store, i < 2 ? fixture->social : fixture->clinical);
      g_assert_true (kes_store_set_moj_part_ready (fixture->store, report, parts[i], TRUE, &error));
      g_assert_no_error (error);
      g_assert_true (kes_store_sign_moj_report_part (fixture->store, report, parts[i], KES_TEST_PASSWORD, &error));
      g_assert_no_error (error);
    }
  kes_store_set_actor (fixture->store, fixture->social);
}

static void
submit_report_for (Fixture    *fixture,
                   const char *due,
                   const char *submitted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) report = new_report (fixture, KES_MOJ_REPORT_ROUTINE, due);

  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  sign_all (fixture, report);
  g_assert_true (kes_store_submit_moj_report (fixture->store, report, submitted, "secure-email", "MHCS-REF-1", &error));
  g_assert_no_error (error);
}

/* ---- Legal status ---- */

static void
test_legal_status_validation (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (fixture->patient));
  g_autoptr(GListModel) history = NULL;
  g_autoptr(KesMojRecord) current = NULL;
  g_autofree char *summary = NULL;

  kes_moj_record_set_text (status, "authority", "77");
  kes_moj_record_set_text (status, "effective_date", "31/02/2026");
  kes_moj_record_set_text (status, "order_date", "2020-01-10");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2019-12-01");
  kes_moj_record_set_text (status, "recall_date", "2026-01-01");
  g_assert_false (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Detention authority: “77” is not one of the listed choices"));
  g_assert_nonnull (strstr (error->message, "In force from"));
  g_assert_nonnull (strstr (error->message, "Date of conditional discharge: it cannot be before the date of the order"));
  /* What was typed is kept. */
  g_assert_cmpstr (kes_moj_record_get_text (status, "effective_date"), ==, "31/02/2026");
  g_assert_null (kes_moj_record_get_id (status));
  g_clear_error (&error);

  /* A supervised discharge (MHA 2025) needs its date. */
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "01/03/2026");
  kes_moj_record_set_text (status, "conditional_discharge_date", "");
  kes_moj_record_set_text (status, "recall_date", "");
  kes_moj_record_set_bool (status, "supervised_discharge", TRUE);
  g_assert_false (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "supervised discharge needs the date"));
  g_clear_error (&error);

  kes_moj_record_set_text (status, "conditional_discharge_date", "01/03/2026");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_text (status, "effective_date"), ==, "2026-03-01");
  g_assert_cmpint (kes_moj_record_get_revision (status), ==, 1);

  /* An older status is history, not current. */
  g_clear_object (&current);
  {
    g_autoptr(KesMojRecord) older = save_status (fixture, "2019-06-01", "");
    (void) older;
  }
  current = kes_store_current_legal_status (fixture->store, kes_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_id (current), ==, kes_moj_record_get_id (status));
  summary = kes_legal_status_dup_summary (current);
  g_assert_cmpstr (summary, ==, "Section 37 with section 41 restrictions · supervised discharge 1 Mar 2026");
  history = kes_store_list_moj_records (fixture->store, kes_patient_get_id (fixture->patient),
                                        KES_MOJ_LEGAL_STATUS, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);

  /* Entered in error: no longer current. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_moj_record_get_id (status),
                                                  kes_moj_record_get_revision (status), "Wrong patient", &error));
  g_assert_no_error (error);
  g_clear_object (&current);
  current = kes_store_current_legal_status (fixture->store, kes_patient_get_id (fixture->patient), &error);
  g_assert_cmpstr (kes_moj_record_get_text (current, "effective_date"), ==, "2019-06-01");
}

static gboolean
has_issue (GPtrArray  *issues,
           const char *field,
           const char *message)
{
  for (guint i = 0; i < issues->len; i++)
    if (g_str_equal (((KesIssue *) issues->pdata[i])->field, field) &&
        g_str_equal (((KesIssue *) issues->pdata[i])->message, message))
      return TRUE;
  return FALSE;
}

/* Dates in the order things happen: the day before is refused, the same
 * day is not. */
static void
test_dates_in_order (void)
{
  static const struct
  {
    KesMojKind  kind;
    const char *earlier, *later, *message;
  } rules[] = {
    { KES_MOJ_LEGAL_STATUS, "mappa_referral_date", "mappa_notification_sent",
      "MAPPA notification sent on: it cannot be before the MAPPA referral" },
    { KES_MOJ_CONDITIONS_APPLICATION, "application_date", "sent_date",
      "Sent to MHCS on: it cannot be before the date of the application" },
    { KES_MOJ_CONDITIONS_APPLICATION, "sent_date", "decision_date",
      "Decision received on: it cannot be before the application was sent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const char *later[] = { "09/03/2026", "2026-03-10" };

      for (guint j = 0; j < G_N_ELEMENTS (later); j++)
        {
          g_autoptr(KesMojRecord) record = kes_moj_record_new (rules[i].kind, "p");
          g_autoptr(GPtrArray) issues = NULL;

          kes_moj_record_set_text (record, rules[i].earlier, "10/03/2026");
          kes_moj_record_set_text (record, rules[i].later, later[j]);
          issues = kes_moj_record_validate (record);
          g_assert_cmpint (has_issue (issues, rules[i].later, rules[i].message), ==, j == 0);
        }
    }
}

static void
test_conditions_and_notices (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) condition = kes_moj_record_new (KES_MOJ_CONDITION, kes_patient_get_id (fixture->patient));
  g_autoptr(KesMojRecord) move = kes_moj_record_new (KES_MOJ_ADDRESS_NOTICE, kes_patient_get_id (fixture->patient));
  g_autoptr(GPtrArray) items = NULL;

  kes_moj_record_set_text (condition, "category", "residence");
  kes_moj_record_set_text (condition, "start_date", "2026-02-01");
  kes_moj_record_set_text (condition, "end_date", "2026-01-01");
  g_assert_false (kes_store_save_moj_record (fixture->store, condition, KES_CHANGE_CREATE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Wording: please fill this in"));
  g_assert_nonnull (strstr (error->message, "End date: it cannot be before the start date"));
  g_clear_error (&error);
  kes_moj_record_set_text (condition, "wording", "Reside at 12 Heron Court and abide by its rules");
  kes_moj_record_set_text (condition, "end_date", "");
  g_assert_true (kes_store_save_moj_record (fixture->store, condition, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* A move on 20 Mar: MHCS must be told by 6 Mar. */
  kes_moj_record_set_text (move, "move_date", "2026-03-20");
  kes_moj_record_set_text (move, "new_address", "Flat 2, 4 Kite Lane, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->store, move, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = due_on (fixture, "2026-02-20");
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = due_on (fixture, "2026-03-01");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_kind (items->pdata[0]), ==, "moj-address-notice");
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-03-06");
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_SOON);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = due_on (fixture, "2026-03-07");
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);
  /* Once MHCS is told, nothing is due. */
  kes_moj_record_set_text (move, "notified_date", "2026-03-07");
  g_assert_true (kes_store_save_moj_record (fixture->store, move, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = due_on (fixture, "2026-03-07");
  g_assert_cmpuint (items->len, ==, 0);
}

/* ---- Schedule through the store: Today ---- */

static void
test_due_reports (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(KesMojRecord) notice = kes_moj_record_new (KES_MOJ_LATE_NOTICE, kes_patient_get_id (fixture->patient));
  g_autoptr(GPtrArray) items = NULL;

  assert_nothing_due (fixture, "2026-02-21");
  status = save_status (fixture, "2026-01-31", "2026-01-31");

  /* First report: 28 days after discharge, 28 Feb. */
  assert_nothing_due (fixture, "2026-02-20");
  assert_single_due (fixture, "2026-02-21", "2026-02-28", KES_DUE_SOON);
  assert_single_due (fixture, "2026-02-28", "2026-02-28", KES_DUE_TODAY);
  assert_single_due (fixture, "2026-03-01", "2026-02-28", KES_DUE_OVERDUE);

  /* The late notice is recorded and shown; the report is still owed. */
  kes_moj_record_set_text (notice, "due_date", "2026-02-28");
  kes_moj_record_set_text (notice, "sent_date", "2026-02-26");
  kes_moj_record_set_text (notice, "expected_date", "2026-03-06");
  kes_moj_record_set_text (notice, "reason", "Clinical supervisor on leave");
  g_assert_true (kes_store_save_moj_record (fixture->store, notice, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  items = due_on (fixture, "2026-03-02");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_detail (items->pdata[0]), ==, "Late notice sent to MHCS on 26 Feb 2026");

  /* Submitted late, on 5 Mar: the next is still 30 Apr (31 Jan + 3 months, clamped). */
  submit_report_for (fixture, "2026-02-28", "2026-03-05");
  assert_nothing_due (fixture, "2026-03-05");
  assert_single_due (fixture, "2026-04-23", "2026-04-30", KES_DUE_SOON);
  /* Submitted early, on 20 Apr: the next is 31 Jul, not 20 Jul. */
  submit_report_for (fixture, "2026-04-30", "2026-04-20");
  assert_nothing_due (fixture, "2026-04-30");
  assert_nothing_due (fixture, "2026-07-23");
  assert_single_due (fixture, "2026-07-24", "2026-07-31", KES_DUE_SOON);

  /* Recalled on 10 Jul: nothing is owed while in hospital. */
  kes_moj_record_set_text (status, "recall_date", "2026-07-10");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_nothing_due (fixture, "2026-07-31");
  assert_nothing_due (fixture, "2026-09-01");

  /* Re-discharged on 30 Nov: the cycle starts again from that date. */
  kes_moj_record_set_text (status, "conditional_discharge_date", "2026-11-30");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_single_due (fixture, "2026-12-28", "2026-12-28", KES_DUE_TODAY);
  submit_report_for (fixture, "2026-12-28", "2026-12-28");
  assert_single_due (fixture, "2027-02-21", "2027-02-28", KES_DUE_SOON);

  /* Absolute discharge ends the cycle. */
  kes_moj_record_set_text (status, "absolute_discharge_date", "2027-02-01");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_EDIT, NULL, &error));
  assert_nothing_due (fixture, "2027-03-01");
}

static void
test_urgent_report_top (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = save_status (fixture, "2026-01-31", "2026-01-31");
  g_autoptr(KesMojRecord) urgent = new_report (fixture, KES_MOJ_REPORT_URGENT, "2026-03-01");
  g_autoptr(GPtrArray) items = NULL;

  g_assert_false (kes_store_save_moj_record (fixture->store, urgent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "What prompted the urgent report"));
  g_clear_error (&error);
  kes_moj_record_set_text (urgent, "trigger", "whereabouts-unknown");
  g_assert_true (kes_store_save_moj_record (fixture->store, urgent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  items = due_on (fixture, "2026-03-01");
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_TOP_PRIORITY);
  g_assert_cmpstr (kes_due_item_get_detail (items->pdata[0]), ==, "Loss of contact or whereabouts unknown");
  g_assert_cmpstr (kes_due_item_get_record_id (items->pdata[0]), ==, kes_moj_record_get_id (urgent));
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[1]), ==, KES_DUE_OVERDUE);

  /* Part A is not ready until it says what happened, when (not a day
   * ahead) and what has been done. */
  g_assert_false (kes_store_set_moj_part_ready (fixture->store, urgent, "A", TRUE, &error));
  g_assert_cmpstr (error->message, ==, "Part A is not ready for review:\n"
                                       "What happened: say what prompted this urgent report\n"
                                       "When it happened: give the date\n"
                                       "What has been done: say what the team has done so far");
  g_clear_error (&error);
  /* The same problems, each keyed by its field (the form marks them there). */
  {
    g_autoptr(GPtrArray) issues = kes_moj_report_part_ready_issues (urgent, "A");

    g_assert_cmpuint (issues->len, ==, 3);
    g_assert_cmpstr (((KesIssue *) issues->pdata[0])->field, ==, "trigger_what");
    g_assert_cmpstr (((KesIssue *) issues->pdata[1])->field, ==, "trigger_when");
    g_assert_cmpstr (((KesIssue *) issues->pdata[2])->field, ==, "trigger_action");
  }
  kes_moj_record_set_text (urgent, "trigger_what", "Not at his flat for two visits; phone off");
  kes_moj_record_set_text (urgent, "trigger_when", "2026-01-11"); /* the clock says 10 Jan */
  kes_moj_record_set_text (urgent, "trigger_action", "Police and MHCS told; searched known addresses");
  g_assert_false (kes_store_set_moj_part_ready (fixture->store, urgent, "A", TRUE, &error));
  g_assert_nonnull (strstr (error->message, "When it happened: the date is in the future"));
  g_clear_error (&error);
  kes_moj_record_set_text (urgent, "trigger_when", "2026-01-10");
  g_assert_true (kes_store_save_moj_record (fixture->store, urgent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  /* Submitted: gone from Today, and it does not answer the routine report. */
  sign_all (fixture, urgent);
  g_assert_true (kes_store_submit_moj_report (fixture->store, urgent, "2026-03-01", "secure-email", "", &error));
  g_assert_no_error (error);
  assert_single_due (fixture, "2026-03-01", "2026-02-28", KES_DUE_OVERDUE);
}

/* ---- Report workflow ---- */

static void
test_sign_alter_submit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = save_status (fixture, "2026-01-31", "2026-01-31");
  g_autoptr(KesMojRecord) report = new_report (fixture, KES_MOJ_REPORT_ROUTINE, "2026-02-28");
  g_autoptr(KesMojRecord) reloaded = NULL;

  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* Not ready: cannot be signed. Cannot be submitted unsigned. */
  g_assert_false (kes_store_sign_moj_report_part (fixture->store, report, "A", KES_TEST_PASSWORD, &error));
  g_assert_nonnull (strstr (error->message, "mark it ready for review"));
  g_clear_error (&error);
  g_assert_false (kes_store_submit_moj_report (fixture->store, report, "2026-02-27", "post", "", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Part A is not signed"));
  g_clear_error (&error);

  /* Only the named supervisor signs: Part C is the clinical supervisor's. */
  g_assert_true (kes_store_set_moj_part_ready (fixture->store, report, "C", TRUE, &error));
  g_assert_cmpint (kes_moj_report_get_part_state (report, "C"), ==, KES_MOJ_PART_READY);
  kes_store_set_actor (fixture->store, fixture->social);
  g_assert_false (kes_store_sign_moj_report_part (fixture->store, report, "C", KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "clinical supervisor"));
  g_clear_error (&error);
  kes_store_set_actor (fixture->store, fixture->other);
  g_assert_true (kes_store_set_moj_part_ready (fixture->store, report, "A", TRUE, &error));
  g_assert_false (kes_store_sign_moj_report_part (fixture->store, report, "A", KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  sign_all (fixture, report);
  g_assert_cmpint (kes_moj_report_get_part_state (report, "A"), ==, KES_MOJ_PART_SIGNED);
  g_assert_cmpstr (kes_moj_report_get_signer_name (report, "C"), ==, "Dr Cara Clinic");

  /* A change after signing shows, even after a reload from the store. */
  kes_moj_report_set_value (report, "C.insight", "Limited insight");
  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  reloaded = kes_store_load_moj_record (fixture->store, kes_moj_record_get_id (report), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_moj_report_get_part_state (reloaded, "C"), ==, KES_MOJ_PART_ALTERED);
  g_assert_cmpstr (kes_moj_part_state_label (KES_MOJ_PART_ALTERED), ==, "Altered after signing");
  g_assert_cmpint (kes_moj_report_get_part_state (reloaded, "A"), ==, KES_MOJ_PART_SIGNED);
  g_assert_false (kes_store_submit_moj_report (fixture->store, reloaded, "2026-02-27", "post", "", &error));
  g_assert_nonnull (strstr (error->message, "Part C was altered after signing"));
  g_clear_error (&error);
  /* Changing it back restores the signature's digest. */
  kes_moj_report_set_value (reloaded, "C.insight", "Good insight");
  g_assert_cmpint (kes_moj_report_get_part_state (reloaded, "C"), ==, KES_MOJ_PART_SIGNED);
  kes_moj_report_set_value (reloaded, "C.insight", "Limited insight");

  /* Review again, re-sign, submit. */
  kes_store_set_actor (fixture->store, fixture->clinical);
  g_assert_true (kes_store_set_moj_part_ready (fixture->store, reloaded, "C", TRUE, &error));
  /* Signing means the signer: the right person with the wrong password signs nothing. */
  g_assert_false (kes_store_sign_moj_report_part (fixture->store, reloaded, "C", "not my password", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (kes_moj_report_get_part_state (reloaded, "C"), ==, KES_MOJ_PART_READY);
  g_assert_true (kes_store_sign_moj_report_part (fixture->store, reloaded, "C", KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_submit_moj_report (fixture->store, reloaded, "2026-02-27", "pigeon", "", &error));
  g_assert_nonnull (strstr (error->message, "How it was sent"));
  g_clear_error (&error);
  g_assert_true (kes_store_submit_moj_report (fixture->store, reloaded, "27/02/2026", "secure-email", "CJSM 81", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_text (reloaded, "submitted_date"), ==, "2026-02-27");
  /* Submitted reports are closed to review changes. */
  g_assert_false (kes_moj_report_set_part_ready (reloaded, "A", FALSE, &error));
  g_clear_error (&error);
  g_assert_false (kes_store_submit_moj_report (fixture->store, reloaded, "2026-02-28", "post", "", &error));
  g_assert_nonnull (strstr (error->message, "already been submitted"));
}

static void
test_digest_is_per_part (void)
{
  g_autoptr(KesMojRecord) report = kes_moj_report_new ("p", "t", "1", KES_MOJ_REPORT_ROUTINE, "2026-01-01");
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *b2 = NULL;

  kes_moj_report_add_part (report, "A", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_add_part (report, "B", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_set_value (report, "A.x", "1");
  a1 = kes_moj_report_part_digest (report, "A");
  b1 = kes_moj_report_part_digest (report, "B");
  g_assert_cmpuint (strlen (a1), ==, 64);
  kes_moj_report_set_value (report, "B.y", "2");
  a2 = kes_moj_report_part_digest (report, "A");
  b2 = kes_moj_report_part_digest (report, "B");
  g_assert_cmpstr (a1, ==, a2);
  g_assert_cmpstr (b1, !=, b2);
  /* Keys and values are framed: "A.x" = "12" is not "A.x1" = "2". */
  kes_moj_report_set_value (report, "A.x", "12");
  {
    g_autofree char *framed1 = kes_moj_report_part_digest (report, "A");
    g_autofree char *framed2 = NULL;

    kes_moj_report_set_value (report, "A.x", "");
    kes_moj_report_set_value (report, "A.x1", "2");
    framed2 = kes_moj_report_part_digest (report, "A");
    g_assert_cmpstr (framed1, !=, framed2);
  }
}

static void
test_prefill (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = save_status (fixture, "2026-01-31", "2026-01-31");
  g_autoptr(KesMojRecord) offence = kes_moj_record_new (KES_MOJ_INDEX_OFFENCE, kes_patient_get_id (fixture->patient));
  g_autoptr(KesMojRecord) held = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GDate) today = kes_date_from_iso ("2026-02-25");
  g_autoptr(KesMojRecord) report = NULL;
  static const char *times[] = { "2026-01-20T10:00:00Z", "2026-02-02T10:00:00Z", "2026-02-09T10:00:00Z",
                                 "2026-02-16T10:00:00Z", "2026-02-23T10:00:00Z" };
  static const char *types[] = { "face-to-face", "face-to-face", "phone", "dna", "face-to-face" };

  set_now ("2026-02-25T12:00:00Z");
  /* An index offence is no record of its own now: it is refused, and the
   * legal status record's index offences are what the report reads. */
  kes_moj_record_set_text (offence, "description", "Wounding with intent (s18)");
  g_assert_false (kes_store_save_moj_record (fixture->store, offence, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Index offences are recorded in the legal status record"));
  g_clear_error (&error);
  held = kes_store_current_legal_status (fixture->store, kes_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  kes_moj_record_set_text (held, "index_offences", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->store, held, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();
      kes_contact_set_patient_id (contact, kes_patient_get_id (fixture->patient));
      kes_contact_set_occurred_at (contact, times[i]);
      kes_contact_set_contact_type (contact, types[i]);
      kes_contact_set_summary (contact, "Seen at home");
      g_assert_true (kes_store_save_contact (fixture->store, contact, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (kes_store_moj_report_period (fixture->store, kes_patient_get_id (fixture->patient), today,
                                              &from, &to, &error));
  g_assert_cmpstr (from, ==, "2026-01-31");
  g_assert_cmpstr (to, ==, "2026-02-25");
  values = kes_store_moj_prefill_values (fixture->store, kes_patient_get_id (fixture->patient), from, to, &error);
  g_assert_no_error (error);
  /* Three contacts since discharge: the one before it and the DNA do not count. */
  g_assert_cmpstr (g_hash_table_lookup (values, "contacts.count"), ==, "3");
  g_assert_cmpuint (kes_store_count_contacts (fixture->store, kes_patient_get_id (fixture->patient), from, to), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (values, "contacts.dates"), ==,
                   "2 Feb 2026 (Face to face); 9 Feb 2026 (Telephone); 23 Feb 2026 (Face to face)");
  g_assert_cmpstr (g_hash_table_lookup (values, "patient.name"), ==, "CRANE, John");
  g_assert_cmpstr (g_hash_table_lookup (values, "patient.aliases"), ==, "Johnny Crane");
  g_assert_cmpstr (g_hash_table_lookup (values, "patient.birth_date"), ==, "2 May 1979");
  g_assert_cmpstr (g_hash_table_lookup (values, "patient.mhcs_reference"), ==, "MHCS/2019/4411");
  g_assert_cmpstr (g_hash_table_lookup (values, "legal.authority"), ==, "Section 37 with section 41 restrictions");
  g_assert_cmpstr (g_hash_table_lookup (values, "legal.conditional_discharge_date"), ==, "31 Jan 2026");
  g_assert_cmpstr (g_hash_table_lookup (values, "offences"), ==, "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_cmpstr (g_hash_table_lookup (values, "supervisor.social"), ==,
                   "Sam Social, Social supervisor (01603 100200)");
  g_assert_cmpstr (g_hash_table_lookup (values, "patient.address"), ==, "12 Heron Court, Norwich, NR1 3SR");
  /* Exactly the sources templates may name, but for the two the report
   * layer fills (the risk assessment needs its tool definition; the
   * compliance rows are not one value). */
  g_assert_cmpuint (g_hash_table_size (values) + 2, ==, g_strv_length ((char **) kes_moj_prefill_sources ()));
  for (guint i = 0; kes_moj_prefill_sources ()[i] != NULL; i++)
    {
      const char *source = kes_moj_prefill_sources ()[i];
      gboolean by_report = g_str_equal (source, "risk.latest") || g_str_equal (source, "conditions.in_force");

      g_assert_true (g_hash_table_contains (values, source) != by_report);
    }

  /* Prefilled values are marked; editing one clears the mark. */
  report = new_report (fixture, KES_MOJ_REPORT_ROUTINE, "2026-02-28");
  kes_moj_report_prefill_value (report, "B.contacts", g_hash_table_lookup (values, "contacts.count"));
  g_assert_true (kes_moj_report_is_prefilled (report, "B.contacts"));
  kes_moj_report_set_value (report, "B.contacts", "3 ");
  g_assert_true (kes_moj_report_is_prefilled (report, "B.contacts"));
  kes_moj_report_set_value (report, "B.contacts", "4");
  g_assert_false (kes_moj_report_is_prefilled (report, "B.contacts"));
  g_assert_false (kes_moj_report_is_prefilled (report, "A.name"));

  /* After a submitted report, the next period starts the day after it. */
  kes_moj_record_set_text (report, "period_from", from);
  kes_moj_record_set_text (report, "period_to", to);
  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_CREATE, NULL, &error));
  sign_all (fixture, report);
  g_assert_true (kes_store_submit_moj_report (fixture->store, report, "2026-02-26", "portal", "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_true (kes_store_moj_report_period (fixture->store, kes_patient_get_id (fixture->patient), today,
                                              &from, &to, &error));
  g_assert_cmpstr (from, ==, "2026-02-26");
}

/* ---- Submission log ---- */

static void
test_submission_timing (void)
{
  g_autoptr(KesMojRecord) report = kes_moj_report_new ("p1", "moj-cd-report", "2024-10.2", KES_MOJ_REPORT_ROUTINE,
                                                       "2026-02-28");
  g_autoptr(KesMojRecord) urgent = kes_moj_report_new ("p1", "moj-cd-report", "2024-10.2", KES_MOJ_REPORT_URGENT,
                                                       "2026-02-10");
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  KesMojRecord *wrong = kes_moj_record_new (KES_MOJ_LATE_NOTICE, "p1");
  KesMojRecord *other = kes_moj_record_new (KES_MOJ_LATE_NOTICE, "p1");
  KesMojRecord *notice = kes_moj_record_new (KES_MOJ_LATE_NOTICE, "p1");
  g_autofree char *sent = NULL;
  guint late = 99;

  /* Not submitted: nothing to say. */
  g_assert_false (kes_moj_report_submission_timing (report, NULL, &late, &sent));
  g_assert_cmpuint (late, ==, 0);
  g_assert_null (sent);

  /* In time, on the due date itself. */
  kes_moj_record_set_text (report, "submitted_date", "2026-02-28");
  g_assert_true (kes_moj_report_submission_timing (report, NULL, &late, &sent));
  g_assert_cmpuint (late, ==, 0);
  /* Three days late, across the month end; no notice yet. */
  kes_moj_record_set_text (report, "submitted_date", "2026-03-03");
  g_assert_true (kes_moj_report_submission_timing (report, notices, &late, &sent));
  g_assert_cmpuint (late, ==, 3);
  g_assert_null (sent);

  /* A notice for another due date, and one entered in error, do not count. */
  kes_moj_record_set_text (other, "due_date", "2025-11-28");
  kes_moj_record_set_text (other, "sent_date", "2025-11-20");
  kes_moj_record_set_text (wrong, "due_date", "2026-02-28");
  kes_moj_record_set_text (wrong, "sent_date", "2026-02-01");
  kes_moj_record_set_identity (wrong, "n-wrong", 2, KES_RECORD_ENTERED_IN_ERROR);
  kes_moj_record_set_text (notice, "due_date", "2026-02-28");
  kes_moj_record_set_text (notice, "sent_date", "2026-02-25");
  kes_moj_record_set_identity (notice, "n-1", 1, KES_RECORD_ACTIVE);
  g_ptr_array_add (notices, other);
  g_ptr_array_add (notices, wrong);
  g_ptr_array_add (notices, notice);
  g_assert_true (kes_moj_report_submission_timing (report, notices, &late, &sent));
  g_assert_cmpuint (late, ==, 3);
  g_assert_cmpstr (sent, ==, "2026-02-25");
  g_clear_pointer (&sent, g_free);

  /* An urgent report is never late. */
  kes_moj_record_set_text (urgent, "submitted_date", "2026-02-20");
  g_assert_true (kes_moj_report_submission_timing (urgent, NULL, &late, &sent));
  g_assert_cmpuint (late, ==, 0);
}

/* ---- Compliance with each condition ---- */

static KesMojRecord *
save_condition (Fixture    *fixture,
                const char *category,
                const char *wording,
                const char *start,
                const char *end)
{
  g_autoptr(GError) error = NULL;
  KesMojRecord *condition = kes_moj_record_new (KES_MOJ_CONDITION, kes_patient_get_id (fixture->patient));

  kes_moj_record_set_text (condition, "category", category);
  kes_moj_record_set_text (condition, "wording", wording);
  kes_moj_record_set_text (condition, "start_date", start);
  kes_moj_record_set_text (condition, "end_date", end);
  g_assert_true (kes_store_save_moj_record (fixture->store, condition, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return condition;
}

static void
test_condition_compliance (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) report = new_report (fixture, KES_MOJ_REPORT_ROUTINE, "2026-02-28");
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) issues = NULL;
  g_auto(GStrv) rows = NULL;
  g_auto(GStrv) tables = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *wording = NULL;
  g_autofree char *second_rating = NULL;
  g_autofree char *second_evidence = NULL;
  const char *codes[] = { "complied", "partly", "not-complied", "not-known", NULL };
  KesMojRecord *unsaved;

  kes_moj_record_set_text (report, "period_from", "2026-01-31");
  kes_moj_record_set_text (report, "period_to", "2026-02-25");
  g_ptr_array_add (conditions, save_condition (fixture, "residence", "Reside at 12 Heron Court", "2026-01-31", ""));
  /* Ended before the period: not in force, no row. */
  g_ptr_array_add (conditions, save_condition (fixture, "substances", "Abstain from alcohol", "2025-01-01",
                                               "2026-01-30"));
  /* Ended on the first day of the period: in force that day, a row. */
  g_ptr_array_add (conditions, save_condition (fixture, "treatment", "Take medication as prescribed",
                                               "2025-06-01", "2026-01-31"));
  /* Starts after the period: no row. */
  g_ptr_array_add (conditions, save_condition (fixture, "victims", "No contact with the victim's family",
                                               "2026-03-01", ""));
  /* Never saved: not a record yet, no row. */
  unsaved = kes_moj_record_new (KES_MOJ_CONDITION, kes_patient_get_id (fixture->patient));
  kes_moj_record_set_text (unsaved, "category", "other");
  kes_moj_record_set_text (unsaved, "wording", "Unsaved");
  g_ptr_array_add (conditions, unsaved);

  g_assert_true (kes_moj_condition_in_force_during (g_ptr_array_index (conditions, 0), "2026-01-31", "2026-02-25"));
  g_assert_false (kes_moj_condition_in_force_during (g_ptr_array_index (conditions, 1), "2026-01-31", "2026-02-25"));
  g_assert_true (kes_moj_condition_in_force_during (g_ptr_array_index (conditions, 2), "2026-01-31", "2026-02-25"));
  g_assert_false (kes_moj_condition_in_force_during (g_ptr_array_index (conditions, 3), "2026-01-31", "2026-02-25"));
  g_assert_true (kes_moj_condition_in_force_during (g_ptr_array_index (conditions, 1), NULL, "2026-02-25"));

  kes_moj_report_add_compliance_table (report, "B.compliance", codes, conditions);
  tables = kes_moj_report_dup_compliance_tables (report);
  g_assert_cmpuint (g_strv_length (tables), ==, 1);
  g_assert_cmpstr (tables[0], ==, "B.compliance");
  rows = kes_moj_report_dup_compliance_rows (report, "B.compliance");
  g_assert_cmpuint (g_strv_length (rows), ==, 2);
  g_assert_cmpstr (rows[0], ==, kes_moj_record_get_id (g_ptr_array_index (conditions, 0)));
  g_assert_cmpstr (rows[1], ==, kes_moj_record_get_id (g_ptr_array_index (conditions, 2)));
  wording = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_CONDITION);
  g_assert_cmpstr (kes_moj_report_get_value (report, wording), ==,
                   "Residence: Reside at 12 Heron Court (from 31 Jan 2026)");
  g_assert_true (kes_moj_report_is_prefilled (report, wording));

  /* A draft may leave rows empty; a rating the form does not allow is refused by name. */
  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  rating = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_RATING);
  evidence = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_EVIDENCE);
  kes_moj_report_set_value (report, rating, "mostly");
  g_assert_false (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Compliance with condition 1 (Residence: Reside at 12 Heron Court"));
  g_assert_nonnull (strstr (error->message, "“mostly” is not one of the ratings"));
  g_clear_error (&error);
  /* What was typed is kept. */
  g_assert_cmpstr (kes_moj_report_get_value (report, rating), ==, "mostly");

  /* Ready for review needs a rating and evidence for every condition. */
  kes_moj_report_set_value (report, rating, "complied");
  g_assert_false (kes_store_set_moj_part_ready (fixture->store, report, "B", TRUE, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Part B is not ready for review"));
  g_assert_nonnull (strstr (error->message, "condition 1 (Residence: Reside at 12 Heron Court (from 31 Jan 2026)): "
                                            "say what shows it"));
  g_assert_nonnull (strstr (error->message, "condition 2 (Treatment: "));
  g_assert_nonnull (strstr (error->message, "choose how far it was complied with"));
  g_clear_error (&error);
  issues = kes_moj_report_check_compliance (report, "B.compliance", TRUE);
  g_assert_cmpuint (issues->len, ==, 3);
  g_assert_cmpstr (((KesIssue *) g_ptr_array_index (issues, 0))->field, ==, evidence);

  second_rating = kes_moj_compliance_key ("B.compliance", rows[1], KES_MOJ_COMPLIANCE_RATING);
  second_evidence = kes_moj_compliance_key ("B.compliance", rows[1], KES_MOJ_COMPLIANCE_EVIDENCE);
  kes_moj_report_set_value (report, evidence, "Seen at home at every visit.");
  kes_moj_report_set_value (report, second_rating, "not-known");
  kes_moj_report_set_value (report, second_evidence, "The condition ended on the first day of the period.");
  /* Part A has no table and was never held up by one. */
  g_assert_true (kes_store_set_moj_part_ready (fixture->store, report, "A", TRUE, &error));
  g_assert_no_error (error);
  sign_all (fixture, report);
  g_assert_cmpint (kes_moj_report_get_part_state (report, "B"), ==, KES_MOJ_PART_SIGNED);

  /* The ratings are part of what Part B's signature covers. */
  kes_moj_report_set_value (report, rating, "partly");
  g_assert_cmpint (kes_moj_report_get_part_state (report, "B"), ==, KES_MOJ_PART_ALTERED);
  g_assert_cmpint (kes_moj_report_get_part_state (report, "C"), ==, KES_MOJ_PART_SIGNED);
  kes_moj_report_set_value (report, rating, "complied");
  g_assert_cmpint (kes_moj_report_get_part_state (report, "B"), ==, KES_MOJ_PART_SIGNED);

  /* Stored with the report: a reload gives the same rows and values. */
  {
    g_autoptr(KesMojRecord) loaded = kes_store_load_moj_record (fixture->store, kes_moj_record_get_id (report),
                                                                &error);
    g_auto(GStrv) again = NULL;

    g_assert_no_error (error);
    again = kes_moj_report_dup_compliance_rows (loaded, "B.compliance");
    g_assert_cmpuint (g_strv_length (again), ==, 2);
    g_assert_cmpstr (kes_moj_report_get_value (loaded, second_rating), ==, "not-known");
    g_assert_cmpint (kes_moj_report_get_part_state (loaded, "B"), ==, KES_MOJ_PART_SIGNED);
  }
}

/* Issue 21: an incident or recall, and the urgent report written about it. */
static void
test_incident_and_urgent_report (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = save_status (fixture, "2026-01-05", "2026-01-05");
  g_autoptr(KesMojRecord) incident = kes_moj_record_new (KES_MOJ_INCIDENT, kes_patient_get_id (fixture->patient));
  g_autoptr(KesMojRecord) urgent = new_report (fixture, KES_MOJ_REPORT_URGENT, "2026-01-10");
  g_autoptr(KesMojRecord) stray = new_report (fixture, KES_MOJ_REPORT_URGENT, "2026-01-10");
  g_autoptr(KesMojRecord) routine = new_report (fixture, KES_MOJ_REPORT_ROUTINE, "2026-02-02");
  g_autoptr(KesMojRecord) loaded = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) south = NULL;
  const char *admin_only[] = { KES_ROLE_ADMINISTRATOR, NULL };

  /* Every required field is named when missing. */
  g_assert_false (kes_store_save_moj_record (fixture->store, incident, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Date of the incident: please fill this in\n"
                   "What kind of incident: please fill this in\n"
                   "What happened: please fill this in\n"
                   "What has been done: please fill this in");
  g_clear_error (&error);
  kes_moj_record_set_text (incident, "incident_date", "2026-01-09");
  kes_moj_record_set_text (incident, "category", "breach");
  kes_moj_record_set_text (incident, "description", "Stayed two nights away from the approved address");
  kes_moj_record_set_text (incident, "action", "Seen at home; MHCS phoned; RC told");
  kes_moj_record_set_text (incident, "recall_date", "2026-01-08");
  g_assert_false (kes_store_save_moj_record (fixture->store, incident, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Recalled to hospital on: it cannot be before the incident");
  g_clear_error (&error);
  kes_moj_record_set_text (incident, "recall_date", "");

  /* Someone who may not write clinical records, or works in another team,
   * can't record it; nothing is saved. */
  admin = kes_test_account_titled (fixture->store, "ada", "Ada Admin", "Administrator", "North", NULL,
                                   KES_TEST_ALL_ROLES);
  kes_test_set_role_list (fixture->store, admin, admin_only);
  south = kes_test_account_titled (fixture->store, "sid", "Sid South", "CPN", "South", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, admin);
  g_assert_false (kes_store_save_moj_record (fixture->store, incident, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_store_set_actor (fixture->store, south);
  g_assert_false (kes_store_save_moj_record (fixture->store, incident, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_moj_record_get_id (incident));

  kes_store_set_actor (fixture->store, fixture->social);
  g_assert_true (kes_store_save_moj_record (fixture->store, incident, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* The urgent report starts from the incident and names it. */
  kes_moj_report_link_incident (urgent, incident);
  g_assert_cmpstr (kes_moj_record_get_text (urgent, "trigger"), ==, "breach");
  g_assert_cmpstr (kes_moj_record_get_text (urgent, "trigger_when"), ==, "2026-01-09");
  g_assert_true (kes_store_save_moj_record (fixture->store, urgent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  loaded = kes_store_load_moj_record (fixture->store, kes_moj_record_get_id (urgent), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_text (loaded, KES_MOJ_INCIDENT_LINK), ==, kes_moj_record_get_id (incident));
  g_ptr_array_add (reports, g_object_ref (loaded));
  g_assert_true (kes_moj_incident_find_report (incident, reports) == loaded);

  /* A link to anything but an incident of this patient in force is refused;
   * so is a routine report about an incident. */
  kes_moj_record_set_text (stray, "trigger", "other");
  kes_moj_record_set_text (stray, "trigger_what", "x");
  kes_moj_record_set_text (stray, "trigger_when", "2026-01-09");
  kes_moj_record_set_text (stray, "trigger_action", "y");
  kes_moj_record_set_text (stray, KES_MOJ_INCIDENT_LINK, kes_moj_record_get_id (status));
  g_assert_false (kes_store_save_moj_record (fixture->store, stray, KES_CHANGE_CREATE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "names an incident that is not one of this patient’s incidents"));
  g_clear_error (&error);
  kes_moj_record_set_text (routine, KES_MOJ_INCIDENT_LINK, kes_moj_record_get_id (incident));
  g_assert_false (kes_store_save_moj_record (fixture->store, routine, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Only an urgent report can be written about an incident");
  g_clear_error (&error);

  /* Entered in error, the incident can no longer be named by a new report. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_moj_record_get_id (incident),
                                                  kes_moj_record_get_revision (incident), "Wrong patient", &error));
  g_assert_no_error (error);
  kes_moj_record_set_text (stray, KES_MOJ_INCIDENT_LINK, kes_moj_record_get_id (incident));
  g_assert_false (kes_store_save_moj_record (fixture->store, stray, KES_CHANGE_CREATE, NULL, &error));
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/moj/schedule/data", test_schedule_data);
  g_test_add_func ("/moj/schedule/month-ends-and-leap-years", test_schedule_month_ends);
  g_test_add_func ("/moj/schedule/next-due", test_schedule_next_due);
  g_test_add_func ("/moj/schedule/tribunal-and-address", test_tribunal_windows);
  g_test_add_func ("/moj/report/digest-per-part", test_digest_is_per_part);
  g_test_add_func ("/moj/report/submission-timing", test_submission_timing);
  g_test_add_func ("/moj/records/dates-in-order", test_dates_in_order);
#define ADD(path, func) g_test_add ("/moj/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("legal-status/validation-history-current", test_legal_status_validation);
  ADD ("conditions-and-address-notice", test_conditions_and_notices);
  ADD ("due/late-early-recall-and-re-discharge", test_due_reports);
  ADD ("due/urgent-report-top", test_urgent_report_top);
  ADD ("incident/urgent-report-link", test_incident_and_urgent_report);
  ADD ("report/sign-alter-submit", test_sign_alter_submit);
  ADD ("report/prefill-contacts", test_prefill);
  ADD ("report/condition-compliance", test_condition_compliance);
#undef ADD
  return g_test_run ();
}
