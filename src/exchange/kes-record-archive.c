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

KesArchivedRecord *
kes_record_archive_get_patient (KesRecordArchive *self)
{
  return self->patient;
}

GPtrArray *
kes_record_archive_get_records (KesRecordArchive *self,
                                KesArchiveKind    kind)
{
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

/* ---- Writing ---- */

static void
write_integer_element (KesXmlOut  *out,
                       const char *element,
                       gint64      value)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  kes_xml_out_element (out, element, number);
}

/* Closes <data>; TRUE, for the writers' last statement. */
static gboolean
end_element (KesXmlOut *out)
{
  kes_xml_out_end (out);

  return TRUE;
}

/* The fast path for the common case (see kes-flat-json-private.h): FALSE,
 * with nothing written, when the data is not flat or holds a field that
 * does not fit, so that write_data() reads it with json-glib and reports
 * exactly what is wrong. */
static gboolean
write_flat_data (KesXmlOut          *out,
                 KesFlatJson        *flat,
                 KesArchivedRecord  *record,
                 KesRevision        *revision)
{
  const KesFieldSpec *specs[64];
  guint n_members;

  if (!kes_flat_json_parse (flat, kes_revision_get_data (revision)))
    return FALSE;

  n_members = kes_flat_json_get_n_members (flat);
  if (n_members > G_N_ELEMENTS (specs))
    return FALSE;

  for (guint i = 0; i < n_members; i++)
    {
      const KesFlatMember *member = kes_flat_json_get_member (flat, i);
      const KesFieldSpec *spec = kes_archive_find_field (record->kind, member->key, FALSE);

      if (spec == NULL
          || (spec->type == KES_FIELD_TEXT && member->kind != KES_FLAT_TEXT)
          || (spec->type == KES_FIELD_INTEGER && member->kind != KES_FLAT_INTEGER)
          || (spec->type == KES_FIELD_LIST && member->kind != KES_FLAT_LIST))
        return FALSE;
      specs[i] = spec;
    }

  kes_xml_out_start (out, "data");
  for (guint i = 0; i < n_members; i++)
    {
      const KesFlatMember *member = kes_flat_json_get_member (flat, i);

      switch (specs[i]->type)
        {
        case KES_FIELD_TEXT:
          kes_xml_out_element_always (out, specs[i]->element, member->text);
          break;

        case KES_FIELD_INTEGER:
          write_integer_element (out, specs[i]->element, member->integer);
          break;

        case KES_FIELD_LIST:
          kes_xml_out_start (out, specs[i]->element);
          for (guint n = 0; n < member->n_items; n++)
            kes_xml_out_element_always (out, "item", member->items[n]);
          kes_xml_out_end (out);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return end_element (out);
}

static gboolean
write_data (KesXmlOut          *out,
            KesFlatJson        *flat,
            KesArchivedRecord  *record,
            KesRevision        *revision,
            GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObjectIter iter;
  JsonObject *object;
  JsonNode *root;
  const char *key;
  JsonNode *value;

  if (write_flat_data (out, flat, record, revision))
    return TRUE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, kes_revision_get_data (revision), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                   /* Translators: a revision number, a kind of record ("contact") and its id */
                   _("Revision %" G_GINT64_FORMAT " of %s %s does not hold readable data"),
                   kes_revision_get_revision (revision), record->kind_name,
                   record->id);
      return FALSE;
    }

  object = json_node_get_object (root);
  kes_xml_out_start (out, "data");

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      const KesFieldSpec *spec = kes_archive_find_field (record->kind, key, FALSE);
      gboolean fits = spec != NULL;

      if (spec != NULL && spec->type == KES_FIELD_TEXT)
        fits = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING;
      else if (spec != NULL && spec->type == KES_FIELD_INTEGER)
        fits = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64;
      else if (spec != NULL && spec->type == KES_FIELD_LIST)
        fits = JSON_NODE_HOLDS_ARRAY (value);

      if (!fits)
        {
          g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                       /* Translators: a field name, a revision number, a kind of record and its id */
                       _("The field “%s” in revision %" G_GINT64_FORMAT " of %s %s cannot be "
                         "written in this version of the case-record format"),
                       key, kes_revision_get_revision (revision),
                       record->kind_name, record->id);
          return FALSE;
        }

      switch (spec->type)
        {
        case KES_FIELD_TEXT:
          kes_xml_out_element_always (out, spec->element, json_node_get_string (value));
          break;

        case KES_FIELD_INTEGER:
          write_integer_element (out, spec->element, json_node_get_int (value));
          break;

        case KES_FIELD_LIST:
          {
            JsonArray *array = json_node_get_array (value);

            kes_xml_out_start (out, spec->element);
            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonNode *item = json_array_get_element (array, i);

                if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
                  {
                    g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                                 _("The list “%s” in revision %" G_GINT64_FORMAT " of %s %s "
                                   "holds something other than text"),
                                 key, kes_revision_get_revision (revision),
                                 record->kind_name, record->id);
                    return FALSE;
                  }
                kes_xml_out_element_always (out, "item", json_node_get_string (item));
              }
            kes_xml_out_end (out);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return end_element (out);
}

