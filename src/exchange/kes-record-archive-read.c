/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-archive-read"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-flat-json-private.h"
#include "kes-patient.h"
#include "kes-record-archive-private.h"
#include "kes-report-error.h"
#include "kes-store.h"
#include "kes-xml-schema.h"

/* The case-record file is read in one pass over the stream, validated
 * against the schema as it goes; the structure below only has to pick the
 * values out, the schema has already vouched for the shape. The schema's
 * identity constraints (unique staff, team and record ids; every author
 * among the staff) are checked here too, because a whole database's file
 * is validated without them (see KES_SCHEMA_RECORD_STREAMING). */

typedef struct
{
  KesXmlReader     *reader;
  KesRecordArchive *archive;
  GHashTable       *record_ids; /* of this case record, to refuse one twice */
} Parser;

static gboolean
duplicate (Parser      *parser,
           const char  *what,
           const char  *id,
           GError     **error)
{
  kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                            /* Translators: "member of staff", "team" or "record", then an id */
                            _("the case record lists %s %s twice."), what, id);
  return FALSE;
}

/* Moves to the next child element of the element at @depth; *@found is
 * FALSE once the element's end is reached. */
static gboolean
next_child (Parser    *parser,
            guint      depth,
            gboolean  *found,
            GError   **error)
{
  while (kes_xml_reader_next (parser->reader, error))
    {
      switch (kes_xml_reader_get_kind (parser->reader))
        {
        case KES_XML_NODE_START:
          *found = TRUE;
          return TRUE;

        case KES_XML_NODE_END:
          if (kes_xml_reader_get_depth (parser->reader) == depth)
            {
              *found = FALSE;
              return TRUE;
            }
          break;

        case KES_XML_NODE_TEXT:
        default:
          break;
        }
    }

  if (error != NULL && *error == NULL)
    kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_NOT_XML, "%s",
                              _("the file ends before the record is complete."));

  return FALSE;
}

/* Calls @func for each child element of the current element. */
static gboolean
each_child (Parser    *parser,
            gboolean (*func) (Parser *, gpointer, GError **),
            gpointer   data,
            GError   **error)
{
  guint depth = kes_xml_reader_get_depth (parser->reader);
  gboolean found = FALSE;

  if (kes_xml_reader_is_empty_element (parser->reader))
    return TRUE;

  while (next_child (parser, depth, &found, error))
    {
      if (!found)
        return TRUE;
      if (!func (parser, data, error))
        return FALSE;
    }

  return FALSE;
}

static gboolean
is (Parser     *parser,
    const char *name)
{
  return g_str_equal (kes_xml_reader_get_name (parser->reader), name);
}

static gboolean
unexpected (Parser  *parser,
            GError **error)
{
  kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                            /* Translators: %s is an XML element name */
                            _("<%s> is not expected here."), kes_xml_reader_get_name (parser->reader));
  return FALSE;
}

static gboolean
read_team (Parser    *parser,
           gpointer   data,
           GError   **error)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KesTeam) team = NULL;

  if (!is (parser, "team"))
    return unexpected (parser, error);

  id = kes_xml_reader_dup_attribute (parser->reader, "id");
  name = kes_xml_reader_dup_attribute (parser->reader, "name");
  for (guint i = 0; id != NULL && i < parser->archive->teams->len; i++)
    if (g_str_equal (kes_team_get_id (g_ptr_array_index (parser->archive->teams, i)), id))
      return duplicate (parser, _("team"), id, error);
  team = kes_team_new (id, name);
  kes_record_archive_add_team (parser->archive, team);

  return kes_xml_reader_skip (parser->reader, error);
}

typedef struct
{
  char *display_name;
  char *role_title;
  char *team_id;
  char *contact;
} StaffFields;

static gboolean
read_staff_field (Parser    *parser,
                  gpointer   data,
                  GError   **error)
{
  StaffFields *fields = data;
  char **slot;

  if (is (parser, "display-name"))
    slot = &fields->display_name;
  else if (is (parser, "role-title"))
    slot = &fields->role_title;
  else if (is (parser, "team-id"))
    slot = &fields->team_id;
  else if (is (parser, "contact"))
    slot = &fields->contact;
  else
    return unexpected (parser, error);

  g_free (*slot);
  *slot = kes_xml_reader_read_text (parser->reader, error);

  return *slot != NULL;
}

