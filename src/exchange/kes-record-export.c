/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kes-accounts.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-flat-json-private.h"
#include "kes-json-events-private.h"
#include "kes-record-archive-private.h"
#include "kes-record-export.h"
#include "kes-store-staff.h"
#include "kes-store-whole-db.h"
#include "kes-xml-schema.h"

/* Who and what the archive refers to, gathered while its records are read.
 * @known remembers, across the patients of a whole-database export, which
 * ids are staff (id -> KesStaff) and which are not (id -> NULL), and
 * @teams the teams found, so each is looked up once, not once a patient. */
typedef struct
{
  GHashTable    *staff_ids;
  GHashTable    *team_ids;
  GHashTable    *known;
  GHashTable    *teams;
  KesJsonEvents *events;
  KesFlatJson   *flat;
} References;

struct _KesRecordExportCache
{
  GHashTable    *known;  /* id -> KesStaff, or NULL: not staff */
  GHashTable    *teams;  /* id -> KesTeam */
  KesJsonEvents *events; /* the readers each revision's data goes through */
  KesFlatJson   *flat;
};

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

KesRecordExportCache *
kes_record_export_cache_new (void)
{
  KesRecordExportCache *cache = g_new0 (KesRecordExportCache, 1);

  cache->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  cache->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cache->events = kes_json_events_new ();
  cache->flat = kes_flat_json_new ();

  return cache;
}

void
kes_record_export_cache_free (KesRecordExportCache *cache)
{
  if (cache == NULL)
    return;

  g_hash_table_unref (cache->known);
  g_hash_table_unref (cache->teams);
  kes_json_events_free (cache->events);
  kes_flat_json_free (cache->flat);
  g_free (cache);
}

static void
note_reference (GHashTable *set,
                const char *id)
{
  if (id != NULL && id[0] != '\0' && !g_hash_table_contains (set, id))
    g_hash_table_add (set, g_strdup (id));
}

/* The member of staff with @id, from the cache or the store; NULL (error
 * unset) when @id is not staff. */
static KesStaff *
lookup_staff (KesStore    *store,
              References  *refs,
              const char  *id)
{
  gpointer staff;

  if (!g_hash_table_lookup_extended (refs->known, id, NULL, &staff))
    {
      staff = kes_store_find_staff (store, id, NULL);
      g_hash_table_insert (refs->known, g_strdup (id), staff);
    }

  return staff;
}

/* The register's staff and team fields, as kes_patient_load_json() reads
 * them: text only, blanks trimmed. */
static const struct
{
  const char *key;
  gboolean    team;
} register_references[] = {
  { "coordinator_id", FALSE },
  { "clinician_id", FALSE },
  { "supervisor_id", FALSE },
  { "team_id", TRUE },
};

/* Reads the register in place where it is plainly flat; FALSE otherwise. */
static gboolean
note_flat_register_references (const char *data,
                               References *refs)
{
  if (!kes_flat_json_parse (refs->flat, data))
    return FALSE;

  for (guint i = 0; i < kes_flat_json_get_n_members (refs->flat); i++)
    {
      const KesFlatMember *member = kes_flat_json_get_member (refs->flat, i);

      if (member->kind != KES_FLAT_TEXT)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (register_references); f++)
        if (g_str_equal (member->key, register_references[f].key))
          {
            g_autofree char *trimmed = g_strstrip (g_strdup (member->text));

            note_reference (register_references[f].team ? refs->team_ids : refs->staff_ids,
                            trimmed);
          }
    }

  return TRUE;
}

static void
note_register_references (const char *data,
                          References *refs)
{
  g_autoptr(KesPatient) patient = NULL;

  if (note_flat_register_references (data, refs))
    return;

  /* Staff and teams named in the register, in any revision. */
  patient = kes_patient_new ();
  if (kes_patient_load_json (patient, data, NULL))
    {
      note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
      note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID));
      note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID));
      note_reference (refs->team_ids, kes_patient_get_text (patient, KES_PATIENT_TEAM_ID));
    }
}

/* The staff and teams a revision of the register, a contact or a note
 * names: its author, and those the register names. */
static void
note_history_references (References *refs,
                         gboolean    is_register,
                         const char *author_id,
                         const char *data)
{
  note_reference (refs->staff_ids, author_id);
  if (is_register)
    note_register_references (data, refs);
}

/* The register, contacts and notes, read in one query (contacts and notes
 * oldest first, then by id: an order that does not depend on how the
 * store happens to list them), as records. */
