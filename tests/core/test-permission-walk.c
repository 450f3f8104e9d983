/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-carers.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-crisis-essentials.h"
#include "kes-demo.h"
#include "kes-equality.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-community.h"
#include "kes-store-due.h"
#include "kes-store-moj.h"
#include "kes-store-next-review.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-store-staff.h"
#include "kes-store-whole-db.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"
#include "kes-verify.h"

/* The permission walk: every row of docs/permissions.md's table "Where core
 * enforces it" is tried as an account of each role, as an account without
 * roles and with no one signed in. Exactly the roles that grant what the
 * row needs get past the permission check; everyone else is refused with
 * KES_ERROR_PERMISSION (KES_ERROR_NO_ACTOR with no one signed in). Getting
 * past it means any other answer: the result, or a complaint about the
 * input, which core makes only after the permission check. Every row has a
 * case here and every case a row, so the table is the truth.
 *
 * The database is the demo's (one account per role, in the North team but
 * for the administrator) with the records the demo does not make, and a
 * North patient's records to work on. */

typedef struct
{
  KesStore   *store;
  const char *password;      /* the acting account's, for signing */
  char       *dir;
  char       *patient_id;    /* North, with every kind of record */
  char       *note_id;
  char       *contact_id;
  char       *referral_id;
  char       *document_id;
  char       *risk_id;
  char       *moj_report_id;
  char       *care_id;
  char       *depot_id;      /* a depot prescription */
  char       *carer_id;
  char       *assessment_id;
  char       *screening_id;
  char       *target_id;     /* an account administrators change */
  char       *team_id;       /* a team to rename */
  KesStaff   *clinician;     /* who reads what a case then tries */
  KesStaff   *administrator;
  guint       serial;        /* for names that must be new each time */
} Walk;

typedef gboolean (*Case) (Walk *w, GError **error);

/* ---- Cases: one per entry point, each a plain call ---- */

static char *
unique (Walk       *w,
        const char *stem)
{
  return g_strdup_printf ("%s%u", stem, ++w->serial);
}

static gboolean c_load_patient (Walk *w, GError **e) { g_autoptr(KesPatient) result_ = kes_store_load_patient (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_find_patient (Walk *w, GError **e) { g_autoptr(KesPatient) result_ = kes_store_find_patient (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_caseload (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_load_caseload_rows (w->store, e); return result_ != NULL; }
static gboolean c_lookup_id (Walk *w, GError **e) { g_autofree char *result_ = kes_store_lookup_patient_id (w->store, w->patient_id, e); return result_ != NULL; }

static gboolean
c_count_patients (Walk *w, GError **e)
{
  if (kes_store_count_patients (w->store) > 0)
    return TRUE;
  /* The count says nothing to someone who may not read the register. */
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_IDENTITY, NULL, e);
}

static gboolean
c_patient_name (Walk *w, GError **e)
{
  g_autofree char *name = kes_store_referral_patient_name (w->store, w->patient_id);

  if (*name != '\0')
    return TRUE;
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_IDENTITY, w->patient_id, e);
}

static gboolean
c_save_patient (Walk *w, GError **e)
{
  /* A new entry with nothing in it: refused for its empty fields, after the
   * permission. */
  g_autoptr(KesPatient) empty = kes_patient_new ();
  return kes_store_save_patient (w->store, empty, KES_CHANGE_CREATE, NULL, e);
}

static gboolean c_break_glass (Walk *w, GError **e) { return kes_store_break_glass (w->store, w->patient_id, "Walk: why", e); }
static gboolean c_revisions (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_revisions (w->store, w->note_id, e); return result_ != NULL; }
static gboolean c_history (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_history (w->store, w->note_id, e); return result_ != NULL; }

static gboolean
c_mark_error (Walk *w, GError **e)
{
  /* Revision 0 is never current: a conflict after the permission. */
  return kes_store_mark_entered_in_error (w->store, w->note_id, 0, "Walk", e);
}

static gboolean c_notes (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_notes (w->store, w->patient_id, FALSE, e); return result_ != NULL; }
static gboolean c_contacts (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_contacts (w->store, w->patient_id, FALSE, e); return result_ != NULL; }

static gboolean
c_count_contacts (Walk *w, GError **e)
{
  if (kes_store_count_contacts (w->store, w->patient_id, NULL, NULL) > 0)
    return TRUE;
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_CLINICAL, w->patient_id, e);
}

static gboolean c_search_notes (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_search_notes (w->store, "plan", 5, e); return result_ != NULL; }

static gboolean
c_save_note (Walk *w, GError **e)
{
  g_autoptr(KesNote) note = kes_note_new ();

  kes_note_set_patient_id (note, w->patient_id);
  return kes_store_save_note (w->store, note, KES_CHANGE_CREATE, NULL, e);
}

static gboolean
c_save_contact (Walk *w, GError **e)
{
  g_autoptr(KesContact) contact = kes_contact_new ();

  kes_contact_set_patient_id (contact, w->patient_id);
  return kes_store_save_contact (w->store, contact, KES_CHANGE_CREATE, NULL, e);
}

static gboolean
c_list_due (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) result_ = kes_store_list_due (w->store, today, NULL, e); return result_ != NULL;
}

static gboolean
c_moj_due (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  return kes_store_moj_due_items (w->store, today, NULL, items, e);
}

static gboolean c_care_records (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_care_records (w->store, w->patient_id, KES_CARE_PRESCRIPTION, FALSE, e); return result_ != NULL; }
static gboolean c_load_care (Walk *w, GError **e) { g_autoptr(KesCareRecord) result_ = kes_store_load_care_record (w->store, w->care_id, e); return result_ != NULL; }
static gboolean c_care_alerts (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_care_alerts (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_medication_lines (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_medication_lines (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_settle_legal (Walk *w, GError **e) { return kes_store_settle_imported_legal_status (w->store, w->patient_id, e); }

static gboolean
c_begin_visit (Walk *w, GError **e)
{
  return kes_store_begin_visit (w->store, w->patient_id, e) && kes_store_end_visit (w->store, e);
}

static gboolean
c_check_patient (Walk *w, GError **e)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GPtrArray) result_ = NULL;

  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "9434765919");
  result_ = kes_store_check_patient (w->store, patient, e);
  return result_ != NULL;
}

static gboolean
c_find_named (Walk *w, GError **e)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *result_ = kes_store_find_patient_named (w->store, "Nobody", "Called-This", w->patient_id, &local);

  /* No one of that name: past the check unless refused. */
  g_assert_null (result_);
  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
c_share_crisis_plan (Walk *w, GError **e)
{
  g_autoptr(KesCareRecord) plan = kes_care_record_new (KES_CARE_CRISIS_PLAN);
  g_autoptr(KesCareRecord) result_ = NULL;

  /* A plan that is not there: past the check, it is not found. */
  kes_care_record_set_patient_id (plan, w->patient_id);
  kes_care_record_set_identity (plan, "no-such-plan", 1, KES_RECORD_ACTIVE);
  result_ = kes_store_share_crisis_plan (w->store, plan, "Crisis team", "email", "", e);
  return result_ != NULL;
}

static gboolean
c_next_review (Walk *w, GError **e)
{
  g_autofree char *due = NULL;
  KesNextReviewKind kind;

  return kes_store_next_review (w->store, w->patient_id, &due, &kind, e);
}

static gboolean c_essentials (Walk *w, GError **e) { g_autoptr(KesCrisisEssentials) result_ = kes_store_crisis_essentials (w->store, w->patient_id, e); return result_ != NULL; }

static gboolean
c_save_care (Walk *w, GError **e)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (KES_CARE_FBC);

  kes_care_record_set_patient_id (record, w->patient_id);
  return kes_store_save_care_record (w->store, record, KES_CHANGE_CREATE, NULL, e);
}

