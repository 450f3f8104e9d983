/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-referral.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"

/* Catchment areas as directory data (issue 21): seeded by migration 0022
 * from the lists that were fixed, edited by those who manage the directory,
 * and followed by the eligibility rule and every referral that names one. */

typedef struct
{
  KesStore   *store;
  KesStaff   *manager;   /* team manager: manages the directory */
  KesStaff   *clinician; /* clinician only: may not */
  KesPatient *patient;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GError) error = NULL;

  kes_clock_set_fixed (now);
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->manager = kes_test_account (fixture->store, "mo", "Mo Manager", "North", "clinician team-manager");
  fixture->clinician = kes_test_account (fixture->store, "cal", "Cal Clinician", "North", "clinician");
  kes_store_set_actor (fixture->store, fixture->manager);
  fixture->patient = kes_patient_new ();
  kes_patient_set_text (fixture->patient, KES_PATIENT_FAMILY_NAME, "Wagtail");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (fixture->patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (fixture->patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->clinician);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static KesReferral *
make_referral (Fixture    *fixture,
               const char *area)
{
  KesReferral *referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (fixture->patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-11-20");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, area);
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation");
  kes_referral_set_inpatient (referral, TRUE);
  return referral;
}

static KesFieldRecord *
find_area (Fixture    *fixture,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = kes_store_list_catchment_areas (fixture->store, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < areas->len; i++)
    if (g_str_equal (kes_field_record_get_text (areas->pdata[i], "code"), code))
      return g_object_ref (areas->pdata[i]);
  return NULL;
}

static KesFieldRecord *
add_area (Fixture    *fixture,
          const char *name,
          const char *membership)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *area = kes_catchment_area_new ();

  kes_field_record_set_text (area, "name", name);
  kes_field_record_set_text (area, "membership", membership);
  g_assert_true (kes_store_save_catchment_area (fixture->store, area, &error));
  g_assert_no_error (error);
  return area;
}

/* Eligibility of @referral against the areas as they now stand: the
 * warning on the area, or NULL when it meets the catchment criterion. */
static char *
area_warning (Fixture     *fixture,
              KesReferral *referral)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = kes_store_referral_eligibility (fixture->store, referral, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((KesIssue *) warnings->pdata[i])->field, "area"))
      return g_strdup (((KesIssue *) warnings->pdata[i])->message);
  return NULL;
}

/* The new file starts with the lists that were fixed, as the database
 * update wrote them: referrals made before keep their codes and names. */
static void
test_seeded (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCatchment) catchment = kes_store_get_catchment (fixture->store, &error);
  g_autoptr(KesFieldRecord) norfolk = find_area (fixture, "norfolk");
  g_autoptr(GPtrArray) history = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (kes_catchment_get_n_areas (catchment), ==, 4);
  g_assert_true (kes_catchment_includes (catchment, "norfolk"));
  g_assert_true (kes_catchment_includes (catchment, "suffolk"));
  g_assert_true (kes_catchment_includes (catchment, "cambs-peterborough"));
  g_assert_false (kes_catchment_includes (catchment, "other"));
  g_assert_true (kes_catchment_offers (catchment, "other"));
  g_assert_cmpstr (kes_catchment_area_name (catchment, "cambs-peterborough"), ==, "Cambridgeshire and Peterborough");
  g_assert_cmpstr (kes_catchment_display_name (catchment, "atlantis"), ==, "atlantis");
  g_assert_null (kes_catchment_area_name (catchment, "atlantis"));

  g_assert_nonnull (norfolk);
  g_assert_cmpstr (kes_field_record_get_text (norfolk, "membership"), ==, "own");
  history = kes_store_list_history (fixture->store, kes_field_record_get_id (norfolk), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (kes_revision_get_author_id (history->pdata[0]), ==, "kestrel-update-0022");
}

/* A referral from a newly added area meets the catchment criterion; once
 * the area is retired, the same referral does not, no new referral may
 * name it, and the referral made from it still shows and can be edited. */
