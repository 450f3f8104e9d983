/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-notes"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-notes.h"
#include "kes-store-private.h"

/* Contacts and clinical notes: revisioned records that belong to a patient. */

/* Canonical "…Z" form, so lists sort by text. */
static char *
canonical_time (const char *iso)
{
  g_autoptr(GDateTime) time = kes_time_from_iso (iso);
  return time != NULL ? kes_time_to_iso (time) : g_strdup (iso);
}

/* ---- Contacts ---- */

gboolean
kes_store_project_contact (KesStore    *self,
                           KesContact  *contact,
                           GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO contact (id, patient_id, occurred_at, contact_type, with_whom, location, "
    "duration_minutes, summary, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'active') "
    "ON CONFLICT (id) DO UPDATE SET occurred_at = ?3, contact_type = ?4, with_whom = ?5, "
    "location = ?6, duration_minutes = ?7, summary = ?8", error);

  if (stmt == NULL)
    return FALSE;
  /* Static binds (no copies, a million contacts in a demo): the contact
   * outlives the step, and the statement is reset right after it. */
  kes_db_bind_text (stmt, 1, kes_contact_get_id (contact), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 2, kes_contact_get_patient_id (contact), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 3, kes_contact_get_occurred_at (contact), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, kes_contact_get_contact_type (contact), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 5, kes_contact_get_with_whom (contact), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 6, kes_contact_get_location (contact), -1, KES_DB_STATIC);
  kes_db_bind_int (stmt, 7, kes_contact_get_duration_minutes (contact));
  kes_db_bind_text (stmt, 8, kes_contact_get_summary (contact), -1, KES_DB_STATIC);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the contact log"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_save_contact (KesStore      *self,
                        KesContact    *contact,
                        KesChangeKind  change,
                        const char    *reason,
                        GError       **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *occurred = NULL;
  gint64 revision;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_CONTACT (contact), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_contact_get_patient_id (contact), error))
    return FALSE;
  issues = kes_contact_validate (contact);
  if (!kes_issues_to_error (issues, error) ||
      !kes_store_check_patient_active (self, kes_contact_get_patient_id (contact), NULL, error))
    return FALSE;

  occurred = canonical_time (kes_contact_get_occurred_at (contact));
  kes_contact_set_occurred_at (contact, occurred);
  id = g_strdup (kes_contact_get_id (contact));
  json = kes_contact_to_json (contact);

  if (!kes_store_savepoint (self, error))
    return FALSE;
  revision = kes_store_write_revision (self, "contact", kes_contact_get_patient_id (contact), &id,
                                       kes_contact_get_revision (contact),
                                       id == NULL ? KES_CHANGE_CREATE : change, reason, json, error);
  if (revision == 0)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_contact_set_identity (contact, id, revision, KES_RECORD_ACTIVE);
  if (!kes_store_project_contact (self, contact, error) || !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return FALSE;
    }
  return TRUE;
}

