/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-archive"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-flat-json-private.h"
#include "kes-json-events-private.h"
#include "kes-record-archive-private.h"
#include "kes-report-error.h"
#include "kes-xml-out-private.h"
#include "kes-xml-schema.h"

/* Writing a case record archive as XML (kestrel-record-1.xsd): the patient,
 * every revision of every record, and the teams and staff they name.
 * kes-record-archive.c holds the archive itself, kes-record-archive-read.c
 * reads one back. */

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

/* One revision as the writer needs it: from a KesRevision of a record, or
 * from a row read straight from the store (KesHistoryRow). */
typedef struct
{
  KesArchiveKind  kind;
  const char     *kind_name;
  const char     *record_id;
  gint64          number;
  KesChangeKind   change;
  const char     *author_id;
  const char     *at;
  const char     *reason;
  const char     *data;
} RevisionToWrite;

/* The fast path for the common case (see kes-flat-json-private.h): FALSE,
 * with nothing written, when the data is not flat or holds a field that
 * does not fit, so that write_data() reads it with json-glib and reports
 * exactly what is wrong. */
static gboolean
write_flat_data (KesXmlOut              *out,
                 KesFlatJson            *flat,
                 const RevisionToWrite  *revision)
{
  const KesFieldSpec *specs[64];
  guint n_members;

  if (!kes_flat_json_parse (flat, revision->data))
    return FALSE;

  n_members = kes_flat_json_get_n_members (flat);
  if (n_members > G_N_ELEMENTS (specs))
    return FALSE;

  for (guint i = 0; i < n_members; i++)
    {
      const KesFlatMember *member = kes_flat_json_get_member (flat, i);
      const KesFieldSpec *spec = kes_archive_find_field (revision->kind, member->key, FALSE);

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
write_data (KesXmlOut              *out,
            KesFlatJson            *flat,
            const RevisionToWrite  *revision,
            GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObjectIter iter;
  JsonObject *object;
  JsonNode *root;
  const char *key;
  JsonNode *value;

  if (write_flat_data (out, flat, revision))
    return TRUE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, revision->data, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                   /* Translators: a revision number, a kind of record ("contact") and its id */
                   _("Revision %" G_GINT64_FORMAT " of %s %s does not hold readable data"),
                   revision->number, revision->kind_name, revision->record_id);
      return FALSE;
    }

  object = json_node_get_object (root);
  kes_xml_out_start (out, "data");

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      const KesFieldSpec *spec = kes_archive_find_field (revision->kind, key, FALSE);
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
                       key, revision->number, revision->kind_name, revision->record_id);
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
                                 key, revision->number, revision->kind_name,
                                 revision->record_id);
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

/* The same elements write_json_object() writes, from events read in
 * place (kes-json-events-private.h) rather than from a json-glib tree. */
