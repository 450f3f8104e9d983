/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "kes-output-guard.h"
#include "kes-report-error.h"
#include "kes-xml-prolog-private.h"
#include "kes-xml-reader.h"
#include "kes-xml-schema-private.h"

/* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: entities stay
 * unexpanded, nothing is fetched, libxml2's own limits stay in force.
 * Errors go to our handler rather than stderr. */
#define SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

#define READ_CHUNK 65536

struct _KesXmlReader
{
  KesXmlLimits           limits;
  xmlTextReaderPtr       reader;
  xmlSchemaValidCtxtPtr  valid;

  /* Input */
  GBytes                *bytes;
  gsize                  offset;
  GInputStream          *stream;
  guint64                total;
  KesXmlProlog           prolog;
  KesXmlScan             scan;
  gboolean               at_eof;

  GError                *error;  /* the first problem, from any callback */
  gboolean               started;
  KesXmlNodeKind         kind;
};

static GPrivate untrusted_depth;
static xmlExternalEntityLoader default_loader;

/* While untrusted input is being parsed on this thread, nothing outside the
 * input may be loaded; at other times (loading our own schemas) the default
 * loader applies. */
static xmlParserInputPtr
guarded_entity_loader (const char       *url,
                       const char       *id,
                       xmlParserCtxtPtr  context)
{
  if (GPOINTER_TO_INT (g_private_get (&untrusted_depth)) > 0)
    return NULL;

  return default_loader (url, id, context);
}

static void
ensure_initialised (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      default_loader = xmlGetExternalEntityLoader ();
      xmlSetExternalEntityLoader (guarded_entity_loader);
      g_once_init_leave (&initialised, 1);
    }
}

static void error_cb (void *data, xmlErrorPtr error);

/* Parser errors are caught through the thread's structured error handler
 * while a read is under way: the reader's own handler does not survive a
 * schema validator being attached. */
typedef struct
{
  xmlStructuredErrorFunc  handler;
  void                   *context;
} SavedHandler;

static SavedHandler
enter_untrusted (KesXmlReader *self)
{
  SavedHandler saved = { xmlStructuredError, xmlStructuredErrorContext };

  g_private_set (&untrusted_depth,
                 GINT_TO_POINTER (GPOINTER_TO_INT (g_private_get (&untrusted_depth)) + 1));
  xmlSetStructuredErrorFunc (self, error_cb);

  return saved;
}

static void
leave_untrusted (SavedHandler saved)
{
  xmlSetStructuredErrorFunc (saved.context, saved.handler);
  g_private_set (&untrusted_depth,
                 GINT_TO_POINTER (GPOINTER_TO_INT (g_private_get (&untrusted_depth)) - 1));
}

void
kes_xml_limits_init (KesXmlLimits *limits)
{
  limits->max_bytes = KES_XML_DEFAULT_MAX_BYTES;
  limits->max_text_bytes = KES_XML_DEFAULT_MAX_TEXT_BYTES;
  limits->max_depth = KES_XML_DEFAULT_MAX_DEPTH;
  kes_xml_scan_limits_init (&limits->scan);
}

static void
record_error (KesXmlReader *self,
              int           code,
              int           line,
              const char   *format,
              ...) G_GNUC_PRINTF (4, 5);

static void
record_error (KesXmlReader *self,
              int           code,
              int           line,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* Translators: a line number, then what is wrong on that line */
    self->error = g_error_new (KES_REPORT_ERROR, code, _("Line %d: %s"), line, message);
  else
    self->error = g_error_new_literal (KES_REPORT_ERROR, code, message);
}

static int
read_cb (void *context,
         char *buffer,
         int   length)
{
  KesXmlReader *self = context;
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (self->error != NULL)
    return -1;

  length = MIN (length, READ_CHUNK);

  if (self->bytes != NULL)
    {
      gsize size;
      const guchar *data = g_bytes_get_data (self->bytes, &size);

      n = MIN ((gsize)length, size - self->offset);
      memcpy (buffer, data + self->offset, n);
      self->offset += n;
    }
  else
    {
      gssize r = g_input_stream_read (self->stream, buffer, length, NULL, &local_error);

      if (r < 0)
        {
          record_error (self, KES_REPORT_ERROR_READ, 0, "%s", local_error->message);
          return -1;
        }
      n = r;
    }

  if (n == 0)
    self->at_eof = TRUE;

  self->total += n;
  if (self->total > self->limits.max_bytes)
    {
      g_autofree char *limit = g_format_size (self->limits.max_bytes);

      record_error (self, KES_REPORT_ERROR_TOO_LARGE, 0,
                    /* Translators: %s is a size, "512.0 MB" */
                    _("The file is larger than %s, the most Kestrel will read."), limit);
      return -1;
    }

  if (!kes_xml_prolog_feed (&self->prolog, (const guchar *)buffer, n, &local_error)
      || !kes_xml_scan_feed (&self->scan, (const guchar *)buffer, n, &local_error))
    {
      record_error (self, local_error->code, 0, "%s", local_error->message);
      return -1;
    }

  return n;
}