static gboolean
c_mark_care (Walk *w, GError **e)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (KES_CARE_FBC);

  /* Not a stored record: refused as such, after the permission. */
  kes_care_record_set_patient_id (record, w->patient_id);
  kes_care_record_set_identity (record, "no-such-record", 1, KES_RECORD_ACTIVE);
  return kes_store_mark_care_record_entered_in_error (w->store, record, "Walk", e);
}

static gboolean
c_monitoring (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) result_ = kes_store_list_monitoring (w->store, w->patient_id, today, e);

  return result_ != NULL;
}

/* These answer NULL for "none" and for a refusal alike: the error says which. */
static gboolean
c_care_setting (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) local = NULL;
  g_autoptr(KesCareRecord) setting = kes_store_current_care_setting (w->store, w->patient_id,
                                                                      KES_CARE_CLOZAPINE_MONITORING, today, &local);

  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
c_no_rechallenge (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) local = NULL;
  g_autoptr(KesCareRecord) standing = kes_store_clozapine_no_rechallenge (w->store, w->patient_id, today, &local);

  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

/* The patient's depot prescription names its drug only for those who may
 * read it. */
static gboolean
c_depot_drug (Walk *w, GError **e)
{
  g_autofree char *drug = kes_store_depot_drug_of (w->store, w->depot_id);

  if (drug != NULL)
    return TRUE;
  g_set_error_literal (e, KES_ERROR, kes_store_get_actor (w->store) != NULL ? KES_ERROR_PERMISSION : KES_ERROR_NO_ACTOR,
                       "no drug named");
  return FALSE;
}

/* These two answer the standard thresholds or target to those who may not
 * read the patient's own: the answer can't tell a refusal, so the case
 * holds the function to the permission it is documented to check. */
static gboolean
c_fbc_light (Walk *w, GError **e)
{
  g_autoptr(KesCareRecord) fbc = kes_care_record_new (KES_CARE_FBC);

  kes_care_record_set_patient_id (fbc, w->patient_id);
  kes_store_fbc_light (w->store, fbc, NULL);
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_CLINICAL, w->patient_id, e);
}

static gboolean
c_lithium_target (Walk *w, GError **e)
{
  kes_store_lithium_target (w->store, w->patient_id, "2026-11-21");
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_CLINICAL, w->patient_id, e);
}

static gboolean c_moj_records (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_moj_records (w->store, w->patient_id, KES_MOJ_REPORT, FALSE, e); return result_ != NULL; }
static gboolean c_load_moj (Walk *w, GError **e) { g_autoptr(KesMojRecord) result_ = kes_store_load_moj_record (w->store, w->moj_report_id, e); return result_ != NULL; }

static gboolean
c_legal_status (Walk *w, GError **e)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(KesMojRecord) status = kes_store_current_legal_status (w->store, w->patient_id, &local);

  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean c_moj_next_due (Walk *w, GError **e) { g_autofree char *result_ = kes_store_moj_next_due (w->store, w->patient_id, e); return result_ != NULL; }

static gboolean
c_moj_period (Walk *w, GError **e)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  return kes_store_moj_report_period (w->store, w->patient_id, today, &from, &to, e);
}

static gboolean
c_moj_prefill (Walk *w, GError **e)
{
  g_autoptr(GHashTable) result_ = kes_store_moj_prefill_values (w->store, w->patient_id, "2026-01-01", "2026-11-21", e); return result_ != NULL;
}

static gboolean
c_save_moj (Walk *w, GError **e)
{
  g_autoptr(KesMojRecord) record = kes_moj_record_new (KES_MOJ_CONDITION, w->patient_id);

  return kes_store_save_moj_record (w->store, record, KES_CHANGE_CREATE, NULL, e);
}

static KesMojRecord *
moj_report (Walk *w)
{
  KesStaff *actor = kes_store_get_actor (w->store);
  KesMojRecord *report;

  /* Read as someone who may, then tried as the actor. */
  kes_store_set_actor (w->store, w->clinician);
  report = kes_store_load_moj_record (w->store, w->moj_report_id, NULL);
  kes_store_set_actor (w->store, actor);
  g_assert_nonnull (report);
  return report;
}

static gboolean
c_moj_ready (Walk *w, GError **e)
{
  g_autoptr(KesMojRecord) report = moj_report (w);

  return kes_store_set_moj_part_ready (w->store, report, "no-such-part", TRUE, e);
}

static gboolean
c_moj_submit (Walk *w, GError **e)
{
  g_autoptr(KesMojRecord) report = moj_report (w);

  return kes_store_submit_moj_report (w->store, report, "not a date", "", "", e);
}

