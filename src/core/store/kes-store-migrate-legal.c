/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-migrate-legal"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-error.h"
#include "kes-store-moj-private.h"

/* Part of migration 0017 (data/migrations/0017-one-legal-status.sql):
 * before it, a patient's legal status, MHCS reference and MAPPA were typed
 * into the register as well as the legal status record, and index offences
 * were records of their own, so the header and the Legal & MoJ tab could
 * disagree. Everything moves into the current legal status record, each
 * change a revision by the "Kestrel database update"; where the two
 * disagreed the legal status record is kept and a note asks the team to
 * check. Runs inside the migration's transaction: all or nothing. */

static const char * const register_keys[] = {
  "legal_status", "mhcs_reference", "mappa_category", "mappa_level",
};

/* What the history says of each change: made by the database update, or
 * on importing a case record exported before it. */
typedef struct
{
  const char *status_merged;
  const char *register_moved;
  const char *offence_merged;
  const char *offence_withdrawn;
} Reasons;

static const Reasons update_reasons = {
  N_("Brought from the patient register by the database update: the legal status record is now the one "
     "place for the legal status, MHCS reference and MAPPA"),
  N_("Legal status, MHCS reference and MAPPA moved to the legal status record (Legal & MoJ tab) by the "
     "database update"),
  N_("Index offence, recorded on its own before, brought into the legal status record by the database update"),
  N_("Moved into the legal status record's index offences by the database update (the offence itself is not "
     "in error)"),
};

static const Reasons import_reasons = {
  N_("Brought from the imported patient register (a case record from an earlier Kestrel): the legal status "
     "record is the one place for the legal status, MHCS reference and MAPPA"),
  N_("Legal status, MHCS reference and MAPPA of the imported register moved to the legal status record "
     "(Legal & MoJ tab)"),
  N_("Imported index offence, recorded on its own by an earlier Kestrel, brought into the legal status record"),
  N_("Moved into the legal status record's index offences on import (the offence itself is not in error)"),
};

typedef struct
{
  char   *id;
  gint64  revision;
  char   *facts[G_N_ELEMENTS (register_keys)];
  char   *rest;   /* the register's data without those keys */
} RegisterRow;

static void
register_row_free (RegisterRow *row)
{
  g_free (row->id);
  for (guint i = 0; i < G_N_ELEMENTS (register_keys); i++)
    g_free (row->facts[i]);
  g_free (row->rest);
  g_free (row);
}

/* One patient's register is found through the record's key; the form
 * "(?1 IS NULL OR r.id = ?1)" would read every patient's register for
 * each imported patient (an import quadratic in the database's size). */
#define REGISTER_ROWS(which) \
  "SELECT r.id, r.revision, " \
  "  CAST (json_extract (v.data, '$.legal_status') AS TEXT), " \
  "  CAST (json_extract (v.data, '$.mhcs_reference') AS TEXT), " \
  "  CAST (json_extract (v.data, '$.mappa_category') AS TEXT), " \
  "  CAST (json_extract (v.data, '$.mappa_level') AS TEXT), " \
  "  json_remove (v.data, '$.legal_status', '$.mhcs_reference', '$.mappa_category', '$.mappa_level') " \
  "FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision " \
  "WHERE r.kind = 'patient' AND " which " AND json_valid (v.data) AND (" \
  "  json_type (v.data, '$.legal_status') IS NOT NULL OR json_type (v.data, '$.mhcs_reference') IS NOT NULL OR " \
  "  json_type (v.data, '$.mappa_category') IS NOT NULL OR json_type (v.data, '$.mappa_level') IS NOT NULL) " \
  "ORDER BY r.created_at, r.id"