static gboolean
read_member (Parser    *parser,
             gpointer   data,
             GError   **error)
{
  g_autofree char *id = NULL;
  g_autofree char *username = NULL;
  g_autoptr(KesStaff) staff = NULL;
  StaffFields fields = { 0 };
  gboolean ok;

  if (!is (parser, "member"))
    return unexpected (parser, error);

  id = kes_xml_reader_dup_attribute (parser->reader, "id");
  username = kes_xml_reader_dup_attribute (parser->reader, "username");
  if (id != NULL && kes_record_archive_find_staff (parser->archive, id) != NULL)
    return duplicate (parser, _("member of staff"), id, error);
  ok = each_child (parser, read_staff_field, &fields, error);

  if (ok)
    {
      staff = kes_staff_new (id, username, fields.display_name, fields.role_title,
                             fields.team_id != NULL && fields.team_id[0] != '\0' ? fields.team_id : NULL,
                             fields.contact);
      kes_record_archive_add_staff (parser->archive, staff);
    }

  g_free (fields.display_name);
  g_free (fields.role_title);
  g_free (fields.team_id);
  g_free (fields.contact);

  return ok;
}

/* The register, contacts and notes are flat (text, whole numbers, lists
 * of text): their JSON is written straight into @json, as json-glib would
 * write it, without building a tree a revision. Other records' data is
 * nested and goes through @builder. */
typedef struct
{
  KesArchiveKind  kind;
  JsonBuilder    *builder;   /* KES_ARCHIVE_OTHER */
  GString        *json;      /* the other kinds */
  guint           n_members; /* written to @json so far */
  char           *reason;
} RevisionContent;

typedef struct
{
  GString *json;
  guint    n_items;
} ListContent;

static gboolean
read_list_item (Parser    *parser,
                gpointer   data,
                GError   **error)
{
  ListContent *list = data;
  g_autofree char *item = NULL;

  if (!is (parser, "item"))
    return unexpected (parser, error);

  item = kes_xml_reader_read_text (parser->reader, error);
  if (item == NULL)
    return FALSE;
  if (list->n_items++ > 0)
    g_string_append_c (list->json, ',');
  kes_flat_json_append_string (list->json, item);

  return TRUE;
}

static gboolean
read_field (Parser    *parser,
            gpointer   data,
            GError   **error)
{
  RevisionContent *content = data;
  const KesFieldSpec *spec = kes_archive_find_field (content->kind,
                                                     kes_xml_reader_get_name (parser->reader), TRUE);
  g_autofree char *text = NULL;
  gint64 number = 0;

  if (spec == NULL)
    return unexpected (parser, error);

  if (content->n_members++ > 0)
    g_string_append_c (content->json, ',');
  kes_flat_json_append_string (content->json, spec->key);
  g_string_append_c (content->json, ':');

  switch (spec->type)
    {
    case KES_FIELD_LIST:
      {
        ListContent list = { content->json, 0 };

        g_string_append_c (content->json, '[');
        if (!each_child (parser, read_list_item, &list, error))
          return FALSE;
        g_string_append_c (content->json, ']');
      }
      return TRUE;

    case KES_FIELD_INTEGER:
      text = kes_xml_reader_read_text (parser->reader, error);
      if (text == NULL)
        return FALSE;
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("“%s” is not a whole number."), text);
          return FALSE;
        }
      g_string_append_printf (content->json, "%" G_GINT64_FORMAT, number);
      return TRUE;

    case KES_FIELD_TEXT:
      text = kes_xml_reader_read_text (parser->reader, error);
      if (text == NULL)
        return FALSE;
      kes_flat_json_append_string (content->json, text);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* Typed XML back to JSON, for the records other than the register,
 * contacts and notes (<records>). */
typedef struct
{
  JsonBuilder *builder;
  gboolean     named; /* members of an object, not items of a list */
} JsonContext;

