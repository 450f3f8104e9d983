/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-kinds"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-carers.h"
#include "kes-catchment.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-signposting.h"
#include "kes-store-import-private.h"
#include "kes-store-records-private.h"
#include "kes-store-whole-db.h"

/* The record kinds a case record carries, in the order it lists them; every
 * record of a patient, by kind; and the projection of any revision into its
 * display table, which import and `verify` both call (kes-store-import.c,
 * kes-store-verify-projections.c). */

typedef enum
{
  PROJECT_REFERRAL,
  PROJECT_RISK,
  PROJECT_MOJ,
  PROJECT_CARE,
  PROJECT_FIELD,
} Projection;

typedef struct
{
  const char          *name;
  Projection           projection;
  const KesRecordKind *field_kind; /* PROJECT_FIELD */
} ImportKind;

/* In the order a case record lists them: a record may refer to one of an
 * earlier kind (a carer before its links, a referral before the screening
 * that became it). */
static const ImportKind *
import_kinds (guint *n_kinds)
{
  static const ImportKind kinds[] = {
    { "referral", PROJECT_REFERRAL, NULL },
    { "risk-assessment", PROJECT_RISK, NULL },
    { "legal-status", PROJECT_MOJ, NULL },
    { "index-offence", PROJECT_MOJ, NULL },
    { "discharge-condition", PROJECT_MOJ, NULL },
    { "address-notice", PROJECT_MOJ, NULL },
    { "moj-late-notice", PROJECT_MOJ, NULL },
    { "conditions-application", PROJECT_MOJ, NULL },
    { "moj-report", PROJECT_MOJ, NULL },
    { "moj-incident", PROJECT_MOJ, NULL },
    { "care-plan", PROJECT_CARE, NULL },
    { "cpa-review", PROJECT_CARE, NULL },
    { "crisis-plan", PROJECT_CARE, NULL },
    { "prescription", PROJECT_CARE, NULL },
    { "depot-dose", PROJECT_CARE, NULL },
    { "fbc-result", PROJECT_CARE, NULL },
    { "lithium-level", PROJECT_CARE, NULL },
    { "physical-health", PROJECT_CARE, NULL },
    { "clozapine-monitoring", PROJECT_CARE, NULL },
    { "crisis-plan-share", PROJECT_CARE, NULL },
    { "clozapine-no-rechallenge", PROJECT_CARE, NULL },
    { "lithium-plan", PROJECT_CARE, NULL },
    { "carer", PROJECT_FIELD, &kes_carer_kind },
    { "carer-link", PROJECT_FIELD, &kes_carer_link_kind },
    { "carer-consent", PROJECT_FIELD, &kes_carer_consent_kind },
    { "carer-share", PROJECT_FIELD, &kes_carer_share_kind },
    { "carer-assessment", PROJECT_FIELD, &kes_carer_assessment_kind },
    { "carer-involvement", PROJECT_FIELD, &kes_carer_involvement_kind },
    { "ld-screening", PROJECT_FIELD, &kes_screening_kind },
    { "ld-onward-referral", PROJECT_FIELD, &kes_onward_referral_kind },
    { "signposting", PROJECT_FIELD, &kes_signposting_kind },
  };

  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

static int
import_kind_index (const char *name)
{
  guint n_kinds;
  const ImportKind *kinds = import_kinds (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    if (g_str_equal (kinds[i].name, name))
      return (int) i;

  return -1;
}

const char * const *
kes_store_record_kinds (void)
{
  static const char **names = NULL;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      guint n_kinds;
      const ImportKind *kinds = import_kinds (&n_kinds);

      names = g_new0 (const char *, n_kinds + 1);
      for (guint i = 0; i < n_kinds; i++)
        names[i] = kinds[i].name;
      g_once_init_leave (&initialised, 1);
    }

  return names;
}

const char *
kes_store_projection_table (const char *kind)
{
  int index;
  guint n_kinds;
  const ImportKind *kinds;

  if (g_str_equal (kind, "patient") || g_str_equal (kind, "contact") || g_str_equal (kind, "note") ||
      g_str_equal (kind, "staff"))
    return kind;
  /* Directory data, in no case record. */
  if (g_str_equal (kind, kes_catchment_area_kind.name))
    return kes_catchment_area_kind.table;
  index = import_kind_index (kind);
  if (index < 0)
    return NULL;
  kinds = import_kinds (&n_kinds);
  switch (kinds[index].projection)
    {
    case PROJECT_REFERRAL:
      return "referral";
    case PROJECT_RISK:
      return "risk_assessment";
    case PROJECT_MOJ:
      return "moj_record";
    case PROJECT_CARE:
      return kes_care_kind_table (kind);
    case PROJECT_FIELD:
      return kinds[index].field_kind->table;
    default:
      g_assert_not_reached ();
    }
}

gboolean
kes_store_is_record_kind (const char *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  return import_kind_index (kind) >= 0;
}

void
kes_record_ref_free (KesRecordRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->kind);
  g_free (ref->id);
  g_free (ref->patient_id);
  g_free (ref->created_at);
  g_free (ref);
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const KesRecordRef *x = *(KesRecordRef **) a;
  const KesRecordRef *y = *(KesRecordRef **) b;
  int kx = import_kind_index (x->kind), ky = import_kind_index (y->kind);
  int order;

  if (kx != ky)
    return kx < ky ? -1 : 1;
  order = g_strcmp0 (x->created_at, y->created_at);

  return order != 0 ? order : g_strcmp0 (x->id, y->id);
}

