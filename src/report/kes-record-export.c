/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-export"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-record-export.h"
#include "kes-xml-schema.h"

/* Who and what the archive refers to, gathered while its records are read. */
typedef struct
{
  GHashTable *staff_ids;
  GHashTable *team_ids;
} References;

static void
note_reference (GHashTable *set,
                const char *id)
{
  if (id != NULL && id[0] != '\0')
    g_hash_table_add (set, g_strdup (id));
}

static gboolean
add_record (KesStore          *store,
            KesRecordArchive  *archive,
            KesArchiveKind     kind,
            const char        *id,
            References        *refs,
            GError           **error)
{
  GPtrArray *revisions = kes_store_list_revisions (store, id, error);

  if (revisions == NULL)
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i);

      note_reference (refs->staff_ids, kes_revision_get_author_id (revision));

      /* Staff and teams named in the register, in any revision. */
      if (kind == KES_ARCHIVE_PATIENT)
        {
          g_autoptr(KesPatient) patient = kes_patient_new ();

          if (kes_patient_load_json (patient, kes_revision_get_data (revision), NULL))
            {
              note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
              note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID));
              note_reference (refs->staff_ids, kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID));
              note_reference (refs->team_ids, kes_patient_get_text (patient, KES_PATIENT_TEAM_ID));
            }
        }
    }

  kes_record_archive_add_record (archive, kind, id, revisions);

  return TRUE;
}

typedef struct
{
  const char *when;
  const char *id;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer b)
{
  const Ordered *x = a, *y = b;
  int order = g_strcmp0 (x->when, y->when);

  return order != 0 ? order : g_strcmp0 (x->id, y->id);
}

/* Contacts and notes oldest first, then by id: an order that does not
 * depend on how the store happens to list them. */
static gboolean
add_records (KesStore          *store,
             KesRecordArchive  *archive,
             KesArchiveKind     kind,
             GListModel        *model,
             References        *refs,
             GError           **error)
{
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (Ordered), n_items);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      GObject *item = g_list_model_get_item (model, i);
      Ordered entry;

      g_ptr_array_add (items, item);
      if (kind == KES_ARCHIVE_CONTACT)
        entry = (Ordered) { kes_contact_get_occurred_at (KES_CONTACT (item)),
                            kes_contact_get_id (KES_CONTACT (item)) };
      else
        entry = (Ordered) { kes_note_get_written_at (KES_NOTE (item)),
                            kes_note_get_id (KES_NOTE (item)) };
      g_array_append_val (order, entry);
    }

  g_array_sort (order, compare_ordered);

  for (guint i = 0; i < order->len; i++)
    if (!add_record (store, archive, kind, g_array_index (order, Ordered, i).id, refs, error))
      return FALSE;

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
      g_autoptr(KesStaff) staff = kes_store_find_staff (store, id, error);

      if (staff == NULL)
        return FALSE;
      kes_record_archive_add_staff (archive, staff);
      note_reference (refs->team_ids, kes_staff_get_team_id (staff));
    }

  g_hash_table_iter_init (&iter, refs->team_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(KesTeam) team = kes_store_find_team (store, id);

      if (team != NULL)
        kes_record_archive_add_team (archive, team);
    }

  return TRUE;
}

KesRecordArchive *
kes_record_export_archive (KesStore    *store,
                           const char  *patient_id,
                           GError     **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GHashTable) staff_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) team_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = kes_clock_now_iso ();
  References refs = { staff_ids, team_ids };

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;

  archive = kes_record_archive_new (now);

  if (!add_record (store, archive, KES_ARCHIVE_PATIENT, kes_patient_get_id (patient), &refs, error))
    return NULL;

  contacts = kes_store_list_contacts (store, kes_patient_get_id (patient), TRUE, error);
  if (contacts == NULL
      || !add_records (store, archive, KES_ARCHIVE_CONTACT, contacts, &refs, error))
    return NULL;

  notes = kes_store_list_notes (store, kes_patient_get_id (patient), TRUE, error);
  if (notes == NULL
      || !add_records (store, archive, KES_ARCHIVE_NOTE, notes, &refs, error))
    return NULL;

  if (!add_staff_and_teams (store, archive, &refs, error))
    return NULL;

  return g_steal_pointer (&archive);
}

GBytes *
kes_record_export_bytes (KesStore    *store,
                         const char  *patient_id,
                         GError     **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GBytes) xml = NULL;
  gsize length;
  const char *data;

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;

  archive = kes_record_export_archive (store, patient_id, error);
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