GListModel *
kes_store_list_contacts (KesStore    *self,
                         const char  *patient_id,
                         gboolean     include_errors,
                         GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_CONTACT);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT c.id, r.revision, c.state, c.occurred_at, c.contact_type, c.with_whom, c.location, "
    "c.duration_minutes, c.summary, s.display_name "
    "FROM contact c JOIN record r ON r.id = c.id JOIN staff s ON s.id = r.created_by "
    "WHERE c.patient_id = ?1 AND (?2 OR c.state = 'active') "
    "ORDER BY c.occurred_at DESC, c.id", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, include_errors);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();

      kes_contact_set_identity (contact, kes_store_column_text (stmt, 0),
                                kes_db_column_int64 (stmt, 1),
                                g_str_equal (kes_store_column_text (stmt, 2), "active")
                                  ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
      kes_contact_set_patient_id (contact, patient_id);
      kes_contact_set_occurred_at (contact, kes_store_column_text (stmt, 3));
      kes_contact_set_contact_type (contact, kes_store_column_text (stmt, 4));
      kes_contact_set_with_whom (contact, kes_store_column_text (stmt, 5));
      kes_contact_set_location (contact, kes_store_column_text (stmt, 6));
      kes_contact_set_duration_minutes (contact, kes_db_column_int (stmt, 7));
      kes_contact_set_summary (contact, kes_store_column_text (stmt, 8));
      kes_contact_set_author_name (contact, kes_store_column_text (stmt, 9));
      g_list_store_append (list, contact);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the contact log"));
      return NULL;
    }
  if (!kes_store_audit_view (self, NULL, patient_id, "contacts", error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

guint
kes_store_count_contacts (KesStore   *self,
                          const char *patient_id,
                          const char *from_date,
                          const char *to_date)
{
  KesDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (KES_IS_STORE (self), 0);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, NULL))
    return 0;

  /* Dates are inclusive; occurred_at is a UTC time, so compare its date part.
   * "Did not attend" is not a contact made. */
  stmt = kes_store_prepare (self,
    "SELECT count(*) FROM contact WHERE patient_id = ?1 AND state = 'active' "
    "AND contact_type != 'dna' "
    "AND (?2 IS NULL OR substr (occurred_at, 1, 10) >= ?2) "
    "AND (?3 IS NULL OR substr (occurred_at, 1, 10) <= ?3)", NULL);
  if (stmt == NULL)
    return 0;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, from_date);
  kes_store_bind_text (stmt, 3, to_date);
  if (kes_db_step (stmt) == KES_DB_ROW)
    count = (guint) kes_db_column_int (stmt, 0);
  kes_db_reset (stmt);
  return count;
}

/* ---- Notes ---- */

gboolean
kes_store_project_note (KesStore    *self,
                        KesNote     *note,
                        GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO note (id, patient_id, written_at, title, body, state) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'active') "
    "ON CONFLICT (id) DO UPDATE SET written_at = ?3, title = ?4, body = ?5", error);

  if (stmt == NULL)
    return FALSE;
  /* Static binds, as for contacts. */
  kes_db_bind_text (stmt, 1, kes_note_get_id (note), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 2, kes_note_get_patient_id (note), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 3, kes_note_get_written_at (note), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, kes_note_get_title (note), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 5, kes_note_get_body (note), -1, KES_DB_STATIC);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the notes"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_save_note (KesStore      *self,
                     KesNote       *note,
                     KesChangeKind  change,
                     const char    *reason,
                     GError       **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *written = NULL;
  gint64 revision;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_NOTE (note), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_note_get_patient_id (note), error))
    return FALSE;
  issues = kes_note_validate (note);
  if (!kes_issues_to_error (issues, error) ||
      !kes_store_check_patient_active (self, kes_note_get_patient_id (note), NULL, error))
    return FALSE;

  written = *kes_note_get_written_at (note) != '\0'
              ? canonical_time (kes_note_get_written_at (note)) : kes_clock_now_iso ();
  kes_note_set_written_at (note, written);
  id = g_strdup (kes_note_get_id (note));
  json = kes_note_to_json (note);

  if (!kes_store_savepoint (self, error))
    return FALSE;
  revision = kes_store_write_revision (self, "note", kes_note_get_patient_id (note), &id,
                                       kes_note_get_revision (note),
                                       id == NULL ? KES_CHANGE_CREATE : change, reason, json, error);
  if (revision == 0)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_note_set_identity (note, id, revision, KES_RECORD_ACTIVE);
  if (!kes_store_project_note (self, note, error) || !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return FALSE;
    }
  return TRUE;
}