GPtrArray *
kes_store_list_patient_records (KesStore    *self,
                                const char  *patient_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_record_ref_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  /* The patient's own records; the carers linked to the patient, with
   * their assessments and involvement that belong to no other patient;
   * and liaison and diversion screenings that became this record, with
   * their referrals onward and signposting. Each part starts from the
   * patient's key (CROSS JOIN keeps that order: left to itself SQLite
   * started the carers' parts from "patient_id IS NULL", which every
   * register matches) and is a plain join: "IN (SELECT …)" and UNION each
   * built a temporary table for every patient, a tenth of a whole-database
   * export. A record found twice (a carer linked twice, a record reached
   * two ways) is dropped below, once sorted. */
  stmt = kes_store_prepare (self,
    "SELECT r.kind, r.id, r.patient_id, r.created_at FROM record r "
    "WHERE r.patient_id = ?1 AND r.kind NOT IN ('contact', 'note') "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM carer_link l "
    "CROSS JOIN record r ON r.id = l.carer_id WHERE l.patient_id = ?1 "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM carer_link l "
    "CROSS JOIN carer_assessment a ON a.carer_id = l.carer_id CROSS JOIN record r ON r.id = a.id "
    "WHERE l.patient_id = ?1 AND r.patient_id IS NULL "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM carer_link l "
    "CROSS JOIN carer_involvement i ON i.carer_id = l.carer_id CROSS JOIN record r ON r.id = i.id "
    "WHERE l.patient_id = ?1 AND r.patient_id IS NULL "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM ld_screening s "
    "CROSS JOIN record r ON r.id = s.id WHERE s.converted_patient_id = ?1 "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM ld_screening s "
    "CROSS JOIN ld_onward_referral o ON o.screening_id = s.id CROSS JOIN record r ON r.id = o.id "
    "WHERE s.converted_patient_id = ?1 "
    "UNION ALL SELECT r.kind, r.id, r.patient_id, r.created_at FROM ld_screening s "
    "CROSS JOIN signposting g ON g.source_id = s.id CROSS JOIN record r ON r.id = g.id "
    "WHERE s.converted_patient_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesRecordRef *ref = g_new0 (KesRecordRef, 1);

      ref->kind = g_strdup (kes_store_column_text (stmt, 0));
      ref->id = g_strdup (kes_store_column_text (stmt, 1));
      ref->patient_id = g_strdup ((const char *) kes_db_column_text (stmt, 2));
      ref->created_at = g_strdup (kes_store_column_text (stmt, 3));
      g_ptr_array_add (refs, ref);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the patient’s records"));
      return NULL;
    }

  for (guint i = 0; i < refs->len; i++)
    {
      KesRecordRef *ref = g_ptr_array_index (refs, i);

      if (import_kind_index (ref->kind) < 0)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       /* Translators: a kind of record ("referral") and its id */
                       _("Records of the kind “%s” (%s) cannot be written in this version of the "
                         "case-record format"), ref->kind, ref->id);
          return NULL;
        }
    }
  g_ptr_array_sort (refs, compare_refs);

  /* A record found twice is the same row twice, next to itself once
   * sorted. */
  for (guint i = 1; i < refs->len;)
    {
      if (g_str_equal (((KesRecordRef *) refs->pdata[i])->id, ((KesRecordRef *) refs->pdata[i - 1])->id))
        g_ptr_array_remove_index (refs, i);
      else
        i++;
    }

  return g_steal_pointer (&refs);
}

