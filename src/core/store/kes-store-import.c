/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-import"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-store-whole-db.h"
#include "kes-store-import-private.h"

static gboolean
step_done (KesStore      *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT, "%s", what);
  else
    kes_store_set_db_error (self, error, what);

  return FALSE;
}

static gboolean
row_exists (KesStore    *self,
            const char  *sql,
            const char  *id,
            gboolean    *exists,
            GError     **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;

  return TRUE;
}

/* Importing writes registers and clinical records, with the teams and
 * authors they name. With @patient_id (a record of a patient already
 * held), the same team scope and emergency access as editing that record
 * in the app. */
static gboolean
require_import_for (KesStore    *self,
                    const char  *patient_id,
                    GError     **error)
{
  return kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, patient_id, error) &&
         kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error);
}

static gboolean
require_import (KesStore  *self,
                GError   **error)
{
  return require_import_for (self, NULL, error);
}

static char *
team_phrase (KesTeam *team)
{
  /* Translators: a team's name */
  return team != NULL ? g_strdup_printf (_("the %s team"), kes_team_get_name (team))
                      : g_strdup (_("no team"));
}

/* A merge adds to a patient's record; it never moves the patient to
 * another team. That is a transfer, made in the app with its own entry in
 * the access log. */
static gboolean
check_no_team_move (KesStore     *self,
                    const char   *patient_id,
                    KesRevision  *last,
                    GError      **error)
{
  g_autoptr(KesPatient) incoming = kes_patient_new ();
  g_autoptr(KesTeam) held_team = NULL;
  g_autoptr(KesTeam) file_team = NULL;
  g_autofree char *held = NULL;
  g_autofree char *file_phrase = NULL;
  g_autofree char *held_phrase = NULL;
  sqlite3_stmt *stmt;

  if (!kes_patient_load_json (incoming, kes_revision_get_data (last), error))
    return FALSE;
  stmt = kes_store_prepare (self, "SELECT team_id FROM patient WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    held = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (g_strcmp0 (held != NULL ? held : "",
                 kes_patient_get_text (incoming, KES_PATIENT_TEAM_ID)) == 0)
    return TRUE;

  held_team = held != NULL ? kes_store_lookup_team (self, held) : NULL;
  file_team = kes_store_lookup_team (self, kes_patient_get_text (incoming, KES_PATIENT_TEAM_ID));
  file_phrase = team_phrase (file_team);
  held_phrase = team_phrase (held_team);
  g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
               /* Translators: "the North team" or "no team", twice */
               _("The file has this patient under %s and this database under %s: a merge never "
                 "moves a patient between teams. Transfer the patient in the app first, then "
                 "merge."), file_phrase, held_phrase);
  return FALSE;
}

gboolean
kes_store_import_team (KesStore  *self,
                       KesTeam   *team,
                       GError   **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;

  if (!require_import (self, error) ||
      !row_exists (self, "SELECT 1 FROM team WHERE id = ?", kes_team_get_id (team), &exists, error))
    return FALSE;
  if (exists)
    return TRUE;

  stmt = kes_store_prepare (self, "INSERT INTO team (id, name, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kes_team_get_id (team), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kes_team_get_name (team), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  what = g_strdup_printf (_("A different team called “%s” is already held"), kes_team_get_name (team));

  return step_done (self, stmt, what, error);
}

void
kes_store_set_import_source (KesStore   *self,
                             const char *source)
{
  g_return_if_fail (KES_IS_STORE (self));

  g_free (self->import_source);
  self->import_source = g_strdup (source);
}

static const char *
import_source (KesStore *self)
{
  return self->import_source != NULL ? self->import_source : "";
}

/* A staff id the file shares with a person of this database must be that
 * person: the same user name. (A file copying a real colleague's id and
 * name exactly is shown for what it is by the provenance of every revision
 * it brings: "imported by … from …".) */
static gboolean
check_same_person (KesStore     *self,
                   KesStaff     *staff,
                   sqlite3_stmt *held,
                   GError      **error)
{
  const char *elsewhere = (const char *) sqlite3_column_text (held, 2);
  const char *username = kes_store_column_text (held, elsewhere != NULL ? 1 : 0);
  g_autofree char *ours = g_utf8_casefold (username, -1);
  g_autofree char *theirs = g_utf8_casefold (kes_staff_get_username (staff), -1);

  if (g_str_equal (ours, theirs))
    return TRUE;

  g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
               /* Translators: a staff id, the user name a file gives it, then the name here */
               _("The file names staff member %s “%s”, but here that id is %s (“%s”): check "
                 "where the file came from."),
               kes_staff_get_id (staff), kes_staff_get_username (staff),
               kes_store_column_text (held, 3), username);
  return FALSE;
}