static gboolean
add_histories (KesStore          *store,
               KesRecordArchive  *archive,
               const char        *patient_id,
               References        *refs,
               GError           **error)
{
  g_autoptr(GPtrArray) histories = kes_store_list_patient_histories (store, patient_id, error);

  if (histories == NULL)
    return FALSE;

  for (guint i = 0; i < histories->len; i++)
    {
      KesRecordHistory *history = g_ptr_array_index (histories, i);
      KesArchiveKind kind = g_str_equal (history->kind, "patient") ? KES_ARCHIVE_PATIENT
                          : g_str_equal (history->kind, "contact") ? KES_ARCHIVE_CONTACT
                          : KES_ARCHIVE_NOTE;

      for (guint r = 0; r < history->revisions->len; r++)
        {
          KesRevision *revision = g_ptr_array_index (history->revisions, r);

          note_history_references (refs, kind == KES_ARCHIVE_PATIENT,
                                   kes_revision_get_author_id (revision),
                                   kes_revision_get_data (revision));
        }

      kes_record_archive_add_record (archive, kind, history->id,
                                     g_steal_pointer (&history->revisions));
    }

  return TRUE;
}

/* The same, kept as the store's rows for an archive that is only written:
 * a whole-database export reads every revision held, and an object a
 * revision was a sixth of its cost. */
static gboolean
add_history_rows (KesStore          *store,
                  KesRecordArchive  *archive,
                  const char        *patient_id,
                  References        *refs,
                  GError           **error)
{
  KesHistoryRows *rows = kes_store_read_patient_histories (store, patient_id, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < kes_history_rows_get_n (rows); i++)
    {
      const KesHistoryRow *row = kes_history_rows_get (rows, i);

      note_history_references (refs, g_str_equal (row->kind, "patient"), row->author_id,
                               row->data);
    }
  kes_record_archive_take_history_rows (archive, rows);

  return TRUE;
}

/* Staff named in a record's data (who completed, assessed, shared …): any
 * text that is the id of a member of staff. */
static void
note_staff_in_node (KesStore   *store,
                    JsonNode   *node,
                    References *refs)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &value))
        note_staff_in_node (store, value, refs);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        note_staff_in_node (store, json_array_get_element (array, i), refs);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_uuid_string_is_valid (text) && lookup_staff (store, refs, text) != NULL)
        note_reference (refs->staff_ids, text);
    }
}

/* note_staff_in_node() for JSON with no backslash in it, without parsing:
 * then every quote mark opens or closes a string, and a string is exactly
 * what lies between two of them, as written. A string is a member's key
 * when a colon follows it, else a value. FALSE (nothing noted) when @data
 * holds a backslash. If @data is not JSON at all, what is noted does not
 * matter: writing the record then fails, and so does the export. */
static gboolean
note_staff_in_plain_json (KesStore    *store,
                          const char  *data,
                          References  *refs)
{
  const char *p = data;

  if (strchr (data, '\\') != NULL)
    return FALSE;

  while ((p = strchr (p, '"')) != NULL)
    {
      const char *start = p + 1;
      const char *end = strchr (start, '"');
      const char *after;

      if (end == NULL)
        break;
      for (after = end + 1; *after == ' ' || *after == '\t' || *after == '\n' || *after == '\r'; after++)
        ;
      /* Only a text of a UUID's length can be one. */
      if (end - start == 36 && *after != ':')
        {
          char id[37];

          memcpy (id, start, 36);
          id[36] = '\0';
          if (g_uuid_string_is_valid (id) && lookup_staff (store, refs, id) != NULL)
            note_reference (refs->staff_ids, id);
        }
      p = end + 1;
    }

  return TRUE;
}

/* The same as note_staff_in_node() over the whole of @data: read in place
 * where that is sure, else with json-glib. */
static void
note_staff_in_data (KesStore    *store,
                    const char  *data,
                    References  *refs)
{
  g_autoptr(JsonParser) parser = NULL;

  if (note_staff_in_plain_json (store, data, refs))
    return;

  if (kes_json_events_parse (refs->events, data))
    {
      for (guint i = 0; i < kes_json_events_get_n (refs->events); i++)
        {
          const KesJsonEvent *event = kes_json_events_get (refs->events, i);

          if (event->kind == KES_JSON_TEXT && g_uuid_string_is_valid (event->text)
              && lookup_staff (store, refs, event->text) != NULL)
            note_reference (refs->staff_ids, event->text);
        }
      return;
    }

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, data, -1, NULL) && json_parser_get_root (parser) != NULL)
    note_staff_in_node (store, json_parser_get_root (parser), refs);
}