static gboolean
read_json_scalar (Parser       *parser,
                  JsonBuilder  *builder,
                  const char   *element,
                  GError      **error)
{
  g_autofree char *text = kes_xml_reader_read_text (parser->reader, error);
  gint64 integer = 0;
  char *end = NULL;
  double number;

  if (text == NULL)
    return FALSE;

  if (g_str_equal (element, "text"))
    json_builder_add_string_value (builder, text);
  else if (g_str_equal (element, "integer"))
    {
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("“%s” is not a whole number."), text);
          return FALSE;
        }
      json_builder_add_int_value (builder, integer);
    }
  else if (g_str_equal (element, "number"))
    {
      number = g_ascii_strtod (text, &end);
      if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (number))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("“%s” is not a number."), text);
          return FALSE;
        }
      json_builder_add_double_value (builder, number);
    }
  else if (g_str_equal (text, "true") || g_str_equal (text, "false"))
    json_builder_add_boolean_value (builder, g_str_equal (text, "true"));
  else
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                _("“%s” is neither true nor false."), text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_json_value (Parser    *parser,
                 gpointer   data,
                 GError   **error)
{
  JsonContext *context = data;
  JsonContext inner = { context->builder, FALSE };
  const char *element = kes_xml_reader_get_name (parser->reader);

  if (context->named)
    {
      g_autofree char *name = kes_xml_reader_dup_attribute (parser->reader, "name");

      if (name == NULL)
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    /* Translators: %s is an XML element name */
                                    _("<%s> has no name."), element);
          return FALSE;
        }
      json_builder_set_member_name (context->builder, name);
    }

  if (g_str_equal (element, "object"))
    {
      inner.named = TRUE;
      json_builder_begin_object (context->builder);
      if (!each_child (parser, read_json_value, &inner, error))
        return FALSE;
      json_builder_end_object (context->builder);
      return TRUE;
    }

  if (g_str_equal (element, "list"))
    {
      json_builder_begin_array (context->builder);
      if (!each_child (parser, read_json_value, &inner, error))
        return FALSE;
      json_builder_end_array (context->builder);
      return TRUE;
    }

  if (g_str_equal (element, "null"))
    {
      json_builder_add_null_value (context->builder);
      return kes_xml_reader_skip (parser->reader, error);
    }

  if (g_str_equal (element, "text") || g_str_equal (element, "integer")
      || g_str_equal (element, "number") || g_str_equal (element, "boolean"))
    return read_json_scalar (parser, context->builder, element, error);

  return unexpected (parser, error);
}

static gboolean
read_revision_part (Parser    *parser,
                    gpointer   data,
                    GError   **error)
{
  RevisionContent *content = data;
  gboolean ok;

  if (is (parser, "reason"))
    {
      g_free (content->reason);
      content->reason = kes_xml_reader_read_text (parser->reader, error);
      return content->reason != NULL;
    }

  if (!is (parser, "data"))
    return unexpected (parser, error);

  if (content->kind == KES_ARCHIVE_OTHER)
    {
      JsonContext context = { content->builder, TRUE };

      json_builder_begin_object (content->builder);
      ok = each_child (parser, read_json_value, &context, error);
      if (ok)
        json_builder_end_object (content->builder);
      return ok;
    }

  g_string_truncate (content->json, 0);
  content->n_members = 0;
  g_string_append_c (content->json, '{');
  ok = each_child (parser, read_field, content, error);
  g_string_append_c (content->json, '}');

  return ok;
}

