/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-patients"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-caseload-model.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"

/* A member of the patient's (?1) current legal status record, or NULL:
 * the newest in force, as kes_store_current_legal_status() orders them.
 * Read from the main tables by name: verify rebuilds the patient table
 * into a TEMP twin a chunk of records at a time, and the TEMP twins of
 * moj_record and record then hold only that chunk, so a legal status
 * record written long after the patient (another chunk) would be missed
 * and an untouched file reported as changed. The legal status records
 * themselves are checked against their revisions on their own. */
#define CURRENT_LEGAL(member) \
  "(SELECT nullif (json_extract (m.data, '$." member "'), '') FROM main.moj_record m " \
  "JOIN main.record r ON r.id = m.id AND r.state = 'active' WHERE m.patient_id = ?1 AND m.kind = 'legal-status' " \
  "ORDER BY m.sort_date DESC, r.created_at DESC, m.id LIMIT 1)"

gboolean
kes_store_refresh_patient_legal (KesStore    *self,
                                 const char  *patient_id,
                                 GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "UPDATE patient SET mhcs_reference = " CURRENT_LEGAL ("mhcs_reference") ", "
    "legal_status = " CURRENT_LEGAL ("authority") " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the caseload"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

/* "o'brien zoe": what the caseload sorts by, free of case and accents. */
static char *
make_sort_name (const char *family,
                const char *given)
{
  g_autofree char *joined = g_strconcat (family, " ", given, NULL);
  g_autofree char *ascii = g_str_to_ascii (joined, "C");
  return g_ascii_strdown (ascii, -1);
}

gboolean
kes_store_project_patient (KesStore    *self,
                           KesPatient  *patient,
                           GError     **error)
{
  g_autofree char *sort_name = make_sort_name (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME),
                                               kes_patient_get_text (patient, KES_PATIENT_GIVEN_NAME));
  /* The legal status and MHCS reference the caseload lists and searches
   * come from the patient's current legal status record, their one home
   * (kes_store_refresh_patient_legal keeps them so as it changes). */
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO patient (id, family_name, given_name, preferred_name, sort_name, birth_date, "
    "nhs_number, mhcs_reference, team_id, coordinator_id, legal_status) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " CURRENT_LEGAL ("mhcs_reference") ", ?8, ?9, "
    CURRENT_LEGAL ("authority") ") "
    "ON CONFLICT (id) DO UPDATE SET family_name = ?2, given_name = ?3, preferred_name = ?4, "
    "sort_name = ?5, birth_date = ?6, nhs_number = ?7, team_id = ?8, coordinator_id = ?9", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_patient_get_id (patient), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_patient_get_text (patient, KES_PATIENT_GIVEN_NAME), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_patient_get_text (patient, KES_PATIENT_PREFERRED_NAME), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, sort_name, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 6, kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  kes_store_bind_text (stmt, 7, kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER));
  kes_store_bind_text (stmt, 8, kes_patient_get_text (patient, KES_PATIENT_TEAM_ID));
  kes_store_bind_text (stmt, 9, kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the caseload"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

static gboolean
check_staff_reference (KesStore         *self,
                       KesPatient       *patient,
                       KesPatientField   field,
                       GError          **error)
{
  const char *id = kes_patient_get_text (patient, field);
  g_autoptr(KesStaff) staff = NULL;

  if (*id == '\0')
    return TRUE;
  staff = kes_store_lookup_staff (self, id);
  if (staff == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s: “%s” is not in the staff directory"),
                   kes_patient_field_label (field), id);
      return FALSE;
    }
  /* Store the id even when a username was given. */
  kes_patient_set_text (patient, field, kes_staff_get_id (staff));
  return TRUE;
}

/* Whether another active patient holds @nhs (10 digits): TRUE with
 * *@message NULL when no one does, TRUE with the message that names the
 * holder (to someone who may read their register entry) when someone
 * does, FALSE on a database error or without edit-identity. */
static gboolean
nhs_number_taken (KesStore    *self,
                  KesPatient  *patient,
                  const char  *nhs,
                  char       **message,
                  GError     **error)
{
  g_autofree char *other = NULL;
  g_autofree char *shown = NULL;
  gboolean held = FALSE;

  *message = NULL;
  if (!kes_store_find_nhs_number_holder (self, nhs, kes_patient_get_id (patient), &held, &other, error))
    return FALSE;
  if (!held)
    return TRUE;
  shown = kes_nhs_number_format (nhs);
  if (other != NULL)
    *message = g_strdup_printf (_("NHS number %s already belongs to %s: check you have the right person"),
                                shown, other);
  else
    *message = g_strdup_printf (_("NHS number %s already belongs to a patient of another team: check it "
                                  "against the document it came from, and ask that team if it is the same "
                                  "person"), shown);
  return TRUE;
}

/* References that only the store can check: team and staff exist, and no
 * other active patient has the same NHS number (a record under the wrong
 * patient is the harm this prevents). */
static gboolean
check_references (KesStore    *self,
                  KesPatient  *patient,
                  GError     **error)
{
  const char *team_id = kes_patient_get_text (patient, KES_PATIENT_TEAM_ID);
  const char *nhs = kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER);

  if (*team_id != '\0')
    {
      g_autoptr(KesTeam) team = kes_store_lookup_team (self, team_id);
      if (team == NULL)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Team “%s” does not exist"), team_id);
          return FALSE;
        }
      kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, kes_team_get_id (team));
    }
  if (!check_staff_reference (self, patient, KES_PATIENT_COORDINATOR_ID, error) ||
      !check_staff_reference (self, patient, KES_PATIENT_CLINICIAN_ID, error) ||
      !check_staff_reference (self, patient, KES_PATIENT_SUPERVISOR_ID, error))
    return FALSE;

  if (*nhs != '\0')
    {
      g_autofree char *message = NULL;

      if (!nhs_number_taken (self, patient, nhs, &message, error))
        return FALSE;
      if (message != NULL)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
kes_store_check_patient (KesStore    *self,
                         KesPatient  *patient,
                         GError     **error)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  const char *typed = kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER);
  g_autofree char *nhs = *typed != '\0' ? kes_nhs_number_parse (typed, NULL) : NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (KES_IS_PATIENT (patient), NULL);

  /* Whether a number is taken is itself something of another patient. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, kes_patient_get_id (patient), error))
    return NULL;
  /* A number that fails its check is validation's to report. */
  if (nhs != NULL)
    {
      if (!nhs_number_taken (self, patient, nhs, &message, error))
        return NULL;
      if (message != NULL)
        g_ptr_array_add (issues, kes_issue_new (kes_patient_field_key (KES_PATIENT_NHS_NUMBER),
                                                KES_ISSUE_ERROR, "%s", message));
    }
  return g_steal_pointer (&issues);
}