GListModel *
kes_store_list_notes (KesStore    *self,
                      const char  *patient_id,
                      gboolean     include_errors,
                      GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_NOTE);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT n.id, r.revision, n.state, n.written_at, n.title, n.body, s.display_name "
    "FROM note n JOIN record r ON r.id = n.id JOIN staff s ON s.id = r.created_by "
    "WHERE n.patient_id = ?1 AND (?2 OR n.state = 'active') "
    "ORDER BY n.written_at DESC, n.id", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, include_errors);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesNote *note = kes_note_new ();

      kes_note_set_identity (note, kes_store_column_text (stmt, 0),
                             kes_db_column_int64 (stmt, 1),
                             g_str_equal (kes_store_column_text (stmt, 2), "active")
                               ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
      kes_note_set_patient_id (note, patient_id);
      kes_note_set_written_at (note, kes_store_column_text (stmt, 3));
      kes_note_set_title (note, kes_store_column_text (stmt, 4));
      kes_note_set_body (note, kes_store_column_text (stmt, 5));
      kes_note_set_author_name (note, kes_store_column_text (stmt, 6));
      g_ptr_array_add (notes, note);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the notes"));
      return NULL;
    }
  if (!kes_store_audit_view (self, NULL, patient_id, "notes", error))
    return NULL;
  /* One splice, one items-changed, however many notes. */
  g_list_store_splice (list, 0, 0, notes->pdata, notes->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* ---- Full-text search ---- */

static void
append_term (GString    *query,
             const char *term,
             gsize       length,
             gboolean    prefix)
{
  if (length == 0)
    return;
  if (query->len > 0)
    g_string_append_c (query, ' ');
  /* Quoting every term keeps FTS5 operators in the user's text inert. */
  g_string_append_c (query, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (term[i] == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, term[i]);
    }
  g_string_append_c (query, '"');
  if (prefix)
    g_string_append_c (query, '*');
}

/* Words become terms that must all match, "quoted words" a phrase, and the
 * last bare word a prefix so results come as the user types. */
static char *
build_match_query (const char *text)
{
  GString *query = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (*p == '"')
        {
          start = ++p;
          while (*p != '\0' && *p != '"')
            p++;
          append_term (query, start, p - start, FALSE);
          if (*p == '"')
            p++;
          continue;
        }
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      {
        const char *rest = p;
        while (*rest != '\0' && g_ascii_isspace (*rest))
          rest++;
        append_term (query, start, p - start, *rest == '\0');
      }
    }
  return g_string_free (query, FALSE);
}

GPtrArray *
kes_store_search_notes (KesStore    *self,
                        const char  *text,
                        guint        limit,
                        GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  match = build_match_query (text);
  if (*match == '\0')
    return g_steal_pointer (&hits);

  /* Newest first by rowid: FTS5 walks its index backwards and stops at the
   * limit, so a word found in every note costs no more than a rare one.
   * Ranking by bm25 would score every match first. */
  stmt = kes_store_prepare (self,
    "SELECT n.id, n.patient_id, p.family_name, p.given_name, p.preferred_name, n.written_at, "
    "snippet (note_fts, 1, '«', '»', '…', 16) "
    "FROM note_fts JOIN note n ON n.rowid = note_fts.rowid JOIN patient p ON p.id = n.patient_id "
    "WHERE note_fts MATCH ?1 AND n.state = 'active' "
    "ORDER BY note_fts.rowid DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, match, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, (int) limit);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autofree char *name = kes_patient_format_display_name (kes_store_column_text (stmt, 2),
                                                               kes_store_column_text (stmt, 3),
                                                               kes_store_column_text (stmt, 4));
      g_ptr_array_add (hits, kes_note_hit_new (kes_store_column_text (stmt, 0),
                                               kes_store_column_text (stmt, 1),
                                               name,
                                               kes_store_column_text (stmt, 5),
                                               kes_store_column_text (stmt, 6)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not search the notes"));
      return NULL;
    }

  /* Hits from patients outside the searcher's reach are left out (the
   * statement above is reset, so these checks may use the connection). */
  for (guint i = hits->len; i > 0; i--)
    if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL,
                            kes_note_hit_get_patient_id (g_ptr_array_index (hits, i - 1)), NULL))
      g_ptr_array_remove_index (hits, i - 1);

  /* The log records that a search happened and how many hits, never the words. */
  {
    g_autofree char *summary = g_strdup_printf ("%u hits", hits->len);
    if (!kes_store_audit (self, KES_AUDIT_SEARCH, NULL, NULL, summary, error))
      return NULL;
  }
  return g_steal_pointer (&hits);
}