static int
close_cb (void *context)
{
  return 0;
}

static void
error_cb (void        *data,
          xmlErrorPtr  error)
{
  KesXmlReader *self = data;
  g_autofree char *message = NULL;

  if (error == NULL || error->level == XML_ERR_WARNING || self->error != NULL)
    return;

  message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));

  if (error->domain == XML_FROM_SCHEMASV)
    {
      record_error (self, KES_REPORT_ERROR_INVALID, error->line,
                    /* Translators: %s is the validator's technical description */
                    _("the XML does not match its schema: %s"), message);
      return;
    }

  if (self->at_eof && !kes_xml_prolog_is_done (&self->prolog))
    {
      if (kes_xml_prolog_is_empty (&self->prolog))
        record_error (self, KES_REPORT_ERROR_NOT_XML, 0, "%s", _("The file is empty."));
      else
        record_error (self, KES_REPORT_ERROR_NOT_XML, 0, "%s",
                      _("The file ends before its first element; it may be cut short."));
      return;
    }

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      record_error (self, KES_REPORT_ERROR_NOT_XML, 0, "%s", _("The file is empty."));
      break;

    case XML_ERR_DOCUMENT_START:
      record_error (self, KES_REPORT_ERROR_NOT_XML, error->line, "%s",
                    _("this is not an XML file."));
      break;

    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      record_error (self, KES_REPORT_ERROR_NOT_XML, error->line, "%s",
                    _("the file is not valid UTF-8 text, or holds a character XML does not allow."));
      break;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
      record_error (self, KES_REPORT_ERROR_UNSAFE, error->line, "%s",
                    _("the file refers to an entity; Kestrel does not expand entities."));
      break;

    case XML_ERR_NO_MEMORY:
      record_error (self, KES_REPORT_ERROR_TOO_LARGE, error->line, "%s",
                    _("a text or name in the file is larger than Kestrel will read."));
      break;

    default:
      if (error->code == XML_ERR_INTERNAL_ERROR && strstr (message, "depth") != NULL)
        record_error (self, KES_REPORT_ERROR_TOO_LARGE, error->line, "%s",
                      _("elements are nested too deeply."));
      else if (self->at_eof)
        record_error (self, KES_REPORT_ERROR_NOT_XML, error->line, "%s",
                      _("the file ends before the XML is complete; it may be cut short."));
      else
        record_error (self, KES_REPORT_ERROR_NOT_XML, error->line,
                      /* Translators: %s is the parser's technical description */
                      _("the file is not well-formed XML: %s"), message);
      break;
    }
}

static KesXmlReader *
reader_new (const KesXmlLimits *limits)
{
  KesXmlReader *self = g_new0 (KesXmlReader, 1);

  ensure_initialised ();

  kes_xml_prolog_init (&self->prolog);
  if (limits != NULL)
    self->limits = *limits;
  else
    kes_xml_limits_init (&self->limits);
  kes_xml_scan_init (&self->scan, &self->limits.scan);

  return self;
}

static KesXmlReader *
reader_open (KesXmlReader  *self,
             GError       **error)
{
  SavedHandler saved = enter_untrusted (self);

  self->reader = xmlReaderForIO (read_cb, close_cb, self, NULL, "UTF-8", SAFE_OPTIONS);
  leave_untrusted (saved);

  if (self->reader == NULL || self->error != NULL)
    {
      if (self->error == NULL)
        record_error (self, KES_REPORT_ERROR_NOT_XML, 0, "%s", _("The file could not be read as XML."));
      g_propagate_error (error, g_steal_pointer (&self->error));
      kes_xml_reader_free (self);
      return NULL;
    }

  return self;
}

