/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-archive"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-flat-json-private.h"
#include "kes-patient.h"
#include "kes-record-archive-private.h"
#include "kes-report-error.h"
#include "kes-xml-out-private.h"
#include "kes-xml-schema.h"

static const KesFieldSpec contact_fields[] = {
  { "occurred_at", "occurred-at", KES_FIELD_TEXT },
  { "contact_type", "contact-type", KES_FIELD_TEXT },
  { "with_whom", "with-whom", KES_FIELD_TEXT },
  { "location", "location", KES_FIELD_TEXT },
  { "duration_minutes", "duration-minutes", KES_FIELD_INTEGER },
  { "summary", "summary", KES_FIELD_TEXT },
};

static const KesFieldSpec note_fields[] = {
  { "written_at", "written-at", KES_FIELD_TEXT },
  { "title", "title", KES_FIELD_TEXT },
  { "body", "body", KES_FIELD_TEXT },
};

/* Keys that earlier revisions of the register hold, each after the key it
 * followed in the schema: migration 0017 moved the legal status, MHCS
 * reference and MAPPA to the legal status record, but every revision is
 * exported, so the archive still reads and writes them in schema order. */
static const struct
{
  const char *key;
  const char *after;
} retired_patient_fields[] = {
  { "mhcs_reference", "nhs_number" },
  { "legal_status", "diagnosis_notes" },
  { "mappa_category", "legal_status" },
  { "mappa_level", "mappa_category" },
};

static KesFieldSpec patient_fields[KES_PATIENT_N_TEXT_FIELDS + G_N_ELEMENTS (retired_patient_fields) +
                                   KES_PATIENT_N_LIST_FIELDS];

static char *
element_for_key (const char *key)
{
  char *element = g_strdup (key);

  g_strdelimit (element, "_", '-');

  return element;
}

/* The register's fields come from core, so a field added there is one the
 * archive carries (and the schema must then list). */
static void
init_patient_fields (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      guint n = 0;

      for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++, n++)
        {
          patient_fields[n].key = kes_patient_field_key (i);
          patient_fields[n].element = element_for_key (patient_fields[n].key);
          patient_fields[n].type = KES_FIELD_TEXT;
          for (guint r = 0; r < G_N_ELEMENTS (retired_patient_fields); r++)
            if (g_str_equal (retired_patient_fields[r].after, patient_fields[n].key))
              {
                n++;
                patient_fields[n].key = retired_patient_fields[r].key;
                patient_fields[n].element = element_for_key (patient_fields[n].key);
                patient_fields[n].type = KES_FIELD_TEXT;
              }
        }
      for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++, n++)
        {
          patient_fields[n].key = kes_patient_list_field_key (i);
          patient_fields[n].element = element_for_key (patient_fields[n].key);
          patient_fields[n].type = KES_FIELD_LIST;
        }

      g_once_init_leave (&initialised, 1);
    }
}

const KesFieldSpec *
kes_archive_field_specs (KesArchiveKind  kind,
                         guint          *n_specs)
{
  switch (kind)
    {
    case KES_ARCHIVE_PATIENT:
      init_patient_fields ();
      *n_specs = G_N_ELEMENTS (patient_fields);
      return patient_fields;

    case KES_ARCHIVE_CONTACT:
      *n_specs = G_N_ELEMENTS (contact_fields);
      return contact_fields;

    case KES_ARCHIVE_NOTE:
      *n_specs = G_N_ELEMENTS (note_fields);
      return note_fields;

    case KES_ARCHIVE_OTHER: /* its data is written as it is stored */
    default:
      g_assert_not_reached ();
    }
}

const KesFieldSpec *
kes_archive_find_field (KesArchiveKind  kind,
                        const char     *name,
                        gboolean        by_element)
{
  guint n_specs;
  const KesFieldSpec *specs = kes_archive_field_specs (kind, &n_specs);

  for (guint i = 0; i < n_specs; i++)
    if (g_str_equal (by_element ? specs[i].element : specs[i].key, name))
      return &specs[i];

  return NULL;
}

