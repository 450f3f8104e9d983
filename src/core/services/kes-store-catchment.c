/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-catchment"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-store-field-records-private.h"
#include "kes-store-records-private.h"

/* Catchment areas (data/migrations/0022-catchment-areas.sql): revisioned
 * field records, projected into catchment_area for the eligibility rule
 * and the lists. */

static const KesFieldSpec area_fields[] = {
  { "code", N_("Code"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "name", N_("Name"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "membership", N_("In the catchment"), KES_FIELD_CODE, KES_CODES_CATCHMENT_MEMBERSHIP, TRUE, TRUE },
  { "retired", N_("Retired"), KES_FIELD_BOOL, NULL, FALSE, TRUE },
  { NULL }
};
const KesRecordKind kes_catchment_area_kind = { "catchment-area", "catchment_area", FALSE, area_fields };

KesFieldRecord *
kes_catchment_area_new (void)
{
  return kes_field_record_new (&kes_catchment_area_kind);
}

/* ---- The snapshot ---- */

typedef struct
{
  char     *code;
  char     *name;
  char     *membership;
  gboolean  retired;
} Area;

struct _KesCatchment
{
  GPtrArray *areas;
};

static void
area_free (Area *area)
{
  g_free (area->code);
  g_free (area->name);
  g_free (area->membership);
  g_free (area);
}

KesCatchment *
kes_catchment_new (void)
{
  KesCatchment *self = g_new0 (KesCatchment, 1);

  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) area_free);
  return self;
}

void
kes_catchment_free (KesCatchment *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->areas);
  g_free (self);
}

void
kes_catchment_add (KesCatchment *self,
                   const char   *code,
                   const char   *name,
                   const char   *membership,
                   gboolean      retired)
{
  Area *area = g_new0 (Area, 1);

  g_return_if_fail (self != NULL && code != NULL);

  area->code = g_strdup (code);
  area->name = g_strdup (name != NULL ? name : code);
  area->membership = g_strdup (membership != NULL ? membership : "outside");
  area->retired = retired;
  g_ptr_array_add (self->areas, area);
}

static const Area *
find_area (const KesCatchment *self,
           const char         *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; code != NULL && i < self->areas->len; i++)
    {
      const Area *area = g_ptr_array_index (self->areas, i);

      if (g_str_equal (area->code, code))
        return area;
    }
  return NULL;
}

gboolean
kes_catchment_includes (const KesCatchment *self,
                        const char         *code)
{
  const Area *area = find_area (self, code);

  return area != NULL && !area->retired &&
         (g_str_equal (area->membership, "own") || g_str_equal (area->membership, "external"));
}

gboolean
kes_catchment_offers (const KesCatchment *self,
                      const char         *code)
{
  const Area *area = find_area (self, code);

  return area != NULL && !area->retired;
}

gboolean
kes_catchment_knows (const KesCatchment *self,
                     const char         *code)
{
  return find_area (self, code) != NULL;
}

const char *
kes_catchment_area_name (const KesCatchment *self,
                         const char         *code)
{
  const Area *area = find_area (self, code);

  return area != NULL ? area->name : NULL;
}

const char *
kes_catchment_display_name (const KesCatchment *self,
                            const char         *code)
{
  const char *name = kes_catchment_area_name (self, code);

  return name != NULL ? name : code;
}

guint
kes_catchment_get_n_areas (const KesCatchment *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->areas->len;
}

const char *
kes_catchment_get_code (const KesCatchment *self,
                        guint               position)
{
  g_return_val_if_fail (self != NULL && position < self->areas->len, NULL);
  return ((Area *) g_ptr_array_index (self->areas, position))->code;
}

gboolean
kes_catchment_get_retired (const KesCatchment *self,
                           guint               position)
{
  g_return_val_if_fail (self != NULL && position < self->areas->len, FALSE);
  return ((Area *) g_ptr_array_index (self->areas, position))->retired;
}

/* ---- In the store ---- */

/* The team's own areas, then those it takes external referrals from, then
 * those outside the catchment (the order the fixed lists had). */
#define IN_CATCHMENT_FIRST "CASE c.membership WHEN 'own' THEN 0 WHEN 'external' THEN 1 ELSE 2 END"

KesCatchment *
kes_store_get_catchment (KesStore  *self,
                         GError   **error)
{
  g_autoptr(KesCatchment) catchment = kes_catchment_new ();
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT c.code, c.name, c.membership, c.retired FROM catchment_area c CROSS JOIN record r ON r.id = c.id "
    "WHERE r.state = 'active' ORDER BY " IN_CATCHMENT_FIRST ", c.name COLLATE NOCASE, c.code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    kes_catchment_add (catchment, kes_store_column_text (stmt, 0), kes_store_column_text (stmt, 1),
                       kes_store_column_text (stmt, 2), kes_db_column_int (stmt, 3) != 0);
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the catchment areas"));
      return NULL;
    }
  return g_steal_pointer (&catchment);
}