static gboolean
project_other (KesStore        *self,
               const char      *kind,
               const char      *record_id,
               const char      *patient_id,
               gint64           number,
               KesRecordState   state,
               const char      *json,
               GError         **error)
{
  guint n_kinds;
  const ImportKind *kinds = import_kinds (&n_kinds);
  int index = import_kind_index (kind);

  if (index < 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Kestrel does not know records of the kind “%s”"), kind);
      return FALSE;
    }

  switch (kinds[index].projection)
    {
    case PROJECT_REFERRAL:
      return kes_store_project_referral_json (self, record_id, patient_id, number, state, json, error);
    case PROJECT_RISK:
      return kes_store_project_risk_json (self, record_id, number, state, json, error);
    case PROJECT_MOJ:
      return kes_store_project_moj_json (self, kind, record_id, patient_id, number, state, json,
                                         error);
    case PROJECT_CARE:
      return kes_store_project_care_json (self, kind, record_id, patient_id, number, state, json,
                                          error);
    case PROJECT_FIELD:
      return kes_store_project_field_json (self, kinds[index].field_kind, record_id, patient_id,
                                           number, state, json, error);
    default:
      g_assert_not_reached ();
    }
}

gboolean
kes_store_project_revision (KesStore       *self,
                            const char     *kind,
                            const char     *record_id,
                            const char     *patient_id,
                            KesRevision    *last,
                            GError        **error)
{
  KesRecordState state = kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR
    ? KES_RECORD_ENTERED_IN_ERROR : KES_RECORD_ACTIVE;
  gint64 number = kes_revision_get_revision (last);

  if (g_str_equal (kind, "staff"))
    return kes_store_project_staff_json (self, record_id, kes_revision_get_at (last),
                                         kes_revision_get_data (last), error);
  if (g_str_equal (kind, kes_catchment_area_kind.name))
    return kes_store_project_field_json (self, &kes_catchment_area_kind, record_id, NULL, number, state,
                                         kes_revision_get_data (last), error);
  if (g_str_equal (kind, "patient"))
    {
      g_autoptr(KesPatient) patient = kes_patient_new ();

      if (!kes_patient_load_json (patient, kes_revision_get_data (last), error))
        return FALSE;
      kes_patient_set_identity (patient, record_id, number, state);
      return kes_store_project_patient (self, patient, error);
    }

  if (!g_str_equal (kind, "contact") && !g_str_equal (kind, "note"))
    return project_other (self, kind, record_id, patient_id, number, state,
                          kes_revision_get_data (last), error);

  if (g_str_equal (kind, "contact"))
    {
      g_autoptr(KesContact) contact = kes_contact_new ();

      if (!kes_contact_load_json (contact, kes_revision_get_data (last), error))
        return FALSE;
      kes_contact_set_identity (contact, record_id, number, state);
      kes_contact_set_patient_id (contact, patient_id);
      if (!kes_store_project_contact (self, contact, error))
        return FALSE;
    }
  else
    {
      g_autoptr(KesNote) note = kes_note_new ();

      if (!kes_note_load_json (note, kes_revision_get_data (last), error))
        return FALSE;
      kes_note_set_identity (note, record_id, number, state);
      kes_note_set_patient_id (note, patient_id);
      if (!kes_store_project_note (self, note, error))
        return FALSE;
    }

  if (state == KES_RECORD_ENTERED_IN_ERROR)
    {
      KesDbStmt *stmt = kes_store_prepare (self, g_str_equal (kind, "contact")
        ? "UPDATE contact SET state = 'entered-in-error' WHERE id = ?"
        : "UPDATE note SET state = 'entered-in-error' WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      return kes_store_step_done (self, stmt, _("Could not mark the record"), error);
    }

  return TRUE;
}
