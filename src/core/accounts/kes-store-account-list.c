/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-account-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-store-private.h"

/* Reading accounts for administrators: the staff list with roles, team,
 * last sign-in and state, one account, and an account's history. */

#define ACCOUNT_COLUMNS \
  "s.id, s.username, s.display_name, s.role_title, s.team_id, s.contact, t.name, s.roles, " \
  "s.disabled, s.password_hash IS NOT NULL, s.must_change_password, s.locked_until, " \
  "s.failed_attempts, s.last_sign_in_at, s.revision, s.changed_at, c.display_name"
#define ACCOUNT_FROM \
  " FROM staff s LEFT JOIN team t ON t.id = s.team_id LEFT JOIN staff c ON c.id = s.changed_by"

static KesAccount *
account_from_row (KesDbStmt *stmt)
{
  g_autoptr(KesStaff) staff = kes_staff_new (kes_store_column_text (stmt, 0),
                                             kes_store_column_text (stmt, 1),
                                             kes_store_column_text (stmt, 2),
                                             kes_store_column_text (stmt, 3),
                                             (const char *) kes_db_column_text (stmt, 4),
                                             kes_store_column_text (stmt, 5));
  KesAccountFields fields = {
    .staff = staff,
    .team_name = (const char *) kes_db_column_text (stmt, 6),
    .roles = kes_store_column_text (stmt, 7),
    .disabled = kes_db_column_int (stmt, 8) != 0,
    .has_password = kes_db_column_int (stmt, 9) != 0,
    .must_change_password = kes_db_column_int (stmt, 10) != 0,
    .locked_until = (const char *) kes_db_column_text (stmt, 11),
    .failed_attempts = kes_db_column_int (stmt, 12),
    .last_sign_in_at = (const char *) kes_db_column_text (stmt, 13),
    .revision = kes_db_column_int64 (stmt, 14),
    .changed_at = (const char *) kes_db_column_text (stmt, 15),
    .changed_by_name = (const char *) kes_db_column_text (stmt, 16),
  };

  return kes_account_new (&fields);
}

GListModel *
kes_store_list_accounts (KesStore  *self,
                         GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_ACCOUNT);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE s.recorded_elsewhere IS NULL "
    "ORDER BY s.disabled, s.display_name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesAccount) account = account_from_row (stmt);
      g_list_store_append (list, account);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the staff accounts"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

KesAccount *
kes_store_load_account (KesStore    *self,
                        const char  *id_or_username,
                        GError     **error)
{
  KesStaff *actor;
  KesAccount *account = NULL;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_username != NULL, NULL);

  /* Anyone may read their own account; someone else's needs manage-staff. */
  actor = kes_store_get_actor (self);
  if (actor == NULL || (!g_str_equal (kes_staff_get_id (actor), id_or_username) &&
                        !g_str_equal (kes_staff_get_username (actor), id_or_username)))
    {
      if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
        return NULL;
    }
  stmt = kes_store_prepare (self,
    "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE s.id = ?1 OR s.username = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id_or_username, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    account = account_from_row (stmt);
  else
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                 _("No member of staff is called “%s”"), id_or_username);
  kes_db_reset (stmt);
  return account;
}

GListModel *
kes_store_list_account_history (KesStore    *self,
                                const char  *staff_id,
                                GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_AUDIT_ENTRY);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return NULL;
  /* What was done to the account, and its sign-ins and failed ones. */
  stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT a.seq, a.at, a.actor_id, s.display_name, a.action, a.record_id, a.patient_id, "
    "a.revision, a.summary FROM audit a LEFT JOIN staff s ON s.id = a.actor_id "
    "WHERE (a.record_id = ?1 AND a.action = 'account') "
    "OR (a.actor_id = ?1 AND a.action IN ('sign-in', 'sign-in-failed', 'sign-out')) "
    "ORDER BY a.seq DESC LIMIT 500", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesAuditEntry) entry = kes_store_audit_entry_from_row (stmt);
      g_list_store_append (list, entry);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the account’s history"));
      return NULL;
    }
  if (!kes_store_audit (self, KES_AUDIT_VIEW, staff_id, NULL, "account history", error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}