gboolean
kes_store_find_nhs_number_holder (KesStore    *self,
                                  const char  *nhs_digits,
                                  const char  *except_id,
                                  gboolean    *held,
                                  char       **holder_name,
                                  GError     **error)
{
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (nhs_digits != NULL && held != NULL && holder_name != NULL, FALSE);

  *held = FALSE;
  *holder_name = NULL;
  /* Asked only by someone writing the register: a form checking what was
   * typed, saving a patient, importing one. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, NULL, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "SELECT p.family_name, p.given_name, p.id FROM patient p JOIN record r ON r.id = p.id "
    "WHERE p.nhs_number = ?1 AND r.state = 'active' AND p.id IS NOT ?2", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, nhs_digits, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, except_id);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      *held = TRUE;
      /* Named only to someone who may read that patient's register entry:
       * a number typed or imported in one team must not tell it who
       * another team sees. */
      if (kes_store_check_permission (self, KES_PERMISSION_VIEW_IDENTITY, kes_store_column_text (stmt, 2), NULL))
        *holder_name = kes_patient_format_display_name (kes_store_column_text (stmt, 0),
                                                        kes_store_column_text (stmt, 1), NULL);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not look for the NHS number"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Patients' KesRecordOps ---- */

static void
patient_identify (gpointer           record,
                  KesRecordIdentity *identity)
{
  identity->id = kes_patient_get_id (record);
  identity->revision = kes_patient_get_revision (record);
}

/* Works on a copy: if anything fails, the caller keeps exactly what was typed. */
static gpointer
patient_prepare (KesStore             *self,
                 const KesRecordKind  *kind,
                 gpointer              record,
                 char                **json,
                 GError              **error)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesPatient) work = kes_patient_copy (record);

  if (!kes_patient_normalise (work, today, error) || !check_references (self, work, error))
    return NULL;
  *json = kes_patient_to_json (work);
  return g_steal_pointer (&work);
}