gboolean
kes_store_import_staff (KesStore  *self,
                        KesStaff  *staff,
                        GError   **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *username = NULL;
  sqlite3_stmt *stmt;
  gboolean found, ok;

  if (!require_import (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "SELECT username, source_username, recorded_elsewhere, display_name FROM staff WHERE id = ?",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kes_staff_get_id (staff), -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  ok = !found || check_same_person (self, staff, stmt, error);
  sqlite3_reset (stmt);
  if (found)
    return ok;

  /* An author recorded elsewhere: in the directory so that revisions can
   * name them, never an account (no password, no roles, and a user name
   * of its own, "~" and the id, that no one named in a file can choose).
   * They join the directory with their history (a staff revision covering
   * recorded_elsewhere and source_username), in the same savepoint. */
  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "INSERT INTO staff (id, username, display_name, role_title, team_id, contact, created_at, "
    "recorded_elsewhere, source_username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  username = g_strconcat ("~", kes_staff_get_id (staff), NULL);
  sqlite3_bind_text (stmt, 1, kes_staff_get_id (staff), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kes_staff_get_display_name (staff), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kes_staff_get_role_title (staff), -1, SQLITE_TRANSIENT);
  kes_store_bind_text (stmt, 5, kes_staff_get_team_id (staff));
  sqlite3_bind_text (stmt, 6, kes_staff_get_contact (staff), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, import_source (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, kes_staff_get_username (staff), -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, _("Could not add the author recorded elsewhere"), error) ||
      !kes_store_staff_snapshot (self, kes_staff_get_id (staff), error) ||
      !kes_store_audit_append (self, KES_AUDIT_IMPORT, kes_staff_get_id (staff), NULL,
                               "author recorded elsewhere added (case record import)", error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

/* ---- The record kinds a case record carries ---- */

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  /* The patient's own records; the carers linked to the patient, with
   * their assessments and involvement that belong to no other patient;
   * and liaison and diversion screenings that became this record, with
   * their referrals onward. The carer-level records are found from the patient's carers (CROSS JOIN
   * keeps that order): left to itself SQLite starts from "patient_id IS
   * NULL", which every patient's register matches, so a whole-database
   * export read every register once for each patient. */
  stmt = kes_store_prepare (self,
    "SELECT r.kind, r.id, r.patient_id, r.created_at FROM record r "
    "WHERE r.patient_id = ?1 AND r.kind NOT IN ('contact', 'note') "
    "UNION SELECT r.kind, r.id, r.patient_id, r.created_at FROM record r "
    "WHERE r.id IN (SELECT carer_id FROM carer_link WHERE patient_id = ?1) "
    "UNION SELECT r.kind, r.id, r.patient_id, r.created_at FROM carer_assessment a "
    "CROSS JOIN record r ON r.id = a.id WHERE r.patient_id IS NULL "
    "AND a.carer_id IN (SELECT carer_id FROM carer_link WHERE patient_id = ?1) "
    "UNION SELECT r.kind, r.id, r.patient_id, r.created_at FROM carer_involvement i "
    "CROSS JOIN record r ON r.id = i.id WHERE r.patient_id IS NULL "
    "AND i.carer_id IN (SELECT carer_id FROM carer_link WHERE patient_id = ?1) "
    "UNION SELECT r.kind, r.id, r.patient_id, r.created_at FROM record r "
    "JOIN ld_screening s ON s.id = r.id WHERE s.converted_patient_id = ?1 "
    "UNION SELECT r.kind, r.id, r.patient_id, r.created_at FROM ld_onward_referral o "
    "JOIN ld_screening s ON s.id = o.screening_id CROSS JOIN record r ON r.id = o.id "
    "WHERE s.converted_patient_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KesRecordRef *ref = g_new0 (KesRecordRef, 1);

      ref->kind = g_strdup (kes_store_column_text (stmt, 0));
      ref->id = g_strdup (kes_store_column_text (stmt, 1));
      ref->patient_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      ref->created_at = g_strdup (kes_store_column_text (stmt, 3));
      g_ptr_array_add (refs, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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
      sqlite3_stmt *stmt = kes_store_prepare (self, g_str_equal (kind, "contact")
        ? "UPDATE contact SET state = 'entered-in-error' WHERE id = ?"
        : "UPDATE note SET state = 'entered-in-error' WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      return step_done (self, stmt, _("Could not mark the record"), error);
    }

  return TRUE;
}

/* The record's revision moved on between reading and advancing it. */
static gboolean
changed_meanwhile (KesStore    *self,
                   const char  *record_id,
                   GError     **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "SELECT s.display_name, r.updated_at FROM record r JOIN staff s ON s.id = r.updated_by "
    "WHERE r.id = ?", error);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      who = g_strdup (kes_store_column_text (stmt, 0));
      when = kes_time_to_display (kes_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
               _("%s changed record %s on %s while it was being imported: "
                 "try the import again."),
               who != NULL ? who : _("Someone else"), record_id, when != NULL ? when : "?");
  return FALSE;
}

static gboolean
audit_imported_revision (KesStore     *self,
                         const char   *kind,
                         const char   *record_id,
                         const char   *patient_id,
                         KesRevision  *revision,
                         GError      **error)
{
  g_autofree char *data_sha256 = kes_revision_data_hash (kes_revision_get_data (revision));
  KesRevisionFields fields = {
    .record_id = record_id,
    .kind = kind,
    .patient_id = patient_id,
    .number = kes_revision_get_revision (revision),
    .author_id = kes_revision_get_author_id (revision),
    .at = kes_revision_get_at (revision),
    .change = kes_revision_get_change (revision),
    .reason = kes_revision_get_reason (revision),
    .data_sha256 = data_sha256,
  };

  return kes_store_audit_revision (self, &fields, NULL, error);
}

static gboolean
import_revisions (KesStore    *self,
                  const char  *kind,
                  const char  *record_id,
                  const char  *patient_id,
                  GPtrArray   *revisions,
                  GError     **error)
{
  KesRevision *first = g_ptr_array_index (revisions, 0);
  KesRevision *last = g_ptr_array_index (revisions, revisions->len - 1);
  gboolean withdrawn = kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR;
  g_autofree char *imported_at = kes_clock_now_iso ();
  sqlite3_stmt *stmt;
  gint64 current = 0;
  int rc;

  stmt = kes_store_prepare (self, "SELECT kind, patient_id, revision FROM record WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean same = g_strcmp0 (kes_store_column_text (stmt, 0), kind) == 0 &&
                      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), patient_id) == 0;

      current = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                       _("Record %s is already held as a different kind of record or for "
                         "another patient"), record_id);
          return FALSE;
        }
    }
  else
    sqlite3_reset (stmt);

  /* Adding to a record held here is editing it: the importer's team scope
   * and emergency access apply, and the patient stays in their team. */
  if (current > 0
      && (!require_import_for (self, patient_id != NULL ? patient_id : record_id, error)
          || (g_str_equal (kind, "patient")
              && !check_no_team_move (self, record_id, last, error))))
    return FALSE;

  if (kes_revision_get_revision (first) != current + 1)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   _("Record %s is held up to revision %" G_GINT64_FORMAT "; the import continues "
                     "from revision %" G_GINT64_FORMAT), record_id, current,
                   kes_revision_get_revision (first));
      return FALSE;
    }

  if (current == 0)
    {
      stmt = kes_store_prepare (self,
        "INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, "
        "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      kes_store_bind_text (stmt, 3, patient_id);
      sqlite3_bind_int64 (stmt, 4, kes_revision_get_revision (last));
      sqlite3_bind_text (stmt, 5, withdrawn ? "entered-in-error" : "active", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, kes_revision_get_at (first), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, kes_revision_get_author_id (first), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, kes_revision_get_at (last), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, kes_revision_get_author_id (last), -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = kes_store_prepare (self,
        "UPDATE record SET revision = ?2, state = ?3, updated_at = ?4, updated_by = ?5 "
        "WHERE id = ?1 AND revision = ?6", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, kes_revision_get_revision (last));
      sqlite3_bind_text (stmt, 3, withdrawn ? "entered-in-error" : "active", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, kes_revision_get_at (last), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, kes_revision_get_author_id (last), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, current);
    }
  if (!step_done (self, stmt, _("Could not save the record"), error))
    return FALSE;
  /* The revision read above must still be the one advanced: if not, a
   * save elsewhere got there first and the import's history no longer
   * follows on (see kes_store_write_revision()). */
  if (current > 0 && sqlite3_changes (self->db) != 1)
    return changed_meanwhile (self, record_id, error);

  for (guint i = 0; i < revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i);

      stmt = kes_store_prepare (self,
        "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, kes_revision_get_revision (revision));
      sqlite3_bind_text (stmt, 3, kes_change_kind_to_string (kes_revision_get_change (revision)), -1,
                         SQLITE_STATIC);
      kes_store_bind_text (stmt, 4, kes_revision_get_reason (revision));
      sqlite3_bind_text (stmt, 5, kes_revision_get_author_id (revision), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, kes_revision_get_at (revision), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, kes_revision_get_data (revision), -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, _("Could not save the record’s history"), error))
        return FALSE;

      /* Who brought this revision in, when and from where. */
      stmt = kes_store_prepare (self,
        "INSERT INTO revision_import (record_id, revision, imported_by, imported_at, source) "
        "VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, kes_revision_get_revision (revision));
      sqlite3_bind_text (stmt, 3, kes_staff_get_id (self->actor), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, imported_at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, import_source (self), -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, _("Could not save where the record came from"), error))
        return FALSE;

      /* Every revision has its entry in the access log, with its hashes,
       * as one written here would; the entry is the import's (who brought
       * it in, and when), the revision keeps its own author and time. */
      if (!audit_imported_revision (self, kind, record_id, patient_id, revision, error))
        return FALSE;
      kes_store_changes_note (self, kind, record_id, patient_id);
    }

  return kes_store_project_revision (self, kind, record_id, patient_id, last, error);
}

gboolean
kes_store_import_revisions (KesStore    *self,
                            const char  *kind,
                            const char  *record_id,
                            const char  *patient_id,
                            GPtrArray   *revisions,
                            GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_savepoint (self, error))
    return FALSE;

  if (!kes_store_import_revisions_in_transaction (self, kind, record_id, patient_id, revisions,
                                                  error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }

  return kes_store_release (self, error);
}

gboolean
kes_store_import_revisions_in_transaction (KesStore    *self,
                                           const char  *kind,
                                           const char  *record_id,
                                           const char  *patient_id,
                                           GPtrArray   *revisions,
                                           GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);
  g_return_val_if_fail (kind != NULL && record_id != NULL, FALSE);
  g_return_val_if_fail (revisions != NULL && revisions->len > 0, FALSE);

  if (!require_import (self, error))
    return FALSE;
  return import_revisions (self, kind, record_id, patient_id, revisions, error);
}