static gboolean
c_moj_sign (Walk *w, GError **e)
{
  g_autoptr(KesMojRecord) report = moj_report (w);
  g_autoptr(GError) local = NULL;

  if (kes_store_sign_moj_report_part (w->store, report, "A", w->password, &local))
    return TRUE;
  /* Only the supervisor the part names signs it: that is a rule of the
   * report, past the permission. */
  if (strstr (local->message, "can only be signed by") != NULL || strstr (local->message, "names none") != NULL)
    {
      g_set_error_literal (e, KES_ERROR, KES_ERROR_INVALID, local->message);
      return FALSE;
    }
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static KesReferral *
referral (Walk *w)
{
  KesStaff *actor = kes_store_get_actor (w->store);
  KesReferral *loaded;

  kes_store_set_actor (w->store, w->clinician);
  loaded = kes_store_load_referral (w->store, w->referral_id, NULL);

  kes_store_set_actor (w->store, actor);
  g_assert_nonnull (loaded);
  return loaded;
}

static gboolean c_load_referral (Walk *w, GError **e) { g_autoptr(KesReferral) result_ = kes_store_load_referral (w->store, w->referral_id, e); return result_ != NULL; }
static gboolean c_referrals (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_referrals (w->store, w->patient_id, FALSE, e); return result_ != NULL; }
static gboolean c_episodes (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_referral_episodes (w->store, e); return result_ != NULL; }
static gboolean c_eligibility (Walk *w, GError **e) { g_autoptr(KesReferral) loaded = referral (w); g_autoptr(GPtrArray) result_ = kes_store_referral_eligibility (w->store, loaded, e); return result_ != NULL; }

static gboolean
c_alteration (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;

  /* Made to read as altered, so that the history is looked at. */
  kes_referral_set_text (loaded, KES_REFERRAL_SIGNED_AT, "2026-01-01T00:00:00Z");
  kes_referral_set_text (loaded, KES_REFERRAL_SIGNED_DIGEST, "0");
  return kes_store_referral_alteration (w->store, loaded, &by, &at, e);
}

static gboolean c_documents (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_referral_documents (w->store, w->referral_id, e); return result_ != NULL; }
static gboolean c_load_document (Walk *w, GError **e) { g_autoptr(GBytes) result_ = kes_store_load_referral_document (w->store, w->document_id, e); return result_ != NULL; }
static gboolean c_search_documents (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_search_referral_documents (w->store, "letter", 5, e); return result_ != NULL; }
static gboolean c_latest_signed (Walk *w, GError **e) { g_autoptr(KesRiskAssessment) result_ = kes_store_latest_signed_risk_assessment (w->store, w->patient_id, e); return result_ != NULL; }

static gboolean
c_save_referral (Walk *w, GError **e)
{
  g_autoptr(KesReferral) fresh = kes_referral_new ();

  kes_referral_set_text (fresh, KES_REFERRAL_PATIENT_ID, w->patient_id);
  return kes_store_save_referral (w->store, fresh, KES_CHANGE_CREATE, NULL, e);
}

static gboolean
c_move_referral (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);

  return kes_store_move_referral (w->store, loaded, KES_REFERRAL_RECEIVED, "1900-01-01", NULL, NULL, NULL, e);
}

static gboolean
c_add_document (Walk *w, GError **e)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *id = kes_store_add_referral_document (w->store, w->referral_id, "", empty, 0, "", e);

  return id != NULL;
}

static gboolean
c_correct_referral (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);

  return kes_store_correct_referral (w->store, loaded, "", e);
}

static gboolean
c_inreach_visit (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);
  KesInreachVisit visit = { 0 };

  return kes_store_save_inreach_visit (w->store, loaded, -1, &visit, NULL, e);
}

static gboolean
c_inreach_error (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);

  return kes_store_inreach_visit_entered_in_error (w->store, loaded, 999, "Walk", e);
}

static gboolean
c_sign_referral (Walk *w, GError **e)
{
  g_autoptr(KesReferral) loaded = referral (w);

  /* Its assessment is not filled in: refused for that, after the permission. */
  kes_referral_set_text (loaded, KES_REFERRAL_HISTORY, NULL);
  return kes_store_sign_referral_assessment (w->store, loaded, w->password, e);
}

static gboolean c_risks (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_risk_assessments (w->store, w->patient_id, FALSE, e); return result_ != NULL; }
static gboolean c_load_risk (Walk *w, GError **e) { g_autoptr(KesRiskAssessment) result_ = kes_store_load_risk_assessment (w->store, w->risk_id, e); return result_ != NULL; }

static gboolean
c_save_risk (Walk *w, GError **e)
{
  g_autoptr(KesRiskAssessment) draft = kes_risk_assessment_new (w->patient_id, "HCR-20", "3", 1);

  return kes_store_save_risk_assessment (w->store, draft, NULL, e);
}

static gboolean
c_sign_off_risk (Walk *w, GError **e)
{
  /* No sign-off fields: refused for those, after the permission. */
  g_autoptr(KesRiskAssessment) draft = kes_risk_assessment_new (w->patient_id, "HCR-20", "3", 1);

  return kes_store_sign_off_risk_assessment (w->store, draft, NULL, w->password, e);
}

static gboolean c_screenings (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_screenings (w->store, NULL, NULL, e); return result_ != NULL; }
static gboolean c_load_screening (Walk *w, GError **e) { g_autoptr(KesFieldRecord) result_ = kes_store_load_screening (w->store, w->screening_id, e); return result_ != NULL; }

static gboolean
c_find_screening (Walk *w, GError **e)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *id = kes_store_find_referral_screening (w->store, w->referral_id, &local);

  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean c_activity (Walk *w, GError **e) { g_autoptr(KesLiaisonActivity) result_ = kes_store_liaison_activity (w->store, "2020-01-01", "2030-01-01", e); return result_ != NULL; }

static gboolean
c_save_screening (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();

  return kes_store_save_screening (w->store, screening, KES_CHANGE_CREATE, NULL, e);
}

/* An empty referral onward: refused for what is missing, after the permission. */
static gboolean
c_save_onward_referral (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) referral = kes_onward_referral_new ();

  kes_field_record_set_text (referral, "screening_id", w->screening_id);
  return kes_store_save_onward_referral (w->store, referral, e);
}

/* An empty signposting record of a screening: refused for what is
 * missing (or its outcome), after the permission. */
static gboolean
c_save_signposting (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) signposting = kes_signposting_new ();

  kes_field_record_set_text (signposting, "source_id", w->screening_id);
  return kes_store_save_signposting (w->store, signposting, e);
}

static gboolean c_signposting (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_signposting (w->store, w->screening_id, e); return result_ != NULL; }
static gboolean c_can_signpost (Walk *w, GError **e) { return kes_store_can_signpost (w->store, w->screening_id, e); }

static gboolean c_onward_referrals (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_onward_referrals (w->store, w->screening_id, e); return result_ != NULL; }

/* A screening the store does not hold: refused as such, after the permission. */
static KesFieldRecord *
unknown_screening (void)
{
  KesFieldRecord *screening = kes_screening_new ();

  kes_field_record_set_identity (screening, "no-such-screening", 1, KES_RECORD_ACTIVE);
  return screening;
}

static gboolean
c_convert_screening (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) screening = unknown_screening ();

  g_autoptr(KesPatient) result_ = kes_store_convert_screening (w->store, screening, w->team_id, e); return result_ != NULL;
}