GPtrArray *
kes_store_list_catchment_areas (KesStore    *self,
                                gboolean     include_retired,
                                GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;
  return kes_store_query_field_records (self, &kes_catchment_area_kind,
    "SELECT c.id FROM catchment_area c CROSS JOIN record r ON r.id = c.id "
    "WHERE r.state = 'active' AND (?1 IS NOT NULL OR c.retired = 0) "
    "ORDER BY c.retired, " IN_CATCHMENT_FIRST ", c.name COLLATE NOCASE, c.code", include_retired ? "1" : NULL,
    NULL, error);
}

/* The id of the area other than @id whose @column is @value (names
 * compared ignoring case), or NULL. */
static char *
other_area_with (KesStore    *self,
                 const char  *column,
                 const char  *value,
                 const char  *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM catchment_area WHERE %s = ?1 COLLATE NOCASE "
                                          "AND (?2 IS NULL OR id != ?2) LIMIT 1", column);
  KesDbStmt *stmt = kes_store_prepare (self, g_intern_string (sql), NULL);
  char *other = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, value, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, id);
  if (kes_db_step (stmt) == KES_DB_ROW)
    other = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return other;
}

/* A code made from the name ("King's Lynn" → "kings-lynn"), not yet used
 * by any area (retired ones too): referrals keep it for good. */
static char *
new_code (KesStore   *self,
          const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) code = g_string_new (NULL);
  g_autofree char *candidate = NULL;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (code, g_ascii_tolower (*p));
      else if ((*p == ' ' || *p == '-' || *p == '/' || *p == ',') && code->len > 0 &&
               code->str[code->len - 1] != '-')
        g_string_append_c (code, '-');
    }
  while (code->len > 0 && code->str[code->len - 1] == '-')
    g_string_truncate (code, code->len - 1);
  if (code->len == 0)
    g_string_assign (code, "area");
  candidate = g_strdup (code->str);
  for (guint n = 2;; n++)
    {
      g_autofree char *taken = other_area_with (self, "code", candidate, NULL);

      if (taken == NULL)
        return g_steal_pointer (&candidate);
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", code->str, n);
    }
}

/* What an administrator typed, checked against the other areas. */
static gboolean
check_area (KesStore        *self,
            KesFieldRecord  *area,
            GError         **error)
{
  const char *id = kes_field_record_get_id (area);
  g_autofree char *name = g_strstrip (g_strdup (kes_field_record_get_text (area, "name")));
  g_autofree char *same_name = NULL;

  kes_field_record_set_text (area, "name", name);
  if (*name == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Name is required: the area as people call it, for example North Norfolk"));
      return FALSE;
    }
  same_name = other_area_with (self, "name", name, id);
  if (same_name != NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Name “%s”: another catchment area already has this name"), name);
      return FALSE;
    }
  if (id != NULL)
    {
      g_autoptr(KesFieldRecord) stored = kes_store_read_field_record (self, &kes_catchment_area_kind, id, error);

      if (stored == NULL)
        return FALSE;
      if (g_strcmp0 (kes_field_record_get_text (stored, "code"), kes_field_record_get_text (area, "code")) != 0)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                               _("An area’s code can’t change: referrals made from it keep it"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
kes_store_save_catchment_area (KesStore        *self,
                               KesFieldRecord  *area,
                               GError         **error)
{
  g_autofree char *code = NULL;
  gboolean creating;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (area), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (area) == &kes_catchment_area_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_DIRECTORY, NULL, error) ||
      !check_area (self, area, error))
    return FALSE;
  creating = kes_field_record_get_id (area) == NULL;
  if (creating)
    {
      code = new_code (self, kes_field_record_get_text (area, "name"));
      kes_field_record_set_text (area, "code", code);
    }
  if (kes_store_write_field_record (self, area, KES_CHANGE_EDIT, NULL, error))
    return TRUE;
  /* A failed add leaves the form as typed: no code the person never saw. */
  if (creating)
    kes_field_record_set_text (area, "code", NULL);
  return FALSE;
}

/* ---- Seeding (migration 0022) ---- */

static gboolean
seed_areas (KesStore  *self,
            gpointer   data,
            GError   **error)
{
  KesCodeList *areas = kes_code_list_get ("referral-area");
  KesCodeList *catchment = kes_code_list_get ("referral-catchment");

  for (guint i = 0; i < kes_code_list_get_n_codes (areas); i++)
    {
      g_autoptr(KesFieldRecord) area = kes_catchment_area_new ();
      const char *code = kes_code_list_get_code (areas, i);
      const char *membership = kes_code_list_lookup (catchment, code);

      kes_field_record_set_text (area, "code", code);
      kes_field_record_set_text (area, "name", kes_code_list_get_label (areas, i));
      kes_field_record_set_text (area, "membership", membership != NULL ? membership : "outside");
      if (!kes_store_write_record (self, &kes_catchment_area_kind, area, KES_CHANGE_EDIT, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kes_store_seed_catchment_areas (KesStore  *self,
                                GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  return kes_store_run_as_update (self, "0022", seed_areas, NULL, error);
}
