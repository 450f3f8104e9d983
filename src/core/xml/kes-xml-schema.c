/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "kes-report-error.h"
#include "kes-report-resources.h"
#include "kes-xml-reader.h"
#include "kes-xml-schema-private.h"
#include "kes-xml-schema.h"

#define SCHEMA_PATH "/io/github/kestrelcare/Kestrel/report/schemas/"

G_LOCK_DEFINE_STATIC (schemas);
static GHashTable *schemas;

GBytes *
kes_xml_schema_dup_source (const char  *schema_name,
                           GError     **error)
{
  static gsize registered = 0;
  g_autofree char *path = NULL;
  GBytes *bytes;

  g_return_val_if_fail (schema_name != NULL, NULL);

  if (g_once_init_enter (&registered))
    {
      kes_report_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  path = g_strconcat (SCHEMA_PATH, schema_name, ".xsd", NULL);
  bytes = g_resource_lookup_data (kes_report_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NO_SCHEMA,
                 /* Translators: %s is a schema name, "kestrel-record-1" */
                 _("Kestrel has no schema called “%s”."), schema_name);

  return bytes;
}

/* Removes every xs:key, xs:keyref and xs:unique below @node. */
static void
remove_identity_constraints (xmlNodePtr node)
{
  xmlNodePtr child = node->children;

  while (child != NULL)
    {
      xmlNodePtr next = child->next;

      if (child->type == XML_ELEMENT_NODE && child->ns != NULL
          && xmlStrEqual (child->ns->href, (const xmlChar *) "http://www.w3.org/2001/XMLSchema")
          && (xmlStrEqual (child->name, (const xmlChar *) "key")
              || xmlStrEqual (child->name, (const xmlChar *) "keyref")
              || xmlStrEqual (child->name, (const xmlChar *) "unique")))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        remove_identity_constraints (child);
      child = next;
    }
}

static xmlSchemaParserCtxtPtr
new_streaming_parser (const char *data,
                      gsize       length)
{
  /* Our own schema, built into the program: trusted, parsed plainly. */
  xmlDocPtr doc = xmlReadMemory (data, (int) length, NULL, NULL, XML_PARSE_NONET);

  if (doc == NULL)
    return NULL;
  remove_identity_constraints (xmlDocGetRootElement (doc));

  /* The compiled schema may point into the document (for its messages), so
   * the document is kept as long as the schema: like every schema here,
   * for the life of the process. */
  return xmlSchemaNewDocParserCtxt (doc);
}

static xmlSchemaPtr
load_schema (const char  *schema_name,
             GError     **error)
{
  gboolean streaming = g_str_equal (schema_name, KES_SCHEMA_RECORD_STREAMING);
  g_autoptr(GBytes) source = kes_xml_schema_dup_source (streaming ? KES_SCHEMA_RECORD : schema_name,
                                                        error);
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema = NULL;
  gsize length;
  const char *data;

  if (source == NULL)
    return NULL;

  data = g_bytes_get_data (source, &length);
  parser = streaming ? new_streaming_parser (data, length) : xmlSchemaNewMemParserCtxt (data, length);
  if (parser != NULL)
    schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);

  if (schema == NULL)
    g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NO_SCHEMA,
                 _("The schema “%s” built into Kestrel could not be loaded."), schema_name);

  return schema;
}

xmlSchemaPtr
kes_xml_schema_get (const char  *schema_name,
                    GError     **error)
{
  xmlSchemaPtr schema;

  g_return_val_if_fail (schema_name != NULL, NULL);

  G_LOCK (schemas);

  if (schemas == NULL)
    schemas = g_hash_table_new (g_str_hash, g_str_equal);

  schema = g_hash_table_lookup (schemas, schema_name);
  if (schema == NULL)
    {
      schema = load_schema (schema_name, error);
      if (schema != NULL)
        g_hash_table_insert (schemas, g_strdup (schema_name), schema);
    }

  G_UNLOCK (schemas);

  return schema;
}

static gboolean
validate (KesXmlReader  *reader,
          const char    *schema_name,
          GError       **error)
{
  return reader != NULL
      && kes_xml_reader_set_schema (reader, schema_name, error)
      && kes_xml_reader_finish (reader, error);
}

gboolean
kes_xml_validate_memory (const char  *data,
                         gsize        length,
                         const char  *schema_name,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KesXmlReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (schema_name != NULL, FALSE);

  bytes = g_bytes_new_static (data, length);
  reader = kes_xml_reader_new_for_data (bytes, NULL, error);

  return validate (reader, schema_name, error);
}

gboolean
kes_xml_validate_file (const char  *path,
                       const char  *schema_name,
                       GError     **error)
{
  g_autoptr(KesXmlReader) reader = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (schema_name != NULL, FALSE);

  reader = kes_xml_reader_new_for_path (path, NULL, error);

  return validate (reader, schema_name, error);
}