/* Patients whose current register revision still holds any of the keys. */
static GPtrArray *
find_register_rows (KesStore    *self,
                    const char  *patient_id,
                    GError     **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) register_row_free);
  KesDbStmt *stmt = kes_store_prepare (self,
    patient_id != NULL ? REGISTER_ROWS ("r.id = ?1") : KES_SQL_FULL_SCAN REGISTER_ROWS ("?1 IS NULL"), error);
  int rc;

  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, patient_id);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      RegisterRow *row = g_new0 (RegisterRow, 1);

      row->id = g_strdup (kes_store_column_text (stmt, 0));
      row->revision = kes_db_column_int64 (stmt, 1);
      for (guint i = 0; i < G_N_ELEMENTS (register_keys); i++)
        row->facts[i] = g_strstrip (g_strdup (kes_store_column_text (stmt, 2 + (int) i)));
      row->rest = g_strdup (kes_store_column_text (stmt, 6));
      g_ptr_array_add (rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the patient register"));
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

static gboolean
note_disagreement (KesStore     *self,
                   const char   *patient_id,
                   GPtrArray    *conflicts,
                   GError      **error)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append (body, _("Kestrel used to keep the legal status, MHCS reference and MAPPA in two places: the "
                           "patient register and the legal status record (Legal & MoJ tab). They now live only "
                           "in the legal status record. For this patient the register held something the "
                           "legal status record does not, and the legal status record was kept. The register "
                           "said:"));
  for (guint i = 0; i < conflicts->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (conflicts, i));
  g_string_append_c (body, '\n');
  g_string_append (body, _("Please check which is right and correct the legal status record if needed. Both "
                           "stay in the record's history."));
  return kes_store_add_update_note (self, patient_id, _("Legal status to check"), body->str, error);
}

/* A code no list knows (an older Kestrel, or an edit with the KesDb
 * shell) is not moved: the legal status record would refuse it and the
 * whole database would fail to open. The note names it instead. */