typedef struct
{
  KesArchiveKind  kind;
  const char     *id;
  GPtrArray      *revisions;
} RecordContent;

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* What the schema cannot say about a history. */
static gboolean
check_revision (Parser         *parser,
                RecordContent  *record,
                gint64          number,
                KesChangeKind   change,
                const char     *json,
                GError        **error)
{
  KesRevision *previous = record->revisions->len > 0
    ? g_ptr_array_index (record->revisions, record->revisions->len - 1) : NULL;

  if (number != (gint64)record->revisions->len + 1)
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                /* Translators: revision numbers, then a record id */
                                _("revision %" G_GINT64_FORMAT " should be revision %u of record %s."),
                                number, record->revisions->len + 1, record->id);
      return FALSE;
    }

  if ((number == 1) != (change == KES_CHANGE_CREATE))
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                _("a record’s first revision, and only its first, is “create” "
                                  "(record %s)."), record->id);
      return FALSE;
    }

  if (previous != NULL && kes_revision_get_change (previous) == KES_CHANGE_ENTERED_IN_ERROR)
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                _("record %s has revisions after it was marked entered in error."),
                                record->id);
      return FALSE;
    }

  if (record->kind == KES_ARCHIVE_PATIENT)
    {
      g_autoptr(KesPatient) patient = kes_patient_new ();
      g_autoptr(GError) local_error = NULL;

      if (!kes_patient_load_json (patient, json, &local_error))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("the register in revision %" G_GINT64_FORMAT
                                      " cannot be read: %s"), number, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_revision (Parser    *parser,
               gpointer   data,
               GError   **error)
{
  RecordContent *record = data;
  g_autoptr(JsonBuilder) builder = record->kind == KES_ARCHIVE_OTHER ? json_builder_new () : NULL;
  g_autoptr(GString) flat = record->kind == KES_ARCHIVE_OTHER ? NULL : g_string_sized_new (512);
  g_autofree char *number_text = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *at = NULL;
  g_autofree char *json = NULL;
  RevisionContent content = { record->kind, builder, flat, 0, NULL };
  KesChangeKind change = KES_CHANGE_EDIT;
  KesStaff *staff = NULL;
  gint64 number = 0;
  gboolean ok;

  if (!is (parser, "revision"))
    return unexpected (parser, error);

  number_text = kes_xml_reader_dup_attribute (parser->reader, "number");
  change_text = kes_xml_reader_dup_attribute (parser->reader, "change");
  author = kes_xml_reader_dup_attribute (parser->reader, "author");
  at = kes_xml_reader_dup_attribute (parser->reader, "at");

  if (number_text == NULL || change_text == NULL || author == NULL || at == NULL
      || !g_ascii_string_to_signed (number_text, 10, 1, G_MAXINT64, &number, NULL)
      || !kes_change_kind_from_string (change_text, &change))
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID, "%s",
                                _("a revision lacks its number, change, author or time."));
      return FALSE;
    }

  ok = each_child (parser, read_revision_part, &content, error);
  if (ok)
    {
      json = builder != NULL ? builder_to_json (builder) : g_strdup (flat->str);
      ok = check_revision (parser, record, number, change, json, error);
    }

  /* Staff come before any record (the schema's order), so all are known. */
  if (ok && (staff = kes_record_archive_find_staff (parser->archive, author)) == NULL)
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                /* Translators: a revision number, a record id, a staff id */
                                _("revision %" G_GINT64_FORMAT " of record %s was written by %s, "
                                  "who is not among the case record’s staff."),
                                number, record->id, author);
      ok = FALSE;
    }

  if (ok)
    {
      g_ptr_array_add (record->revisions,
                       kes_revision_new (record->id, number, change, content.reason, author,
                                         kes_staff_get_display_name (staff),
                                         at, json));
    }

  g_free (content.reason);

  return ok;
}