static gboolean
c_refer_screening (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) screening = unknown_screening ();
  KesScreeningReferral details = { 0 };

  g_autoptr(KesReferral) result_ = kes_store_refer_screening (w->store, screening, &details, w->team_id, e); return result_ != NULL;
}

static gboolean c_patient_records (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_patient_records (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_patient_histories (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_patient_histories (w->store, w->patient_id, e); return result_ != NULL; }
static gboolean c_patient_history_rows (Walk *w, GError **e) { g_autoptr(KesHistoryRows) result_ = kes_store_read_patient_histories (w->store, w->patient_id, e); return result_ != NULL; }
/* The patient's note as the one record: its kind's permission decides. */
static gboolean
c_patient_record_revisions (Walk *w, GError **e)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_record_ref_free);
  g_autoptr(GHashTable) result_ = NULL;
  KesRecordRef *ref = g_new0 (KesRecordRef, 1);

  ref->kind = g_strdup ("note");
  ref->id = g_strdup (w->note_id);
  ref->patient_id = g_strdup (w->patient_id);
  g_ptr_array_add (refs, ref);
  result_ = kes_store_list_patient_record_revisions (w->store, w->patient_id, refs, e);
  return result_ != NULL;
}
/* The same as rows. */
static gboolean
c_patient_record_revision_rows (Walk *w, GError **e)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_record_ref_free);
  g_autoptr(KesHistoryRows) result_ = NULL;
  KesRecordRef *ref = g_new0 (KesRecordRef, 1);

  ref->kind = g_strdup ("note");
  ref->id = g_strdup (w->note_id);
  ref->patient_id = g_strdup (w->patient_id);
  g_ptr_array_add (refs, ref);
  result_ = kes_store_read_patient_record_revisions (w->store, w->patient_id, refs, e);
  return result_ != NULL;
}

static gboolean c_patient_ids (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_patient_ids (w->store, e); return result_ != NULL; }

static gboolean
c_import_team (Walk *w, GError **e)
{
  g_autofree char *name = unique (w, "Walk import team ");
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(KesTeam) team = kes_team_new (id, name);

  return kes_store_import_team (w->store, team, e);
}

static gboolean
c_import_staff (Walk *w, GError **e)
{
  g_autofree char *name = unique (w, "walk.author");
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(KesStaff) staff = kes_staff_new (id, name, name, "", NULL, "");

  return kes_store_import_staff (w->store, staff, e);
}

static gboolean
c_nhs_holder (Walk *w, GError **e)
{
  g_autofree char *holder = NULL;
  gboolean held = FALSE;

  return kes_store_find_nhs_number_holder (w->store, "9434765919", NULL, &held, &holder, e);
}

/* Revision 1 of a note the store holds already: a conflict, after the permission. */
static GPtrArray *
held_revision (Walk *w)
{
  GPtrArray *revisions = g_ptr_array_new_with_free_func (g_object_unref);
  KesStaff *actor = kes_store_get_actor (w->store);

  g_ptr_array_add (revisions, kes_revision_new (w->note_id, 1, KES_CHANGE_CREATE, NULL,
                                                actor != NULL ? kes_staff_get_id (actor) : "nobody", "",
                                                "2026-01-01T00:00:00Z", "{}"));
  return revisions;
}

static gboolean
c_import_revisions (Walk *w, GError **e)
{
  g_autoptr(GPtrArray) revisions = held_revision (w);

  return kes_store_import_revisions (w->store, "note", w->note_id, w->patient_id, revisions, e);
}

static gboolean
c_import_in_transaction (Walk *w, GError **e)
{
  g_autoptr(GPtrArray) revisions = held_revision (w);
  gboolean done;

  g_assert_true (kes_store_begin (w->store, NULL));
  done = kes_store_import_revisions_in_transaction (w->store, "note", w->note_id, w->patient_id, revisions, e);
  kes_store_rollback (w->store);
  return done;
}

static gboolean
c_import_patient_end (Walk *w, GError **e)
{
  gboolean done;

  g_assert_true (kes_store_begin (w->store, NULL));
  g_assert_true (kes_store_import_patient_begin (w->store, w->patient_id, NULL));
  done = kes_store_import_patient_end (w->store, "case record imported (walk)", e);
  g_assert_false (kes_store_import_patient_open (w->store));
  kes_store_rollback (w->store);
  return done;
}

static gboolean c_carers (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_carers (w->store, e); return result_ != NULL; }
static gboolean c_carer_records (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_carer_records (w->store, &kes_carer_link_kind, w->carer_id, NULL, e); return result_ != NULL; }
static gboolean c_load_carer (Walk *w, GError **e) { g_autoptr(KesFieldRecord) result_ = kes_store_load_carer_record (w->store, &kes_carer_kind, w->carer_id, e); return result_ != NULL; }

static gboolean
c_carer_consent (Walk *w, GError **e)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(KesFieldRecord) consent = kes_store_find_carer_consent (w->store, w->patient_id, w->carer_id, &local);

  if (local == NULL)
    return TRUE;
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
c_save_carer (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);

  return kes_store_save_carer_record (w->store, carer, KES_CHANGE_CREATE, NULL, e);
}

static gboolean
c_sign_carer (Walk *w, GError **e)
{
  /* Offered, not completed: refused for that, after the permission. */
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);

  kes_field_record_set_text (assessment, "status", "offered");
  return kes_store_sign_carer_assessment (w->store, assessment, w->password, e);
}

static gboolean c_equality (Walk *w, GError **e) { g_autoptr(KesEqualityReport) result_ = kes_store_equality_report (w->store, "2020-01-01", "2030-01-01", e); return result_ != NULL; }
static gboolean c_list_audit (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_audit (w->store, w->patient_id, "2030-01-01", NULL, e); return result_ != NULL; }
static gboolean c_query_audit (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_query_audit (w->store, NULL, 0, 5, e); return result_ != NULL; }
static gboolean c_break_glass_list (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_break_glass (w->store, "2030-01-01", NULL, e); return result_ != NULL; }
static gboolean c_verify (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_verify (w->store, e); return result_ != NULL; }
static gboolean c_verify_audit (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_verify_audit (w->store, e); return result_ != NULL; }
static gboolean c_verify_parts (Walk *w, GError **e) { g_autoptr(KesVerifyReport) result_ = kes_store_verify_parts (w->store, KES_VERIFY_PART_GUARDS, NULL, NULL, NULL, NULL, e); return result_ != NULL; }
static gboolean c_restore_guards (Walk *w, GError **e) { g_autofree char *restored = NULL; return kes_store_restore_guards (w->store, &restored, e); }
static gboolean c_accounts (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_accounts (w->store, e); return result_ != NULL; }
static gboolean c_load_account (Walk *w, GError **e) { g_autoptr(KesAccount) result_ = kes_store_load_account (w->store, w->target_id, e); return result_ != NULL; }
static gboolean c_account_history (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_account_history (w->store, w->target_id, e); return result_ != NULL; }

