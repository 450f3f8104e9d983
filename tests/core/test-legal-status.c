/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-records.h"
#include "kes-store-moj.h"
#include "kes-store-referrals.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* One legal status: the legal status record is the only home of a
 * patient's section, MHCS reference, MAPPA and index offences. A referral
 * reads it and writes back what its own save changed, never undoing what
 * was recorded on the Legal & MoJ tab since. */

typedef KesCoreRecordFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kes_core_record_fixture_set_up (fixture, "2026-11-21", "Wagtail");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_core_record_fixture_tear_down (fixture);
}

static KesReferral *
save_referral (Fixture    *fixture,
               const char *legal,
               const char *offence)
{
  g_autoptr(GError) error = NULL;
  KesReferral *referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, fixture->patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-11-20");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation");
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, legal);
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, offence);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return referral;
}

static KesMojRecord *
current (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KesMojRecord *status = kes_store_current_legal_status (fixture->store, fixture->patient_id, &error);

  g_assert_no_error (error);
  return status;
}

static guint
n_revisions (Fixture      *fixture,
             KesMojRecord *status)
{
  g_autoptr(GPtrArray) revisions = kes_store_list_revisions (fixture->store, kes_moj_record_get_id (status), NULL);

  return revisions->len;
}

/* A referral for a patient with no legal status makes the record; the
 * caseload and the header's MHCS reference then read it. */
static void
test_referral_makes_the_record (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KesReferral) referral = save_referral (fixture, "10", "Wounding (s20), 2019");
  g_autoptr(KesMojRecord) status = current (fixture);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (status);
  g_assert_cmpstr (kes_moj_record_get_text (status, "authority"), ==, "10");
  g_assert_cmpstr (kes_moj_record_get_text (status, "index_offences"), ==, "Wounding (s20), 2019");
  revisions = kes_store_list_revisions (fixture->store, kes_moj_record_get_id (status), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_revision_get_reason (g_ptr_array_index (revisions, 0)), ==,
                   "From the referral of 20 Nov 2026");

  /* "Not known" says nothing: an offence alone makes a record whose
   * status is not known until someone records it. */
  g_clear_object (&status);
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, KES_LEGAL_STATUS_NOT_KNOWN);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  status = current (fixture);
  g_assert_cmpstr (kes_moj_record_get_text (status, "authority"), ==, "10");
}

/* Only what a save changed goes to the record: an old referral saved
 * again does not undo the Legal & MoJ tab. */
static void
test_referral_writes_only_its_change (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(KesMojRecord) after = NULL;

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2025-06-02");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "index_offences", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* The same facts (as the form prefills them): nothing is written. */
  referral = save_referral (fixture, "09", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  after = current (fixture);
  g_assert_cmpuint (n_revisions (fixture, after), ==, 1);
  g_clear_object (&after);

  /* A change typed in the referral reaches the record, with its source. */
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, "Wounding with intent (s18), 14 Aug 2018, Norwich city");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  after = current (fixture);
  g_assert_cmpstr (kes_moj_record_get_text (after, "index_offences"), ==,
                   "Wounding with intent (s18), 14 Aug 2018, Norwich city");
  g_assert_cmpstr (kes_moj_record_get_text (after, "mhcs_reference"), ==, "MHCS/2019/4411");
  g_assert_cmpuint (n_revisions (fixture, after), ==, 2);

  /* The tab corrects the offence and adds the court; the referral saved
   * again for another reason leaves both alone. */
  kes_moj_record_set_text (after, "court", "Norwich Crown Court");
  kes_moj_record_set_text (after, "index_offences", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->store, after, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge; recalled since");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  after = current (fixture);
  g_assert_cmpstr (kes_moj_record_get_text (after, "index_offences"), ==,
                   "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_cmpstr (kes_moj_record_get_text (after, "court"), ==, "Norwich Crown Court");
  g_assert_cmpuint (n_revisions (fixture, after), ==, 3);
}

/* A legal status no list knows is refused before anything is written:
 * neither the referral nor a legal status record exists after. */
static void
test_refused_together (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autoptr(KesMojRecord) status = NULL;

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, fixture->patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-11-20");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge");
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, "11");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_null (kes_referral_get_id (referral));
  status = current (fixture);
  g_assert_null (status);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/legal-status/referral-makes-the-record", test_referral_makes_the_record);
  ADD ("/legal-status/referral-writes-only-its-change", test_referral_writes_only_its_change);
  ADD ("/legal-status/refused-together", test_refused_together);
#undef ADD

  return g_test_run ();
}
