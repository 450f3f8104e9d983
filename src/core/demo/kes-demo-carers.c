/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-carers"

#include "config.h"

#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-demo-private.h"
#include "kes-validate.h"

/* Demo carers: a few patients of the demo clinician's team have a carer,
 * the patient's consent to share the care plan (due for review around
 * today; one in four a best-interests decision for a patient who lacks
 * capacity to decide, under the Mental Capacity Act) and, for every other
 * one, a completed carer's assessment due for review too, signed by the
 * carer (their name typed, or a paper copy signed), so that carers'
 * liaison staff have work on Today. Written through the store as the demo
 * clinician, like a clinician's saves, after the bulk-written records. */

#define DEMO_CARERS 12

char *
kes_demo_days_from_today (int days)
{
  g_autoptr(GDate) date = kes_clock_today ();

  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  return kes_date_to_iso (date);
}

GPtrArray *
kes_demo_patients (KesStore    *store,
                   gboolean     by_coordinator,
                   const char  *id,
                   guint        limit,
                   GError     **error)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt = kes_store_prepare (store, by_coordinator
    ? "SELECT id FROM patient WHERE coordinator_id = ? ORDER BY sort_name, id LIMIT ?"
    : "SELECT id FROM patient WHERE team_id = ? ORDER BY sort_name, id LIMIT ?", error);

  if (stmt == NULL)
    {
      g_ptr_array_unref (ids);
      return NULL;
    }
  kes_store_bind_text (stmt, 1, id);
  kes_db_bind_int (stmt, 2, (int) limit);
  while (kes_db_step (stmt) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  return ids;
}

static gboolean
save (KesStore        *store,
      KesFieldRecord  *record,
      GError         **error)
{
  return kes_store_save_carer_record (store, record, KES_CHANGE_CREATE, NULL, error);
}

static gboolean
add_carer (KesStore    *store,
           KesStaff    *clinician,
           const char  *patient_id,
           guint        index,
           GError     **error)
{
  static const char * const names[] = { "Pat Quail (demo)", "Sam Linnet (demo)", "Jo Plover (demo)",
                                        "Chris Teal (demo)", "Alex Shrike (demo)", "Robin Avocet (demo)" };
  static const char * const relationships[] = { "Mother", "Partner", "Brother", "Father", "Sister", "Friend" };
  const char *scope[] = { "general", "care-plan", NULL };
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  g_autoptr(KesFieldRecord) consent = kes_field_record_new (&kes_carer_consent_kind);
  g_autofree char *decided = kes_demo_days_from_today (-170);
  g_autofree char *review = kes_demo_days_from_today ((int) (index % 14) - 6);
  const char *carer_id;

  kes_field_record_set_text (carer, "name", names[index % G_N_ELEMENTS (names)]);
  kes_field_record_set_text (carer, "phone", "01603 000000");
  /* An address, as a team would hold one: the third party's details a
   * subject access export must not show unreviewed. */
  kes_field_record_set_text (carer, "address", "12 Mill Lane (demo)\nWymondham NR18 0AA");
  kes_field_record_set_text (carer, "preferred_contact", "phone");
  kes_field_record_set_text (carer, "named_contact_id", kes_staff_get_id (clinician));
  if (!save (store, carer, error))
    return FALSE;
  carer_id = kes_field_record_get_id (carer);

  kes_field_record_set_patient_id (link, patient_id);
  kes_field_record_set_text (link, "carer_id", carer_id);
  kes_field_record_set_text (link, "relationship", relationships[index % G_N_ELEMENTS (relationships)]);
  kes_field_record_set_bool (link, "main_carer", TRUE);

  kes_field_record_set_patient_id (consent, patient_id);
  kes_field_record_set_text (consent, "carer_id", carer_id);
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", decided);
  kes_field_record_set_text (consent, "review_date", review);
  if (index % 4 == 1)
    {
      g_autofree char *assessed_capacity = kes_demo_days_from_today (-172);

      kes_field_record_set_text (consent, "status", "best-interests");
      kes_field_record_set_bool (consent, "lacks_capacity", TRUE);
      kes_field_record_set_text (consent, "capacity_assessment",
                                 "Acutely unwell on the ward: could not retain the information long enough "
                                 "to weigh it, on two visits a week apart (demo).");
      kes_field_record_set_text (consent, "capacity_assessed_on", assessed_capacity);
      kes_field_record_set_text (consent, "best_interests",
                                 "The carer gives the medication at home and needs the care plan to do it "
                                 "safely; the patient has wanted them involved when well (demo).");
      kes_field_record_set_text (consent, "consulted", "The carer; the responsible clinician; ward staff (demo)");
    }
  if (!save (store, link, error) || !save (store, consent, error))
    return FALSE;

  if (index % 2 == 0)
    {
      g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
      g_autofree char *offered = kes_demo_days_from_today (-380);
      g_autofree char *assessed = kes_demo_days_from_today (-360);
      g_autofree char *due = kes_demo_days_from_today ((int) (index % 10) - 3);

      kes_field_record_set_patient_id (assessment, patient_id);
      kes_field_record_set_text (assessment, "carer_id", carer_id);
      kes_field_record_set_text (assessment, "status", "completed");
      kes_field_record_set_text (assessment, "offered_on", offered);
      kes_field_record_set_text (assessment, "assessed_on", assessed);
      kes_field_record_set_text (assessment, "review_date", due);
      kes_field_record_set_text (assessment, "support_plan", "Respite one weekend a month (demo).");
      /* Signed by the carer: their name typed, or every other one on paper. */
      if (index % 4 == 0)
        kes_field_record_set_text (assessment, "carer_signed_name", names[index % G_N_ELEMENTS (names)]);
      else
        kes_field_record_set_bool (assessment, "carer_signed_on_paper", TRUE);
      kes_field_record_set_text (assessment, "carer_signed_on", assessed);
      if (!save (store, assessment, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kes_demo_add_carers (KesStore  *store,
                     KesStaff  *clinician,
                     GError   **error)
{
  g_autoptr(GPtrArray) patients = kes_demo_patients (store, FALSE, kes_staff_get_team_id (clinician), DEMO_CARERS,
                                                    error);

  if (patients == NULL || !kes_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < patients->len; i++)
    if (!add_carer (store, clinician, patients->pdata[i], i, error))
      {
        kes_store_rollback (store);
        return FALSE;
      }
  return kes_store_commit (store, error);
}