KesXmlReader *
kes_xml_reader_new_for_data (GBytes              *data,
                             const KesXmlLimits  *limits,
                             GError             **error)
{
  KesXmlReader *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = reader_new (limits);
  self->bytes = g_bytes_ref (data);

  if (g_bytes_get_size (data) > self->limits.max_bytes)
    {
      g_autofree char *limit = g_format_size (self->limits.max_bytes);

      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE,
                   _("The file is larger than %s, the most Kestrel will read."), limit);
      kes_xml_reader_free (self);
      return NULL;
    }

  return reader_open (self, error);
}

KesXmlReader *
kes_xml_reader_new_for_path (const char          *path,
                             const KesXmlLimits  *limits,
                             GError             **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  KesXmlReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  /* Every import reads through here: never the open database itself. */
  if (!kes_output_guard_check_source (path, error))
    return NULL;
  self = reader_new (limits);
  file = g_file_new_for_path (path);
  self->stream = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));

  if (self->stream == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_READ,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not read “%s”: %s"), name, local_error->message);
      kes_xml_reader_free (self);
      return NULL;
    }

  return reader_open (self, error);
}

void
kes_xml_reader_free (KesXmlReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_pointer (&self->valid, xmlSchemaFreeValidCtxt);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->stream);
  g_clear_error (&self->error);
  kes_xml_prolog_clear (&self->prolog);
  g_free (self);
}