static void
write_json_events (KesXmlOut     *out,
                   KesJsonEvents *events)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < kes_json_events_get_n (events); i++)
    {
      const KesJsonEvent *event = kes_json_events_get (events, i);

      switch (event->kind)
        {
        case KES_JSON_OBJECT:
        case KES_JSON_LIST:
          kes_xml_out_start (out, event->kind == KES_JSON_OBJECT ? "object" : "list");
          kes_xml_out_attribute (out, "name", event->name);
          break;

        case KES_JSON_END:
          kes_xml_out_end (out);
          break;

        case KES_JSON_NULL:
          kes_xml_out_start (out, "null");
          kes_xml_out_attribute (out, "name", event->name);
          kes_xml_out_end (out);
          break;

        case KES_JSON_TEXT:
          kes_xml_out_start (out, "text");
          kes_xml_out_attribute (out, "name", event->name);
          kes_xml_out_text (out, event->text);
          kes_xml_out_end (out);
          break;

        case KES_JSON_INTEGER:
          kes_xml_out_start (out, "integer");
          kes_xml_out_attribute (out, "name", event->name);
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, event->integer);
          kes_xml_out_text (out, number);
          kes_xml_out_end (out);
          break;

        case KES_JSON_BOOLEAN:
          kes_xml_out_start (out, "boolean");
          kes_xml_out_attribute (out, "name", event->name);
          kes_xml_out_text (out, event->boolean ? "true" : "false");
          kes_xml_out_end (out);
          break;

        case KES_JSON_DOUBLE:
          kes_xml_out_start (out, "number");
          kes_xml_out_attribute (out, "name", event->name);
          kes_xml_out_text (out, format_double (number, sizeof number, event->number));
          kes_xml_out_end (out);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
write_other_data (KesXmlOut              *out,
                  KesJsonEvents          *events,
                  const RevisionToWrite  *revision,
                  GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (kes_json_events_parse (events, revision->data))
    {
      kes_xml_out_start (out, "data");
      write_json_events (out, events);
      kes_xml_out_end (out);
      return TRUE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, revision->data, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                   _("Revision %" G_GINT64_FORMAT " of %s %s does not hold readable data"),
                   revision->number, revision->kind_name, revision->record_id);
      return FALSE;
    }

  kes_xml_out_start (out, "data");
  write_json_object (out, json_node_get_object (root));
  kes_xml_out_end (out);

  return TRUE;
}

/* The readers a record's data goes through, kept for a whole archive. */
typedef struct
{
  KesFlatJson   *flat;
  KesJsonEvents *events;
} JsonReaders;

static gboolean
write_revision (KesXmlOut              *out,
                JsonReaders            *readers,
                const RevisionToWrite  *revision,
                GError                **error)
{
  kes_xml_out_start (out, "revision");
  kes_xml_out_attribute_int (out, "number", revision->number);
  kes_xml_out_attribute (out, "change", kes_change_kind_to_string (revision->change));
  kes_xml_out_attribute (out, "author", revision->author_id);
  kes_xml_out_attribute (out, "at", revision->at);
  if (revision->reason != NULL && revision->reason[0] != '\0')
    kes_xml_out_element (out, "reason", revision->reason);
  if (!(revision->kind == KES_ARCHIVE_OTHER
        ? write_other_data (out, readers->events, revision, error)
        : write_data (out, readers->flat, revision, error)))
    return FALSE;
  kes_xml_out_end (out);

  return TRUE;
}

static gboolean
write_record (KesXmlOut          *out,
              JsonReaders        *readers,
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
      RevisionToWrite to_write = {
        record->kind, record->kind_name, record->id,
        kes_revision_get_revision (revision), kes_revision_get_change (revision),
        kes_revision_get_author_id (revision), kes_revision_get_at (revision),
        kes_revision_get_reason (revision), kes_revision_get_data (revision),
      };

      if (!write_revision (out, readers, &to_write, error))
        return FALSE;
    }

  kes_xml_out_end (out);

  return TRUE;
}

/* The records of @kind among @rows from *@next on, each as write_record()
 * writes it; *@next is left on the first row of another kind. */
static gboolean
write_row_records (KesXmlOut       *out,
                   JsonReaders     *readers,
                   KesHistoryRows  *rows,
                   KesArchiveKind   kind,
                   guint           *next,
                   GError         **error)
{
  const char *kind_name = kes_archive_kind_to_string (kind);
  guint n = kes_history_rows_get_n (rows);

  while (*next < n && g_str_equal (kes_history_rows_get (rows, *next)->kind, kind_name))
    {
      const char *record_id = kes_history_rows_get (rows, *next)->record_id;

      kes_xml_out_start (out, kes_archive_record_element (kind));
      kes_xml_out_attribute (out, "id", record_id);
      for (; *next < n && g_str_equal (kes_history_rows_get (rows, *next)->record_id, record_id);
           (*next)++)
        {
          const KesHistoryRow *row = kes_history_rows_get (rows, *next);
          RevisionToWrite to_write = {
            kind, kind_name, record_id, row->number, row->change,
            row->author_id, row->at, row->reason, row->data,
          };

          if (!write_revision (out, readers, &to_write, error))
            return FALSE;
        }
      kes_xml_out_end (out);
    }

  return TRUE;
}

