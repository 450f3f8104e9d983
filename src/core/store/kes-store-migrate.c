/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-migrate"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-records.h"
#include "kes-services.h"
#include "kes-store-private.h"

/* Migrations, shipped in the core resource (data/migrations), applied in
 * this array's order: a database's user_version is how many have been
 * applied. A file's number says when it was written (branches wrote theirs
 * side by side), not where it runs: only this order counts, and it never
 * changes once a migration has shipped. */
static const char * const migrations[] = {
  "migrations/0001-initial.sql",
  "migrations/0002-caseload-indexes.sql",
  "migrations/0003-audit-and-accounts.sql",
  "migrations/0004-referrals.sql",
  "migrations/0006-risk-tools.sql",
  "migrations/0005-carers.sql",
  "migrations/0009-services.sql",
  "migrations/0010-liaison.sql",
  "migrations/0008-moj.sql",
  "migrations/0007-community.sql",
  "migrations/0011-directory-revisions.sql",
  "migrations/0014-clinical-rules.sql",
  "migrations/0012-database-identity.sql",
  "migrations/0013-accounts-sign-in.sql",
  "migrations/0015-keyed-chain.sql",
  "migrations/0016-crisis-plan-shares.sql",
  "migrations/0017-one-legal-status.sql",
  "migrations/0018-authors-recorded-elsewhere.sql",
  "migrations/0021-crisis-plan-review.sql",
  "migrations/0019-liaison-onward-referrals.sql",
  "migrations/0022-catchment-areas.sql",
  "migrations/0023-signposting.sql",
  "migrations/0024-import-per-patient.sql",
  "migrations/0027-ld-screening-converted.sql",
};

/* The migration that starts the access log: history already stored gets
 * baseline entries in the same transaction. */
#define AUDIT_MIGRATION 3

/* The migration that creates the service directory; the national numbers
 * (data/services/national.tsv) are added in the same transaction. */
#define SERVICES_MIGRATION "migrations/0009-services.sql"

/* The migration that drops MAPPA category 4: records holding it get a new
 * revision and their patients a note (kes-store-migrate-mappa.c). */
#define MAPPA_MIGRATION "migrations/0014-clinical-rules.sql"

/* The migration that keys the access log: the seal is written in the same
 * transaction (kes_store_audit_seal()), and every later entry is keyed. */
#define KEYED_CHAIN_MIGRATION "migrations/0015-keyed-chain.sql"

/* The migration that adds authors recorded elsewhere (the staff columns
 * recorded_elsewhere and source_username) and revision_import. */
#define AUTHORS_ELSEWHERE_MIGRATION "migrations/0018-authors-recorded-elsewhere.sql"

/* The migration that makes the catchment areas directory data: the areas
 * of the lists fixed until then are written in the same transaction. */
#define CATCHMENT_MIGRATION "migrations/0022-catchment-areas.sql"

static int
migration_number (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (g_str_equal (migrations[i], name))
      return (int) i + 1;
  g_assert_not_reached ();
}

int
kes_store_keyed_chain_version (void)
{
  return migration_number (KEYED_CHAIN_MIGRATION);
}

/* The migration that gives the legal status one home: the register's
 * copy and separate index offences move into the legal status record
 * (kes-store-migrate-legal.c). */
#define LEGAL_MIGRATION "migrations/0017-one-legal-status.sql"

int
kes_store_authors_elsewhere_version (void)
{
  return migration_number (AUTHORS_ELSEWHERE_MIGRATION);
}

/* The migration from which an import of a patient is audited by one entry
 * (patient_import, revision.import_id). */
#define IMPORT_PER_PATIENT_MIGRATION "migrations/0024-import-per-patient.sql"

int
kes_store_import_per_patient_version (void)
{
  return migration_number (IMPORT_PER_PATIENT_MIGRATION);
}

int
kes_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Migration 16: the staff directory's first revisions (the directory as it
 * stands, each member the author of their own), then the seal over them and
 * everything written before. */
