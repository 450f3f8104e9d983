/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-staff-history"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-error.h"
#include "kes-store-private.h"

/* The staff directory and its accounts as revisioned records, like any
 * other: who someone is (user name, name, role, team, contact), what they
 * may do (roles, disabled), how they sign in (the password hash and
 * whether it is one-time) and, for an author recorded elsewhere (brought by
 * an import, never an account), the file they came with and their user
 * name there: marking someone recorded elsewhere, or no longer so, behind
 * Kestrel's back changes who history says wrote here. Every revision a clinician writes names its
 * author by staff id, so a name changed behind Kestrel's back would
 * re-attribute their whole history; and roles or a password hash changed
 * with the sqlite3 shell would hand someone else's powers around. The staff
 * table stays where sign-in and every list read them, as the projection of
 * each member's latest revision, which `verify` rebuilds and compares.
 *
 * Writers change the staff row as they always have, then call
 * kes_store_staff_snapshot() in the same savepoint: when the row's
 * revisioned fields differ from the latest revision, a new revision records
 * them. Sign-in bookkeeping (failed attempts, locks, last sign-in) is not
 * history and is left out.
 *
 * A revision keeps the SHA-256 of the password hash, never the hash: history
 * is kept for good, and old hashes would be old passwords to guess at
 * offline. The digest is enough to tell that the password changed and to
 * find a hash put in its place. */

/* The JSON member of the password hash's digest. */
#define PASSWORD_DIGEST "password_hash_sha256"

/* The staff table's columns that are history, in the order their JSON
 * keeps them. */
static const char *const revisioned[] = {
  "username", "display_name", "role_title", "team_id", "contact", "roles", "disabled", "must_change_password",
  "password_hash", "recorded_elsewhere", "source_username", NULL,
};

/* The columns an author recorded elsewhere has (migration 0018): kept only
 * when set, so that the revisions of everyone else, written before those
 * columns existed (the keyed chain's migration, 0015, seals the directory
 * first) or after, read the same. */
static gboolean
is_elsewhere (const char *column)
{
  return g_str_equal (column, "recorded_elsewhere") || g_str_equal (column, "source_username");
}

/* Whether the staff table has those columns yet (migration 0015 snapshots
 * the directory before migration 0018 adds them). */
static gboolean
has_elsewhere_columns (KesStore *self)
{
  return kes_store_get_user_version (self) >= kes_store_authors_elsewhere_version ();
}

/* The JSON member a column's value is kept in. */
static const char *
member_of (const char *column)
{
  return g_str_equal (column, "password_hash") ? PASSWORD_DIGEST : column;
}

static char *
digest_of (const char *password_hash)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, password_hash, -1);
}

/* The columns stored as 0/1, kept as true/false. */
static gboolean
is_flag (const char *column)
{
  return g_str_equal (column, "disabled") || g_str_equal (column, "must_change_password");
}

const char * const *
kes_store_staff_revisioned_columns (void)
{
  return revisioned;
}