/* The shortest text that reads back as the same double: "3.9", not
 * "3.8999999999999999". */
static const char *
format_double (char   *buffer,
               gsize   size,
               double  value)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, size, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return buffer;
}

/* Any other kind of record: its data as it is, JSON written as typed XML
 * (data/schemas/kestrel-record-1.xsd, "jsonObject"), member order kept. */
static void write_json_object (KesXmlOut *out, JsonObject *object);

static void
write_json_value (KesXmlOut  *out,
                  const char *name,
                  JsonNode   *value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_OBJECT:
      kes_xml_out_start (out, "object");
      kes_xml_out_attribute (out, "name", name);
      write_json_object (out, json_node_get_object (value));
      kes_xml_out_end (out);
      return;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (value);

        kes_xml_out_start (out, "list");
        kes_xml_out_attribute (out, "name", name);
        for (guint i = 0; i < json_array_get_length (array); i++)
          write_json_value (out, NULL, json_array_get_element (array, i));
        kes_xml_out_end (out);
      }
      return;

    case JSON_NODE_NULL:
      kes_xml_out_start (out, "null");
      kes_xml_out_attribute (out, "name", name);
      kes_xml_out_end (out);
      return;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  kes_xml_out_start (out, json_node_get_value_type (value) == G_TYPE_STRING ? "text"
                          : json_node_get_value_type (value) == G_TYPE_INT64 ? "integer"
                          : json_node_get_value_type (value) == G_TYPE_BOOLEAN ? "boolean"
                          : "number");
  kes_xml_out_attribute (out, "name", name);
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    kes_xml_out_text (out, json_node_get_string (value));
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (value));
      kes_xml_out_text (out, number);
    }
  else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    kes_xml_out_text (out, json_node_get_boolean (value) ? "true" : "false");
  else
    kes_xml_out_text (out, format_double (number, sizeof number, json_node_get_double (value)));
  kes_xml_out_end (out);
}

static void
write_json_object (KesXmlOut  *out,
                   JsonObject *object)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    write_json_value (out, key, value);
}

static gboolean
write_other_data (KesXmlOut          *out,
                  KesArchivedRecord  *record,
                  KesRevision        *revision,
                  GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, kes_revision_get_data (revision), -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                   _("Revision %" G_GINT64_FORMAT " of %s %s does not hold readable data"),
                   kes_revision_get_revision (revision), record->kind_name, record->id);
      return FALSE;
    }

  kes_xml_out_start (out, "data");
  write_json_object (out, json_node_get_object (root));
  kes_xml_out_end (out);

  return TRUE;
}