static gboolean
c_create_account (Walk *w, GError **e)
{
  g_autofree char *username = unique (w, "walk.new");
  const char *roles[] = { KES_ROLE_CLINICIAN, NULL };

  g_autoptr(KesStaff) result_ = kes_store_create_account (w->store, username, "Walk New", NULL, NULL, NULL, roles,
                                     "meadow-quartz-lantern-5", e); return result_ != NULL;
}

/* The target's revision now, read by someone who may. */
static gint64
target_revision (Walk *w)
{
  KesStaff *actor = kes_store_get_actor (w->store);
  g_autoptr(KesAccount) account = NULL;

  kes_store_set_actor (w->store, w->administrator);
  account = kes_store_load_account (w->store, w->target_id, NULL);

  kes_store_set_actor (w->store, actor);
  g_assert_nonnull (account);
  return kes_account_get_revision (account);
}

static gboolean
c_set_roles (Walk *w, GError **e)
{
  const char *roles[] = { KES_ROLE_CLINICIAN, NULL };
  return kes_store_set_staff_roles (w->store, w->target_id, target_revision (w), roles, e);
}

static gboolean
c_update_details (Walk *w, GError **e)
{
  return kes_store_update_staff_details (w->store, w->target_id, target_revision (w), "Walk Target", "", NULL, "",
                                         e);
}

static gboolean
c_reset_password (Walk *w, GError **e)
{
  return kes_store_reset_password (w->store, w->target_id, target_revision (w), "basalt-heron-pond-7", e);
}

static gboolean c_disable (Walk *w, GError **e) { return kes_store_disable_staff (w->store, w->target_id, target_revision (w), e); }
static gboolean c_enable (Walk *w, GError **e) { return kes_store_enable_staff (w->store, w->target_id, target_revision (w), e); }
static gboolean c_unlock (Walk *w, GError **e) { return kes_store_unlock_account (w->store, w->target_id, target_revision (w), e); }

static gboolean
c_add_tool (Walk *w, GError **e)
{
  g_autoptr(GBytes) nonsense = g_bytes_new_static ("<not-a-tool/>", 13);
  /* HCR-20 v3 definition 1 is there already: a conflict, after the permission. */
  return kes_store_add_tool_definition (w->store, "HCR-20", "3", 1, "HCR-20", nonsense, e);
}

static gboolean c_find_staff (Walk *w, GError **e) { g_autoptr(KesStaff) result_ = kes_store_find_staff (w->store, w->target_id, e); return result_ != NULL; }
static gboolean c_staff (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_staff (w->store, e); return result_ != NULL; }
static gboolean c_teams (Walk *w, GError **e) { g_autoptr(GListModel) result_ = kes_store_list_teams (w->store, e); return result_ != NULL; }

static gboolean
c_find_team (Walk *w, GError **e)
{
  g_autoptr(KesTeam) team = kes_store_find_team (w->store, w->team_id);

  if (team != NULL)
    return TRUE;
  return kes_store_check_permission (w->store, KES_PERMISSION_VIEW_DIRECTORY, NULL, e);
}

static gboolean c_services (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_services (w->store, NULL, e); return result_ != NULL; }
static gboolean c_search_services (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_search_services (w->store, "crisis", FALSE, e); return result_ != NULL; }

static gboolean
c_load_service (Walk *w, GError **e)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(KesFieldRecord) service = kes_store_load_service (w->store, "no-such-service", &local);

  g_assert_null (service);
  g_propagate_error (e, g_steal_pointer (&local));
  return FALSE;
}

static gboolean c_service_areas (Walk *w, GError **e) { g_auto(GStrv) result_ = kes_store_list_service_areas (w->store, e); return result_ != NULL; }
static gboolean c_tools (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_tool_definitions (w->store, e); return result_ != NULL; }

static gboolean
c_add_team (Walk *w, GError **e)
{
  g_autofree char *name = unique (w, "Walk team ");
  g_autoptr(KesTeam) result_ = kes_store_add_team (w->store, name, e); return result_ != NULL;
}

/* Revision 0 is never current: a conflict, after the permission. */
static gboolean c_rename_team (Walk *w, GError **e) { return kes_store_rename_team (w->store, w->team_id, 0, "Walk renamed", e); }

static gboolean
c_save_service (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  return kes_store_save_service (w->store, service, e);
}

static gboolean c_withdraw_service (Walk *w, GError **e) { return kes_store_withdraw_service (w->store, "no-such-service", 1, e); }
static gboolean c_catchment (Walk *w, GError **e) { g_autoptr(KesCatchment) result_ = kes_store_get_catchment (w->store, e); return result_ != NULL; }
static gboolean c_catchment_areas (Walk *w, GError **e) { g_autoptr(GPtrArray) result_ = kes_store_list_catchment_areas (w->store, TRUE, e); return result_ != NULL; }

/* An area with no name: refused for the name, after the permission. */
static gboolean
c_save_catchment_area (Walk *w, GError **e)
{
  g_autoptr(KesFieldRecord) area = kes_catchment_area_new ();
  return kes_store_save_catchment_area (w->store, area, e);
}

static gboolean
c_backup (Walk *w, GError **e)
{
  g_autofree char *folder = g_build_filename (w->dir, "backups", NULL);
  g_autofree char *path = kes_backup_create (w->store, folder, 1, NULL, e);

  return path != NULL;
}

static gboolean
c_backup_full (Walk *w, GError **e)
{
  g_autofree char *folder = g_build_filename (w->dir, "backups", NULL);
  g_autoptr(KesBackupReport) result_ = kes_backup_create_full (w->store, folder, 1, NULL, NULL, NULL, NULL, e); return result_ != NULL;
}

static gboolean
c_restore (Walk *w, GError **e)
{
  g_autofree char *missing = g_build_filename (w->dir, "no-such-backup.db", NULL);
  g_autofree char *target = unique (w, "restored-");
  g_autofree char *path = g_build_filename (w->dir, target, NULL);

  g_autoptr(KesBackupReport) result_ = kes_backup_restore_full (w->store, missing, NULL, path, NULL, NULL, NULL, e); return result_ != NULL;
}

typedef struct
{
  const char *name;
  Case        run;
} Row;

