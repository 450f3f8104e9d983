/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-liaison"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-store-field-records-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"

/* Liaison and diversion screenings in the store, and their conversion into
 * patient records. Screenings are clinical content about people who may not
 * be on the caseload: reading needs view-clinical, writing edit-clinical. */

/* A time of day as people type it, "9:05" or "09:05", kept as "09:05";
 * FALSE when it is not one. */
static gboolean
normalise_time (const char  *text,
                char       **normalised)
{
  if (!g_regex_match_simple ("^([01]?[0-9]|2[0-3]):[0-5][0-9]$", text, 0, 0))
    return FALSE;
  *normalised = strlen (text) == 4 ? g_strconcat ("0", text, NULL) : g_strdup (text);
  return TRUE;
}

/* Arrival, seen and outcome times: each a time of day. They are not
 * ordered against each other: a night in custody runs past midnight. */
static void
check_times (KesFieldRecord *screening,
             GPtrArray      *issues)
{
  static const char * const keys[] = { "arrived_at", "seen_at", "outcome_at" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *text = kes_field_record_get_text (screening, keys[i]);
      g_autofree char *normalised = NULL;
      const KesFieldSpec *spec = kes_record_kind_find_field (&kes_screening_kind, keys[i]);

      if (*text == '\0')
        continue;
      if (normalise_time (text, &normalised))
        kes_field_record_set_text (screening, keys[i], normalised);
      else
        g_ptr_array_add (issues, kes_issue_new (keys[i], KES_ISSUE_ERROR,
                                                /* Translators: a field's name and what was typed */
                                                _("%s: “%s” is not a time of day: write it as hours "
                                                  "and minutes, for example 14:30"),
                                                _(spec->label), text));
    }
}

static gboolean
check_screening (KesFieldRecord  *screening,
                 GError         **error)
{
  g_autoptr(GPtrArray) issues = kes_field_record_check (screening);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  const char *nhs = kes_field_record_get_text (screening, "nhs_number");
  const char *screened = kes_field_record_get_text (screening, "screened_on");
  const char *birth = kes_field_record_get_text (screening, "birth_date");

  check_times (screening, issues);
  if (*nhs != '\0')
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *digits = kes_nhs_number_parse (nhs, &local_error);

      if (digits == NULL)
        g_ptr_array_add (issues, kes_issue_new ("nhs_number", KES_ISSUE_ERROR, "%s",
                                                local_error->message));
      else
        kes_field_record_set_text (screening, "nhs_number", digits);
    }
  if (strlen (screened) == 10 && strcmp (screened, today_iso) > 0)
    g_ptr_array_add (issues, kes_issue_new ("screened_on", KES_ISSUE_ERROR,
                                            _("Date screened is in the future")));
  if (strlen (birth) == 10 && strlen (screened) == 10 && strcmp (birth, screened) > 0)
    g_ptr_array_add (issues, kes_issue_new ("birth_date", KES_ISSUE_ERROR,
                                            _("Date of birth is after the date screened")));
  if (g_str_equal (kes_field_record_get_text (screening, "outcome"), "referral-services") &&
      *kes_field_record_get_text (screening, "referred_to") == '\0')
    g_ptr_array_add (issues, kes_issue_new ("referred_to", KES_ISSUE_ERROR,
                                            _("Services referred to: name the services for a "
                                              "referral outcome")));
  if (!kes_field_record_get_bool (screening, "mappa_liaison") &&
      (*kes_field_record_get_text (screening, "mappa_category") != '\0' ||
       *kes_field_record_get_text (screening, "mappa_level") != '\0'))
    g_ptr_array_add (issues, kes_issue_new ("mappa_liaison", KES_ISSUE_ERROR,
                                            _("MAPPA liaison: tick it when giving a MAPPA category "
                                              "or level")));
  return kes_issues_to_error (issues, error);
}

gboolean
kes_store_save_screening (KesStore        *self,
                          KesFieldRecord  *screening,
                          KesChangeKind    change,
                          const char      *reason,
                          GError         **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (screening), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (screening) == &kes_screening_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error) ||
      !check_screening (screening, error))
    return FALSE;
  if (kes_field_record_get_id (screening) != NULL)
    {
      /* The link to a patient record is the store's to set, and stays. */
      g_autoptr(KesFieldRecord) stored = kes_store_read_field_record (self, &kes_screening_kind,
                                                                      kes_field_record_get_id (screening),
                                                                      error);
      if (stored == NULL)
        return FALSE;
      kes_field_record_set_text (screening, "converted_patient_id",
                                 kes_field_record_get_text (stored, "converted_patient_id"));
      kes_field_record_set_text (screening, "converted_referral_id",
                                 kes_field_record_get_text (stored, "converted_referral_id"));
    }
  else
    {
      kes_field_record_set_text (screening, "converted_patient_id", NULL);
      kes_field_record_set_text (screening, "converted_referral_id", NULL);
    }
  return kes_store_write_field_record (self, screening, change, reason, error);
}