static gboolean
patient_project (KesStore    *self,
                 gpointer     record,
                 const char  *json,
                 GError     **error)
{
  return kes_store_project_patient (self, record, error);
}

/* Hands back the stored form (normalised values, id, revision). */
static void
patient_hand_back (gpointer    record,
                   gpointer    work,
                   const char *json)
{
  kes_patient_set_identity (record, kes_patient_get_id (work), kes_patient_get_revision (work),
                            KES_RECORD_ACTIVE);
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    kes_patient_set_text (record, i, kes_patient_get_text (work, i));
}

static const KesRecordOps patient_ops = {
  .get_type = kes_patient_get_type,
  .is_patient = TRUE,
  .identify = patient_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_patient_set_identity,
  .prepare = patient_prepare,
  .project = patient_project,
  .hand_back = patient_hand_back,
};

static const KesRecordKind patient_kind = { "patient", "patient", FALSE, NULL, &patient_ops };

gboolean
kes_store_save_patient (KesStore      *self,
                        KesPatient    *patient,
                        KesChangeKind  change,
                        const char    *reason,
                        GError       **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_PATIENT (patient), FALSE);

  return kes_store_save_record (self, &patient_kind, patient, change, reason, error);
}

KesPatient *
kes_store_load_patient (KesStore    *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(KesPatient) patient = NULL;
  KesDbStmt *stmt;
  KesRecordState state;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, id, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT v.data, r.revision, r.state FROM record r "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.id = ? AND r.kind = 'patient'", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No patient has the id %s"), id);
      kes_db_reset (stmt);
      return NULL;
    }
  patient = kes_patient_new ();
  state = g_str_equal (kes_store_column_text (stmt, 2), "entered-in-error")
            ? KES_RECORD_ENTERED_IN_ERROR : KES_RECORD_ACTIVE;
  kes_patient_set_identity (patient, id, kes_db_column_int64 (stmt, 1), state);
  if (!kes_patient_load_json (patient, kes_store_column_text (stmt, 0), error))
    {
      kes_db_reset (stmt);
      return NULL;
    }
  kes_db_reset (stmt);
  if (!kes_store_audit_view (self, id, id, "register", error))
    return NULL;
  return g_steal_pointer (&patient);
}

/* The patient's id for an id, an NHS number (any spacing) or an MHCS
 * reference, with no permission check: callers check. */
static char *
resolve_patient_key (KesStore    *self,
                     const char  *key,
                     GError     **error)
{
  g_autofree char *nhs = NULL;
  char *id = NULL;
  KesDbStmt *stmt;

  if (g_uuid_string_is_valid (key))
    return g_strdup (key);

  nhs = kes_nhs_number_parse (key, NULL);
  stmt = kes_store_prepare (self,
    "SELECT p.id FROM patient p JOIN record r ON r.id = p.id "
    "WHERE (p.nhs_number = ?1 OR p.mhcs_reference = ?2) ORDER BY r.state = 'active' DESC LIMIT 1",
    error);
  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, nhs);
  kes_db_bind_text (stmt, 2, key, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  if (id == NULL)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                 _("No patient has the id, NHS number or MHCS reference “%s”"), key);
  return id;
}

KesPatient *
kes_store_find_patient (KesStore    *self,
                        const char  *key,
                        GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, NULL, error) ||
      (id = resolve_patient_key (self, key, error)) == NULL)
    return NULL;
  return kes_store_load_patient (self, id, error);
}

char *
kes_store_lookup_patient_id (KesStore    *self,
                             const char  *key,
                             GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_BREAK_GLASS, NULL, error))
    return NULL;
  return resolve_patient_key (self, key, error);
}