static const Row cases[] = {
  { "kes_store_load_patient", c_load_patient },
  { "kes_store_begin_visit", c_begin_visit },
  { "kes_store_check_patient", c_check_patient },
  { "kes_store_find_patient_named", c_find_named },
  { "kes_store_find_patient", c_find_patient },
  { "kes_store_load_caseload_rows", c_caseload },
  { "kes_store_count_patients", c_count_patients },
  { "kes_store_referral_patient_name", c_patient_name },
  { "kes_store_save_patient", c_save_patient },
  { "kes_store_lookup_patient_id", c_lookup_id },
  { "kes_store_break_glass", c_break_glass },
  { "kes_store_list_revisions", c_revisions },
  { "kes_store_list_history", c_history },
  { "kes_store_mark_entered_in_error", c_mark_error },
  { "kes_store_list_notes", c_notes },
  { "kes_store_list_contacts", c_contacts },
  { "kes_store_count_contacts", c_count_contacts },
  { "kes_store_search_notes", c_search_notes },
  { "kes_store_save_note", c_save_note },
  { "kes_store_save_contact", c_save_contact },
  { "kes_store_list_due", c_list_due },
  { "kes_store_moj_due_items", c_moj_due },
  { "kes_store_list_care_records", c_care_records },
  { "kes_store_load_care_record", c_load_care },
  { "kes_store_list_care_alerts", c_care_alerts },
  { "kes_store_crisis_essentials", c_essentials },
  { "kes_store_next_review", c_next_review },
  { "kes_store_medication_lines", c_medication_lines },
  { "kes_store_share_crisis_plan", c_share_crisis_plan },
  { "kes_store_save_care_record", c_save_care },
  { "kes_store_mark_care_record_entered_in_error", c_mark_care },
  { "kes_store_list_monitoring", c_monitoring },
  { "kes_store_current_care_setting", c_care_setting },
  { "kes_store_clozapine_no_rechallenge", c_no_rechallenge },
  { "kes_store_depot_drug_of", c_depot_drug },
  { "kes_store_fbc_light", c_fbc_light },
  { "kes_store_lithium_target", c_lithium_target },
  { "kes_store_list_moj_records", c_moj_records },
  { "kes_store_load_moj_record", c_load_moj },
  { "kes_store_current_legal_status", c_legal_status },
  { "kes_store_moj_next_due", c_moj_next_due },
  { "kes_store_moj_report_period", c_moj_period },
  { "kes_store_moj_prefill_values", c_moj_prefill },
  { "kes_store_save_moj_record", c_save_moj },
  { "kes_store_set_moj_part_ready", c_moj_ready },
  { "kes_store_submit_moj_report", c_moj_submit },
  { "kes_store_sign_moj_report_part", c_moj_sign },
  { "kes_store_load_referral", c_load_referral },
  { "kes_store_list_referrals", c_referrals },
  { "kes_store_referral_episodes", c_episodes },
  { "kes_store_referral_eligibility", c_eligibility },
  { "kes_store_referral_alteration", c_alteration },
  { "kes_store_list_referral_documents", c_documents },
  { "kes_store_load_referral_document", c_load_document },
  { "kes_store_search_referral_documents", c_search_documents },
  { "kes_store_latest_signed_risk_assessment", c_latest_signed },
  { "kes_store_save_referral", c_save_referral },
  { "kes_store_move_referral", c_move_referral },
  { "kes_store_add_referral_document", c_add_document },
  { "kes_store_correct_referral", c_correct_referral },
  { "kes_store_save_inreach_visit", c_inreach_visit },
  { "kes_store_inreach_visit_entered_in_error", c_inreach_error },
  { "kes_store_sign_referral_assessment", c_sign_referral },
  { "kes_store_list_risk_assessments", c_risks },
  { "kes_store_load_risk_assessment", c_load_risk },
  { "kes_store_save_risk_assessment", c_save_risk },
  { "kes_store_sign_off_risk_assessment", c_sign_off_risk },
  { "kes_store_list_screenings", c_screenings },
  { "kes_store_load_screening", c_load_screening },
  { "kes_store_find_referral_screening", c_find_screening },
  { "kes_store_list_onward_referrals", c_onward_referrals },
  { "kes_store_liaison_activity", c_activity },
  { "kes_store_save_screening", c_save_screening },
  { "kes_store_save_onward_referral", c_save_onward_referral },
  { "kes_store_list_signposting", c_signposting },
  { "kes_store_can_signpost", c_can_signpost },
  { "kes_store_save_signposting", c_save_signposting },
  { "kes_store_convert_screening", c_convert_screening },
  { "kes_store_refer_screening", c_refer_screening },
  { "kes_store_list_patient_records", c_patient_records },
  { "kes_store_list_patient_histories", c_patient_histories },
  { "kes_store_read_patient_histories", c_patient_history_rows },
  { "kes_store_list_patient_record_revisions", c_patient_record_revisions },
  { "kes_store_read_patient_record_revisions", c_patient_record_revision_rows },
  { "kes_store_list_patient_ids", c_patient_ids },
  { "kes_store_import_team", c_import_team },
  { "kes_store_import_staff", c_import_staff },
  { "kes_store_find_nhs_number_holder", c_nhs_holder },
  { "kes_store_import_revisions", c_import_revisions },
  { "kes_store_settle_imported_legal_status", c_settle_legal },
  { "kes_store_import_revisions_in_transaction", c_import_in_transaction },
  { "kes_store_import_patient_end", c_import_patient_end },
  { "kes_store_list_carers", c_carers },
  { "kes_store_list_carer_records", c_carer_records },
  { "kes_store_load_carer_record", c_load_carer },
  { "kes_store_find_carer_consent", c_carer_consent },
  { "kes_store_save_carer_record", c_save_carer },
  { "kes_store_sign_carer_assessment", c_sign_carer },
  { "kes_store_equality_report", c_equality },
  { "kes_store_list_audit", c_list_audit },
  { "kes_store_query_audit", c_query_audit },
  { "kes_store_list_break_glass", c_break_glass_list },
  { "kes_store_verify", c_verify },
  { "kes_store_verify_audit", c_verify_audit },
  { "kes_store_verify_parts", c_verify_parts },
  { "kes_store_restore_guards", c_restore_guards },
  { "kes_store_list_accounts", c_accounts },
  { "kes_store_load_account", c_load_account },
  { "kes_store_list_account_history", c_account_history },
  { "kes_store_create_account", c_create_account },
  { "kes_store_set_staff_roles", c_set_roles },
  { "kes_store_update_staff_details", c_update_details },
  { "kes_store_reset_password", c_reset_password },
  { "kes_store_disable_staff", c_disable },
  { "kes_store_enable_staff", c_enable },
  { "kes_store_unlock_account", c_unlock },
  { "kes_store_add_tool_definition", c_add_tool },
  { "kes_store_find_staff", c_find_staff },
  { "kes_store_list_staff", c_staff },
  { "kes_store_list_teams", c_teams },
  { "kes_store_find_team", c_find_team },
  { "kes_store_list_services", c_services },
  { "kes_store_search_services", c_search_services },
  { "kes_store_load_service", c_load_service },
  { "kes_store_list_service_areas", c_service_areas },
  { "kes_store_list_tool_definitions", c_tools },
  { "kes_store_add_team", c_add_team },
  { "kes_store_rename_team", c_rename_team },
  { "kes_store_save_service", c_save_service },
  { "kes_store_withdraw_service", c_withdraw_service },
  { "kes_store_get_catchment", c_catchment },
  { "kes_store_list_catchment_areas", c_catchment_areas },
  { "kes_store_save_catchment_area", c_save_catchment_area },
  { "kes_backup_create", c_backup },
  { "kes_backup_create_full", c_backup_full },
  { "kes_backup_restore_full", c_restore },
};