static void
drop_unknown_codes (RegisterRow *row,
                    GPtrArray   *conflicts)
{
  static const struct { guint fact; const char *list; const char *label; } coded[] = {
    { 0, KES_CODES_LEGAL_STATUS, N_("Detention authority") },
    { 2, KES_CODES_MAPPA_CATEGORY, N_("MAPPA category") },
    { 3, KES_CODES_MAPPA_LEVEL, N_("MAPPA level") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    {
      char **fact = &row->facts[coded[i].fact];

      if (**fact == '\0' || kes_code_list_contains (kes_code_list_get (coded[i].list), *fact))
        continue;
      /* TRANSLATORS: a field, then a value that is no code of its list */
      g_ptr_array_add (conflicts, g_strdup_printf (_("%s: “%s” (not a known code, so not moved)"),
                                                   _(coded[i].label), *fact));
      g_free (*fact);
      *fact = g_strdup ("");
    }
}

static gboolean
move_register (KesStore       *self,
               RegisterRow    *row,
               const Reasons  *reasons,
               GError        **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = g_strdup (row->id);
  g_autoptr(GError) local = NULL;
  KesLegalFacts facts = { 0 };

  drop_unknown_codes (row, conflicts);
  facts.authority = row->facts[0];
  facts.mhcs_reference = row->facts[1];
  facts.mappa_category = row->facts[2];
  facts.mappa_level = row->facts[3];

  if (!kes_store_merge_legal_status (self, row->id, &facts, KES_LEGAL_MERGE_FILL, _(reasons->status_merged),
                                     conflicts, &local))
    {
      /* The record in force fails a check of its own (one added since it
       * was written): the register's values go in the note for a person
       * to record, rather than the database failing to open. */
      if (!g_error_matches (local, KES_ERROR, KES_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      kes_legal_facts_describe (&facts, conflicts);
      g_ptr_array_add (conflicts, g_strdup_printf (_("(The legal status record could not take these: %s)"),
                                                   local->message));
    }
  if (conflicts->len > 0 && !note_disagreement (self, row->id, conflicts, error))
    return FALSE;
  /* The register's projection holds none of these but the two caseload
   * columns, which are set from the legal status record afterwards. */
  return kes_store_write_revision (self, "patient", NULL, &id, row->revision, KES_CHANGE_EDIT,
                                   _(reasons->register_moved), row->rest, error) != 0;
}

/* "Wounding with intent, 14 Aug 2017, Norwich" */
static char *
offence_line (KesMojRecord *offence)
{
  GString *line = g_string_new (NULL);
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (KES_MOJ_INDEX_OFFENCE, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = kes_moj_record_dup_display (offence, &fields[i]);

      if (*value != '\0')
        g_string_append_printf (line, "%s%s", line->len > 0 ? ", " : "", value);
    }
  return g_string_free (line, FALSE);
}

/* As REGISTER_ROWS: one patient's offences through the patient's index. */
#define INDEX_OFFENCES(which) \
  "SELECT m.id, m.patient_id, m.kind, m.data, r.revision, r.state FROM moj_record m " \
  "JOIN record r ON r.id = m.id AND r.state = 'active' WHERE m.kind = 'index-offence' " \
  "AND " which " ORDER BY m.patient_id, m.sort_date, r.created_at, m.id"

static GPtrArray *
find_offences (KesStore    *self,
               const char  *patient_id,
               GError     **error)
{
  g_autoptr(GPtrArray) offences = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt = kes_store_prepare (self,
    patient_id != NULL ? INDEX_OFFENCES ("m.patient_id = ?1") : INDEX_OFFENCES ("?1 IS NULL"), error);
  int rc;

  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, patient_id);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesMojRecord *offence = kes_store_moj_record_from_row (stmt, error);

      if (offence == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (offences, offence);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the index offences"));
      return NULL;
    }
  return g_steal_pointer (&offences);
}

static gboolean
fold_offence (KesStore       *self,
              KesMojRecord   *offence,
              const Reasons  *reasons,
              GError        **error)
{
  g_autofree char *line = offence_line (offence);
  const KesLegalFacts facts = { .index_offences = line };
  const char *patient_id = kes_moj_record_get_patient_id (offence);
  g_autoptr(GError) local = NULL;

  if (!kes_store_merge_legal_status (self, patient_id, &facts, KES_LEGAL_MERGE_FILL, _(reasons->offence_merged),
                                     NULL, &local))
    {
      g_autofree char *body = NULL;

      if (!g_error_matches (local, KES_ERROR, KES_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Kept as it was, and a person asked to move it. */
      body = g_strdup_printf (_("The index offence “%s” could not be moved into the legal status record, which "
                                "fails a check of its own: %s. Please correct the legal status record (Legal & "
                                "MoJ tab) and add the offence to its index offences."), line, local->message);
      return kes_store_add_update_note (self, patient_id, _("Index offence to move"), body, error);
    }
  /* Withdrawn as a record of its own; what it says is now in the legal
   * status record, and the history keeps both. */
  return kes_store_write_entered_in_error (self, kes_moj_record_get_id (offence), kes_moj_record_get_revision (offence),
                                           _(reasons->offence_withdrawn), error);
}

/* The caseload's legal status and MHCS reference, from the record now. */
static gboolean
refresh_caseload (KesStore    *self,
                  const char  *patient_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT id FROM patient WHERE ?1 IS NULL OR id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  kes_store_bind_text (stmt, 1, patient_id);
  while (kes_db_step (stmt) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!kes_store_refresh_patient_legal (self, g_ptr_array_index (ids, i), error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  GPtrArray     *rows;
  GPtrArray     *offences;
  const Reasons *reasons;
} Work;

static gboolean
settle (KesStore  *self,
        gpointer   data,
        GError   **error)
{
  Work *work = data;

  for (guint i = 0; i < work->rows->len; i++)
    if (!move_register (self, g_ptr_array_index (work->rows, i), work->reasons, error))
      return FALSE;
  for (guint i = 0; i < work->offences->len; i++)
    if (!fold_offence (self, g_ptr_array_index (work->offences, i), work->reasons, error))
      return FALSE;
  return TRUE;
}

/* Everything to move for @patient_id (every patient when NULL). */
static gboolean
find_work (KesStore    *self,
           const char  *patient_id,
           Work        *work,
           GError     **error)
{
  work->rows = find_register_rows (self, patient_id, error);
  work->offences = work->rows != NULL ? find_offences (self, patient_id, error) : NULL;
  return work->offences != NULL;
}

static void
work_clear (Work *work)
{
  g_clear_pointer (&work->rows, g_ptr_array_unref);
  g_clear_pointer (&work->offences, g_ptr_array_unref);
}

gboolean
kes_store_migrate_one_legal_status (KesStore  *self,
                                    GError   **error)
{
  Work work = { .reasons = &update_reasons };
  gboolean ok;

  ok = find_work (self, NULL, &work, error);
  /* The update authors revisions only when there is something to move. */
  if (ok && (work.rows->len > 0 || work.offences->len > 0))
    ok = kes_store_run_as_update (self, "0016", settle, &work, error);
  work_clear (&work);
  return ok && refresh_caseload (self, NULL, error);
}

gboolean
kes_store_settle_imported_legal_status (KesStore    *self,
                                        const char  *patient_id,
                                        GError     **error)
{
  Work work = { .reasons = &import_reasons };
  gboolean ok;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error))
    return FALSE;
  /* Only a register from before 0016 says so; a newer export is left as
   * it is (an export and its import stay the same bytes). The conversion
   * is the update's, whoever imports: the import's own entry names them. */
  ok = find_work (self, patient_id, &work, error);
  if (ok && work.rows->len > 0)
    ok = kes_store_run_as_update (self, "0016", settle, &work, error) &&
         refresh_caseload (self, patient_id, error);
  work_clear (&work);
  return ok;
}