const char *
kes_archive_kind_to_string (KesArchiveKind kind)
{
  switch (kind)
    {
    case KES_ARCHIVE_PATIENT: return "patient";
    case KES_ARCHIVE_CONTACT: return "contact";
    case KES_ARCHIVE_NOTE:    return "note";
    case KES_ARCHIVE_OTHER:   return "entry";
    default:                  g_assert_not_reached ();
    }
}

const char *
kes_archive_record_element (KesArchiveKind kind)
{
  return kes_archive_kind_to_string (kind);
}

static void
archived_record_free (KesArchivedRecord *record)
{
  g_free (record->id);
  g_free (record->kind_name);
  g_free (record->patient_id);
  g_clear_pointer (&record->revisions, g_ptr_array_unref);
  g_free (record);
}

static gint n_live;
static gint peak_live;

void
kes_record_archive_reset_peak (void)
{
  g_atomic_int_set (&peak_live, g_atomic_int_get (&n_live));
}

guint
kes_record_archive_get_peak (void)
{
  return (guint) g_atomic_int_get (&peak_live);
}

KesRecordArchive *
kes_record_archive_new (const char *exported_at)
{
  KesRecordArchive *self = g_new0 (KesRecordArchive, 1);
  gint live = g_atomic_int_add (&n_live, 1) + 1;
  gint peak = g_atomic_int_get (&peak_live);

  /* Not exact under races between threads, which only the tests read. */
  if (live > peak)
    g_atomic_int_compare_and_exchange (&peak_live, peak, live);

  self->exported_at = g_strdup (exported_at);
  self->teams = g_ptr_array_new_with_free_func (g_object_unref);
  self->staff = g_ptr_array_new_with_free_func (g_object_unref);
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)archived_record_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify)archived_record_free);
  self->others = g_ptr_array_new_with_free_func ((GDestroyNotify)archived_record_free);

  return self;
}

void
kes_record_archive_free (KesRecordArchive *self)
{
  if (self == NULL)
    return;

  g_atomic_int_add (&n_live, -1);
  g_free (self->exported_at);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_clear_pointer (&self->patient, archived_record_free);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->others, g_ptr_array_unref);
  g_clear_pointer (&self->histories, kes_history_rows_free);
  g_clear_pointer (&self->other_rows, kes_history_rows_free);
  g_clear_pointer (&self->other_ranges, g_array_unref);
  g_free (self);
}

const char *
kes_record_archive_get_exported_at (KesRecordArchive *self)
{
  return self->exported_at;
}

static int
compare_team (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (kes_team_get_id (*(KesTeam **)a), kes_team_get_id (*(KesTeam **)b));
}

static int
compare_staff (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (kes_staff_get_id (*(KesStaff **)a), kes_staff_get_id (*(KesStaff **)b));
}

void
kes_record_archive_add_team (KesRecordArchive *self,
                             KesTeam          *team)
{
  for (guint i = 0; i < self->teams->len; i++)
    if (g_str_equal (kes_team_get_id (g_ptr_array_index (self->teams, i)), kes_team_get_id (team)))
      return;

  g_ptr_array_add (self->teams, g_object_ref (team));
  g_ptr_array_sort (self->teams, compare_team);
}

void
kes_record_archive_add_staff (KesRecordArchive *self,
                              KesStaff         *staff)
{
  if (kes_record_archive_find_staff (self, kes_staff_get_id (staff)) != NULL)
    return;

  g_ptr_array_add (self->staff, g_object_ref (staff));
  g_ptr_array_sort (self->staff, compare_staff);
}

GPtrArray *
kes_record_archive_get_teams (KesRecordArchive *self)
{
  return self->teams;
}

GPtrArray *
kes_record_archive_get_staff (KesRecordArchive *self)
{
  return self->staff;
}