gboolean
kes_xml_reader_set_schema (KesXmlReader  *self,
                           const char    *schema_name,
                           GError       **error)
{
  xmlSchemaPtr schema;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  schema = kes_xml_schema_get (schema_name, error);
  if (schema == NULL)
    return FALSE;

  g_clear_pointer (&self->valid, xmlSchemaFreeValidCtxt);
  self->valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (self->valid, error_cb, self);

  if (xmlTextReaderSchemaValidateCtxt (self->reader, self->valid, 0) != 0)
    {
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NO_SCHEMA,
                           _("The schema could not be attached to the reader."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
fail (KesXmlReader  *self,
      GError       **error)
{
  if (self->error == NULL)
    record_error (self, KES_REPORT_ERROR_NOT_XML, xmlTextReaderGetParserLineNumber (self->reader),
                  "%s", _("the file could not be read as XML."));

  /* Keep a copy, so every later call fails the same way. */
  g_propagate_error (error, g_error_copy (self->error));

  return FALSE;
}

gboolean
kes_xml_reader_next (KesXmlReader  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->started = TRUE;

  while (TRUE)
    {
      SavedHandler saved;
      int result;
      int type;

      if (self->error != NULL)
        return fail (self, error);

      saved = enter_untrusted (self);
      result = xmlTextReaderRead (self->reader);
      leave_untrusted (saved);

      if (result < 0 || self->error != NULL)
        return fail (self, error);

      if (result == 0)
        {
          if (self->valid != NULL && xmlTextReaderIsValid (self->reader) != 1)
            record_error (self, KES_REPORT_ERROR_INVALID, 0, "%s",
                          _("The XML does not match its schema."));
          if (self->error != NULL)
            return fail (self, error);
          return FALSE;
        }

      type = xmlTextReaderNodeType (self->reader);
      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if ((guint)xmlTextReaderDepth (self->reader) > self->limits.max_depth)
            {
              record_error (self, KES_REPORT_ERROR_TOO_LARGE, kes_xml_reader_get_line (self),
                            _("elements are nested more than %u deep."), self->limits.max_depth);
              return fail (self, error);
            }
          self->kind = KES_XML_NODE_START;
          return TRUE;

        case XML_READER_TYPE_END_ELEMENT:
          self->kind = KES_XML_NODE_END;
          return TRUE;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          {
            const char *value = (const char *)xmlTextReaderConstValue (self->reader);

            if (value != NULL && strlen (value) > self->limits.max_text_bytes)
              {
                record_error (self, KES_REPORT_ERROR_TOO_LARGE, kes_xml_reader_get_line (self),
                              "%s", _("a text in the file is larger than Kestrel will read."));
                return fail (self, error);
              }
            self->kind = KES_XML_NODE_TEXT;
            return TRUE;
          }

        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_NOTATION:
          record_error (self, KES_REPORT_ERROR_UNSAFE, kes_xml_reader_get_line (self), "%s",
                        _("the file declares or refers to entities; Kestrel refuses them."));
          return fail (self, error);

        default:
          /* Comments, processing instructions, the XML declaration. */
          break;
        }
    }
}

KesXmlNodeKind
kes_xml_reader_get_kind (KesXmlReader *self)
{
  return self->kind;
}

const char *
kes_xml_reader_get_name (KesXmlReader *self)
{
  return (const char *)xmlTextReaderConstLocalName (self->reader);
}

const char *
kes_xml_reader_get_namespace (KesXmlReader *self)
{
  return (const char *)xmlTextReaderConstNamespaceUri (self->reader);
}

guint
kes_xml_reader_get_depth (KesXmlReader *self)
{
  return MAX (xmlTextReaderDepth (self->reader), 0);
}

/* The line the current node starts on; the parser itself may have read
 * further ahead. */
guint
kes_xml_reader_get_line (KesXmlReader *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  if (line <= 0)
    line = xmlTextReaderGetParserLineNumber (self->reader);

  return MAX (line, 0);
}

gboolean
kes_xml_reader_is_empty_element (KesXmlReader *self)
{
  return xmlTextReaderIsEmptyElement (self->reader) == 1;
}

char *
kes_xml_reader_dup_attribute (KesXmlReader *self,
                              const char   *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (self->reader, (const xmlChar *)name);
  char *copy;

  if (value == NULL)
    return NULL;

  if (strlen ((const char *)value) > self->limits.max_text_bytes)
    {
      xmlFree (value);
      return NULL;
    }

  copy = g_strdup ((const char *)value);
  xmlFree (value);

  return copy;
}

const char *
kes_xml_reader_get_text (KesXmlReader *self)
{
  const char *value = (const char *)xmlTextReaderConstValue (self->reader);

  return value != NULL ? value : "";
}

char *
kes_xml_reader_read_text (KesXmlReader  *self,
                          GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *element = NULL;
  guint depth;

  g_return_val_if_fail (self->kind == KES_XML_NODE_START, NULL);

  if (kes_xml_reader_is_empty_element (self))
    return g_strdup ("");

  element = g_strdup (kes_xml_reader_get_name (self));
  depth = kes_xml_reader_get_depth (self);

  while (kes_xml_reader_next (self, error))
    {
      switch (self->kind)
        {
        case KES_XML_NODE_TEXT:
          g_string_append (text, kes_xml_reader_get_text (self));
          if (text->len > self->limits.max_text_bytes)
            {
              record_error (self, KES_REPORT_ERROR_TOO_LARGE, kes_xml_reader_get_line (self),
                            "%s", _("a text in the file is larger than Kestrel will read."));
              fail (self, error);
              return NULL;
            }
          break;

        case KES_XML_NODE_END:
          if (kes_xml_reader_get_depth (self) == depth)
            return g_string_free (g_steal_pointer (&text), FALSE);
          break;

        case KES_XML_NODE_START:
          record_error (self, KES_REPORT_ERROR_INVALID, kes_xml_reader_get_line (self),
                        /* Translators: both are XML element names */
                        _("<%s> should hold only text, but holds <%s>."),
                        element, kes_xml_reader_get_name (self));
          fail (self, error);
          return NULL;

        default:
          g_assert_not_reached ();
        }
    }

  if (error != NULL && *error == NULL)
    kes_xml_reader_set_error (self, error, KES_REPORT_ERROR_NOT_XML,
                              _("the file ends inside <%s>."), element);

  return NULL;
}

gboolean
kes_xml_reader_skip (KesXmlReader  *self,
                     GError       **error)
{
  guint depth;

  g_return_val_if_fail (self->kind == KES_XML_NODE_START, FALSE);

  if (kes_xml_reader_is_empty_element (self))
    return TRUE;

  depth = kes_xml_reader_get_depth (self);
  while (kes_xml_reader_next (self, error))
    if (self->kind == KES_XML_NODE_END && kes_xml_reader_get_depth (self) == depth)
      return TRUE;

  if (error != NULL && *error == NULL)
    kes_xml_reader_set_error (self, error, KES_REPORT_ERROR_NOT_XML, "%s",
                              _("the file ends inside an element."));

  return FALSE;
}

gboolean
kes_xml_reader_finish (KesXmlReader  *self,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  while (kes_xml_reader_next (self, &local_error))
    ;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
kes_xml_reader_set_error (KesXmlReader  *self,
                          GError       **error,
                          int            code,
                          const char    *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, KES_REPORT_ERROR, code, _("Line %d: %s"),
               (int)kes_xml_reader_get_line (self), message);
}