/* <records> from the archive's other rows, as write_records() writes it
 * from records. */
static gboolean
write_other_row_records (KesXmlOut         *out,
                         JsonReaders       *readers,
                         KesRecordArchive  *self,
                         GError           **error)
{
  kes_xml_out_start (out, "records");
  for (guint i = 0; i < self->others->len; i++)
    {
      KesArchivedRecord *record = g_ptr_array_index (self->others, i);
      const RowRange *range = &g_array_index (self->other_ranges, RowRange, i);

      kes_xml_out_start (out, kes_archive_record_element (KES_ARCHIVE_OTHER));
      kes_xml_out_attribute (out, "kind", record->kind_name);
      kes_xml_out_attribute (out, "id", record->id);
      if (record->patient_id != NULL)
        kes_xml_out_attribute (out, "patient", record->patient_id);
      for (guint r = range->first; r < range->first + range->n; r++)
        {
          const KesHistoryRow *row = kes_history_rows_get (self->other_rows, r);
          RevisionToWrite to_write = {
            KES_ARCHIVE_OTHER, record->kind_name, record->id, row->number, row->change,
            row->author_id, row->at, row->reason, row->data,
          };

          if (!write_revision (out, readers, &to_write, error))
            return FALSE;
        }
      kes_xml_out_end (out);
    }
  kes_xml_out_end (out);

  return TRUE;
}

/* The register, <contacts> and <notes> from the store's rows, as
 * write_record() and write_records() write them from records. */
static gboolean
write_history_rows (KesXmlOut       *out,
                    JsonReaders     *readers,
                    KesHistoryRows  *rows,
                    GError         **error)
{
  guint next = 0;

  if (!write_row_records (out, readers, rows, KES_ARCHIVE_PATIENT, &next, error))
    return FALSE;
  kes_xml_out_start (out, "contacts");
  if (!write_row_records (out, readers, rows, KES_ARCHIVE_CONTACT, &next, error))
    return FALSE;
  kes_xml_out_end (out);
  kes_xml_out_start (out, "notes");
  if (!write_row_records (out, readers, rows, KES_ARCHIVE_NOTE, &next, error))
    return FALSE;
  kes_xml_out_end (out);

  return TRUE;
}

static gboolean
write_records (KesXmlOut          *out,
               JsonReaders        *readers,
               const char         *group,
               GPtrArray          *records,
               GError            **error)
{
  kes_xml_out_start (out, group);
  for (guint i = 0; i < records->len; i++)
    if (!write_record (out, readers, g_ptr_array_index (records, i), error))
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
  g_autoptr(KesJsonEvents) events = kes_json_events_new ();
  JsonReaders readers = { flat, events };

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

  if (self->histories != NULL)
    return write_history_rows (out, &readers, self->histories, error)
        && (self->other_rows != NULL
            ? write_other_row_records (out, &readers, self, error)
            : write_records (out, &readers, "records", self->others, error));

  return write_record (out, &readers, self->patient, error)
      && write_records (out, &readers, "contacts", self->contacts, error)
      && write_records (out, &readers, "notes", self->notes, error)
      && write_records (out, &readers, "records", self->others, error);
}

GBytes *
kes_record_archive_to_xml (KesRecordArchive  *self,
                           GError           **error)
{
  g_autoptr(KesXmlOut) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->patient != NULL || self->histories != NULL, NULL);

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
  g_return_val_if_fail (self->patient != NULL || self->histories != NULL, FALSE);

  kes_xml_out_start (out, "record");
  if (!write_archive (self, out, error))
    return FALSE;
  kes_xml_out_end (out);

  /* A sink that failed part-way stops the export here, not at the end. */
  return kes_xml_out_check (out, error);
}