KesStaff *
kes_record_archive_find_staff (KesRecordArchive *self,
                               const char       *id)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      KesStaff *staff = g_ptr_array_index (self->staff, i);

      if (g_str_equal (kes_staff_get_id (staff), id))
        return staff;
    }

  return NULL;
}

KesArchivedRecord *
kes_record_archive_add_record (KesRecordArchive *self,
                               KesArchiveKind    kind,
                               const char       *id,
                               GPtrArray        *revisions)
{
  KesArchivedRecord *record;

  g_return_val_if_fail (kind != KES_ARCHIVE_OTHER, NULL);

  record = g_new0 (KesArchivedRecord, 1);
  record->kind = kind;
  record->id = g_strdup (id);
  record->revisions = revisions;
  record->kind_name = g_strdup (kes_archive_kind_to_string (kind));

  switch (kind)
    {
    case KES_ARCHIVE_PATIENT:
      g_clear_pointer (&self->patient, archived_record_free);
      self->patient = record;
      break;

    case KES_ARCHIVE_CONTACT:
      g_ptr_array_add (self->contacts, record);
      break;

    case KES_ARCHIVE_NOTE:
      g_ptr_array_add (self->notes, record);
      break;

    case KES_ARCHIVE_OTHER:
    default:
      g_assert_not_reached ();
    }

  return record;
}

KesArchivedRecord *
kes_record_archive_add_other (KesRecordArchive *self,
                              const char       *kind_name,
                              const char       *id,
                              const char       *patient_id,
                              GPtrArray        *revisions)
{
  KesArchivedRecord *record = g_new0 (KesArchivedRecord, 1);

  record->kind = KES_ARCHIVE_OTHER;
  record->id = g_strdup (id);
  record->revisions = revisions;
  record->kind_name = g_strdup (kind_name);
  record->patient_id = g_strdup (patient_id);
  g_ptr_array_add (self->others, record);

  return record;
}

void
kes_record_archive_take_history_rows (KesRecordArchive *self,
                                      KesHistoryRows   *rows)
{
  g_return_if_fail (self->patient == NULL && self->contacts->len == 0 && self->notes->len == 0);

  g_clear_pointer (&self->histories, kes_history_rows_free);
  self->histories = rows;
}

void
kes_record_archive_take_other_rows (KesRecordArchive *self,
                                    KesHistoryRows   *rows)
{
  g_return_if_fail (self->others->len == 0 && self->other_rows == NULL);

  self->other_rows = rows;
  self->other_ranges = g_array_new (FALSE, FALSE, sizeof (RowRange));
}

void
kes_record_archive_add_other_rows (KesRecordArchive *self,
                                   const char       *kind_name,
                                   const char       *id,
                                   const char       *patient_id,
                                   guint             first,
                                   guint             n)
{
  RowRange range = { first, n };

  g_return_if_fail (self->other_rows != NULL);
  g_return_if_fail (first + n <= kes_history_rows_get_n (self->other_rows));

  kes_record_archive_add_other (self, kind_name, id, patient_id, NULL);
  g_array_append_val (self->other_ranges, range);
}

KesArchivedRecord *
kes_record_archive_get_patient (KesRecordArchive *self)
{
  /* An archive made only to be written has its patient as rows. */
  g_return_val_if_fail (self->histories == NULL, NULL);

  return self->patient;
}

GPtrArray *
kes_record_archive_get_records (KesRecordArchive *self,
                                KesArchiveKind    kind)
{
  /* An archive made only to be written holds rows, not records. */
  g_return_val_if_fail (self->histories == NULL && self->other_rows == NULL, NULL);

  switch (kind)
    {
    case KES_ARCHIVE_CONTACT:
      return self->contacts;

    case KES_ARCHIVE_NOTE:
      return self->notes;

    case KES_ARCHIVE_OTHER:
      return self->others;

    case KES_ARCHIVE_PATIENT:
    default:
      g_return_val_if_reached (NULL);
    }
}