static void
test_eligibility_follows_edits (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KesFieldRecord) lynn = add_area (fixture, "King’s Lynn and West Norfolk", "external");
  g_autoptr(KesReferral) before = make_referral (fixture, "kings-lynn-and-west-norfolk");
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(KesReferral) fresh = NULL;
  g_autoptr(KesCatchment) catchment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  /* The code comes from the name and never changes. */
  g_assert_cmpstr (kes_field_record_get_text (lynn, "code"), ==, "kings-lynn-and-west-norfolk");
  g_assert_null (area_warning (fixture, before));
  g_assert_true (kes_store_save_referral (fixture->store, before, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* Retired (by the manager): outside the catchment from now on. */
  kes_field_record_set_bool (lynn, "retired", TRUE);
  g_assert_true (kes_store_save_catchment_area (fixture->store, lynn, &error));
  g_assert_no_error (error);
  referral = kes_store_load_referral (fixture->store, kes_referral_get_id (before), &error);
  g_assert_no_error (error);
  warning = area_warning (fixture, referral);
  g_assert_cmpstr (warning, ==, "Area “King’s Lynn and West Norfolk” is outside the team’s catchment");

  /* No new referral from it, in plain words. */
  fresh = make_referral (fixture, "kings-lynn-and-west-norfolk");
  g_assert_false (kes_store_save_referral (fixture->store, fresh, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Area “King’s Lynn and West Norfolk” has been retired from the catchment "
                                       "areas: choose the area the person will live in");
  g_clear_error (&error);
  g_assert_null (kes_referral_get_id (fresh));

  /* The referral that named it keeps it, shows its name and can still be edited. */
  catchment = kes_store_get_catchment (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_catchment_display_name (catchment, kes_referral_get_text (referral, KES_REFERRAL_AREA)), ==,
                   "King’s Lynn and West Norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Birch Ward, Fenland Secure Unit");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  /* An area moved into the catchment: a referral from it is eligible. */
  {
    g_autoptr(KesFieldRecord) other = find_area (fixture, "other");
    g_autoptr(KesReferral) essex = make_referral (fixture, "other");
    g_autofree char *outside = area_warning (fixture, essex);

    g_assert_nonnull (outside);
    kes_field_record_set_text (other, "membership", "external");
    g_assert_true (kes_store_save_catchment_area (fixture->store, other, &error));
    g_assert_no_error (error);
    g_assert_null (area_warning (fixture, essex));
  }
}

/* Renaming keeps the code: every referral shows the new name. */
static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KesFieldRecord) suffolk = find_area (fixture, "suffolk");
  g_autoptr(KesReferral) referral = make_referral (fixture, "suffolk");
  g_autoptr(KesCatchment) catchment = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_field_record_set_text (suffolk, "name", "  West Suffolk  ");
  g_assert_true (kes_store_save_catchment_area (fixture->store, suffolk, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (suffolk, "name"), ==, "West Suffolk");
  catchment = kes_store_get_catchment (fixture->store, &error);
  g_assert_cmpstr (kes_catchment_display_name (catchment, "suffolk"), ==, "West Suffolk");
  /* A second revision by the manager, the first by the database update. */
  history = kes_store_list_history (fixture->store, kes_field_record_get_id (suffolk), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (kes_revision_get_author_id (history->pdata[1]), ==, kes_staff_get_id (fixture->manager));
}

/* What an administrator may not do to an area, each in plain words, with
 * nothing written. */
static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KesFieldRecord) norfolk = find_area (fixture, "norfolk");
  g_autoptr(KesFieldRecord) stale = kes_field_record_copy (norfolk);
  g_autoptr(KesFieldRecord) blank = kes_catchment_area_new ();
  g_autoptr(KesFieldRecord) twin = kes_catchment_area_new ();
  g_autoptr(GError) error = NULL;
  gint64 revision = kes_field_record_get_revision (norfolk);

  kes_field_record_set_text (blank, "name", "   ");
  kes_field_record_set_text (blank, "membership", "own");
  g_assert_false (kes_store_save_catchment_area (fixture->store, blank, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Name is required: the area as people call it, for example North Norfolk");
  g_clear_error (&error);
  g_assert_null (kes_field_record_get_id (blank));

  kes_field_record_set_text (twin, "name", "SUFFOLK");
  kes_field_record_set_text (twin, "membership", "own");
  g_assert_false (kes_store_save_catchment_area (fixture->store, twin, &error));
  g_assert_cmpstr (error->message, ==, "Name “SUFFOLK”: another catchment area already has this name");
  g_clear_error (&error);
  g_assert_cmpstr (kes_field_record_get_text (twin, "code"), ==, "");

  kes_field_record_set_text (norfolk, "code", "norfolk-north");
  g_assert_false (kes_store_save_catchment_area (fixture->store, norfolk, &error));
  g_assert_cmpstr (error->message, ==, "An area’s code can’t change: referrals made from it keep it");
  g_clear_error (&error);
  kes_field_record_set_text (norfolk, "code", "norfolk");

  /* Two people from the same revision: the second is refused. */
  kes_field_record_set_text (norfolk, "name", "Norfolk (county)");
  g_assert_true (kes_store_save_catchment_area (fixture->store, norfolk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_field_record_get_revision (norfolk), ==, revision + 1);
  kes_field_record_set_text (stale, "membership", "external");
  g_assert_false (kes_store_save_catchment_area (fixture->store, stale, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
}

/* Core refuses an ordinary clinician, whatever the app shows. */
static void
test_clinician_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesFieldRecord) norfolk = find_area (fixture, "norfolk");
  g_autoptr(KesFieldRecord) added = kes_catchment_area_new ();
  g_autoptr(KesCatchment) catchment = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, fixture->clinician);
  kes_field_record_set_text (added, "name", "Essex");
  kes_field_record_set_text (added, "membership", "own");
  g_assert_false (kes_store_save_catchment_area (fixture->store, added, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_field_record_set_bool (norfolk, "retired", TRUE);
  g_assert_false (kes_store_save_catchment_area (fixture->store, norfolk, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Reading them is every role's. */
  catchment = kes_store_get_catchment (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_catchment_get_n_areas (catchment), ==, 4);
  g_assert_true (kes_catchment_offers (catchment, "norfolk"));
}

/* What the referral form says beside the area as it is chosen (issue 21):
 * nothing inside the catchment; outside it, that the referral is still
 * recorded and what can be decided; retired, kept on a referral saved
 * with it, otherwise "choose the area the person will live in". */
static void
test_area_note (void)
{
  g_autoptr(KesCatchment) catchment = kes_catchment_new ();
  g_autofree char *outside = NULL;
  g_autofree char *retired_new = NULL;
  g_autofree char *retired_kept = NULL;
  g_autofree char *unknown = NULL;

  kes_catchment_add (catchment, "norfolk", "Norfolk", "own", FALSE);
  kes_catchment_add (catchment, "other", "Elsewhere (outside the catchment)", "outside", FALSE);
  kes_catchment_add (catchment, "fens", "The Fens", "own", TRUE);

  g_assert_null (kes_referral_area_note (catchment, "norfolk", FALSE));
  g_assert_null (kes_referral_area_note (catchment, "", FALSE));
  outside = kes_referral_area_note (catchment, "other", FALSE);
  g_assert_cmpstr (outside, ==, "“Elsewhere (outside the catchment)” is outside the team’s catchment. The "
                                "referral is still recorded and counted: on its page, decline it or redirect it "
                                "to another service with a reason, or a team manager accepts it for assessment.");
  retired_new = kes_referral_area_note (catchment, "fens", FALSE);
  g_assert_cmpstr (retired_new, ==, "“The Fens” has been retired from the catchment areas: choose the area the "
                                    "person will live in");
  retired_kept = kes_referral_area_note (catchment, "fens", TRUE);
  g_assert_cmpstr (retired_kept, ==, "“The Fens” has been retired from the catchment areas. This referral keeps "
                                     "it and counts as outside the catchment.");
  unknown = kes_referral_area_note (catchment, "atlantis", FALSE);
  g_assert_cmpstr (unknown, ==, "“atlantis” is not one of the catchment areas: choose another");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/catchment/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("seeded-by-the-update", test_seeded);
  ADD ("eligibility-follows-edits", test_eligibility_follows_edits);
  ADD ("rename-keeps-the-code", test_rename);
  ADD ("rules", test_rules);
  ADD ("clinician-refused", test_clinician_refused);
#undef ADD
  g_test_add_func ("/catchment/area-note", test_area_note);

  return g_test_run ();
}
