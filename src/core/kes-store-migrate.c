/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-migrate"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-error.h"
#include "kes-services.h"
#include "kes-store-private.h"

/* Numbered migrations, shipped in the core resource (data/migrations). A
 * database's user_version is the number of the last one applied. */
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
  "migrations/0016-keyed-chain.sql",
  "migrations/0018-authors-recorded-elsewhere.sql",
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
#define KEYED_CHAIN_MIGRATION "migrations/0016-keyed-chain.sql"

/* The migration that adds authors recorded elsewhere (the staff columns
 * recorded_elsewhere and source_username) and revision_import. */
#define AUTHORS_ELSEWHERE_MIGRATION "migrations/0018-authors-recorded-elsewhere.sql"

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

int
kes_store_authors_elsewhere_version (void)
{
  return migration_number (AUTHORS_ELSEWHERE_MIGRATION);
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
      !kes_store_exec (self, set_version, error))
    {
      kes_store_exec (self, "ROLLBACK", NULL);
      self->chain_keyed = (int) number > kes_store_keyed_chain_version ();
      g_prefix_error (error, _("Could not update the database to version %u: "), number);
      return FALSE;
    }
  return kes_store_exec (self, "COMMIT", error);
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