static gboolean
write_record (KesXmlOut          *out,
              KesFlatJson        *flat,
              KesArchivedRecord  *record,
              GError            **error)
{
  kes_xml_out_start (out, kes_archive_record_element (record->kind));
  if (record->kind == KES_ARCHIVE_OTHER)
    kes_xml_out_attribute (out, "kind", record->kind_name);
  kes_xml_out_attribute (out, "id", record->id);
  if (record->kind == KES_ARCHIVE_OTHER && record->patient_id != NULL)
    kes_xml_out_attribute (out, "patient", record->patient_id);

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);

      kes_xml_out_start (out, "revision");
      kes_xml_out_attribute_int (out, "number", kes_revision_get_revision (revision));
      kes_xml_out_attribute (out, "change", kes_change_kind_to_string (kes_revision_get_change (revision)));
      kes_xml_out_attribute (out, "author", kes_revision_get_author_id (revision));
      kes_xml_out_attribute (out, "at", kes_revision_get_at (revision));
      if (kes_revision_get_reason (revision) != NULL && kes_revision_get_reason (revision)[0] != '\0')
        kes_xml_out_element (out, "reason", kes_revision_get_reason (revision));
      if (!(record->kind == KES_ARCHIVE_OTHER ? write_other_data (out, record, revision, error)
                                              : write_data (out, flat, record, revision, error)))
        return FALSE;
      kes_xml_out_end (out);
    }

  kes_xml_out_end (out);

  return TRUE;
}

static gboolean
write_records (KesXmlOut          *out,
               KesFlatJson        *flat,
               const char         *group,
               GPtrArray          *records,
               GError            **error)
{
  kes_xml_out_start (out, group);
  for (guint i = 0; i < records->len; i++)
    if (!write_record (out, flat, g_ptr_array_index (records, i), error))
      return FALSE;
  kes_xml_out_end (out);

  return TRUE;
}

/* Everything inside <record>: its attributes, then its sections. */
static gboolean
write_archive (KesRecordArchive  *self,
               KesXmlOut         *out,
               GError           **error)
{
  g_autoptr(KesFlatJson) flat = kes_flat_json_new ();

  kes_xml_out_attribute_int (out, "version", KES_RECORD_XML_VERSION);
  kes_xml_out_attribute (out, "exported", self->exported_at);

  kes_xml_out_start (out, "teams");
  for (guint i = 0; i < self->teams->len; i++)
    {
      KesTeam *team = g_ptr_array_index (self->teams, i);

      kes_xml_out_start (out, "team");
      kes_xml_out_attribute (out, "id", kes_team_get_id (team));
      kes_xml_out_attribute (out, "name", kes_team_get_name (team));
      kes_xml_out_end (out);
    }
  kes_xml_out_end (out);

  kes_xml_out_start (out, "staff");
  for (guint i = 0; i < self->staff->len; i++)
    {
      KesStaff *staff = g_ptr_array_index (self->staff, i);

      kes_xml_out_start (out, "member");
      kes_xml_out_attribute (out, "id", kes_staff_get_id (staff));
      kes_xml_out_attribute (out, "username", kes_staff_get_username (staff));
      kes_xml_out_element_always (out, "display-name", kes_staff_get_display_name (staff));
      kes_xml_out_element_always (out, "role-title", kes_staff_get_role_title (staff));
      kes_xml_out_element_always (out, "team-id", kes_staff_get_team_id (staff));
      kes_xml_out_element_always (out, "contact", kes_staff_get_contact (staff));
      kes_xml_out_end (out);
    }
  kes_xml_out_end (out);

  return write_record (out, flat, self->patient, error)
      && write_records (out, flat, "contacts", self->contacts, error)
      && write_records (out, flat, "notes", self->notes, error)
      && write_records (out, flat, "records", self->others, error);
}

GBytes *
kes_record_archive_to_xml (KesRecordArchive  *self,
                           GError           **error)
{
  g_autoptr(KesXmlOut) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->patient != NULL, NULL);

  out = kes_xml_out_new ("record", KES_RECORD_XML_NAMESPACE);
  if (!write_archive (self, out, error))
    return NULL;

  return kes_xml_out_finish (out, error);
}

gboolean
kes_record_archive_write_element (KesRecordArchive  *self,
                                  KesXmlOut         *out,
                                  GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->patient != NULL, FALSE);

  kes_xml_out_start (out, "record");
  if (!write_archive (self, out, error))
    return FALSE;
  kes_xml_out_end (out);

  /* A sink that failed part-way stops the export here, not at the end. */
  return kes_xml_out_check (out, error);
}