/* The staff another record's revision names: its author, and any in its
 * data. */
static void
note_other_references (KesStore   *store,
                       References *refs,
                       const char *author_id,
                       const char *data)
{
  note_reference (refs->staff_ids, author_id);
  note_staff_in_data (store, data, refs);
}

static gboolean
add_others (KesStore          *store,
            KesRecordArchive  *archive,
            const char        *patient_id,
            References        *refs,
            GError           **error)
{
  g_autoptr(GPtrArray) records = kes_store_list_patient_records (store, patient_id, error);
  g_autoptr(GHashTable) histories = NULL;

  if (records == NULL
      || (histories = kes_store_list_patient_record_revisions (store, patient_id, records,
                                                              error)) == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      KesRecordRef *ref = g_ptr_array_index (records, i);
      g_autofree char *stolen_id = NULL;
      GPtrArray *revisions = NULL;

      /* A record with no revision (none is written without one) is
       * exported with none, as before. Stealing hands over the key too. */
      if (!g_hash_table_steal_extended (histories, ref->id, (gpointer *) &stolen_id,
                                        (gpointer *) &revisions))
        revisions = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint r = 0; r < revisions->len; r++)
        {
          KesRevision *revision = g_ptr_array_index (revisions, r);

          note_other_references (store, refs, kes_revision_get_author_id (revision),
                                 kes_revision_get_data (revision));
        }

      kes_record_archive_add_other (archive, ref->kind, ref->id, ref->patient_id, revisions);
    }

  return TRUE;
}

/* The same, the revisions kept as the store's rows for an archive that is
 * only written. */
static gboolean
add_other_rows (KesStore          *store,
                KesRecordArchive  *archive,
                const char        *patient_id,
                References        *refs,
                GError           **error)
{
  g_autoptr(GPtrArray) records = kes_store_list_patient_records (store, patient_id, error);
  g_autoptr(GHashTable) firsts = g_hash_table_new (g_str_hash, g_str_equal);
  KesHistoryRows *rows;
  guint n_rows;

  if (records == NULL
      || (rows = kes_store_read_patient_record_revisions (store, patient_id, records,
                                                          error)) == NULL)
    return FALSE;
  kes_record_archive_take_other_rows (archive, rows);

  /* Each record's rows are together (by record id): where each starts. */
  n_rows = kes_history_rows_get_n (rows);
  for (guint r = n_rows; r-- > 0;)
    {
      const KesHistoryRow *row = kes_history_rows_get (rows, r);

      g_hash_table_insert (firsts, (gpointer) row->record_id, GUINT_TO_POINTER (r + 1));
      note_other_references (store, refs, row->author_id, row->data);
    }

  for (guint i = 0; i < records->len; i++)
    {
      KesRecordRef *ref = g_ptr_array_index (records, i);
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (firsts, ref->id));
      guint first = found > 0 ? found - 1 : 0;
      guint n = 0;

      /* A record with no revision (none is written without one) is
       * exported with none, as before. */
      if (found > 0)
        while (first + n < n_rows
               && g_str_equal (kes_history_rows_get (rows, first + n)->record_id, ref->id))
          n++;
      kes_record_archive_add_other_rows (archive, ref->kind, ref->id, ref->patient_id, first, n);
    }

  return TRUE;
}

static gboolean
add_staff_and_teams (KesStore          *store,
                     KesRecordArchive  *archive,
                     References        *refs,
                     GError           **error)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, refs->staff_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      KesStaff *staff = lookup_staff (store, refs, id);

      /* Every author and named member of staff is held: ask again for the
       * store's own error. */
      if (staff == NULL)
        {
          g_autoptr(KesStaff) missing = kes_store_find_staff (store, id, error);

          if (missing == NULL)
            return FALSE;
          staff = missing;
          g_hash_table_insert (refs->known, g_strdup (id), g_steal_pointer (&missing));
        }
      kes_record_archive_add_staff (archive, staff);
      note_reference (refs->team_ids, kes_staff_get_team_id (staff));
    }

  g_hash_table_iter_init (&iter, refs->team_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      KesTeam *team = g_hash_table_lookup (refs->teams, id);

      if (team == NULL && (team = kes_store_find_team (store, id)) != NULL)
        g_hash_table_insert (refs->teams, g_strdup (id), team);
      if (team != NULL)
        kes_record_archive_add_team (archive, team);
    }

  return TRUE;
}