/* The row's revisioned fields as JSON, NULL when there is no such row. */
static char *
row_json (KesStore    *self,
          const char  *staff_id,
          GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, has_elsewhere_columns (self)
    ? "SELECT username, display_name, role_title, team_id, contact, roles, disabled, must_change_password, "
      "password_hash, recorded_elsewhere, source_username FROM main.staff WHERE id = ?"
    : "SELECT username, display_name, role_title, team_id, contact, roles, disabled, must_change_password, "
      "password_hash, NULL, NULL FROM main.staff WHERE id = ?", error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc != KES_DB_ROW)
    {
      kes_db_reset (stmt);
      if (rc == KES_DB_DONE)
        g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No member of staff has the id %s"), staff_id);
      else
        kes_store_set_db_error (self, error, _("Could not read the staff directory"));
      return NULL;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  for (guint i = 0; revisioned[i] != NULL; i++)
    {
      if (is_elsewhere (revisioned[i]) && kes_db_column_type (stmt, i) == KES_DB_NULL)
        continue;
      json_builder_set_member_name (builder, member_of (revisioned[i]));
      if (kes_db_column_type (stmt, i) == KES_DB_NULL)
        json_builder_add_null_value (builder);
      else if (is_flag (revisioned[i]))
        json_builder_add_boolean_value (builder, kes_db_column_int (stmt, i) != 0);
      else if (g_str_equal (revisioned[i], "password_hash"))
        {
          g_autofree char *digest = digest_of (kes_store_column_text (stmt, i));

          json_builder_add_string_value (builder, digest);
        }
      else
        json_builder_add_string_value (builder, kes_store_column_text (stmt, i));
    }
  json_builder_end_object (builder);
  kes_db_reset (stmt);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The row's revisioned fields as JSON (*@json) and the record's latest
 * revision (*@revision, 0 when it has none yet); *@same when they agree. */
static gboolean
compare_with_history (KesStore    *self,
                      const char  *staff_id,
                      char       **json,
                      gint64      *revision,
                      gboolean    *same,
                      GError     **error)
{
  KesDbStmt *stmt;
  int rc;

  *json = row_json (self, staff_id, error);
  if (*json == NULL)
    return FALSE;
  stmt = kes_store_prepare (self,
    "SELECT r.revision, v.data = ?2 FROM main.record r JOIN main.revision v ON v.record_id = r.id "
    "AND v.revision = r.revision WHERE r.id = ?1 AND r.kind = 'staff'", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, *json, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  *revision = rc == KES_DB_ROW ? kes_db_column_int64 (stmt, 0) : 0;
  *same = rc == KES_DB_ROW && kes_db_column_int (stmt, 1) != 0;
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the staff directory’s history"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kes_store_staff_snapshot (KesStore    *self,
                          const char  *staff_id,
                          GError     **error)
{
  g_autofree char *json = NULL;
  g_autofree char *id = g_strdup (staff_id);
  const char *author;
  gint64 revision = 0;
  gboolean same = FALSE;

  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  if (!compare_with_history (self, staff_id, &json, &revision, &same, error))
    return FALSE;
  if (same)
    return TRUE;
  /* Whoever is signed in; with no one (the first administrator, a name
   * given on the command line, a migration), the member of staff. */
  author = self->actor != NULL ? kes_staff_get_id (self->actor) : staff_id;
  return kes_store_write_revision_by (self, author, "staff", NULL, &id, revision,
                                      revision == 0 ? KES_CHANGE_CREATE : KES_CHANGE_EDIT, NULL, json,
                                      error) > 0;
}

gboolean
kes_store_staff_check_history (KesStore    *self,
                               const char  *staff_id,
                               GError     **error)
{
  g_autofree char *json = NULL;
  gint64 revision = 0;
  gboolean same = FALSE;

  /* A file not yet sealed has no staff history to hold the row to. */
  if (!self->chain_keyed)
    return TRUE;
  if (!compare_with_history (self, staff_id, &json, &revision, &same, error))
    return FALSE;
  if (same)
    return TRUE;
  g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                       _("This account was changed outside Kestrel (it no longer matches its history), so it "
                         "can’t be used or changed. An administrator should run the full check in History and "
                         "Access Log and restore a backup from before the change."));
  return FALSE;
}

gboolean
kes_store_staff_snapshot_all (KesStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT id FROM staff ORDER BY created_at, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the staff directory"));
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    if (!kes_store_staff_snapshot (self, g_ptr_array_index (ids, i), error))
      return FALSE;
  return TRUE;
}

/* The revision keeps only the hash's digest: the rebuilt row holds the
 * table's hash when its digest is the one recorded, and otherwise the
 * recorded digest itself, which no hash equals, so `verify` names it. */
static gboolean
bind_password_hash (KesStore      *self,
                    KesDbStmt     *target,
                    int            index,
                    const char    *staff_id,
                    const char    *recorded,
                    GError       **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT password_hash FROM main.staff WHERE id = ?", error);
  g_autofree char *held = NULL;
  g_autofree char *digest = NULL;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW && kes_db_column_type (stmt, 0) != KES_DB_NULL)
    held = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  digest = held != NULL ? digest_of (held) : NULL;
  kes_db_bind_text (target, index, g_strcmp0 (digest, recorded) == 0 ? held : recorded, -1, KES_DB_COPY);
  return TRUE;
}

gboolean
kes_store_project_staff_json (KesStore     *self,
                              const char   *staff_id,
                              const char   *at,
                              const char   *json,
                              GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  KesDbStmt *stmt;
  JsonObject *object;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_error (error);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("A staff revision is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);
  /* created_at only for a row being made: its first revision's time. */
  stmt = kes_store_prepare (self,
    "INSERT INTO staff (id, username, display_name, role_title, team_id, contact, roles, disabled, "
    "must_change_password, password_hash, recorded_elsewhere, source_username, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (id) DO UPDATE SET username = ?2, display_name = ?3, role_title = ?4, team_id = ?5, "
    "contact = ?6, roles = ?7, disabled = ?8, must_change_password = ?9, password_hash = ?10, "
    "recorded_elsewhere = ?11, source_username = ?12", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  for (guint i = 0; revisioned[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, member_of (revisioned[i]));
      GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        kes_db_bind_null (stmt, 2 + i);
      else if (is_flag (revisioned[i]) && type == G_TYPE_BOOLEAN)
        kes_db_bind_int (stmt, 2 + i, json_node_get_boolean (node) ? 1 : 0);
      else if (type != G_TYPE_STRING)
        /* Not what Kestrel writes (the revision's hash check says so too):
         * a value no row holds, so the column is named. */
        kes_db_bind_text (stmt, 2 + i, "(not a value Kestrel writes)", -1, KES_DB_STATIC);
      else if (g_str_equal (revisioned[i], "password_hash"))
        {
          if (!bind_password_hash (self, stmt, 2 + i, staff_id, json_node_get_string (node), error))
            return FALSE;
        }
      else
        kes_db_bind_text (stmt, 2 + i, json_node_get_string (node), -1, KES_DB_COPY);
    }
  kes_db_bind_text (stmt, 13, at, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the staff directory"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}