KesFieldRecord *
kes_store_load_screening (KesStore    *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(KesFieldRecord) screening = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  screening = kes_store_read_field_record (self, &kes_screening_kind, id, error);
  if (screening == NULL || !kes_store_audit_view (self, id, NULL, "ld-screening", error))
    return NULL;
  return g_steal_pointer (&screening);
}

GPtrArray *
kes_store_list_screenings (KesStore    *self,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  return kes_store_query_field_records (self, &kes_screening_kind,
                                        "SELECT s.id FROM ld_screening s CROSS JOIN record r ON r.id = s.id "
                                        "WHERE r.state = 'active' AND (?1 IS NULL OR s.screened_on >= ?1) "
                                        "AND (?2 IS NULL OR s.screened_on <= ?2) "
                                        "ORDER BY s.screened_on DESC, r.created_at DESC, s.id",
                                        from, to, error);
}

/* The screening as the store holds it, if @screening is still current. */
static KesFieldRecord *
read_current (KesStore        *self,
              KesFieldRecord  *screening,
              GError         **error)
{
  g_autoptr(KesFieldRecord) stored = kes_store_read_field_record (self, &kes_screening_kind,
                                                                  kes_field_record_get_id (screening), error);

  if (stored == NULL)
    return NULL;
  if (kes_field_record_get_revision (stored) != kes_field_record_get_revision (screening))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                           _("This screening was changed since you opened it: open it again"));
      return NULL;
    }
  return g_steal_pointer (&stored);
}

/* Saves a new patient record from @stored, inside the caller's savepoint. */
static KesPatient *
make_patient (KesStore        *self,
              KesFieldRecord  *stored,
              const char      *team_id,
              GError         **error)
{
  static const struct { const char *key; KesPatientField field; } carried[] = {
    { "family_name", KES_PATIENT_FAMILY_NAME },
    { "given_name", KES_PATIENT_GIVEN_NAME },
    { "birth_date", KES_PATIENT_BIRTH_DATE },
    { "gender", KES_PATIENT_GENDER },
    { "ethnicity", KES_PATIENT_ETHNICITY },
    { "nhs_number", KES_PATIENT_NHS_NUMBER },
    { "address", KES_PATIENT_ADDRESS },
    { "postcode", KES_PATIENT_POSTCODE },
    { "screened_on", KES_PATIENT_REFERRAL_DATE },
  };
  g_autoptr(KesPatient) patient = kes_patient_new ();
  const KesLegalFacts legal = {
    .authority = kes_field_record_get_text (stored, "legal_status"),
    .mappa_category = kes_field_record_get_text (stored, "mappa_category"),
    .mappa_level = kes_field_record_get_text (stored, "mappa_level"),
  };
  g_autofree char *screened = NULL;
  g_autofree char *reason = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    kes_patient_set_text (patient, carried[i].field, kes_field_record_get_text (stored, carried[i].key));
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, team_id);
  if (!kes_store_save_patient (self, patient, KES_CHANGE_CREATE, NULL, error))
    {
      g_prefix_error (error, _("Complete the screening before making a patient record: "));
      return NULL;
    }
  /* The legal status and MAPPA go to their one home, the legal status record. */
  screened = kes_date_to_display (kes_field_record_get_text (stored, "screened_on"));
  reason = g_strdup_printf (_("From the liaison and diversion screening of %s"), screened);
  if (!kes_store_merge_legal_status (self, kes_patient_get_id (patient), &legal, KES_LEGAL_MERGE_REPLACE, reason,
                                     NULL, error))
    return NULL;
  return g_steal_pointer (&patient);
}

/* How many active screenings dated in [from, to] have at least one active
 * referral to a directory service. */
static gboolean
count_referred_onward (KesStore    *self,
                       const char  *from,
                       const char  *to,
                       guint       *count,
                       GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT count (DISTINCT s.id) FROM ld_screening s CROSS JOIN record r ON r.id = s.id "
    "JOIN ld_onward_referral o ON o.screening_id = s.id JOIN record ro ON ro.id = o.id "
    "WHERE r.state = 'active' AND ro.state = 'active' AND s.screened_on >= ?1 AND s.screened_on <= ?2",
    error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, from, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, to, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      kes_db_reset (stmt);
      kes_store_set_db_error (self, error, _("Could not count the referrals to other services"));
      return FALSE;
    }
  *count = (guint) kes_db_column_int (stmt, 0);
  kes_db_reset (stmt);
  return TRUE;
}

