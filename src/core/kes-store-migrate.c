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

int
kes_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
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
      !kes_store_exec (self, set_version, error))
    {
      kes_store_exec (self, "ROLLBACK", NULL);
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
  for (int number = current + 1; number <= newest; number++)
    if (!apply_migration (self, (guint) number, error))
      return FALSE;
  return TRUE;
}
