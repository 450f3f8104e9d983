/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-services"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-services.h"
#include "kes-store-private.h"
#include "kes-uuid.h"

/* The service directory (data/migrations/…-services.sql). */

static const KesFieldSpec service_fields[] = {
  { "name", N_("Name"), KES_FIELD_TEXT, NULL, TRUE, FALSE },
  { "kind", N_("Kind of service"), KES_FIELD_CODE, KES_CODES_SERVICE_KIND, TRUE, FALSE },
  { "area", N_("Area"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "team_id", N_("Team"), KES_FIELD_RECORD_ID, NULL, FALSE, FALSE },
  { "address", N_("Address"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "office_hours", N_("Office hours"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "general_phone", N_("General number"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "urgent_phone", N_("Urgent number"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "crisis_phone", N_("Out-of-hours crisis number"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "email", N_("Email"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "notes", N_("Notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_service_kind = { "service", "service", FALSE, service_fields };

static const char *const phone_keys[] = { "general_phone", "urgent_phone", "crisis_phone" };

KesFieldRecord *
kes_service_new (void)
{
  return kes_field_record_new (&kes_service_kind);
}

static KesFieldRecord *
service_from_row (KesDbStmt     *stmt,
                  GError       **error)
{
  g_autoptr(KesFieldRecord) service = kes_service_new ();

  /* id, data, withdrawn, updated_at, updater's name, revision */
  if (!kes_field_record_load_json (service, kes_store_column_text (stmt, 1), error))
    return NULL;
  kes_field_record_set_identity (service, kes_store_column_text (stmt, 0), kes_db_column_int64 (stmt, 5),
                                 kes_db_column_int (stmt, 2) ? KES_RECORD_ENTERED_IN_ERROR
                                                              : KES_RECORD_ACTIVE);
  kes_field_record_set_written (service, kes_store_column_text (stmt, 4),
                                kes_store_column_text (stmt, 3));
  return g_steal_pointer (&service);
}

GPtrArray *
kes_store_list_services (KesStore    *self,
                         const char  *area,
                         GError     **error)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;

  stmt = kes_store_prepare (self,
    "SELECT s.id, s.data, s.withdrawn, s.updated_at, coalesce (st.display_name, ''), s.revision "
    "FROM service s LEFT JOIN staff st ON st.id = s.updated_by "
    "WHERE s.withdrawn = 0 AND (?1 IS NULL OR s.area = '' OR s.area = ?1 COLLATE NOCASE) "
    "ORDER BY CASE s.kind WHEN 'team' THEN 0 WHEN 'base' THEN 1 WHEN 'crisis' THEN 2 "
    "WHEN 'other' THEN 3 WHEN 'helpline' THEN 4 ELSE 5 END, s.area = '', s.name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  if (area != NULL && *area != '\0')
    kes_db_bind_text (stmt, 1, area, -1, KES_DB_COPY);
  else
    kes_db_bind_null (stmt, 1);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesFieldRecord *service = service_from_row (stmt, error);
      if (service == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (services, service);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the service directory"));
      return NULL;
    }
  return g_steal_pointer (&services);
}

GPtrArray *
kes_store_search_services (KesStore    *self,
                           const char  *text,
                           gboolean     include_retired,
                           GError     **error)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) pattern = NULL;
  g_autofree char *trimmed = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;

  stmt = kes_store_prepare (self,
    "SELECT s.id, s.data, s.withdrawn, s.updated_at, coalesce (st.display_name, ''), s.revision "
    "FROM service s LEFT JOIN staff st ON st.id = s.updated_by "
    "WHERE (?2 OR s.withdrawn = 0) AND (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\' "
    "OR s.area LIKE ?1 ESCAPE '\\' OR s.data LIKE ?1 ESCAPE '\\') "
    "ORDER BY s.withdrawn, CASE s.kind WHEN 'team' THEN 0 WHEN 'base' THEN 1 WHEN 'crisis' THEN 2 "
    "WHEN 'other' THEN 3 WHEN 'helpline' THEN 4 ELSE 5 END, s.area = '', s.area COLLATE NOCASE, "
    "s.name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed != '\0')
    {
      /* A literal match: % _ and \ in what was typed mean themselves. */
      pattern = g_string_new ("%");
      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      kes_db_bind_text (stmt, 1, pattern->str, -1, KES_DB_COPY);
    }
  else
    kes_db_bind_null (stmt, 1);
  kes_db_bind_int (stmt, 2, include_retired ? 1 : 0);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesFieldRecord *service = service_from_row (stmt, error);
      if (service == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (services, service);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the service directory"));
      return NULL;
    }
  return g_steal_pointer (&services);
}

KesFieldRecord *
kes_store_load_service (KesStore    *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(KesFieldRecord) service = NULL;
  g_autoptr(GError) local_error = NULL;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;

  stmt = kes_store_prepare (self,
    "SELECT s.id, s.data, s.withdrawn, s.updated_at, coalesce (st.display_name, ''), s.revision "
    "FROM service s LEFT JOIN staff st ON st.id = s.updated_by WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    service = service_from_row (stmt, &local_error);
  kes_db_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (service == NULL)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No service in the directory has the id %s"), id);
  return g_steal_pointer (&service);
}

/* "9:00", "17:30": minutes since midnight, or -1 with @problem set when it
 * is not a time of day (24:00 is the end of the day). */
static int
parse_time (const char  *hours,
            const char  *minutes,
            char       **problem)
{
  int h = atoi (hours);
  int m = atoi (minutes);

  if (h > 24 || m > 59 || (h == 24 && m != 0))
    {
      *problem = g_strdup_printf (_("%s:%s is not a time of day"), hours, minutes);
      return -1;
    }
  return h * 60 + m;
}

static char *
office_hours_problem (const char *hours)
{
  g_autoptr(GRegex) range = g_regex_new ("(\\d{1,2})[:.](\\d{2})\\s*(?:-|–|—|to)\\s*(\\d{1,2})[:.](\\d{2})",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) time = g_regex_new ("(\\d{1,2})[:.](\\d{2})", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *folded = g_utf8_casefold (hours, -1);
  char *problem = NULL;
  gboolean any_range = FALSE;

  if (strstr (folded, "24 hours") != NULL || strstr (folded, "24/7") != NULL)
    return NULL;

  /* Every time must be a time of day. */
  g_regex_match (time, hours, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *h = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);

      if (parse_time (h, m, &problem) < 0)
        return problem;
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);

  /* Every range must end after it starts. */
  g_regex_match (range, hours, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *h1 = g_match_info_fetch (match, 1);
      g_autofree char *m1 = g_match_info_fetch (match, 2);
      g_autofree char *h2 = g_match_info_fetch (match, 3);
      g_autofree char *m2 = g_match_info_fetch (match, 4);

      any_range = TRUE;
      if (parse_time (h2, m2, &problem) <= parse_time (h1, m1, &problem))
        return g_strdup_printf (_("%s:%s to %s:%s ends before it starts"), h1, m1, h2, m2);
      g_match_info_next (match, NULL);
    }
  if (!any_range)
    return g_strdup (_("give the times as hours and minutes, for example Monday to Friday 09:00–17:00, "
                       "or write 24 hours"));
  return NULL;
}

gboolean
kes_service_check_office_hours (const char  *hours,
                                GError     **error)
{
  g_autofree char *problem = NULL;

  if (hours == NULL || *hours == '\0')
    return TRUE;
  problem = office_hours_problem (hours);
  if (problem == NULL)
    return TRUE;
  /* TRANSLATORS: "Office hours “Mon–Fri 9–5”: give the times as hours and minutes …" */
  g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Office hours “%s”: %s"), hours, problem);
  return FALSE;
}

static gboolean
check_service (KesFieldRecord  *service,
               GError         **error)
{
  g_autoptr(GPtrArray) issues = kes_field_record_check (service);
  g_autoptr(GError) hours_error = NULL;
  gboolean any_phone = FALSE;

  if (!kes_service_check_office_hours (kes_field_record_get_text (service, "office_hours"), &hours_error))
    g_ptr_array_add (issues, kes_issue_new ("office_hours", KES_ISSUE_ERROR, "%s", hours_error->message));

  for (guint i = 0; i < G_N_ELEMENTS (phone_keys); i++)
    {
      const char *phone = kes_field_record_get_text (service, phone_keys[i]);
      const KesFieldSpec *spec = kes_record_kind_find_field (&kes_service_kind, phone_keys[i]);
      guint digits = 0;

      if (*phone == '\0')
        continue;
      any_phone = TRUE;
      for (const char *p = phone; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            digits++;
          else if (strchr (" +()-", *p) == NULL)
            {
              g_ptr_array_add (issues, kes_issue_new (phone_keys[i], KES_ISSUE_ERROR,
                                                      _("%s “%s”: use digits, spaces and + ( ) - only"),
                                                      _(spec->label), phone));
              digits = 3;
              break;
            }
        }
      if (digits < 3)
        g_ptr_array_add (issues, kes_issue_new (phone_keys[i], KES_ISSUE_ERROR,
                                                _("%s “%s” is too short to be a phone number"),
                                                _(spec->label), phone));
    }
  if (!any_phone)
    g_ptr_array_add (issues, kes_issue_new ("general_phone", KES_ISSUE_ERROR,
                                            _("Give at least one phone number: general, urgent or out of hours")));
  return kes_issues_to_error (issues, error);
}

/* Refuses a save or withdrawal that started from an older revision than the
 * one stored, naming who changed the entry last and when. */
static gboolean
service_conflict (KesStore    *self,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(KesFieldRecord) stored = kes_store_load_service (self, id, error);
  g_autofree char *when = NULL;
  const char *who;

  if (stored == NULL)
    return FALSE;
  when = kes_time_to_display (kes_field_record_get_updated_at (stored));
  who = kes_field_record_get_author_name (stored);
  g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
               _("%s changed this entry of the service directory on %s, after you opened it. Your "
                 "changes have not been saved: open the entry again to see theirs, then make "
                 "yours again."),
               who != NULL && *who != '\0' ? who : _("Someone else"), when != NULL ? when : "?");
  return FALSE;
}

/* Adds the entry (@base_revision 0) at revision 1, the column's default (the
 * seeding migration runs before the column exists), or advances it from
 * @base_revision. The update itself is the check: its row count, so two
 * saves from the same revision can never both land, whatever the
 * database's locks do. */
static gboolean
write_service (KesStore        *self,
               KesFieldRecord  *service,
               gint64           base_revision,
               const char      *actor_id,
               const char      *now,
               GError         **error)
{
  g_autofree char *json = kes_field_record_to_json (service);
  KesDbStmt *stmt = kes_store_prepare (self, base_revision == 0
    ? "INSERT INTO service (id, name, kind, area, data, withdrawn, updated_at, updated_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)"
    : "UPDATE service SET name = ?2, kind = ?3, area = ?4, data = ?5, updated_at = ?6, "
      "updated_by = ?7, revision = revision + 1 WHERE id = ?1 AND revision = ?8", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_field_record_get_id (service), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_field_record_get_text (service, "name"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_field_record_get_text (service, "kind"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_field_record_get_text (service, "area"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, json, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 6, now, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 7, actor_id);
  if (base_revision != 0)
    kes_db_bind_int64 (stmt, 8, base_revision);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not save the service"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  if (kes_db_changes (self->db) != 1)
    return service_conflict (self, kes_field_record_get_id (service), error);
  return TRUE;
}

static const char *
actor_id_of (KesStore *self)
{
  return kes_store_get_actor (self) != NULL ? kes_staff_get_id (kes_store_get_actor (self)) : NULL;
}

gboolean
kes_store_save_service (KesStore        *self,
                        KesFieldRecord  *service,
                        GError         **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  gint64 base_revision = kes_field_record_get_revision (service);
  gboolean creating;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (service), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (service) == &kes_service_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_DIRECTORY, NULL, error) ||
      !check_service (service, error))
    return FALSE;
  creating = kes_field_record_get_id (service) == NULL;
  if (creating)
    {
      g_autofree char *id = kes_uuid_new ();
      kes_field_record_set_identity (service, id, 1, KES_RECORD_ACTIVE);
    }

  if (!kes_store_savepoint (self, error))
    goto fail;
  if (!write_service (self, service, creating ? 0 : base_revision, actor_id_of (self), now, error) ||
      !kes_store_audit (self, creating ? KES_AUDIT_CREATE : KES_AUDIT_CHANGE,
                        kes_field_record_get_id (service), NULL, "service directory", error))
    {
      kes_store_rollback_to (self);
      goto fail;
    }
  if (!kes_store_release (self, error))
    goto fail;
  /* The caller's copy now stands for what is stored: a later save from it
   * starts from this revision. */
  if (!creating)
    kes_field_record_set_identity (service, kes_field_record_get_id (service), base_revision + 1,
                                   kes_field_record_get_state (service));
  kes_field_record_set_written (service, kes_store_get_actor (self) != NULL
                                           ? kes_staff_get_display_name (kes_store_get_actor (self))
                                           : NULL, now);
  return TRUE;

fail:
  if (creating)
    kes_field_record_set_identity (service, NULL, 0, KES_RECORD_ACTIVE);
  return FALSE;
}

gboolean
kes_store_withdraw_service (KesStore    *self,
                            const char  *id,
                            gint64       base_revision,
                            GError     **error)
{
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_DIRECTORY, NULL, error) ||
      (stored = kes_store_load_service (self, id, error)) == NULL)
    return FALSE;
  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "UPDATE service SET withdrawn = 1, updated_at = ?2, updated_by = ?3, revision = revision + 1 "
    "WHERE id = ?1 AND revision = ?4", error);
  if (stmt == NULL)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, now, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 3, actor_id_of (self));
  kes_db_bind_int64 (stmt, 4, base_revision);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not withdraw the service"));
      kes_db_reset (stmt);
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_db_reset (stmt);
  if (kes_db_changes (self->db) != 1)
    {
      service_conflict (self, id, error);
      kes_store_rollback_to (self);
      return FALSE;
    }
  if (!kes_store_audit (self, KES_AUDIT_CHANGE, id, NULL, "service directory: withdrawn", error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

GStrv
kes_store_list_service_areas (KesStore  *self,
                              GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;

  stmt = kes_store_prepare (self,
    "SELECT DISTINCT area FROM service WHERE withdrawn = 0 AND area != '' "
    "ORDER BY area COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_strv_builder_add (builder, kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the service directory"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
kes_store_seed_services (KesStore  *self,
                         GError   **error)
{
  static const char *const columns[] = {
    "kind", "area", "name", "general_phone", "urgent_phone", "crisis_phone", "office_hours", "notes"
  };
  g_autoptr(GBytes) bytes = kes_core_data_lookup ("services/national.tsv", error);
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autoptr(KesFieldRecord) service = NULL;
      g_autofree char *id = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      service = kes_service_new ();
      for (guint c = 0; c < G_N_ELEMENTS (columns) && cells[c] != NULL; c++)
        kes_field_record_set_text (service, columns[c], cells[c]);
      if (!check_service (service, error))
        {
          g_prefix_error (error, "services/national.tsv line %u: ", i + 1);
          return FALSE;
        }
      id = kes_uuid_new ();
      kes_field_record_set_identity (service, id, 1, KES_RECORD_ACTIVE);
      if (!write_service (self, service, 0, NULL, now, error))
        return FALSE;
    }
  return TRUE;
}