/* ---- The database walked ---- */

static char *
query_id (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (id);
  return id;
}

/* A North patient the demo gave a Ministry of Justice report, a referral,
 * notes, contacts and a depot prescription. */
#define PATIENT_SQL \
  "SELECT p.id FROM patient p JOIN team t ON t.id = p.team_id AND t.name = 'North' " \
  "WHERE EXISTS (SELECT 1 FROM moj_record m WHERE m.patient_id = p.id AND m.kind = 'moj-report') " \
  "AND EXISTS (SELECT 1 FROM referral f WHERE f.patient_id = p.id) " \
  "AND EXISTS (SELECT 1 FROM note n WHERE n.patient_id = p.id) " \
  "AND EXISTS (SELECT 1 FROM contact c WHERE c.patient_id = p.id) " \
  "AND EXISTS (SELECT 1 FROM prescription x WHERE x.patient_id = p.id AND x.depot_drug IS NOT NULL) " \
  "ORDER BY p.id LIMIT 1"

/* The first of the patient's rows in @table (and @condition). */
static char *
patient_query (Walk       *w,
               const char *table_name,
               const char *condition)
{
  g_autofree char *path = g_build_filename (w->dir, "walk.db", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE patient_id = '%s' %s ORDER BY id LIMIT 1",
                                          table_name, w->patient_id, condition);

  return query_id (path, sql);
}