KesLiaisonActivity *
kes_store_liaison_activity (KesStore    *self,
                            const char  *from,
                            const char  *to,
                            GError     **error)
{
  g_autoptr(GPtrArray) screenings = NULL;
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (strcmp (from, to) > 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The period ends before it starts: check the dates"));
      return NULL;
    }
  screenings = kes_store_list_screenings (self, from, to, error);
  if (screenings == NULL)
    return NULL;
  summary = g_strdup_printf ("liaison and diversion activity %s to %s: %u screenings", from, to, screenings->len);
  if (!kes_store_audit (self, KES_AUDIT_EXPORT, NULL, NULL, summary, error))
    return NULL;
  activity = kes_liaison_activity_count (screenings);
  if (!count_referred_onward (self, from, to, &activity->referred_onward, error))
    return NULL;
  return g_steal_pointer (&activity);
}

KesPatient *
kes_store_convert_screening (KesStore        *self,
                             KesFieldRecord  *screening,
                             const char      *team_id,
                             GError         **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autoptr(KesFieldRecord) updated = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (screening), NULL);
  g_return_val_if_fail (kes_field_record_get_id (screening) != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, NULL, error) ||
      !kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return NULL;
  stored = read_current (self, screening, error);
  if (stored == NULL)
    return NULL;
  if (*kes_field_record_get_text (stored, "converted_patient_id") != '\0')
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   _("This screening already has a patient record (%s)"),
                   kes_field_record_get_text (stored, "converted_patient_id"));
      return NULL;
    }

  if (!kes_store_savepoint (self, error))
    return NULL;
  updated = kes_field_record_copy (stored);
  patient = make_patient (self, stored, team_id, error);
  if (patient == NULL)
    {
      kes_store_rollback_to (self);
      return NULL;
    }
  kes_field_record_set_text (updated, "converted_patient_id", kes_patient_get_id (patient));
  if (!kes_store_write_field_record (self, updated, KES_CHANGE_EDIT, NULL, error) ||
      !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return NULL;
    }
  kes_field_record_set_identity (screening, kes_field_record_get_id (updated),
                                 kes_field_record_get_revision (updated), KES_RECORD_ACTIVE);
  kes_field_record_set_text (screening, "converted_patient_id", kes_patient_get_id (patient));
  return g_steal_pointer (&patient);
}

KesReferral *
kes_store_refer_screening (KesStore                   *self,
                           KesFieldRecord             *screening,
                           const KesScreeningReferral *details,
                           const char                 *team_id,
                           GError                    **error)
{
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autoptr(KesFieldRecord) updated = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *referrer = NULL;
  g_autofree char *patient_id = NULL;
  KesStaff *actor;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (screening), NULL);
  g_return_val_if_fail (kes_field_record_get_id (screening) != NULL, NULL);
  g_return_val_if_fail (details != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return NULL;
  stored = read_current (self, screening, error);
  if (stored == NULL)
    return NULL;
  if (*kes_field_record_get_text (stored, "converted_referral_id") != '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                           _("This screening has already been made into a referral: open that referral "
                             "in Referrals instead of making a second one"));
      return NULL;
    }
  patient_id = g_strdup (kes_field_record_get_text (stored, "converted_patient_id"));
  if (*patient_id == '\0' && !kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, NULL, error))
    return NULL;

  actor = kes_store_get_actor (self);
  referrer = actor != NULL ? g_strdup_printf (_("%s, liaison and diversion"), kes_staff_get_display_name (actor))
                           : g_strdup (_("Liaison and diversion team"));
  referral = kes_screening_build_referral (stored, details, today_iso, referrer);

  if (!kes_store_savepoint (self, error))
    return NULL;
  if (*patient_id == '\0')
    {
      patient = make_patient (self, stored, team_id, error);
      if (patient == NULL)
        {
          kes_store_rollback_to (self);
          return NULL;
        }
      g_free (patient_id);
      patient_id = g_strdup (kes_patient_get_id (patient));
    }
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
  if (!kes_store_save_referral (self, referral, KES_CHANGE_CREATE, NULL, error))
    {
      kes_store_rollback_to (self);
      return NULL;
    }
  updated = kes_field_record_copy (stored);
  kes_field_record_set_text (updated, "converted_patient_id", patient_id);
  kes_field_record_set_text (updated, "converted_referral_id", kes_referral_get_id (referral));
  if (!kes_store_write_field_record (self, updated, KES_CHANGE_EDIT, NULL, error) ||
      !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return NULL;
    }
  kes_field_record_set_identity (screening, kes_field_record_get_id (updated),
                                 kes_field_record_get_revision (updated), KES_RECORD_ACTIVE);
  kes_field_record_set_text (screening, "converted_patient_id", patient_id);
  kes_field_record_set_text (screening, "converted_referral_id", kes_referral_get_id (referral));
  return g_steal_pointer (&referral);
}

char *
kes_store_find_referral_screening (KesStore    *self,
                                   const char  *referral_id,
                                   GError     **error)
{
  KesDbStmt *stmt;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (referral_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT s.id FROM ld_screening s CROSS JOIN record r ON r.id = s.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.state = 'active' AND json_extract (v.data, '$.converted_referral_id') = ?1 "
    "ORDER BY s.id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, referral_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    kes_store_set_db_error (self, error, _("Could not read the screenings"));
  return id;
}