static gboolean
seal_history (KesStore  *self,
              GError   **error)
{
  if (!kes_store_savepoint (self, error))
    return FALSE;
  if (!kes_store_staff_snapshot_all (self, error) || !kes_store_audit_seal (self, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

static gboolean
apply_migration (KesStore  *self,
                 guint      number,
                 GError   **error)
{
  g_autoptr(GBytes) bytes = kes_core_data_lookup (migrations[number - 1], error);
  g_autofree char *sql = NULL;
  g_autofree char *set_version = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  set_version = g_strdup_printf ("PRAGMA user_version = %u", number);

  /* Each migration is all or nothing. */
  if (!kes_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!kes_store_exec (self, sql, error) ||
      (number == AUDIT_MIGRATION && !kes_store_audit_baseline (self, error)) ||
      (g_str_equal (migrations[number - 1], SERVICES_MIGRATION) &&
       !kes_store_seed_services (self, error)) ||
      (g_str_equal (migrations[number - 1], MAPPA_MIGRATION) &&
       !kes_store_migrate_mappa_category_four (self, error)) ||
      (g_str_equal (migrations[number - 1], KEYED_CHAIN_MIGRATION) && !seal_history (self, error)) ||
      (g_str_equal (migrations[number - 1], LEGAL_MIGRATION) &&
       !kes_store_migrate_one_legal_status (self, error)) ||
      (g_str_equal (migrations[number - 1], CATCHMENT_MIGRATION) &&
       !kes_store_seed_catchment_areas (self, error)) ||
      !kes_store_exec (self, set_version, error))
    {
      kes_store_exec (self, "ROLLBACK", NULL);
      self->chain_keyed = (int) number > kes_store_keyed_chain_version ();
      g_prefix_error (error, _("Could not update the database to version %u: "), number);
      return FALSE;
    }
  return kes_store_exec (self, "COMMIT", error);
}

static gboolean
add_update_staff (KesStore    *self,
                  const char  *id,
                  const char  *username,
                  GError     **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT OR IGNORE INTO staff (id, username, display_name, role_title, created_at, disabled) "
    "VALUES (?1, ?2, ?3, '', ?4, 1)", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, username, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, _("Kestrel database update"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, now, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not record who made the update"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_add_update_author (KesStore    *self,
                             const char  *number,
                             GError     **error)
{
  g_autofree char *id = g_strconcat (KES_UPDATE_AUTHOR_PREFIX, number, NULL);
  g_autofree char *username = g_strconcat (KES_UPDATE_USERNAME_PREFIX, number, NULL);

  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  /* On a file already sealed (a migration after the keyed chain's) the
   * staff directory is history too: the update's entry gets its revision
   * like anyone's; the keyed chain's migration snapshots earlier ones. */
  return add_update_staff (self, id, username, error) &&
         (kes_store_get_user_version (self) < kes_store_keyed_chain_version () ||
          kes_store_staff_snapshot (self, id, error));
}

gboolean
kes_store_run_as_update (KesStore       *self,
                         const char     *number,
                         KesUpdateStep   step,
                         gpointer        data,
                         GError        **error)
{
  g_autofree char *id = g_strconcat (KES_UPDATE_AUTHOR_PREFIX, number, NULL);
  g_autofree char *username = g_strconcat (KES_UPDATE_USERNAME_PREFIX, number, NULL);
  g_autoptr(KesStaff) updater = NULL;
  KesStaff *actor;
  gboolean ok;

  if (!kes_store_savepoint (self, error))
    return FALSE;
  ok = kes_store_add_update_author (self, number, error);
  updater = kes_staff_new (id, username, _("Kestrel database update"), "", NULL, "");
  actor = self->actor != NULL ? g_object_ref (self->actor) : NULL;
  g_set_object (&self->actor, updater);
  ok = ok && step (self, data, error);
  if (ok)
    ok = kes_store_release (self, error);
  else if (self->savepoint_depth > 0)
    kes_store_rollback_to (self);
  g_set_object (&self->actor, actor);
  g_clear_object (&actor);
  return ok;
}

gboolean
kes_store_add_update_note (KesStore    *self,
                           const char  *patient_id,
                           const char  *title,
                           const char  *body,
                           GError     **error)
{
  g_autoptr(KesNote) note = kes_note_new ();
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;
  gint64 revision;

  kes_note_set_patient_id (note, patient_id);
  kes_note_set_written_at (note, now);
  kes_note_set_title (note, title);
  kes_note_set_body (note, body);
  json = kes_note_to_json (note);
  revision = kes_store_write_revision (self, "note", patient_id, &id, 0, KES_CHANGE_CREATE, NULL, json, error);
  if (revision == 0)
    return FALSE;
  kes_note_set_identity (note, id, revision, KES_RECORD_ACTIVE);
  return kes_store_project_note (self, note, error);
}

gboolean
kes_store_migrate (KesStore  *self,
                   GError   **error)
{
  int current = kes_store_get_user_version (self);
  int newest = kes_store_schema_version ();

  if (current < 0)
    {
      kes_store_set_db_error (self, error, _("Could not read the database version"));
      return FALSE;
    }
  if (current > newest)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NEWER_SCHEMA,
                   _("The database %s was written by a newer version of Kestrel (database "
                     "version %d; this Kestrel understands up to %d). Open it with that newer "
                     "version. Nothing has been changed."),
                   self->path, current, newest);
      return FALSE;
    }
  /* Entries are keyed once the seal is written, in its migration. */
  self->chain_keyed = current >= kes_store_keyed_chain_version ();
  for (int number = current + 1; number <= newest; number++)
    if (!apply_migration (self, (guint) number, error))
      return FALSE;
  return TRUE;
}