guint
kes_store_count_patients (KesStore *self)
{
  KesDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (KES_IS_STORE (self), 0);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, NULL, NULL))
    return 0;
  stmt = kes_store_prepare (self,
    "SELECT count(*) FROM patient p CROSS JOIN record r ON r.id = p.id AND r.state = 'active'", NULL);
  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    count = (guint) kes_db_column_int (stmt, 0);
  if (stmt != NULL)
    kes_db_reset (stmt);
  return count;
}

/* Team scope: someone in a team lists their team's patients, those with no
 * team yet and those they broke the glass for; someone without a team
 * (an administrator keeping the register) lists everyone. */
static gboolean
in_scope (KesStore     *self,
          const char   *scope,
          KesDbStmt *stmt)
{
  const char *team = (const char *) kes_db_column_text (stmt, 8);

  return scope == NULL || team == NULL || g_str_equal (team, scope) ||
         kes_store_has_break_glass (self, kes_store_column_text (stmt, 0));
}

GPtrArray *
kes_store_load_caseload_rows (KesStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *scope = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(KesTeam) team = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, NULL, error))
    return NULL;
  scope = kes_store_actor_team_scope (self);
  stmt = kes_store_prepare (self,
    "SELECT p.id, p.family_name, p.given_name, p.preferred_name, p.sort_name, p.nhs_number, "
    "p.mhcs_reference, p.birth_date, p.team_id, t.name, p.coordinator_id, s.display_name, "
    "p.legal_status "
    "FROM patient p CROSS JOIN record r ON r.id = p.id AND r.state = 'active' "
    "LEFT JOIN team t ON t.id = p.team_id LEFT JOIN staff s ON s.id = p.coordinator_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autofree char *name = NULL;

      if (!in_scope (self, scope, stmt))
        continue;
      name = kes_patient_format_display_name (kes_store_column_text (stmt, 1),
                                              kes_store_column_text (stmt, 2),
                                              kes_store_column_text (stmt, 3));
      g_ptr_array_add (rows, kes_caseload_row_new (kes_store_column_text (stmt, 0),
                                                   name,
                                                   kes_store_column_text (stmt, 4),
                                                   kes_store_column_text (stmt, 5),
                                                   kes_store_column_text (stmt, 6),
                                                   kes_store_column_text (stmt, 7),
                                                   kes_store_column_text (stmt, 8),
                                                   kes_store_column_text (stmt, 9),
                                                   kes_store_column_text (stmt, 10),
                                                   kes_store_column_text (stmt, 11),
                                                   kes_store_column_text (stmt, 12)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the caseload"));
      return NULL;
    }

  /* One entry per listing: the scope and the count, never who. */
  team = scope != NULL ? kes_store_lookup_team (self, scope) : NULL;
  summary = g_strdup_printf ("patient register: %u patients (%s)", rows->len,
                             team != NULL ? kes_team_get_name (team) : "all teams");
  if (!kes_store_audit (self, KES_AUDIT_LIST, NULL, NULL, summary, error))
    return NULL;
  return g_steal_pointer (&rows);
}

char *
kes_store_find_patient_named (KesStore   *self,
                              const char *given,
                              const char *family,
                              const char *except_id,
                              GError    **error)
{
  KesDbStmt *stmt;
  g_autofree char *sort_name = NULL;
  char *id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  /* Across every team, but it says only whether a name is a patient's. */
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  /* By the caseload's sort name, which is indexed and free of case and
   * accents, so a large database answers at once. */
  stmt = kes_store_prepare (self,
    "SELECT p.id FROM patient p CROSS JOIN record r ON r.id = p.id AND r.state = 'active' "
    "WHERE p.sort_name = ?1 AND p.id IS NOT ?2 LIMIT 1", error);
  if (stmt == NULL || given == NULL || family == NULL)
    return NULL;
  sort_name = make_sort_name (family, given);
  kes_db_bind_text (stmt, 1, sort_name, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, except_id);
  if (kes_db_step (stmt) == KES_DB_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return id;
}