static KesRecordArchive *
export_archive (KesStore              *store,
                const char            *patient_id,
                KesRecordExportCache  *cache,
                gboolean               as_rows,
                GError               **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GHashTable) staff_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) team_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = kes_clock_now_iso ();
  References refs = { staff_ids, team_ids, cache->known, cache->teams, cache->events, cache->flat };

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  archive = kes_record_archive_new (now);

  if (!(as_rows ? add_history_rows (store, archive, patient_id, &refs, error)
                : add_histories (store, archive, patient_id, &refs, error))
      || !(as_rows ? add_other_rows (store, archive, patient_id, &refs, error)
                   : add_others (store, archive, patient_id, &refs, error))
      || !add_staff_and_teams (store, archive, &refs, error))
    return NULL;

  return g_steal_pointer (&archive);
}

KesRecordArchive *
kes_record_export_archive_for_xml (KesStore              *store,
                                   const char            *patient_id,
                                   KesRecordExportCache  *cache,
                                   GError               **error)
{
  return export_archive (store, patient_id, cache, TRUE, error);
}

KesRecordArchive *
kes_record_export_archive (KesStore    *store,
                           const char  *patient_id,
                           GError     **error)
{
  g_autoptr(KesRecordExportCache) cache = kes_record_export_cache_new ();

  return export_archive (store, patient_id, cache, FALSE, error);
}

GBytes *
kes_record_export_bytes (KesStore    *store,
                         const char  *patient_id,
                         GError     **error)
{
  g_autoptr(KesRecordExportCache) cache = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GBytes) xml = NULL;
  gsize length;
  const char *data;

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;

  cache = kes_record_export_cache_new ();
  archive = kes_record_export_archive_for_xml (store, patient_id, cache, error);
  if (archive == NULL)
    return NULL;

  xml = kes_record_archive_to_xml (archive, error);
  if (xml == NULL)
    return NULL;

  /* Every export is checked against the schema before anyone sees it. */
  data = g_bytes_get_data (xml, &length);
  if (!kes_xml_validate_memory (data, length, KES_SCHEMA_RECORD, error))
    return NULL;

  /* No export leaves without its entry in the access log. */
  if (!kes_store_audit (store, KES_AUDIT_EXPORT, patient_id, patient_id, "case record (XML)", error))
    return NULL;

  return g_steal_pointer (&xml);
}

gboolean
kes_record_export_file (KesStore    *store,
                        const char  *patient_id,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GBytes) xml = kes_record_export_bytes (store, patient_id, error);
  gsize length;
  const char *data;

  if (xml == NULL)
    return FALSE;

  data = g_bytes_get_data (xml, &length);

  return kes_atomic_file_set_contents (path, data, length, error);
}

gboolean
kes_record_export_files (KesStore            *store,
                         const char * const  *patient_ids,
                         const char * const  *paths,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new ();
  guint i;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient_ids != NULL && paths != NULL, FALSE);

  if (!kes_store_begin (store, error))
    return FALSE;
  /* As for a whole database: the exporter's account read once. */
  if (!kes_store_hold_actor (store, error))
    goto fail;

  for (i = 0; patient_ids[i] != NULL; i++)
    {
      g_autoptr(GBytes) xml = NULL;

      g_return_val_if_fail (paths[i] != NULL, FALSE);

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || (xml = kes_record_export_bytes (store, patient_ids[i], error)) == NULL
          || !kes_atomic_file_set_contents_deferred (paths[i], g_bytes_get_data (xml, NULL),
                                                     g_bytes_get_size (xml), error))
        goto fail;
      g_ptr_array_add (written, (gpointer) paths[i]);
    }

  g_ptr_array_add (written, NULL);
  if (!kes_atomic_file_sync_files ((const char * const *) written->pdata, error))
    goto fail;
  g_ptr_array_remove_index (written, written->len - 1);

  /* A failed commit has rolled the transaction back itself. */
  if (kes_store_commit (store, error))
    return TRUE;
  goto remove_files;

fail:
  kes_store_rollback (store);
remove_files:
  for (guint w = 0; w < written->len; w++)
    g_unlink (g_ptr_array_index (written, w));

  return FALSE;
}