static gboolean
read_record (Parser    *parser,
             gpointer   data,
             GError   **error)
{
  KesArchiveKind kind = GPOINTER_TO_INT (data);
  g_autofree char *id = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *patient_id = NULL;
  RecordContent record = { kind, NULL, NULL };

  if (!is (parser, kes_archive_record_element (kind)))
    return unexpected (parser, error);

  id = kes_xml_reader_dup_attribute (parser->reader, "id");
  if (id == NULL)
    {
      kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID, "%s",
                                _("a record has no id."));
      return FALSE;
    }
  if (!g_hash_table_add (parser->record_ids, g_strdup (id)))
    return duplicate (parser, _("record"), id, error);

  if (kind == KES_ARCHIVE_OTHER)
    {
      KesArchivedRecord *patient = parser->archive->patient;

      kind_name = kes_xml_reader_dup_attribute (parser->reader, "kind");
      patient_id = kes_xml_reader_dup_attribute (parser->reader, "patient");
      if (kind_name == NULL || !kes_store_is_record_kind (kind_name))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("record %s is of a kind Kestrel does not know."), id);
          return FALSE;
        }
      /* Records come with their patient, never with someone else's. */
      if (patient_id != NULL && (patient == NULL || !g_str_equal (patient_id, patient->id)))
        {
          kes_xml_reader_set_error (parser->reader, error, KES_REPORT_ERROR_INVALID,
                                    _("record %s belongs to a patient other than the one this "
                                      "case record is about."), id);
          return FALSE;
        }
    }

  record.id = id;
  record.revisions = g_ptr_array_new_with_free_func (g_object_unref);

  if (!each_child (parser, read_revision, &record, error))
    {
      g_ptr_array_unref (record.revisions);
      return FALSE;
    }

  if (kind == KES_ARCHIVE_OTHER)
    kes_record_archive_add_other (parser->archive, kind_name, id, patient_id, record.revisions);
  else
    kes_record_archive_add_record (parser->archive, kind, id, record.revisions);

  return TRUE;
}

static gboolean
read_section (Parser    *parser,
              gpointer   data,
              GError   **error)
{
  if (is (parser, "teams"))
    return each_child (parser, read_team, NULL, error);
  if (is (parser, "staff"))
    return each_child (parser, read_member, NULL, error);
  if (is (parser, "patient"))
    return read_record (parser, GINT_TO_POINTER (KES_ARCHIVE_PATIENT), error);
  if (is (parser, "contacts"))
    return each_child (parser, read_record, GINT_TO_POINTER (KES_ARCHIVE_CONTACT), error);
  if (is (parser, "notes"))
    return each_child (parser, read_record, GINT_TO_POINTER (KES_ARCHIVE_NOTE), error);
  if (is (parser, "records"))
    return each_child (parser, read_record, GINT_TO_POINTER (KES_ARCHIVE_OTHER), error);

  return unexpected (parser, error);
}

KesRecordArchive *
kes_record_archive_read_element (KesXmlReader  *reader,
                                 GError       **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GHashTable) record_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *exported = NULL;
  Parser parser = { reader, NULL, record_ids };

  if (!g_str_equal (kes_xml_reader_get_name (reader), "record")
      || g_strcmp0 (kes_xml_reader_get_namespace (reader), KES_RECORD_XML_NAMESPACE) != 0)
    {
      kes_xml_reader_set_error (reader, error, KES_REPORT_ERROR_INVALID, "%s",
                                _("this is not a Kestrel case record."));
      return NULL;
    }

  exported = kes_xml_reader_dup_attribute (reader, "exported");
  archive = kes_record_archive_new (exported);
  parser.archive = archive;

  if (!each_child (&parser, read_section, NULL, error))
    return NULL;

  if (archive->patient == NULL)
    {
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                           _("The case record holds no patient."));
      return NULL;
    }

  return g_steal_pointer (&archive);
}

static KesRecordArchive *
read_archive (KesXmlReader  *reader,
              GError       **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;

  if (reader == NULL || !kes_xml_reader_set_schema (reader, KES_SCHEMA_RECORD, error))
    return NULL;

  if (!kes_xml_reader_next (reader, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NOT_XML,
                             _("The file holds no case record."));
      return NULL;
    }

  archive = kes_record_archive_read_element (reader, error);
  if (archive == NULL || !kes_xml_reader_finish (reader, error))
    return NULL;

  return g_steal_pointer (&archive);
}

KesRecordArchive *
kes_record_archive_read_bytes (GBytes              *xml,
                               const KesXmlLimits  *limits,
                               GError             **error)
{
  g_autoptr(KesXmlReader) reader = NULL;

  g_return_val_if_fail (xml != NULL, NULL);

  reader = kes_xml_reader_new_for_data (xml, limits, error);

  return read_archive (reader, error);
}

KesRecordArchive *
kes_record_archive_read_file (const char          *path,
                              const KesXmlLimits  *limits,
                              GError             **error)
{
  g_autoptr(KesXmlReader) reader = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  reader = kes_xml_reader_new_for_path (path, limits, error);

  return read_archive (reader, error);
}