/* The records the demo does not make, written as the demo clinician. */
static void
add_records (Walk *w)
{
  static const char pdf[] = "%PDF-1.4\n% a walk letter\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) letter = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesRiskAssessment) draft = kes_risk_assessment_new (w->patient_id, "HCR-20", "3", 1);
  const char *found[] = { "mental-health", NULL };
  KesStaff *clinician = kes_store_get_actor (w->store);

  kes_field_record_set_text (carer, "name", "Walk Carer");
  kes_field_record_set_text (carer, "phone", "01603 000000");
  kes_field_record_set_text (carer, "preferred_contact", "phone");
  kes_field_record_set_text (carer, "named_contact_id", kes_staff_get_id (clinician));
  g_assert_true (kes_store_save_carer_record (w->store, carer, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  w->carer_id = g_strdup (kes_field_record_get_id (carer));

  kes_field_record_set_text (link, "carer_id", w->carer_id);
  kes_field_record_set_patient_id (link, w->patient_id);
  kes_field_record_set_text (link, "relationship", "parent");
  g_assert_true (kes_store_save_carer_record (w->store, link, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_field_record_set_text (assessment, "carer_id", w->carer_id);
  kes_field_record_set_patient_id (assessment, w->patient_id);
  kes_field_record_set_text (assessment, "status", "offered");
  kes_field_record_set_text (assessment, "offered_on", "2026-05-01");
  g_assert_true (kes_store_save_carer_record (w->store, assessment, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  w->assessment_id = g_strdup (kes_field_record_get_id (assessment));

  kes_field_record_set_text (screening, "family_name", "Walkley");
  kes_field_record_set_text (screening, "given_name", "Jordan");
  kes_field_record_set_text (screening, "screened_on", "2026-11-20");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_list (screening, "vulnerabilities", found);
  kes_field_record_set_text (screening, "outcome", "no-further-action");
  kes_field_record_set_text (screening, "gender", "X");
  kes_field_record_set_text (screening, "ethnicity", "Z");
  g_assert_true (kes_store_save_screening (w->store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  w->screening_id = g_strdup (kes_field_record_get_id (screening));

  g_assert_true (kes_store_save_risk_assessment (w->store, draft, NULL, &error));
  g_assert_no_error (error);
  w->risk_id = g_strdup (kes_risk_assessment_get_id (draft));

  w->document_id = kes_store_add_referral_document (w->store, w->referral_id, "Walk letter.pdf", letter, 1,
                                                    "Dear colleague, a walk letter.", &error);
  g_assert_no_error (error);
}

static void
walk_set_up (Walk *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autofree char *path = NULL;
  KesDemoOptions options = { .patients = 120, .contacts_per_patient = 2, .notes_per_patient = 2, .seed = 16 };
  g_autoptr(KesStaff) clinician = NULL;
  g_autoptr(KesStaff) target = NULL;
  g_autoptr(KesTeam) team = NULL;

  kes_clock_set_fixed (now);
  w->dir = g_dir_make_tmp ("kestrel-walk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (w->dir, "walk.db", NULL);
  w->store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kes_demo_generate (w->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  w->patient_id = query_id (path, PATIENT_SQL);
  w->note_id = patient_query (w, "note", "");
  w->contact_id = patient_query (w, "contact", "");
  w->referral_id = patient_query (w, "referral", "");
  w->care_id = patient_query (w, "prescription", "");
  w->depot_id = patient_query (w, "prescription", "AND depot_drug IS NOT NULL");
  w->moj_report_id = patient_query (w, "moj_record", "AND kind = 'moj-report'");

  clinician = kes_test_demo_sign_in (w->store, KES_ROLE_CLINICIAN);
  add_records (w);

  target = kes_test_account (w->store, "walk.target", "Walk Target", "North", KES_ROLE_CARERS_LIAISON);
  w->target_id = g_strdup (kes_staff_get_id (target));
  kes_store_set_actor (w->store, NULL);
  {
    g_autoptr(KesStaff) admin = kes_test_demo_sign_in (w->store, KES_ROLE_ADMINISTRATOR);

    team = kes_store_add_team (w->store, "Walk team", &error);
    g_assert_no_error (error);
    w->team_id = g_strdup (kes_team_get_id (team));
  }
  kes_store_set_actor (w->store, NULL);
}

/* The walk's folder holds the database, its backups and restores. */
static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_folder (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

static void
walk_tear_down (Walk *w)
{
  g_clear_object (&w->store);
  remove_folder (w->dir);
  g_free (w->dir);
  g_free (w->patient_id);
  g_free (w->note_id);
  g_free (w->contact_id);
  g_free (w->referral_id);
  g_free (w->document_id);
  g_free (w->risk_id);
  g_free (w->moj_report_id);
  g_free (w->care_id);
  g_free (w->depot_id);
  g_free (w->carer_id);
  g_free (w->assessment_id);
  g_free (w->screening_id);
  g_free (w->target_id);
  g_free (w->team_id);
  kes_clock_set_fixed (NULL);
}

/* ---- The table and the actors ---- */

/* What a row of the table needs: all of them ("a + b") or any ("a or b"). */
typedef struct
{
  char     *name;
  GArray   *permissions;
  gboolean  any;
} Needs;

static void
needs_free (gpointer data)
{
  Needs *needs = data;

  g_free (needs->name);
  g_array_unref (needs->permissions);
  g_free (needs);
}

/* The rows of "Where core enforces it" in docs/permissions.md, by entry
 * point. */
static GHashTable *
read_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "permissions.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, needs_free);
  gboolean inside = FALSE;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_auto(GStrv) words = NULL;
      Needs *needs;

      if (g_str_has_prefix (lines[i], "## "))
        inside = g_str_equal (lines[i], "## Where core enforces it");
      if (!inside || !g_str_has_prefix (lines[i], "| `"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 4);
      needs = g_new0 (Needs, 1);
      needs->name = g_strdup (g_strstrip (cells[1]));
      memmove (needs->name, needs->name + 1, strlen (needs->name));
      g_assert_true (g_str_has_suffix (needs->name, "`"));
      needs->name[strlen (needs->name) - 1] = '\0';
      needs->permissions = g_array_new (FALSE, FALSE, sizeof (KesPermission));
      words = g_strsplit (g_strstrip (cells[2]), " ", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          KesPermission permission;

          if (g_str_equal (words[j], "+") || g_str_equal (words[j], "or"))
            {
              needs->any = g_str_equal (words[j], "or");
              continue;
            }
          if (!kes_permission_from_string (words[j], &permission))
            g_error ("docs/permissions.md: %s needs “%s”, which is no permission", needs->name, words[j]);
          g_array_append_val (needs->permissions, permission);
        }
      g_assert_cmpuint (needs->permissions->len, >, 0);
      g_assert_false (g_hash_table_contains (table, needs->name));
      g_hash_table_insert (table, needs->name, needs);
    }
  return table;
}

static gboolean
role_passes (const char  *role,
             const Needs *needs)
{
  for (guint i = 0; i < needs->permissions->len; i++)
    {
      gboolean granted = kes_role_grants (role, g_array_index (needs->permissions, KesPermission, i));

      if (granted && needs->any)
        return TRUE;
      if (!granted && !needs->any)
        return FALSE;
    }
  return !needs->any;
}

/* Who the walk acts as: each demo account (one role each), an account
 * with no roles and no one. */
typedef struct
{
  const char *label;
  const char *role;        /* NULL: passes nothing */
  KesStaff   *staff;       /* NULL: no one signed in */
  const char *password;
} Actor;

static Walk walk;
static GHashTable *table;
static GArray *actors;

static void
sign_in_actors (void)
{
  g_autoptr(GError) error = NULL;
  guint n;
  const KesDemoAccount *accounts = kes_demo_accounts (&n);
  Actor nobody = { "an account with no roles", NULL, NULL, KES_TEST_PASSWORD };
  Actor no_one = { "no one signed in", NULL, NULL, NULL };

  actors = g_array_new (FALSE, FALSE, sizeof (Actor));
  for (guint i = 0; i < n; i++)
    {
      Actor actor = { accounts[i].role, accounts[i].role, NULL, accounts[i].password };

      actor.staff = kes_store_sign_in (walk.store, accounts[i].username, accounts[i].password, &error);
      g_assert_no_error (error);
      if (g_str_equal (actor.role, KES_ROLE_CLINICIAN))
        walk.clinician = actor.staff;
      if (g_str_equal (actor.role, KES_ROLE_ADMINISTRATOR))
        walk.administrator = actor.staff;
      g_array_append_val (actors, actor);
    }
  g_assert_cmpuint (actors->len, ==, g_strv_length ((GStrv) kes_role_all ()));
  nobody.staff = kes_test_account (walk.store, "walk.nobody", "Walk Nobody", "North", NULL);
  g_array_append_val (actors, nobody);
  g_array_append_val (actors, no_one);
  kes_store_set_actor (walk.store, NULL);
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;
  const Needs *needs = g_hash_table_lookup (table, row->name);

  g_assert_nonnull (needs);
  for (guint i = 0; i < actors->len; i++)
    {
      const Actor *actor = &g_array_index (actors, Actor, i);
      gboolean expected = actor->role != NULL && role_passes (actor->role, needs);
      g_autoptr(GError) error = NULL;
      gboolean refused;

      kes_store_set_actor (walk.store, actor->staff);
      walk.password = actor->password;
      if (!row->run (&walk, &error))
        g_assert_nonnull (error);
      refused = error != NULL && (g_error_matches (error, KES_ERROR, KES_ERROR_PERMISSION) ||
                                  g_error_matches (error, KES_ERROR, KES_ERROR_NO_ACTOR));
      if (refused == expected)
        g_error ("%s as %s: %s (%s)", row->name, actor->label,
                 expected ? "refused, though the table lets this role" : "not refused, though the table does",
                 error != NULL ? error->message : "no error");
      if (actor->staff == NULL && refused)
        g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
    }
  kes_store_set_actor (walk.store, NULL);
}

/* Every row of the table has a case here, and every case a row. */
static void
test_table_is_walked (void)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases) && !found; i++)
        found = g_str_equal (cases[i].name, key);
      if (!found)
        g_error ("docs/permissions.md names %s, which the walk does not try", (const char *) key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!g_hash_table_contains (table, cases[i].name))
      g_error ("%s is walked but not in docs/permissions.md", cases[i].name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  table = read_table ();
  walk_set_up (&walk);
  sign_in_actors ();

  g_test_add_func ("/permission-walk/table-is-walked", test_table_is_walked);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/permission-walk/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_row);
    }
  status = g_test_run ();

  for (guint i = 0; i < actors->len; i++)
    g_clear_object (&g_array_index (actors, Actor, i).staff);
  g_array_unref (actors);
  g_hash_table_unref (table);
  walk_tear_down (&walk);
  return status;
}
